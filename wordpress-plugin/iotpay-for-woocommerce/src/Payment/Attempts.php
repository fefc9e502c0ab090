<?php
/**
 * The attempts table. State changes are conditional UPDATEs, so two workers
 * racing on one attempt cannot both move it (RecordTable, shared with the
 * refunds table).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

final class Attempts {

	/** @param array<string, mixed> $pay_data */
	public static function create( int $order_id, string $mch_order_no, string $gateway, string $channel, int $amount, string $currency, string $family = Protocol::V1 ): Attempt {
		$now     = RecordTable::now();
		$account = \IotPay\WooCommerce\Api\MerchantAccount::current( $family );
		return RecordTable::insert(
			Schema::attempts_table(),
			array(
				'order_id'     => $order_id,
				'mch_order_no' => $mch_order_no,
				'gateway'      => $gateway,
				'family'       => $family,
				'mch_id'       => $account->mch_id,
				'test_mode'    => $account->test ? 1 : 0,
				'channel'      => $channel,
				'amount'       => $amount,
				'currency'     => $currency,
				'state'        => Attempt::CREATING,
				'created_at'   => $now,
				'updated_at'   => $now,
			),
			array( '%d', '%s', '%s', '%s', '%s', '%d', '%s', '%d', '%s', '%s', '%s', '%s' ),
			'payment attempt',
			array( self::class, 'find' )
		);
	}

	public static function find( int $id ): ?Attempt {
		$row = RecordTable::row( Schema::attempts_table(), 'id', '%d', $id );
		return $row ? Attempt::from_row( $row ) : null;
	}

	public static function find_by_mch_order_no( string $mch_order_no ): ?Attempt {
		$row = RecordTable::row( Schema::attempts_table(), 'mch_order_no', '%s', $mch_order_no );
		return $row ? Attempt::from_row( $row ) : null;
	}

	/** @return list<Attempt> newest first */
	public static function for_order( int $order_id ): array {
		global $wpdb;
		$rows = $wpdb->get_results( $wpdb->prepare( 'SELECT * FROM ' . Schema::attempts_table() . ' WHERE order_id = %d ORDER BY id DESC', $order_id ) );
		return array_map( array( Attempt::class, 'from_row' ), $rows ?: array() );
	}

	public static function count_for_order( int $order_id ): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::attempts_table() . ' WHERE order_id = %d', $order_id ) );
	}

	/**
	 * Moves an attempt from one of `$from` to `$to`. Returns false when another
	 * worker moved it first.
	 *
	 * @param list<string>         $from
	 * @param array<string, mixed> $set  Extra columns.
	 */
	public static function transition( int $id, array $from, string $to, array $set = array() ): bool {
		$write = array();
		foreach ( $set as $col => $value ) {
			if ( ! in_array( $col, array( 'pay_order_id', 'pay_data', 'note' ), true ) ) {
				continue;
			}
			if ( 'pay_order_id' === $col && '' === (string) $value ) {
				continue; // A query answer may lack payOrderId (spec §7): keep the best id known.
			}
			$write[ $col ] = is_array( $value ) ? (string) wp_json_encode( $value ) : (string) $value;
		}
		return RecordTable::move( Schema::attempts_table(), $id, $from, $to, $write );
	}

	/**
	 * Claims the right to query IOTPay about an attempt now; at most one worker
	 * per `$min_seconds`, so many polling browsers cost one query. Does not
	 * count as a background check: the backoff of those is `checks`.
	 */
	public static function claim_check( int $id, int $min_seconds ): bool {
		global $wpdb;
		$now    = RecordTable::now();
		$cutoff = gmdate( 'Y-m-d H:i:s', time() - $min_seconds );
		$wpdb->query(
			$wpdb->prepare(
				'UPDATE ' . Schema::attempts_table() . ' SET last_checked_at = %s WHERE id = %d AND (last_checked_at IS NULL OR last_checked_at <= %s)',
				$now,
				$id,
				$cutoff
			)
		);
		return 1 === (int) $wpdb->rows_affected;
	}

	/** Counts one background re-check (the index into the backoff schedule). */
	public static function count_check( int $id ): void {
		RecordTable::count_check( Schema::attempts_table(), $id );
	}

	/**
	 * Live attempts created within `$max_age` seconds, the least recently
	 * checked first, so that successive sweeps reach every one of them.
	 *
	 * @return list<Attempt>
	 */
	public static function live( int $max_age, int $limit = 100 ): array {
		global $wpdb;
		$since = gmdate( 'Y-m-d H:i:s', time() - $max_age );
		$in    = implode( ', ', array_fill( 0, count( Attempt::LIVE ), '%s' ) );
		$rows  = $wpdb->get_results(
			$wpdb->prepare(
				'SELECT * FROM ' . Schema::attempts_table() . " WHERE state IN ($in) AND created_at >= %s ORDER BY last_checked_at IS NOT NULL, last_checked_at ASC, id ASC LIMIT %d",
				...array_merge( Attempt::LIVE, array( $since, $limit ) )
			)
		);
		return array_map( array( Attempt::class, 'from_row' ), $rows ?: array() );
	}
}
