<?php
/**
 * Which WooCommerce refund record a process_refund() call is for.
 * WooCommerce saves the record and then calls the gateway with only the
 * order id and amount; `woocommerce_create_refund` hands us the record
 * first. Kept per request (it only links two calls of one request); the
 * state that must survive lives in the refunds table.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Refund;

final class RefundContext {

	/** @var array<int, \WC_Order_Refund> by parent order id */
	private static array $creating = array();

	/** `woocommerce_create_refund` (WooCommerce 2.2+, still fired by 11.x). */
	public static function capture( $refund ): void {
		if ( $refund instanceof \WC_Order_Refund && $refund->get_parent_id() > 0 ) {
			self::$creating[ (int) $refund->get_parent_id() ] = $refund;
		}
	}

	/** The id of the WooCommerce refund being processed for this order, if it was created through wc_create_refund(). */
	public static function take( int $order_id, int $amount_minor, callable $to_minor ): ?int {
		$refund = self::$creating[ $order_id ] ?? null;
		unset( self::$creating[ $order_id ] );
		if ( null === $refund || $refund->get_id() <= 0 ) {
			return null;
		}
		try {
			return $to_minor( (string) $refund->get_amount() ) === $amount_minor ? (int) $refund->get_id() : null;
		} catch ( \Throwable $e ) {
			return null;
		}
	}

	public static function forget( int $order_id ): void {
		unset( self::$creating[ $order_id ] );
	}
}
