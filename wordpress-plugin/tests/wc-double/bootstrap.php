<?php
/**
 * Bootstrap of the test harness (PHPUnit): installs the test site — real
 * WordPress from /usr/share/wordpress with the WooCommerce double — once per
 * run (Site::ensure_installed()). WordPress itself is loaded later, by the
 * first TestCase::bootPlugin()/bootWordPress() of each PHP process.
 *
 * PHPUnit prints its progress through PHP's output, which would make PHP
 * consider the response headers sent, and every header() WordPress calls in
 * this process (redirects, no-cache, REST) a warning. Its output is
 * therefore handed straight to STDOUT by an output handler, so that this
 * process behaves like a web request whose headers are not sent yet.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

if ( defined( 'WC_DOUBLE_HARNESS' ) ) {
	return;
}
define( 'WC_DOUBLE_HARNESS', __DIR__ );

require_once __DIR__ . '/site/Site.php';

if ( 'cli' === PHP_SAPI && 0 === ob_get_level() ) {
	ob_start(
		static function ( string $buffer ): string {
			if ( '' !== $buffer ) {
				fwrite( STDOUT, $buffer );
			}
			return '';
		},
		1
	);
}

/**
 * Thrown by wp_die() in PHPUnit (the name WordPress's own test suite uses).
 */
class WPDieException extends Exception {

	/** @var mixed */
	public $wp_die_title;

	/** @var array */
	public $wp_die_args = array();

	/** @var int HTTP status wp_die() would send. */
	public $wp_die_status = 500;
}

/**
 * Thrown by wp_redirect() in PHPUnit when WC_Double_Runtime::$redirect_throws is on.
 */
class WPRedirectException extends Exception {

	public string $location = '';

	public int $status = 302;
}

/**
 * Switches of the harness a test may flip (reset before every test).
 */
final class WC_Double_Runtime {

	/** When true, wp_redirect() throws WPRedirectException (a handler that redirects and exits would end PHPUnit). */
	public static bool $redirect_throws = false;
}

\IotPay\WcDouble\Site::ensure_installed();
