<?php
/**
 * Plugin Name:       IOTPay for WooCommerce
 * Plugin URI:        https://github.com/iotpay-woocommerce/iotpay-woocommerce
 * Description:       WeChat Pay, Alipay, UnionPay and card payments (credit and debit cards, UnionPay cards) through IOTPay, for Canadian merchants. Requires the iotpay PHP extension.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * Requires Plugins:  woocommerce
 * Author:            iotpay-woocommerce
 * License:           MIT
 * Text Domain:       iotpay-for-woocommerce
 * Domain Path:       /languages
 * WC requires at least: 7.9
 * WC tested up to:   11.0
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

define( 'IOTPAY_WC_VERSION', '0.1.0' );
define( 'IOTPAY_WC_FILE', __FILE__ );
define( 'IOTPAY_WC_DIR', __DIR__ );

spl_autoload_register(
	static function ( string $class ): void {
		$prefix = 'IotPay\\WooCommerce\\';
		if ( strncmp( $class, $prefix, strlen( $prefix ) ) !== 0 ) {
			return;
		}
		$file = __DIR__ . '/src/' . str_replace( '\\', '/', substr( $class, strlen( $prefix ) ) ) . '.php';
		if ( is_file( $file ) ) {
			require $file;
		}
	}
);

// HPOS and Checkout Block compatibility must be declared before WooCommerce initialises.
add_action(
	'before_woocommerce_init',
	static function (): void {
		if ( class_exists( \Automattic\WooCommerce\Utilities\FeaturesUtil::class ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', IOTPAY_WC_FILE, true );
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'cart_checkout_blocks', IOTPAY_WC_FILE, true );
		}
	}
);

register_activation_hook( __FILE__, array( \IotPay\WooCommerce\Payment\Schema::class, 'install' ) );
register_deactivation_hook( __FILE__, array( \IotPay\WooCommerce\Reconcile\Reconciler::class, 'unschedule_all' ) );

add_action( 'plugins_loaded', array( \IotPay\WooCommerce\Plugin::class, 'boot' ), 20 );
