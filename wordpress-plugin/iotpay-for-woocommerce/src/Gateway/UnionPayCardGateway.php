<?php
/**
 * UnionPay card (IOTPay): UnionPay ExpressPay, the Credit Card API V3 with
 * channel UPI_EX (spec §3.3, §15.14) — UnionPay credit, debit and prepaid
 * cards issued outside mainland China, Hong Kong and Macau. Everything else
 * is the card gateway's: IOTPay's hosted page or embedded form (the form
 * may give up waiting on a UnionPay card, "Timeout": the thank-you page asks
 * IOTPay), the same notification, void-or-refund rule (D31) and refunds.
 * Saved cards are not offered here (SPEC-DECISIONS D37).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Gateway;

use IotPay\WooCommerce\Checkout\Device;
use IotPay\WooCommerce\Payment\CardProtocol;

final class UnionPayCardGateway extends CardGateway {

	public const ID = 'iotpay_upi_card';

	protected const DEFAULT_TITLE = 'UnionPay card';

	public function __construct() {
		parent::__construct();
		$this->method_description = __( 'Takes UnionPay cards (UnionPay ExpressPay) through IOTPay. Customers enter their card on IOTPay\'s secure page, or in IOTPay\'s card form shown on your site: no card data passes through your shop.', 'iotpay-for-woocommerce' );
		$this->supports           = array( 'products', 'refunds' );
	}

	protected function card_channel(): string {
		return CardProtocol::CHANNEL_UPI;
	}

	protected function default_title(): string {
		return __( 'UnionPay card', 'iotpay-for-woocommerce' );
	}

	protected function checkout_description( Device $device, ?string $channel ): string {
		if ( self::MODE_EMBEDDED === $this->mode() ) {
			return __( 'After you place your order, enter your UnionPay card in IOTPay\'s secure card form.', 'iotpay-for-woocommerce' );
		}
		return __( 'You will enter your UnionPay card on IOTPay\'s secure payment page.', 'iotpay-for-woocommerce' );
	}

	public function init_form_fields() {
		parent::init_form_fields();
		unset( $this->form_fields['saved_cards'] );
		$this->form_fields['mode']['description'] = __( 'Either way the card is entered into IOTPay\'s own page or form, never into your shop.', 'iotpay-for-woocommerce' );
	}

	public function saved_cards_enabled(): bool {
		return false;
	}
}
