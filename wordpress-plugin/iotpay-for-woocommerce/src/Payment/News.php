<?php
/**
 * One piece of news about a payment attempt, whichever provider or API
 * family it came from: a verified notification or a query answer (IOTPay
 * v1 / V3, a SUNBAY transaction). Completion reads only this — the number
 * it is about, the provider's transaction id, the amount and currency — and
 * hands `raw` to IotPay\Decision::decide(), which knows every kind.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

final class News {

	/**
	 * @param object $raw             What Decision::decide() reads (the extension's object).
	 * @param string $number          Our number for the attempt (mchOrderNo / transactionRequestId).
	 * @param string $provider_id     The provider's transaction id ('' when the answer lacks it).
	 * @param bool   $outcome_unknown The provider itself does not know whether money moved (IOTPay V3 status 1).
	 */
	public function __construct(
		public readonly object $raw,
		public readonly string $number,
		public readonly string $provider_id,
		public readonly int $amount,
		public readonly string $currency,
		public readonly bool $outcome_unknown = false,
	) {}

	/** News from any object the extension gives about a payment. */
	public static function of( object $x ): self {
		if ( $x instanceof \IotPay\Sunbay\Transaction ) {
			return new self( $x, (string) $x->getTransactionRequestId(), $x->getTransactionId(), $x->getAmount(), $x->getCurrency() );
		}
		$unknown = ( $x instanceof \IotPay\CardOrder || $x instanceof \IotPay\CardNotification ) && \IotPay\CardOrder::UNKNOWN === $x->getStatus();
		return new self( $x, (string) $x->getMchOrderNo(), (string) $x->getPayOrderId(), (int) $x->getAmount(), (string) $x->getCurrency(), $unknown );
	}
}
