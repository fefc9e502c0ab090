<?php
/**
 * Saving a card (Credit Card API V3, §15.6, §15.8) as a WooCommerce payment
 * token, from My Account → Add payment method or from "Save card" at
 * checkout:
 *
 * 1. The shop assigns the card a new `cardId` (`{prefix}C{user}-{random}`,
 *    at most 30 characters, never reused) and keeps it, server-side, as the
 *    customer's (user meta) or the order's (order meta) card being added.
 * 2. cc_addcard: the customer enters the card on IOTPay's add-card page.
 * 3. IOTPay sends the browser back to the shop's return address
 *    (`/wc-api/iotpay_card/`). What the browser brings (retCode …) is never
 *    believed: the shop asks IOTPay (cc_querycard) about the cardId it kept.
 *    Known → a WC_Payment_Token_CC (token = cardId, last four digits, expiry,
 *    brand) for that customer; unknown ("cardId is not binding") → not saved.
 * 4. At checkout the new card is then charged (cc_purchasewithtoken) through
 *    Starter and the one completion path.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

use IotPay\CardInfo;
use IotPay\Exception\GatewayException;
use IotPay\Exception\IotPayException;
use IotPay\WooCommerce\Api\Call;
use IotPay\WooCommerce\Api\ClientFactory;
use IotPay\WooCommerce\Gateway\CardGateway;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\CardProtocol;
use IotPay\WooCommerce\Payment\OrderLock;
use IotPay\WooCommerce\Payment\OrderReader;
use IotPay\WooCommerce\Payment\PaymentError;
use IotPay\WooCommerce\Payment\Starter;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Recurring\Renewals;
use IotPay\WooCommerce\Recurring\Subscriptions;
use IotPay\WooCommerce\Settings\SharedSettings;

final class CardSetup {

	/** The wc-api request IOTPay's add-card page returns to. */
	public const API = 'iotpay_card';

	/** The cardId being added: order meta (checkout) or user meta (My Account). */
	public const META = '_iotpay_card_setup';

	public const MAX = 30;

	/** A new cardId for a customer: unique, stable once saved, never reused. */
	public static function new_card_id( int $user_id ): string {
		$id = sprintf( '%sC%d-%s', SharedSettings::instance()->order_prefix(), $user_id, bin2hex( random_bytes( 4 ) ) );
		if ( strlen( $id ) > self::MAX ) {
			$id = sprintf( 'C%d-%s', $user_id, bin2hex( random_bytes( 4 ) ) );
		}
		return substr( $id, 0, self::MAX );
	}

	public static function return_url( array $args ): string {
		return add_query_arg( $args, WC()->api_request_url( self::API ) );
	}

	/**
	 * "Save card" at checkout: IOTPay's add-card page for a new cardId of the
	 * order's customer; the order is charged once the card is saved.
	 *
	 * @throws PaymentError
	 */
	public static function start_for_order( \WC_Order $order ): string {
		$card_id = self::new_card_id( $order->get_customer_id() );
		$order->update_meta_data( self::META, $card_id );
		$order->save();
		$url = self::add_card(
			$card_id,
			self::return_url(
				array(
					'context'  => 'order',
					'order_id' => $order->get_id(),
					'key'      => $order->get_order_key(),
				)
			),
			array( 'order' => $order->get_id() )
		);
		$order->add_order_note(
			/* translators: %s: the card's IOTPay card id */
			sprintf( __( 'IOTPay: the customer is adding a card to save (card id %s); it is charged once IOTPay confirms it.', 'iotpay-for-woocommerce' ), $card_id )
		);
		return $url;
	}

	/**
	 * My Account → Add payment method.
	 *
	 * @throws PaymentError
	 */
	public static function start_for_account( int $user_id ): string {
		if ( $user_id <= 0 ) {
			throw new PaymentError( CustomerMessages::card_not_found() );
		}
		$card_id = self::new_card_id( $user_id );
		update_user_meta( $user_id, self::META, $card_id );
		return self::add_card( $card_id, self::return_url( array( 'context' => 'account' ) ), array( 'user' => $user_id ) );
	}

	/**
	 * @param array<string, mixed> $log
	 * @throws PaymentError
	 */
	private static function add_card( string $card_id, string $return_url, array $log ): string {
		if ( ! Plugin::extension_loaded() ) {
			throw new PaymentError( CustomerMessages::unavailable() );
		}
		try {
			$session = Call::run(
				'cc_addcard',
				$log + array( 'cardId' => $card_id ),
				static fn () => ClientFactory::client()->ccAddCard(
					array(
						'cardId'    => $card_id,
						'channel'   => CardProtocol::CHANNEL,
						'returnUrl' => $return_url,
					)
				)
			);
		} catch ( IotPayException $e ) {
			Logger::error( 'IOTPay did not start adding a card', $log + array( 'error' => $e->getMessage() ) );
			throw new PaymentError( CustomerMessages::for_start_failure( $e, ( new CardGateway() )->get_title() ) );
		}
		return $session->getRedirectUrl();
	}

	/** `woocommerce_api_iotpay_card`: the browser is back from IOTPay's add-card page. */
	public static function handle_return(): void {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- the order key, or the logged-in customer, is the authentication; nothing is believed from the query but which card to look up.
		$context = isset( $_GET['context'] ) ? sanitize_key( wp_unslash( (string) $_GET['context'] ) ) : '';
		if ( 'order' === $context ) {
			$order_id = isset( $_GET['order_id'] ) ? absint( $_GET['order_id'] ) : 0;
			$key      = isset( $_GET['key'] ) ? wc_clean( wp_unslash( (string) $_GET['key'] ) ) : '';
			$target   = self::return_to_order( $order_id, (string) $key );
		} else {
			$target = self::return_to_account( get_current_user_id() );
		}
		// phpcs:enable
		wp_safe_redirect( $target );
		exit;
	}

	/** Saves the order's card and charges it; the address to send the customer to. */
	public static function return_to_order( int $order_id, string $key ): string {
		$order = wc_get_order( $order_id );
		if ( ! $order instanceof \WC_Order || '' === $key || ! hash_equals( $order->get_order_key(), $key ) ) {
			return wc_get_page_permalink( 'checkout' );
		}
		$target = OrderLock::with( $order_id, static fn (): string => self::finish_for_order( $order_id ), 15 );
		if ( null === $target ) {
			wc_add_notice( __( 'This order is being updated. Please try again in a moment.', 'iotpay-for-woocommerce' ), 'error' );
			return $order->get_checkout_payment_url();
		}
		return $target;
	}

	private static function finish_for_order( int $order_id ): string {
		// The order as it is in the database now (under the lock), not as this
		// request loaded it before: it may have been paid or cancelled meanwhile.
		$order = OrderReader::fresh_order( $order_id );
		if ( ! $order instanceof \WC_Order ) {
			return wc_get_page_permalink( 'checkout' );
		}
		$status = $order->get_status();
		if ( in_array( $status, wc_get_is_paid_statuses(), true ) ) {
			return $order->get_checkout_order_received_url();
		}
		$card_id = (string) $order->get_meta( self::META );
		if ( '' === $card_id ) {
			// Done already (a reload), or never started: the order's own page says what is left to do.
			return $order->get_checkout_payment_url();
		}
		try {
			$token = self::confirm( $card_id, $order->get_customer_id() );
		} catch ( PaymentError $e ) {
			if ( $e instanceof CardNotAdded ) {
				$order->delete_meta_data( self::META );
				$order->save_meta_data();
			}
			wc_add_notice( $e->getMessage(), 'error' );
			return $order->get_checkout_payment_url();
		}
		$order->delete_meta_data( self::META );
		$order->save_meta_data();
		if ( Subscriptions::is_subscription( $order ) ) {
			// A subscription's new card (the customer's change of payment method): recorded, nothing charged.
			Renewals::set_credential( $order, $token->get_token(), Renewals::method_for( CardGateway::ID ) );
			wc_add_notice( __( 'Your card was saved; the next renewals of this subscription are charged to it.', 'iotpay-for-woocommerce' ) );
			return $order->get_view_order_url();
		}
		if ( ! in_array( $status, (array) apply_filters( 'woocommerce_valid_order_statuses_for_payment', array( 'pending', 'failed' ), $order ), true ) ) {
			// Cancelled (or otherwise closed) while the customer was on IOTPay's page: the card is kept, nothing is charged.
			$order->add_order_note(
				/* translators: 1: the saved card, e.g. "Visa ending in 4242 (expires 12/30)", 2: order status */
				sprintf( __( 'IOTPay confirmed the card the customer saved (%1$s), but the order was not charged: it can no longer be paid (status: %2$s).', 'iotpay-for-woocommerce' ), $token->get_display_name(), $status )
			);
			wc_add_notice( __( 'Your card was saved, but this order can no longer be paid, so nothing was charged.', 'iotpay-for-woocommerce' ), 'error' );
			return $order->get_view_order_url();
		}
		$order->add_order_note(
			/* translators: %s: the saved card, e.g. "Visa ending in 4242 (expires 12/30)" */
			sprintf( __( 'IOTPay confirmed the card the customer saved (%s); charging it.', 'iotpay-for-woocommerce' ), $token->get_display_name() )
		);
		try {
			Starter::ensure_attempt( $order, new CardGateway(), Device::detect(), false, array( 'card_id' => $token->get_token() ) );
		} catch ( PaymentError $e ) {
			wc_add_notice( $e->getMessage(), 'error' );
			return $order->get_checkout_payment_url();
		}
		return $order->get_checkout_order_received_url();
	}

	/**
	 * Saves the customer's new card; the payment methods page. Under the
	 * customer's lock, with the card being added re-read inside it: of two
	 * returns at once (a double click, a reload) the second finds the card
	 * saved and the setup finished.
	 */
	public static function return_to_account( int $user_id ): string {
		$list = wc_get_account_endpoint_url( 'payment-methods' );
		if ( $user_id <= 0 ) {
			return wc_get_page_permalink( 'myaccount' );
		}
		$done = OrderLock::with_user( $user_id, static fn (): bool => self::finish_for_account( $user_id ), 15 );
		if ( null === $done ) {
			wc_clear_notices();
			wc_add_notice( self::not_confirmed(), 'error' );
		}
		return $list;
	}

	private static function finish_for_account( int $user_id ): bool {
		// Not the user meta cache of this request: the other return may just have finished.
		wp_cache_delete( $user_id, 'user_meta' );
		$card_id = (string) get_user_meta( $user_id, self::META, true );
		if ( '' === $card_id ) {
			return true;
		}
		try {
			$token = self::confirm( $card_id, $user_id );
		} catch ( PaymentError $e ) {
			// WooCommerce said "Payment method successfully added." when the customer left for IOTPay's page.
			wc_clear_notices();
			wc_add_notice( $e->getMessage(), 'error' );
			if ( $e instanceof CardNotAdded ) {
				delete_user_meta( $user_id, self::META );
			}
			return false;
		}
		delete_user_meta( $user_id, self::META );
		Logger::info( 'card saved', array( 'user' => $user_id, 'token' => $token->get_id() ) );
		return true;
	}

	/**
	 * Asks IOTPay about the card and saves it as the customer's token.
	 *
	 * @throws CardNotAdded IOTPay has no card under this cardId: it was not added.
	 * @throws PaymentError Not known now (IOTPay not reachable …): the cardId is kept for another try.
	 */
	private static function confirm( string $card_id, int $user_id ): \WC_Payment_Token_CC {
		if ( ! Plugin::extension_loaded() ) {
			throw new PaymentError( CustomerMessages::unavailable() );
		}
		try {
			$info = Call::run( 'cc_querycard', array( 'cardId' => $card_id, 'user' => $user_id ), static fn () => ClientFactory::client()->ccQueryCard( $card_id ) );
		} catch ( GatewayException $e ) {
			if ( 'final' === $e->getClassification() ) {
				// "cardId is not binding": the card was not added (cancelled, refused).
				throw new CardNotAdded( __( 'Your card was not saved, and nothing was charged. Please try again, or use another card.', 'iotpay-for-woocommerce' ) );
			}
			throw new PaymentError( self::not_confirmed() );
		} catch ( IotPayException $e ) {
			throw new PaymentError( self::not_confirmed() );
		}
		return self::save_token( $user_id, $card_id, $info );
	}

	private static function not_confirmed(): string {
		return __( 'We could not confirm your card with IOTPay just now, and nothing was charged. Please try again in a moment.', 'iotpay-for-woocommerce' );
	}

	/**
	 * The WooCommerce token of an IOTPay card: the token is the cardId; last
	 * four digits, expiry and brand from cc_querycard. A card the customer
	 * already saved (same brand, last four digits and expiry) is not listed
	 * twice: its token now holds the new cardId, the one IOTPay just confirmed.
	 *
	 * @throws PaymentError
	 */
	public static function save_token( int $user_id, string $card_id, CardInfo $info ): \WC_Payment_Token_CC {
		$digits = preg_replace( '/\D/', '', (string) $info->getCardNum() ) ?? '';
		$expiry = (string) $info->getExpiryDate();
		$type   = self::card_type( $info );
		if ( strlen( $digits ) < 4 || ! preg_match( '/^(0[1-9]|1[0-2])(\d\d)$/', $expiry, $m ) ) {
			Logger::error( 'IOTPay described the card without its last digits or expiry', array( 'cardId' => $card_id ) );
			throw new PaymentError( self::not_confirmed() );
		}
		$last4 = substr( $digits, -4 );
		$year  = '20' . $m[2];
		$token = null;
		foreach ( \WC_Payment_Tokens::get_customer_tokens( $user_id, CardGateway::ID ) as $existing ) {
			if ( $existing instanceof \WC_Payment_Token_CC && $existing->get_token() === $card_id ) {
				return $existing; // This very card, saved already (a second return).
			}
			if ( null === $token && $existing instanceof \WC_Payment_Token_CC && $existing->get_last4() === $last4 && $existing->get_expiry_month() === $m[1] && $existing->get_expiry_year() === $year && $existing->get_card_type() === $type ) {
				// The same card added again: IOTPay now knows it under the new cardId,
				// which is the one confirmed and charged; the saved card is listed once.
				$token = $existing;
			}
		}
		$token ??= new \WC_Payment_Token_CC();
		$token->set_token( $card_id );
		$token->set_gateway_id( CardGateway::ID );
		$token->set_user_id( $user_id );
		$token->set_last4( $last4 );
		$token->set_expiry_month( $m[1] );
		$token->set_expiry_year( $year );
		$token->set_card_type( $type );
		CardAccount::record( $token );
		try {
			$token->save();
		} catch ( \Exception $e ) {
			Logger::error( 'the card could not be saved as a WooCommerce token', array( 'cardId' => $card_id, 'error' => $e->getMessage() ) );
			throw new PaymentError( self::not_confirmed() );
		}
		return $token;
	}

	/** WooCommerce's card type names (visa, mastercard …); Interac for IOTPay's D. */
	private static function card_type( CardInfo $info ): string {
		return match ( strtoupper( (string) $info->getBrand() ) ) {
			'V' => 'visa',
			'M' => 'mastercard',
			'D' => 'interac',
			default => 'card',
		};
	}
}
