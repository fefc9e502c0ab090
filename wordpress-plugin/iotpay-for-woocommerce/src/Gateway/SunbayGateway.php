<?php
/**
 * Card payments (SUNBAY): SUNBAY Nexus's hosted payment page. One session
 * per attempt (Payment\SunbayProtocol); the customer pays on SUNBAY's page
 * (the methods enabled in SUNBAY's portal) and comes back to the thank-you
 * page, which only asks SUNBAY (ReturnHandler); the webhook is verified and
 * followed by a query (Notify\SunbayWebhookController). Everything else —
 * attempts, completion, reconciliation, refunds — is the plugin's one
 * machinery, as for IOTPay's methods. Its account has its own settings
 * (Settings\SunbaySettings), in the same settings home.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Gateway;

use IotPay\WooCommerce\Admin\SettingsScreen;
use IotPay\WooCommerce\Checkout\Device;
use IotPay\WooCommerce\Payment\Amount;
use IotPay\WooCommerce\Payment\Protocol;
use IotPay\WooCommerce\Payment\SunbayProtocol;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Settings\SunbaySettings;

final class SunbayGateway extends AbstractGateway {

	public const ID = 'iotpay_sunbay';

	protected const DEFAULT_TITLE = 'Credit or debit card';

	public function __construct() {
		parent::__construct();
		$this->method_title       = __( 'Card payments (SUNBAY)', 'iotpay-for-woocommerce' );
		$this->method_description = __( 'Takes card payments through SUNBAY Nexus\'s secure hosted payment page. No card data passes through your shop.', 'iotpay-for-woocommerce' );
		$this->icon               = plugins_url( 'assets/images/iotpay_card.svg', IOTPAY_WC_FILE );
		$this->supports           = array( 'products', 'refunds' );
	}

	public function family(): string {
		return Protocol::SUNBAY;
	}

	protected function channels( Device $device ): array {
		return array( SunbayProtocol::CHANNEL );
	}

	/** Any currency the extension can convert exactly (SUNBAY takes ISO 4217 minor units, §6). */
	public function channel_for( Device $device, string $currency ): ?string {
		if ( ! Plugin::sunbay_loaded() || '' === $currency ) {
			return null;
		}
		try {
			Amount::to_minor( '1', $currency );
		} catch ( \Throwable $e ) {
			return null;
		}
		return SunbayProtocol::CHANNEL;
	}

	public function currencies(): array {
		return array();
	}

	protected function default_title(): string {
		return __( 'Credit or debit card', 'iotpay-for-woocommerce' );
	}

	/** How notices name this method beside IOTPay's (its checkout title stays "Credit or debit card"). */
	public function wallet_name(): string {
		return __( 'Card payments (SUNBAY)', 'iotpay-for-woocommerce' );
	}

	public function scan_instructions(): string {
		return '';
	}

	protected function checkout_description( Device $device, ?string $channel ): string {
		return __( 'You will pay on SUNBAY\'s secure payment page.', 'iotpay-for-woocommerce' );
	}

	public function init_form_fields() {
		parent::init_form_fields();
		$this->form_fields['enabled']['label']           = __( 'Enable card payments through SUNBAY', 'iotpay-for-woocommerce' );
		$this->form_fields['description']['description'] = __( 'Shown at checkout. Leave empty to tell customers they will pay on SUNBAY\'s page.', 'iotpay-for-woocommerce' );
	}

	/** SUNBAY's own account (app id, merchant id, API key). */
	public function is_account_connected(): bool {
		return SunbaySettings::instance()->is_configured();
	}

	public function admin_options() {
		echo '<h2>' . esc_html( $this->get_method_title() );
		wc_back_link( __( 'Return to payments', 'iotpay-for-woocommerce' ), admin_url( 'admin.php?page=wc-settings&tab=checkout' ) );
		echo '</h2>';
		echo wp_kses_post( wpautop( $this->get_method_description() ) );
		if ( current_user_can( 'manage_woocommerce' ) ) {
			echo '<div class="iotpay-wc-account-link inline notice notice-info"><p>'
				. esc_html( $this->is_account_connected() ? __( 'Your SUNBAY account is set up.', 'iotpay-for-woocommerce' ) : __( 'Your SUNBAY account is not set up yet: this method stays hidden at checkout until it is.', 'iotpay-for-woocommerce' ) )
				. ' <a href="' . esc_url( SettingsScreen::url() . '#sunbay' ) . '">' . esc_html__( 'SUNBAY account settings', 'iotpay-for-woocommerce' ) . ' &rarr;</a></p></div>';
		}
		echo '<table class="form-table">' . $this->generate_settings_html( $this->get_form_fields(), false ) . '</table>'; // phpcs:ignore WordPress.Security.EscapeOutput -- WC_Settings_API escapes each field.
	}
}
