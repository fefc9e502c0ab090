<?php
/**
 * Settings shared by every IOTPay gateway: credentials, endpoint, logging.
 * Stored once (option `woocommerce_iotpay_settings`) and edited in their own
 * section of WooCommerce → Settings → Payments (Admin\SettingsScreen).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Settings;

final class SharedSettings extends AccountSettings {

	protected const ID = 'iotpay';

	protected const SECRET_FIELDS = array( 'live_key', 'test_key' );

	public function init_form_fields(): void {
		$this->form_fields = array(
			'testmode'          => array(
				'title'   => __( 'Test mode', 'iotpay-for-woocommerce' ),
				'type'    => 'checkbox',
				'label'   => __( 'Use the test credentials below', 'iotpay-for-woocommerce' ),
				'default' => 'yes',
			),
			'live_mch_id'       => array(
				'title' => __( 'Live merchant ID', 'iotpay-for-woocommerce' ),
				'type'  => 'text',
			),
			'live_key'          => array(
				'title'       => __( 'Live merchant key', 'iotpay-for-woocommerce' ),
				'type'        => 'password',
				'description' => __( 'Never shown again once saved. Leave empty to keep the saved key.', 'iotpay-for-woocommerce' ),
			),
			'live_login_name'   => array(
				'title' => __( 'Live login name (job no.)', 'iotpay-for-woocommerce' ),
				'type'  => 'text',
			),
			'test_mch_id'       => array(
				'title' => __( 'Test merchant ID', 'iotpay-for-woocommerce' ),
				'type'  => 'text',
			),
			'test_key'          => array(
				'title'       => __( 'Test merchant key', 'iotpay-for-woocommerce' ),
				'type'        => 'password',
				'description' => __( 'Never shown again once saved. Leave empty to keep the saved key.', 'iotpay-for-woocommerce' ),
			),
			'test_login_name'   => array(
				'title' => __( 'Test login name (job no.)', 'iotpay-for-woocommerce' ),
				'type'  => 'text',
			),
			'advanced'          => array(
				'title' => __( 'Advanced', 'iotpay-for-woocommerce' ),
				'type'  => 'title',
			),
			'api_base_url'      => array(
				'title'       => __( 'API base URL override', 'iotpay-for-woocommerce' ),
				'type'        => 'text',
				'description' => __( 'Leave empty for IOTPay production. For a local sandbox, e.g. http://127.0.0.1:8580/v1/.', 'iotpay-for-woocommerce' ),
				'default'     => '',
			),
			'cc_base_url'       => array(
				'title'       => __( 'Credit card API base URL override', 'iotpay-for-woocommerce' ),
				'type'        => 'text',
				'description' => __( 'Leave empty for IOTPay production (the Credit Card API V3). For a local sandbox, e.g. http://127.0.0.1:8580/v3/.', 'iotpay-for-woocommerce' ),
				'default'     => '',
			),
			'autodebit_base_url' => array(
				'title'       => __( 'WeChat auto-debit API base URL override', 'iotpay-for-woocommerce' ),
				'type'        => 'text',
				'description' => __( 'Leave empty for IOTPay production (the Autodebit API). For a local sandbox, e.g. http://127.0.0.1:8580/contract/.', 'iotpay-for-woocommerce' ),
				'default'     => '',
			),
			'ca_file'           => array(
				'title'       => __( 'Extra CA certificate file', 'iotpay-for-woocommerce' ),
				'type'        => 'text',
				'description' => __( 'Path to a PEM file to trust in addition to the system CAs (for a sandbox with its own certificate). TLS verification is never turned off.', 'iotpay-for-woocommerce' ),
				'default'     => '',
			),
			'order_prefix'      => array(
				'title'       => __( 'Merchant order number prefix', 'iotpay-for-woocommerce' ),
				'type'        => 'text',
				'description' => __( 'Letters and digits only; distinguishes several shops on one IOTPay account.', 'iotpay-for-woocommerce' ),
				'default'     => 'WC',
			),
			'trusted_proxies'   => array(
				'title'       => __( 'Trusted proxies', 'iotpay-for-woocommerce' ),
				'type'        => 'textarea',
				'description' => __( 'IP addresses or CIDR ranges of your own load balancers / CDN, one per line. X-Forwarded-For is only read from these.', 'iotpay-for-woocommerce' ),
				'default'     => '',
			),
			'debug'             => array(
				'title'   => __( 'Debug log', 'iotpay-for-woocommerce' ),
				'type'    => 'checkbox',
				'label'   => __( 'Log every IOTPay call (keys and signatures are always redacted)', 'iotpay-for-woocommerce' ),
				'default' => 'no',
			),
			'delete_on_uninstall' => array(
				'title'   => __( 'Remove data on uninstall', 'iotpay-for-woocommerce' ),
				'type'    => 'checkbox',
				'label'   => __( 'Delete settings and payment-attempt records when the plugin is deleted', 'iotpay-for-woocommerce' ),
				'default' => 'no',
			),
		);
	}

	public function is_test_mode(): bool {
		return 'yes' === $this->get_option( 'testmode', 'yes' );
	}

	/** The active credential set. @return array{mch_id: string, key: string, login_name: string} */
	public function credentials(): array {
		return $this->credentials_for( $this->is_test_mode() );
	}

	/** The test or the live credential set, whichever mode is on. @return array{mch_id: string, key: string, login_name: string} */
	public function credentials_for( bool $test ): array {
		$p = $test ? 'test_' : 'live_';
		return array(
			'mch_id'     => trim( (string) $this->get_option( $p . 'mch_id' ) ),
			'key'        => (string) $this->get_option( $p . 'key' ),
			'login_name' => trim( (string) $this->get_option( $p . 'login_name' ) ),
		);
	}

	public function is_configured(): bool {
		$c = $this->credentials();
		return '' !== $c['mch_id'] && '' !== $c['key'];
	}

	public function base_url(): string {
		return trim( (string) $this->get_option( 'api_base_url', '' ) );
	}

	/** The Credit Card API V3 base URL override ('' = IOTPay production). */
	public function cc_base_url(): string {
		return trim( (string) $this->get_option( 'cc_base_url', '' ) );
	}

	/** The Autodebit API base URL override ('' = IOTPay production). */
	public function autodebit_base_url(): string {
		return trim( (string) $this->get_option( 'autodebit_base_url', '' ) );
	}

	public function ca_file(): string {
		return trim( (string) $this->get_option( 'ca_file', '' ) );
	}

	public function order_prefix(): string {
		$p = preg_replace( '/[^A-Za-z0-9]/', '', (string) $this->get_option( 'order_prefix', 'WC' ) );
		return substr( (string) $p, 0, 8 );
	}

	/** @return list<string> */
	public function trusted_proxies(): array {
		$lines = preg_split( '/[\s,]+/', (string) $this->get_option( 'trusted_proxies', '' ) ) ?: array();
		return array_values( array_filter( array_map( 'trim', $lines ) ) );
	}

	public function debug(): bool {
		return 'yes' === $this->get_option( 'debug', 'no' );
	}
}
