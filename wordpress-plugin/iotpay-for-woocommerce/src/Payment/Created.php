<?php
/**
 * What creating an IOTPay transaction gave: what the customer is shown or sent
 * to (`pay_data`), IOTPay's id when known, and — for a transaction decided at
 * once (a stored card charged with cc_purchasewithtoken, a contract debited) — IOTPay's answer,
 * which goes through the one completion path like any other news.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

final class Created {

	/** @param array<string, string> $pay_data */
	public function __construct(
		public readonly array $pay_data,
		public readonly ?string $pay_order_id,
		public readonly \IotPay\CardOrder|\IotPay\Autodebit\DebitResult|null $result = null,
	) {}
}
