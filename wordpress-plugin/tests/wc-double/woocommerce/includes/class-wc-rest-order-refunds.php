<?php
/**
 * Test double: POST /wc/v3/orders/{order_id}/refunds.
 *
 * Modelled on WooCommerce 7.9 WC_REST_Order_Refunds_Controller (v3, extending
 * the v2 controller): permission `edit_shop_orders` (wc_rest_check_post_permissions
 * 'shop_order' 'create'), an amount that must be positive ("Refund amount must
 * be greater than zero."), then wc_create_refund() with refund_payment =
 * api_refund (default true) — with no stale-page check, so two API clients
 * can refund at the same moment. Answers 201 with id/amount/reason; a gateway
 * error is a 500 `woocommerce_rest_cannot_create_order_refund`. Line items and
 * the full response schema are left out. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_REST_Order_Refunds_Controller {

	public static function register_routes(): void {
		register_rest_route(
			'wc/v3',
			'/orders/(?P<order_id>[\d]+)/refunds',
			array(
				'methods'             => 'POST',
				'callback'            => array( self::class, 'create_item' ),
				'permission_callback' => static fn () => current_user_can( 'edit_shop_orders' ),
			)
		);
	}

	public static function create_item( WP_REST_Request $request ) {
		$order = wc_get_order( (int) $request['order_id'] );
		if ( ! $order ) {
			return new WP_Error( 'woocommerce_rest_invalid_order_id', __( 'Invalid order ID.', 'woocommerce' ), array( 'status' => 404 ) );
		}
		$amount = wc_format_decimal( (string) $request['amount'], wc_get_price_decimals() );
		if ( 0 >= $amount ) {
			return new WP_Error( 'woocommerce_rest_invalid_order_refund', __( 'Refund amount must be greater than zero.', 'woocommerce' ), array( 'status' => 400 ) );
		}
		$refund = wc_create_refund(
			array(
				'order_id'       => $order->get_id(),
				'amount'         => $amount,
				'reason'         => (string) ( $request['reason'] ?? '' ),
				'refund_payment' => null === $request['api_refund'] ? true : (bool) $request['api_refund'],
			)
		);
		if ( is_wp_error( $refund ) ) {
			return new WP_Error( 'woocommerce_rest_cannot_create_order_refund', $refund->get_error_message(), array( 'status' => 500 ) );
		}
		return new WP_REST_Response(
			array(
				'id'     => $refund->get_id(),
				'amount' => $refund->get_amount(),
				'reason' => $refund->get_reason(),
			),
			201
		);
	}
}
