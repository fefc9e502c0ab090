<?php
/**
 * A paid card order cancelled before its payment settled: the payment is
 * voided (cc_void), so the customer's card shows nothing (SPEC-DECISIONS D31).
 * Through WooCommerce's own refund (wc_create_refund with refund_payment) and
 * so through the one refund path (process_refund → RefundService, which picks
 * the void, falls back to a refund when IOTPay refuses it, and follows an
 * unanswered one in the background). The order stays "cancelled". A payment
 * that is settled, partly refunded or not the card gateway's is not touched:
 * the note says to refund it from the order if the customer is owed it.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Refund;

use IotPay\WooCommerce\Gateway\CardGateway;
use IotPay\WooCommerce\Gateway\UnionPayCardGateway;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\Amount;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Payment\OrderReader;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Reconcile\Reconciler;

final class CardVoid {

	/**
	 * `woocommerce_order_status_cancelled`.
	 *
	 * @param int            $order_id Order ID.
	 * @param \WC_Order|null $order    The order.
	 */
	public static function on_cancelled( $order_id, $order = null ): void {
		$order = wc_get_order( (int) $order_id );
		if ( ! $order instanceof \WC_Order || ! in_array( $order->get_payment_method(), array( CardGateway::ID, UnionPayCardGateway::ID ), true ) ) {
			return;
		}
		if ( '' === (string) $order->get_meta( Completion::META_PAID_ATTEMPT ) || '' === (string) $order->get_meta( Completion::META_PAY_ORDER_ID ) ) {
			return; // Never paid through IOTPay: nothing to give back.
		}
		if ( ! Plugin::extension_loaded() ) {
			// IOTPay cannot be called now: say so, flag the order, and void it
			// from the background once the extension is back (void_later()).
			$order->update_meta_data( Completion::META_ATTENTION, 'void_pending' );
			$order->save();
			$order->add_order_note( __( 'IOTPay: this paid card order was cancelled, but its payment cannot be voided now because the iotpay PHP extension is not loaded on this server. It will be voided automatically once the extension is back; until then the customer has not been given the money back.', 'iotpay-for-woocommerce' ) );
			Reconciler::schedule_void( $order->get_id(), true );
			return;
		}
		self::void( $order );
	}

	/**
	 * `Reconciler::HOOK_VOID_ORDER`: the void of an order cancelled while the
	 * extension was missing. Still cancelled and still not given back: the
	 * same rule and the same refund path as at cancellation.
	 *
	 * @param int $order_id Order ID.
	 */
	public static function void_later( $order_id ): void {
		if ( ! Plugin::extension_loaded() ) {
			Reconciler::schedule_void( (int) $order_id, true );
			return;
		}
		$order = OrderReader::fresh_order( (int) $order_id );
		if ( ! $order instanceof \WC_Order || 'cancelled' !== $order->get_status() ) {
			return;
		}
		if ( 'void_pending' === (string) $order->get_meta( Completion::META_ATTENTION ) ) {
			$order->delete_meta_data( Completion::META_ATTENTION );
			$order->save();
		}
		self::void( $order );
	}

	private static function void( \WC_Order $order ): void {
		$remaining = (string) $order->get_remaining_refund_amount();
		try {
			$minor = Amount::to_minor( $remaining, $order->get_currency() );
			$paid  = RefundService::paid_minor( $order );
		} catch ( \Throwable $e ) {
			return;
		}
		if ( $minor <= 0 ) {
			return;
		}
		if ( $minor !== $paid || ! RefundService::void_applies( $order, $minor, $paid ) ) {
			$order->add_order_note( __( 'IOTPay: this order was cancelled after its card payment settled (or after a partial refund), so the payment was not voided. Refund it from this order if the customer should get the money back.', 'iotpay-for-woocommerce' ) );
			return;
		}
		$keep_cancelled = static fn () => false;
		add_filter( 'woocommerce_order_fully_refunded_status', $keep_cancelled );
		try {
			$refund = wc_create_refund(
				array(
					'order_id'       => $order->get_id(),
					'amount'         => $remaining,
					'reason'         => __( 'Order cancelled: card payment voided', 'iotpay-for-woocommerce' ),
					'refund_payment' => true,
				)
			);
		} finally {
			remove_filter( 'woocommerce_order_fully_refunded_status', $keep_cancelled );
		}
		if ( is_wp_error( $refund ) ) {
			$fresh = wc_get_order( $order->get_id() );
			if ( $fresh instanceof \WC_Order ) {
				$fresh->add_order_note(
					/* translators: %s: the error */
					sprintf( __( 'IOTPay: the card payment of this cancelled order was not given back yet: %s', 'iotpay-for-woocommerce' ), $refund->get_error_message() )
				);
			}
			Logger::warning( 'void on cancellation not done', array( 'order' => $order->get_id(), 'error' => $refund->get_error_message() ) );
		}
	}
}
