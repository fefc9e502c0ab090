<?php
/**
 * The IOTPay merchant account a saved card belongs to. IOTPay's cardId
 * exists only at the merchant account (mch_id, test or live) the card was
 * added with; after the shop switches account, charging it would go to the
 * wrong merchant. So the account is written on the token when the card is
 * saved, and a token of another account is hidden (checkout, My Account)
 * and refused (checkout, renewals). A token saved before accounts were
 * recorded counts as the current account's (D80).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

use IotPay\WooCommerce\Api\MerchantAccount;
use IotPay\WooCommerce\Gateway\CardGateway;
use IotPay\WooCommerce\Payment\Protocol;

final class CardAccount {

	public const META_MCH_ID = '_iotpay_mch_id';
	public const META_TEST   = '_iotpay_test_mode';

	/** While set, the token filter lets every token through (a caller that must tell "another account" from "gone"). */
	private static bool $unfiltered = false;

	/** Writes the account cards are saved with now on the token (saved by the caller). */
	public static function record( \WC_Payment_Token $token ): void {
		$account = MerchantAccount::current( Protocol::V3 );
		$token->update_meta_data( self::META_MCH_ID, $account->mch_id );
		$token->update_meta_data( self::META_TEST, $account->test ? '1' : '0' );
	}

	/** Whether the token's card can be charged with the account the settings use now. */
	public static function belongs( \WC_Payment_Token $token ): bool {
		$mch_id = (string) $token->get_meta( self::META_MCH_ID );
		if ( '' === $mch_id ) {
			return true; // Saved before accounts were recorded (D80).
		}
		$account = MerchantAccount::current( Protocol::V3 );
		return $mch_id === $account->mch_id && ( '1' === (string) $token->get_meta( self::META_TEST ) ) === $account->test;
	}

	/**
	 * `woocommerce_get_customer_payment_tokens`: the cards of another account
	 * are left out of the checkout's saved cards and My Account's list.
	 *
	 * @param mixed $tokens
	 * @return mixed
	 */
	public static function filter_tokens( $tokens ) {
		if ( self::$unfiltered || ! is_array( $tokens ) ) {
			return $tokens;
		}
		return array_filter( $tokens, static fn ( $t ) => ! $t instanceof \WC_Payment_Token || CardGateway::ID !== $t->get_gateway_id() || self::belongs( $t ) );
	}

	/** @return array<int, \WC_Payment_Token> the customer's cards of this gateway, of any account. */
	public static function all_tokens( int $customer_id ): array {
		self::$unfiltered = true;
		try {
			return \WC_Payment_Tokens::get_customer_tokens( $customer_id, CardGateway::ID );
		} finally {
			self::$unfiltered = false;
		}
	}
}
