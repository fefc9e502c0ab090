<?php
/**
 * Registers each IOTPay gateway with the Checkout Block: the wallets through
 * PaymentMethod (blocks.js), the card gateway through CardPaymentMethod
 * (card-blocks.js, saved cards).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Blocks;

use IotPay\WooCommerce\Gateway\CardGateway;
use IotPay\WooCommerce\Plugin;

final class BlocksSupport {

	/** @param \Automattic\WooCommerce\Blocks\Payments\PaymentMethodRegistry $registry */
	public static function register( $registry ): void {
		if ( ! class_exists( \Automattic\WooCommerce\Blocks\Payments\Integrations\AbstractPaymentMethodType::class ) ) {
			return;
		}
		foreach ( Plugin::GATEWAYS as $class ) {
			$registry->register( is_a( $class, CardGateway::class, true ) ? new CardPaymentMethod( $class ) : new PaymentMethod( $class ) );
		}
	}
}
