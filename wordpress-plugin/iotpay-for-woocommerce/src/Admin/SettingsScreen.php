<?php
/**
 * The top of each IOTPay gateway's settings screen: shared settings, the
 * notify URL, notification health, and the connection test.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Admin;

use IotPay\WooCommerce\Notify\Health;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Rest\Routes;
use IotPay\WooCommerce\Settings\SharedSettings;

final class SettingsScreen {

	public static function render( \WC_Payment_Gateway $gateway ): void {
		$d = Plugin::TEXT_DOMAIN;
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		echo '<h2>' . esc_html__( 'IOTPay', $d ) . '</h2>';
		if ( ! Plugin::extension_loaded() ) {
			Notices::extension_missing();
		}
		echo '<table class="form-table">';
		echo SharedSettings::instance()->generate_settings_html( array(), false ); // phpcs:ignore WordPress.Security.EscapeOutput -- WC_Settings_API escapes each field.
		echo '</table>';

		echo '<table class="form-table iotpay-wc-status"><tbody>';
		echo '<tr><th scope="row">' . esc_html__( 'Notification URL', $d ) . '</th><td><code>' . esc_html( Routes::notify_url() ) . '</code>';
		echo '<p class="description">' . esc_html__( 'IOTPay calls this address after every payment. It must be reachable from the internet (check firewalls and CDN rules).', $d ) . '</p></td></tr>';

		$h = Health::last();
		echo '<tr><th scope="row">' . esc_html__( 'Last notification', $d ) . '</th><td>';
		if ( null === $h ) {
			echo esc_html__( 'None received yet.', $d );
		} else {
			echo esc_html(
				sprintf(
					/* translators: 1: date, 2: accepted/rejected, 3: reason, 4: merchant order number */
					__( '%1$s - %2$s (%3$s) %4$s', $d ),
					gmdate( 'Y-m-d H:i:s', (int) $h['at'] ) . ' UTC',
					$h['result'],
					$h['reason'],
					$h['mchOrderNo']
				)
			);
		}
		echo '</td></tr>';

		$url = wp_nonce_url(
			add_query_arg(
				array(
					'action'  => ConnectionTest::ACTION,
					'gateway' => $gateway->id,
				),
				admin_url( 'admin-post.php' )
			),
			ConnectionTest::ACTION
		);
		echo '<tr><th scope="row">' . esc_html__( 'Connection', $d ) . '</th><td><a class="button" href="' . esc_url( $url ) . '">' . esc_html__( 'Test connection to IOTPay', $d ) . '</a>';
		echo '<p class="description">' . esc_html__( 'Checks that IOTPay can be reached and accepts the saved merchant ID and key. Save your changes first.', $d ) . '</p></td></tr>';
		echo '</tbody></table><hr />';
	}
}
