<?php
/**
 * A per-order lock held in the database (MySQL/MariaDB named locks), so that
 * every PHP worker on every machine sharing the shop's database serialises on
 * the same order. The lock dies with the connection if a worker crashes.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

final class OrderLock {

	public static function name( int $order_id ): string {
		global $wpdb;
		// Named locks are server-wide: the table prefix keeps two shops on one
		// server apart. MySQL caps names at 64 characters; a long prefix is
		// hashed rather than cut, so the order id is never lost.
		$name = 'iotpay_' . $wpdb->prefix . $order_id;
		return strlen( $name ) <= 64 ? $name : 'iotpay_' . md5( $wpdb->prefix ) . '_' . $order_id;
	}

	public static function acquire( int $order_id, int $timeout_seconds = 10 ): bool {
		global $wpdb;
		return '1' === (string) $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, %d)', self::name( $order_id ), $timeout_seconds ) );
	}

	public static function release( int $order_id ): void {
		global $wpdb;
		$wpdb->get_var( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', self::name( $order_id ) ) );
	}

	/**
	 * Runs `$fn` holding the lock; returns null if the lock was not obtained.
	 *
	 * @template T
	 * @param callable(): T $fn
	 * @return T|null
	 */
	public static function with( int $order_id, callable $fn, int $timeout_seconds = 10 ): mixed {
		if ( ! self::acquire( $order_id, $timeout_seconds ) ) {
			return null;
		}
		try {
			return $fn();
		} finally {
			self::release( $order_id );
		}
	}
}
