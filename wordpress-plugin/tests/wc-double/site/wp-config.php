<?php
/**
 * wp-config.php of the test site: real WordPress from the Debian package
 * (/usr/share/wordpress), configured here and not by Debian's
 * /etc/wordpress files.
 *
 * The test site's directory (IOTPAY_TEST_WP_DIR, made by Site::create()) is
 * ABSPATH and the web server's document root: it holds this file, copies of
 * WordPress's front controllers (index.php, wp-load.php, wp-cron.php,
 * wp-admin/admin-ajax.php …) and links to the rest of /usr/share/wordpress.
 * wp-load.php loads the wp-config.php next to it, so it finds this
 * configuration rather than Debian's own /usr/share/wordpress/wp-config.php
 * (which needs /etc/wordpress/config-{host}.php). Its wp-content/ holds the
 * links to the plugins under test, the WooCommerce double
 * (plugins/woocommerce) and the test theme.
 *
 * Database: IOTPAY_TEST_DB_SOCKET (or IOTPAY_TEST_DB_HOST/PORT),
 * IOTPAY_TEST_DB_NAME, IOTPAY_TEST_DB_USER, IOTPAY_TEST_DB_PASSWORD,
 * IOTPAY_TEST_DB_PREFIX. Keys and salts derive from IOTPAY_TEST_SALT.
 *
 * @package IotPay\WcDouble
 */

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', rtrim( (string) getenv( 'IOTPAY_TEST_WP_DIR' ), '/' ) . '/' );
}

( static function (): void {
	$socket = (string) getenv( 'IOTPAY_TEST_DB_SOCKET' );
	$host   = (string) getenv( 'IOTPAY_TEST_DB_HOST' );
	$port   = (string) getenv( 'IOTPAY_TEST_DB_PORT' );
	if ( '' !== $socket ) {
		$db_host = 'localhost:' . $socket;
	} elseif ( '' !== $host ) {
		$db_host = $host . ( '' !== $port ? ':' . $port : '' );
	} else {
		throw new RuntimeException( 'Test site: set IOTPAY_TEST_DB_SOCKET (or IOTPAY_TEST_DB_HOST/IOTPAY_TEST_DB_PORT); see wordpress-plugin/tests/README.md.' );
	}
	define( 'DB_NAME', getenv( 'IOTPAY_TEST_DB_NAME' ) ?: 'iotpay_test' );
	define( 'DB_USER', getenv( 'IOTPAY_TEST_DB_USER' ) ?: 'iotpay' );
	define( 'DB_PASSWORD', (string) getenv( 'IOTPAY_TEST_DB_PASSWORD' ) );
	define( 'DB_HOST', $db_host );
	define( 'DB_CHARSET', 'utf8mb4' );
	define( 'DB_COLLATE', '' );

	$salt = getenv( 'IOTPAY_TEST_SALT' ) ?: 'iotpay-wc-double';
	foreach ( array( 'AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE' ) as $scheme ) {
		define( $scheme . '_KEY', $salt . '-' . strtolower( $scheme ) . '-key' );
		define( $scheme . '_SALT', $salt . '-' . strtolower( $scheme ) . '-salt' );
	}
} )();

// Cookie names must not depend on the site URL: every test class serves the
// site on its own port, and PHPUnit and the web server share the cookies.
define( 'COOKIEHASH', md5( 'iotpay-wc-double' ) );

define( 'WP_DEBUG', in_array( getenv( 'IOTPAY_TEST_WP_DEBUG' ), array( '1', 'yes', 'true' ), true ) );
define( 'WP_DEFAULT_THEME', 'wc-double-theme' );
// Nothing leaves the machine: no update checks, no cron spawned over HTTP
// (the tests run WP-Cron and Action Scheduler themselves), no external HTTP.
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'FS_METHOD', 'direct' );

$GLOBALS['table_prefix'] = getenv( 'IOTPAY_TEST_DB_PREFIX' ) ?: 'wp_';

require_once ABSPATH . 'wp-settings.php';
