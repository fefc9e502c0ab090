<?php
/**
 * Builds the extension's Config and Client from the settings: IOTPay's
 * (IotPay\Config / Client) and SUNBAY's (IotPay\Sunbay\Config / Client), on
 * the one transport (same timeouts, same extra CA file).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Api;

use IotPay\Client;
use IotPay\Config;
use IotPay\WooCommerce\Settings\SharedSettings;
use IotPay\WooCommerce\Settings\SunbaySettings;

final class ClientFactory {

	/** Short enough that a checkout never hangs; long enough for IOTPay's slow paths. */
	private const TIMEOUT_MS = 20000;

	public static function config(): Config {
		return self::build( SharedSettings::instance()->credentials() );
	}

	public static function client(): Client {
		return new Client( self::config() );
	}

	/**
	 * A client with the credentials of the account a row was made with.
	 *
	 * @throws MerchantUnavailable That account is no longer configured.
	 */
	public static function client_for( MerchantAccount $account ): Client {
		$c = $account->credentials();
		if ( null === $c ) {
			throw new MerchantUnavailable( $account );
		}
		return new Client( self::build( $c ) );
	}

	/** @param array{mch_id: string, key: string, login_name: string} $c */
	private static function build( array $c ): Config {
		$s    = SharedSettings::instance();
		$opts = array(
			'mchId'            => $c['mch_id'],
			'key'              => $c['key'],
			'loginName'        => $c['login_name'],
			'connectTimeoutMs' => 5000,
			/** Filters the total timeout of one IOTPay call, in milliseconds. */
			'timeoutMs'        => (int) apply_filters( 'iotpay_wc_timeout_ms', self::TIMEOUT_MS ),
		);
		if ( '' !== $s->base_url() ) {
			$opts['baseUrl'] = $s->base_url();
		}
		if ( '' !== $s->cc_base_url() ) {
			$opts['ccBaseUrl'] = $s->cc_base_url();
		}
		if ( '' !== $s->autodebit_base_url() ) {
			$opts['autodebitBaseUrl'] = $s->autodebit_base_url();
		}
		if ( '' !== $s->ca_file() ) {
			$opts['caFile'] = $s->ca_file();
		}
		return new Config( $opts );
	}

	/** The SUNBAY Config of the current settings (the webhook secret included, for Webhook::verify). */
	public static function sunbay_config(): \IotPay\Sunbay\Config {
		return self::build_sunbay( SunbaySettings::instance()->credentials() );
	}

	public static function sunbay_client(): \IotPay\Sunbay\Client {
		return new \IotPay\Sunbay\Client( self::sunbay_config() );
	}

	/**
	 * A SUNBAY client with the credentials of the account a row was made with.
	 *
	 * @throws MerchantUnavailable That account is no longer configured.
	 */
	public static function sunbay_client_for( MerchantAccount $account ): \IotPay\Sunbay\Client {
		$c = $account->credentials();
		if ( null === $c || ! isset( $c['api_key'] ) ) {
			throw new MerchantUnavailable( $account );
		}
		return new \IotPay\Sunbay\Client( self::build_sunbay( $c ) );
	}

	/** @param array<string, string> $c SunbaySettings::credentials(). */
	private static function build_sunbay( array $c ): \IotPay\Sunbay\Config {
		$opts = array(
			'appId'            => $c['app_id'],
			'merchantId'       => $c['merchant_id'],
			'apiKey'           => $c['api_key'],
			'baseUrl'          => SunbaySettings::instance()->base_url(),
			'connectTimeoutMs' => 5000,
			/** Filters the total timeout of one IOTPay call, in milliseconds. */
			'timeoutMs'        => (int) apply_filters( 'iotpay_wc_timeout_ms', self::TIMEOUT_MS ),
		);
		if ( '' !== $c['webhook_secret'] ) {
			$opts['webhookSecret'] = $c['webhook_secret'];
		}
		$ca = SharedSettings::instance()->ca_file();
		if ( '' !== $ca ) {
			$opts['caFile'] = $ca;
		}
		return new \IotPay\Sunbay\Config( $opts );
	}
}
