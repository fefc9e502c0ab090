<?php
/**
 * Refunds from the order screen. Each WooCommerce refund maps to one stable
 * IOTPay refund number, the refundable balance is checked first, a refusal is
 * a WP_Error with IOTPay's message, and a refund whose answer was lost is
 * queried — and adopted by the next attempt — instead of being paid twice.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Refund;

use IotPay\Exception\GatewayException;
use IotPay\Exception\IotPayException;
use IotPay\WooCommerce\Api\ClientFactory;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\Amount;
use IotPay\WooCommerce\Payment\AttemptNumber;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Payment\OrderLock;
use IotPay\WooCommerce\Payment\Schema;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Settings\SharedSettings;

final class RefundService {

	public const DONE    = 'done';
	public const UNKNOWN = 'unknown';
	public const FAILED  = 'failed';

	/**
	 * @param float|string|null $amount
	 * @return bool|\WP_Error
	 */
	public static function refund( int $order_id, $amount, string $reason ) {
		$d     = Plugin::TEXT_DOMAIN;
		$order = wc_get_order( $order_id );
		if ( ! $order instanceof \WC_Order ) {
			return new \WP_Error( 'iotpay_refund', __( 'Order not found.', $d ) );
		}
		$pay_order_id = (string) $order->get_meta( Completion::META_PAY_ORDER_ID );
		if ( '' === $pay_order_id ) {
			return new \WP_Error( 'iotpay_refund', __( 'This order has no IOTPay payment to refund.', $d ) );
		}
		$currency = $order->get_currency();
		try {
			$minor = Amount::to_minor( is_null( $amount ) ? (string) $order->get_total() : ( is_float( $amount ) ? $amount : (string) $amount ), $currency );
		} catch ( \Throwable $e ) {
			return new \WP_Error( 'iotpay_refund', __( 'The refund amount is not a valid amount in the order currency.', $d ) );
		}
		if ( $minor <= 0 ) {
			return new \WP_Error( 'iotpay_refund', __( 'The refund amount must be positive.', $d ) );
		}
		$result = OrderLock::with( $order_id, static fn () => self::refund_locked( $order, $pay_order_id, $minor, $currency, $reason ), 15 );
		return $result ?? new \WP_Error( 'iotpay_refund', __( 'The order is being updated; please try the refund again.', $d ) );
	}

	/** @return bool|\WP_Error */
	private static function refund_locked( \WC_Order $order, string $pay_order_id, int $minor, string $currency, string $reason ) {
		$d = Plugin::TEXT_DOMAIN;

		// A refund whose answer was lost earlier may have gone through: adopt
		// it for this request rather than refunding again.
		foreach ( self::rows( $order->get_id(), self::UNKNOWN ) as $row ) {
			$state = self::query_state( (string) $row->mch_refund_no );
			if ( self::DONE === $state && (int) $row->amount === $minor ) {
				self::set_state( (int) $row->id, self::DONE );
				$order->add_order_note(
					sprintf(
						/* translators: 1: amount, 2: currency, 3: refund number */
						__( 'IOTPay refund of %1$s %2$s (%3$s) confirmed after an earlier timeout; not sent again.', $d ),
						Amount::format( $minor, $currency ),
						$currency,
						(string) $row->mch_refund_no
					)
				);
				return true;
			}
			if ( null !== $state ) {
				self::set_state( (int) $row->id, $state );
			} elseif ( (int) $row->amount === $minor ) {
				return new \WP_Error( 'iotpay_refund', __( 'An earlier refund of this amount has an unknown outcome at IOTPay. Please try again in a few minutes.', $d ) );
			}
		}

		$paid     = Amount::to_minor( $order->get_total(), $currency );
		$refunded = self::refunded_minor( $order->get_id() );
		if ( $minor > $paid - $refunded ) {
			return new \WP_Error(
				'iotpay_refund',
				sprintf(
					/* translators: 1: refundable amount, 2: currency */
					__( 'At most %1$s %2$s can still be refunded through IOTPay.', $d ),
					Amount::format( max( 0, $paid - $refunded ), $currency ),
					$currency
				)
			);
		}

		$refund_no = self::refund_number( $order );
		global $wpdb;
		$now = gmdate( 'Y-m-d H:i:s' );
		$row = $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM ' . Schema::refunds_table() . ' WHERE mch_refund_no = %s', $refund_no ) );
		if ( $row && self::DONE === $row->state ) {
			return true; // The same WooCommerce refund processed twice.
		}
		if ( ! $row ) {
			$wpdb->insert(
				Schema::refunds_table(),
				array(
					'order_id'      => $order->get_id(),
					'mch_refund_no' => $refund_no,
					'pay_order_id'  => $pay_order_id,
					'amount'        => $minor,
					'currency'      => $currency,
					'state'         => self::UNKNOWN,
					'created_at'    => $now,
					'updated_at'    => $now,
				)
			);
			$row_id = (int) $wpdb->insert_id;
		} else {
			$row_id = (int) $row->id;
		}

		try {
			$r = ClientFactory::client()->refundOrder(
				array(
					'mchRefundNo'  => $refund_no,
					'refundAmount' => $minor,
					'payOrderId'   => $pay_order_id,
					'clientIp'     => self::server_ip(),
					'currency'     => $currency,
				)
			);
		} catch ( GatewayException $e ) {
			if ( $e->shouldQueryFirst() ) {
				return self::after_unknown( $order, $row_id, $refund_no );
			}
			self::set_state( $row_id, self::FAILED, $e->getProviderCode() . ' ' . $e->getProviderMessage() );
			$order->add_order_note(
				sprintf(
					/* translators: 1: amount, 2: currency, 3: IOTPay code, 4: IOTPay message */
					__( 'IOTPay refused the refund of %1$s %2$s: %3$s %4$s', $d ),
					Amount::format( $minor, $currency ),
					$currency,
					$e->getProviderCode(),
					$e->getProviderMessage()
				)
			);
			return new \WP_Error( 'iotpay_refund', sprintf( /* translators: %s: IOTPay message */ __( 'IOTPay refused the refund: %s', $d ), $e->getProviderMessage() ) );
		} catch ( IotPayException $e ) {
			if ( $e instanceof \IotPay\Exception\ValidationException ) {
				self::set_state( $row_id, self::FAILED, $e->getMessage() );
				return new \WP_Error( 'iotpay_refund', $e->getMessage() );
			}
			return self::after_unknown( $order, $row_id, $refund_no );
		}
		if ( $r->isFailed() ) {
			self::set_state( $row_id, self::FAILED, 'refund failed at IOTPay' );
			return new \WP_Error( 'iotpay_refund', __( 'IOTPay reports the refund as failed.', $d ) );
		}
		self::set_state( $row_id, $r->isSuccess() ? self::DONE : self::UNKNOWN, null, (string) $r->getRefundOrderId() );
		$order->add_order_note(
			sprintf(
				/* translators: 1: amount, 2: currency, 3: refund number, 4: IOTPay refund id, 5: status, 6: reason */
				__( 'IOTPay refund of %1$s %2$s sent (%3$s, IOTPay %4$s, %5$s). Reason: %6$s', $d ),
				Amount::format( $minor, $currency ),
				$currency,
				$refund_no,
				(string) $r->getRefundOrderId(),
				$r->getStatusName(),
				'' !== $reason ? $reason : '-'
			)
		);
		Logger::info( 'refund sent', array( 'order' => $order->get_id(), 'mchRefundNo' => $refund_no, 'status' => $r->getStatusName() ) );
		return true;
	}

	/** Query, then either confirm or report an unknown outcome (never a blind retry). @return bool|\WP_Error */
	private static function after_unknown( \WC_Order $order, int $row_id, string $refund_no ) {
		$state = self::query_state( $refund_no );
		if ( self::DONE === $state ) {
			self::set_state( $row_id, self::DONE );
			$order->add_order_note( sprintf( /* translators: %s: refund number */ __( 'IOTPay refund %s confirmed by query after a lost answer.', Plugin::TEXT_DOMAIN ), $refund_no ) );
			return true;
		}
		if ( self::FAILED === $state ) {
			self::set_state( $row_id, self::FAILED );
			return new \WP_Error( 'iotpay_refund', __( 'IOTPay did not process the refund. Please try again.', Plugin::TEXT_DOMAIN ) );
		}
		$order->add_order_note( sprintf( /* translators: %s: refund number */ __( 'IOTPay refund %s: no answer from IOTPay; it will be checked before any new refund.', Plugin::TEXT_DOMAIN ), $refund_no ) );
		return new \WP_Error( 'iotpay_refund', __( 'IOTPay did not answer. The refund may still go through; it will be checked before another refund is sent.', Plugin::TEXT_DOMAIN ) );
	}

	/** done, failed, or null when IOTPay's answer is unknown. */
	private static function query_state( string $refund_no ): ?string {
		try {
			$q = ClientFactory::client()->queryRefundByMchRefundNo( $refund_no );
			if ( $q->isSuccess() ) {
				return self::DONE;
			}
			return $q->isFailed() ? self::FAILED : null;
		} catch ( GatewayException $e ) {
			return '0112' === $e->getProviderCode() ? self::FAILED : null;
		} catch ( IotPayException $e ) {
			return null;
		}
	}

	/** The number of the WooCommerce refund being processed (WooCommerce saves it before calling the gateway). */
	private static function refund_number( \WC_Order $order ): string {
		$refunds   = $order->get_refunds();
		$refund_id = $refunds ? (int) $refunds[0]->get_id() : 0;
		if ( 0 === $refund_id ) {
			$refund_id = (int) ( microtime( true ) * 1000 ) % 1000000000;
		}
		return AttemptNumber::refund( SharedSettings::instance()->order_prefix(), $order->get_id(), $refund_id );
	}

	private static function refunded_minor( int $order_id ): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COALESCE(SUM(amount), 0) FROM ' . Schema::refunds_table() . ' WHERE order_id = %d AND state IN (%s, %s)', $order_id, self::DONE, self::UNKNOWN ) );
	}

	/** @return list<object> */
	private static function rows( int $order_id, string $state ): array {
		global $wpdb;
		return $wpdb->get_results( $wpdb->prepare( 'SELECT * FROM ' . Schema::refunds_table() . ' WHERE order_id = %d AND state = %s ORDER BY id', $order_id, $state ) ) ?: array();
	}

	private static function set_state( int $id, string $state, ?string $message = null, ?string $refund_order_id = null ): void {
		global $wpdb;
		$set = array( 'state' => $state, 'updated_at' => gmdate( 'Y-m-d H:i:s' ) );
		if ( null !== $message ) {
			$set['message'] = substr( $message, 0, 250 );
		}
		if ( null !== $refund_order_id && '' !== $refund_order_id ) {
			$set['refund_order_id'] = $refund_order_id;
		}
		$wpdb->update( Schema::refunds_table(), $set, array( 'id' => $id ) );
	}

	private static function server_ip(): string {
		$ip = (string) ( $_SERVER['SERVER_ADDR'] ?? '' );
		return filter_var( $ip, FILTER_VALIDATE_IP ) ? $ip : '127.0.0.1';
	}
}
