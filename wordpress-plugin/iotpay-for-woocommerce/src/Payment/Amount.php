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
use IotPay\WooCommerce\Plugin;

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

	/**
	 * Cents → "12.34" for display. Screens that show amounts (the order panel)
	 * must work without the extension too, so without it the digits are
	 * placed in PHP — integer and string operations only, never a float.
	 */
	public static function format( int $minor, string $currency ): string {
		if ( Plugin::extension_loaded() ) {
			return Money::fromMinor( $minor, $currency );
		}
		$exponent = self::EXPONENTS[ strtoupper( $currency ) ] ?? 2;
		$digits   = str_pad( (string) abs( $minor ), $exponent + 1, '0', STR_PAD_LEFT );
		$sign     = $minor < 0 ? '-' : '';
		return 0 === $exponent ? $sign . $digits : $sign . substr( $digits, 0, -$exponent ) . '.' . substr( $digits, -$exponent );
	}

	/** ISO 4217 minor-unit exponents that are not 2 (display without the extension only). */
	private const EXPONENTS = array(
		'BIF' => 0, 'CLP' => 0, 'DJF' => 0, 'GNF' => 0, 'ISK' => 0, 'JPY' => 0, 'KMF' => 0, 'KRW' => 0, 'PYG' => 0,
		'RWF' => 0, 'UGX' => 0, 'UYI' => 0, 'VND' => 0, 'VUV' => 0, 'XAF' => 0, 'XOF' => 0, 'XPF' => 0,
		'BHD' => 3, 'IQD' => 3, 'JOD' => 3, 'KWD' => 3, 'LYD' => 3, 'OMR' => 3, 'TND' => 3,
	);
}
