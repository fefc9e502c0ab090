<?php
/**
 * The General Order API (v1) for WeChat Pay, Alipay and UnionPay: create_order
 * (payForSubmit inside WeChat), query_order, refund_order and Query Refund.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

use IotPay\RefundResult;
use IotPay\WooCommerce\Api\Call;
use IotPay\WooCommerce\Api\ClientFactory;
use IotPay\WooCommerce\Refund\Refund;
use IotPay\WooCommerce\Refund\RefundAnswer;
use IotPay\WooCommerce\Rest\Routes;

final class WalletProtocol implements Protocol {

	public function family(): string {
		return self::V1;
	}

	public function provider(): string {
		return self::PROVIDER_IOTPAY;
	}

	/** IOTPay has no way to close an order early: it expires by itself; reconciliation follows it meanwhile. */
	public function abandon( Attempt $attempt ): ?bool {
		return null;
	}

	public function create( \WC_Order $order, Attempt $attempt, array $options ): Created {
		$request = $this->request( $order, $attempt );
		$client  = ClientFactory::client();
		if ( 'WX_JSAPI' === $attempt->channel ) {
			$r = Call::run( 'payForSubmit', array( 'order' => $order->get_id(), 'mchOrderNo' => $attempt->mch_order_no ), static fn () => $client->payForSubmit( $request ) );
			return new Created( array( 'redirectUrl' => (string) $r->getUrl() ), $r->getPayOrderId() );
		}
		$r = Call::run( 'create_order', array( 'order' => $order->get_id(), 'mchOrderNo' => $attempt->mch_order_no, 'channel' => $attempt->channel ), static fn () => $client->createOrder( $request ) );
		return new Created(
			array(
				'codeUrl'     => (string) $r->getCodeUrl(),
				'qrCode'      => (string) $r->getQrCode(),
				'redirectUrl' => (string) $r->getRedirectUrl(),
			),
			$r->getPayOrderId()
		);
	}

	public function query( Attempt $attempt ): News {
		$client = ClientFactory::client_for( $attempt->merchant() );
		return News::of( Call::run( 'query_order', array( 'order' => $attempt->order_id, 'mchOrderNo' => $attempt->mch_order_no ), static fn () => $client->queryOrderByMchOrderNo( $attempt->mch_order_no ) ) );
	}

	public function send_refund( Refund $r ): RefundAnswer {
		$client = ClientFactory::client_for( $r->merchant() );
		$res    = Call::run(
			'refund_order',
			array( 'order' => $r->order_id, 'mchRefundNo' => $r->mch_refund_no ),
			static fn () => $client->refundOrder(
				array(
					'mchRefundNo'  => $r->mch_refund_no,
					'refundAmount' => $r->amount,
					'payOrderId'   => $r->pay_order_id,
					'clientIp'     => OrderText::server_ip(),
					'currency'     => $r->currency,
				)
			)
		);
		return self::answer( $res, RefundAnswer::ACCEPTED );
	}

	public function ask_refund( Refund $r ): RefundAnswer {
		$client = ClientFactory::client_for( $r->merchant() );
		$res    = Call::run(
			'query_refund',
			array( 'order' => $r->order_id, 'mchRefundNo' => $r->mch_refund_no ),
			static fn () => $client->queryRefundByMchRefundNo( $r->mch_refund_no )
		);
		if ( (string) $res->getPayOrderId() !== $r->pay_order_id ) {
			// A refund of another payment under this number (another shop on the
			// same account, D15): it says nothing about ours, whatever its status.
			return new RefundAnswer( RefundAnswer::UNKNOWN, 'not the refund of this payment' );
		}
		// A query answer without a status tells nothing.
		return self::answer( $res, RefundAnswer::UNKNOWN );
	}

	private static function answer( RefundResult $res, string $without_status ): RefundAnswer {
		$id = (string) $res->getRefundOrderId();
		$id = '' === $id ? null : $id;
		if ( $res->isSuccess() ) {
			return new RefundAnswer( RefundAnswer::DONE, '', $id );
		}
		if ( $res->isFailed() ) {
			return new RefundAnswer( RefundAnswer::FAILED, __( 'IOTPay reports the refund as failed.', 'iotpay-for-woocommerce' ), $id );
		}
		if ( in_array( $res->getStatus(), array( RefundResult::CREATED, RefundResult::REFUNDING ), true ) ) {
			return new RefundAnswer( RefundAnswer::PENDING, '', $id );
		}
		return new RefundAnswer( $without_status, '', $id );
	}

	/** @return array<string, mixed> */
	private function request( \WC_Order $order, Attempt $attempt ): array {
		$subject = OrderText::subject( $order );
		$r       = array(
			'mchOrderNo' => $attempt->mch_order_no,
			'channelId'  => $attempt->channel,
			'currency'   => $attempt->currency,
			'amount'     => $attempt->amount,
			'clientIp'   => OrderText::client_ip( $order ),
			'device'     => 'WEB',
			'notifyUrl'  => Routes::notify_url(),
			'subject'    => $subject,
			'body'       => OrderText::cut( $subject, 255 ),
		);
		switch ( $attempt->channel ) {
			case 'WX_NATIVE':
				$r['extra'] = array( 'productId' => (string) $order->get_id() );
				break;
			case 'ALIPAY_PC':
			case 'UPI_SEQ':
			case 'WX_JSAPI':
				$r['returnUrl'] = $order->get_checkout_order_received_url();
				break;
			case 'ALIPAY_WAP':
				$r['returnUrl'] = $order->get_checkout_order_received_url();
				$r['osType']    = preg_match( '/iPhone|iPad|iPod/i', (string) ( $_SERVER['HTTP_USER_AGENT'] ?? '' ) ) ? 'IOS' : 'ANDROID';
				break;
		}
		return $r;
	}
}
