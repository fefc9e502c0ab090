<?php
/**
 * The one completion path, for every provider and API family. Notifications
 * (IOTPay v1 and card, SUNBAY webhooks after their query),
 * a stored card's immediate answer, the status poll, the return page,
 * reconciliation and the admin action all come here: take the order's lock,
 * re-read the order, let the extension decide, apply, save, release.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

use IotPay\Decision;
use IotPay\WooCommerce\Api\MerchantAccount;
use IotPay\WooCommerce\Checkout\StatusDocument;
use IotPay\WooCommerce\Log\Logger;

final class Completion {

	public const META_PAID_ATTEMPT = '_iotpay_paid_mch_order_no';
	public const META_PAY_ORDER_ID = '_iotpay_pay_order_id';
	public const META_ATTENTION    = '_iotpay_needs_attention';

	/** Fired (attempt id, why: declined / unresolved) under the order lock when an attempt ends unpaid for good. */
	public const HOOK_ATTEMPT_FAILED = 'iotpay_wc_attempt_failed';

	/**
	 * @param News   $news A verified notification or a query (or card) answer, of any provider.
	 * @param string $via  notify, poll, return, reconcile, admin, cancel-check, token.
	 */
	public static function apply( Attempt $attempt, News $news, string $via ): Outcome {
		$result = OrderLock::with(
			$attempt->order_id,
			static fn (): Outcome => self::apply_locked( $attempt->order_id, $news, $via )
		);
		return $result ?? Outcome::busy();
	}

	private static function apply_locked( int $order_id, News $news, string $via ): Outcome {
		// Read after the lock, past every cache: a copy loaded earlier in this
		// request may predate a completion by another worker.
		$order = OrderReader::fresh_order( $order_id );
		if ( ! $order instanceof \WC_Order ) {
			return new Outcome( Decision::NOT_OURS, 'order no longer exists', false );
		}
		// The attempt rows are the gate: read from the database under the lock.
		$attempts = Attempts::for_order( $order_id );
		$current  = $attempts[0] ?? null;
		$previous = array();
		foreach ( array_slice( $attempts, 1 ) as $a ) {
			$previous[] = $a->mch_order_no;
		}
		$attempt = null;
		foreach ( $attempts as $a ) {
			if ( $a->mch_order_no === $news->number ) {
				$attempt = $a;
			}
		}
		$paid_no = (string) $order->get_meta( self::META_PAID_ATTEMPT );
		$repair  = false;
		if ( '' === $paid_no ) {
			foreach ( $attempts as $a ) {
				if ( $a->paid_the_order() ) {
					// Recorded as the payment by a worker that stopped before
					// WooCommerce saved the order: complete it now (once, under
					// the lock); any other attempt's payment is a second one.
					$paid_no = $a->mch_order_no;
					$repair  = $attempt && $a->id === $attempt->id;
				}
			}
		}
		if ( $repair ) {
			$paid_no = '';
		}
		// Paid, but not through IOTPay (another gateway, or marked paid by hand):
		// any IOTPay payment is then a second payment, never "already settled".
		$paid_elsewhere = '' === $paid_no && ! $repair && $order->is_paid();
		$expected       = array(
			'mchId'               => self::expected_mch_id( $attempts, $news ),
			'mchOrderNo'          => $current ? $current->mch_order_no : '',
			'previousMchOrderNos' => $previous,
			'amount'              => Amount::to_minor( $order->get_total(), $order->get_currency() ),
			'currency'            => $order->get_currency(),
			'alreadyPaid'         => '' !== $paid_no || $paid_elsewhere,
		);
		if ( '' !== $paid_no || $paid_elsewhere ) {
			$expected['paidMchOrderNo'] = $paid_no;
		}
		$decision = Decision::decide( $expected, $news->raw );
		$outcome  = $decision->getOutcome();
		// The best provider transaction id known: a query answer may lack it (spec §7).
		$pay_order_id = $news->provider_id;
		if ( '' === $pay_order_id && $attempt ) {
			$pay_order_id = (string) $attempt->pay_order_id;
		}

		if ( Decision::PENDING === $outcome && $news->outcome_unknown ) {
			// E.g. IOTPay V3 status 1: the provider does not know whether the card was charged.
			// Unknown is not unpaid: the order is never cancelled on it.
			return new Outcome( Outcome::UNKNOWN, 'IOTPay does not know the outcome of the card charge yet', $decision->shouldAcknowledge() );
		}

		switch ( $outcome ) {
			case Decision::COMPLETE:
				return self::complete( $order, $attempts, $attempt, $news, $pay_order_id, $via, $decision->getReason() );

			case Decision::DUPLICATE_PAYMENT:
				// From any state: a failed or flagged attempt that turns out paid is a payment too.
				if ( $attempt && Attempts::transition( $attempt->id, Attempt::NOT_PAID, Attempt::PAID, array( 'pay_order_id' => $pay_order_id, 'note' => Attempt::NOTE_DUPLICATE ) ) ) {
					$order->update_meta_data( self::META_ATTENTION, 'duplicate_payment' );
					$order->add_order_note(
						$paid_elsewhere
							? sprintf(
								/* translators: 1: amount, 2: currency, 3: merchant order number, 4: the provider's order id, 5: payment method title, 6: provider name (IOTPay or SUNBAY) */
								__( 'Attention: the customer also paid %1$s %2$s through %6$s (attempt %3$s, %6$s order %4$s), but this order had already been paid another way (%5$s). One of the two payments should be refunded; refund the %6$s one from the %6$s merchant portal.', 'iotpay-for-woocommerce' ),
								Amount::format( $news->amount, $news->currency ),
								$news->currency,
								$news->number,
								$pay_order_id,
								'' !== $order->get_payment_method_title() ? $order->get_payment_method_title() : __( 'marked as paid', 'iotpay-for-woocommerce' ),
								self::provider_name( $attempt )
							)
							: sprintf(
								/* translators: 1: merchant order number, 2: the provider's order id, 3: provider name (IOTPay or SUNBAY) */
								__( 'Attention: the customer also paid attempt %1$s (%3$s order %2$s) after this order was already paid. Refund it from the %3$s merchant portal.', 'iotpay-for-woocommerce' ),
								$news->number,
								$pay_order_id,
								self::provider_name( $attempt )
							)
					);
					$order->save();
					Logger::warning( 'duplicate payment', array( 'order' => $order_id, 'mchOrderNo' => $news->number, 'paidElsewhere' => $paid_elsewhere ) );
				}
				return new Outcome( $outcome, $decision->getReason(), true );

			case Decision::CANCELLED:
				if ( $attempt ) {
					Attempts::transition( $attempt->id, array( Attempt::CREATING, Attempt::OPEN, Attempt::UNKNOWN ), Attempt::FAILED, array( 'note' => 'cancelled at IOTPay' ) );
				}
				return new Outcome( $outcome, $decision->getReason(), true );

			case Decision::FAILED:
				// A card refused by the processor (V3 status 9): nothing was taken.
				if ( $attempt && Attempts::transition( $attempt->id, array( Attempt::CREATING, Attempt::OPEN, Attempt::UNKNOWN, Attempt::SUPERSEDED ), Attempt::FAILED, array( 'pay_order_id' => $pay_order_id, 'note' => 'declined' ) ) ) {
					$order->add_order_note(
						sprintf(
							/* translators: 1: merchant order number, 2: the provider's transaction id, 3: provider name (IOTPay or SUNBAY) */
							__( '%3$s: the card payment of attempt %1$s was declined (%3$s transaction %2$s). Nothing was charged; the customer can pay again.', 'iotpay-for-woocommerce' ),
							$news->number,
							$pay_order_id,
							self::provider_name( $attempt )
						)
					);
					/** An attempt IOTPay declined: who charged without the customer (Recurring\Renewals) reacts. */
					do_action( self::HOOK_ATTEMPT_FAILED, $attempt->id, 'declined' );
				}
				return new Outcome( $outcome, $decision->getReason(), true );

			case Decision::MISMATCH:
				Logger::error(
					'IOTPay data does not match the order; nothing changed',
					array( 'order' => $order_id, 'field' => $decision->getField(), 'mchOrderNo' => $news->number, 'via' => $via )
				);
				if ( '' === (string) $order->get_meta( self::META_ATTENTION ) ) {
					$order->update_meta_data( self::META_ATTENTION, 'mismatch:' . (string) $decision->getField() );
					$order->add_order_note(
						sprintf(
							/* translators: 1: field name, 2: provider name (IOTPay or SUNBAY) */
							__( 'Attention: %2$s reported a payment whose %1$s does not match this order. The order was not changed and will not be cancelled automatically; check the payment in the %2$s merchant portal.', 'iotpay-for-woocommerce' ),
							(string) $decision->getField(),
							self::provider_name( $attempt )
						)
					);
					$order->save();
				}
				return new Outcome( $outcome, $decision->getReason(), false );

			default:
				// already_settled, pending, superseded, not_ours: nothing to change.
				return new Outcome( $outcome, $decision->getReason(), $decision->shouldAcknowledge() );
		}
	}

	/**
	 * Records the payment in WooCommerce. The attempt row is claimed first by a
	 * conditional UPDATE: of two workers that got here for the same payment,
	 * only one moves the row, and only that one calls payment_complete().
	 * Acknowledged only once WooCommerce really holds the order as paid;
	 * otherwise the claim is given back (the attempt stays live) and IOTPay
	 * keeps notifying and reconciliation keeps checking.
	 *
	 * @param list<Attempt> $attempts
	 */
	private static function complete( \WC_Order $order, array $attempts, ?Attempt $attempt, News $news, string $pay_order_id, string $via, string $reason ): Outcome {
		$order_id = $order->get_id();
		if ( null === $attempt ) {
			return new Outcome( Decision::NOT_OURS, 'no attempt with this number', false );
		}
		$claimed = Attempts::transition( $attempt->id, Attempt::NOT_PAID, Attempt::PAID, array( 'pay_order_id' => $pay_order_id, 'note' => '' ) )
			// A claim whose worker stopped before WooCommerce saved the order (apply_locked found it): this worker finishes it.
			|| ( Attempt::PAID === $attempt->state && $attempt->paid_the_order() );
		if ( ! $claimed ) {
			return new Outcome( Decision::ALREADY_SETTLED, 'recorded by another request', true );
		}
		$late      = $order->has_status( array( 'cancelled' ) );
		$attention = (string) $order->get_meta( self::META_ATTENTION );
		$order->update_meta_data( self::META_PAID_ATTEMPT, $news->number );
		$order->update_meta_data( self::META_PAY_ORDER_ID, $pay_order_id );
		if ( str_starts_with( $attention, 'mismatch' ) || 'complete_failed' === $attention ) {
			// Paid correctly now: an earlier warning no longer applies.
			$order->delete_meta_data( self::META_ATTENTION );
		}
		// payment_complete saves the order (meta included) before the lock is released.
		$ok    = $order->payment_complete( $pay_order_id );
		$fresh = OrderReader::fresh_order( $order_id );
		if ( ! $fresh instanceof \WC_Order || ! $fresh->is_paid() || (string) $fresh->get_meta( self::META_PAID_ATTEMPT ) !== $news->number ) {
			// Not recorded: give the claim back, so the next notification or check tries again.
			Attempts::transition( $attempt->id, array( Attempt::PAID ), Attempt::OPEN, array( 'note' => 'complete_failed' ) );
			$fresh = $fresh instanceof \WC_Order ? $fresh : $order;
			$fresh->delete_meta_data( self::META_PAID_ATTEMPT );
			$fresh->update_meta_data( self::META_PAY_ORDER_ID, $pay_order_id );
			if ( 'complete_failed' !== $attention ) {
				$fresh->update_meta_data( self::META_ATTENTION, 'complete_failed' );
				$fresh->add_order_note(
					sprintf(
						/* translators: 1: amount, 2: currency, 3: the provider's order id, 4: order status, 5: provider name (IOTPay or SUNBAY) */
						__( 'Attention: %5$s received %1$s %2$s for this order (%5$s order %3$s), but WooCommerce did not record the payment (order status: %4$s). It will be tried again automatically; do not cancel this order.', 'iotpay-for-woocommerce' ),
						Amount::format( $news->amount, $news->currency ),
						$news->currency,
						$pay_order_id,
						$fresh->get_status(),
						self::provider_name( $attempt )
					)
				);
			}
			$fresh->save();
			Logger::error( 'WooCommerce did not record the payment', array( 'order' => $order_id, 'mchOrderNo' => $news->number, 'returned' => $ok, 'status' => $fresh->get_status() ) );
			return new Outcome( 'complete_failed', 'WooCommerce did not record the payment', false );
		}
		$fresh->add_order_note(
			sprintf(
				/* translators: 1: amount, 2: currency, 3: the provider's order or transaction id, 4: merchant order number, 5: how it was learnt, 6: provider name (IOTPay or SUNBAY) */
				__( '%6$s payment received: %1$s %2$s (%6$s order %3$s, attempt %4$s, via %5$s).', 'iotpay-for-woocommerce' ),
				Amount::format( $news->amount, $news->currency ),
				$news->currency,
				$pay_order_id,
				$news->number,
				$via,
				self::provider_name( $attempt )
			)
		);
		if ( $late ) {
			$fresh->update_meta_data( self::META_ATTENTION, 'late_payment' );
			$fresh->add_order_note( __( 'Attention: this payment arrived after the order had been cancelled. The order has been restored as paid and its stock taken again; check that the items are still available before shipping, or refund the payment.', 'iotpay-for-woocommerce' ) );
			$fresh->save();
		}
		// A page waiting on this order moves on at its next look at the document.
		StatusDocument::paid( $fresh );
		foreach ( $attempts as $other ) {
			if ( $other->is_live() && $other->id !== $attempt->id && true !== Abandon::attempt( $other, 'closed: the order was paid by another attempt' ) ) {
				Attempts::transition( $other->id, array( Attempt::CREATING, Attempt::OPEN, Attempt::UNKNOWN ), Attempt::SUPERSEDED );
			}
		}
		Logger::info( 'payment completed', array( 'order' => $order_id, 'mchOrderNo' => $news->number, 'via' => $via, 'late' => $late ) );
		return new Outcome( Decision::COMPLETE, $reason, true, true );
	}

	/** The provider of an attempt, as order notes name it. */
	private static function provider_name( ?Attempt $attempt ): string {
		return Protocols::name( $attempt->family ?? Protocol::V1 );
	}

	/**
	 * The merchant the news must come from: the account the attempt it names
	 * was made with (a switch between test and live keeps older attempts on
	 * their own account); the current one for a number we do not know.
	 *
	 * @param list<Attempt> $attempts
	 */
	private static function expected_mch_id( array $attempts, News $news ): string {
		foreach ( $attempts as $a ) {
			if ( $a->mch_order_no === $news->number ) {
				return $a->mch_id;
			}
		}
		return MerchantAccount::current( $attempts[0]->family ?? Protocol::V1 )->mch_id;
	}

	/** Asks the provider about an attempt (query_order, cc_query or SUNBAY's transaction query, as its family says) and applies the answer. */
	public static function check( Attempt $attempt, string $via ): Outcome {
		try {
			$q = $attempt->protocol()->query( $attempt );
		} catch ( \IotPay\WooCommerce\Api\MerchantUnavailable $e ) {
			// Its account is gone from the settings: never concluded, flagged for the merchant.
			$e->account->flag_unavailable( $attempt->order_id, 'attempt', $attempt->mch_order_no );
			return new Outcome( 'error', $e->getMessage(), false );
		} catch ( \IotPay\Exception\GatewayException $e ) {
			if ( NotFound::says( $e ) ) {
				if ( Attempt::CREATING === $attempt->state || Attempt::UNKNOWN === $attempt->state ) {
					Attempts::transition( $attempt->id, array( Attempt::CREATING ), Attempt::UNKNOWN );
				}
				return new Outcome( Decision::PENDING, 'not known at IOTPay yet', true );
			}
			Logger::warning( 'status query refused', array( 'mchOrderNo' => $attempt->mch_order_no, 'code' => $e->getProviderCode() ) );
			return new Outcome( 'error', $e->getMessage(), false );
		} catch ( \IotPay\Exception\IotPayException $e ) {
			Logger::warning( 'status query failed', array( 'mchOrderNo' => $attempt->mch_order_no, 'error' => $e->getMessage() ) );
			return new Outcome( 'error', $e->getMessage(), false );
		}
		if ( Attempt::CREATING === $attempt->state || Attempt::UNKNOWN === $attempt->state ) {
			Attempts::transition( $attempt->id, array( Attempt::CREATING, Attempt::UNKNOWN ), Attempt::OPEN, array( 'pay_order_id' => $q->provider_id ) );
		}
		return self::apply( $attempt, $q, $via );
	}
}
