<?php
/**
 * Refunds from the order screen or the REST API (process_refund). Each
 * WooCommerce refund becomes one row of the refunds table with a number fixed
 * before the first call; a retry of money whose outcome is still unknown
 * reuses that row and number, so IOTPay can never pay it twice. Refunds of
 * one order are serialised by the order lock.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Refund;

use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\Amount;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Payment\OrderLock;
use IotPay\WooCommerce\Payment\OrderReader;
use IotPay\WooCommerce\Payment\Protocol;
use IotPay\WooCommerce\Payment\Protocols;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Reconcile\Reconciler;

final class RefundService {

	/**
	 * @param float|string|null $amount
	 * @return bool|\WP_Error
	 */
	public static function refund( int $order_id, $amount, string $reason ) {
		$order = wc_get_order( $order_id );
		if ( ! $order instanceof \WC_Order ) {
			return new \WP_Error( 'iotpay_refund', __( 'Order not found.', 'iotpay-for-woocommerce' ) );
		}
		if ( ! Plugin::extension_loaded() ) {
			RefundContext::forget( $order_id );
			/* translators: %s: provider name (IOTPay or SUNBAY) */
			return new \WP_Error( 'iotpay_refund', sprintf( __( '%s refunds are unavailable on this server right now: the iotpay PHP extension is not loaded. Nothing was refunded. Ask your host to enable it, then refund again.', 'iotpay-for-woocommerce' ), Protocols::name_of_order( $order ) ) );
		}
		$pay_order_id = (string) $order->get_meta( Completion::META_PAY_ORDER_ID );
		if ( '' === $pay_order_id ) {
			RefundContext::forget( $order_id );
			/* translators: %s: provider name (IOTPay or SUNBAY) */
			return new \WP_Error( 'iotpay_refund', sprintf( __( 'This order has no %s payment to refund.', 'iotpay-for-woocommerce' ), Protocols::name_of_order( $order ) ) );
		}
		$currency = $order->get_currency();
		try {
			$minor = Amount::to_minor( is_null( $amount ) ? (string) $order->get_total() : ( is_float( $amount ) ? $amount : (string) $amount ), $currency );
		} catch ( \Throwable $e ) {
			RefundContext::forget( $order_id );
			return new \WP_Error( 'iotpay_refund', __( 'The refund amount is not a valid amount in the order currency.', 'iotpay-for-woocommerce' ) );
		}
		$wc_refund_id = RefundContext::take( $order_id, $minor, static fn ( string $a ): int => Amount::to_minor( $a, $currency ) );
		if ( $minor <= 0 ) {
			return new \WP_Error( 'iotpay_refund', __( 'The refund amount must be positive.', 'iotpay-for-woocommerce' ) );
		}
		$result = OrderLock::with(
			$order_id,
			static fn () => self::refund_locked( $order, $wc_refund_id, $pay_order_id, $minor, $currency, $reason ),
			15
		);
		return $result ?? new \WP_Error( 'iotpay_refund', __( 'The order is being updated; nothing was refunded. Please try the refund again.', 'iotpay-for-woocommerce' ) );
	}

	/** @return bool|\WP_Error */
	private static function refund_locked( \WC_Order $order, ?int $wc_refund_id, string $pay_order_id, int $minor, string $currency, string $reason ) {
		// Decide from the order as it is now, not as this request loaded it before the lock.
		$order = OrderReader::fresh_order( $order->get_id() ) ?? $order;
		$money = Amount::format( $minor, $currency ) . ' ' . $currency;
		$row   = self::open_retry( $order->get_id(), $minor );
		$paid  = self::paid_minor( $order );
		if ( null !== $row ) {
			// The same money again while IOTPay's answer about it is unknown:
			// the same number, so IOTPay cannot refund it twice.
			Refunds::bind( $row->id, $wc_refund_id );
		} else {
			$refundable = $paid - Refunds::committed_minor( $order->get_id() );
			if ( $minor > $refundable ) {
				return new \WP_Error(
					'iotpay_refund',
					sprintf(
						/* translators: 1: refundable amount, 2: currency, 3: provider name (IOTPay or SUNBAY) */
						__( 'At most %1$s %2$s can still be refunded through %3$s (refunds whose outcome %3$s has not confirmed yet count as made).', 'iotpay-for-woocommerce' ),
						Amount::format( max( 0, $refundable ), $currency ),
						$currency,
						Protocols::name_of_order( $order )
					)
				);
			}
			$family = self::family_of( $order, $pay_order_id );
			$method = Protocol::V3 === $family && self::void_applies( $order, $minor, $paid ) ? Refund::VOID : Refund::REFUND;
			$row    = Refunds::create( $order->get_id(), $wc_refund_id, $pay_order_id, $minor, $currency, $reason, $family, $method );
		}

		// The row that stands for this money afterwards: a refused void is
		// followed by a refund under a new number (RefundResolver, D31).
		$row = RefundResolver::send_and_apply( $row, $order, true );
		Logger::info( 'refund', array( 'order' => $order->get_id(), 'mchRefundNo' => $row->mch_refund_no, 'method' => $row->method, 'state' => $row->state ) );

		// Who the money went back through, as the notes name it (a brand: not translated).
		$provider = Protocols::name( $row->family );
		switch ( $row->state ) {
			case Refund::DONE:
				$order->add_order_note(
					$row->is_void()
						/* translators: 1: amount with currency, 2: void number, 3: IOTPay id of the void, 4: reason */
						? sprintf( __( 'IOTPay voided the card payment of %1$s (%2$s, IOTPay %3$s): it is cancelled before settlement and will not appear on the customer\'s statement. Reason: %4$s', 'iotpay-for-woocommerce' ), $money, $row->mch_refund_no, (string) $row->refund_order_id, '' !== $reason ? $reason : '-' )
						/* translators: 1: amount with currency, 2: refund number, 3: the provider's refund id, 4: reason, 5: provider name (IOTPay or SUNBAY) */
						: sprintf( __( '%5$s refund of %1$s confirmed (%2$s, %5$s %3$s). Reason: %4$s', 'iotpay-for-woocommerce' ), $money, $row->mch_refund_no, (string) $row->refund_order_id, '' !== $reason ? $reason : '-', $provider )
				);
				return true;

			case Refund::PENDING:
				Reconciler::schedule_refund( $row->id, 0, true );
				$order->add_order_note(
					/* translators: 1: amount with currency, 2: refund number, 3: reason, 4: provider name (IOTPay or SUNBAY) */
					sprintf( __( '%4$s refund of %1$s sent (%2$s): waiting for %4$s to confirm it. It is checked automatically; a failure will be reported here. Reason: %3$s', 'iotpay-for-woocommerce' ), $money, $row->mch_refund_no, '' !== $reason ? $reason : '-', $provider )
				);
				return true;

			case Refund::FAILED:
				self::unbind( $row, $wc_refund_id );
				$order->add_order_note(
					/* translators: 1: amount with currency, 2: refund number, 3: the provider's reason, 4: provider name (IOTPay or SUNBAY) */
					sprintf( __( '%4$s refused the refund of %1$s (%2$s): %3$s', 'iotpay-for-woocommerce' ), $money, $row->mch_refund_no, $row->message, $provider )
				);
				/* translators: 1: the provider's reason, 2: provider name (IOTPay or SUNBAY) */
				return new \WP_Error( 'iotpay_refund', sprintf( __( '%2$s refused the refund: %1$s', 'iotpay-for-woocommerce' ), $row->message, $provider ) );

			default:
				self::unbind( $row, $wc_refund_id );
				Reconciler::schedule_refund( $row->id, 0 );
				$order->add_order_note(
					/* translators: 1: amount with currency, 2: refund number, 3: provider name (IOTPay or SUNBAY) */
					sprintf( __( '%3$s refund of %1$s (%2$s): waiting for %3$s, which has not answered. It is checked automatically and recorded on this order if it went through. Do not refund this money another way.', 'iotpay-for-woocommerce' ), $money, $row->mch_refund_no, $provider )
				);
				/* translators: %s: provider name (IOTPay or SUNBAY) */
				return new \WP_Error( 'iotpay_refund', sprintf( __( '%s has not confirmed this refund yet. It is checked automatically and will be recorded on this order if it went through. Until it is recorded here, refunding the same amount again reuses the same %s refund, so the customer cannot be refunded twice.', 'iotpay-for-woocommerce' ), $provider, $provider ) );
		}
	}

	/**
	 * The admin's refund call ends in an error: WooCommerce deletes its
	 * refund record once process_refund returns, so the row must not stand
	 * on it. Done under the lock, before the error is returned: whatever
	 * learns the outcome next (notification, background check, a retry)
	 * sees a row without a record and records it if IOTPay made it.
	 */
	private static function unbind( Refund $row, ?int $wc_refund_id ): void {
		$fresh = Refunds::find( $row->id ) ?? $row;
		if ( null !== $wc_refund_id && $fresh->wc_refund_id === $wc_refund_id ) {
			Refunds::bind( $row->id, null );
		}
	}

	/** The API family of the payment being refunded: that of its paid attempt. */
	private static function family_of( \WC_Order $order, string $pay_order_id ): string {
		foreach ( Attempts::for_order( $order->get_id() ) as $a ) {
			if ( Attempt::PAID === $a->state && $a->pay_order_id === $pay_order_id ) {
				return $a->family;
			}
		}
		$gateway = AbstractGateway::for_order( $order );
		return $gateway ? $gateway->family() : Protocol::V1;
	}

	/**
	 * Whether a card refund is made as a void (SPEC-DECISIONS D31): IOTPay
	 * voids a transaction that is not settled yet, which cancels it without a
	 * trace on the customer's statement. The shop cannot see settlement, so a
	 * void is chosen when the whole payment goes back, nothing of it was
	 * refunded or voided before (IOTPay refuses to void a partly refunded
	 * payment) and it was paid today in the shop's time zone (card batches
	 * settle daily). Anything else is a refund; a void IOTPay refuses is
	 * followed by a refund (refund_locked()).
	 */
	public static function void_applies( \WC_Order $order, int $minor, int $paid ): bool {
		$applies = $minor === $paid;
		foreach ( Refunds::for_order( $order->get_id() ) as $r ) {
			if ( $r->is_void() || Refund::FAILED !== $r->state ) {
				$applies = false;
			}
		}
		$paid_at = $order->get_date_paid();
		if ( ! $paid_at instanceof \DateTimeInterface ) {
			$applies = false;
		} else {
			$tz      = wp_timezone();
			$applies = $applies && ( new \DateTimeImmutable( '@' . $paid_at->getTimestamp() ) )->setTimezone( $tz )->format( 'Y-m-d' ) === ( new \DateTimeImmutable( '@' . time() ) )->setTimezone( $tz )->format( 'Y-m-d' );
		}
		/**
		 * Filters whether a card refund is sent as a void (not settled yet) rather than a refund.
		 *
		 * @param bool      $applies The plugin's choice.
		 * @param \WC_Order $order   The order.
		 * @param int       $minor   The amount, in cents.
		 */
		return (bool) apply_filters( 'iotpay_wc_card_void_applies', $applies, $order, $minor );
	}

	/**
	 * The open retry: a refund of this amount whose money may leave or has
	 * left IOTPay (sending, unknown, pending — or done but not recorded in
	 * WooCommerce yet) with no WooCommerce record standing for it
	 * (WooCommerce dropped it when the admin was told the outcome was
	 * unknown). The admin was told a retry reuses it, in whichever state a
	 * notification or the background has moved it to since.
	 */
	private static function open_retry( int $order_id, int $minor ): ?Refund {
		foreach ( Refunds::for_order( $order_id ) as $r ) {
			if ( $r->amount === $minor && ( $r->is_live() || Refund::DONE === $r->state ) && null === $r->wc_refund() ) {
				return $r;
			}
		}
		return null;
	}

	/** What IOTPay was paid: the paid attempt's amount (the order total may have changed since). */
	public static function paid_minor( \WC_Order $order ): int {
		$pay_order_id = (string) $order->get_meta( Completion::META_PAY_ORDER_ID );
		foreach ( Attempts::for_order( $order->get_id() ) as $a ) {
			if ( Attempt::PAID === $a->state && $a->pay_order_id === $pay_order_id ) {
				return $a->amount;
			}
		}
		return Amount::to_minor( $order->get_total(), $order->get_currency() );
	}
}
