<?php
/**
 * What the customer is told when a payment cannot start: the truth in plain
 * words (declined, temporary, not reachable, not available) with what to do
 * next. IOTPay's codes and messages go to the log, never to the customer.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

final class CustomerMessages {

	/** IOTPay codes meaning the wallet/bank refused the payment. */
	private const DECLINED = array( '0111' );

	/** IOTPay codes meaning the wallet did not answer IOTPay in time. */
	private const PROVIDER_TIMEOUT = array( '0110' );

	/** IOTPay codes meaning a temporary problem at IOTPay. */
	private const TEMPORARY = array( '0010', '0118', 'SYSTEMERROR' );

	/** IOTPay codes meaning the shop's IOTPay setup is wrong (credentials, request). */
	private const SETUP = array( '0011', '0012', '0013', '0014', '0015' );

	/**
	 * The message for an exception thrown while starting a payment.
	 *
	 * @param \Throwable $e      What the extension threw.
	 * @param string     $method The payment method's title, e.g. "WeChat Pay".
	 */
	public static function for_start_failure( \Throwable $e, string $method ): string {
		if ( $e instanceof \IotPay\Exception\TransportException ) {
			// The provider the call went to (a brand name, not translated).
			$provider = method_exists( $e, 'getProvider' ) && 'sunbay' === $e->getProvider() ? 'SUNBAY' : 'IOTPay';
			if ( $e->isRetryable() ) {
				// The connection was never made: nothing was sent.
				/* translators: %s: the payment provider, IOTPay or SUNBAY */
				return sprintf( __( 'We could not reach %s, our payment provider. You have not been charged. Please try again in a moment.', 'iotpay-for-woocommerce' ), $provider );
			}
			/* translators: %s: the payment provider, IOTPay or SUNBAY */
			return sprintf( __( 'We could not reach %s, our payment provider, in time. You have not been charged twice: please try again.', 'iotpay-for-woocommerce' ), $provider );
		}
		if ( $e instanceof \IotPay\Exception\GatewayException ) {
			return self::for_provider_code( (string) $e->getProviderCode(), (string) $e->getClassification(), $method );
		}
		if ( $e instanceof \IotPay\Exception\ValidationException || $e instanceof \IotPay\Exception\ConfigException ) {
			return self::setup_problem( $method );
		}
		return self::not_started( $method );
	}

	/**
	 * @param string $code           IOTPay's code (0111, SYSTEMERROR, FAIL …).
	 * @param string $classification retryable, query_first or final.
	 * @param string $method         The payment method's title.
	 */
	public static function for_provider_code( string $code, string $classification, string $method ): string {
		if ( in_array( $code, self::PROVIDER_TIMEOUT, true ) ) {
			return sprintf(
				/* translators: %s: payment method, e.g. WeChat Pay */
				__( '%s did not respond in time. You have not been charged twice: please try again in a moment.', 'iotpay-for-woocommerce' ),
				$method
			);
		}
		if ( in_array( $code, self::TEMPORARY, true ) ) {
			return self::temporary( $method );
		}
		if ( in_array( $code, self::SETUP, true ) ) {
			return self::setup_problem( $method );
		}
		if ( '0113' === $code ) {
			return __( 'This order has already been paid. Please check your email for the confirmation, or contact us.', 'iotpay-for-woocommerce' );
		}
		if ( in_array( $code, self::DECLINED, true ) || 'final' === $classification ) {
			return sprintf(
				/* translators: %s: payment method, e.g. Alipay */
				__( '%s declined this payment. Please choose another payment method, or try again later.', 'iotpay-for-woocommerce' ),
				$method
			);
		}
		if ( 'retryable' === $classification ) {
			return self::temporary( $method );
		}
		return self::not_started( $method );
	}

	/** A payment that could not be started (no payment URL or code, an unreadable answer). */
	public static function not_started( string $method ): string {
		return sprintf(
			/* translators: %s: payment method, e.g. Alipay */
			__( 'The %s payment could not be started. Please try again, or choose another payment method.', 'iotpay-for-woocommerce' ),
			$method
		);
	}

	private static function temporary( string $method ): string {
		return sprintf(
			/* translators: %s: payment method, e.g. UnionPay */
			__( '%s is having a temporary problem. Please try again in a moment, or choose another payment method.', 'iotpay-for-woocommerce' ),
			$method
		);
	}

	private static function setup_problem( string $method ): string {
		return sprintf(
			/* translators: %s: payment method, e.g. WeChat Pay */
			__( '%s is not available for this order right now. Please choose another payment method, or contact us.', 'iotpay-for-woocommerce' ),
			$method
		);
	}

	/** The card issuer or processor refused a card payment (V3 status 9): nothing was charged. */
	public static function card_declined(): string {
		return __( 'Your card was declined and nothing was charged. Please check the card details, use another card, or choose another payment method.', 'iotpay-for-woocommerce' );
	}

	/** The payment was cancelled or expired at IOTPay: nothing was taken. */
	public static function not_completed(): string {
		return __( 'Your payment was not completed and nothing was charged. You can try again or choose another payment method.', 'iotpay-for-woocommerce' );
	}

	/** An earlier charge of the saved card for this order is not settled yet: it is never charged a second time meanwhile. */
	public static function card_charge_open(): string {
		return __( 'We are still waiting for the result of your previous card payment for this order, so your card was not charged again. Please check your email or try again in a few minutes.', 'iotpay-for-woocommerce' );
	}

	/** An earlier payment of this order (QR code, IOTPay's page) may have gone through: no second payment is started until IOTPay says. */
	public static function payment_being_confirmed(): string {
		return __( 'Your earlier payment for this order may already have gone through and is still being confirmed, so no new payment was started. Please check your email or try again in a few minutes.', 'iotpay-for-woocommerce' );
	}

	/** The merchant turned saved cards off: no saved card is charged. */
	public static function saved_cards_off(): string {
		return __( 'Paying with a saved card is not available at the moment. Please enter your card.', 'iotpay-for-woocommerce' );
	}

	/** A saved card that is not the customer's, or no longer exists. */
	public static function card_not_found(): string {
		return __( 'This saved card cannot be used. Please choose another card or enter a new one.', 'iotpay-for-woocommerce' );
	}

	/** The iotpay PHP extension is missing: nothing can be paid or checked until the host restores it. */
	public static function unavailable(): string {
		return __( 'Online payment is temporarily unavailable. Your order is saved and still waiting for payment: please come back later to pay it, choose another payment method, or contact us.', 'iotpay-for-woocommerce' );
	}
}
