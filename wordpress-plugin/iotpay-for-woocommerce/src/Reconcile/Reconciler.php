<?php
/**
 * Nothing lost: every attempt and every refund whose outcome is open is
 * re-checked by Action Scheduler with backoff, a periodic sweep reaches the
 * ones whose job was lost (least recently checked first), and WooCommerce's
 * unpaid-order cancellation asks IOTPay first and cancels only on a clear
 * "not paid".
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Reconcile;

use IotPay\WooCommerce\Checkout\StatusDocument;
use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Payment\OrderLock;
use IotPay\WooCommerce\Payment\OrderReader;
use IotPay\WooCommerce\Payment\Outcome;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Refund\Refund;
use IotPay\WooCommerce\Refund\RefundResolver;
use IotPay\WooCommerce\Refund\Refunds;
use IotPay\WooCommerce\Payment\Protocols;

final class Reconciler {

	public const HOOK_CHECK_ATTEMPT = 'iotpay_wc_check_attempt';
	public const HOOK_CHECK_REFUND  = 'iotpay_wc_check_refund';
	public const HOOK_SWEEP         = 'iotpay_wc_sweep';
	public const HOOK_RECORD_REFUND = 'iotpay_wc_record_refund';
	public const HOOK_VOID_ORDER    = 'iotpay_wc_void_cancelled_order';
	public const GROUP              = 'iotpay-for-woocommerce';

	/** Delay before the n-th background check (seconds); after the last, the sweep takes over. */
	private const BACKOFF = array( 60, 120, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600 );

	/**
	 * Delays of the first checks of a refund IOTPay answered "refunding"
	 * (pending): it is usually final within seconds, so the admin who just
	 * refunded sees the outcome while still on the order screen; then BACKOFF.
	 */
	private const REFUNDING_BACKOFF = array( 10, 30 );

	/** When the extension is missing, a job waits this long and tries again. */
	private const RETRY_WITHOUT_EXTENSION = 3600;

	/** Attempts older than this are no longer swept. */
	private const SWEEP_MAX_AGE = 3 * 86400;

	private const SWEEP_INTERVAL = 900;

	public static function schedule( int $attempt_id, int $checks_done ): void {
		self::schedule_at( self::BACKOFF[ $checks_done ] ?? null, self::HOOK_CHECK_ATTEMPT, $attempt_id );
	}

	/** @param bool $refunding IOTPay's last answer said "refunding" (the row is pending). */
	public static function schedule_refund( int $refund_id, int $checks_done, bool $refunding = false ): void {
		$delay = $refunding ? ( self::REFUNDING_BACKOFF[ $checks_done ] ?? null ) : null;
		self::schedule_at( $delay ?? self::BACKOFF[ $checks_done ] ?? null, self::HOOK_CHECK_REFUND, $refund_id );
	}

	/** A refund IOTPay made that WooCommerce could not record yet: try again in a minute. */
	public static function schedule_record( int $refund_id ): void {
		self::schedule_at( self::BACKOFF[0], self::HOOK_RECORD_REFUND, $refund_id );
	}

	/** A cancelled card order to void once the extension is loaded again (CardVoid). */
	public static function schedule_void( int $order_id, bool $without_extension ): void {
		self::schedule_at( $without_extension ? self::RETRY_WITHOUT_EXTENSION : self::BACKOFF[0], self::HOOK_VOID_ORDER, $order_id );
	}

	private static function schedule_at( ?int $delay, string $hook, int $id ): void {
		if ( null === $delay || ! function_exists( 'as_schedule_single_action' ) ) {
			return;
		}
		as_schedule_single_action( time() + $delay, $hook, array( $id ), self::GROUP );
	}

	public static function ensure_sweep_scheduled(): void {
		if ( function_exists( 'as_has_scheduled_action' ) && ! as_has_scheduled_action( self::HOOK_SWEEP, array(), self::GROUP ) ) {
			// unique: two requests racing here still leave one sweep (Action Scheduler 3.5+, WooCommerce 7.1+).
			as_schedule_recurring_action( time() + self::SWEEP_INTERVAL, self::SWEEP_INTERVAL, self::HOOK_SWEEP, array(), self::GROUP, true );
		}
	}

	/** Plugin deactivation: no job of ours runs while the plugin is off. */
	public static function unschedule_all(): void {
		if ( function_exists( 'as_unschedule_all_actions' ) ) {
			foreach ( array( self::HOOK_SWEEP, self::HOOK_CHECK_ATTEMPT, self::HOOK_CHECK_REFUND, self::HOOK_RECORD_REFUND, self::HOOK_VOID_ORDER ) as $hook ) {
				as_unschedule_all_actions( $hook, null, self::GROUP );
			}
		}
	}

	public static function check_attempt( $attempt_id ): void {
		$attempt = Attempts::find( (int) $attempt_id );
		if ( null === $attempt || ! $attempt->is_live() ) {
			return;
		}
		if ( ! Plugin::extension_loaded() ) {
			self::schedule_at( self::RETRY_WITHOUT_EXTENSION, self::HOOK_CHECK_ATTEMPT, $attempt->id );
			return;
		}
		Attempts::count_check( $attempt->id );
		Completion::check( $attempt, 'reconcile' );
		// Still live (open, unknown, or superseded by a newer attempt that the
		// customer may yet pay twice): keep following it.
		$fresh = Attempts::find( $attempt->id );
		if ( $fresh && $fresh->is_live() ) {
			if ( $fresh->checks >= count( self::BACKOFF ) ) {
				self::give_up( $fresh );
				return;
			}
			self::schedule( $fresh->id, $fresh->checks );
		}
	}

	/**
	 * Every unknown attempt gets an end (SPEC-DECISIONS D34). After the whole
	 * backoff schedule (about a day), an attempt IOTPay never confirmed —
	 * a create or saved-card charge whose answer was lost and that IOTPay
	 * neither found nor denied, or a card charge still not final — is handed
	 * to the shop owner: flagged on the order with what to look up in the
	 * IOTPay portal, and no longer blocking a new payment. If IOTPay reports
	 * it paid later (a notification, "Check now"), it is still recorded.
	 * A QR code or payment page that simply was not paid is left to expire.
	 */
	private static function give_up( Attempt $attempt ): void {
		$charge = $attempt->is_charge();
		if ( ! $charge && ! in_array( $attempt->state, array( Attempt::CREATING, Attempt::UNKNOWN ), true ) ) {
			return;
		}
		OrderLock::with(
			$attempt->order_id,
			static function () use ( $attempt ): void {
				if ( ! Attempts::transition( $attempt->id, Attempt::LIVE, Attempt::FAILED, array( 'note' => 'unresolved: flagged' ) ) ) {
					return;
				}
				$order = OrderReader::fresh_order( $attempt->order_id );
				if ( ! $order instanceof \WC_Order ) {
					return;
				}
				$order->update_meta_data( Completion::META_ATTENTION, 'attempt_unresolved' );
				$order->add_order_note(
					sprintf(
						/* translators: 1: merchant order number, 2: the provider's transaction id or "-", 3: provider name (IOTPay or SUNBAY) */
						__( 'Attention: %3$s never confirmed the outcome of payment attempt %1$s (%3$s transaction %2$s). Look it up in the %3$s merchant portal: if it was charged, refund it there or mark this order as paid; if not, nothing is needed. The customer can pay this order again.', 'iotpay-for-woocommerce' ),
						$attempt->mch_order_no,
						'' !== (string) $attempt->pay_order_id ? (string) $attempt->pay_order_id : '-',
						Protocols::name( $attempt->family )
					)
				);
				$order->save();
				Logger::warning( 'attempt never resolved; flagged for the IOTPay portal', array( 'order' => $attempt->order_id, 'mchOrderNo' => $attempt->mch_order_no, 'state' => $attempt->state ) );
				do_action( Completion::HOOK_ATTEMPT_FAILED, $attempt->id, 'unresolved' );
			}
		);
	}

	public static function check_refund( $refund_id ): void {
		$refund = Refunds::find( (int) $refund_id );
		if ( null === $refund ) {
			return;
		}
		if ( ! $refund->is_live() ) {
			if ( Refund::DONE === $refund->state ) {
				// Settled meanwhile, e.g. by a notification racing the admin's failed
				// call whose WooCommerce record was deleted after it: the refund the
				// provider made must have its WooCommerce record.
				self::record_refund( $refund->id );
			}
			return;
		}
		if ( ! Plugin::extension_loaded() ) {
			self::schedule_at( self::RETRY_WITHOUT_EXTENSION, self::HOOK_CHECK_REFUND, $refund->id );
			return;
		}
		$fresh = self::recheck_refund( $refund );
		if ( null === $fresh ) {
			// The order is busy: try again soon, without spending a backoff step.
			self::schedule_at( self::BACKOFF[0], self::HOOK_CHECK_REFUND, $refund->id );
		} elseif ( $fresh->is_live() ) {
			self::schedule_refund( $fresh->id, $fresh->checks, Refund::PENDING === $fresh->state );
		}
	}

	public static function record_refund( $refund_id ): void {
		$refund = Refunds::find( (int) $refund_id );
		if ( null === $refund ) {
			return;
		}
		$done = OrderLock::with(
			$refund->order_id,
			static function () use ( $refund ): bool {
				$order = OrderReader::fresh_order( $refund->order_id );
				if ( $order instanceof \WC_Order ) {
					RefundResolver::record_if_missing( $refund, $order );
				}
				return true;
			}
		);
		if ( null === $done ) {
			self::schedule_record( $refund->id );
		}
	}

	/** Re-checks one refund under its order's lock; null when the lock was busy. */
	private static function recheck_refund( Refund $refund ): ?Refund {
		return OrderLock::with(
			$refund->order_id,
			static function () use ( $refund ): Refund {
				$r     = Refunds::find( $refund->id ) ?? $refund;
				$order = OrderReader::fresh_order( $r->order_id );
				Refunds::count_check( $r->id );
				if ( ! $r->is_live() || ! $order instanceof \WC_Order ) {
					return Refunds::find( $r->id ) ?? $r;
				}
				return RefundResolver::check( Refunds::find( $r->id ) ?? $r, $order );
			}
		);
	}

	public static function sweep(): void {
		StatusDocument::clean();
		if ( ! Plugin::extension_loaded() ) {
			return; // Recurring: the next run tries again.
		}
		foreach ( Attempts::live( self::SWEEP_MAX_AGE ) as $attempt ) {
			if ( Attempts::claim_check( $attempt->id, 300 ) ) {
				Completion::check( $attempt, 'sweep' );
			}
		}
		foreach ( Refunds::live() as $refund ) {
			self::recheck_refund( $refund );
		}
	}

	/**
	 * `woocommerce_cancel_unpaid_order`: cancel only when IOTPay clearly says
	 * no attempt was paid. A payment, a mismatch (money at IOTPay that does not
	 * fit the order), an error, a busy order or a missing extension all keep
	 * the order.
	 *
	 * WooCommerce 7.9.0 offers only orders created via 'checkout'; 11.0.1
	 * also offers the Checkout block's ('store-api'). Our own block orders
	 * get the newer rule on every version (D83), else an unpaid one would
	 * hold its stock for ever on 7.9.
	 *
	 * @param bool      $cancel Whether WooCommerce would cancel it.
	 * @param \WC_Order $order  The unpaid order.
	 */
	public static function filter_cancel_unpaid_order( $cancel, $order ) {
		if ( ! $order instanceof \WC_Order || null === AbstractGateway::for_order( $order ) ) {
			return $cancel;
		}
		if ( ! $cancel && 'store-api' === $order->get_created_via() ) {
			$cancel = true;
		}
		if ( ! $cancel ) {
			return $cancel;
		}
		// WooCommerce hands us the copy it loaded: read the order and its attempts as stored now.
		$fresh    = OrderReader::fresh_order( $order->get_id() );
		$attempts = Attempts::for_order( $order->get_id() );
		foreach ( $attempts as $attempt ) {
			if ( $attempt->paid_the_order() ) {
				Logger::warning( 'not cancelling: the order is paid through IOTPay', array( 'order' => $order->get_id(), 'mchOrderNo' => $attempt->mch_order_no ) );
				return false;
			}
		}
		if ( ! $fresh instanceof \WC_Order || ! $fresh->has_status( array( 'pending' ) ) ) {
			return false; // Paid, or changed, since WooCommerce read it.
		}
		$order = $fresh;
		if ( str_starts_with( (string) $order->get_meta( Completion::META_ATTENTION ), 'mismatch' ) ) {
			Logger::warning( 'not cancelling: IOTPay reported a payment that does not match the order', array( 'order' => $order->get_id() ) );
			return false;
		}
		$live = array_filter( $attempts, static fn ( Attempt $a ): bool => $a->is_live() );
		if ( $live && ! Plugin::extension_loaded() ) {
			Logger::warning( 'not cancelling: the iotpay extension is not loaded, IOTPay cannot be asked', array( 'order' => $order->get_id() ) );
			return false;
		}
		foreach ( $live as $attempt ) {
			$outcome = Completion::check( $attempt, 'cancel-check' );
			if ( ! $outcome->says_not_paid() ) {
				Logger::warning( 'not cancelling', array( 'order' => $order->get_id(), 'mchOrderNo' => $attempt->mch_order_no, 'outcome' => $outcome->outcome ) );
				return false;
			}
		}
		/* translators: %s: provider name (IOTPay or SUNBAY) */
		$order->add_order_note( sprintf( __( '%s reports no payment for this order; WooCommerce may cancel it.', 'iotpay-for-woocommerce' ), Protocols::name_of_order( $order ) ) );
		return $cancel;
	}
}
