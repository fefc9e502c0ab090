<?php
/**
 * Builds the extension's Config and Client from the shared settings.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Api;

use IotPay\Client;
use IotPay\Config;
use IotPay\WooCommerce\Settings\SharedSettings;

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
}
