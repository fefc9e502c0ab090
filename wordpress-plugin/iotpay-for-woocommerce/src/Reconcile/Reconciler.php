<?php
/**
 * Nothing paid is left pending: every attempt is re-queried by Action
 * Scheduler with backoff, a periodic sweep catches attempts whose job was
 * lost, and WooCommerce's unpaid-order cancellation asks IOTPay first.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Reconcile;

use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Plugin;

final class Reconciler {

	public const HOOK_CHECK_ATTEMPT = 'iotpay_wc_check_attempt';
	public const HOOK_SWEEP         = 'iotpay_wc_sweep';
	public const GROUP              = 'iotpay-for-woocommerce';

	/** Delay before the n-th check (seconds); after the last, the attempt is left to the sweep. */
	private const BACKOFF = array( 60, 120, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600 );

	/** Attempts older than this are no longer swept. */
	private const SWEEP_MAX_AGE = 3 * 86400;

	public static function schedule( int $attempt_id, int $checks_done ): void {
		if ( ! function_exists( 'as_schedule_single_action' ) || ! isset( self::BACKOFF[ $checks_done ] ) ) {
			return;
		}
		as_schedule_single_action( time() + self::BACKOFF[ $checks_done ], self::HOOK_CHECK_ATTEMPT, array( $attempt_id ), self::GROUP );
	}

	public static function ensure_sweep_scheduled(): void {
		if ( function_exists( 'as_has_scheduled_action' ) && ! as_has_scheduled_action( self::HOOK_SWEEP, array(), self::GROUP ) ) {
			as_schedule_recurring_action( time() + 900, 900, self::HOOK_SWEEP, array(), self::GROUP );
		}
	}

	public static function check_attempt( $attempt_id ): void {
		$attempt = Attempts::find( (int) $attempt_id );
		if ( null === $attempt || ! $attempt->is_live() ) {
			return;
		}
		$outcome = Completion::check( $attempt, 'reconcile' );
		$fresh   = Attempts::find( $attempt->id );
		if ( $fresh && $fresh->is_live() && ! $outcome->is_paid() ) {
			self::schedule( $fresh->id, $fresh->checks );
		}
	}

	public static function sweep(): void {
		foreach ( Attempts::live( self::SWEEP_MAX_AGE ) as $attempt ) {
			if ( Attempts::claim_check( $attempt->id, 300 ) ) {
				Completion::check( $attempt, 'sweep' );
			}
		}
	}

	/**
	 * `woocommerce_cancel_unpaid_order`: never cancel an order that IOTPay has
	 * been paid for, nor one whose IOTPay state cannot be read right now.
	 *
	 * @param bool      $cancel Whether WooCommerce would cancel it.
	 * @param \WC_Order $order  The unpaid order.
	 */
	public static function filter_cancel_unpaid_order( $cancel, $order ) {
		if ( ! $cancel || ! $order instanceof \WC_Order || null === AbstractGateway::for_order( $order ) ) {
			return $cancel;
		}
		foreach ( Attempts::for_order( $order->get_id() ) as $attempt ) {
			if ( ! $attempt->is_live() ) {
				continue;
			}
			$outcome = Completion::check( $attempt, 'cancel-check' );
			if ( $outcome->is_paid() ) {
				return false;
			}
			if ( 'error' === $outcome->outcome || $outcome->outcome === \IotPay\WooCommerce\Payment\Outcome::BUSY ) {
				Logger::warning( 'not cancelling: IOTPay state unknown', array( 'order' => $order->get_id() ) );
				return false;
			}
		}
		$order->add_order_note( __( 'IOTPay reports no payment for this order; WooCommerce may cancel it.', Plugin::TEXT_DOMAIN ) );
		return $cancel;
	}
}
