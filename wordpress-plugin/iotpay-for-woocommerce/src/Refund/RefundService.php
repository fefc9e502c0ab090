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

use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\Amount;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Payment\OrderLock;
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
			return new \WP_Error( 'iotpay_refund', __( 'IOTPay refunds are unavailable on this server right now: the iotpay PHP extension is not loaded. Nothing was refunded. Ask your host to enable it, then refund again.', 'iotpay-for-woocommerce' ) );
		}
		$pay_order_id = (string) $order->get_meta( Completion::META_PAY_ORDER_ID );
		if ( '' === $pay_order_id ) {
			RefundContext::forget( $order_id );
			return new \WP_Error( 'iotpay_refund', __( 'This order has no IOTPay payment to refund.', 'iotpay-for-woocommerce' ) );
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
		$money = Amount::format( $minor, $currency ) . ' ' . $currency;
		$row   = self::open_retry( $order->get_id(), $minor );
		if ( null !== $row ) {
			// The same money again while IOTPay's answer about it is unknown:
			// the same number, so IOTPay cannot refund it twice.
			Refunds::bind( $row->id, $wc_refund_id );
		} else {
			$paid       = self::paid_minor( $order, $pay_order_id, $currency );
			$refundable = $paid - Refunds::committed_minor( $order->get_id() );
			if ( $minor > $refundable ) {
				return new \WP_Error(
					'iotpay_refund',
					sprintf(
						/* translators: 1: refundable amount, 2: currency */
						__( 'At most %1$s %2$s can still be refunded through IOTPay (refunds whose outcome IOTPay has not confirmed yet count as made).', 'iotpay-for-woocommerce' ),
						Amount::format( max( 0, $refundable ), $currency ),
						$currency
					)
				);
			}
			$row = Refunds::create( $order->get_id(), $wc_refund_id, $pay_order_id, $minor, $currency, $reason );
		}

		$answer = RefundSender::send( $row );
		if ( RefundAnswer::UNKNOWN === $answer->kind ) {
			// A lost answer: ask before telling the admin anything.
			$asked  = RefundSender::ask( $row );
			$answer = RefundAnswer::UNAVAILABLE === $asked->kind ? $answer : $asked;
		}
		$row = RefundResolver::apply( $row, $order, $answer, true );
		Logger::info( 'refund', array( 'order' => $order->get_id(), 'mchRefundNo' => $row->mch_refund_no, 'state' => $row->state ) );

		switch ( $row->state ) {
			case Refund::DONE:
				$order->add_order_note(
					/* translators: 1: amount with currency, 2: refund number, 3: IOTPay refund id, 4: reason */
					sprintf( __( 'IOTPay refund of %1$s confirmed (%2$s, IOTPay %3$s). Reason: %4$s', 'iotpay-for-woocommerce' ), $money, $row->mch_refund_no, (string) $row->refund_order_id, '' !== $reason ? $reason : '-' )
				);
				return true;

			case Refund::PENDING:
				Reconciler::schedule_refund( $row->id, 0 );
				$order->add_order_note(
					/* translators: 1: amount with currency, 2: refund number, 3: reason */
					sprintf( __( 'IOTPay refund of %1$s sent (%2$s): waiting for IOTPay to confirm it. It is checked automatically; a failure will be reported here. Reason: %3$s', 'iotpay-for-woocommerce' ), $money, $row->mch_refund_no, '' !== $reason ? $reason : '-' )
				);
				return true;

			case Refund::FAILED:
				$order->add_order_note(
					/* translators: 1: amount with currency, 2: refund number, 3: IOTPay's reason */
					sprintf( __( 'IOTPay refused the refund of %1$s (%2$s): %3$s', 'iotpay-for-woocommerce' ), $money, $row->mch_refund_no, $row->message )
				);
				/* translators: %s: IOTPay's reason */
				return new \WP_Error( 'iotpay_refund', sprintf( __( 'IOTPay refused the refund: %s', 'iotpay-for-woocommerce' ), $row->message ) );

			default:
				Reconciler::schedule_refund( $row->id, 0 );
				$order->add_order_note(
					/* translators: 1: amount with currency, 2: refund number */
					sprintf( __( 'IOTPay refund of %1$s (%2$s): waiting for IOTPay, which has not answered. It is checked automatically and recorded on this order if it went through. Do not refund this money another way.', 'iotpay-for-woocommerce' ), $money, $row->mch_refund_no )
				);
				return new \WP_Error( 'iotpay_refund', __( 'IOTPay has not confirmed this refund yet. It is checked automatically and will be recorded on this order if it went through; refunding the same amount again reuses the same IOTPay refund, so the customer cannot be refunded twice.', 'iotpay-for-woocommerce' ) );
		}
	}

	/** A live refund of this amount with no WooCommerce record standing for it (WooCommerce dropped it when the outcome was unknown). */
	private static function open_retry( int $order_id, int $minor ): ?Refund {
		foreach ( Refunds::for_order( $order_id ) as $r ) {
			if ( $r->amount === $minor && in_array( $r->state, array( Refund::SENDING, Refund::UNKNOWN ), true ) && null === $r->wc_refund() ) {
				return $r;
			}
		}
		return null;
	}

	/** What IOTPay was paid: the paid attempt's amount (the order total may have changed since). */
	private static function paid_minor( \WC_Order $order, string $pay_order_id, string $currency ): int {
		foreach ( Attempts::for_order( $order->get_id() ) as $a ) {
			if ( Attempt::PAID === $a->state && $a->pay_order_id === $pay_order_id ) {
				return $a->amount;
			}
		}
		return Amount::to_minor( $order->get_total(), $currency );
	}
}
