<?php
/**
 * The refunds table. A state moves only by a conditional UPDATE, so of two
 * workers racing on one refund exactly one moves it (and writes its note).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Refund;

use IotPay\WooCommerce\Payment\AttemptNumber;
use IotPay\WooCommerce\Payment\Protocol;
use IotPay\WooCommerce\Payment\RecordTable;
use IotPay\WooCommerce\Payment\Schema;
use IotPay\WooCommerce\Settings\SharedSettings;

final class Refunds {

	public static function create( int $order_id, ?int $wc_refund_id, string $pay_order_id, int $amount, string $currency, string $reason, string $family = Protocol::V1, string $method = Refund::REFUND ): Refund {
		global $wpdb;
		$now = RecordTable::now();
		$seq = 1 + (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::refunds_table() . ' WHERE order_id = %d', $order_id ) );
		// The payment's own account: a refund goes where the money was taken.
		$paid    = $wpdb->get_row( $wpdb->prepare( 'SELECT mch_id, test_mode FROM ' . Schema::attempts_table() . ' WHERE order_id = %d AND pay_order_id = %s ORDER BY id DESC LIMIT 1', $order_id, $pay_order_id ) );
		$account = \IotPay\WooCommerce\Api\MerchantAccount::of_row( $paid->mch_id ?? null, $paid->test_mode ?? null, $family );
		$row     = array(
			'order_id'      => $order_id,
			'mch_refund_no' => AttemptNumber::refund( SharedSettings::instance()->order_prefix(), $order_id, $seq ),
			'family'        => $family,
			'method'        => $method,
			'mch_id'        => $account->mch_id,
			'test_mode'     => $account->test ? 1 : 0,
			'pay_order_id'  => $pay_order_id,
			'amount'        => $amount,
			'currency'      => $currency,
			'state'         => Refund::SENDING,
			'reason'        => substr( $reason, 0, 250 ),
			'created_at'    => $now,
			'updated_at'    => $now,
		);
		$fmt = array( '%d', '%s', '%s', '%s', '%s', '%d', '%s', '%d', '%s', '%s', '%s', '%s', '%s' );
		if ( null !== $wc_refund_id ) {
			$row['wc_refund_id'] = $wc_refund_id;
			$fmt[]               = '%d';
		}
		return RecordTable::insert( Schema::refunds_table(), $row, $fmt, 'refund', array( self::class, 'find' ) );
	}

	public static function find( int $id ): ?Refund {
		$row = RecordTable::row( Schema::refunds_table(), 'id', '%d', $id );
		return $row ? Refund::from_row( $row ) : null;
	}

	public static function find_by_mch_refund_no( string $mch_refund_no ): ?Refund {
		$row = RecordTable::row( Schema::refunds_table(), 'mch_refund_no', '%s', $mch_refund_no );
		return $row ? Refund::from_row( $row ) : null;
	}

	/** @return list<Refund> oldest first */
	public static function for_order( int $order_id ): array {
		global $wpdb;
		$rows = $wpdb->get_results( $wpdb->prepare( 'SELECT * FROM ' . Schema::refunds_table() . ' WHERE order_id = %d ORDER BY id ASC', $order_id ) );
		return array_map( array( Refund::class, 'from_row' ), $rows ?: array() );
	}

	/** @return list<Refund> live refunds, the least recently checked first */
	public static function live( int $limit = 100 ): array {
		global $wpdb;
		$in   = implode( ', ', array_fill( 0, count( Refund::LIVE ), '%s' ) );
		$rows = $wpdb->get_results(
			$wpdb->prepare(
				'SELECT * FROM ' . Schema::refunds_table() . " WHERE state IN ($in) ORDER BY last_checked_at IS NOT NULL, last_checked_at ASC, id ASC LIMIT %d",
				...array_merge( Refund::LIVE, array( $limit ) )
			)
		);
		return array_map( array( Refund::class, 'from_row' ), $rows ?: array() );
	}

	/**
	 * Moves a refund from one of `$from` to `$to`; false when another worker
	 * moved it first.
	 *
	 * @param list<string>         $from
	 * @param array<string, mixed> $set  refund_order_id, message.
	 */
	public static function transition( int $id, array $from, string $to, array $set = array() ): bool {
		$write = array();
		foreach ( array( 'refund_order_id', 'message' ) as $col ) {
			if ( isset( $set[ $col ] ) && '' !== (string) $set[ $col ] ) {
				$write[ $col ] = substr( (string) $set[ $col ], 0, 250 );
			}
		}
		return RecordTable::move( Schema::refunds_table(), $id, $from, $to, $write );
	}

	/** Binds a refund to the WooCommerce refund record that now stands for it. */
	public static function bind( int $id, ?int $wc_refund_id ): void {
		global $wpdb;
		if ( null === $wc_refund_id ) {
			$wpdb->query( $wpdb->prepare( 'UPDATE ' . Schema::refunds_table() . ' SET wc_refund_id = NULL WHERE id = %d', $id ) );
			return;
		}
		// A WooCommerce refund stands for one IOTPay refund only.
		$wpdb->query( $wpdb->prepare( 'UPDATE ' . Schema::refunds_table() . ' SET wc_refund_id = NULL WHERE wc_refund_id = %d AND id <> %d', $wc_refund_id, $id ) );
		$wpdb->query( $wpdb->prepare( 'UPDATE ' . Schema::refunds_table() . ' SET wc_refund_id = %d WHERE id = %d', $wc_refund_id, $id ) );
	}

	/** Sets a refund's message; false when it already said exactly that (so a note is written once). */
	public static function mark_message( int $id, string $message ): bool {
		global $wpdb;
		$message = substr( $message, 0, 250 );
		$wpdb->query( $wpdb->prepare( 'UPDATE ' . Schema::refunds_table() . ' SET message = %s WHERE id = %d AND ( message IS NULL OR message <> %s )', $message, $id, $message ) );
		return 1 === (int) $wpdb->rows_affected;
	}

	public static function mark_sent( int $id ): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'UPDATE ' . Schema::refunds_table() . ' SET last_sent_at = %s WHERE id = %d', RecordTable::now(), $id ) );
	}

	/** Counts one background check (the backoff index) and stamps it. */
	public static function count_check( int $id ): void {
		RecordTable::count_check( Schema::refunds_table(), $id );
	}

	/** Cents that left, or may have left, IOTPay for this payment (every refund but failed ones). */
	public static function committed_minor( int $order_id, ?int $except_id = null ): int {
		global $wpdb;
		return (int) $wpdb->get_var(
			$wpdb->prepare(
				'SELECT COALESCE(SUM(amount), 0) FROM ' . Schema::refunds_table() . ' WHERE order_id = %d AND state <> %s AND id <> %d',
				$order_id,
				Refund::FAILED,
				$except_id ?? 0
			)
		);
	}
}
