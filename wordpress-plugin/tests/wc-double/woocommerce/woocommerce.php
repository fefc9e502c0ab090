<?php
/**
 * Plugin Name: WooCommerce
 * Description: Test double of WooCommerce 7.9 for the IOTPay plugin's tests: the APIs and behaviour a payment gateway relies on, loaded into real WordPress as the `woocommerce` plugin. Not WooCommerce's code.
 * Version: 7.9.0
 * Requires at least: 6.1
 * Requires PHP: 8.1
 * Text Domain: woocommerce
 *
 * What WooCommerce 7.9 does when its main file loads and on WordPress's
 * hooks, as far as the double models it: plugins_loaded -1 →
 * woocommerce_loaded; plugins_loaded → the Blocks package
 * (woocommerce_blocks_loaded; the payment method registry initialised on
 * init 5); init 0 → WooCommerce::init() (before_woocommerce_init, text
 * domain, woocommerce_init); init 5 → post types and order statuses
 * (woocommerce_register_post_type, woocommerce_after_register_post_type);
 * init → endpoints (order-pay, order-received, the My account page's
 * payment-methods, add-payment-method, delete-payment-method,
 * set-default-payment-method; wc-api), shortcodes ([woocommerce_checkout],
 * [woocommerce_my_account]), the Checkout block, transactional emails, the
 * Action Scheduler queue runner's WP-Cron event; parse_request 0 → WC_API;
 * wp_loaded 20 / wp 20 → WC_Form_Handler's payment method actions;
 * rest_api_init → the refunds controller; wp_ajax_woocommerce_refund_line_items;
 * stock, order, saved-method list and email hooks added when their files
 * load. Activation (WC_Install::install()) creates the tables (payment
 * tokens and rate limits included), options, roles and pages of a new shop.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

if ( defined( 'WC_VERSION' ) ) {
	return;
}

define( 'WC_VERSION', '7.9.0' );
define( 'WC_PLUGIN_FILE', __FILE__ );
define( 'WC_ABSPATH', __DIR__ . '/' );
define( 'WC_PLUGIN_BASENAME', plugin_basename( __FILE__ ) );

foreach ( array( 'test-clock', 'double-observations', 'wc-core-functions', 'utilities', 'class-wc-order-cache', 'class-wc-logger', 'class-wc-data', 'class-wc-product', 'class-wc-order-item', 'class-wc-abstract-order', 'class-wc-order', 'class-wc-order-refund', 'class-wc-order-store-base', 'class-wc-order-data-store-cpt', 'class-orders-table-data-store', 'wc-order-functions', 'wc-stock-functions', 'class-wc-settings-api', 'class-wc-payment-gateway', 'class-wc-payment-tokens', 'wc-account-functions', 'class-wc-form-handler', 'class-woocommerce', 'class-wc-emails', 'class-wc-ajax', 'class-wc-rest-order-refunds', 'action-scheduler', 'blocks', 'store-api-checkout', 'wc-admin', 'class-wc-post-types', 'class-wc-query', 'class-wc-shortcode-checkout', 'class-wc-shortcode-my-account', 'class-wc-comments', 'class-wc-install' ) as $wc_double_file ) {
	require_once __DIR__ . '/includes/' . $wc_double_file . '.php';
}
unset( $wc_double_file );

register_activation_hook( __FILE__, array( 'WC_Install', 'install' ) );

/**
 * WooCommerce::define_tables() (constructor) and wpdb_table_fix() (init 0,
 * switch_blog): the metadata API's tables for payment token meta (meta type
 * payment_token) and order item meta.
 */
function wc_double_define_tables(): void {
	global $wpdb;
	foreach ( array( 'payment_tokenmeta' => 'woocommerce_payment_tokenmeta', 'order_itemmeta' => 'woocommerce_order_itemmeta' ) as $name => $table ) {
		$wpdb->$name = $wpdb->prefix . $table;
		if ( ! in_array( $table, $wpdb->tables, true ) ) {
			$wpdb->tables[] = $table;
		}
	}
}
wc_double_define_tables();
add_action( 'init', 'wc_double_define_tables', 0 );
add_action( 'switch_blog', 'wc_double_define_tables', 0 );

add_action(
	'plugins_loaded',
	static function () {
		do_action( 'woocommerce_loaded' );
	},
	-1
);
add_action( 'plugins_loaded', array( '\Automattic\WooCommerce\Blocks\Package', 'init' ) );
add_action( 'plugins_loaded', array( new \Automattic\WooCommerce\StoreApi\Legacy(), 'init' ) );
add_action( 'init', array( 'WooCommerce', 'init_hook' ), 0 );
WC_Post_Types::init();
WC_Query::init();
WC_API::init();
WC_Shortcode_Checkout::init();
WC_Shortcode_My_Account::init();
WC_Form_Handler::init();
WC_Comments::init();
WC_Double_Observations::init();
ActionScheduler::init();
add_action( 'init', array( 'WC_Emails', 'init_transactional_emails' ) );
WC_AJAX::init();
add_action( 'rest_api_init', array( 'WC_REST_Order_Refunds_Controller', 'register_routes' ) );

add_filter( 'woocommerce_stock_amount', 'intval' );

// Saved payment methods (wc-account-functions.php).
add_filter( 'woocommerce_saved_payment_methods_list', 'wc_get_account_saved_payment_methods_list', 10, 2 );
add_filter( 'woocommerce_payment_methods_list_item', 'wc_get_account_saved_payment_methods_list_item_cc', 10, 2 );
add_filter( 'woocommerce_payment_methods_list_item', 'wc_get_account_saved_payment_methods_list_item_echeck', 10, 2 );

// Stock (wc-stock-functions.php).
add_action( 'woocommerce_payment_complete', 'wc_maybe_reduce_stock_levels' );
add_action( 'woocommerce_order_status_completed', 'wc_maybe_reduce_stock_levels' );
add_action( 'woocommerce_order_status_processing', 'wc_maybe_reduce_stock_levels' );
add_action( 'woocommerce_order_status_on-hold', 'wc_maybe_reduce_stock_levels' );
add_action( 'woocommerce_order_status_cancelled', 'wc_maybe_increase_stock_levels' );
add_action( 'woocommerce_order_status_pending', 'wc_maybe_increase_stock_levels' );
add_action( 'woocommerce_payment_complete', 'wc_release_stock_for_order', 11 );

// Orders (wc-order-functions.php).
add_action( 'woocommerce_order_status_completed', 'wc_update_total_sales_counts' );
add_action( 'woocommerce_order_status_processing', 'wc_update_total_sales_counts' );
add_action( 'woocommerce_order_status_on-hold', 'wc_update_total_sales_counts' );
add_action( 'woocommerce_order_status_completed_to_cancelled', 'wc_update_total_sales_counts' );
add_action( 'woocommerce_order_status_processing_to_cancelled', 'wc_update_total_sales_counts' );
add_action( 'woocommerce_order_status_on-hold_to_cancelled', 'wc_update_total_sales_counts' );
add_action( 'woocommerce_order_status_refunded', 'wc_order_fully_refunded' );
add_action( 'woocommerce_cancel_unpaid_orders', 'wc_cancel_unpaid_orders' );

// Templates (wc-template-functions.php): the part of 7.9.0's wc_template_redirect() (template_redirect 10)
// a gateway sees — on the checkout page (all its endpoints) and the add-payment-method pages the gateways
// are loaded before anything is rendered (read in 7.9.0 source; seen in a real 7.9.0 shop's hook trace).
// Its redirects (empty cart, logout, endpoint 404, single search result) and output buffer are not modelled.
add_action(
	'template_redirect',
	static function () {
		if ( is_add_payment_method_page() || is_checkout() ) {
			WC()->payment_gateways();
		}
	}
);
