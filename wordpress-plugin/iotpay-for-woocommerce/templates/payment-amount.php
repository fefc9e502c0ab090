<?php
/**
 * The amount, order number and error line shared by the payment pages
 * (qr-payment.php, card-payment.php). Override in a theme as
 * iotpay-for-woocommerce/payment-amount.php.
 *
 * @var \WC_Order $order
 * @var string    $amount
 * @var string    $currency
 * @var string    $error    message for the customer, may be empty
 *
 * @package IotPay\WooCommerce
 */

defined( 'ABSPATH' ) || exit;
?>
	<p class="iotpay-wc-qr__amount">
		<span class="iotpay-wc-qr__amount-label"><?php esc_html_e( 'Amount to pay', 'iotpay-for-woocommerce' ); ?></span>
		<strong class="iotpay-wc-qr__amount-value"><?php echo esc_html( $amount . ' ' . $currency ); ?></strong>
		<span class="iotpay-wc-qr__order">
			<?php
			/* translators: %s: order number */
			echo esc_html( sprintf( __( 'Order #%s', 'iotpay-for-woocommerce' ), $order->get_order_number() ) );
			?>
		</span>
	</p>
	<?php if ( '' !== $error ) : ?>
		<p class="iotpay-wc-qr__error" role="alert"><?php echo esc_html( $error ); ?></p>
	<?php endif; ?>
