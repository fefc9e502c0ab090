<?php
/**
 * Every call to a provider (IOTPay, SUNBAY) goes through here so that the "Debug log" setting shows
 * each one: endpoint, duration and outcome (never the key or a signature:
 * the Logger redacts them).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Api;

use IotPay\WooCommerce\Log\Logger;

final class Call {

	/**
	 * @template T
	 * @param string               $endpoint IOTPay endpoint, e.g. refund_order.
	 * @param array<string, mixed> $context  Identifiers worth logging (order, numbers).
	 * @param callable(): T        $fn
	 * @param string               $provider Who is called (IOTPay, SUNBAY), as the log line names it.
	 * @return T
	 */
	public static function run( string $endpoint, array $context, callable $fn, string $provider = 'IOTPay' ): mixed {
		$start = hrtime( true );
		try {
			$result = $fn();
		} catch ( \Throwable $e ) {
			Logger::debug(
				$provider . ' call failed',
				$context + array(
					'endpoint' => $endpoint,
					'ms'       => self::ms_since( $start ),
					'error'    => get_class( $e ),
					'code'     => method_exists( $e, 'getProviderCode' ) ? $e->getProviderCode() : ( method_exists( $e, 'getHttpStatus' ) ? $e->getHttpStatus() : null ),
					'message'  => $e->getMessage(),
				)
			);
			throw $e;
		}
		$status = is_object( $result ) && method_exists( $result, 'getStatus' ) ? $result->getStatus() : null;
		Logger::debug( $provider . ' call', $context + array( 'endpoint' => $endpoint, 'ms' => self::ms_since( $start ), 'status' => $status ) );
		return $result;
	}

	private static function ms_since( int $start ): float {
		return round( ( hrtime( true ) - $start ) / 1e6, 1 );
	}
}
