<?php
/**
 * WooCommerce totals → integer minor units, exactly (string arithmetic in the
 * extension, never floats).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

use IotPay\Money;

final class Amount {

	/**
	 * @param string|int|float $total WooCommerce total ("12.34").
	 * @throws \IotPay\Exception\ValidationException When not exactly representable in the currency.
	 */
	public static function to_minor( string|int|float $total, string $currency ): int {
		if ( is_float( $total ) ) {
			// WooCommerce stores totals as decimal strings; a float only appears
			// when some code set one. Accept it only if it is exact at 2 places.
			$s = number_format( $total, 2, '.', '' );
			if ( (float) $s !== $total ) {
				throw new \InvalidArgumentException( 'order total is not an exact amount of cents' );
			}
			$total = $s;
		}
		return Money::toMinor( trim( (string) $total ), $currency );
	}

	public static function format( int $minor, string $currency ): string {
		return Money::fromMinor( $minor, $currency );
	}
}
