<?php
/**
 * Turns IOTPay's answers about a refund into its state, and keeps WooCommerce
 * in step: a refund IOTPay made gets a WooCommerce refund record, a refund
 * IOTPay did not make loses the one it had. Callers hold the order lock.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Refund;

use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\Amount;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Payment\OrderReader;
use IotPay\WooCommerce\Reconcile\Reconciler;
use IotPay\WooCommerce\Payment\Protocols;

final class RefundResolver {

	/**
	 * How long "IOTPay does not know this refund number" (0112) right after an
	 * unanswered call still means "not written yet" rather than "never
	 * arrived" (docs/SPEC-DECISIONS.md D24).
	 */
	public const GRACE_SECONDS = 900;

	public static function grace_seconds(): int {
		/** Filters the 0112 grace period after an unanswered refund call, in seconds. */
		return max( 0, (int) apply_filters( 'iotpay_wc_refund_grace_seconds', self::GRACE_SECONDS ) );
	}

	/**
	 * Asks IOTPay about a live refund and applies the answer. Where Query
	 * Refund does not exist, the refund is sent again under its own number:
	 * IOTPay answers a repeated number with the first refund's result (D17)
	 * or refuses it (D35), so this never pays twice; a refusal of that
	 * re-send, or an answer without a status, decides nothing (the row
	 * stays open and checked).
	 *
	 * @return Refund the row that now stands for this money (a failed void's refund, D31).
	 */
	public static function check( Refund $r, \WC_Order $order ): Refund {
		$answer = RefundSender::ask( $r );
		if ( RefundAnswer::UNAVAILABLE === $answer->kind ) {
			$answer = RefundSender::send( $r );
		}
		return self::apply( $r, $order, $answer, false );
	}

	/**
	 * Applies one answer. `$synchronous` is true inside the admin's refund
	 * request, where WooCommerce itself keeps or drops its refund record from
	 * what the gateway returns.
	 */
	public static function apply( Refund $r, \WC_Order $order, RefundAnswer $a, bool $synchronous ): Refund {
		$r = Refunds::find( $r->id ) ?? $r; // The send just stamped last_sent_at.
		if ( RefundAnswer::REFUSED_AGAIN === $a->kind ) {
			self::flag_unconfirmed( $r, $order, $a );
		}
		// An answer that states no outcome (ACCEPTED: SUCCESS without a
		// status, D16) is pending, whichever send it answers: booking it
		// done would hide a later failure.
		$to = match ( $a->kind ) {
			RefundAnswer::DONE => Refund::DONE,
			RefundAnswer::FAILED => Refund::FAILED,
			RefundAnswer::PENDING, RefundAnswer::ACCEPTED => Refund::PENDING,
			RefundAnswer::NOT_FOUND => ( Refund::PENDING !== $r->state && $r->seconds_since_sent() >= self::grace_seconds() ) ? Refund::FAILED : Refund::UNKNOWN,
			default => Refund::PENDING === $r->state ? Refund::PENDING : Refund::UNKNOWN,
		};
		if ( RefundAnswer::NOT_FOUND === $a->kind && Refund::FAILED === $to ) {
			/* translators: %1$s: provider name (IOTPay or SUNBAY) */
			$a = new RefundAnswer( RefundAnswer::FAILED, sprintf( __( '%1$s has no record of this refund number: it never reached %1$s.', 'iotpay-for-woocommerce' ), Protocols::name( $r->family ) ) );
		}
		if ( $to === $r->state ) {
			return $r;
		}
		$moved = Refunds::transition( $r->id, Refund::LIVE, $to, array( 'refund_order_id' => $a->refund_order_id, 'message' => $a->message ) );
		$fresh = Refunds::find( $r->id ) ?? $r;
		if ( ! $moved ) {
			return $fresh;
		}
		Logger::info( 'refund state', array( 'order' => $r->order_id, 'mchRefundNo' => $r->mch_refund_no, 'from' => $r->state, 'to' => $to ) );
		if ( $fresh->is_void() && Refund::FAILED === $to ) {
			$replacement = self::refund_instead_of_void( $fresh, $order, $synchronous );
			self::clear_settled_flags( $order->get_id() );
			return $replacement;
		}
		if ( ! $synchronous ) {
			self::after_background_move( $fresh, $order, $a );
		}
		if ( ! $fresh->is_live() ) {
			self::clear_settled_flags( $order->get_id() );
		}
		return $fresh;
	}

	/** Flags that stand only while a refund or void of the order is unresolved. */
	private const WHILE_UNRESOLVED = array( 'refund_unconfirmed', 'void_pending' );

	/**
	 * A refund or void just reached its end (confirmed, or failed for good):
	 * a flag that warned about an unresolved one (a re-send the provider
	 * refused, a void owed while the extension was missing) no longer holds
	 * once no refund row of the order is still open. Callers hold the order
	 * lock (apply() runs under it on every path), so no other worker adds a
	 * row or a flag meanwhile; a row still open keeps the flag, since it may
	 * be the one the flag is about.
	 */
	private static function clear_settled_flags( int $order_id ): void {
		$fresh = OrderReader::fresh_order( $order_id );
		if ( ! $fresh instanceof \WC_Order || ! in_array( (string) $fresh->get_meta( Completion::META_ATTENTION ), self::WHILE_UNRESOLVED, true ) ) {
			return;
		}
		foreach ( Refunds::for_order( $order_id ) as $row ) {
			if ( $row->is_live() ) {
				return;
			}
		}
		$fresh->delete_meta_data( Completion::META_ATTENTION );
		$fresh->save();
		Logger::info( 'attention flag cleared: its refund is resolved', array( 'order' => $order_id ) );
	}

	/**
	 * Sends a refund row and applies the answer (a lost answer is asked
	 * about first). A row sent before is asked about before it is sent
	 * again (D35): only where IOTPay has no record of its number, or no
	 * Query Refund exists (D24), is it sent again, under the same number.
	 * The admin's refund (RefundService) and the refund that replaces a
	 * failed void go through here alike.
	 */
	public static function send_and_apply( Refund $row, \WC_Order $order, bool $synchronous ): Refund {
		$row = Refunds::find( $row->id ) ?? $row;
		if ( null !== $row->last_sent_at ) {
			$asked = RefundSender::ask( $row );
			if ( ! in_array( $asked->kind, array( RefundAnswer::NOT_FOUND, RefundAnswer::UNAVAILABLE ), true ) ) {
				return self::apply( $row, $order, $asked, $synchronous );
			}
		}
		$answer = RefundSender::send( $row );
		if ( RefundAnswer::UNKNOWN === $answer->kind ) {
			// A lost answer: ask before telling the admin anything.
			$asked  = RefundSender::ask( $row );
			$answer = RefundAnswer::UNAVAILABLE === $asked->kind ? $answer : $asked;
		}
		return self::apply( $row, $order, $answer, $synchronous );
	}

	/**
	 * D31, the one place for both paths: a void IOTPay did not make moved no
	 * money, so the same money is refunded at once under a new number, bound
	 * to the WooCommerce refund the void stood for (if any). Whichever path
	 * learns the void failed — the admin's request, a background check or a
	 * notification — the customer is refunded the same way.
	 */
	private static function refund_instead_of_void( Refund $void, \WC_Order $order, bool $synchronous ): Refund {
		$order->add_order_note(
			/* translators: 1: amount with currency, 2: void number, 3: IOTPay's reason */
			sprintf( __( 'IOTPay did not void the card payment of %1$s (%2$s: %3$s); refunding it instead.', 'iotpay-for-woocommerce' ), Amount::format( $void->amount, $void->currency ) . ' ' . $void->currency, $void->mch_refund_no, $void->message )
		);
		$row = Refunds::create( $void->order_id, null, $void->pay_order_id, $void->amount, $void->currency, $void->reason, $void->family, Refund::REFUND );
		if ( null !== $void->wc_refund_id ) {
			Refunds::bind( $row->id, $void->wc_refund_id );
		}
		$row = self::send_and_apply( $row, $order, $synchronous );
		if ( ! $synchronous && $row->is_live() ) {
			Reconciler::schedule_refund( $row->id, 0, Refund::PENDING === $row->state );
		}
		return $row;
	}

	/**
	 * A re-send IOTPay refused: whether the first send refunded the customer
	 * is unknown (D35). Flagged once per refund, with what to look for in
	 * IOTPay's portal; never "refund again".
	 */
	private static function flag_unconfirmed( Refund $r, \WC_Order $order, RefundAnswer $a ): void {
		if ( ! Refunds::mark_message( $r->id, 'refused again: ' . $a->message ) ) {
			return;
		}
		self::flag( $order, 'refund_unconfirmed' );
		$order->add_order_note(
			sprintf(
				/* translators: 1: amount with currency, 2: refund number, 3: the provider's reason, 4: the provider's payment id, 5: provider name (IOTPay or SUNBAY) */
				__( 'Attention: %5$s refused refund %2$s of %1$s when it was sent again (%3$s). That does not tell whether the first send refunded the customer: %5$s may refuse a refund number it has already seen. In the %5$s portal, look for refund number %2$s on payment %4$s. Do not refund this money again until you know; it is still checked automatically.', 'iotpay-for-woocommerce' ),
				Amount::format( $r->amount, $r->currency ) . ' ' . $r->currency,
				$r->mch_refund_no,
				$a->message,
				$r->pay_order_id,
				Protocols::name( $r->family )
			)
		);
		Logger::warning( 'refund re-send refused: outcome unknown', array( 'order' => $r->order_id, 'mchRefundNo' => $r->mch_refund_no ) );
	}

	/** Notes and WooCommerce records when the background learns a refund's fate. */
	private static function after_background_move( Refund $r, \WC_Order $order, RefundAnswer $a ): void {
		$money    = Amount::format( $r->amount, $r->currency ) . ' ' . $r->currency;
		$provider = Protocols::name( $r->family );
		if ( Refund::DONE === $r->state ) {
			if ( null !== $r->wc_refund() ) {
				/* translators: 1: amount with currency, 2: refund number, 3: provider name (IOTPay or SUNBAY) */
				$order->add_order_note( sprintf( __( '%3$s confirmed the refund of %1$s (%2$s).', 'iotpay-for-woocommerce' ), $money, $r->mch_refund_no, $provider ) );
				return;
			}
			self::record_in_woocommerce( $r, $order, $money );
			return;
		}
		if ( Refund::FAILED === $r->state ) {
			$wc_refund = $r->wc_refund();
			if ( null !== $wc_refund ) {
				$wc_refund->delete( true );
				Refunds::bind( $r->id, null );
				self::flag( $order, 'refund_failed' );
				$order->add_order_note(
					/* translators: 1: amount with currency, 2: refund number, 3: the provider's reason, 4: provider name (IOTPay or SUNBAY) */
					sprintf( __( 'Attention: %4$s reports that the refund of %1$s (%2$s) failed: %3$s. Nothing was refunded to the customer, and the WooCommerce refund record was removed. Refund again if the customer is still owed it.', 'iotpay-for-woocommerce' ), $money, $r->mch_refund_no, $a->message, $provider )
				);
				return;
			}
			$order->add_order_note(
				/* translators: 1: amount with currency, 2: refund number, 3: the provider's reason, 4: provider name (IOTPay or SUNBAY) */
				sprintf( __( '%4$s did not make the refund of %1$s (%2$s): %3$s. Nothing was refunded; refund again if the customer is still owed it.', 'iotpay-for-woocommerce' ), $money, $r->mch_refund_no, $a->message, $provider )
			);
		}
	}

	/**
	 * `Reconciler::HOOK_RECORD_REFUND`: a refund IOTPay made that WooCommerce
	 * could not record at the time (e.g. the record of the admin's failed
	 * call was still there, so the order looked fully refunded). Under the
	 * order lock; the row decides.
	 */
	public static function record_if_missing( Refund $r, \WC_Order $order ): void {
		$r = Refunds::find( $r->id ) ?? $r;
		if ( Refund::DONE === $r->state && null === $r->wc_refund() ) {
			self::record_in_woocommerce( $r, $order, Amount::format( $r->amount, $r->currency ) . ' ' . $r->currency, true );
		}
	}

	/** A refund IOTPay made whose WooCommerce record was dropped (its answer had been lost): record it now. */
	private static function record_in_woocommerce( Refund $r, \WC_Order $order, string $money, bool $last_try = false ): void {
		$wc_refund = wc_create_refund(
			array(
				'order_id'       => $order->get_id(),
				'amount'         => Amount::format( $r->amount, $r->currency ),
				/* translators: 1: refund number, 2: provider name (IOTPay or SUNBAY) */
				'reason'         => sprintf( __( '%2$s refund %1$s, confirmed after its answer was lost', 'iotpay-for-woocommerce' ), $r->mch_refund_no, Protocols::name( $r->family ) ),
				'refund_payment' => false,
			)
		);
		RefundContext::forget( $order->get_id() );
		if ( $wc_refund instanceof \WC_Order_Refund ) {
			Refunds::bind( $r->id, $wc_refund->get_id() );
			$order->add_order_note(
				/* translators: 1: amount with currency, 2: refund number, 3: provider name (IOTPay or SUNBAY) */
				sprintf( __( '%3$s confirmed the refund of %1$s (%2$s), whose answer had been lost. It has been recorded as a WooCommerce refund so the totals match %3$s.', 'iotpay-for-woocommerce' ), $money, $r->mch_refund_no, Protocols::name( $r->family ) )
			);
			return;
		}
		if ( ! $last_try ) {
			// WooCommerce may be about to delete the record of the admin's failed call: try again shortly.
			Reconciler::schedule_record( $r->id );
			Logger::warning( 'confirmed refund not recorded yet, trying again', array( 'order' => $order->get_id(), 'mchRefundNo' => $r->mch_refund_no ) );
			return;
		}
		self::flag( $order, 'refund_unrecorded' );
		$order->add_order_note(
			/* translators: 1: amount with currency, 2: refund number, 3: WooCommerce's error, 4: provider name (IOTPay or SUNBAY) */
			sprintf( __( 'Attention: %4$s refunded %1$s (%2$s) but WooCommerce could not record the refund (%3$s). Record it by hand (without refunding again) so the totals match %4$s.', 'iotpay-for-woocommerce' ), $money, $r->mch_refund_no, is_wp_error( $wc_refund ) ? $wc_refund->get_error_message() : '-', Protocols::name( $r->family ) )
		);
		Logger::error( 'confirmed refund could not be recorded', array( 'order' => $order->get_id(), 'mchRefundNo' => $r->mch_refund_no ) );
	}

	private static function flag( \WC_Order $order, string $what ): void {
		$fresh = OrderReader::fresh_order( $order->get_id() );
		if ( $fresh instanceof \WC_Order ) {
			$fresh->update_meta_data( Completion::META_ATTENTION, $what );
			$fresh->save();
		}
	}
}
