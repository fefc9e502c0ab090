<?php
/**
 * The thank-you page after a wallet redirect. The redirect itself proves
 * nothing; if the order is not paid yet, ask IOTPay (through the one
 * completion path) before the page is shown. If it still is not confirmed
 * (or another check ran a moment ago), the page says so and keeps asking by
 * itself through the status endpoint, reloading once the payment is
 * confirmed; without JavaScript a refresh link does the same.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Rest\Routes;

final class ReturnHandler {

	public static function on_thank_you( $order_id ): void {
		$order = wc_get_order( (int) $order_id );
		if ( ! $order instanceof \WC_Order || $order->is_paid() || '' !== (string) $order->get_meta( Completion::META_PAID_ATTEMPT ) ) {
			return;
		}
		if ( ! $order->has_status( array( 'pending', 'on-hold', 'failed' ) ) ) {
			return;
		}
		if ( ! Plugin::extension_loaded() ) {
			echo '<div class="iotpay-wc-return iotpay-wc-return--unavailable"><p>' . esc_html( CustomerMessages::unavailable() ) . '</p></div>';
			return;
		}
		foreach ( Attempts::for_order( $order->get_id() ) as $attempt ) {
			if ( $attempt->is_live() && Attempts::claim_check( $attempt->id, StatusController::MIN_QUERY_INTERVAL ) ) {
				if ( Completion::check( $attempt, 'return' )->is_paid() ) {
					// What WooCommerce printed above was read before this check.
					echo '<p class="iotpay-wc-return iotpay-wc-return--paid">' . esc_html__( 'Your payment has been confirmed. Thank you!', 'iotpay-for-woocommerce' ) . '</p>';
					return;
				}
			}
		}
		self::print_waiting( $order );
	}

	private static function print_waiting( \WC_Order $order ): void {
		$here = $order->get_checkout_order_received_url();
		wp_enqueue_style( 'iotpay-wc-qr', plugins_url( 'assets/css/qr-page.css', IOTPAY_WC_FILE ), array(), IOTPAY_WC_VERSION );
		PaymentPage::enqueue_status_script(
			array(
				'statusUrl' => add_query_arg( 'key', $order->get_order_key(), Routes::status_url( $order->get_id() ) ),
				'interval'  => 3000,
				'status'    => 'pending',
				'thankYou'  => $here,
				'mode'      => 'return',
			)
		);
		echo '<div class="iotpay-wc-return" id="iotpay-wc-return" data-status="pending">';
		echo '<p class="iotpay-wc-return__pending" aria-live="polite">';
		echo esc_html__( 'We are waiting for IOTPay to confirm your payment. This page updates by itself once it is confirmed; you will also receive an email.', 'iotpay-for-woocommerce' );
		echo ' <a class="iotpay-wc-return__refresh" href="' . esc_url( $here ) . '">' . esc_html__( 'Refresh this page', 'iotpay-for-woocommerce' ) . '</a></p>';
		echo '<p class="iotpay-wc-return__failed" hidden>' . esc_html__( 'Your payment was not completed.', 'iotpay-for-woocommerce' )
			. ' <a href="' . esc_url( $order->get_checkout_payment_url() ) . '">' . esc_html__( 'Try again or choose another payment method', 'iotpay-for-woocommerce' ) . '</a></p>';
		echo '</div>';
	}
}
