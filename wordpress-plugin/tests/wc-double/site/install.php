<?php
/**
 * Installs the test site with WordPress's own installer. Run by
 * Site::ensure_installed() in two PHP processes, as a shop owner's first
 * visits would:
 *
 *   php install.php core         WP_INSTALLING: drops the prefix's tables, wp_install()
 *                                (tables, options, roles, the admin user, default content),
 *                                site settings, then activates WooCommerce (the double:
 *                                its activation hook installs its tables, options, roles
 *                                and pages)
 *   php install.php woocommerce  a normal request with WooCommerce active (post types,
 *                                endpoints, the rewrite rules it queued), then the
 *                                snapshot every test starts from
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

use IotPay\WcDouble\Site;

require __DIR__ . '/Site.php';

$iotpay_phase = $argv[1] ?? '';
$iotpay_home  = Site::default_home();
$iotpay_url   = parse_url( $iotpay_home );
$_SERVER['HTTP_HOST']       = $iotpay_url['host'] . ( isset( $iotpay_url['port'] ) ? ':' . $iotpay_url['port'] : '' );
$_SERVER['SERVER_NAME']     = $iotpay_url['host'];
$_SERVER['SERVER_PORT']     = (string) ( $iotpay_url['port'] ?? 80 );
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define( 'ABSPATH', Site::dir() . '/' );

if ( 'core' === $iotpay_phase ) {
	Site::drop_tables();
	define( 'WP_INSTALLING', true );
	require ABSPATH . 'wp-config.php';
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	require_once ABSPATH . 'wp-admin/includes/plugin.php';
	add_filter( 'pre_wp_mail', '__return_false' ); // The "new site" email.
	$iotpay_result = wp_install( 'IOTPay Test Shop', 'admin', 'admin@example.com', false, '', 'password' );
	update_option( 'siteurl', $iotpay_home );
	update_option( 'home', $iotpay_home );
	update_option( 'blogdescription', 'Just another WordPress site' );
	update_option( 'timezone_string', 'UTC' );
	update_option( 'gmt_offset', 0 );
	$GLOBALS['wp_rewrite']->set_permalink_structure( '/%postname%/' );
	switch_theme( Site::THEME );
	$iotpay_activated = activate_plugin( 'woocommerce/woocommerce.php' );
	if ( is_wp_error( $iotpay_activated ) ) {
		fwrite( STDERR, 'Activating WooCommerce (the double) failed: ' . $iotpay_activated->get_error_message() . "\n" );
		exit( 1 );
	}
	exit( 0 );
}

if ( 'woocommerce' === $iotpay_phase ) {
	require ABSPATH . 'wp-config.php';
	if ( ! class_exists( 'WooCommerce', false ) ) {
		fwrite( STDERR, "WooCommerce (the double) is not active after installation.\n" );
		exit( 1 );
	}
	// WooCommerce flushed the rewrite rules it queued on activation (init);
	// they are stored now, with its endpoints.
	Site::take_snapshot();
	exit( 0 );
}

fwrite( STDERR, "usage: php install.php core|woocommerce\n" );
exit( 2 );
