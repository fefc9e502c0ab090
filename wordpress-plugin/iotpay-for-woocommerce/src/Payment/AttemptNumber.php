<?php
/**
 * Merchant order numbers `{prefix}{order id}-{attempt}{random}` and refund
 * numbers `{prefix}{order id}R{refund}{random}`, at most 30 bytes (spec §4.1,
 * §9, §15: D10, D26). The random part is 13 base-36 digits (36^13 > 2^67):
 * several shops on one IOTPay account — same prefix, same order ids (a
 * staging copy, a reinstall, two sites left on "WC") — never meet on a
 * number, so an answer found under a number is about our own transaction
 * (Query Refund's is still checked against our payment). When the whole does
 * not fit, the sequence goes first, then the prefix; never the order id, never
 * a random digit.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

final class AttemptNumber {

	public const MAX = 30;

	/** Base-36 digits of randomness: 13 × log2(36) ≈ 67.2 bits. */
	public const RANDOM_DIGITS = 13;

	public static function make( string $prefix, int $order_id, int $sequence ): string {
		return self::build( $prefix, $order_id . '-', (string) $sequence );
	}

	/** `{prefix}{order id}R{sequence}{random}`: fixed before the first call, reused for every retry. */
	public static function refund( string $prefix, int $order_id, int $sequence ): string {
		return self::build( $prefix, $order_id . 'R', (string) $sequence );
	}

	private static function build( string $prefix, string $order, string $sequence ): string {
		$random = self::random();
		foreach ( array( $prefix . $order . $sequence, $prefix . $order, $order . $sequence, $order ) as $head ) {
			if ( strlen( $head . $random ) <= self::MAX ) {
				return $head . $random;
			}
		}
		// An order id of more than 16 digits: never seen on WordPress (post ids); keep the randomness.
		return substr( $order, 0, self::MAX - self::RANDOM_DIGITS ) . $random;
	}

	private static function random(): string {
		$out = '';
		for ( $i = 0; $i < self::RANDOM_DIGITS; $i++ ) {
			$out .= base_convert( (string) random_int( 0, 35 ), 10, 36 );
		}
		return $out;
	}
}
