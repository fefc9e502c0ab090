<?php
/**
 * IOTPay card payment page (order-pay). Override in a theme as
 * iotpay-for-woocommerce/card-payment.php.
 *
 * @var \WC_Order $order
 * @var \IotPay\WooCommerce\Gateway\CardGateway $gateway
 * @var string $state        form (IOTPay's embedded card form) | redirect | paid | not_started | unavailable
 * @var string $error        message for the customer, may be empty
 * @var string $secure_id    the purchase's session id for IOTPay's form (embedded mode)
 * @var string $redirect_url IOTPay's hosted card page for the same purchase
 * @var string $amount
 * @var string $currency
 * @var string $thank_you    order-received URL
 * @var string $other_method the order-pay page listing the payment methods
 * @var string $cancel_url   WooCommerce's cancel-order URL
 *
 * @package IotPay\WooCommerce
 */

defined( 'ABSPATH' ) || exit;
?>
<div class="iotpay-wc-qr iotpay-wc-card iotpay-wc-card--<?php echo esc_attr( $state ); ?>" id="iotpay-wc-card" data-state="<?php echo esc_attr( $state ); ?>">
	<div class="iotpay-wc-qr__header">
		<h2 class="iotpay-wc-qr__title">
			<?php
			/* translators: %s: payment method title, e.g. Credit card */
			echo esc_html( sprintf( __( 'Pay with %s', 'iotpay-for-woocommerce' ), $gateway->get_title() ) );
			?>
		</h2>
	</div>
	<?php \IotPay\WooCommerce\Checkout\OrderPayPage::template( 'payment-amount.php', compact( 'order', 'amount', 'currency', 'error' ) ); ?>

	<?php if ( 'form' === $state ) : ?>
		<p class="iotpay-wc-card__intro"><?php esc_html_e( 'Enter your card below. It goes straight to IOTPay, our payment provider: this shop never sees your card number.', 'iotpay-for-woocommerce' ); ?></p>
		<div id="iotpay_normal" class="iotpay-wc-card__form" data-secure-id="<?php echo esc_attr( $secure_id ); ?>"></div>
		<p class="iotpay-wc-card__message" role="alert" aria-live="polite" hidden></p>
		<p class="iotpay-wc-card__fallback" hidden>
			<a class="button alt wp-element-button" href="<?php echo esc_url( $redirect_url ); ?>"><?php esc_html_e( 'Pay on IOTPay\'s secure page instead', 'iotpay-for-woocommerce' ); ?></a>
		</p>
		<noscript>
			<p><a class="button alt wp-element-button" href="<?php echo esc_url( $redirect_url ); ?>"><?php esc_html_e( 'Pay on IOTPay\'s secure page instead', 'iotpay-for-woocommerce' ); ?></a></p>
		</noscript>
	<?php elseif ( 'redirect' === $state ) : ?>
		<p class="iotpay-wc-card__intro"><?php esc_html_e( 'You will enter your card on IOTPay\'s secure payment page.', 'iotpay-for-woocommerce' ); ?></p>
		<p class="iotpay-wc-redirect"><a class="button alt wp-element-button iotpay-wc-card__continue" href="<?php echo esc_url( $redirect_url ); ?>"><?php esc_html_e( 'Continue to the secure payment page', 'iotpay-for-woocommerce' ); ?></a></p>
	<?php elseif ( 'paid' === $state ) : ?>
		<p><?php esc_html_e( 'Payment received. Thank you!', 'iotpay-for-woocommerce' ); ?></p>
		<p><a class="button alt wp-element-button" href="<?php echo esc_url( $thank_you ); ?>"><?php esc_html_e( 'Continue', 'iotpay-for-woocommerce' ); ?></a></p>
	<?php endif; ?>

	<?php \IotPay\WooCommerce\Checkout\OrderPayPage::template( 'payment-links.php', compact( 'state', 'other_method', 'cancel_url' ) ); ?>
</div>
