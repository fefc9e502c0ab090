<?php
/**
 * One way of paying a subscription's renewals without the customer: what
 * credential the subscription holds (a saved card's cardId, a WeChat
 * auto-debit contract …), how it is recorded and shown, what the payment
 * attempt of a renewal charges, and what refuses a renewal before any call.
 * Renewals does everything else, once for every method: the scheduled-payment
 * hook of the method's gateway, the order lock and the attempt rows (the
 * attempt is created by Payment\Starter with attempt_options()), queries
 * before any second charge, the outcome through Payment\Completion, failed
 * renewal orders, the payment-method change by the customer and the admin.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Recurring;

use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Payment\Attempt;

interface RenewalMethod {

	/**
	 * The gateway a renewal is charged through: Payment\Starter takes the
	 * attempt's channel from its channel_for() and the Protocol from its
	 * family() (a method with its own API family returns a gateway object of
	 * that family, with the id of the gateway whose subscriptions it renews).
	 */
	public function gateway(): AbstractGateway;

	/** The meta key holding the credential on a subscription (and on the order it paid). */
	public function meta_key(): string;

	/** What the admin's payment-method field for the credential is called (the woocommerce_subscription_payment_meta label). */
	public function meta_label(): string;

	/** The credential an attempt used ('' when it used none: e.g. a hosted page). */
	public function credential_of( Attempt $attempt ): string;

	/**
	 * Why this credential cannot pay this renewal, in the admin's words, found
	 * without calling IOTPay (a card removed, a contract terminated, a limit
	 * above the amount) — or null when it can be tried.
	 *
	 * @param int $amount minor units
	 */
	public function refusal( \WC_Order $subscription, string $credential, int $amount ): ?string;

	/**
	 * Payment\Starter options that make the attempt charge the credential:
	 * what the gateway's Protocol::create() reads (e.g. `card_id`), and
	 * `pay_data` (strings recorded on the attempt before the call, so a charge
	 * whose answer is lost is known as one and credential_of() can read it).
	 * Renewals adds `origin` itself.
	 *
	 * @return array<string, mixed>
	 */
	public function attempt_options( string $credential ): array;

	/** The credential in words for the admin and the customer (e.g. "Visa ending in 4242"); '' when unknown. */
	public function describe( int $customer_id, string $credential ): string;

	/**
	 * Whether the admin may give a subscription this credential; throws with
	 * the reason in the admin's words.
	 *
	 * @throws \Exception
	 */
	public function validate( \WC_Order $subscription, string $credential ): void;
}
