<?php
/**
 * Test double: the checkout page — the [woocommerce_checkout] shortcode and
 * the Checkout block — on its endpoints.
 *
 * Modelled on WooCommerce 7.9 includes/shortcodes/class-wc-shortcode-checkout.php
 * and the Blocks package's Checkout block (which, on the order-pay and
 * order-received endpoints, renders the shortcode instead of itself; the
 * same in WooCommerce 11): shortcodes are added on init; on the checkout page
 * the output is wrapped in <div class="woocommerce">;
 * - order-pay/{id}/?key=… with pay_for_order: the available gateways'
 *   payment_fields() in a form (woocommerce-pay nonce); without it, the
 *   receipt: order number/total/method, then woocommerce_receipt_{gateway};
 *   a missing/wrong key or an order that needs no payment prints an error
 *   notice;
 * - order-received/{id}/?key=…: woocommerce_thankyou_order_id/_key filters,
 *   the order found only with the right key, session order_awaiting_payment
 *   cleared, the payer's IP stored for an order created in the admin, the
 *   cart emptied, then the "Thank you" text (or the failed-order text) with
 *   number, status, total and method, woocommerce_thankyou_{gateway} and
 *   woocommerce_thankyou.
 * The markup is the double's own (not the 7.9 templates); the
 * pay-for-order permission checks are not reproduced. 7.9.0's guest email
 * verification (guest_should_verify_email(), read in 7.9.0 source and seen
 * in a real 7.9.0 shop) is: on order-received, and on order-pay with
 * pay_for_order, a guest order with a billing email asks for that email
 * (form-verify-email, nonce wc_verify_email in check_submission) unless the
 * session's customer email or the posted email matches it, or the user can
 * read_private_shop_orders; filter woocommerce_order_email_verification_required
 * ( $required, $order, $context ). The double has no session cookie, so the
 * session is taken to hold the order's billing email (the checkout's own
 * browser) unless the option iotpay_double_guest_without_session is 'yes'
 * (a browser without the checkout's session, e.g. after a wallet app).
 * Gateways are loaded (WC()->payment_gateways()) before
 * either page is rendered. The checkout form itself (no endpoint) is not
 * modelled.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Shortcode_Checkout {

	public static function init(): void {
		add_action( 'init', array( self::class, 'register' ) );
	}

	public static function register(): void {
		add_shortcode( 'woocommerce_checkout', array( self::class, 'shortcode' ) );
		if ( ! WP_Block_Type_Registry::get_instance()->is_registered( 'woocommerce/checkout' ) ) {
			register_block_type(
				'woocommerce/checkout',
				array(
					'render_callback' => array( self::class, 'render_block' ),
					'supports'        => array( 'html' => false ),
				)
			);
		}
	}

	/**
	 * The Checkout block: on an endpoint, what the shortcode prints.
	 */
	public static function render_block( $attributes = array(), $content = '' ) {
		if ( is_wc_endpoint_url( 'order-pay' ) || is_wc_endpoint_url( 'order-received' ) ) {
			// With a classic theme the shortcode is left for do_shortcode (after wptexturize).
			return wp_is_block_theme() ? do_shortcode( '[woocommerce_checkout]' ) : '[woocommerce_checkout]';
		}
		return '<div class="wp-block-woocommerce-checkout wc-block-checkout is-loading"></div>';
	}

	public static function shortcode( $atts ): string {
		ob_start();
		echo '<div class="woocommerce">';
		self::output( (array) $atts );
		echo '</div>';
		return (string) ob_get_clean();
	}

	public static function output( array $atts ): void {
		global $wp;
		if ( ! isset( WC()->cart ) ) {
			return;
		}
		WC()->payment_gateways();
		if ( isset( $wp->query_vars['order-pay'] ) ) {
			self::order_pay( absint( $wp->query_vars['order-pay'] ) );
		} elseif ( isset( $wp->query_vars['order-received'] ) ) {
			self::order_received( absint( $wp->query_vars['order-received'] ) );
		} else {
			wc_print_notices();
			echo '<form name="checkout" method="post" class="checkout woocommerce-checkout"></form>';
		}
	}

	private static function order_pay( int $order_id ): void {
		do_action( 'before_woocommerce_pay' );
		wc_print_notices();
		$order_key = isset( $_GET['key'] ) ? wc_clean( wp_unslash( $_GET['key'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended
		$order     = $order_id > 0 ? wc_get_order( $order_id ) : false;
		try {
			if ( ! $order_id ) {
				throw new Exception( __( 'Invalid order.', 'woocommerce' ) );
			}
			if ( ! $order || $order->get_id() !== $order_id || ! hash_equals( (string) $order->get_order_key(), (string) $order_key ) ) {
				throw new Exception( __( 'Sorry, this order is invalid and cannot be paid for.', 'woocommerce' ) );
			}
			if ( ! $order->needs_payment() ) {
				/* translators: %s: order status */
				throw new Exception( sprintf( __( 'This order&rsquo;s status is &ldquo;%s&rdquo;&mdash;it cannot be paid for. Please contact us if you need assistance.', 'woocommerce' ), wc_get_order_status_name( $order->get_status() ) ) );
			}
		} catch ( Exception $e ) {
			wc_print_notice( $e->getMessage(), 'error' );
			do_action( 'after_woocommerce_pay' );
			return;
		}
		if ( isset( $_GET['pay_for_order'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended
			if ( self::guest_should_verify_email( $order, 'order-pay' ) ) {
				self::verify_email_form( $order->get_checkout_payment_url() );
				return;
			}
			$gateways = WC()->payment_gateways()->get_available_payment_gateways();
			WC()->payment_gateways()->set_current_gateway( $gateways );
			echo '<form id="order_review" method="post"><ul class="wc_payment_methods payment_methods methods">';
			foreach ( $gateways as $gateway ) {
				echo '<li class="wc_payment_method payment_method_' . esc_attr( $gateway->id ) . '"><input id="payment_method_' . esc_attr( $gateway->id ) . '" type="radio" class="input-radio" name="payment_method" value="' . esc_attr( $gateway->id ) . '" ' . checked( $gateway->chosen, true, false ) . ' /><label for="payment_method_' . esc_attr( $gateway->id ) . '">' . wp_kses_post( (string) $gateway->get_title() ) . ' ' . wp_kses_post( $gateway->get_icon() ) . '</label><div class="payment_box payment_method_' . esc_attr( $gateway->id ) . '">';
				$gateway->payment_fields();
				echo '</div></li>';
			}
			echo '</ul>';
			wp_nonce_field( 'woocommerce-pay', 'woocommerce-pay-nonce' );
			echo '<input type="hidden" name="woocommerce_pay" value="1" /><button type="submit" class="button alt" id="place_order">' . esc_html__( 'Pay for order', 'woocommerce' ) . '</button></form>';
		} else {
			echo '<ul class="order_details"><li class="order">' . esc_html__( 'Order number:', 'woocommerce' ) . ' <strong>' . esc_html( $order->get_order_number() ) . '</strong></li>';
			echo '<li class="total">' . esc_html__( 'Total:', 'woocommerce' ) . ' <strong>' . wp_kses_post( $order->get_formatted_order_total() ) . '</strong></li>';
			echo '<li class="method">' . esc_html__( 'Payment method:', 'woocommerce' ) . ' <strong>' . wp_kses_post( (string) $order->get_payment_method_title() ) . '</strong></li></ul>';
			do_action( 'woocommerce_receipt_' . $order->get_payment_method(), $order->get_id() );
			echo '<div class="clear"></div>';
		}
		do_action( 'after_woocommerce_pay' );
	}

	private static function order_received( int $order_id ): void {
		$order_key = isset( $_GET['key'] ) ? wc_clean( wp_unslash( $_GET['key'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended
		$order_id  = apply_filters( 'woocommerce_thankyou_order_id', $order_id );
		$order_key = apply_filters( 'woocommerce_thankyou_order_key', $order_key );
		$order     = $order_id > 0 ? wc_get_order( $order_id ) : false;
		if ( ! $order || ! hash_equals( (string) $order->get_order_key(), (string) $order_key ) ) {
			$order = false;
		}
		unset( WC()->session->order_awaiting_payment );
		if ( $order && $order->is_created_via( 'admin' ) ) {
			$order->set_customer_ip_address( WC_Geolocation::get_ip_address() );
			$order->save();
		}
		wc_empty_cart();
		wc_print_notices();
		if ( $order && self::guest_should_verify_email( $order, 'order-received' ) ) {
			self::verify_email_form( $order->get_checkout_order_received_url() );
			return;
		}
		echo '<div class="woocommerce-order">';
		if ( $order ) {
			do_action( 'woocommerce_before_thankyou', $order->get_id() );
			if ( $order->has_status( 'failed' ) ) {
				echo '<p class="woocommerce-notice woocommerce-notice--error woocommerce-thankyou-order-failed">' . esc_html__( 'Unfortunately your order cannot be processed as the originating bank/merchant has declined your transaction. Please attempt your purchase again.', 'woocommerce' ) . '</p>';
			} else {
				echo '<p class="woocommerce-notice woocommerce-notice--success woocommerce-thankyou-order-received">' . esc_html( apply_filters( 'woocommerce_thankyou_order_received_text', __( 'Thank you. Your order has been received.', 'woocommerce' ), $order ) ) . '</p>';
				echo '<ul class="woocommerce-order-overview"><li class="order">' . esc_html__( 'Order number:', 'woocommerce' ) . ' <strong>' . esc_html( $order->get_order_number() ) . '</strong></li>';
				echo '<li class="status">Status: <strong>' . esc_html( wc_get_order_status_name( $order->get_status() ) ) . '</strong></li>';
				echo '<li class="total">' . esc_html__( 'Total:', 'woocommerce' ) . ' <strong>' . wp_kses_post( $order->get_formatted_order_total() ) . '</strong></li>';
				echo '<li class="method">' . esc_html__( 'Payment method:', 'woocommerce' ) . ' <strong>' . wp_kses_post( (string) $order->get_payment_method_title() ) . '</strong></li></ul>';
			}
			do_action( 'woocommerce_thankyou_' . $order->get_payment_method(), $order->get_id() );
			do_action( 'woocommerce_thankyou', $order->get_id() );
		} else {
			echo '<p class="woocommerce-notice woocommerce-notice--success woocommerce-thankyou-order-received">' . esc_html( apply_filters( 'woocommerce_thankyou_order_received_text', __( 'Thank you. Your order has been received.', 'woocommerce' ), null ) ) . '</p>';
		}
		echo '</div>';
	}

	/** 7.9.0's rule (see the header); the session's email is the double's stand-in. */
	private static function guest_should_verify_email( WC_Order $order, string $context ): bool {
		$email = (string) $order->get_billing_email();
		if ( '' === $email ) {
			return false;
		}
		if ( $order->get_customer_id() && get_current_user_id() === $order->get_customer_id() ) {
			return false;
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Missing,WordPress.Security.ValidatedSanitizedInput
		if ( ! empty( $_POST ) && ! wp_verify_nonce( $_POST['check_submission'] ?? '', 'wc_verify_email' ) ) {
			return true;
		}
		$session_email = 'yes' === get_option( 'iotpay_double_guest_without_session' ) ? '' : $email;
		$supplied      = isset( $_POST['email'] ) && sanitize_email( wp_unslash( $_POST['email'] ) ) === $email; // phpcs:ignore WordPress.Security.NonceVerification.Missing,WordPress.Security.ValidatedSanitizedInput
		$required      = $session_email !== $email && ! $supplied && ! current_user_can( 'read_private_shop_orders' );
		return (bool) apply_filters( 'woocommerce_order_email_verification_required', $required, $order, $context );
	}

	private static function verify_email_form( string $verify_url ): void {
		echo '<form name="checkout" method="post" class="woocommerce-form woocommerce-verify-email" action="' . esc_url( $verify_url ) . '">';
		wp_nonce_field( 'wc_verify_email', 'check_submission' );
		if ( ! empty( $_POST['email'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Missing
			wc_print_notice( esc_html__( 'We were unable to verify the email address you provided. Please try again.', 'woocommerce' ), 'error' );
		}
		echo '<p>' . esc_html__( 'To view this page, you must either login or verify the email address associated with the order.', 'woocommerce' ) . '</p>';
		echo '<p class="form-row"><label for="email">' . esc_html__( 'Email address', 'woocommerce' ) . '</label><input type="email" class="input-text" name="email" id="email" autocomplete="email" /></p>';
		echo '<p class="form-row"><button type="submit" class="woocommerce-button button" name="verify" value="1">' . esc_html__( 'Verify', 'woocommerce' ) . '</button></p>';
		echo '</form>';
	}
}
