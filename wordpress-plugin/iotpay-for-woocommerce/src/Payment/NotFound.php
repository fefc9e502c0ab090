<?php
/**
 * Whether a provider's refusal of a query means "no transaction with this
 * number" (SPEC-DECISIONS D34, D45). The spec documents `0112` ("merchant order
 * id not exist") for the General Order API only; for the Credit Card API it
 * documents no error codes at all, only that a failure carries `retMsg`.
 * So a query is read as "not found" by the code where there is one, and by
 * its words where there is none — IOTPay's messages are English or Chinese.
 * Anything else (a signature or parameter error, a timeout) says nothing
 * about the transaction.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

use IotPay\Exception\GatewayException;

final class NotFound {

	/** Words IOTPay uses (or may use) for "no such transaction". */
	private const PATTERN = '/\b(?:not\s+exist|does\s*n[o\']t\s+exist|not\s+found|no\s+(?:such\s+)?(?:order|record|transaction)|unknown\s+(?:order|mchOrderNo|transaction))\b|不存在|未找到|无此/iu';

	public static function says( GatewayException $e ): bool {
		// SUNBAY's C-code numbers are inferred from an order (D47): never a
		// reason on their own; its words are read like IOTPay's card API's.
		$provider = method_exists( $e, 'getProvider' ) ? (string) $e->getProvider() : 'iotpay';
		if ( 'iotpay' === $provider && '0112' === $e->getProviderCode() ) {
			return true;
		}
		return 1 === preg_match( self::PATTERN, (string) $e->getProviderMessage() );
	}
}
