<?php
/**
 * Starts (or resumes) a payment for an order: reuse a still-open attempt,
 * otherwise create a new one with a fresh merchant order number. A create
 * whose answer is lost is queried before anything else is tried.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

use IotPay\ClientIp;
use IotPay\Exception\GatewayException;
use IotPay\Exception\IotPayException;
use IotPay\Exception\ValidationException;
use IotPay\WooCommerce\Api\Call;
use IotPay\WooCommerce\Api\ClientFactory;
use IotPay\WooCommerce\Checkout\CustomerMessages;
use IotPay\WooCommerce\Checkout\Device;
use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Reconcile\Reconciler;
use IotPay\WooCommerce\Rest\Routes;
use IotPay\WooCommerce\Settings\SharedSettings;

final class Starter {

	public const META_CURRENT_ATTEMPT = '_iotpay_mch_order_no';

	/** A QR attempt older than this is shown as expired and replaced on request. */
	public const QR_LIFETIME = 1800;

	/**
	 * Returns an attempt that can be paid now, creating one if needed.
	 *
	 * @throws PaymentError With a message for the customer.
	 */
	public static function ensure_attempt( \WC_Order $order, AbstractGateway $gateway, Device $device, bool $force_new = false ): Attempt {
		$currency = $order->get_currency();
		$channel  = $gateway->channel_for( $device, $currency );
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

		$result = OrderLock::with(
			$order->get_id(),
			static function () use ( $order, $gateway, $channel, $amount, $currency, $force_new ) {
				foreach ( Attempts::for_order( $order->get_id() ) as $a ) {
					if ( ! $force_new && self::reusable( $a, $gateway, $channel, $amount, $currency ) ) {
						return $a;
					}
				}
				// A live older attempt may already be paid: never open a second
				// payment for an order that is paid at IOTPay.
				foreach ( Attempts::for_order( $order->get_id() ) as $a ) {
					if ( $a->is_live() && Attempt::SUPERSEDED !== $a->state ) {
						Attempts::transition( $a->id, array( Attempt::OPEN, Attempt::UNKNOWN ), Attempt::SUPERSEDED );
					}
				}
				return self::create( $order, $gateway, $channel, $amount, $currency );
			},
			15
		);
		if ( null === $result ) {
			throw new PaymentError( __( 'This order is being updated. Please try again in a moment.', 'iotpay-for-woocommerce' ) );
		}
		return $result;
	}

	private static function reusable( Attempt $a, AbstractGateway $gateway, string $channel, int $amount, string $currency ): bool {
		return Attempt::OPEN === $a->state
			&& $a->gateway === $gateway->id
			&& $a->channel === $channel
			&& $a->amount === $amount
			&& $a->currency === $currency
			&& ! empty( $a->pay_data )
			&& $a->age() < self::QR_LIFETIME;
	}

	/** @throws PaymentError */
	private static function create( \WC_Order $order, AbstractGateway $gateway, string $channel, int $amount, string $currency ): Attempt {
		$settings = SharedSettings::instance();
		$seq      = Attempts::count_for_order( $order->get_id() ) + 1;
		$attempt  = Attempts::create( $order->get_id(), AttemptNumber::make( $settings->order_prefix(), $order->get_id(), $seq ), $gateway->id, $channel, $amount, $currency );
		Reconciler::schedule( $attempt->id, 0 );
		// Visible on the order (CRUD, HPOS-safe); the attempts table stays the source of truth.
		$order->update_meta_data( self::META_CURRENT_ATTEMPT, $attempt->mch_order_no );
		$order->save_meta_data();

		$request = self::request( $order, $attempt );
		$client  = ClientFactory::client();
		try {
			if ( 'WX_JSAPI' === $channel ) {
				$r    = Call::run( 'payForSubmit', array( 'order' => $order->get_id(), 'mchOrderNo' => $attempt->mch_order_no ), static fn () => $client->payForSubmit( $request ) );
				$data = array( 'redirectUrl' => $r->getUrl() );
				$pid  = $r->getPayOrderId();
			} else {
				$r    = Call::run( 'create_order', array( 'order' => $order->get_id(), 'mchOrderNo' => $attempt->mch_order_no, 'channel' => $channel ), static fn () => $client->createOrder( $request ) );
				$data = array_filter(
					array(
						'codeUrl'     => $r->getCodeUrl(),
						'qrCode'      => $r->getQrCode(),
						'redirectUrl' => $r->getRedirectUrl(),
					)
				);
				$pid  = $r->getPayOrderId();
			}
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
		$data = array_filter( array_map( static fn ( $v ) => is_string( $v ) ? trim( $v ) : '', $data ) );
		if ( array() === $data ) {
			// IOTPay accepted the order but sent nothing to pay it with (no
			// payment URL, no QR content). It exists at IOTPay, so it stays open
			// (and under reconciliation) — but it is never shown as a QR code or
			// reused, and the customer is told to try again or pay otherwise.
			Attempts::transition( $attempt->id, array( Attempt::CREATING ), Attempt::OPEN, array( 'pay_order_id' => (string) $pid, 'note' => 'no payment URL or code in the answer' ) );
			Logger::error( 'IOTPay accepted the order but sent no payment URL or code', array( 'order' => $order->get_id(), 'mchOrderNo' => $attempt->mch_order_no, 'channel' => $channel ) );
			$order->add_order_note(
				sprintf(
					/* translators: 1: channel, 2: merchant order number */
					__( 'IOTPay accepted payment attempt %2$s (%1$s) but sent no payment URL or QR code; the customer was asked to try again or choose another payment method.', 'iotpay-for-woocommerce' ),
					$channel,
					$attempt->mch_order_no
				)
			);
			throw new PaymentError( CustomerMessages::not_started( $gateway->get_title() ) );
		}
		Attempts::transition( $attempt->id, array( Attempt::CREATING ), Attempt::OPEN, array( 'pay_order_id' => (string) $pid, 'pay_data' => $data ) );
		$order->add_order_note(
			sprintf(
				/* translators: 1: channel, 2: merchant order number */
				__( 'IOTPay payment started (%1$s, attempt %2$s).', 'iotpay-for-woocommerce' ),
				$channel,
				$attempt->mch_order_no
			)
		);
		return Attempts::find( $attempt->id ) ?? $attempt;
	}

	/**
	 * The create's outcome is unknown (timeout, 5xx, bad answer). Ask IOTPay
	 * about this very merchant order number before doing anything else. The
	 * attempt stays under reconciliation either way, so a late success is
	 * never lost; the customer gets a clear error and can retry, which opens
	 * a new attempt (a paid old one is still honoured).
	 *
	 * @throws PaymentError
	 */
	private static function after_unknown( Attempt $attempt, IotPayException $e, AbstractGateway $gateway ): Attempt {
		Logger::warning( 'create_order outcome unknown; querying', array( 'mchOrderNo' => $attempt->mch_order_no, 'error' => $e->getMessage() ) );
		$outcome = Completion::check( Attempts::find( $attempt->id ) ?? $attempt, 'create-recovery' );
		$fresh   = Attempts::find( $attempt->id ) ?? $attempt;
		if ( $outcome->is_paid() ) {
			// Paid after all (the answer was lost, the payment was not).
			return $fresh;
		}
		if ( Attempt::CREATING === $fresh->state ) {
			Attempts::transition( $fresh->id, array( Attempt::CREATING ), Attempt::UNKNOWN );
		}
		throw new PaymentError( CustomerMessages::for_start_failure( $e, $gateway->get_title() ) );
	}

	/** @return array<string, mixed> */
	private static function request( \WC_Order $order, Attempt $attempt ): array {
		$settings = SharedSettings::instance();
		$ip       = (string) ( $_SERVER['REMOTE_ADDR'] ?? '' );
		try {
			$ip = ClientIp::resolve( $ip !== '' ? $ip : '127.0.0.1', isset( $_SERVER['HTTP_X_FORWARDED_FOR'] ) ? (string) $_SERVER['HTTP_X_FORWARDED_FOR'] : null, $settings->trusted_proxies() );
		} catch ( IotPayException $e ) {
			$ip = $order->get_customer_ip_address() ?: '127.0.0.1';
		}
		$subject = self::cut(
			sprintf(
				/* translators: 1: shop name, 2: order number */
				__( '%1$s order %2$s', 'iotpay-for-woocommerce' ),
				html_entity_decode( (string) get_bloginfo( 'name' ), ENT_QUOTES, 'UTF-8' ),
				$order->get_order_number()
			),
			64
		);
		$r = array(
			'mchOrderNo' => $attempt->mch_order_no,
			'channelId'  => $attempt->channel,
			'currency'   => $attempt->currency,
			'amount'     => $attempt->amount,
			'clientIp'   => $ip,
			'device'     => 'WEB',
			'notifyUrl'  => Routes::notify_url(),
			'subject'    => '' !== trim( $subject ) ? $subject : 'Order ' . $order->get_id(),
			'body'       => self::cut( $subject, 255 ),
		);
		switch ( $attempt->channel ) {
			case 'WX_NATIVE':
				$r['extra'] = array( 'productId' => (string) $order->get_id() );
				break;
			case 'ALIPAY_PC':
			case 'UPI_SEQ':
				$r['returnUrl'] = $order->get_checkout_order_received_url();
				break;
			case 'ALIPAY_WAP':
				$r['returnUrl'] = $order->get_checkout_order_received_url();
				$r['osType']    = preg_match( '/iPhone|iPad|iPod/i', (string) ( $_SERVER['HTTP_USER_AGENT'] ?? '' ) ) ? 'IOS' : 'ANDROID';
				break;
			case 'WX_JSAPI':
				$r['returnUrl'] = $order->get_checkout_order_received_url();
				break;
		}
		return $r;
	}

	/** Truncates to at most `$bytes` UTF-8 bytes without splitting a character. */
	private static function cut( string $s, int $bytes ): string {
		$s = trim( preg_replace( '/[\x00-\x1F\x7F]+/u', ' ', $s ) ?? '' );
		if ( strlen( $s ) <= $bytes ) {
			return $s;
		}
		return function_exists( 'mb_strcut' ) ? mb_strcut( $s, 0, $bytes, 'UTF-8' ) : substr( $s, 0, $bytes );
	}
}
