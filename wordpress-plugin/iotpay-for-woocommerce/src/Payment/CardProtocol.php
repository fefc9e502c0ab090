<?php
/**
 * The Credit Card API V3 (spec §15): cc_purchase (IOTPay's hosted card page,
 * or its embedded form with the secureId), cc_purchasewithtoken (a stored
 * card, answered at once), cc_query, cc_refund and cc_void. CAD only; the
 * merchant number, login name and key are the shared IOTPay account's.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

use IotPay\CardOrder;
use IotPay\WooCommerce\Api\Call;
use IotPay\WooCommerce\Api\ClientFactory;
use IotPay\WooCommerce\Refund\Refund;
use IotPay\WooCommerce\Refund\RefundAnswer;
use IotPay\WooCommerce\Rest\Routes;

final class CardProtocol implements Protocol {

	/** The card channel: IOTPay's card processing (§3.3). */
	public const CHANNEL = 'PF_CC';

	/** UnionPay ExpressPay, UnionPay cards only (§3.3, §15.14): Gateway\UnionPayCardGateway. */
	public const CHANNEL_UPI = 'UPI_EX';

	public function family(): string {
		return self::V3;
	}

	public function provider(): string {
		return self::PROVIDER_IOTPAY;
	}

	/** IOTPay has no way to close an order early: it expires by itself; reconciliation follows it meanwhile. */
	public function abandon( Attempt $attempt ): ?bool {
		return null;
	}

	/**
	 * A hosted / embedded purchase, or — with `card_id` — a charge of the
	 * customer's stored card (answered at once: Created::$result).
	 */
	public function create( \WC_Order $order, Attempt $attempt, array $options ): Created {
		$client  = ClientFactory::client();
		$context = array( 'order' => $order->get_id(), 'mchOrderNo' => $attempt->mch_order_no );
		$request = array(
			'mchOrderNo' => $attempt->mch_order_no,
			'amount'     => $attempt->amount,
			'currency'   => $attempt->currency,
			'subject'    => OrderText::subject( $order ),
			'body'       => OrderText::cut( OrderText::subject( $order ), 250 ),
			'notifyUrl'  => Routes::card_notify_url(),
		);
		if ( $order->get_customer_id() > 0 ) {
			$request['mchUserId'] = (string) $order->get_customer_id();
		}
		$card_id = (string) ( $options['card_id'] ?? '' );
		if ( '' !== $card_id ) {
			$request['cardId']   = $card_id;
			$request['clientIp'] = OrderText::client_ip( $order );
			$result              = Call::run( 'cc_purchasewithtoken', $context, static fn () => $client->ccPurchaseWithToken( $request ) );
			return new Created( array( 'cardId' => $card_id ), $result->getPayOrderId(), $result );
		}
		$request['channel']   = $attempt->channel;
		$request['returnUrl'] = $order->get_checkout_order_received_url();
		$session              = Call::run( 'cc_purchase', $context, static fn () => $client->ccPurchase( $request ) );
		return new Created(
			array(
				'redirectUrl' => $session->getRedirectUrl(),
				'secureId'    => (string) $session->getSecureId(),
			),
			$session->getPayOrderId()
		);
	}

	public function query( Attempt $attempt ): News {
		$client = ClientFactory::client_for( $attempt->merchant() );
		return News::of( Call::run( 'cc_query', array( 'order' => $attempt->order_id, 'mchOrderNo' => $attempt->mch_order_no ), static fn () => $client->ccQueryByMchOrderNo( $attempt->mch_order_no ) ) );
	}

	/** cc_void or cc_refund, as the row says (SPEC-DECISIONS D31). */
	public function send_refund( Refund $r ): RefundAnswer {
		$client  = ClientFactory::client_for( $r->merchant() );
		$context = array( 'order' => $r->order_id, 'mchRefundNo' => $r->mch_refund_no );
		if ( Refund::VOID === $r->method ) {
			$record = Call::run(
				'cc_void',
				$context,
				static fn () => $client->ccVoid(
					array(
						'mchRefundNo' => $r->mch_refund_no,
						'payOrderId'  => $r->pay_order_id,
						'notifyUrl'   => Routes::card_notify_url(),
					)
				)
			);
		} else {
			$record = Call::run(
				'cc_refund',
				$context,
				static fn () => $client->ccRefund(
					array(
						'mchRefundNo'  => $r->mch_refund_no,
						'payOrderId'   => $r->pay_order_id,
						'refundAmount' => $r->amount,
						'notifyUrl'    => Routes::card_notify_url(),
					)
				)
			);
		}
		return self::answer( $record, $r, RefundAnswer::ACCEPTED );
	}

	/** A refund's or void's record is found by its own number (D28). */
	public function ask_refund( Refund $r ): RefundAnswer {
		$client = ClientFactory::client_for( $r->merchant() );
		$record = Call::run( 'cc_query', array( 'order' => $r->order_id, 'mchRefundNo' => $r->mch_refund_no ), static fn () => $client->ccQueryByMchOrderNo( $r->mch_refund_no ) );
		return self::answer( $record, $r, RefundAnswer::UNKNOWN );
	}

	/** What a refund or void record (an answer or a notification) says about a refund row. */
	public static function answer( CardOrder|\IotPay\CardNotification $record, Refund $r, string $without_status ): RefundAnswer {
		if ( ! $record->isRefundRecord() || $record->getOriginalOrderId() !== $r->pay_order_id ) {
			// Not the record of this refund: it says nothing about it.
			return new RefundAnswer( RefundAnswer::UNKNOWN, 'not the record of this refund' );
		}
		$id = $record->getPayOrderId();
		if ( $record->isSuccess() ) {
			return new RefundAnswer( RefundAnswer::DONE, '', $id );
		}
		if ( $record->isFailed() ) {
			return new RefundAnswer(
				RefundAnswer::FAILED,
				Refund::VOID === $r->method ? __( 'IOTPay reports the void as failed.', 'iotpay-for-woocommerce' ) : __( 'IOTPay reports the refund as failed.', 'iotpay-for-woocommerce' ),
				$id
			);
		}
		if ( CardOrder::NOT_STATED === $record->getStatus() ) {
			return new RefundAnswer( $without_status, '', $id );
		}
		return new RefundAnswer( RefundAnswer::PENDING, '', $id );
	}
}
