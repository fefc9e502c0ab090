<?php
/**
 * One IOTPay gateway as a Checkout Block payment method. The front end is
 * assets/js/blocks.js (plain script, no build step); payment itself runs
 * through the gateway's process_payment(), as for the classic checkout (the
 * Store API calls it: a subscription WeChat auto-debit cannot renew is
 * refused there, D72). WeChat Pay's data also carries the auto-debit line.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Blocks;

use Automattic\WooCommerce\Blocks\Payments\Integrations\AbstractPaymentMethodType;
use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Gateway\WeChatGateway;

final class PaymentMethod extends AbstractPaymentMethodType {

	public const SCRIPT = 'iotpay-wc-blocks';

	/** @var class-string<AbstractGateway> */
	private string $gateway_class;

	private ?AbstractGateway $gateway = null;

	/** @param class-string<AbstractGateway> $gateway_class */
	public function __construct( string $gateway_class ) {
		$this->gateway_class = $gateway_class;
		$this->name          = $gateway_class::ID;
	}

	public function initialize() {
		$this->settings = get_option( 'woocommerce_' . $this->name . '_settings', array() );
	}

	private function gateway(): AbstractGateway {
		return $this->gateway ??= new ( $this->gateway_class )();
	}

	public function is_active() {
		return $this->gateway()->is_available();
	}

	public function get_payment_method_script_handles() {
		if ( ! wp_script_is( self::SCRIPT, 'registered' ) ) {
			wp_register_script(
				self::SCRIPT,
				plugins_url( 'assets/js/blocks.js', IOTPAY_WC_FILE ),
				array( 'wc-blocks-registry', 'wc-settings', 'wp-element', 'wp-html-entities', 'wp-i18n' ),
				IOTPAY_WC_VERSION,
				true
			);
			wp_set_script_translations( self::SCRIPT, 'iotpay-for-woocommerce', IOTPAY_WC_DIR . '/languages' );
		}
		return array( self::SCRIPT );
	}

	/** @return array<string, mixed> */
	public function get_payment_method_data() {
		$g    = $this->gateway();
		$data = array(
			'title'       => $g->get_title(),
			'description' => $g->get_description(),
			'icon'        => $g->icon,
			'supports'    => array_values( array_filter( $g->supports, array( $g, 'supports' ) ) ),
		);
		// The classic checkout's line under WeChat Pay (auto-debit for the cart's
		// subscription, or why not), computed from the same cart; absent without
		// a subscription or without WooCommerce Subscriptions (D79).
		$auto_debit = $g instanceof WeChatGateway ? $g->auto_debit_text() : '';
		if ( '' !== $auto_debit ) {
			$data['autoDebit'] = $auto_debit;
		}
		return $data;
	}
}
