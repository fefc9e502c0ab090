<?php
/**
 * Merchant order numbers: `{prefix}{order id}-{attempt}{random}`, at most 30
 * ASCII characters (spec §4.1). The random part keeps numbers unique at IOTPay
 * even when order ids repeat (a staging copy, a reinstall).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

final class AttemptNumber {

	public const MAX = 30;

	public static function make( string $prefix, int $order_id, int $sequence ): string {
		$n = sprintf( '%s%d-%d%s', $prefix, $order_id, $sequence, bin2hex( random_bytes( 3 ) ) );
		if ( strlen( $n ) > self::MAX ) {
			// Very long order ids: drop the prefix first, never the order id.
			$n = sprintf( '%d-%d%s', $order_id, $sequence, bin2hex( random_bytes( 3 ) ) );
		}
		return substr( $n, 0, self::MAX );
	}

	/** `{prefix}{order id}R{sequence}{random}`: fixed before the first call, reused for every retry. */
	public static function refund( string $prefix, int $order_id, int $sequence ): string {
		$n = sprintf( '%s%dR%d%s', $prefix, $order_id, $sequence, bin2hex( random_bytes( 2 ) ) );
		if ( strlen( $n ) > self::MAX ) {
			$n = sprintf( '%dR%d%s', $order_id, $sequence, bin2hex( random_bytes( 2 ) ) );
		}
		return substr( $n, 0, self::MAX );
	}
}
