<?php
/**
 * SUNBAY Nexus's online checkout (sunbay.md §8.1; SPEC-DECISIONS D39–D47):
 * one hosted-payment-page session per attempt (create-session; the
 * attempt's number is the session's transactionRequestId), the transaction
 * query by that number, expire-session when an attempt is given up, and
 * refunds (checkout/refund, one transactionRequestId per refund row, asked
 * about by the same query). The rest — rows, lock, completion, refund state
 * machine — is the plugin's one machinery.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

use IotPay\WooCommerce\Api\Call;
use IotPay\WooCommerce\Api\ClientFactory;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Refund\Refund;
use IotPay\WooCommerce\Refund\RefundAnswer;
use IotPay\WooCommerce\Rest\Routes;
use IotPay\WooCommerce\Settings\SharedSettings;

final class SunbayProtocol implements Protocol {

	/** The "channel" of a SUNBAY attempt: SUNBAY's hosted payment page (methods as enabled in SUNBAY's portal). */
	public const CHANNEL = 'HPP';

	/** Shortest and longest referenceOrderId SUNBAY accepts (§5). */
	private const REFERENCE_MIN = 6;
	private const REFERENCE_MAX = 32;

	/** description: SUNBAY names no limit for the hosted page; checkout/sale's 128 is kept. */
	private const DESCRIPTION_MAX = 128;

	public function family(): string {
		return self::SUNBAY;
	}

	public function provider(): string {
		return self::PROVIDER_SUNBAY;
	}

	public function create( \WC_Order $order, Attempt $attempt, array $options ): Created {
		// The current account: the attempt row was just recorded with it.
		$client  = ClientFactory::sunbay_client();
		$request = array(
			'transactionRequestId' => $attempt->mch_order_no,
			'referenceOrderId'     => self::reference( $order->get_id() ),
			'amount'               => $attempt->amount,
			'currency'             => $attempt->currency,
			'description'          => OrderText::cut( OrderText::subject( $order ), self::DESCRIPTION_MAX ),
			'notifyUrl'            => Routes::sunbay_notify_url(),
			'merchantReturnUrl'    => $order->get_checkout_order_received_url(),
		);
		$session = Call::run( 'create-session', array( 'order' => $order->get_id(), 'transactionRequestId' => $attempt->mch_order_no ), static fn () => $client->createSession( $request ), 'SUNBAY' );
		$data    = array(
			'redirectUrl' => $session->getCheckoutUrl(),
			'sessionId'   => $session->getSessionId(),
		);
		if ( null !== $session->getExpiresAtMs() ) {
			$data['expiresAtMs'] = (string) $session->getExpiresAtMs();
		}
		return new Created( $data, null );
	}

	/**
	 * The transaction of the attempt's session. Before the shopper submits
	 * SUNBAY's page there may be none: the query then says "does not exist",
	 * which is pending, never a failure (D45; Completion::check, NotFound).
	 */
	public function query( Attempt $attempt ): News {
		$client = ClientFactory::sunbay_client_for( $attempt->merchant() );
		return News::of( Call::run( 'transaction/query', array( 'order' => $attempt->order_id, 'transactionRequestId' => $attempt->mch_order_no ), static fn () => $client->queryByTransactionRequestId( $attempt->mch_order_no ), 'SUNBAY' ) );
	}

	/**
	 * expire-session (D45): answered without a transactionId, no payment can
	 * happen on the session any more; with one (the shopper submitted the
	 * page), a refusal (a paid session: C10 in the sandbox) or no answer,
	 * nothing is concluded and the attempt stays under reconciliation.
	 */
	public function abandon( Attempt $attempt ): ?bool {
		$session_id = (string) ( $attempt->pay_data['sessionId'] ?? '' );
		if ( '' === $session_id ) {
			return false; // The create's answer was lost: no session to close, only to ask about.
		}
		try {
			$client  = ClientFactory::sunbay_client_for( $attempt->merchant() );
			$expired = Call::run( 'expire-session', array( 'order' => $attempt->order_id, 'transactionRequestId' => $attempt->mch_order_no ), static fn () => $client->expireSession( $session_id, 'replaced or cancelled by the shop' ), 'SUNBAY' );
		} catch ( \IotPay\WooCommerce\Api\MerchantUnavailable $e ) {
			return false;
		} catch ( \IotPay\Exception\IotPayException $e ) {
			Logger::info( 'SUNBAY session not expired', array( 'order' => $attempt->order_id, 'transactionRequestId' => $attempt->mch_order_no, 'error' => $e->getMessage() ) );
			return false;
		}
		return null === $expired->getTransactionId() || '' === (string) $expired->getTransactionId();
	}

	/** checkout/refund with an explicit amount (D46) under the row's fixed number. */
	public function send_refund( Refund $r ): RefundAnswer {
		$client  = ClientFactory::sunbay_client_for( $r->merchant() );
		$request = array(
			'transactionRequestId'  => $r->mch_refund_no,
			'originalTransactionId' => $r->pay_order_id,
			'amount'                => $r->amount,
			'currency'              => $r->currency,
			'notifyUrl'             => Routes::sunbay_notify_url(),
		);
		if ( '' !== trim( $r->reason ) ) {
			$request['description'] = OrderText::cut( $r->reason, self::DESCRIPTION_MAX );
		}
		$tx = Call::run( 'checkout/refund', array( 'order' => $r->order_id, 'transactionRequestId' => $r->mch_refund_no ), static fn () => $client->refund( $request ), 'SUNBAY' );
		return self::answer( $tx, $r );
	}

	/** A refund is its own transaction, found by the refund row's transactionRequestId. */
	public function ask_refund( Refund $r ): RefundAnswer {
		$client = ClientFactory::sunbay_client_for( $r->merchant() );
		$tx     = Call::run( 'transaction/query', array( 'order' => $r->order_id, 'transactionRequestId' => $r->mch_refund_no ), static fn () => $client->queryByTransactionRequestId( $r->mch_refund_no ), 'SUNBAY' );
		return self::answer( $tx, $r );
	}

	/** What a SUNBAY transaction says about a refund row. */
	public static function answer( \IotPay\Sunbay\Transaction $tx, Refund $r ): RefundAnswer {
		$type     = strtoupper( (string) $tx->getType() );
		$original = (string) $tx->getOriginalTransactionId();
		if ( ( '' !== $type && 'REFUND' !== $type ) || ( '' !== $original && $original !== $r->pay_order_id ) ) {
			// Not the refund of this payment: it says nothing about the row.
			return new RefundAnswer( RefundAnswer::UNKNOWN, 'not the refund of this payment' );
		}
		$id = '' !== $tx->getTransactionId() ? $tx->getTransactionId() : null;
		switch ( $tx->getStatus() ) {
			case \IotPay\Sunbay\Transaction::SUCCESS:
				return new RefundAnswer( RefundAnswer::DONE, '', $id );
			case \IotPay\Sunbay\Transaction::FAIL:
			case \IotPay\Sunbay\Transaction::CLOSED:
				$why = trim( (string) $tx->getResultCode() . ' ' . (string) $tx->getResultMsg() );
				return new RefundAnswer( RefundAnswer::FAILED, '' !== $why ? $why : __( 'SUNBAY reports the refund as failed.', 'iotpay-for-woocommerce' ), $id );
			default:
				return new RefundAnswer( RefundAnswer::PENDING, '', $id );
		}
	}

	/**
	 * The order's referenceOrderId (§5: 6–32 of [A-Za-z0-9_-|*]): the shop's
	 * number prefix and the order id, zero-padded to six characters.
	 */
	public static function reference( int $order_id ): string {
		$prefix = SharedSettings::instance()->order_prefix();
		$id     = (string) $order_id;
		$ref    = $prefix . str_pad( $id, max( strlen( $id ), self::REFERENCE_MIN - strlen( $prefix ) ), '0', STR_PAD_LEFT );
		return strlen( $ref ) <= self::REFERENCE_MAX ? $ref : substr( $ref, -self::REFERENCE_MAX );
	}
}
