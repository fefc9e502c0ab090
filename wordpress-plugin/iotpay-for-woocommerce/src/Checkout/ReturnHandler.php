<?php
/**
 * The thank-you page after a wallet redirect. The redirect itself proves
 * nothing; if the order is not paid yet, ask IOTPay (through the one
 * completion path) before the page is shown.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Plugin;

final class ReturnHandler {

	public static function on_thank_you( $order_id ): void {
		$order = wc_get_order( (int) $order_id );
		if ( ! $order instanceof \WC_Order || $order->is_paid() || '' !== (string) $order->get_meta( Completion::META_PAID_ATTEMPT ) ) {
			return;
		}
		foreach ( Attempts::for_order( $order->get_id() ) as $attempt ) {
			if ( $attempt->is_live() && Attempts::claim_check( $attempt->id, StatusController::MIN_QUERY_INTERVAL ) ) {
				if ( Completion::check( $attempt, 'return' )->is_paid() ) {
					return;
				}
			}
		}
		echo '<p class="iotpay-wc-pending">' . esc_html__( 'We are waiting for IOTPay to confirm your payment. This page will show it once it is confirmed; you will also receive an email.', Plugin::TEXT_DOMAIN ) . '</p>';
	}
}
