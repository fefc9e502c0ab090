<?php
/**
 * WC_Logger with redaction: merchant keys (IOTPay), API keys and webhook
 * secrets (SUNBAY), bearer tokens and signatures never reach a log.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Log;

use IotPay\WooCommerce\Settings\SharedSettings;
use IotPay\WooCommerce\Settings\SunbaySettings;

final class Logger {

	public const SOURCE = 'iotpay-for-woocommerce';

	public static function debug( string $message, array $context = array() ): void {
		if ( SharedSettings::instance()->debug() ) {
			self::log( 'debug', $message, $context );
		}
	}

	public static function info( string $message, array $context = array() ): void {
		self::log( 'info', $message, $context );
	}

	public static function warning( string $message, array $context = array() ): void {
		self::log( 'warning', $message, $context );
	}

	public static function error( string $message, array $context = array() ): void {
		self::log( 'error', $message, $context );
	}

	private static function log( string $level, string $message, array $context ): void {
		if ( ! function_exists( 'wc_get_logger' ) ) {
			return;
		}
		if ( $context ) {
			$message .= ' ' . wp_json_encode( $context );
		}
		wc_get_logger()->log( $level, self::redact( $message ), array( 'source' => self::SOURCE ) );
	}

	/** Removes configured keys and secrets, and any `sign` / signature / bearer value, from a message. */
	public static function redact( string $message ): string {
		foreach ( array_merge( SharedSettings::instance()->secrets(), SunbaySettings::instance()->secrets() ) as $secret ) {
			if ( strlen( $secret ) >= 4 ) {
				$message = str_replace( $secret, '[redacted]', $message );
			}
		}
		$message = (string) preg_replace( '/("?sign"?\s*[:=]\s*"?)[0-9A-Fa-f]{16,}/', '$1[redacted]', $message );
		$message = (string) preg_replace( '/(Bearer\s+)[^\s"\\\\]+/i', '$1[redacted]', $message );
		$message = (string) preg_replace( '/("?(?:x[-_])?(?:sunbay[-_])?signature"?\s*[:=]\s*"?)[^"\s,}]+/i', '$1[redacted]', $message );
		return (string) preg_replace( '/(key=)[^&\s"]+/', '$1[redacted]', $message );
	}
}
