<?php
/**
 * Loads the test site's WordPress (our wp-config.php, the plugins active in
 * the database) in a PHP script run from a test, as a request would:
 *
 *   define( 'WP_ADMIN', true );   // optional: an admin request, as
 *                                 // wp-admin/admin.php makes it (the admin
 *                                 // APIs loaded, admin_init fired)
 *   require '…/wc-double/load-wordpress.php';
 *
 * Include it from the script's top level (WordPress's files expect file
 * scope). IOTPAY_TEST_WP_DIR and the IOTPAY_TEST_DB_* variables come from
 * the test's environment.
 *
 * @package IotPay\WcDouble
 */

require_once __DIR__ . '/site/Site.php';

$wc_double_home             = parse_url( \IotPay\WcDouble\Site::default_home() );
$_SERVER['HTTP_HOST']       = $_SERVER['HTTP_HOST'] ?? ( $wc_double_home['host'] . ( isset( $wc_double_home['port'] ) ? ':' . $wc_double_home['port'] : '' ) );
$_SERVER['REQUEST_URI']     = $_SERVER['REQUEST_URI'] ?? ( defined( 'WP_ADMIN' ) && WP_ADMIN ? '/wp-admin/' : '/' );
$_SERVER['REQUEST_METHOD']  = $_SERVER['REQUEST_METHOD'] ?? 'GET';
$_SERVER['SERVER_PROTOCOL'] = $_SERVER['SERVER_PROTOCOL'] ?? 'HTTP/1.1';
unset( $wc_double_home );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', \IotPay\WcDouble\Site::dir() . '/' );
}
require_once ABSPATH . 'wp-load.php';
if ( defined( 'WP_ADMIN' ) && WP_ADMIN ) {
	require_once ABSPATH . 'wp-admin/includes/admin.php';
	do_action( 'admin_init' );
}
