<?php
/**
 * Test double: what loading woocommerce/woocommerce.php registers — the hooks
 * WooCommerce 7.9 adds when its files load, plus WordPress 6.1's default
 * filters the double relies on.
 *
 * Modelled on WooCommerce 7.9 includes/class-woocommerce.php (init_hooks():
 * plugins_loaded -1 → woocommerce_loaded; init 0 → WooCommerce::init() firing
 * before_woocommerce_init then woocommerce_init), includes/class-wc-post-types.php
 * (init 5 → woocommerce_after_register_post_type), the Blocks bootstrap
 * (plugins_loaded → woocommerce_blocks_loaded; registry initialize on init 5),
 * wc-stock-functions.php, wc-order-functions.php, class-wc-emails.php,
 * class-wc-form-handler.php (WC_Form_Handler::init(): the payment method
 * actions), wc-account-functions.php (its list filters) and
 * includes/wc-core-functions.php (woocommerce_stock_amount → intval), and
 * WordPress 6.1 wp-includes/default-filters.php (rest_authentication_errors →
 * rest_cookie_check_errors at 100; parse_request → rest_api_loaded at 10;
 * WP_HOME/WP_SITEURL overriding the options).
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

/**
 * WooCommerce::init() on init priority 0.
 */
function wc_double_woocommerce_init(): void {
	do_action( 'before_woocommerce_init' );
	load_plugin_textdomain( 'woocommerce', false, 'woocommerce/i18n/languages' );
	do_action( 'woocommerce_init' );
}

/**
 * WC_Post_Types::register_post_types() on init priority 5.
 */
function wc_double_register_post_types(): void {
	if ( did_action( 'woocommerce_after_register_post_type' ) ) {
		return;
	}
	do_action( 'woocommerce_register_post_type' );
	do_action( 'woocommerce_after_register_post_type' );
}

function _config_wp_home( $url = '' ) {
	return defined( 'WP_HOME' ) ? untrailingslashit( WP_HOME ) : $url;
}

function _config_wp_siteurl( $url = '' ) {
	return defined( 'WP_SITEURL' ) ? untrailingslashit( WP_SITEURL ) : $url;
}

function wc_double_register_core_hooks(): void {
	// WordPress default filters.
	add_filter( 'rest_authentication_errors', 'rest_cookie_check_errors', 100 );
	add_filter( 'option_home', '_config_wp_home' );
	add_filter( 'option_siteurl', '_config_wp_siteurl' );
	add_filter( 'determine_current_user', 'wc_double_determine_user_from_cookie', 20 );
	add_action( 'parse_request', 'rest_api_loaded' );

	// WooCommerce bootstrap.
	add_action( 'plugins_loaded', static function () {
		do_action( 'woocommerce_loaded' );
	}, -1 );
	add_action( 'plugins_loaded', array( '\Automattic\WooCommerce\Blocks\Package', 'init' ) );
	add_action( 'init', 'wc_double_woocommerce_init', 0 );
	add_action( 'init', 'wc_double_register_post_types', 5 );

	add_filter( 'woocommerce_stock_amount', 'intval' );

	// Stock.
	add_action( 'woocommerce_payment_complete', 'wc_maybe_reduce_stock_levels' );
	add_action( 'woocommerce_order_status_completed', 'wc_maybe_reduce_stock_levels' );
	add_action( 'woocommerce_order_status_processing', 'wc_maybe_reduce_stock_levels' );
	add_action( 'woocommerce_order_status_on-hold', 'wc_maybe_reduce_stock_levels' );
	add_action( 'woocommerce_order_status_cancelled', 'wc_maybe_increase_stock_levels' );
	add_action( 'woocommerce_order_status_pending', 'wc_maybe_increase_stock_levels' );
	add_action( 'woocommerce_payment_complete', 'wc_release_stock_for_order', 11 );

	// Orders.
	add_action( 'woocommerce_order_status_completed', 'wc_update_total_sales_counts' );
	add_action( 'woocommerce_order_status_processing', 'wc_update_total_sales_counts' );
	add_action( 'woocommerce_order_status_on-hold', 'wc_update_total_sales_counts' );
	add_action( 'woocommerce_order_status_completed_to_cancelled', 'wc_update_total_sales_counts' );
	add_action( 'woocommerce_order_status_processing_to_cancelled', 'wc_update_total_sales_counts' );
	add_action( 'woocommerce_order_status_on-hold_to_cancelled', 'wc_update_total_sales_counts' );
	add_action( 'woocommerce_order_status_refunded', 'wc_order_fully_refunded' );
	add_action( 'woocommerce_cancel_unpaid_orders', 'wc_cancel_unpaid_orders' );

	// Emails.
	WC_Emails::init_transactional_emails();

	// Admin AJAX handlers (WC_AJAX::init() on init).
	WC_AJAX::init();

	// My Account → Payment methods (WC_Form_Handler::init(); wc-account-functions.php).
	add_action( 'wp_loaded', array( 'WC_Form_Handler', 'add_payment_method_action' ), 20 );
	add_action( 'wp', array( 'WC_Form_Handler', 'delete_payment_method_action' ), 20 );
	add_action( 'wp', array( 'WC_Form_Handler', 'set_default_payment_method_action' ), 20 );
	add_filter( 'woocommerce_saved_payment_methods_list', 'wc_get_account_saved_payment_methods_list', 10, 2 );
	add_filter( 'woocommerce_payment_methods_list_item', 'wc_get_account_saved_payment_methods_list_item_cc', 10, 2 );
	add_filter( 'woocommerce_payment_methods_list_item', 'wc_get_account_saved_payment_methods_list_item_echeck', 10, 2 );

	// REST API (WooCommerce registers its controllers on rest_api_init).
	add_action( 'rest_api_init', array( 'WC_REST_Order_Refunds_Controller', 'register_routes' ) );
}
