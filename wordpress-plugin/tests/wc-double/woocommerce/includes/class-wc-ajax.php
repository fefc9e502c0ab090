<?php
/**
 * Test double: WC_AJAX::refund_line_items(), the admin-ajax handler behind
 * the order screen's "Refund … via {gateway}" button.
 *
 * Modelled on WooCommerce 7.9 includes/class-wc-ajax.php refund_line_items():
 * nonce 'order-item' in `security`, capability edit_shop_orders (else
 * wp_die( -1 )), amounts through wc_format_decimal, "Invalid refund amount"
 * when the amount exceeds total − total refunded, "Error processing refund.
 * Please try again." when the posted `refunded_amount` is not the order's
 * current total refunded (the page was stale), then wc_create_refund() with
 * refund_payment = (api_refund === 'true'); JSON success/error. Line items,
 * restocking and the fully-refunded status field are left out. Own
 * implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_AJAX {

	public static function init(): void {
		add_action( 'wp_ajax_woocommerce_refund_line_items', array( self::class, 'refund_line_items' ) );
	}

	public static function refund_line_items(): void {
		ob_start();
		check_ajax_referer( 'order-item', 'security' );
		if ( ! current_user_can( 'edit_shop_orders' ) ) {
			wp_die( -1 );
		}
		$order_id        = absint( $_POST['order_id'] ?? 0 );
		$refund_amount   = wc_format_decimal( sanitize_text_field( wp_unslash( $_POST['refund_amount'] ?? '' ) ), wc_get_price_decimals() );
		$refunded_amount = wc_format_decimal( sanitize_text_field( wp_unslash( $_POST['refunded_amount'] ?? '' ) ), wc_get_price_decimals() );
		$refund_reason   = sanitize_text_field( wp_unslash( $_POST['refund_reason'] ?? '' ) );
		$api_refund      = isset( $_POST['api_refund'] ) && 'true' === $_POST['api_refund'];
		$response        = array();
		try {
			$order = wc_get_order( $order_id );
			if ( ! $order ) {
				throw new Exception( __( 'Invalid order ID.', 'woocommerce' ) );
			}
			$max_refund = wc_format_decimal( $order->get_total() - $order->get_total_refunded(), wc_get_price_decimals() );
			if ( ( ! $refund_amount && ( wc_format_decimal( 0, wc_get_price_decimals() ) !== $refund_amount ) ) || $max_refund < $refund_amount || 0 > $refund_amount ) {
				throw new Exception( __( 'Invalid refund amount', 'woocommerce' ) );
			}
			if ( wc_format_decimal( $order->get_total_refunded(), wc_get_price_decimals() ) !== $refunded_amount ) {
				throw new Exception( __( 'Error processing refund. Please try again.', 'woocommerce' ) );
			}
			$refund = wc_create_refund(
				array(
					'amount'         => $refund_amount,
					'reason'         => $refund_reason,
					'order_id'       => $order_id,
					'line_items'     => array(),
					'refund_payment' => $api_refund,
					'restock_items'  => false,
				)
			);
			if ( is_wp_error( $refund ) ) {
				throw new Exception( $refund->get_error_message() );
			}
			$response['refund_id'] = $refund->get_id();
		} catch ( Exception $e ) {
			ob_end_clean();
			wp_send_json_error( array( 'error' => $e->getMessage() ) );
		}
		ob_end_clean();
		wp_send_json_success( $response );
	}
}
