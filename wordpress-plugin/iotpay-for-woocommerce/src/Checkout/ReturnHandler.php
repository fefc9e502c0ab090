<?php
/**
 * The order-received page of an IOTPay order that is not paid yet (the
 * browser came back from IOTPay's page or app). The redirect itself proves
 * nothing: IOTPay is asked (through the one completion path) before the page
 * says anything — at `woocommerce_before_thankyou`, which WooCommerce fires
 * before its heading and text on the classic page (7.9) and in the
 * order-confirmation block (11.0) alike. The customer then reads one clear
 * state, in WooCommerce's own heading and text (filtered) and in our block
 * below them:
 * - paid now: WooCommerce's thank-you, and "confirmed";
 * - declined (a card refused, V3 status 9): why, nothing charged, try again;
 * - not completed (cancelled or expired at IOTPay): nothing charged, try again;
 * - being confirmed: the page asks again by itself (status endpoint) and
 *   reloads once IOTPay answers; without JavaScript a refresh link;
 * - unavailable: the extension is missing on this server.
 * Never "thank you" beside a failure.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Payment\OrderReader;
use IotPay\WooCommerce\Plugin;

final class ReturnHandler {

	public const PAID_NOW      = 'paid_now';
	public const DECLINED      = 'declined';
	public const NOT_COMPLETED = 'not_completed';
	public const WAITING       = 'waiting';
	public const UNAVAILABLE   = 'unavailable';

	/** @var array<string, ?string> What this request learnt per order (null: nothing to add to WooCommerce's page). */
	private static array $states = array();

	/** The order the page is about (the block's text filter passes no order). */
	private static int $current = 0;

	/** `woocommerce_before_thankyou`: ask IOTPay before WooCommerce prints its heading. */
	public static function before_thank_you( $order_id ): void {
		self::$current = (int) $order_id;
		self::state( (int) $order_id );
	}

	/** `woocommerce_thankyou_{gateway}`: our block under WooCommerce's text. */
	public static function on_thank_you( $order_id ): void {
		$order = OrderReader::fresh_order( (int) $order_id );
		if ( ! $order instanceof \WC_Order ) {
			return;
		}
		switch ( self::state( $order->get_id() ) ) {
			case self::PAID_NOW:
				echo '<p class="iotpay-wc-return iotpay-wc-return--paid">' . esc_html__( 'Your payment has been confirmed. Thank you!', 'iotpay-for-woocommerce' ) . '</p>';
				return;
			case self::DECLINED:
			case self::NOT_COMPLETED:
				echo '<div class="iotpay-wc-return iotpay-wc-return--failed"><p><a class="button wp-element-button" href="' . esc_url( $order->get_checkout_payment_url() ) . '">'
					. esc_html__( 'Try again or choose another payment method', 'iotpay-for-woocommerce' ) . '</a></p></div>';
				return;
			case self::UNAVAILABLE:
				echo '<div class="iotpay-wc-return iotpay-wc-return--unavailable"><p>' . esc_html( CustomerMessages::unavailable() ) . '</p></div>';
				return;
			case self::WAITING:
				self::print_waiting( $order );
				return;
		}
	}

	/** `woocommerce_thankyou_order_received_text`. @param string $text @param \WC_Order|null $order */
	public static function received_text( $text, $order = null ) {
		switch ( self::state( self::order_id( $order ) ) ) {
			case self::DECLINED:
				return CustomerMessages::card_declined();
			case self::NOT_COMPLETED:
				return CustomerMessages::not_completed();
			case self::WAITING:
				/* translators: %s: the payment provider, IOTPay or SUNBAY */
				return sprintf( __( 'Your order has been received. We are waiting for %s to confirm your payment.', 'iotpay-for-woocommerce' ), self::provider_name( self::order_id( $order ) ) );
			case self::UNAVAILABLE:
				return __( 'Your order has been received and is waiting for payment.', 'iotpay-for-woocommerce' );
		}
		return $text;
	}

	/** `woocommerce_thankyou_order_received_title` (the order-confirmation block, WooCommerce 9.6+). @param string $title @param \WC_Order|null $order */
	public static function received_title( $title, $order = null ) {
		switch ( self::state( self::order_id( $order ) ) ) {
			case self::DECLINED:
				return __( 'Payment declined', 'iotpay-for-woocommerce' );
			case self::NOT_COMPLETED:
				return __( 'Payment not completed', 'iotpay-for-woocommerce' );
			case self::WAITING:
				return __( 'Payment being confirmed', 'iotpay-for-woocommerce' );
		}
		return $title;
	}

	/**
	 * `woocommerce_endpoint_order-received_title` (the classic page's title,
	 * "Order received"): the same words as the block's heading.
	 *
	 * @param string $title The endpoint title.
	 */
	public static function endpoint_title( $title ) {
		$id = absint( get_query_var( 'order-received' ) );
		if ( $id <= 0 ) {
			return $title;
		}
		self::$current = self::$current > 0 ? self::$current : $id;
		return self::received_title( $title, null );
	}

	/** Who the customer paid (a brand name, not translated). */
	private static function provider_name( int $order_id ): string {
		$order = $order_id > 0 ? wc_get_order( $order_id ) : null;
		return \IotPay\WooCommerce\Payment\Protocols::name_of_order( $order instanceof \WC_Order ? $order : null );
	}

	private static function order_id( $order ): int {
		return $order instanceof \WC_Order ? $order->get_id() : self::$current;
	}

	/** What the page says about this order; decided once per request. */
	public static function state( int $order_id ): ?string {
		if ( $order_id <= 0 ) {
			return null;
		}
		// Keyed by the order key too: one PHP process may serve several requests (tests, workers).
		$order = wc_get_order( $order_id );
		$key   = $order_id . ':' . ( $order instanceof \WC_Order ? $order->get_order_key() : '' );
		if ( ! array_key_exists( $key, self::$states ) ) {
			self::$states[ $key ] = self::decide( $order_id );
		}
		return self::$states[ $key ];
	}

	private static function decide( int $order_id ): ?string {
		$order = OrderReader::fresh_order( $order_id );
		if ( ! $order instanceof \WC_Order || null === AbstractGateway::for_order( $order ) ) {
			return null; // Not an IOTPay order: WooCommerce's page as it is.
		}
		if ( StatusController::is_paid( $order ) || ! $order->has_status( array( 'pending', 'on-hold', 'failed' ) ) ) {
			return null;
		}
		if ( ! Plugin::extension_loaded() ) {
			return self::UNAVAILABLE;
		}
		$attempts = Attempts::for_order( $order->get_id() );
		foreach ( $attempts as $attempt ) {
			if ( $attempt->is_live() && Attempts::claim_check( $attempt->id, StatusController::MIN_QUERY_INTERVAL ) ) {
				if ( Completion::check( $attempt, 'return' )->is_paid() ) {
					return self::PAID_NOW;
				}
			}
		}
		$current = Attempts::for_order( $order->get_id() )[0] ?? null;
		if ( null === $current ) {
			return null; // No IOTPay payment started (e.g. a card being saved first).
		}
		if ( Attempt::FAILED === $current->state ) {
			return 'declined' === $current->note ? self::DECLINED : self::NOT_COMPLETED;
		}
		return self::WAITING;
	}

	private static function print_waiting( \WC_Order $order ): void {
		$here = $order->get_checkout_order_received_url();
		OrderPayPage::enqueue_style();
		PaymentPage::enqueue_status_script(
			PaymentPage::polling( $order, 3000 ) + array(
				'status'   => 'pending',
				'thankYou' => $here,
				'mode'     => 'return',
			)
		);
		echo '<div class="iotpay-wc-return" id="iotpay-wc-return" data-status="pending">';
		echo '<p class="iotpay-wc-return__pending" aria-live="polite">';
		/* translators: %s: the payment provider, IOTPay or SUNBAY */
		echo esc_html( sprintf( __( 'This page updates by itself once %s confirms your payment; you will also receive an email.', 'iotpay-for-woocommerce' ), self::provider_name( $order->get_id() ) ) );
		echo ' <a class="iotpay-wc-return__refresh" href="' . esc_url( $here ) . '">' . esc_html__( 'Refresh this page', 'iotpay-for-woocommerce' ) . '</a></p>';
		echo '</div>';
	}
}
