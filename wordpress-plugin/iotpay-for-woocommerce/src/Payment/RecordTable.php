<?php
/**
 * What the attempts table (Payment\Attempts) and the refunds table
 * (Refund\Refunds) do alike: insert a record and read it back, read one by
 * a unique column, move a state by a conditional UPDATE (`WHERE state IN
 * (…)`: of two workers racing on one record exactly one moves it, the
 * exactly-once claim both rely on) and count a background check. One
 * implementation, so the two tables cannot differ in how a claim is made.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

final class RecordTable {

	/** The tables' timestamps: UTC, MySQL's DATETIME. */
	public static function now(): string {
		return gmdate( 'Y-m-d H:i:s' );
	}

	/**
	 * Inserts a record and reads it back through `$find` (by its new id).
	 *
	 * @template T of object
	 * @param array<string, mixed>  $row
	 * @param list<string>          $formats
	 * @param callable(int): (T|null) $find
	 * @return T
	 * @throws \RuntimeException When it cannot be written or read back ("cannot record the {$what}").
	 */
	public static function insert( string $table, array $row, array $formats, string $what, callable $find ): object {
		global $wpdb;
		if ( ! $wpdb->insert( $table, $row, $formats ) ) {
			throw new \RuntimeException( 'cannot record the ' . $what );
		}
		$record = $find( (int) $wpdb->insert_id );
		if ( null === $record ) {
			throw new \RuntimeException( 'cannot read back the ' . $what );
		}
		return $record;
	}

	/** The row whose `$column` (unique) is `$value`, or null. `$format`: %d or %s. */
	public static function row( string $table, string $column, string $format, int|string $value ): ?object {
		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM ' . $table . ' WHERE ' . $column . ' = ' . $format, $value ) );
		return is_object( $row ) ? $row : null;
	}

	/**
	 * Moves record `$id` from one of `$from` to `$to`, writing `$set` (column
	 * => value, the caller's own columns) with it; false when another worker
	 * moved it first.
	 *
	 * @param list<string>          $from
	 * @param array<string, string> $set
	 */
	public static function move( string $table, int $id, array $from, string $to, array $set = array() ): bool {
		global $wpdb;
		$cols   = array( 'state = %s', 'updated_at = %s' );
		$values = array( $to, self::now() );
		foreach ( $set as $col => $value ) {
			$cols[]   = "$col = %s";
			$values[] = $value;
		}
		$in     = implode( ', ', array_fill( 0, count( $from ), '%s' ) );
		$values = array_merge( $values, array( $id ), $from );
		$wpdb->query( $wpdb->prepare( 'UPDATE ' . $table . ' SET ' . implode( ', ', $cols ) . " WHERE id = %d AND state IN ($in)", ...$values ) );
		return 1 === (int) $wpdb->rows_affected;
	}

	/** Counts one background check of record `$id` (the index into its backoff schedule) and stamps it. */
	public static function count_check( string $table, int $id ): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'UPDATE ' . $table . ' SET checks = checks + 1, last_checked_at = %s WHERE id = %d', self::now(), $id ) );
	}
}
