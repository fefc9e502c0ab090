<?php
/**
 * The double's test clock (not WooCommerce): the current Unix time plus the
 * offset TestCase::advanceTime() stores in the option
 * `iotpay_double_clock_offset`, shared by every process through the
 * database. The WooCommerce double uses it for order and product dates,
 * Action Scheduler due dates, log timestamps, the unpaid-order timeout and
 * its WP-Cron event. WordPress itself (nonces, transients, WP-Cron's own
 * clock, current_time()) and plugin code calling time() are not shifted.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

final class WC_Double_Clock {

	/** This process's cached offset (seconds); null = read it from the database. */
	public static ?int $offset = null;
}

function iotpay_test_now(): int {
	return time() + iotpay_test_clock_offset();
}

function iotpay_test_clock_offset(): int {
	if ( null === WC_Double_Clock::$offset ) {
		global $wpdb;
		$value = null;
		if ( $wpdb instanceof wpdb && $wpdb->ready ) {
			$value = $wpdb->get_var( "SELECT option_value FROM {$wpdb->options} WHERE option_name = 'iotpay_double_clock_offset'" );
		}
		WC_Double_Clock::$offset = (int) $value;
	}
	return WC_Double_Clock::$offset;
}

function iotpay_test_set_clock_offset( int $seconds ): void {
	global $wpdb;
	$wpdb->query(
		$wpdb->prepare(
			"INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES ('iotpay_double_clock_offset', %s, 'no') ON DUPLICATE KEY UPDATE option_value = VALUES(option_value)",
			(string) $seconds
		)
	);
	wp_cache_delete( 'iotpay_double_clock_offset', 'options' );
	wp_cache_delete( 'notoptions', 'options' );
	WC_Double_Clock::$offset = $seconds;
}
