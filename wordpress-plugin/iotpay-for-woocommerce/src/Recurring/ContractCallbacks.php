<?php
/**
 * IOTPay's contract status callbacks (spec §13.4), verified by the extension
 * (ContractNotification) and decided by it (ContractDecision) against the
 * shop's record — read from the database under the lock of the order that
 * holds it, so a callback repeated or raced by another is applied once:
 * signed → the subscriptions of that order renew on the contract;
 * terminated → final, their payment method needs an update and the customer
 * is told. Answered `success` only after the record is saved.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Recurring;

use IotPay\Autodebit\ContractDecision;
use IotPay\Autodebit\ContractNotification;
use IotPay\WooCommerce\Api\ClientFactory;
use IotPay\WooCommerce\Gateway\WeChatGateway;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\OrderLock;
use IotPay\WooCommerce\Payment\OrderReader;

final class ContractCallbacks {

	/**
	 * Applies a verified callback. Returns [acknowledge, outcome]; the outcome
	 * is a ContractDecision outcome, `busy` (the order's lock not had: IOTPay
	 * sends it again) or `not_ours`.
	 *
	 * @return array{0: bool, 1: string}
	 */
	public static function apply( ContractNotification $n ): array {
		$order_id = Contracts::order_id_of( $n->getMchContractId() );
		if ( $order_id <= 0 ) {
			return array( false, ContractDecision::NOT_OURS );
		}
		$result = OrderLock::with( $order_id, static fn (): array => self::apply_locked( $order_id, $n ) );
		return $result ?? array( false, 'busy' );
	}

	/** @return array{0: bool, 1: string} */
	private static function apply_locked( int $order_id, ContractNotification $n ): array {
		$order  = OrderReader::fresh_order( $order_id );
		$record = $order instanceof \WC_Order ? Contracts::record( $order ) : null;
		if ( ! $order instanceof \WC_Order || null === $record || ! hash_equals( $record['id'], $n->getMchContractId() ) ) {
			return array( false, ContractDecision::NOT_OURS );
		}
		$expected = array(
			'mchContractId'    => $record['id'],
			'iotpayContractId' => '' !== $record['iotpay_id'] ? $record['iotpay_id'] : null,
			'mchId'            => ClientFactory::config()->getMchId(),
			'status'           => in_array( $record['status'], array( Contracts::PENDING, Contracts::SIGNED, Contracts::TERMINATED ), true ) ? $record['status'] : null,
		);
		$decision = ContractDecision::decide( $expected, $n );
		$outcome  = $decision->getOutcome();
		$log      = array( 'order' => $order_id, 'mchContractId' => $record['id'], 'outcome' => $outcome );
		if ( $decision->needsAttention() ) {
			Logger::error( 'WeChat auto-debit contract callback needs attention', $log + array( 'reason' => $decision->getReason() ) );
		}
		if ( ContractDecision::ACTIVATE === $outcome ) {
			$record['status'] = Contracts::SIGNED;
			if ( '' === $record['iotpay_id'] ) {
				$record['iotpay_id'] = $n->getIotpayContractId();
			}
			Contracts::save( $order, $record );
			$order->add_order_note(
				sprintf(
					/* translators: %s: the contract number (mchContractId) */
					__( 'IOTPay: the customer signed the WeChat auto-debit contract %s; renewals are debited on it.', 'iotpay-for-woocommerce' ),
					$record['id']
				)
			);
			foreach ( self::subscriptions( $order ) as $subscription ) {
				if ( WeChatGateway::ID === $subscription->get_payment_method() ) {
					$subscription->delete_meta_data( ContractRenewals::META_NEEDS_UPDATE );
					$subscription->save();
					Renewals::set_credential( $subscription, $record['id'], Renewals::method_for( WeChatGateway::ID ) );
				}
			}
			Logger::info( 'WeChat auto-debit contract signed', $log );
		} elseif ( $decision->shouldTerminate() ) {
			$record['status'] = Contracts::TERMINATED;
			Contracts::save( $order, $record );
			$order->add_order_note(
				sprintf(
					/* translators: %s: the contract number (mchContractId) */
					__( 'IOTPay: the WeChat auto-debit contract %s was terminated; it is never debited again.', 'iotpay-for-woocommerce' ),
					$record['id']
				)
			);
			foreach ( self::subscriptions( $order ) as $subscription ) {
				if ( (string) $subscription->get_meta( ContractRenewals::META ) !== $record['id'] ) {
					continue; // Renewed on another credential since.
				}
				$subscription->update_meta_data( ContractRenewals::META_NEEDS_UPDATE, (string) time() );
				$subscription->save();
				$subscription->add_order_note( __( 'IOTPay: the customer terminated the WeChat auto-debit contract of this subscription. Its renewals cannot be debited until the customer updates the payment method.', 'iotpay-for-woocommerce' ) );
				// A customer note: WooCommerce emails it to the customer.
				$subscription->add_order_note( __( 'Your WeChat auto-debit agreement for this subscription has ended, so we cannot take its next payments automatically. Please update the payment method of your subscription in your account (or pay the next renewal when you receive it).', 'iotpay-for-woocommerce' ), 1 );
			}
			Logger::warning( 'WeChat auto-debit contract terminated', $log );
		}
		return array( $decision->shouldAcknowledge(), $outcome );
	}

	/**
	 * The subscriptions a contract was signed for: those of the sign-up or
	 * renewal order, or the subscription itself (a change of payment method).
	 *
	 * @return list<\WC_Order>
	 */
	private static function subscriptions( \WC_Order $order ): array {
		if ( Subscriptions::is_subscription( $order ) ) {
			return array( $order );
		}
		$out = array();
		foreach ( Subscriptions::for_order( $order ) as $s ) {
			$out[] = OrderReader::fresh_order( $s->get_id() ) ?? $s;
		}
		return $out;
	}
}
