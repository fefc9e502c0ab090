<?php
/**
 * Test double: the My account page — the [woocommerce_my_account]
 * shortcode and its endpoints' content.
 *
 * Modelled on WooCommerce 7.9 includes/class-wc-shortcodes.php
 * (my_account(): the shortcode added on init, its output wrapped in
 * <div class="woocommerce">), includes/shortcodes/class-wc-shortcode-my-account.php
 * (output(): a logged-out visitor gets the login form; a logged-in customer
 * the account page, templates/myaccount/my-account.php:
 * woocommerce_account_navigation, then <div class="woocommerce-MyAccount-content">
 * with woocommerce_account_content) and includes/wc-template-hooks.php
 * (woocommerce_account_content → woocommerce_output_all_notices at 5 and
 * woocommerce_account_content(); woocommerce_account_payment-methods_endpoint
 * → woocommerce_account_payment_methods();
 * woocommerce_account_add-payment-method_endpoint →
 * woocommerce_account_add_payment_method()). The page itself is the
 * WordPress page WC_Install creates (slug my-account), its endpoints
 * WC_Query's rewrite endpoints, so WordPress routes /my-account/{endpoint}/
 * like any page.
 * Differences: the logged-out login form is a short paragraph; the account
 * navigation, the dashboard and the endpoints other than the payment methods
 * ones (orders, downloads, addresses, account details, lost password,
 * logout) are not modelled. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Shortcode_My_Account {

	public static function init(): void {
		add_action( 'init', array( self::class, 'register' ) );
		add_action( 'woocommerce_account_content', 'woocommerce_output_all_notices', 5 );
		add_action( 'woocommerce_account_content', 'woocommerce_account_content' );
		add_action( 'woocommerce_account_payment-methods_endpoint', 'woocommerce_account_payment_methods' );
		add_action( 'woocommerce_account_add-payment-method_endpoint', 'woocommerce_account_add_payment_method' );
	}

	public static function register(): void {
		add_shortcode( 'woocommerce_my_account', array( self::class, 'shortcode' ) );
	}

	public static function shortcode( $atts ): string {
		ob_start();
		echo '<div class="woocommerce">';
		self::output( (array) $atts );
		echo '</div>';
		return (string) ob_get_clean();
	}

	public static function output( array $atts ): void {
		if ( ! isset( WC()->cart ) ) {
			return;
		}
		if ( ! is_user_logged_in() ) {
			wc_print_notices();
			echo '<p class="woocommerce-form-login">' . esc_html__( 'Log in', 'woocommerce' ) . '</p>';
			return;
		}
		do_action( 'woocommerce_account_navigation' );
		echo '<div class="woocommerce-MyAccount-content">';
		do_action( 'woocommerce_account_content' );
		echo '</div>';
	}
}

if ( ! function_exists( 'woocommerce_output_all_notices' ) ) {
	/**
	 * wc-template-functions.php: the notices wrapper and the queued notices.
	 */
	function woocommerce_output_all_notices() {
		echo '<div class="woocommerce-notices-wrapper">';
		wc_print_notices();
		echo '</div>';
	}
}
