<?php
/**
 * Admin notices for a missing dependency. The gateways stay unavailable; no
 * fatal error anywhere.
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
		echo '<div class="notice notice-error"><p><strong>' . esc_html__( 'IOTPay for WooCommerce', Plugin::TEXT_DOMAIN ) . ':</strong> '
			. esc_html__( 'the iotpay PHP extension is not loaded, so IOTPay payment methods are hidden at checkout. Install it on the server (make install, then restart PHP-FPM) and check with `php --ri iotpay`.', Plugin::TEXT_DOMAIN )
			. '</p></div>';
	}

	public static function woocommerce_missing(): void {
		if ( ! current_user_can( 'activate_plugins' ) ) {
			return;
		}
		echo '<div class="notice notice-error"><p>' . esc_html__( 'IOTPay for WooCommerce requires WooCommerce to be installed and active.', Plugin::TEXT_DOMAIN ) . '</p></div>';
	}
}
