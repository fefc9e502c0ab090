<?php
/**
 * What differs between providers (IOTPay, SUNBAY) and their API families for
 * one payment attempt and its refunds: how the transaction is created,
 * queried, refunded, asked about and given up.
 * Everything else — the attempt rows, the order lock, Decision::decide() and
 * the completion itself (Completion), reconciliation (Reconciler), the refund
 * state machine (RefundService, RefundResolver) — is one code path for every
 * family. An attempt and a refund row record their family; Protocols::get()
 * gives its Protocol.
 *
 * Every method may throw what the extension throws (IotPay\Exception\*); the
 * callers turn that into outcomes (Starter, Completion::check, RefundSender).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

use IotPay\WooCommerce\Refund\Refund;
use IotPay\WooCommerce\Refund\RefundAnswer;

interface Protocol {

	/** The General Order API (spec §4–§10): WeChat Pay, Alipay, UnionPay. */
	public const V1 = 'v1';

	/** The Credit Card API V3 (spec §15). */
	public const V3 = 'v3';

	/** Autodebit (spec §13): a debit on a signed WeChat withholding contract ('debit': the family column holds 8 characters). */
	public const AUTODEBIT = 'debit';
	/** SUNBAY Nexus's online checkout: hosted payment page sessions (sunbay.md §8.1). */
	public const SUNBAY = 'sunbay';

	/** IOTPay, whose two families share one merchant account. */
	public const PROVIDER_IOTPAY = 'iotpay';

	/** SUNBAY Nexus. */
	public const PROVIDER_SUNBAY = 'sunbay';

	public function family(): string;

	/** Whose API this is (PROVIDER_*): which account settings and merchant its rows belong to. */
	public function provider(): string;

	/**
	 * Creates the IOTPay transaction of a new attempt (its number is fixed).
	 *
	 * @param array<string, mixed> $options Family-specific: e.g. `card_id` (V3: pay with a stored card).
	 */
	public function create( \WC_Order $order, Attempt $attempt, array $options ): Created;

	/** What the provider says about the attempt now (a query by its number). */
	public function query( Attempt $attempt ): News;

	/**
	 * The attempt will not be used again (superseded by a newer one, or its
	 * order cancelled): make it unpayable where the provider can. True only
	 * when the provider confirmed that no payment can happen on it any more;
	 * false when closing it was refused or its answer is unknown (it then
	 * stays under reconciliation, and a late payment is still honoured);
	 * null when the provider has no way to close one (nothing was sent).
	 */
	public function abandon( Attempt $attempt ): ?bool;

	/** Sends the refund (or void) of a refund row, under its fixed number. */
	public function send_refund( Refund $refund ): RefundAnswer;

	/** Asks the provider about a refund row by its number. */
	public function ask_refund( Refund $refund ): RefundAnswer;
}
