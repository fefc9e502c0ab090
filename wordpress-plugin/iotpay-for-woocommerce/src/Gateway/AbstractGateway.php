<?php
/**
 * What every IOTPay wallet gateway shares. Subclasses only name their
 * channels per device and their texts.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Gateway;

use IotPay\Money;
use IotPay\WooCommerce\Admin\SettingsScreen;
use IotPay\WooCommerce\Checkout\Device;
use IotPay\WooCommerce\Payment\PaymentError;
use IotPay\WooCommerce\Payment\Starter;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Refund\RefundService;
use IotPay\WooCommerce\Settings\SharedSettings;

abstract class AbstractGateway extends \WC_Payment_Gateway {

	public const ID = '';

	/** Channel for a device, in order of preference; the first accepting the currency wins. @return list<string> */
	abstract protected function channels( Device $device ): array;

	abstract protected function default_title(): string;

	abstract public function scan_instructions(): string;

	public function __construct() {
		$this->id                 = static::ID;
		$this->has_fields         = false;
		$this->supports           = array( 'products', 'refunds' );
		$this->method_title       = $this->default_title() . ' (IOTPay)';
		$this->method_description = __( 'Takes payments through IOTPay. Desktop customers scan a QR code; mobile customers are sent to the wallet.', Plugin::TEXT_DOMAIN );
		$this->icon               = plugins_url( 'assets/images/' . static::ID . '.svg', IOTPAY_WC_FILE );
		$this->init_form_fields();
		$this->init_settings();
		$this->title       = (string) $this->get_option( 'title', $this->default_title() );
		$this->description = (string) $this->get_option( 'description', '' );
		$this->enabled     = (string) $this->get_option( 'enabled', 'no' );
		add_action( 'woocommerce_update_options_payment_gateways_' . $this->id, array( $this, 'process_admin_options' ) );
	}

	public function init_form_fields() {
		$d                 = Plugin::TEXT_DOMAIN;
		$this->form_fields = array(
			'enabled'     => array(
				'title'   => __( 'Enable/Disable', $d ),
				'type'    => 'checkbox',
				/* translators: %s: wallet name */
				'label'   => sprintf( __( 'Enable %s', $d ), $this->default_title() ),
				'default' => 'no',
			),
			'title'       => array(
				'title'   => __( 'Title', $d ),
				'type'    => 'text',
				'default' => $this->default_title(),
			),
			'description' => array(
				'title'   => __( 'Description', $d ),
				'type'    => 'textarea',
				'default' => '',
			),
		);
	}

	/** The channel used for this device and currency, or null if none accepts the currency. */
	public function channel_for( Device $device, string $currency ): ?string {
		foreach ( $this->channels( $device ) as $channel ) {
			if ( Money::isSupported( $channel, $currency ) ) {
				return $channel;
			}
		}
		return null;
	}

	/** Every currency some channel of this gateway accepts. @return list<string> */
	public function currencies(): array {
		$all = array();
		foreach ( array( Device::Desktop, Device::Mobile, Device::WeChat ) as $device ) {
			foreach ( $this->channels( $device ) as $channel ) {
				$all = array_merge( $all, Money::currenciesFor( $channel ) );
			}
		}
		return array_values( array_unique( $all ) );
	}

	public function is_available() {
		if ( ! parent::is_available() || ! Plugin::extension_loaded() || ! SharedSettings::instance()->is_configured() ) {
			return false;
		}
		$currency = $this->checkout_currency();
		return null !== $this->channel_for( Device::detect(), $currency );
	}

	/** The order's currency on the order-pay page, else the store's. */
	private function checkout_currency(): string {
		global $wp;
		$order_id = isset( $wp->query_vars['order-pay'] ) ? absint( $wp->query_vars['order-pay'] ) : 0;
		if ( $order_id > 0 ) {
			$order = wc_get_order( $order_id );
			if ( $order instanceof \WC_Order ) {
				return $order->get_currency();
			}
		}
		return get_woocommerce_currency();
	}

	/**
	 * @param int $order_id Order ID.
	 * @return array{result: string, redirect?: string}
	 */
	public function process_payment( $order_id ) {
		$order = wc_get_order( $order_id );
		if ( ! $order instanceof \WC_Order ) {
			return array( 'result' => 'failure' );
		}
		try {
			$attempt = Starter::ensure_attempt( $order, $this, Device::detect() );
		} catch ( PaymentError $e ) {
			wc_add_notice( $e->getMessage(), 'error' );
			return array( 'result' => 'failure' );
		}
		$redirect = (string) ( $attempt->pay_data['redirectUrl'] ?? '' );
		if ( '' === $redirect ) {
			// QR flows: our own payment page (the receipt hook on order-pay).
			$redirect = $order->get_checkout_payment_url( true );
		}
		if ( function_exists( 'WC' ) && WC()->cart ) {
			WC()->cart->empty_cart();
		}
		return array(
			'result'   => 'success',
			'redirect' => $redirect,
		);
	}

	/**
	 * @param int        $order_id Order ID.
	 * @param float|null $amount   Refund amount (WooCommerce passes a decimal string or float).
	 * @param string     $reason   Refund reason.
	 * @return bool|\WP_Error
	 */
	public function process_refund( $order_id, $amount = null, $reason = '' ) {
		return RefundService::refund( (int) $order_id, $amount, (string) $reason );
	}

	/** WooCommerce's gateway screen (heading, description, fields), with the link to the shared IOTPay account settings. */
	public function admin_options() {
		echo '<h2>' . esc_html( $this->get_method_title() );
		wc_back_link( __( 'Return to payments', 'iotpay-for-woocommerce' ), admin_url( 'admin.php?page=wc-settings&tab=checkout' ) );
		echo '</h2>';
		echo wp_kses_post( wpautop( $this->get_method_description() ) );
		SettingsScreen::render_gateway_intro( $this );
		echo '<table class="form-table">' . $this->generate_settings_html( $this->get_form_fields(), false ) . '</table>'; // phpcs:ignore WordPress.Security.EscapeOutput -- WC_Settings_API escapes each field.
	}

	public static function for_order( \WC_Order $order ): ?self {
		$id = $order->get_payment_method();
		foreach ( Plugin::GATEWAYS as $class ) {
			if ( $class::ID === $id ) {
				return new $class();
			}
		}
		return null;
	}
}
