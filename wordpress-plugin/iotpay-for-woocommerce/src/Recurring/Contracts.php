<?php
/**
 * WeChat auto-debit contracts (IOTPay Autodebit, spec §13) as the shop
 * records them. A contract is signed for one order — a subscription's
 * sign-up (or a renewal the customer pays), or the subscription itself when
 * the customer changes its payment method — and its record lives on that
 * order (`_iotpay_contract`): mchContractId, IOTPay's id, the status the
 * contract callbacks brought (1 pending, 2 signed, 9 terminated), where the
 * customer signs, channel and currency. The mchContractId names the order
 * (`{prefix}-ad-{order id}-{random}`), so a callback finds its record without
 * a search; the subscriptions renewed on it hold the mchContractId as their
 * credential (ContractRenewals::META).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Recurring;

use IotPay\Exception\IotPayException;
use IotPay\WooCommerce\Api\Call;
use IotPay\WooCommerce\Api\ClientFactory;
use IotPay\WooCommerce\Checkout\CustomerMessages;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\OrderLock;
use IotPay\WooCommerce\Payment\OrderReader;
use IotPay\WooCommerce\Payment\OrderText;
use IotPay\WooCommerce\Payment\PaymentError;
use IotPay\WooCommerce\Rest\Routes;
use IotPay\WooCommerce\Settings\SharedSettings;

final class Contracts {

	public const META = '_iotpay_contract';

	/** The one signing channel (D70): the contract is always signed inside WeChat. */
	public const CHANNEL = 'WX_JSAPI';

	public const PENDING    = 1;
	public const SIGNED     = 2;
	public const TERMINATED = 9;

	/** A new mchContractId for an order: letters, digits and '-' only (D51), the order id readable back. */
	public static function new_id( int $order_id ): string {
		return SharedSettings::instance()->order_prefix() . '-ad-' . $order_id . '-' . bin2hex( random_bytes( 6 ) );
	}

	/** The order whose record a mchContractId names (0 when it is not one of ours). */
	public static function order_id_of( string $mch_contract_id ): int {
		return 1 === preg_match( '/-ad-(\d{1,18})-[0-9a-f]{12}$/', $mch_contract_id, $m ) ? (int) $m[1] : 0;
	}

	/**
	 * An order's contract record.
	 *
	 * @return array{id: string, iotpay_id: string, status: int, sign_url: string, channel: string, currency: string}|null
	 */
	public static function record( \WC_Order $order ): ?array {
		$r = $order->get_meta( self::META );
		if ( ! is_array( $r ) || empty( $r['id'] ) ) {
			return null;
		}
		return array(
			'id'        => (string) $r['id'],
			'iotpay_id' => (string) ( $r['iotpay_id'] ?? '' ),
			'status'    => (int) ( $r['status'] ?? self::PENDING ),
			'sign_url'  => (string) ( $r['sign_url'] ?? '' ),
			'channel'   => (string) ( $r['channel'] ?? self::CHANNEL ),
			'currency'  => (string) ( $r['currency'] ?? '' ),
		);
	}

	/**
	 * The record of a contract by its mchContractId, read past the caches, with
	 * the order holding it; null when no order of ours recorded this id.
	 *
	 * @return array{0: \WC_Order, 1: array{id: string, iotpay_id: string, status: int, sign_url: string, channel: string, currency: string}}|null
	 */
	public static function find( string $mch_contract_id ): ?array {
		$order_id = self::order_id_of( $mch_contract_id );
		$order    = $order_id > 0 ? OrderReader::fresh_order( $order_id ) : null;
		$record   = $order instanceof \WC_Order ? self::record( $order ) : null;
		if ( null === $record || ! hash_equals( $record['id'], $mch_contract_id ) ) {
			return null;
		}
		return array( $order, $record );
	}

	/** @param array<string, mixed> $record */
	public static function save( \WC_Order $order, array $record ): void {
		$order->update_meta_data( self::META, $record );
		$order->save();
	}

	/**
	 * Signs a contract for the order (the sign-up, a renewal paid by the
	 * customer, or a subscription whose payment method the customer changes)
	 * and records it as pending. A pending contract of the order in the same
	 * currency with somewhere to sign is reused (a reloaded checkout signs
	 * nothing new). Nothing is debited here.
	 *
	 * @return array{id: string, iotpay_id: string, status: int, sign_url: string, channel: string, currency: string}
	 * @throws PaymentError With a message for the customer.
	 */
	public static function sign( \WC_Order $order ): array {
		$result = OrderLock::with(
			$order->get_id(),
			static function () use ( $order ): array {
				$fresh  = OrderReader::fresh_order( $order->get_id() ) ?? $order;
				$record = self::record( $fresh );
				if ( null !== $record && self::PENDING === $record['status'] && '' !== $record['sign_url'] && $record['currency'] === $fresh->get_currency() ) {
					return $record;
				}
				return self::sign_locked( $fresh );
			},
			15
		);
		if ( null === $result ) {
			throw new PaymentError( __( 'This order is being updated. Please try again in a moment.', 'iotpay-for-woocommerce' ) );
		}
		return $result;
	}

	/**
	 * @return array{id: string, iotpay_id: string, status: int, sign_url: string, channel: string, currency: string}
	 * @throws PaymentError
	 */
	private static function sign_locked( \WC_Order $order ): array {
		$id      = self::new_id( $order->get_id() );
		$request = array(
			'mchContractId' => $id,
			'channelId'     => self::CHANNEL,
			'currency'      => $order->get_currency(),
			'payerName'     => self::payer_name( $order ),
			'notifyUrl'     => Routes::contract_notify_url(),
			'clientIp'      => OrderText::client_ip( $order ),
		);
		$log = array( 'order' => $order->get_id(), 'mchContractId' => $id );
		try {
			$client   = ClientFactory::client();
			$contract = Call::run( 'contract', $log, static fn () => $client->signContract( $request ) );
		} catch ( IotPayException $e ) {
			// A contract id is used once (§13): a lost answer leaves a pending contract nobody signs, which costs nothing.
			Logger::error( 'WeChat auto-debit contract not started', $log + array( 'error' => $e->getMessage() ) );
			throw new PaymentError( CustomerMessages::for_start_failure( $e, __( 'WeChat auto-debit', 'iotpay-for-woocommerce' ) ) );
		}
		$record = array(
			'id'        => $id,
			'iotpay_id' => (string) $contract->getIotpayContractId(),
			'status'    => self::PENDING,
			'sign_url'  => (string) $contract->getSignUrl(),
			'channel'   => self::CHANNEL,
			'currency'  => $order->get_currency(),
		);
		if ( '' === $record['sign_url'] ) {
			Logger::error( 'WeChat auto-debit contract without a signing URL', $log );
			throw new PaymentError( CustomerMessages::not_started( __( 'WeChat auto-debit', 'iotpay-for-woocommerce' ) ) );
		}
		self::save( $order, $record );
		$order->add_order_note(
			sprintf(
				/* translators: %s: the contract number (mchContractId) */
				__( 'IOTPay: WeChat auto-debit contract %s created; waiting for the customer to sign it in WeChat.', 'iotpay-for-woocommerce' ),
				$id
			)
		);
		Logger::info( 'WeChat auto-debit contract created', $log );
		return $record;
	}

	/** §13.1: at most 32 bytes, nothing beyond 3 bytes in UTF-8 (D51). */
	private static function payer_name( \WC_Order $order ): string {
		$name = trim( $order->get_billing_first_name() . ' ' . $order->get_billing_last_name() );
		$name = (string) preg_replace( '/[\x{10000}-\x{10FFFF}]/u', '', $name );
		$name = OrderText::cut( trim( $name ), 32 );
		/* translators: %d: customer or order number */
		return '' !== $name ? $name : sprintf( __( 'Customer %d', 'iotpay-for-woocommerce' ), $order->get_customer_id() ?: $order->get_id() );
	}
}
