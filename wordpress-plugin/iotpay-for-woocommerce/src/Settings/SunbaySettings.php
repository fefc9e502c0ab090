<?php
/**
 * The SUNBAY Nexus account: app id, merchant id, API key, webhook signing
 * secret, sandbox or production, base URL override. Stored once (option
 * `woocommerce_iotpay_sunbay_account_settings`) and edited in the plugin's
 * settings home beside the IOTPay account (Admin\SettingsScreen). The API
 * key and the webhook secret are never rendered back (AccountSettings) and are
 * redacted from every log line (Logger); both kept as every account is
 * (AccountSettings).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Settings;

final class SunbaySettings extends AccountSettings {

	protected const ID = 'iotpay_sunbay_account';

	protected const SECRET_FIELDS = array( 'api_key', 'webhook_secret' );

	/** SUNBAY's hosts (SPEC-DECISIONS D40); the extension has them as Config constants too. */
	public const SANDBOX_BASE_URL    = 'https://open.sunbay-uat.us';
	public const PRODUCTION_BASE_URL = 'https://open.sunbay.us';

	public function init_form_fields(): void {
		$this->form_fields = array(
			'sandbox'        => array(
				'title'   => __( 'SUNBAY sandbox', 'iotpay-for-woocommerce' ),
				'type'    => 'checkbox',
				'label'   => __( 'Use SUNBAY\'s sandbox (no real money) instead of production', 'iotpay-for-woocommerce' ),
				'default' => 'yes',
			),
			'app_id'         => array(
				'title' => __( 'SUNBAY app ID', 'iotpay-for-woocommerce' ),
				'type'  => 'text',
			),
			'merchant_id'    => array(
				'title'       => __( 'SUNBAY merchant ID', 'iotpay-for-woocommerce' ),
				'type'        => 'text',
				'description' => __( 'Starts with M, e.g. M1260231004.', 'iotpay-for-woocommerce' ),
			),
			'api_key'        => array(
				'title'       => __( 'SUNBAY API key', 'iotpay-for-woocommerce' ),
				'type'        => 'password',
				'description' => __( 'Never shown again once saved. Leave empty to keep the saved key.', 'iotpay-for-woocommerce' ),
			),
			'webhook_secret' => array(
				'title'       => __( 'SUNBAY webhook signing secret', 'iotpay-for-woocommerce' ),
				'type'        => 'password',
				'description' => __( 'Checks that notifications really come from SUNBAY. Never shown again once saved. Leave empty to keep the saved secret.', 'iotpay-for-woocommerce' ),
			),
			'base_url'       => array(
				'title'       => __( 'SUNBAY API base URL override', 'iotpay-for-woocommerce' ),
				'type'        => 'text',
				'description' => __( 'Leave empty for SUNBAY\'s own hosts (sandbox or production, as chosen above). For a local simulator, e.g. http://127.0.0.1:8580.', 'iotpay-for-woocommerce' ),
				'default'     => '',
			),
		);
	}

	public function is_sandbox(): bool {
		return 'yes' === $this->get_option( 'sandbox', 'yes' );
	}

	public function merchant_id(): string {
		return trim( (string) $this->get_option( 'merchant_id' ) );
	}

	/** @return array{app_id: string, merchant_id: string, api_key: string, webhook_secret: string} */
	public function credentials(): array {
		return array(
			'app_id'         => trim( (string) $this->get_option( 'app_id' ) ),
			'merchant_id'    => $this->merchant_id(),
			'api_key'        => (string) $this->get_option( 'api_key' ),
			'webhook_secret' => (string) $this->get_option( 'webhook_secret' ),
		);
	}

	/** Payments can be taken: app id, merchant id and API key are set. */
	public function is_configured(): bool {
		$c = $this->credentials();
		return '' !== $c['app_id'] && '' !== $c['merchant_id'] && '' !== $c['api_key'];
	}

	/** The host calls go to: the override, else SUNBAY's sandbox or production host. */
	public function base_url(): string {
		$override = trim( (string) $this->get_option( 'base_url', '' ) );
		if ( '' !== $override ) {
			return untrailingslashit( $override );
		}
		return $this->is_sandbox() ? self::SANDBOX_BASE_URL : self::PRODUCTION_BASE_URL;
	}
}
