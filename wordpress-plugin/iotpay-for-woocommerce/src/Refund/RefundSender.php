<?php
/**
 * The two IOTPay calls of a refund — send (refund_order) and ask
 * (query_refund) — with every exception turned into a RefundAnswer.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Refund;

use IotPay\Exception\GatewayException;
use IotPay\Exception\IotPayException;
use IotPay\Exception\ProtocolException;
use IotPay\Exception\TransportException;
use IotPay\Exception\ValidationException;
use IotPay\RefundResult;
use IotPay\WooCommerce\Api\Call;
use IotPay\WooCommerce\Api\ClientFactory;

final class RefundSender {

	/** HTTP statuses that mean "this server has no such endpoint", not "try again". */
	private const NO_ENDPOINT = array( 404, 405, 410, 501 );

	public static function send( Refund $r ): RefundAnswer {
		Refunds::mark_sent( $r->id );
		try {
			$res = Call::run(
				'refund_order',
				array( 'order' => $r->order_id, 'mchRefundNo' => $r->mch_refund_no ),
				static fn () => ClientFactory::client()->refundOrder(
					array(
						'mchRefundNo'  => $r->mch_refund_no,
						'refundAmount' => $r->amount,
						'payOrderId'   => $r->pay_order_id,
						'clientIp'     => self::server_ip(),
						'currency'     => $r->currency,
					)
				)
			);
		} catch ( GatewayException $e ) {
			if ( $e->shouldQueryFirst() ) {
				return new RefundAnswer( RefundAnswer::UNKNOWN, $e->getProviderCode() . ' ' . $e->getProviderMessage() );
			}
			return new RefundAnswer( RefundAnswer::FAILED, trim( $e->getProviderCode() . ' ' . $e->getProviderMessage() ) );
		} catch ( ValidationException $e ) {
			// Refused before anything was sent.
			return new RefundAnswer( RefundAnswer::FAILED, $e->getMessage() );
		} catch ( IotPayException $e ) {
			return new RefundAnswer( RefundAnswer::UNKNOWN, $e->getMessage() );
		}
		return self::from_result( $res, RefundAnswer::ACCEPTED );
	}

	public static function ask( Refund $r ): RefundAnswer {
		try {
			$res = Call::run(
				'query_refund',
				array( 'order' => $r->order_id, 'mchRefundNo' => $r->mch_refund_no ),
				static fn () => ClientFactory::client()->queryRefundByMchRefundNo( $r->mch_refund_no )
			);
		} catch ( GatewayException $e ) {
			if ( '0112' === $e->getProviderCode() ) {
				return new RefundAnswer( RefundAnswer::NOT_FOUND, $e->getProviderMessage() );
			}
			return new RefundAnswer( RefundAnswer::UNKNOWN, $e->getProviderCode() . ' ' . $e->getProviderMessage() );
		} catch ( ProtocolException | TransportException $e ) {
			// An HTTP status that means "no such endpoint here" (SPEC-DECISIONS D8).
			if ( in_array( $e->getHttpStatus(), self::NO_ENDPOINT, true ) ) {
				return new RefundAnswer( RefundAnswer::UNAVAILABLE, $e->getMessage() );
			}
			return new RefundAnswer( RefundAnswer::UNKNOWN, $e->getMessage() );
		} catch ( IotPayException $e ) {
			return new RefundAnswer( RefundAnswer::UNKNOWN, $e->getMessage() );
		}
		// A query answer without a status tells nothing.
		return self::from_result( $res, RefundAnswer::UNKNOWN );
	}

	private static function from_result( RefundResult $res, string $without_status ): RefundAnswer {
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

	/** The shop's own address (IOTPay wants a clientIp on refunds; the extension makes any address fit). */
	private static function server_ip(): string {
		$ip = (string) ( $_SERVER['SERVER_ADDR'] ?? '' );
		return filter_var( $ip, FILTER_VALIDATE_IP ) ? $ip : '127.0.0.1';
	}
}
