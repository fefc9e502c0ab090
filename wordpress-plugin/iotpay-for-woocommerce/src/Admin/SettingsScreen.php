<?php
/**
 * Where the shop owner configures IOTPay. The account (merchant ID, key,
 * login name, test mode, API URLs …) is shared by the four methods, so it
 * has one home: its own section of WooCommerce → Settings → Payments
 * (`section=iotpay`), with the notify URL, notification health and the
 * connection test. Each method's own page keeps only its fields (enable,
 * title, description) and links there; so does the plugins list.
 *
 * Uses WooCommerce's settings-page API (WooCommerce 7.9 and 11): a section
 * added by `woocommerce_get_sections_checkout`, its fields from
 * `woocommerce_get_settings_checkout` (one custom field type rendered by
 * `woocommerce_admin_field_{type}`), saved on
 * `woocommerce_update_options_checkout_{section}` after WooCommerce checked
 * its nonce and the manage_woocommerce capability.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Admin;

use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Notify\Health;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Rest\Routes;
use IotPay\WooCommerce\Settings\SharedSettings;
use IotPay\WooCommerce\Settings\SunbaySettings;

final class SettingsScreen {

	/** The section of WooCommerce → Settings → Payments holding the shared IOTPay settings. */
	public const SECTION = 'iotpay';

	/** The custom settings field type that renders the whole section. */
	public const FIELD_TYPE = 'iotpay_shared_settings';

	public static function url(): string {
		return admin_url( 'admin.php?page=wc-settings&tab=checkout&section=' . self::SECTION );
	}

	/**
	 * `woocommerce_get_sections_checkout`.
	 *
	 * @param array<string, string> $sections Section id => label.
	 * @return array<string, string>
	 */
	public static function add_section( $sections ): array {
		$sections                  = is_array( $sections ) ? $sections : array();
		$sections[ self::SECTION ] = __( 'IOTPay', 'iotpay-for-woocommerce' );
		return $sections;
	}

	/**
	 * `woocommerce_get_settings_checkout`: our section is one custom field.
	 *
	 * @param array<int, array<string, mixed>> $settings Settings of the section.
	 * @param string                           $section  Current section.
	 * @return array<int, array<string, mixed>>
	 */
	public static function section_settings( $settings, $section = '' ): array {
		if ( self::SECTION !== $section ) {
			return is_array( $settings ) ? $settings : array();
		}
		return array( array( 'type' => self::FIELD_TYPE ) );
	}

	/** `woocommerce_update_options_checkout_iotpay`: save the shared settings. */
	public static function save_section(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		SharedSettings::instance()->process_admin_options();
		SharedSettings::reset();
		SunbaySettings::instance()->process_admin_options();
		SunbaySettings::reset();
	}

	/**
	 * `plugin_action_links_{basename}`: a "Settings" link on the plugins list.
	 *
	 * @param array<int|string, string> $links Action links.
	 * @return array<int|string, string>
	 */
	public static function plugin_action_links( $links ): array {
		$links = is_array( $links ) ? $links : array();
		return array_merge(
			array( 'settings' => '<a href="' . esc_url( self::url() ) . '">' . esc_html__( 'Settings', 'iotpay-for-woocommerce' ) . '</a>' ),
			$links
		);
	}

	/** `woocommerce_admin_field_iotpay_shared_settings`: the whole IOTPay section. */
	public static function render_section(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		$settings = SharedSettings::instance();
		echo '<h2>' . esc_html__( 'IOTPay', 'iotpay-for-woocommerce' ) . '</h2>';
		echo '<p>' . esc_html__( 'Your IOTPay merchant account, used by every IOTPay payment method. Enable and name each method on its own page:', 'iotpay-for-woocommerce' ) . ' ';
		$links = array();
		foreach ( Plugin::GATEWAYS as $class ) {
			$gateway = new $class();
			$links[] = '<a href="' . esc_url( admin_url( 'admin.php?page=wc-settings&tab=checkout&section=' . $class::ID ) ) . '">' . esc_html( $gateway->get_method_title() ) . '</a>';
		}
		echo implode( ', ', $links ) . '.</p>'; // phpcs:ignore WordPress.Security.EscapeOutput -- each link escaped above.

		echo '<table class="form-table">';
		echo $settings->generate_settings_html( array(), false ); // phpcs:ignore WordPress.Security.EscapeOutput -- WC_Settings_API escapes each field.
		echo '</table>';

		echo '<h3 class="wc-settings-sub-title">' . esc_html__( 'Status', 'iotpay-for-woocommerce' ) . '</h3>';
		echo '<table class="form-table iotpay-wc-status"><tbody>';
		echo '<tr><th scope="row">' . esc_html__( 'Notification URL', 'iotpay-for-woocommerce' ) . '</th><td><code>' . esc_html( Routes::notify_url() ) . '</code>';
		echo '<p class="description">' . esc_html__( 'IOTPay calls this address after every payment. It must be reachable from the internet (check firewalls and CDN rules).', 'iotpay-for-woocommerce' ) . '</p></td></tr>';

		$h = Health::last();
		echo '<tr><th scope="row">' . esc_html__( 'Last notification', 'iotpay-for-woocommerce' ) . '</th><td>';
		if ( null === $h ) {
			echo esc_html__( 'None received yet.', 'iotpay-for-woocommerce' );
		} else {
			echo esc_html(
				sprintf(
					/* translators: 1: date, 2: accepted/rejected, 3: reason, 4: merchant order number */
					__( '%1$s - %2$s (%3$s) %4$s', 'iotpay-for-woocommerce' ),
					gmdate( 'Y-m-d H:i:s', (int) $h['at'] ) . ' UTC',
					$h['result'],
					$h['reason'],
					$h['mchOrderNo']
				)
			);
		}
		echo '</td></tr>';

		self::connection_row(
			Plugin::extension_loaded(),
			array(),
			__( 'Test connection to IOTPay', 'iotpay-for-woocommerce' ),
			__( 'Checks that IOTPay can be reached and accepts the saved merchant ID and key. Save your changes first.', 'iotpay-for-woocommerce' ),
			// The notice at the top of the page says what to do; not repeated here.
			__( 'Not available: IOTPay payments are switched off on this server (see the notice above).', 'iotpay-for-woocommerce' )
		);
		echo '</tbody></table>';
		self::render_sunbay();
	}

	/** The SUNBAY Nexus account, below IOTPay's: its fields, webhook URL and connection test. */
	private static function render_sunbay(): void {
		echo '<h2 id="sunbay">' . esc_html__( 'SUNBAY Nexus', 'iotpay-for-woocommerce' ) . '</h2>';
		echo '<p>' . esc_html__( 'Your SUNBAY Nexus account, used by "Card payments (SUNBAY)". The API key and the webhook signing secret are never shown again once saved.', 'iotpay-for-woocommerce' ) . '</p>';
		echo '<table class="form-table">';
		echo SunbaySettings::instance()->generate_settings_html( array(), false ); // phpcs:ignore WordPress.Security.EscapeOutput -- WC_Settings_API escapes each field.
		echo '</table>';
		echo '<table class="form-table iotpay-wc-status iotpay-wc-sunbay-status"><tbody>';
		echo '<tr><th scope="row">' . esc_html__( 'SUNBAY webhook URL', 'iotpay-for-woocommerce' ) . '</th><td><code>' . esc_html( Routes::sunbay_notify_url() ) . '</code>';
		echo '<p class="description">' . esc_html__( 'Sent with every SUNBAY payment and refund; SUNBAY calls it when a transaction changes. It must be reachable from the internet.', 'iotpay-for-woocommerce' ) . '</p></td></tr>';
		self::connection_row(
			Plugin::sunbay_loaded(),
			array( 'provider' => 'sunbay' ),
			__( 'Test connection to SUNBAY', 'iotpay-for-woocommerce' ),
			__( 'Checks that SUNBAY can be reached and accepts the saved app ID, merchant ID and API key. Save your changes first.', 'iotpay-for-woocommerce' ),
			__( 'Not available: the iotpay PHP extension on this server has no SUNBAY support (version 1.1 or later is needed).', 'iotpay-for-woocommerce' )
		);
		echo '</tbody></table>';
	}

	/**
	 * An account's "Connection" row: the connection test's button (a nonce'd
	 * admin-post link to ConnectionTest, `$args` naming the provider) and what
	 * it checks, or why it is not available. One row for every account, so
	 * each test is reached and guarded the same way.
	 *
	 * @param array<string, string> $args
	 */
	private static function connection_row( bool $available, array $args, string $button, string $explain, string $unavailable ): void {
		echo '<tr><th scope="row">' . esc_html__( 'Connection', 'iotpay-for-woocommerce' ) . '</th><td>';
		if ( $available ) {
			$url = wp_nonce_url(
				add_query_arg(
					array(
						'action'  => ConnectionTest::ACTION,
						'gateway' => self::SECTION,
					) + $args,
					admin_url( 'admin-post.php' )
				),
				ConnectionTest::ACTION
			);
			echo '<a class="button" href="' . esc_url( $url ) . '">' . esc_html( $button ) . '</a>';
			echo '<p class="description">' . esc_html( $explain ) . '</p>';
		} else {
			echo esc_html( $unavailable );
		}
		echo '</td></tr>';
	}

	/** The top of each IOTPay method's own settings page: where the shared account lives. */
	public static function render_gateway_intro( AbstractGateway $gateway ): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		$settings = SharedSettings::instance();
		if ( ! $settings->is_configured() ) {
			$state = __( 'Your IOTPay account is not set up yet: this method stays hidden at checkout until it is.', 'iotpay-for-woocommerce' );
		} elseif ( $settings->is_test_mode() ) {
			$state = __( 'Test mode is on: payments use your IOTPay test account.', 'iotpay-for-woocommerce' );
		} else {
			$state = __( 'Live mode: payments go to your IOTPay account.', 'iotpay-for-woocommerce' );
		}
		echo '<div class="iotpay-wc-account-link inline notice notice-info"><p>'
			. esc_html(
				sprintf(
					/* translators: %s: the IOTPay payment methods, e.g. "WeChat Pay, Alipay, UnionPay and Credit card" */
					__( 'The IOTPay account (merchant ID, key, test mode) is shared by %s and is set in one place.', 'iotpay-for-woocommerce' ),
					Plugin::method_list( true )
				)
			)
			. ' ' . esc_html( $state ) . ' <a href="' . esc_url( self::url() ) . '">' . esc_html__( 'IOTPay account settings', 'iotpay-for-woocommerce' ) . ' &rarr;</a></p></div>';
	}
}
