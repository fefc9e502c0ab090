<?php
/**
 * The Protocol of each provider's API family.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

final class Protocols {

	/** @var array<string, Protocol> */
	private static array $instances = array();

	public static function get( string $family ): Protocol {
		return self::$instances[ $family ] ??= match ( $family ) {
			Protocol::V3 => new CardProtocol(),
			Protocol::AUTODEBIT => new DebitProtocol(),
			Protocol::SUNBAY => new SunbayProtocol(),
			default => new WalletProtocol(),
		};
	}

	/** The provider of a family (Protocol::PROVIDER_*). */
	public static function provider( string $family ): string {
		return Protocol::SUNBAY === $family ? Protocol::PROVIDER_SUNBAY : Protocol::PROVIDER_IOTPAY;
	}
}
