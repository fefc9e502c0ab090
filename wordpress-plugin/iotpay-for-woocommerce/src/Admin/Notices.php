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

	/**
	 * The extension is there but speaks another API version than this plugin:
	 * payments are off exactly as when it is missing. Names the version found
	 * and the one needed, and who should act: the host (extension too old) or
	 * the shop owner (plugin too old for a newer extension).
	 */
	public static function extension_incompatible(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		$ext    = Plugin::extension_status();
		$found  = '' !== $ext['api'] ? $ext['api'] : __( 'none', 'iotpay-for-woocommerce' );
		$needed = Plugin::EXTENSION_API;
		$major  = (string) strtok( $needed, '.' );
		echo '<div class="notice notice-error iotpay-wc-extension-incompatible"><p><strong>'
			. esc_html__( 'IOTPay payments are switched off on this site.', 'iotpay-for-woocommerce' ) . '</strong> '
			. esc_html(
				sprintf(
					/* translators: 1: extension version, e.g. 0.1.0, 2: API version found, e.g. 0.9, 3: API version needed, e.g. 1.0 */
					__( 'The server has version %1$s of the iotpay PHP extension (API %2$s), but this version of IOTPay for WooCommerce needs API %3$s. WeChat Pay, Alipay, UnionPay and cards are hidden at checkout until they match. Your settings and orders are kept.', 'iotpay-for-woocommerce' ),
					$ext['version'],
					$found,
					$needed
				)
			)
			. '</p><p>';
		if ( 'too_new' === $ext['state'] ) {
			echo esc_html(
				sprintf(
					/* translators: 1: API major version needed, e.g. 1 */
					__( 'The extension is newer than this plugin. To fix it, update IOTPay for WooCommerce (Plugins > Installed Plugins). If no update supports this extension yet, ask your hosting provider: "Please install an iotpay PHP extension with API version %1$s.x for this site."', 'iotpay-for-woocommerce' ),
					$major
				)
			);
		} else {
			echo esc_html(
				sprintf(
					/* translators: 1: PHP version, e.g. 8.2, 2: API version needed, e.g. 1.0, 3: API major version, e.g. 1 */
					__( 'To fix it, ask your hosting provider: "Please update the iotpay PHP extension for PHP %1$s to a version with API %2$s or a later %3$s.x." Payments come back as soon as it is updated.', 'iotpay-for-woocommerce' ),
					PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION,
					$needed,
					$major
				)
			);
		}
		echo '</p><p class="description"><small>'
			. esc_html(
				sprintf(
					/* translators: 1: full PHP version, 2: PHP SAPI name */
					__( 'Technical details: php --ri iotpay shows the extension\'s version and API version (PHP %1$s, %2$s). Tools > Site Health lists them too.', 'iotpay-for-woocommerce' ),
					PHP_VERSION,
					PHP_SAPI
				)
			)
			. '</small></p></div>';
	}

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
