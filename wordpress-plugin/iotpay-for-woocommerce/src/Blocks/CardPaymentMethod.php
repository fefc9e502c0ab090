<?php
/**
 * The card gateway as a Checkout Block payment method, with saved cards: its
 * data tells the block the gateway's features (tokenization included) and to
 * show the customer's saved IOTPay cards and the "save" option, so the block
 * sends `wc-iotpay_card-payment-token` / `wc-iotpay_card-new-payment-method`
 * exactly as the classic checkout posts them. Front end: assets/js/card-blocks.js
 * (plain script, no build step). Payment runs through the gateway's
 * process_payment(), as for the classic checkout.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Blocks;

use Automattic\WooCommerce\Blocks\Payments\Integrations\AbstractPaymentMethodType;
use IotPay\WooCommerce\Gateway\CardGateway;

final class CardPaymentMethod extends AbstractPaymentMethodType {

	public const SCRIPT = 'iotpay-wc-card-blocks';

	private ?CardGateway $gateway = null;

	/** @var class-string<CardGateway> */
	private string $class;

	/** @param class-string<CardGateway> $class The card gateway (all cards, or UnionPay cards). */
	public function __construct( string $class = CardGateway::class ) {
		$this->class = $class;
		$this->name  = $class::ID;
	}

	public function initialize() {
		$this->settings = get_option( 'woocommerce_' . $this->name . '_settings', array() );
	}

	private function gateway(): CardGateway {
		return $this->gateway ??= new ( $this->class )();
	}

	public function is_active() {
		return $this->gateway()->is_available();
	}

	public function get_payment_method_script_handles() {
		if ( ! wp_script_is( self::SCRIPT, 'registered' ) ) {
			wp_register_script(
				self::SCRIPT,
				plugins_url( 'assets/js/card-blocks.js', IOTPAY_WC_FILE ),
				array( 'wc-blocks-registry', 'wc-settings', 'wp-element', 'wp-html-entities', 'wp-i18n' ),
				IOTPAY_WC_VERSION,
				true
			);
			wp_set_script_translations( self::SCRIPT, 'iotpay-for-woocommerce', IOTPAY_WC_DIR . '/languages' );
		}
		return array( self::SCRIPT );
	}

	/** The gateway's features, as WooCommerce's own gateways report them. @return list<string> */
	public function get_supported_features() {
		$g = $this->gateway();
		return array_values( array_filter( $g->supports, array( $g, 'supports' ) ) );
	}

	/** @return array<string, mixed> */
	public function get_payment_method_data() {
		$g            = $this->gateway();
		$tokens       = $g->supports( 'tokenization' );
		$subscription = $g->subscription_text();
		$data         = array(
			'title'          => $g->get_title(),
			'description'    => $g->get_description(),
			'icon'           => $g->icon,
			'supports'       => $this->get_supported_features(),
			'showSavedCards' => $tokens,
			// A subscription's new card is always saved (D66): no "save" choice to untick.
			'showSaveOption' => $tokens && '' === $subscription,
		);
		if ( '' !== $subscription ) {
			$data['subscription'] = $subscription;
		}
		return $data;
	}
}
