<?php
/**
 * The Protocol of each API family.
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
			default => new WalletProtocol(),
		};
	}
}
