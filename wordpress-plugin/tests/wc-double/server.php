<?php
/**
 * Router of PHP's built-in server for the test site, doing what the web
 * server in front of WordPress does (nginx's `try_files $uri $uri/
 * /index.php?$args`, Apache's WordPress .htaccess):
 *
 *   PHP_CLI_SERVER_WORKERS=4 IOTPAY_TEST_WP_DIR=/tmp/iotpay-wp-site-… \
 *     IOTPAY_TEST_HOME_URL=http://127.0.0.1:8080 \
 *     php -S 127.0.0.1:8080 wordpress-plugin/tests/wc-double/server.php
 *
 * - a file of the site that exists and is not PHP (a plugin's js/css/images,
 *   WordPress's own assets) is sent as it is;
 * - a PHP file of the site (wp-admin/admin-ajax.php, wp-admin/admin-post.php,
 *   wp-cron.php, wp-login.php, index.php …) is run, as the front controller
 *   it is;
 * - anything else goes to WordPress's index.php (pretty permalinks: REST
 *   under /wp-json/, the checkout endpoints, the My account page and its
 *   payment-method endpoints, /wc-api/…, 404s; also /index.php/… paths).
 * The document root is the test site's directory (IOTPAY_TEST_WP_DIR), whose
 * front controllers load WordPress through its wp-load.php and wp-config.php;
 * the plugins are those active in the database. The site URL is
 * IOTPAY_TEST_HOME_URL (WP_HOME and WP_SITEURL) or, if unset, http://{Host}.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

$wc_double_site = rtrim( (string) getenv( 'IOTPAY_TEST_WP_DIR' ), '/' );
if ( '' === $wc_double_site || ! is_file( $wc_double_site . '/wp-config.php' ) ) {
	http_response_code( 500 );
	echo 'IOTPAY_TEST_WP_DIR does not name an installed test site.';
	return;
}
$wc_double_path = rawurldecode( (string) parse_url( (string) ( $_SERVER['REQUEST_URI'] ?? '/' ), PHP_URL_PATH ) );
if ( '' === $wc_double_path || '/' !== $wc_double_path[0] || preg_match( '#(^|/)\.\.?(/|$)#', $wc_double_path ) ) {
	http_response_code( 400 );
	return;
}

$wc_double_file   = $wc_double_site . $wc_double_path;
$wc_double_script = null;
if ( is_dir( $wc_double_file ) && is_file( rtrim( $wc_double_file, '/' ) . '/index.php' ) ) {
	$wc_double_script = rtrim( $wc_double_path, '/' ) . '/index.php';
} elseif ( is_file( $wc_double_file ) ) {
	if ( 'php' !== strtolower( pathinfo( $wc_double_file, PATHINFO_EXTENSION ) ) ) {
		$wc_double_types = array(
			'js'    => 'application/javascript; charset=UTF-8',
			'mjs'   => 'application/javascript; charset=UTF-8',
			'css'   => 'text/css; charset=UTF-8',
			'json'  => 'application/json; charset=UTF-8',
			'map'   => 'application/json; charset=UTF-8',
			'svg'   => 'image/svg+xml; charset=UTF-8',
			'png'   => 'image/png',
			'jpg'   => 'image/jpeg',
			'jpeg'  => 'image/jpeg',
			'gif'   => 'image/gif',
			'webp'  => 'image/webp',
			'ico'   => 'image/x-icon',
			'woff'  => 'font/woff',
			'woff2' => 'font/woff2',
			'ttf'   => 'font/ttf',
			'txt'   => 'text/plain; charset=UTF-8',
			'html'  => 'text/html; charset=UTF-8',
			'mo'    => 'application/octet-stream',
			'pot'   => 'text/plain; charset=UTF-8',
		);
		$wc_double_ext = strtolower( pathinfo( $wc_double_file, PATHINFO_EXTENSION ) );
		header( 'Content-Type: ' . ( $wc_double_types[ $wc_double_ext ] ?? 'application/octet-stream' ) );
		header( 'Cache-Control: no-cache' );
		header( 'Content-Length: ' . filesize( $wc_double_file ) );
		readfile( $wc_double_file );
		return;
	}
	$wc_double_script = $wc_double_path;
} else {
	$wc_double_script = '/index.php';
}

if ( ! defined( 'WP_HOME' ) ) {
	$wc_double_home = rtrim( getenv( 'IOTPAY_TEST_HOME_URL' ) ?: ( 'http://' . ( $_SERVER['HTTP_HOST'] ?? '127.0.0.1' ) ), '/' );
	define( 'WP_HOME', $wc_double_home );
	define( 'WP_SITEURL', $wc_double_home );
}
$_SERVER['SCRIPT_FILENAME'] = $wc_double_site . $wc_double_script;
$_SERVER['SCRIPT_NAME']     = $wc_double_script;
$_SERVER['PHP_SELF']        = $wc_double_script;
$_SERVER['DOCUMENT_ROOT']   = $wc_double_site;
chdir( dirname( $wc_double_site . $wc_double_script ) );
unset( $wc_double_path, $wc_double_file, $wc_double_types, $wc_double_ext, $wc_double_home );

require $wc_double_site . $wc_double_script;
