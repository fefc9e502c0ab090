<?php
/**
 * Test double: process-level state that WordPress keeps in the HTTP response
 * or in constants, recorded here so tests can assert on it; the test clock.
 *
 * Not a WordPress API (names are the double's own). Documented in
 * tests/README.md.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

final class WC_Double_Runtime {

	/** True inside server.php (real HTTP request): headers are sent, wp_die() exits. */
	public static bool $web = false;

	/** What is_admin() answers. */
	public static bool $is_admin = false;

	/** What wp_doing_ajax() answers before its filter. */
	public static bool $doing_ajax = false;

	/** What wp_doing_cron() answers before its filter. */
	public static bool $doing_cron = false;

	/** When true, wp_redirect() throws WPRedirectException after recording (opt-in, not WordPress). */
	public static bool $redirect_throws = false;

	/**
	 * Headers "sent": list of [name, value].
	 *
	 * @var array<int, array{0:string,1:string}>
	 */
	public static array $headers = array();

	public static ?int $status = null;

	/**
	 * @var array<int, array{location:string,status:int,x_redirect_by:string|false}>
	 */
	public static array $redirects = array();

	/**
	 * @var array<int, array{function:string,message:string,version:string}>
	 */
	public static array $doing_it_wrong = array();

	/**
	 * @var array<int, array{function:string,version:string,replacement:string}>
	 */
	public static array $deprecated = array();

	/** Cached clock offset (seconds) for this request; null = read it from the DB. */
	public static ?int $clock_offset = null;

	public static function reset_request(): void {
		self::$headers         = array();
		self::$status          = null;
		self::$redirects       = array();
		self::$doing_it_wrong  = array();
		self::$deprecated      = array();
		self::$is_admin        = false;
		self::$doing_ajax      = false;
		self::$doing_cron      = false;
		self::$redirect_throws = false;
		self::$clock_offset    = null;
	}

	public static function send_header( string $name, string $value, bool $replace = true ): void {
		if ( $replace ) {
			foreach ( self::$headers as $i => $h ) {
				if ( 0 === strcasecmp( $h[0], $name ) ) {
					unset( self::$headers[ $i ] );
				}
			}
			self::$headers = array_values( self::$headers );
		}
		self::$headers[] = array( $name, $value );
		if ( self::$web && ! headers_sent() ) {
			header( $name . ': ' . $value, $replace );
		}
	}

	public static function remove_header( string $name ): void {
		foreach ( self::$headers as $i => $h ) {
			if ( 0 === strcasecmp( $h[0], $name ) ) {
				unset( self::$headers[ $i ] );
			}
		}
		self::$headers = array_values( self::$headers );
		if ( self::$web && ! headers_sent() ) {
			header_remove( $name );
		}
	}

	public static function header_value( string $name ): ?string {
		$found = null;
		foreach ( self::$headers as $h ) {
			if ( 0 === strcasecmp( $h[0], $name ) ) {
				$found = $h[1];
			}
		}
		return $found;
	}
}

/**
 * Thrown by wp_die() outside server.php (the name WordPress's own PHPUnit suite uses).
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
 * Thrown by wp_redirect() only when WC_Double_Runtime::$redirect_throws is on.
 */
class WPRedirectException extends Exception {

	public string $location = '';

	public int $status = 302;
}

/**
 * The test clock: the current Unix time plus the offset that
 * TestCase::advanceTime() stores (option `iotpay_double_clock_offset`, shared
 * by every process through the database). The double uses it for order dates,
 * Action Scheduler due dates, transients, nonces, current_time() and the
 * unpaid-order timeout. Plugin code calling time() is not shifted.
 */
function iotpay_test_now(): int {
	return time() + iotpay_test_clock_offset();
}

function iotpay_test_clock_offset(): int {
	if ( null === WC_Double_Runtime::$clock_offset ) {
		global $wpdb;
		$value = null;
		if ( $wpdb instanceof wpdb && $wpdb->ready ) {
			$value = $wpdb->get_var( "SELECT option_value FROM {$wpdb->options} WHERE option_name = 'iotpay_double_clock_offset'" );
		}
		WC_Double_Runtime::$clock_offset = (int) $value;
	}
	return WC_Double_Runtime::$clock_offset;
}

function iotpay_test_set_clock_offset( int $seconds ): void {
	global $wpdb;
	$wpdb->double_query(
		$wpdb->prepare(
			"INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES ('iotpay_double_clock_offset', %s, 'no') ON DUPLICATE KEY UPDATE option_value = VALUES(option_value)",
			(string) $seconds
		)
	);
	wp_cache_delete( 'iotpay_double_clock_offset', 'options' );
	WC_Double_Runtime::$clock_offset = $seconds;
}
