<?php
/**
 * Boots the WordPress 6.1 + WooCommerce 7.9 test double.
 *
 * Loads the WordPress and WooCommerce doubles, connects $wpdb to the MariaDB
 * named by the environment (IOTPAY_TEST_DB_SOCKET or IOTPAY_TEST_DB_HOST +
 * IOTPAY_TEST_DB_PORT, IOTPAY_TEST_DB_NAME, IOTPAY_TEST_DB_USER,
 * IOTPAY_TEST_DB_PASSWORD), creates the tables when missing, inserts missing
 * default options and registers WooCommerce's core hooks. Nothing is fired:
 * the caller includes the plugin and then fires the load sequence
 * (wc_double_fire_load_sequence(), TestCase::bootPlugin(), server.php).
 * Usable from PHPUnit (tests/phpunit-double.xml) and from server.php.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

if ( defined( 'WC_DOUBLE_LOADED' ) ) {
	return;
}
define( 'WC_DOUBLE_LOADED', true );
define( 'WC_DOUBLE_DIR', __DIR__ );

// ---------------------------------------------------------------------------
// Constants WordPress and WooCommerce define while loading.
// ---------------------------------------------------------------------------
$GLOBALS['wp_version']   = '6.1.1';
$GLOBALS['table_prefix'] = getenv( 'IOTPAY_TEST_DB_PREFIX' ) ?: 'wp_';

$wc_double_plugin_file = getenv( 'IOTPAY_PLUGIN_FILE' ) ?: '';
$wc_double_plugin_dir  = getenv( 'IOTPAY_TEST_PLUGIN_DIR' ) ?: ( $wc_double_plugin_file ? dirname( $wc_double_plugin_file, 2 ) : dirname( __DIR__, 2 ) );

defined( 'ABSPATH' ) || define( 'ABSPATH', __DIR__ . '/abspath/' );
defined( 'WPINC' ) || define( 'WPINC', 'wp-includes' );
defined( 'WP_CONTENT_DIR' ) || define( 'WP_CONTENT_DIR', ABSPATH . 'wp-content' );
defined( 'WP_PLUGIN_DIR' ) || define( 'WP_PLUGIN_DIR', rtrim( (string) ( realpath( $wc_double_plugin_dir ) ?: $wc_double_plugin_dir ), '/' ) );
defined( 'WPMU_PLUGIN_DIR' ) || define( 'WPMU_PLUGIN_DIR', WP_CONTENT_DIR . '/mu-plugins' );
defined( 'WP_LANG_DIR' ) || define( 'WP_LANG_DIR', WP_CONTENT_DIR . '/languages' );
defined( 'WP_DEBUG' ) || define( 'WP_DEBUG', false );
defined( 'EMPTY_TRASH_DAYS' ) || define( 'EMPTY_TRASH_DAYS', 30 );
defined( 'COOKIEHASH' ) || define( 'COOKIEHASH', 'double' );
defined( 'LOGGED_IN_COOKIE' ) || define( 'LOGGED_IN_COOKIE', 'wordpress_logged_in_' . COOKIEHASH );
foreach ( array( 'AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE' ) as $wc_double_scheme ) {
	$wc_double_secret = getenv( 'IOTPAY_TEST_SALT' ) ?: 'iotpay-wc-double';
	defined( $wc_double_scheme . '_KEY' ) || define( $wc_double_scheme . '_KEY', $wc_double_secret . '-' . strtolower( $wc_double_scheme ) . '-key' );
	defined( $wc_double_scheme . '_SALT' ) || define( $wc_double_scheme . '_SALT', $wc_double_secret . '-' . strtolower( $wc_double_scheme ) . '-salt' );
}
defined( 'WC_VERSION' ) || define( 'WC_VERSION', '7.9.0' );
defined( 'WC_PLUGIN_FILE' ) || define( 'WC_PLUGIN_FILE', WP_PLUGIN_DIR . '/woocommerce/woocommerce.php' );
defined( 'WC_ABSPATH' ) || define( 'WC_ABSPATH', dirname( WC_PLUGIN_FILE ) . '/' );
defined( 'WC_PLUGIN_BASENAME' ) || define( 'WC_PLUGIN_BASENAME', 'woocommerce/woocommerce.php' );

// ---------------------------------------------------------------------------
// WordPress.
// ---------------------------------------------------------------------------
foreach ( array( 'runtime', 'hooks', 'class-wp-error', 'class-wpdb', 'cache', 'misc', 'escaping', 'i18n', 'options', 'meta', 'posts', 'users', 'nonces', 'urls', 'response', 'rest', 'scripts', 'http', 'cron', 'upgrade', 'admin' ) as $wc_double_file ) {
	require_once __DIR__ . '/wp/' . $wc_double_file . '.php';
}

// ---------------------------------------------------------------------------
// WooCommerce.
// ---------------------------------------------------------------------------
foreach ( array( 'wc-core-functions', 'utilities', 'class-wc-logger', 'class-wc-data', 'class-wc-product', 'class-wc-order-item', 'class-wc-abstract-order', 'class-wc-order', 'class-wc-order-refund', 'class-wc-order-store-base', 'class-wc-order-data-store-cpt', 'class-orders-table-data-store', 'wc-order-functions', 'wc-stock-functions', 'class-wc-settings-api', 'class-wc-payment-gateway', 'class-wc-payment-tokens', 'wc-account-functions', 'class-woocommerce', 'class-wc-emails', 'class-wc-ajax', 'class-wc-rest-order-refunds', 'action-scheduler', 'blocks', 'wc-admin', 'load' ) as $wc_double_file ) {
	require_once __DIR__ . '/wc/' . $wc_double_file . '.php';
}
require_once __DIR__ . '/schema.php';
require_once __DIR__ . '/lifecycle.php';

unset( $wc_double_file, $wc_double_scheme, $wc_double_secret, $wc_double_plugin_dir );

// ---------------------------------------------------------------------------
// Database.
// ---------------------------------------------------------------------------
global $wpdb, $wp_filter, $wp_actions, $wp_filters, $wp_current_filter, $wp;
$wp_filter         = is_array( $wp_filter ?? null ) ? $wp_filter : array();
$wp_actions        = array();
$wp_filters        = array();
$wp_current_filter = array();
$wp                = new WP();

$wpdb = wc_double_connect();
wc_double_install_schema();
wc_double_install_default_options();
wc_double_register_core_hooks();
