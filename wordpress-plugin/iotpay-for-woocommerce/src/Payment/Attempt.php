<?php
/**
 * One IOTPay order created for a WooCommerce order (a payment attempt): a
 * wallet order of the General Order API (v1) or a card transaction of the
 * Credit Card API (V3), as `family` says.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

final class Attempt {

	use ProviderRecord;

	/** create_order (or cc_purchase, cc_purchasewithtoken) sent; its answer is not known yet. */
	public const CREATING = 'creating';
	/** Exists at IOTPay, not paid yet. */
	public const OPEN = 'open';
	/** create_order's outcome is unknown and the order was not found; still checked later. */
	public const UNKNOWN = 'unknown';
	/** Recorded as the payment of the order. */
	public const PAID = 'paid';
	/** Refused or cancelled at IOTPay. */
	public const FAILED = 'failed';
	/** Replaced by a newer attempt; still honoured if paid. */
	public const SUPERSEDED = 'superseded';

	/** States that may still turn into a payment and are checked by reconciliation. */
	public const LIVE = array( self::CREATING, self::OPEN, self::UNKNOWN, self::SUPERSEDED );

	/** Every state but paid: IOTPay's word that an attempt was paid moves it from any of them (a late payment of a failed attempt included). */
	public const NOT_PAID = array( self::CREATING, self::OPEN, self::UNKNOWN, self::SUPERSEDED, self::FAILED );

	/** The note of a paid attempt that is a second payment of an order already paid. */
	public const NOTE_DUPLICATE = 'duplicate payment';

	/** @param array<string, mixed> $pay_data */
	public function __construct(
		public readonly int $id,
		public readonly int $order_id,
		public readonly string $mch_order_no,
		public readonly string $gateway,
		public readonly string $channel,
		public readonly int $amount,
		public readonly string $currency,
		public readonly string $state,
		public readonly ?string $pay_order_id,
		public readonly array $pay_data,
		public readonly int $checks,
		public readonly string $created_at,
		public readonly string $updated_at = '',
		public readonly string $note = '',
		public readonly string $family = Protocol::V1,
		public readonly string $mch_id = '',
		public readonly bool $test = false,
	) {}

	/** @param object $row A row of the attempts table. */
	public static function from_row( object $row ): self {
		$data    = json_decode( (string) ( $row->pay_data ?? '' ), true );
		$account = self::account_of_row( $row );
		return new self(
			(int) $row->id,
			(int) $row->order_id,
			(string) $row->mch_order_no,
			(string) $row->gateway,
			(string) $row->channel,
			(int) $row->amount,
			(string) $row->currency,
			(string) $row->state,
			null === $row->pay_order_id ? null : (string) $row->pay_order_id,
			is_array( $data ) ? $data : array(),
			(int) $row->checks,
			(string) $row->created_at,
			(string) ( $row->updated_at ?? '' ),
			(string) ( $row->note ?? '' ),
			(string) ( $row->family ?? Protocol::V1 ),
			$account->mch_id,
			$account->test,
		);
	}

	/** Whether this attempt is recorded as the payment of its order (paid, and not a second payment). */
	public function paid_the_order(): bool {
		return self::PAID === $this->state && self::NOTE_DUPLICATE !== $this->note;
	}

	/**
	 * A charge that goes through without the customer (a saved card, a
	 * subscription renewal): never reused, never replaced while it may still
	 * go through, and given up only after the whole background schedule.
	 */
	public function is_charge(): bool {
		return ! empty( $this->pay_data['cardId'] ) || ! empty( $this->pay_data['origin'] );
	}

	/** Seconds since the attempt was created (UTC). */
	public function age(): int {
		return max( 0, time() - (int) strtotime( $this->created_at . ' UTC' ) );
	}
}
