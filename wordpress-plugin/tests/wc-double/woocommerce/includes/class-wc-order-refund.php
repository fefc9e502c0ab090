<?php
/**
 * Test double: WC_Order_Refund.
 *
 * Modelled on WooCommerce 7.9 includes/class-wc-order-refund.php: a
 * shop_order_refund child of the order (status "completed") with the extra
 * props amount, reason, refunded_by, refunded_payment (stored as the
 * _refund_amount, _refund_reason, _refunded_by, _refunded_payment meta in
 * both storages); get_amount() returns the decimal string; its total is the
 * negative amount. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Order_Refund extends WC_Abstract_Order {

	protected $data_store_name = 'order-refund';

	protected $object_type = 'order_refund';

	protected $extra_data = array(
		'amount'           => '',
		'reason'           => '',
		'refunded_by'      => 0,
		'refunded_payment' => false,
	);

	public function get_type() {
		return 'shop_order_refund';
	}

	public function get_status( $context = 'view' ) {
		return 'completed';
	}

	public function get_amount( $context = 'view' ) {
		return $this->get_prop( 'amount', $context );
	}

	public function get_reason( $context = 'view' ) {
		return $this->get_prop( 'reason', $context );
	}

	public function get_refunded_by( $context = 'view' ) {
		return $this->get_prop( 'refunded_by', $context );
	}

	public function get_refunded_payment( $context = 'view' ) {
		return $this->get_prop( 'refunded_payment', $context );
	}

	public function get_formatted_refund_amount() {
		return apply_filters( 'woocommerce_formatted_refund_amount', wc_price( $this->get_amount(), array( 'currency' => $this->get_currency() ) ), $this );
	}

	public function get_refund_amount() {
		return $this->get_amount();
	}

	public function get_refund_reason() {
		return $this->get_reason();
	}

	public function get_post_title() {
		return sprintf( __( 'Refund &ndash; %s', 'woocommerce' ), gmdate( 'M d, Y @ h:i A', iotpay_test_now() ) );
	}

	public function set_amount( $value ) {
		$this->set_prop( 'amount', wc_format_decimal( $value, wc_get_price_decimals() ) );
	}

	public function set_reason( $value ) {
		$this->set_prop( 'reason', $value );
	}

	public function set_refunded_by( $value ) {
		$this->set_prop( 'refunded_by', absint( $value ) );
	}

	public function set_refunded_payment( $value ) {
		$this->set_prop( 'refunded_payment', (bool) $value );
	}

	public function get_refunded_by_user() {
		return get_user_by( 'id', $this->get_refunded_by() );
	}
}
