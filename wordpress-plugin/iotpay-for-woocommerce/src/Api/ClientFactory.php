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
		$s    = SharedSettings::instance();
		$c    = $s->credentials();
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
		if ( '' !== $s->ca_file() ) {
			$opts['caFile'] = $s->ca_file();
		}
		return new Config( $opts );
	}

	public static function client(): Client {
		return new Client( self::config() );
	}
}
