<?php
/**
 * A per-order lock held in the database (MySQL/MariaDB named locks), so that
 * every PHP worker on every machine sharing the shop's database serialises on
 * the same order. The lock dies with the connection if a worker crashes.
 *
 * On a read/write-splitting database (HyperDB, LudicrousDB: a statement
 * starting with SELECT/SHOW/DESCRIBE/EXPLAIN is a read and may go to any
 * replica) a `SELECT GET_LOCK` would take the lock on some replica's
 * connection and exclude nobody. So:
 *
 * 1. Where the drop-in offers `send_reads_to_masters()` (HyperDB and
 *    LudicrousDB do) it is called first: the rest of the request reads from
 *    the primary — the lock's own check and every read made under the lock.
 * 2. The lock is taken by a statement every splitter treats as a write
 *    (`SET @… = GET_LOCK(…)`), i.e. on the primary's connection.
 * 3. It counts as held only if a read then sees this very connection hold
 *    it (`IS_USED_LOCK(…) = CONNECTION_ID()`): that proves both that the
 *    primary holds it and that our reads reach that connection. A splitter
 *    that sends the read elsewhere makes the answer false or NULL: the lock is
 *    released and the order reported busy — never "acquired" on a replica.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

final class OrderLock {

	public static function name( int $order_id ): string {
		return self::named( (string) $order_id );
	}

	/** Named locks are server-wide: the table prefix keeps two shops on one server apart. */
	private static function named( string $what ): string {
		global $wpdb;
		// MySQL caps names at 64 characters; a long prefix is hashed rather
		// than cut, so the order id is never lost.
		$name = 'iotpay_' . $wpdb->prefix . $what;
		return strlen( $name ) <= 64 ? $name : 'iotpay_' . md5( $wpdb->prefix ) . '_' . $what;
	}

	public static function acquire( int $order_id, int $timeout_seconds = 10 ): bool {
		return self::acquire_named( self::name( $order_id ), $timeout_seconds );
	}

	public static function release( int $order_id ): void {
		self::release_named( self::name( $order_id ) );
	}

	private static function acquire_named( string $name, int $timeout_seconds ): bool {
		global $wpdb;
		if ( method_exists( $wpdb, 'send_reads_to_masters' ) ) {
			$wpdb->send_reads_to_masters();
		}
		$wpdb->query( $wpdb->prepare( 'SET @iotpay_lock = GET_LOCK(%s, %d)', $name, $timeout_seconds ) );
		$seen = $wpdb->get_var( $wpdb->prepare( 'SELECT IS_USED_LOCK(%s) = CONNECTION_ID()', $name ) );
		if ( '1' === (string) $seen ) {
			return true;
		}
		// Not taken (another worker holds it: 0), or our reads do not reach
		// the connection that took it (nobody holds it there: NULL). Give it
		// back — a write, so on the connection that may have taken it.
		self::release_named( $name );
		if ( null === $seen && '' === (string) $wpdb->last_error ) {
			self::warn_unknown_splitter();
		}
		return false;
	}

	private static function release_named( string $name ): void {
		global $wpdb;
		// DO: a write for any splitter, so it reaches the connection that holds the lock.
		$wpdb->query( $wpdb->prepare( 'DO RELEASE_LOCK(%s)', $name ) );
	}

	/** Logged once per request: orders stay "busy" behind a splitter we cannot steer. */
	private static function warn_unknown_splitter(): void {
		static $said = false;
		if ( ! $said && class_exists( \IotPay\WooCommerce\Log\Logger::class ) ) {
			$said = true;
			\IotPay\WooCommerce\Log\Logger::warning( 'order lock not taken: the database drop-in may send reads to a replica and has no send_reads_to_masters()', array( 'wpdb' => get_class( $GLOBALS['wpdb'] ) ) );
		}
	}

	/**
	 * Runs `$fn` holding the lock; returns null if the lock was not obtained.
	 *
	 * @template T
	 * @param callable(): T $fn
	 * @return T|null
	 */
	public static function with( int $order_id, callable $fn, int $timeout_seconds = 10 ): mixed {
		return self::with_named( self::name( $order_id ), $fn, $timeout_seconds );
	}

	/**
	 * The same lock for a customer's own records (a card being saved from My
	 * Account), so that two returns of one customer run one after the other.
	 *
	 * @template T
	 * @param callable(): T $fn
	 * @return T|null
	 */
	public static function with_user( int $user_id, callable $fn, int $timeout_seconds = 10 ): mixed {
		return self::with_named( self::named( 'u' . $user_id ), $fn, $timeout_seconds );
	}

	/**
	 * @template T
	 * @param callable(): T $fn
	 * @return T|null
	 */
	private static function with_named( string $name, callable $fn, int $timeout_seconds ): mixed {
		if ( ! self::acquire_named( $name, $timeout_seconds ) ) {
			return null;
		}
		try {
			return $fn();
		} finally {
			self::release_named( $name );
		}
	}
}
