<?php
/**
 * Registers each IOTPay gateway with the Checkout Block, each through
 * PaymentMethod (the gateway names its script: blocks.js for the wallets and
 * SUNBAY, card-blocks.js for the saved cards).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Blocks;

use IotPay\WooCommerce\Plugin;

final class BlocksSupport {

	/** @param \Automattic\WooCommerce\Blocks\Payments\PaymentMethodRegistry $registry */
	public static function register( $registry ): void {
		if ( ! class_exists( \Automattic\WooCommerce\Blocks\Payments\Integrations\AbstractPaymentMethodType::class ) ) {
			return;
		}
		foreach ( Plugin::GATEWAYS as $class ) {
			$registry->register( new PaymentMethod( $class ) );
		}
	}
}
