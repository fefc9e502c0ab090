<?php
/**
 * Starts (or resumes) a payment for an order, for every API family: reuse a
 * still-open attempt, otherwise create a new one with a fresh merchant order
 * number; the gateway's Protocol creates the IOTPay transaction. A create
 * whose answer is lost is queried before anything else is tried. A stored
 * card's charge is answered at once; that answer goes through the one
 * completion path (Completion::apply) like a notification.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

use IotPay\Exception\GatewayException;
use IotPay\Exception\IotPayException;
use IotPay\Exception\ValidationException;
use IotPay\WooCommerce\Checkout\CustomerMessages;
use IotPay\WooCommerce\Checkout\Device;
use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Reconcile\Reconciler;
use IotPay\WooCommerce\Refund\RefundResolver;
use IotPay\WooCommerce\Settings\SharedSettings;

final class Starter {

	public const META_CURRENT_ATTEMPT = '_iotpay_mch_order_no';

	/** A QR code (or a card page session) older than this is shown as expired and replaced on request. */
	public const QR_LIFETIME = 1800;

	/**
	 * Returns an attempt that can be paid now, creating one if needed.
	 *
	 * @param array<string, mixed> $options Passed to the Protocol; `card_id` (a stored card), `pay_data` (recorded before the call), `family` and `channel` (a charge of another API family than the gateway's checkout, e.g. a WeChat auto-debit contract's debit).
	 * @throws PaymentError With a message for the customer.
	 */
	public static function ensure_attempt( \WC_Order $order, AbstractGateway $gateway, Device $device, bool $force_new = false, array $options = array() ): Attempt {
		$currency = $order->get_currency();
		// A charge on a credential of another family than the gateway's checkout (a WeChat
		// auto-debit contract) names its channel; otherwise the device's channel.
		$channel = isset( $options['channel'] ) ? (string) $options['channel'] : $gateway->channel_for( $device, $currency );
		if ( null === $channel ) {
			throw new PaymentError( __( 'This payment method is not available for the order currency.', 'iotpay-for-woocommerce' ) );
		}
		try {
			$amount = Amount::to_minor( $order->get_total(), $currency );
		} catch ( \Throwable $e ) {
			throw new PaymentError( __( 'The order total cannot be charged in this currency.', 'iotpay-for-woocommerce' ) );
		}
		if ( $amount <= 0 ) {
			throw new PaymentError( __( 'Nothing to pay for this order.', 'iotpay-for-woocommerce' ) );
		}
		$force_new = $force_new || ! empty( $options['card_id'] ) || ! empty( $options['origin'] );

		$result = OrderLock::with(
			$order->get_id(),
			static function () use ( $order, $gateway, $channel, $amount, $currency, $force_new, $options ) {
				// Decide from what the database holds now: a second submit (double
				// click, another tab, a Store API retry) passed WooCommerce's
				// needs_payment() on a copy read before the first one was paid.
				self::refuse_if_paid( $order->get_id() );
				foreach ( Attempts::for_order( $order->get_id() ) as $a ) {
					if ( ! $force_new && self::reusable( $a, $gateway, $channel, $amount, $currency ) ) {
						return $a;
					}
				}
				self::settle_live_attempts( $order->get_id() );
				// Every live attempt is now known unpaid at IOTPay: the new one replaces them
				// (a late payment of one of them is still honoured, and flagged as a second payment).
				foreach ( Attempts::for_order( $order->get_id() ) as $a ) {
					if ( $a->is_live() && Attempt::SUPERSEDED !== $a->state && true !== Abandon::attempt( $a, 'closed: replaced by a newer attempt' ) ) {
						Attempts::transition( $a->id, array( Attempt::OPEN, Attempt::UNKNOWN ), Attempt::SUPERSEDED );
					}
				}
				return self::create( $order, $gateway, $channel, $amount, $currency, $options );
			},
			15
		);
		if ( null === $result ) {
			throw new PaymentError( __( 'This order is being updated. Please try again in a moment.', 'iotpay-for-woocommerce' ) );
		}
		return $result;
	}

	/**
	 * Under the order lock: an order that is paid (WooCommerce says so, or one
	 * of its attempts is recorded as its payment) takes no new payment.
	 *
	 * @throws AlreadyPaid
	 */
	private static function refuse_if_paid( int $order_id ): void {
		$fresh = OrderReader::fresh_order( $order_id );
		$paid  = $fresh instanceof \WC_Order && ( $fresh->is_paid() || '' !== (string) $fresh->get_meta( Completion::META_PAID_ATTEMPT ) );
		foreach ( Attempts::for_order( $order_id ) as $a ) {
			$paid = $paid || $a->paid_the_order();
		}
		if ( $paid ) {
			throw new AlreadyPaid( __( 'This order has already been paid. Please check your email for the confirmation, or contact us.', 'iotpay-for-woocommerce' ) );
		}
	}

	private static function reusable( Attempt $a, AbstractGateway $gateway, string $channel, int $amount, string $currency ): bool {
		return Attempt::OPEN === $a->state
			&& $a->gateway === $gateway->id
			&& $a->family === $gateway->family()
			&& $a->channel === $channel
			&& $a->amount === $amount
			&& $a->currency === $currency
			&& ! empty( $a->pay_data )
			&& ! $a->is_charge()
			&& $a->age() < self::QR_LIFETIME
			// A provider's page that expires within two minutes is not handed out again.
			&& ( empty( $a->pay_data['expiresAtMs'] ) || (int) $a->pay_data['expiresAtMs'] > ( time() + 120 ) * 1000 );
	}

	/**
	 * Before any new attempt: every live attempt of the order is asked about
	 * (query_order / cc_query), whatever its method — the customer may have
	 * paid the QR code or the hosted page a moment ago (the notification not
	 * in yet), or a saved card's charge may still go through. Paid: no new
	 * payment, the customer goes to the order-received page. Unknown (IOTPay
	 * could not be asked, says it does not know yet, or a charge it has no
	 * record of was sent moments ago): no new payment, the customer is asked
	 * to wait. Only attempts IOTPay reports unpaid (or that never reached it,
	 * long after they were sent) let a new payment start.
	 *
	 * @throws PaymentError
	 */
	private static function settle_live_attempts( int $order_id ): void {
		foreach ( Attempts::for_order( $order_id ) as $a ) {
			if ( ! $a->is_live() ) {
				continue;
			}
			$outcome = Completion::check( $a, 'before-new-attempt' );
			if ( $outcome->is_paid() ) {
				throw new AlreadyPaid( __( 'This order has already been paid. Please check your email for the confirmation, or contact us.', 'iotpay-for-woocommerce' ) );
			}
			$fresh = Attempts::find( $a->id ) ?? $a;
			if ( ! $fresh->is_live() ) {
				continue; // Declined, cancelled or failed at IOTPay.
			}
			$charge = $fresh->is_charge(); // A saved card's charge (or a renewal's) goes through without the customer.
			if ( 'pending' === $outcome->outcome && ! $charge && Attempt::UNKNOWN !== $fresh->state && Attempt::CREATING !== $fresh->state ) {
				continue; // A QR code or payment page that exists at IOTPay, not paid: it may be replaced.
			}
			if ( 'pending' === $outcome->outcome && Attempt::UNKNOWN === $fresh->state && $fresh->age() >= RefundResolver::grace_seconds() ) {
				// IOTPay has no record of it long after it was sent: it never arrived.
				Attempts::transition( $fresh->id, array( Attempt::UNKNOWN ), Attempt::FAILED, array( 'note' => 'never reached IOTPay' ) );
				continue;
			}
			Logger::warning( 'new payment refused: an earlier attempt may still be paid', array( 'order' => $order_id, 'mchOrderNo' => $fresh->mch_order_no, 'state' => $fresh->state, 'outcome' => $outcome->outcome ) );
			throw new PaymentError( $charge ? CustomerMessages::card_charge_open() : CustomerMessages::payment_being_confirmed() );
		}
	}

	/**
	 * @param array<string, mixed> $options
	 * @throws PaymentError
	 */
	private static function create( \WC_Order $order, AbstractGateway $gateway, string $channel, int $amount, string $currency, array $options ): Attempt {
		$settings = SharedSettings::instance();
		$protocol = Protocols::get( isset( $options['family'] ) ? (string) $options['family'] : $gateway->family() );
		$seq      = Attempts::count_for_order( $order->get_id() ) + 1;
		$attempt  = Attempts::create( $order->get_id(), AttemptNumber::make( $settings->order_prefix(), $order->get_id(), $seq ), $gateway->id, $channel, $amount, $currency, $protocol->family() );
		Reconciler::schedule( $attempt->id, 0 );
		// Visible on the order (CRUD, HPOS-safe); the attempts table stays the source of truth.
		$order->update_meta_data( self::META_CURRENT_ATTEMPT, $attempt->mch_order_no );
		$order->save_meta_data();
		// Why the attempt was made without the customer (a subscription renewal), kept with it; with
		// `pay_data` (strings) what a Protocol's charge needs recorded before the call (e.g. a contract).
		$origin = array_filter( array( 'origin' => (string) ( $options['origin'] ?? '' ) ) );
		$before = array_filter( array( 'cardId' => (string) ( $options['card_id'] ?? '' ) ) ) + array_map( 'strval', (array) ( $options['pay_data'] ?? array() ) ) + $origin;
		if ( array() !== $before ) {
			// Known before the call, so a charge whose answer is lost is recognised as one.
			Attempts::transition( $attempt->id, array( Attempt::CREATING ), Attempt::CREATING, array( 'pay_data' => $before ) );
			$attempt = Attempts::find( $attempt->id ) ?? $attempt;
		}

		try {
			$created = $protocol->create( $order, $attempt, $options );
		} catch ( ValidationException $e ) {
			Attempts::transition( $attempt->id, array( Attempt::CREATING ), Attempt::FAILED, array( 'note' => substr( $e->getMessage(), 0, 250 ) ) );
			Logger::error( 'payment request refused before sending', array( 'order' => $order->get_id(), 'field' => $e->getField(), 'error' => $e->getMessage() ) );
			throw new PaymentError( CustomerMessages::for_start_failure( $e, $gateway->get_title() ) );
		} catch ( GatewayException $e ) {
			if ( $e->shouldQueryFirst() ) {
				return self::after_unknown( $attempt, $e, $gateway );
			}
			Attempts::transition( $attempt->id, array( Attempt::CREATING ), Attempt::FAILED, array( 'note' => $e->getProviderCode() ) );
			Logger::error( 'IOTPay refused the payment', array( 'order' => $order->get_id(), 'code' => $e->getProviderCode(), 'message' => $e->getProviderMessage() ) );
			throw new PaymentError( CustomerMessages::for_start_failure( $e, $gateway->get_title() ) );
		} catch ( IotPayException $e ) {
			return self::after_unknown( $attempt, $e, $gateway );
		}
		$data = array_filter( array_map( static fn ( $v ) => is_string( $v ) ? trim( $v ) : '', $created->pay_data ) ) + $before;
		if ( null !== $created->result ) {
			return self::decided_at_once( $order, $attempt, $created, $data, $gateway );
		}
		if ( array() === $data ) {
			// IOTPay accepted the order but sent nothing to pay it with (no
			// payment URL, no QR content). It exists at IOTPay, so it stays open
			// (and under reconciliation) — but it is never shown as a QR code or
			// reused, and the customer is told to try again or pay otherwise.
			Attempts::transition( $attempt->id, array( Attempt::CREATING ), Attempt::OPEN, array( 'pay_order_id' => (string) $created->pay_order_id, 'note' => 'no payment URL or code in the answer' ) );
			Logger::error( 'IOTPay accepted the order but sent no payment URL or code', array( 'order' => $order->get_id(), 'mchOrderNo' => $attempt->mch_order_no, 'channel' => $channel ) );
			$order->add_order_note(
				sprintf(
					/* translators: 1: channel, 2: merchant order number, 3: provider name (IOTPay or SUNBAY) */
					__( '%3$s accepted payment attempt %2$s (%1$s) but sent no payment URL or QR code; the customer was asked to try again or choose another payment method.', 'iotpay-for-woocommerce' ),
					$channel,
					$attempt->mch_order_no,
					Protocols::name( $attempt->family )
				)
			);
			throw PaymentError::noted( CustomerMessages::not_started( $gateway->get_title() ) );
		}
		Attempts::transition( $attempt->id, array( Attempt::CREATING ), Attempt::OPEN, array( 'pay_order_id' => (string) $created->pay_order_id, 'pay_data' => $data ) );
		$order->add_order_note(
			sprintf(
				/* translators: 1: channel, 2: merchant order number, 3: provider name (IOTPay or SUNBAY) */
				__( '%3$s payment started (%1$s, attempt %2$s).', 'iotpay-for-woocommerce' ),
				$channel,
				$attempt->mch_order_no,
				Protocols::name( $attempt->family )
			)
		);
		return Attempts::find( $attempt->id ) ?? $attempt;
	}

	/**
	 * A charge IOTPay answered at once (a stored card): the answer is applied
	 * through the one locked completion path (re-entrant: the order lock is
	 * already held here). Declined: the customer is told so.
	 *
	 * @param array<string, string> $data
	 * @throws PaymentError
	 */
	private static function decided_at_once( \WC_Order $order, Attempt $attempt, Created $created, array $data, AbstractGateway $gateway ): Attempt {
		Attempts::transition( $attempt->id, array( Attempt::CREATING ), Attempt::OPEN, array( 'pay_order_id' => (string) $created->pay_order_id, 'pay_data' => $data ) );
		$outcome = Completion::apply( Attempts::find( $attempt->id ) ?? $attempt, News::of( $created->result ), 'token' );
		$fresh   = Attempts::find( $attempt->id ) ?? $attempt;
		if ( \IotPay\Decision::FAILED === $outcome->outcome ) {
			throw PaymentError::noted( CustomerMessages::card_declined() ); // Completion noted the decline.
		}
		if ( ! $outcome->is_paid() ) {
			// Pending at IOTPay (or the order busy): the attempt stays under reconciliation.
			$order->add_order_note(
				sprintf(
					/* translators: 1: merchant order number, 2: what IOTPay said */
					__( 'IOTPay: the charge of the saved card (attempt %1$s) is not confirmed yet (%2$s); it is checked automatically.', 'iotpay-for-woocommerce' ),
					$attempt->mch_order_no,
					$outcome->outcome
				)
			);
		}
		return $fresh;
	}

	/**
	 * The create's outcome is unknown (timeout, 5xx, bad answer). Ask IOTPay
	 * about this very merchant order number before doing anything else. The
	 * attempt stays under reconciliation either way, so a late success is
	 * never lost; the customer gets a clear error and can retry, which opens
	 * a new attempt (a paid old one is still honoured; a stored card is not
	 * charged again while this one may still go through).
	 *
	 * @throws PaymentError
	 */
	private static function after_unknown( Attempt $attempt, IotPayException $e, AbstractGateway $gateway ): Attempt {
		Logger::warning( 'create outcome unknown; querying', array( 'mchOrderNo' => $attempt->mch_order_no, 'error' => $e->getMessage() ) );
		$outcome = Completion::check( Attempts::find( $attempt->id ) ?? $attempt, 'create-recovery' );
		$fresh   = Attempts::find( $attempt->id ) ?? $attempt;
		if ( $outcome->is_paid() ) {
			// Paid after all (the answer was lost, the payment was not).
			return $fresh;
		}
		if ( \IotPay\Decision::FAILED === $outcome->outcome ) {
			throw PaymentError::noted( CustomerMessages::card_declined() ); // Completion noted the decline.
		}
		if ( Attempt::CREATING === $fresh->state ) {
			Attempts::transition( $fresh->id, array( Attempt::CREATING ), Attempt::UNKNOWN );
		}
		throw new PaymentError( CustomerMessages::for_start_failure( $e, $gateway->get_title() ) );
	}
}
