<?php
/**
 * `GET /iotpay/v1/orders/{id}/status?key=…` — polled by the QR page and the
 * thank-you page. The
 * order key is the authentication (as on WooCommerce's own order pages). At
 * most one IOTPay query per attempt every few seconds, whatever the number
 * of open tabs.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Payment\Starter;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Rest\Routes;
use IotPay\WooCommerce\Payment\OrderReader;

final class StatusController {

	public const MIN_QUERY_INTERVAL = 3;

	public static function register_routes(): void {
		register_rest_route(
			Routes::NAMESPACE,
			'/orders/(?P<id>\d+)/status',
			array(
				'methods'             => 'GET',
				'callback'            => array( self::class, 'handle' ),
				'permission_callback' => '__return_true',
				'args'                => array(
					'id'  => array( 'sanitize_callback' => 'absint' ),
					'key' => array( 'sanitize_callback' => 'sanitize_text_field' ),
				),
			)
		);
	}

	public static function handle( \WP_REST_Request $request ): \WP_REST_Response {
		$order = wc_get_order( (int) $request->get_param( 'id' ) );
		$key   = (string) $request->get_param( 'key' );
		if ( ! $order instanceof \WC_Order || '' === $key || ! hash_equals( $order->get_order_key(), $key ) ) {
			return new \WP_REST_Response( array( 'status' => 'not_found' ), 404 );
		}
		if ( ! Plugin::extension_loaded() ) {
			// Nothing can be checked until the host restores the extension; the
			// order is left as it is and the page keeps asking, slowly.
			$r = new \WP_REST_Response(
				array(
					'status'  => 'unavailable',
					'message' => CustomerMessages::unavailable(),
				),
				503
			);
			$r->header( 'Retry-After', '30' );
			$r->header( 'Cache-Control', 'no-store' );
			return $r;
		}
		$status = self::status( $order );
		$body   = array( 'status' => $status );
		if ( 'paid' === $status ) {
			$body['redirect'] = $order->get_checkout_order_received_url();
		}
		$r = new \WP_REST_Response( $body, 200 );
		$r->header( 'Cache-Control', 'no-store' );
		return $r;
	}

	/** paid, pending, expired, failed. */
	public static function status( \WC_Order $order ): string {
		if ( self::is_paid( $order ) ) {
			return 'paid';
		}
		$current = Attempts::for_order( $order->get_id() )[0] ?? null;
		if ( null === $current ) {
			return 'failed';
		}
		if ( $current->is_live() && Attempts::claim_check( $current->id, self::MIN_QUERY_INTERVAL ) ) {
			$outcome = Completion::check( $current, 'poll' );
			if ( $outcome->is_paid() ) {
				return 'paid';
			}
			$current = Attempts::find( $current->id ) ?? $current;
		}
		if ( self::is_paid( OrderReader::fresh_order( $order->get_id() ) ) ) {
			return 'paid';
		}
		if ( Attempt::FAILED === $current->state ) {
			return 'failed';
		}
		if ( $current->age() >= Starter::QR_LIFETIME ) {
			return 'expired';
		}
		return 'pending';
	}

	public static function is_paid( $order ): bool {
		return $order instanceof \WC_Order && ( '' !== (string) $order->get_meta( Completion::META_PAID_ATTEMPT ) || $order->is_paid() );
	}
}
