<?php
/**
 * Subscription renewals paid without the customer, for every renewal method
 * (RenewalMethod: a saved card today). Only wired when WooCommerce
 * Subscriptions is active (Plugin::boot()).
 *
 * A renewal: Subscriptions fires `woocommerce_scheduled_subscription_payment_{gateway}`
 * ( amount, renewal order ). Under the renewal order's lock, read past the
 * caches: paid → nothing; not pending (a decline already failed it, or
 * another run finished) → nothing; an earlier attempt still live → IOTPay is
 * asked about it and nothing new is charged; otherwise Payment\Starter makes
 * the attempt (origin "renewal") with the method's options, and its answer
 * goes through Payment\Completion like every payment. A second run of the
 * scheduled action, sequential or overlapping (the lock), finds the attempt
 * row and charges nothing. An answer lost on the way is queried (Starter),
 * then followed by reconciliation; its end, if unpaid, fails the renewal
 * order (Completion::HOOK_ATTEMPT_FAILED). A failed renewal order goes to
 * `failed` with a note in the admin's words: Subscriptions puts the
 * subscription on hold and its retry rules and "update payment method"
 * flows take over.
 *
 * The credential (the card) lives on the subscription (RenewalMethod::meta_key()):
 * set by the payment that started the subscription (or paid a renewal by
 * hand), by the customer's change of payment method, by the admin's.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Recurring;

use IotPay\WooCommerce\Checkout\Device;
use IotPay\WooCommerce\Gateway\CardGateway;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\AlreadyPaid;
use IotPay\WooCommerce\Payment\Amount;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Payment\OrderLock;
use IotPay\WooCommerce\Payment\OrderReader;
use IotPay\WooCommerce\Payment\PaymentError;
use IotPay\WooCommerce\Payment\Starter;
use IotPay\WooCommerce\Plugin;

final class Renewals {

	/** pay_data['origin'] of an attempt a renewal made (the order panel labels it). */
	public const ORIGIN = 'renewal';

	/** @var array<string, RenewalMethod>|null gateway id => method */
	private static ?array $methods = null;

	/**
	 * The renewal methods, by gateway id. A new method (another gateway's
	 * credential) is one more entry here.
	 *
	 * @return array<string, RenewalMethod>
	 */
	public static function methods(): array {
		if ( null === self::$methods ) {
			self::$methods = array( CardGateway::ID => new CardRenewals() );
		}
		return self::$methods;
	}

	public static function method_for( string $gateway_id ): ?RenewalMethod {
		return self::methods()[ $gateway_id ] ?? null;
	}

	/** Subscriptions' hooks for every method's gateway. */
	public static function register(): void {
		foreach ( array_keys( self::methods() ) as $id ) {
			add_action( 'woocommerce_scheduled_subscription_payment_' . $id, array( self::class, 'scheduled_payment' ), 10, 2 );
			add_action( 'woocommerce_subscription_failing_payment_method_updated_' . $id, array( self::class, 'failing_method_updated' ), 10, 2 );
			add_action( 'woocommerce_subscription_cancelled_' . $id, array( self::class, 'cancelled' ) );
		}
		add_filter( 'woocommerce_subscription_payment_meta', array( self::class, 'payment_meta' ), 10, 2 );
		add_action( 'woocommerce_subscription_validate_payment_meta', array( self::class, 'validate_payment_meta' ), 10, 3 );
		add_filter( 'woocommerce_subscription_payment_method_to_display', array( self::class, 'method_to_display' ), 10, 3 );
		add_action( 'woocommerce_payment_complete', array( self::class, 'record_credential' ), 5 );
		add_action( Completion::HOOK_ATTEMPT_FAILED, array( self::class, 'attempt_failed' ), 10, 2 );
	}

	/**
	 * `woocommerce_scheduled_subscription_payment_{gateway}`.
	 *
	 * @param float|string $amount_to_charge What Subscriptions asks (the renewal order's total).
	 * @param \WC_Order    $renewal_order
	 */
	public static function scheduled_payment( $amount_to_charge, $renewal_order ): void {
		$order = $renewal_order instanceof \WC_Order ? $renewal_order : wc_get_order( $renewal_order );
		if ( ! $order instanceof \WC_Order ) {
			return;
		}
		$method = self::method_for( (string) $order->get_payment_method() );
		if ( null === $method ) {
			return;
		}
		$log = array( 'order' => $order->get_id(), 'gateway' => $order->get_payment_method(), 'amount' => is_scalar( $amount_to_charge ) ? (string) $amount_to_charge : '' );
		Logger::info( 'renewal due', $log );
		if ( ! Plugin::extension_loaded() ) {
			self::fail( $order->get_id(), __( 'IOTPay could not charge this renewal: the iotpay PHP extension is not loaded on the server. Nothing was charged.', 'iotpay-for-woocommerce' ), $log );
			return;
		}
		try {
			$total = Amount::to_minor( $order->get_total(), $order->get_currency() );
			$asked = is_numeric( $amount_to_charge ) ? Amount::to_minor( (string) $amount_to_charge, $order->get_currency() ) : -1;
		} catch ( \Throwable $e ) {
			self::fail( $order->get_id(), __( 'IOTPay could not charge this renewal: its total cannot be charged in the order currency. Nothing was charged.', 'iotpay-for-woocommerce' ), $log );
			return;
		}
		if ( $asked !== $total ) {
			// Only the order's own total is ever charged (what the attempt and every check compare with).
			self::fail( $order->get_id(), __( 'IOTPay did not charge this renewal: the amount to charge differs from the renewal order total. Nothing was charged.', 'iotpay-for-woocommerce' ), $log + array( 'total' => $total, 'asked' => $asked ) );
			return;
		}
		$subscription = Subscriptions::for_renewal( $order )[0] ?? null;
		$credential   = $subscription ? (string) $subscription->get_meta( $method->meta_key() ) : '';
		if ( null === $subscription || '' === $credential ) {
			self::fail( $order->get_id(), __( 'IOTPay could not charge this renewal: the subscription has no saved payment method for automatic renewals. Nothing was charged; the customer needs to pay this order or update the subscription\'s payment method.', 'iotpay-for-woocommerce' ), $log );
			return;
		}
		$refusal = $method->refusal( $subscription, $credential, $total );
		if ( null !== $refusal ) {
			self::fail( $order->get_id(), $refusal, $log );
			return;
		}
		$done = OrderLock::with( $order->get_id(), static fn (): bool => self::charge_locked( $order->get_id(), $method, $credential, $log ), 15 );
		if ( null === $done ) {
			// Another run holds the renewal (two cron runners at once): it charges; this one must not.
			Logger::info( 'renewal busy: another run is on it; nothing charged here', $log );
		}
	}

	/** @param array<string, mixed> $log */
	private static function charge_locked( int $order_id, RenewalMethod $method, string $credential, array $log ): bool {
		$order = OrderReader::fresh_order( $order_id );
		if ( ! $order instanceof \WC_Order ) {
			return false;
		}
		if ( $order->is_paid() ) {
			Logger::info( 'renewal already paid; nothing charged', $log );
			return true;
		}
		if ( ! $order->has_status( 'pending' ) ) {
			// Failed by an earlier run (Subscriptions' retry sets it back to pending first), or changed by hand.
			Logger::info( 'renewal order not awaiting payment; nothing charged', $log + array( 'status' => $order->get_status() ) );
			return true;
		}
		foreach ( Attempts::for_order( $order_id ) as $a ) {
			$unresolved = Attempt::FAILED === $a->state && 'unresolved: flagged' === $a->note;
			if ( ! $a->is_live() && ! $unresolved ) {
				continue;
			}
			// An earlier charge: IOTPay is asked about it, and nothing new is charged while it may still go through.
			$outcome = Completion::check( $a, self::ORIGIN );
			if ( $outcome->is_paid() ) {
				Logger::info( 'renewal paid by an earlier charge; nothing charged again', $log + array( 'mchOrderNo' => $a->mch_order_no ) );
				return true;
			}
			$fresh = Attempts::find( $a->id ) ?? $a;
			if ( $fresh->is_live() || ( $unresolved && ! $outcome->says_not_paid() ) ) {
				Logger::warning( 'renewal not charged: an earlier charge may still go through', $log + array( 'mchOrderNo' => $a->mch_order_no, 'outcome' => $outcome->outcome ) );
				if ( $unresolved ) {
					self::fail( $order_id, self::unresolved_note( $fresh ), $log );
				}
				return true;
			}
		}
		Logger::info( 'renewal charge', $log );
		try {
			Starter::ensure_attempt( $order, $method->gateway(), Device::Desktop, true, $method->attempt_options( $credential ) + array( 'origin' => self::ORIGIN ) );
		} catch ( AlreadyPaid $e ) {
			return true;
		} catch ( PaymentError $e ) {
			$latest = Attempts::for_order( $order_id )[0] ?? null;
			if ( $latest instanceof Attempt && $latest->is_live() ) {
				// Not known yet (lost answer, IOTPay still deciding): reconciliation follows it; never charged again meanwhile.
				Logger::warning( 'renewal outcome unknown; followed by reconciliation', $log + array( 'mchOrderNo' => $latest->mch_order_no ) );
				return true;
			}
			self::fail( $order_id, self::declined_note( $latest, $e->getMessage() ), $log );
			return true;
		}
		$fresh = OrderReader::fresh_order( $order_id );
		Logger::info( $fresh instanceof \WC_Order && $fresh->is_paid() ? 'renewal paid' : 'renewal charge not confirmed yet; followed by reconciliation', $log );
		return true;
	}

	/**
	 * Completion::HOOK_ATTEMPT_FAILED: a renewal's attempt that IOTPay
	 * declined later, or that was never confirmed, fails its renewal order.
	 */
	public static function attempt_failed( $attempt_id, $why = '' ): void {
		$a = Attempts::find( (int) $attempt_id );
		if ( null === $a || self::ORIGIN !== ( $a->pay_data['origin'] ?? '' ) ) {
			return;
		}
		foreach ( Attempts::for_order( $a->order_id ) as $other ) {
			if ( $other->is_live() ) {
				return; // Another charge may still pay it.
			}
		}
		self::fail( $a->order_id, 'unresolved' === $why ? self::unresolved_note( $a ) : self::declined_note( $a, '' ), array( 'order' => $a->order_id, 'mchOrderNo' => $a->mch_order_no, 'why' => (string) $why ) );
	}

	private static function declined_note( ?Attempt $a, string $reason ): string {
		if ( $a instanceof Attempt && 'declined' === $a->note ) {
			return sprintf(
				/* translators: 1: merchant order number */
				__( 'IOTPay: the renewal payment was declined (attempt %1$s). Nothing was charged. WooCommerce Subscriptions will retry according to its rules, and the customer can update the payment method.', 'iotpay-for-woocommerce' ),
				$a->mch_order_no
			);
		}
		return sprintf(
			/* translators: 1: the reason */
			__( 'IOTPay: the renewal payment was refused, nothing was charged: %1$s', 'iotpay-for-woocommerce' ),
			'' !== $reason ? $reason : ( $a instanceof Attempt ? (string) $a->note : '' )
		);
	}

	private static function unresolved_note( Attempt $a ): string {
		return sprintf(
			/* translators: 1: merchant order number */
			__( 'IOTPay never confirmed whether the renewal charge %1$s went through, so this renewal was not charged again. Look it up in the IOTPay merchant portal before retrying: if it was charged, mark this order as paid.', 'iotpay-for-woocommerce' ),
			$a->mch_order_no
		);
	}

	/**
	 * The renewal order failed, with the note (Subscriptions then puts the
	 * subscription on hold and schedules its retries). Only a renewal still
	 * awaiting payment, read past the caches.
	 *
	 * @param array<string, mixed> $log
	 */
	private static function fail( int $order_id, string $note, array $log ): void {
		$order = OrderReader::fresh_order( $order_id );
		if ( ! $order instanceof \WC_Order || ! $order->has_status( 'pending' ) ) {
			return;
		}
		$order->update_status( 'failed', $note );
		Logger::warning( 'renewal failed', $log + array( 'note' => $note ) );
	}

	/** The credential the order's paid attempt used ('' when none). */
	private static function paid_credential( \WC_Order $order, RenewalMethod $method ): string {
		$no = (string) $order->get_meta( Completion::META_PAID_ATTEMPT );
		$a  = '' !== $no ? Attempts::find_by_mch_order_no( $no ) : null;
		return $a instanceof Attempt && $a->order_id === $order->get_id() ? $method->credential_of( $a ) : '';
	}

	/**
	 * `woocommerce_payment_complete`: the card (credential) that paid a
	 * sign-up, an early renewal or a renewal paid by the customer becomes the
	 * one its subscriptions renew with.
	 */
	public static function record_credential( $order_id ): void {
		$order = wc_get_order( $order_id );
		if ( ! $order instanceof \WC_Order || Subscriptions::is_subscription( $order ) ) {
			return;
		}
		$method = self::method_for( (string) $order->get_payment_method() );
		if ( null === $method ) {
			return;
		}
		$credential = self::paid_credential( $order, $method );
		if ( '' === $credential ) {
			return;
		}
		foreach ( Subscriptions::for_order( $order ) as $subscription ) {
			if ( (string) $subscription->get_payment_method() === $order->get_payment_method() ) {
				self::set_credential( $subscription, $credential, $method );
			}
		}
	}

	/** `woocommerce_subscription_failing_payment_method_updated_{gateway}`: the card that paid the failed renewal takes over. */
	public static function failing_method_updated( $subscription, $renewal_order ): void {
		if ( ! $subscription instanceof \WC_Order || ! $renewal_order instanceof \WC_Order ) {
			return;
		}
		$method = self::method_for( (string) $renewal_order->get_payment_method() );
		$cred   = null === $method ? '' : self::paid_credential( OrderReader::fresh_order( $renewal_order->get_id() ) ?? $renewal_order, $method );
		if ( '' !== $cred ) {
			self::set_credential( OrderReader::fresh_order( $subscription->get_id() ) ?? $subscription, $cred, $method );
		}
	}

	/**
	 * Records the credential a subscription's renewals are charged to, with a
	 * note. `$method`: the method it is for (during a customer's change the
	 * subscription may still name its previous gateway); by default the
	 * subscription's own.
	 */
	public static function set_credential( \WC_Order $subscription, string $credential, ?RenewalMethod $method = null ): void {
		$method ??= self::method_for( (string) $subscription->get_payment_method() );
		if ( null === $method ) {
			return;
		}
		if ( (string) $subscription->get_meta( $method->meta_key() ) === $credential ) {
			return;
		}
		$subscription->update_meta_data( $method->meta_key(), $credential );
		$subscription->save();
		$shown = $method->describe( $subscription->get_customer_id(), $credential );
		$subscription->add_order_note(
			sprintf(
				/* translators: %s: the card, e.g. "Visa ending in 4242" */
				__( 'IOTPay: renewals of this subscription are charged to %s.', 'iotpay-for-woocommerce' ),
				'' !== $shown ? $shown : $credential
			)
		);
		Logger::info( 'subscription payment method recorded', array( 'subscription' => $subscription->get_id() ) );
	}

	/** `woocommerce_subscription_cancelled_{gateway}`: nothing is scheduled at IOTPay for a card; recorded in the debug log. */
	public static function cancelled( $subscription ): void {
		if ( $subscription instanceof \WC_Order ) {
			Logger::info( 'subscription cancelled; no further renewals are charged', array( 'subscription' => $subscription->get_id() ) );
		}
	}

	/**
	 * `woocommerce_subscription_payment_meta`: the admin's field per method
	 * (the credential), shown and saved by Subscriptions' subscription screen.
	 *
	 * @param array<string, mixed> $payment_meta
	 * @return array<string, mixed>
	 */
	public static function payment_meta( $payment_meta, $subscription ) {
		$payment_meta = is_array( $payment_meta ) ? $payment_meta : array();
		if ( ! $subscription instanceof \WC_Order ) {
			return $payment_meta;
		}
		foreach ( self::methods() as $id => $method ) {
			$payment_meta[ $id ] = array(
				'post_meta' => array(
					$method->meta_key() => array(
						'value' => (string) $subscription->get_meta( $method->meta_key() ),
						'label' => $method->meta_label(),
					),
				),
			);
		}
		return $payment_meta;
	}

	/**
	 * `woocommerce_subscription_validate_payment_meta`: the admin's value must
	 * be a credential of the subscription's customer; an exception keeps it unsaved.
	 *
	 * @param array<string, mixed> $payment_meta
	 * @throws \Exception
	 */
	public static function validate_payment_meta( $payment_method_id, $payment_meta, $subscription ): void {
		$method = self::method_for( (string) $payment_method_id );
		if ( null === $method || ! $subscription instanceof \WC_Order ) {
			return;
		}
		$value = $payment_meta['post_meta'][ $method->meta_key() ]['value'] ?? '';
		$method->validate( $subscription, is_scalar( $value ) ? trim( (string) $value ) : '' );
	}

	/** `woocommerce_subscription_payment_method_to_display`: "Visa ending in 4242" rather than the method's title. */
	public static function method_to_display( $display, $subscription, $context = 'admin' ) {
		if ( ! $subscription instanceof \WC_Order ) {
			return $display;
		}
		$method = self::method_for( (string) $subscription->get_payment_method() );
		if ( null === $method ) {
			return $display;
		}
		$shown = $method->describe( $subscription->get_customer_id(), (string) $subscription->get_meta( $method->meta_key() ) );
		return '' !== $shown ? sprintf( '%1$s (%2$s)', $shown, (string) $display ) : $display;
	}
}
