<?php
/**
 * What differs between IOTPay's API families for one payment attempt and its
 * refunds: how the transaction is created, queried, refunded and asked about.
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

	public function family(): string;

	/**
	 * Creates the IOTPay transaction of a new attempt (its number is fixed).
	 *
	 * @param array<string, mixed> $options Family-specific: e.g. `card_id` (V3: pay with a stored card).
	 */
	public function create( \WC_Order $order, Attempt $attempt, array $options ): Created;

	/** What IOTPay says about the attempt now (a query by its merchant number). */
	public function query( Attempt $attempt ): \IotPay\OrderResult|\IotPay\CardOrder;

	/** Sends the refund (or void) of a refund row, under its fixed number. */
	public function send_refund( Refund $refund ): RefundAnswer;

	/** Asks IOTPay about a refund row by its number. */
	public function ask_refund( Refund $refund ): RefundAnswer;
}
