<?php
/**
 * Test double: WC_Form_Handler (the My account page's payment method forms)
 * and WC_Rate_Limiter.
 *
 * Modelled on WooCommerce 7.9 (plugins/woocommerce):
 * - includes/class-wc-form-handler.php — init() hooks
 *   add_payment_method_action() on wp_loaded (20) and
 *   delete_payment_method_action() / set_default_payment_method_action() on
 *   wp (20). add: POST woocommerce_add_payment_method + payment_method, nonce
 *   woocommerce-add-payment-method (woocommerce-add-payment-method-nonce or
 *   _wpnonce), woocommerce_add_payment_method_form_is_valid, the per-user rate
 *   limit (filter woocommerce_payment_gateway_add_payment_method_delay, 20 s),
 *   the gateway must be available (on this page: supporting add_payment_method
 *   or tokenization), validate_fields(), add_payment_method(), "Payment method
 *   successfully added." / "Unable to add payment method to your account."
 *   notices, wp_redirect( $result['redirect'] ) + exit. delete / set default:
 *   the endpoint's query var, the token must belong to the current user and
 *   the nonce delete-payment-method-{id} / set-default-payment-method-{id}
 *   verify, then WC_Payment_Tokens::delete() / set_users_default(), a notice,
 *   wp_safe_redirect() to the payment-methods endpoint + exit.
 *   WooCommerce's other forms (checkout, pay, login, account details,
 *   addresses, cart) are not modelled.
 * - includes/class-wc-rate-limiter.php (6.0 and later) — retried_too_soon() /
 *   set_rate_limit() on the {prefix}wc_rate_limits table (rate_limit_key,
 *   rate_limit_expiry; INSERT … ON DUPLICATE KEY UPDATE), with the expiry
 *   cached in the object cache group wc_rate_limit for the request.
 * Differences: the rate limiter's time is the double's clock
 * (iotpay_test_now(), which advanceTime() moves) where WooCommerce uses
 * time(); the cleanup event (woocommerce_cleanup_rate_limits) is not
 * modelled. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Rate_Limiter {

	public const CACHE_GROUP = 'wc_rate_limit';

	protected static function get_cache_key( $action_id ): string {
		return 'rate_limit' . $action_id;
	}

	public static function retried_too_soon( $action_id ) {
		global $wpdb;
		$next_try_allowed_at = wp_cache_get( self::get_cache_key( $action_id ), self::CACHE_GROUP );
		if ( false === $next_try_allowed_at ) {
			$next_try_allowed_at = $wpdb->get_var( $wpdb->prepare( "SELECT rate_limit_expiry FROM {$wpdb->prefix}wc_rate_limits WHERE rate_limit_key = %s", $action_id ) );
			wp_cache_set( self::get_cache_key( $action_id ), $next_try_allowed_at, self::CACHE_GROUP );
		}
		if ( null === $next_try_allowed_at ) {
			return false;
		}
		return iotpay_test_now() <= (int) $next_try_allowed_at;
	}

	public static function set_rate_limit( $action_id, $delay ) {
		global $wpdb;
		$next_try_allowed_at = iotpay_test_now() + (int) $delay;
		$created             = $wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->prefix}wc_rate_limits (`rate_limit_key`, `rate_limit_expiry`) VALUES (%s, %d) ON DUPLICATE KEY UPDATE `rate_limit_expiry` = %d", $action_id, $next_try_allowed_at, $next_try_allowed_at ) );
		wp_cache_set( self::get_cache_key( $action_id ), $next_try_allowed_at, self::CACHE_GROUP );
		return false !== $created;
	}
}

class WC_Form_Handler {

	/** WC_Form_Handler::init(): the payment method actions (the other forms are not modelled). */
	public static function init(): void {
		add_action( 'wp', array( self::class, 'delete_payment_method_action' ), 20 );
		add_action( 'wp', array( self::class, 'set_default_payment_method_action' ), 20 );
		add_action( 'wp_loaded', array( self::class, 'add_payment_method_action' ), 20 );
	}

	public static function add_payment_method_action() {
		if ( isset( $_POST['woocommerce_add_payment_method'], $_POST['payment_method'] ) ) {
			wc_nocache_headers();
			$nonce_value = wc_get_var( $_REQUEST['woocommerce-add-payment-method-nonce'], wc_get_var( $_REQUEST['_wpnonce'], '' ) ); // phpcs:ignore
			if ( ! wp_verify_nonce( $nonce_value, 'woocommerce-add-payment-method' ) ) {
				return;
			}
			if ( ! apply_filters( 'woocommerce_add_payment_method_form_is_valid', true ) ) {
				return;
			}
			$rate_limit_id = 'add_payment_method_' . get_current_user_id();
			$delay         = (int) apply_filters( 'woocommerce_payment_gateway_add_payment_method_delay', 20 );
			if ( WC_Rate_Limiter::retried_too_soon( $rate_limit_id ) ) {
				wc_add_notice(
					sprintf(
						/* translators: %d number of seconds */
						_n( 'You cannot add a new payment method so soon after the previous one. Please wait for %d second.', 'You cannot add a new payment method so soon after the previous one. Please wait for %d seconds.', $delay, 'woocommerce' ),
						$delay
					),
					'error'
				);
				return;
			}
			WC_Rate_Limiter::set_rate_limit( $rate_limit_id, $delay );
			ob_start();
			$payment_method_id  = wc_clean( wp_unslash( $_POST['payment_method'] ) ); // phpcs:ignore
			$available_gateways = WC()->payment_gateways->get_available_payment_gateways();
			if ( isset( $available_gateways[ $payment_method_id ] ) ) {
				$gateway = $available_gateways[ $payment_method_id ];
				if ( ! $gateway->supports( 'add_payment_method' ) && ! $gateway->supports( 'tokenization' ) ) {
					wc_add_notice( __( 'Invalid payment gateway.', 'woocommerce' ), 'error' );
					return;
				}
				$gateway->validate_fields();
				if ( wc_notice_count( 'error' ) > 0 ) {
					return;
				}
				$result = $gateway->add_payment_method();
				if ( 'success' === $result['result'] ) {
					wc_add_notice( __( 'Payment method successfully added.', 'woocommerce' ) );
				}
				if ( 'failure' === $result['result'] ) {
					wc_add_notice( __( 'Unable to add payment method to your account.', 'woocommerce' ), 'error' );
				}
				if ( ! empty( $result['redirect'] ) ) {
					wp_redirect( $result['redirect'] ); // phpcs:ignore
					exit();
				}
			}
		}
	}

	public static function delete_payment_method_action() {
		global $wp;
		if ( isset( $wp->query_vars['delete-payment-method'] ) ) {
			wc_nocache_headers();
			$token_id = absint( $wp->query_vars['delete-payment-method'] );
			$token    = WC_Payment_Tokens::get( $token_id );
			if ( is_null( $token ) || get_current_user_id() !== $token->get_user_id() || ! isset( $_REQUEST['_wpnonce'] ) || false === wp_verify_nonce( wp_unslash( $_REQUEST['_wpnonce'] ), 'delete-payment-method-' . $token_id ) ) { // phpcs:ignore
				wc_add_notice( __( 'Invalid payment method.', 'woocommerce' ), 'error' );
			} else {
				WC_Payment_Tokens::delete( $token_id );
				wc_add_notice( __( 'Payment method deleted.', 'woocommerce' ) );
			}
			wp_safe_redirect( wc_get_account_endpoint_url( 'payment-methods' ) );
			exit();
		}
	}

	public static function set_default_payment_method_action() {
		global $wp;
		if ( isset( $wp->query_vars['set-default-payment-method'] ) ) {
			wc_nocache_headers();
			$token_id = absint( $wp->query_vars['set-default-payment-method'] );
			$token    = WC_Payment_Tokens::get( $token_id );
			if ( is_null( $token ) || get_current_user_id() !== $token->get_user_id() || ! isset( $_REQUEST['_wpnonce'] ) || false === wp_verify_nonce( wp_unslash( $_REQUEST['_wpnonce'] ), 'set-default-payment-method-' . $token_id ) ) { // phpcs:ignore
				wc_add_notice( __( 'Invalid payment method.', 'woocommerce' ), 'error' );
			} else {
				WC_Payment_Tokens::set_users_default( $token->get_user_id(), intval( $token_id ) );
				wc_add_notice( __( 'This payment method was successfully set as your default.', 'woocommerce' ) );
			}
			wp_safe_redirect( wc_get_account_endpoint_url( 'payment-methods' ) );
			exit();
		}
	}
}
