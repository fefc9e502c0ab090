<?php
/**
 * One IOTPay refund: a row of the refunds table. Its number is fixed before
 * the first call and reused for every retry of the same money (IOTPay answers
 * a repeated number with the first refund's result: SPEC-DECISIONS D17).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Refund;

use IotPay\WooCommerce\Payment\Protocol;
use IotPay\WooCommerce\Payment\ProviderRecord;

final class Refund {

	use ProviderRecord;

	/** Recorded, the call to IOTPay not answered yet. */
	public const SENDING = 'sending';
	/** IOTPay's answer was lost or says nothing final: may or may not have been refunded. */
	public const UNKNOWN = 'unknown';
	/** IOTPay accepted the refund and is still processing it ("refunding"). */
	public const PENDING = 'pending';
	/** IOTPay refunded the money. */
	public const DONE = 'done';
	/** IOTPay did not refund the money. */
	public const FAILED = 'failed';

	/** How the money goes back: a refund (v1 refund_order, V3 cc_refund) … */
	public const REFUND = 'refund';
	/** … or a void of a card payment that is not settled yet (V3 cc_void; SPEC-DECISIONS D31). */
	public const VOID = 'void';

	/** States whose money may still leave (or has left) IOTPay; checked in the background. */
	public const LIVE = array( self::SENDING, self::UNKNOWN, self::PENDING );

	public function __construct(
		public readonly int $id,
		public readonly int $order_id,
		public readonly ?int $wc_refund_id,
		public readonly string $mch_refund_no,
		public readonly string $pay_order_id,
		public readonly int $amount,
		public readonly string $currency,
		public readonly string $state,
		public readonly ?string $refund_order_id,
		public readonly string $reason,
		public readonly int $checks,
		public readonly ?string $last_sent_at,
		public readonly string $message = '',
		public readonly string $family = Protocol::V1,
		public readonly string $method = self::REFUND,
		public readonly string $mch_id = '',
		public readonly bool $test = false,
	) {}

	/** @param object $row A row of the refunds table. */
	public static function from_row( object $row ): self {
		$account = self::account_of_row( $row );
		return new self(
			(int) $row->id,
			(int) $row->order_id,
			null === $row->wc_refund_id ? null : (int) $row->wc_refund_id,
			(string) $row->mch_refund_no,
			(string) $row->pay_order_id,
			(int) $row->amount,
			(string) $row->currency,
			(string) $row->state,
			null === $row->refund_order_id ? null : (string) $row->refund_order_id,
			(string) ( $row->reason ?? '' ),
			(int) $row->checks,
			null === $row->last_sent_at ? null : (string) $row->last_sent_at,
			(string) ( $row->message ?? '' ),
			(string) ( $row->family ?? Protocol::V1 ),
			(string) ( $row->method ?? self::REFUND ),
			$account->mch_id,
			$account->test,
		);
	}

	public function is_void(): bool {
		return self::VOID === $this->method;
	}

	/**
	 * Whether a WooCommerce refund record stands for this money. WooCommerce
	 * deletes its record when the gateway reports an error, so a row whose
	 * outcome was unknown at the time has none.
	 */
	public function wc_refund(): ?\WC_Order_Refund {
		if ( null === $this->wc_refund_id || ! self::wc_record_exists( $this->wc_refund_id ) ) {
			return null;
		}
		$r = \IotPay\WooCommerce\Payment\OrderReader::fresh( $this->wc_refund_id );
		return $r instanceof \WC_Order_Refund ? $r : null;
	}

	/**
	 * Whether WooCommerce's refund record is in the database now. Read from
	 * the table, never from an object cache: another request (WooCommerce
	 * dropping the record of a failed refund call) may have deleted it since
	 * this request last loaded it.
	 */
	private static function wc_record_exists( int $id ): bool {
		global $wpdb;
		if ( class_exists( \Automattic\WooCommerce\Utilities\OrderUtil::class ) && \Automattic\WooCommerce\Utilities\OrderUtil::custom_orders_table_usage_is_enabled() ) {
			return null !== $wpdb->get_var( $wpdb->prepare( 'SELECT id FROM ' . $wpdb->prefix . 'wc_orders WHERE id = %d AND type = %s', $id, 'shop_order_refund' ) );
		}
		return null !== $wpdb->get_var( $wpdb->prepare( "SELECT ID FROM $wpdb->posts WHERE ID = %d AND post_type = %s", $id, 'shop_order_refund' ) );
	}

	/** Seconds since the refund was last sent to IOTPay (a large number if never). */
	public function seconds_since_sent(): int {
		if ( null === $this->last_sent_at ) {
			return PHP_INT_MAX;
		}
		return max( 0, time() - (int) strtotime( $this->last_sent_at . ' UTC' ) );
	}
}
