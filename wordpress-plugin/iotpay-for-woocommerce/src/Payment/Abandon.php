<?php
/**
 * Giving up payment attempts, for every provider: an attempt replaced by a
 * newer one, the other open attempts of an order just paid, and every open
 * attempt of a cancelled order are closed at the provider where it can
 * (SUNBAY's expire-session, D45). Only a confirmed close fails the attempt;
 * otherwise it stays live and reconciled, so a late payment is still
 * recorded (and flagged as a second payment where it is one).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

use IotPay\WooCommerce\Plugin;

final class Abandon {

	/**
	 * Closes one live attempt at its provider (callers hold the order lock).
	 * True: closed and failed here; false: refused or unknown; null: the
	 * provider cannot close attempts.
	 */
	public static function attempt( Attempt $a, string $why ): ?bool {
		if ( ! $a->is_live() ) {
			return null;
		}
		$closed = $a->protocol()->abandon( $a );
		if ( true === $closed ) {
			Attempts::transition( $a->id, Attempt::LIVE, Attempt::FAILED, array( 'note' => $why ) );
		}
		return $closed;
	}

	/**
	 * `woocommerce_order_status_cancelled`: no attempt of a cancelled order
	 * should still take money. One that cannot be closed is asked about at
	 * once (a payment made meanwhile is recorded now, not at the next check).
	 *
	 * @param int $order_id Order ID.
	 */
	public static function on_cancelled( $order_id ): void {
		$order_id = (int) $order_id;
		if ( $order_id <= 0 || ! Plugin::sunbay_loaded() ) {
			// Only SUNBAY's sessions can be closed today; without its client nothing can be sent.
			return;
		}
		OrderLock::with(
			$order_id,
			static function () use ( $order_id ): void {
				foreach ( Attempts::for_order( $order_id ) as $a ) {
					if ( false === self::attempt( $a, 'closed: order cancelled' ) ) {
						Completion::check( Attempts::find( $a->id ) ?? $a, 'cancel' );
					}
				}
			},
			10
		);
	}
}
