<?php
/**
 * Admin notices for a missing dependency, written for the shop owner (what
 * is happening, what to ask the host), with the technical detail second.
 * Printed once per screen, on admin_notices only. The gateways stay
 * unavailable; no fatal error anywhere.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Admin;

use IotPay\WooCommerce\Plugin;

final class Notices {

	public static function extension_missing(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		$php = PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION;
		echo '<div class="notice notice-error iotpay-wc-extension-missing"><p><strong>'
			. esc_html__( 'IOTPay payments are switched off on this site.', 'iotpay-for-woocommerce' ) . '</strong> '
			. esc_html(
				sprintf(
					/* translators: %s: the IOTPay payment methods, e.g. "WeChat Pay, Alipay, UnionPay and Credit card" */
					__( '%s are hidden at checkout because a server component they need is missing. Your settings and orders are kept.', 'iotpay-for-woocommerce' ),
					Plugin::method_list()
				)
			)
			. '</p><p>'
			. esc_html(
				sprintf(
					/* translators: %s: PHP version, e.g. 8.2 */
					__( 'To fix it, ask your hosting provider: "Please install and enable the iotpay PHP extension for PHP %s on this site." Payments come back as soon as it is enabled.', 'iotpay-for-woocommerce' ),
					$php
				)
			)
			. '</p><p class="description"><small>'
			. esc_html(
				sprintf(
					/* translators: 1: full PHP version, 2: PHP SAPI name, 3: loaded php.ini path */
					__( 'Technical details: the iotpay PHP extension is not loaded (PHP %1$s, %2$s, php.ini: %3$s). Check with: php --ri iotpay', 'iotpay-for-woocommerce' ),
					PHP_VERSION,
					PHP_SAPI,
					(string) ( php_ini_loaded_file() ?: '-' )
				)
			)
			. '</small></p></div>';
	}

	public static function woocommerce_missing(): void {
		if ( ! current_user_can( 'activate_plugins' ) ) {
			return;
		}
		echo '<div class="notice notice-error"><p>' . esc_html__( 'IOTPay for WooCommerce requires WooCommerce to be installed and active.', 'iotpay-for-woocommerce' ) . '</p></div>';
	}
}
