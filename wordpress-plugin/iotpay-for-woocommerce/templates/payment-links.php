<?php
/**
 * The ways back under an unpaid payment page (another payment method,
 * cancel), shared by the payment pages (qr-payment.php, card-payment.php).
 * Override in a theme as iotpay-for-woocommerce/payment-links.php.
 *
 * @var string $state        the page's state ('paid': nothing to show)
 * @var string $other_method the order-pay page with the payment methods
 * @var string $cancel_url   WooCommerce's cancel-order link
 *
 * @package IotPay\WooCommerce
 */

defined( 'ABSPATH' ) || exit;
?>
	<?php if ( 'paid' !== $state ) : ?>
		<p class="iotpay-wc-qr__links">
			<a class="iotpay-wc-qr__other" href="<?php echo esc_url( $other_method ); ?>"><?php esc_html_e( 'Choose another payment method', 'iotpay-for-woocommerce' ); ?></a>
			<a class="iotpay-wc-qr__cancel" href="<?php echo esc_url( $cancel_url ); ?>"><?php esc_html_e( 'Cancel order', 'iotpay-for-woocommerce' ); ?></a>
		</p>
	<?php endif; ?>
