<?php
/**
 * The "IOTPay" panel on the order edit screen (classic and HPOS): every
 * attempt, every refund, what needs the shop owner's attention and what to do
 * about it, and a "Check now" link (nonce + capability) that runs the same
 * locked re-check as the order action. Plain HTML: works without JavaScript.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Admin;

use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Payment\Protocols;
use IotPay\WooCommerce\Refund\Refund;
use IotPay\WooCommerce\Refund\Refunds;

final class OrderPanel {

	public const ACTION = 'iotpay_check_order';

	/** Order edit screens: posts storage, and HPOS (WooCommerce 7.1+ wc-orders page). */
	private const SCREENS = array( 'shop_order', 'woocommerce_page_wc-orders' );

	/**
	 * `add_meta_boxes`: classic screens pass a WP_Post, HPOS passes the WC_Order.
	 *
	 * @param string $screen_id
	 * @param mixed  $object
	 */
	public static function add( $screen_id, $object = null ): void {
		if ( ! in_array( $screen_id, self::SCREENS, true ) ) {
			return;
		}
		$order = self::order_of( $object );
		if ( null === $order || ( null === AbstractGateway::for_order( $order ) && ! Attempts::for_order( $order->get_id() ) ) ) {
			return;
		}
		add_meta_box( 'iotpay-payment', self::is_sunbay( $order ) ? __( 'SUNBAY', 'iotpay-for-woocommerce' ) : __( 'IOTPay', 'iotpay-for-woocommerce' ), array( self::class, 'render' ), $screen_id, 'normal', 'default' );
	}

	/** An order paid (or being paid) through SUNBAY: its panel names SUNBAY. */
	private static function is_sunbay( \WC_Order $order ): bool {
		return \IotPay\WooCommerce\Gateway\SunbayGateway::ID === $order->get_payment_method();
	}

	/** @param mixed $object */
	private static function order_of( $object ): ?\WC_Order {
		if ( $object instanceof \WC_Order ) {
			return $object;
		}
		if ( $object instanceof \WP_Post ) {
			$order = wc_get_order( $object->ID );
			return $order instanceof \WC_Order ? $order : null;
		}
		return null;
	}

	/** @param mixed $object */
	public static function render( $object ): void {
		$order = self::order_of( $object );
		if ( null === $order ) {
			return;
		}
		$attention = (string) $order->get_meta( Completion::META_ATTENTION );
		if ( '' !== $attention ) {
			printf( '<div class="notice notice-warning inline"><p><strong>%1$s</strong> %2$s</p></div>', esc_html__( 'Needs attention:', 'iotpay-for-woocommerce' ), esc_html( self::attention_text( $attention, Protocols::name_of_order( $order ) ) ) );
		}
		if ( isset( $_GET['iotpay_checked'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- display only.
			/* translators: %s: provider name (IOTPay or SUNBAY) */
			echo '<p class="iotpay-checked">' . esc_html( sprintf( __( 'Checked with %s just now; what it said is in the order notes.', 'iotpay-for-woocommerce' ), Protocols::name_of_order( $order ) ) ) . '</p>';
		}

		$rows = array();
		foreach ( Attempts::for_order( $order->get_id() ) as $a ) {
			$rows[] = array(
				'<code>' . esc_html( $a->mch_order_no ) . '</code>'
				// A renewal charged without the customer (Recurring\Renewals) is told apart from a checkout payment.
				. ( \IotPay\WooCommerce\Recurring\Renewals::ORIGIN === ( $a->pay_data['origin'] ?? '' ) ? ' <span class="iotpay-renewal">' . esc_html__( '(subscription renewal)', 'iotpay-for-woocommerce' ) . '</span>' : '' ),
				esc_html( \IotPay\WooCommerce\Payment\Protocols::name( $a->family ) . ' ' . $a->channel ),
				esc_html( self::money( $a->amount, $a->currency ) ),
				esc_html( self::attempt_state( $a ) ),
				esc_html( (string) $a->pay_order_id ),
				esc_html( $a->created_at ),
				esc_html( $a->updated_at ),
			);
		}
		self::records(
			__( 'Payment attempts', 'iotpay-for-woocommerce' ),
			/* translators: %s: provider name (IOTPay or SUNBAY) */
			sprintf( __( 'No %s payment was started for this order.', 'iotpay-for-woocommerce' ), Protocols::name_of_order( $order ) ),
			'iotpay-attempts',
			array( __( 'Number', 'iotpay-for-woocommerce' ), __( 'Channel', 'iotpay-for-woocommerce' ), __( 'Amount', 'iotpay-for-woocommerce' ), __( 'State', 'iotpay-for-woocommerce' ), __( 'Provider transaction', 'iotpay-for-woocommerce' ), __( 'Created (UTC)', 'iotpay-for-woocommerce' ), __( 'Last change (UTC)', 'iotpay-for-woocommerce' ) ),
			$rows
		);

		$rows = array();
		foreach ( Refunds::for_order( $order->get_id() ) as $r ) {
			$rows[] = array(
				'<code>' . esc_html( $r->mch_refund_no ) . '</code>',
				esc_html( self::money( $r->amount, $r->currency ) ),
				esc_html( self::refund_state( $r ) ),
				esc_html( (string) $r->refund_order_id ),
				esc_html( $r->message ),
			);
		}
		self::records(
			__( 'Refunds', 'iotpay-for-woocommerce' ),
			/* translators: %s: provider name (IOTPay or SUNBAY) */
			sprintf( __( 'No %s refunds.', 'iotpay-for-woocommerce' ), Protocols::name_of_order( $order ) ),
			'iotpay-refunds',
			array( __( 'Number', 'iotpay-for-woocommerce' ), __( 'Amount', 'iotpay-for-woocommerce' ), __( 'State', 'iotpay-for-woocommerce' ), __( 'Provider refund', 'iotpay-for-woocommerce' ), __( 'Detail', 'iotpay-for-woocommerce' ) ),
			$rows
		);

		if ( current_user_can( 'edit_shop_orders' ) ) {
			$url = wp_nonce_url( admin_url( 'admin-post.php?action=' . self::ACTION . '&order_id=' . $order->get_id() ), self::ACTION . '_' . $order->get_id() );
			printf( '<p><a class="button" href="%1$s">%2$s</a></p>', esc_url( $url ), esc_html( self::is_sunbay( $order ) ? __( 'Check now with SUNBAY', 'iotpay-for-woocommerce' ) : __( 'Check now with IOTPay', 'iotpay-for-woocommerce' ) ) );
		}
	}

	/**
	 * One list of the panel (the attempts, the refunds): its heading, then
	 * `$empty` when there is nothing, else a table. Shared so both lists look
	 * and read alike.
	 *
	 * @param list<string>       $headings
	 * @param list<list<string>> $rows Cells, already escaped.
	 */
	private static function records( string $title, string $empty, string $class, array $headings, array $rows ): void {
		echo '<h4>' . esc_html( $title ) . '</h4>';
		if ( ! $rows ) {
			echo '<p>' . esc_html( $empty ) . '</p>';
			return;
		}
		echo '<table class="widefat striped ' . esc_attr( $class ) . '"><thead><tr>';
		foreach ( $headings as $h ) {
			echo '<th>' . esc_html( $h ) . '</th>';
		}
		echo '</tr></thead><tbody>';
		foreach ( $rows as $cells ) {
			echo '<tr><td>' . implode( '</td><td>', $cells ) . '</td></tr>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- cells escaped by the caller.
		}
		echo '</tbody></table>';
	}

	/** `admin_post_iotpay_check_order`: nonce per order, capability, the locked re-check, back to the order. */
	public static function handle_check(): void {
		$order_id = isset( $_GET['order_id'] ) ? absint( wp_unslash( $_GET['order_id'] ) ) : 0;
		check_admin_referer( self::ACTION . '_' . $order_id );
		if ( ! current_user_can( 'edit_shop_orders' ) ) {
			wp_die( esc_html__( 'You are not allowed to do this.', 'iotpay-for-woocommerce' ), 403 );
		}
		$order = wc_get_order( $order_id );
		if ( ! $order instanceof \WC_Order ) {
			wp_die( esc_html__( 'Order not found.', 'iotpay-for-woocommerce' ), 404 );
		}
		OrderActions::recheck( $order );
		wp_safe_redirect( add_query_arg( 'iotpay_checked', '1', $order->get_edit_order_url() ) );
		exit;
	}

	private static function money( int $minor, string $currency ): string {
		return \IotPay\WooCommerce\Payment\Amount::format( $minor, $currency ) . ' ' . $currency;
	}

	private static function attempt_state( Attempt $a ): string {
		$labels = array(
			Attempt::CREATING   => __( 'being created', 'iotpay-for-woocommerce' ),
			Attempt::OPEN       => __( 'waiting for the customer', 'iotpay-for-woocommerce' ),
			Attempt::UNKNOWN    => __( 'outcome unknown, checked automatically', 'iotpay-for-woocommerce' ),
			Attempt::PAID       => __( 'paid', 'iotpay-for-woocommerce' ),
			Attempt::FAILED     => __( 'cancelled or refused', 'iotpay-for-woocommerce' ),
			Attempt::SUPERSEDED => __( 'replaced by a newer attempt', 'iotpay-for-woocommerce' ),
		);
		$label = $labels[ $a->state ] ?? $a->state;
		return 'duplicate payment' === $a->note ? $label . ' — ' . __( 'duplicate payment', 'iotpay-for-woocommerce' ) : $label;
	}

	private static function refund_state( Refund $r ): string {
		$provider = Protocols::name( $r->family );
		$labels   = array(
			Refund::SENDING => __( 'sent', 'iotpay-for-woocommerce' ),
			/* translators: %s: provider name (IOTPay or SUNBAY) */
			Refund::UNKNOWN => sprintf( __( 'waiting for %s (no answer yet)', 'iotpay-for-woocommerce' ), $provider ),
			/* translators: %s: provider name (IOTPay or SUNBAY) */
			Refund::PENDING => sprintf( __( 'waiting for %s to confirm', 'iotpay-for-woocommerce' ), $provider ),
			Refund::DONE    => __( 'confirmed', 'iotpay-for-woocommerce' ),
			Refund::FAILED  => __( 'failed', 'iotpay-for-woocommerce' ),
		);
		$label = $labels[ $r->state ] ?? $r->state;
		return $r->is_void() ? $label . ' — ' . __( 'void (card payment cancelled before settlement)', 'iotpay-for-woocommerce' ) : $label;
	}

	/** What an attention flag means, and what the shop owner should do; $provider names the order's provider. */
	private static function attention_text( string $flag, string $provider ): string {
		if ( str_starts_with( $flag, 'mismatch' ) ) {
			return sprintf( /* translators: %s: provider name (IOTPay or SUNBAY) */ __( '%1$s reported a payment that does not match this order (amount, currency or merchant). The order is not cancelled automatically; compare it with the payment in the %1$s merchant portal.', 'iotpay-for-woocommerce' ), $provider );
		}
		$texts = array(
			'duplicate_payment' => sprintf( /* translators: %s: provider name (IOTPay or SUNBAY) */ __( 'The customer paid twice. Refund the extra %1$s payment from the %1$s merchant portal.', 'iotpay-for-woocommerce' ), $provider ),
			'late_payment'      => __( 'The payment arrived after the order had been cancelled; the order was restored. Check stock before shipping, or refund.', 'iotpay-for-woocommerce' ),
			'complete_failed'   => sprintf( /* translators: %s: provider name (IOTPay or SUNBAY) */ __( '%s received the payment but WooCommerce did not record it. It is retried automatically; do not cancel the order.', 'iotpay-for-woocommerce' ), $provider ),
			'attempt_unresolved' => sprintf( /* translators: %s: provider name (IOTPay or SUNBAY) */ __( '%1$s never confirmed the outcome of a payment attempt. Look it up in the %1$s merchant portal (see the order notes); the customer can pay again meanwhile.', 'iotpay-for-woocommerce' ), $provider ),
			'refund_failed'     => sprintf( /* translators: %s: provider name (IOTPay or SUNBAY) */ __( 'A refund WooCommerce had recorded failed at %s and its record was removed. Refund again if the customer is still owed it.', 'iotpay-for-woocommerce' ), $provider ),
			'refund_unrecorded' => sprintf( /* translators: %s: provider name (IOTPay or SUNBAY) */ __( '%s made a refund that WooCommerce could not record. Record it by hand (without refunding again).', 'iotpay-for-woocommerce' ), $provider ),
			'refund_unconfirmed' => sprintf( /* translators: %s: provider name (IOTPay or SUNBAY) */ __( '%1$s refused a refund when it was sent again, so whether the customer was refunded is not known. Look the refund number up in the %1$s merchant portal (see the order notes) before refunding this money again.', 'iotpay-for-woocommerce' ), $provider ),
			'void_pending'       => __( 'This cancelled order\'s card payment could not be voided because the iotpay PHP extension was missing. It is voided automatically once the extension is back.', 'iotpay-for-woocommerce' ),
			'merchant_unavailable' => sprintf( /* translators: %s: provider name (IOTPay or SUNBAY) */ __( 'A payment or refund of this order was made with a merchant account at %1$s that is no longer set up. Enter that account\'s merchant ID and key again, or check it in the %1$s merchant portal (see the order notes).', 'iotpay-for-woocommerce' ), $provider ),
		);
		return $texts[ $flag ] ?? $flag;
	}
}
