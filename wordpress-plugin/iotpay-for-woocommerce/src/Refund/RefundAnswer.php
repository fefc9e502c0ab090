<?php
/**
 * What IOTPay said about one refund, reduced to what the state machine needs.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Refund;

final class RefundAnswer {

	/** Refunded. */
	public const DONE = 'done';
	/** Accepted, still processing (status 0/1). */
	public const PENDING = 'pending';
	/** Accepted without a status (the refund answer documents none: spec §9). */
	public const ACCEPTED = 'accepted';
	/** Refused or failed at IOTPay. */
	public const FAILED = 'failed';
	/** IOTPay does not know the refund number (0112). */
	public const NOT_FOUND = 'not_found';
	/** Query Refund does not exist on this IOTPay (404, unknown path). */
	public const UNAVAILABLE = 'unavailable';
	/**
	 * IOTPay refused a send that was not the refund's first (D35): it may
	 * refuse a repeated number whatever became of the first send, so this
	 * says nothing about whether the money went back.
	 */
	public const REFUSED_AGAIN = 'refused_again';
	/** No usable answer (timeout, 5xx, bad signature, garbage, "query first" codes). */
	public const UNKNOWN = 'unknown';

	public function __construct(
		public readonly string $kind,
		public readonly string $message = '',
		public readonly ?string $refund_order_id = null,
	) {}
}
