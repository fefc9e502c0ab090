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

	/**
	 * The provider of a family as admin and customer texts name it (a brand:
	 * not translated). The one place every note, flag and panel text asks,
	 * so a SUNBAY row is never described as IOTPay's.
	 */
	public static function name( string $family ): string {
		return Protocol::PROVIDER_SUNBAY === self::provider( $family ) ? 'SUNBAY' : 'IOTPay';
	}

	/** The provider an order is paid through, by its payment method (an order with no row yet has no family to ask). */
	public static function name_of_order( ?\WC_Order $order ): string {
		return self::name( $order instanceof \WC_Order && \IotPay\WooCommerce\Gateway\SunbayGateway::ID === $order->get_payment_method() ? Protocol::SUNBAY : Protocol::V1 );
	}
}
