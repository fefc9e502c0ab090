<?php
/**
 * What the completion path did with one piece of news from IOTPay.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

final class Outcome {

	/** The order lock could not be taken in time; try again later. */
	public const BUSY = 'busy';

	/** IOTPay itself does not know whether the money moved (V3 status 1): neither paid nor unpaid. */
	public const UNKNOWN = 'unknown';

	public function __construct(
		public readonly string $outcome,
		public readonly string $reason,
		public readonly bool $acknowledge,
		public readonly bool $completed_now = false,
	) {}

	public static function busy(): self {
		return new self( self::BUSY, 'order is being updated by another request', false );
	}

	/** A clear "this attempt was not paid" from IOTPay: the only news on which an order may be cancelled. */
	public function says_not_paid(): bool {
		return in_array( $this->outcome, array( 'pending', 'cancelled', 'failed', 'superseded' ), true );
	}

	public function is_paid(): bool {
		return in_array( $this->outcome, array( \IotPay\Decision::COMPLETE, \IotPay\Decision::ALREADY_SETTLED, \IotPay\Decision::DUPLICATE_PAYMENT ), true );
	}
}
