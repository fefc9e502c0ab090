<?php
/**
 * Renewals charged to a saved card (Credit Card API V3 cc_purchasewithtoken):
 * the credential is the card's IOTPay cardId (the WooCommerce token's
 * token), kept on the subscription as `_iotpay_card_token`. A renewal is
 * refused before any call when the customer's account no longer holds the
 * card or the card has expired.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Recurring;

use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Gateway\CardGateway;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Checkout\CardAccount;

final class CardRenewals implements RenewalMethod {

	public const META = '_iotpay_card_token';

	public function gateway(): AbstractGateway {
		return CardGateway::shop_instance();
	}

	public function meta_key(): string {
		return self::META;
	}

	public function meta_label(): string {
		return __( 'IOTPay card ID (the token of a card saved in the customer\'s account)', 'iotpay-for-woocommerce' );
	}

	public function credential_of( Attempt $attempt ): string {
		return (string) ( $attempt->pay_data['cardId'] ?? '' );
	}

	public function refusal( \WC_Order $subscription, string $credential, int $amount, ?\WC_Order $renewal = null ): ?string {
		$token = self::token( $subscription->get_customer_id(), $credential );
		if ( null === $token ) {
			return __( 'The card saved for this subscription is no longer in the customer\'s account, so it was not charged. The customer can pay this renewal and choose another card, or you can give the subscription another saved card.', 'iotpay-for-woocommerce' );
		}
		if ( ! CardAccount::belongs( $token ) ) {
			return sprintf(
				/* translators: %s: the card, e.g. "Visa ending in 4242" */
				__( 'The card saved for this subscription (%s) was saved with another IOTPay merchant account than the one the shop uses now, so it was not charged: IOTPay knows that card only at the account it was saved with. The customer can pay this renewal with a card saved again, or you can switch back to that account.', 'iotpay-for-woocommerce' ),
				$token->get_display_name()
			);
		}
		$month = sprintf( '%04d%02d', (int) $token->get_expiry_year(), (int) $token->get_expiry_month() );
		if ( $month < gmdate( 'Ym' ) ) {
			return sprintf(
				/* translators: 1: the card, e.g. "Visa ending in 4242", 2: expiry month/year */
				__( 'The card saved for this subscription (%1$s) expired in %2$s, so it was not charged. The customer needs to update the subscription\'s payment method.', 'iotpay-for-woocommerce' ),
				$token->get_display_name(),
				$token->get_expiry_month() . '/' . $token->get_expiry_year()
			);
		}
		return null;
	}

	public function attempt_options( string $credential ): array {
		return array( 'card_id' => $credential );
	}

	public function describe( int $customer_id, string $credential ): string {
		$token = self::token( $customer_id, $credential );
		return null === $token ? '' : $token->get_display_name();
	}

	public function validate( \WC_Order $subscription, string $credential ): void {
		if ( '' === $credential ) {
			throw new \Exception( __( 'Enter the IOTPay card ID of one of the customer\'s saved cards.', 'iotpay-for-woocommerce' ) );
		}
		if ( null === self::token( $subscription->get_customer_id(), $credential ) ) {
			throw new \Exception( __( 'This IOTPay card ID is not one of the customer\'s saved cards.', 'iotpay-for-woocommerce' ) );
		}
	}

	/** The customer's saved card holding this cardId, if any. */
	private static function token( int $customer_id, string $card_id ): ?\WC_Payment_Token_CC {
		if ( $customer_id <= 0 || '' === $card_id || ! class_exists( \WC_Payment_Tokens::class ) ) {
			return null;
		}
		foreach ( CardAccount::all_tokens( $customer_id ) as $token ) {
			if ( $token instanceof \WC_Payment_Token_CC && $token->get_token() === $card_id ) {
				return $token;
			}
		}
		return null;
	}
}
