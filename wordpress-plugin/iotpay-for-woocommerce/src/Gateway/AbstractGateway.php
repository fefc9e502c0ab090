<?php
/**
 * What every IOTPay gateway shares: settings, availability (extension loaded,
 * account configured, a channel for the currency), the payment start through
 * Starter and the refunds through RefundService. Wallet subclasses only name
 * their channels per device and their texts; the card gateway (CardGateway,
 * Credit Card API V3) also overrides the checkout form and process_payment().
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Gateway;

use IotPay\Money;
use IotPay\WooCommerce\Admin\SettingsScreen;
use IotPay\WooCommerce\Checkout\Device;
use IotPay\WooCommerce\Payment\AlreadyPaid;
use IotPay\WooCommerce\Payment\OrderReader;
use IotPay\WooCommerce\Payment\PaymentError;
use IotPay\WooCommerce\Payment\Protocol;
use IotPay\WooCommerce\Payment\Protocols;
use IotPay\WooCommerce\Payment\Starter;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Refund\RefundService;
use IotPay\WooCommerce\Settings\SharedSettings;

abstract class AbstractGateway extends \WC_Payment_Gateway {

	public const ID = '';

	/** Channels shown as a QR code on our own payment page; the others redirect to the wallet. */
	public const QR_CHANNELS = array( 'WX_NATIVE', 'ALIPAY_QR', 'UPI_QR' );

	/** Channel for a device, in order of preference; the first accepting the currency wins. @return list<string> */
	abstract protected function channels( Device $device ): array;

	/** The wallet's name in English, as default_title() translates it. */
	protected const DEFAULT_TITLE = '';

	/** The Checkout Block script that registers this gateway: assets/js/<this>.js (Blocks\PaymentMethod). */
	public const BLOCK_SCRIPT = 'blocks';

	/** The wallet's name in the shop's language. */
	abstract protected function default_title(): string;

	/** The wallet's name in the current language (e.g. 微信支付), whatever title the merchant chose. */
	public function wallet_name(): string {
		return $this->default_title();
	}

	/** How to pay a QR code of this wallet shown on a computer screen. */
	abstract public function scan_instructions(): string;

	/**
	 * What happens after "Place order", in the customer's words, for a device
	 * and the channel it gets (null: the wallet cannot be opened in this browser).
	 */
	abstract protected function checkout_description( Device $device, ?string $channel ): string;

	/**
	 * Whether this wallet cannot be opened from the browser the customer is
	 * in (e.g. Alipay inside WeChat, which blocks it): the customer is then
	 * asked to open the payment page in another browser instead of being sent
	 * to a page that will not load.
	 */
	public function needs_other_browser( Device $device ): bool {
		return false;
	}

	/** The API family of this gateway's payments (Payment\Protocol::V1, V3 or SUNBAY). */
	public function family(): string {
		return Protocol::V1;
	}

	public function __construct() {
		$this->id                 = static::ID;
		$this->has_fields         = false;
		$this->supports           = array( 'products', 'refunds' );
		$this->method_title       = $this->default_title() . ' (IOTPay)';
		$this->method_description = __( 'Takes payments through IOTPay. Customers on a computer scan a QR code; customers on a phone are sent to the wallet app or shown how to pay on the same phone.', 'iotpay-for-woocommerce' );
		$this->icon               = plugins_url( 'assets/images/' . static::ID . '.svg', IOTPAY_WC_FILE );
		$this->init_form_fields();
		$this->init_settings();
		$this->title       = (string) $this->get_option( 'title', $this->default_title() );
		if ( static::DEFAULT_TITLE === $this->title ) {
			// The untouched default, saved from an English screen: shown in the shop's language.
			$this->title = $this->default_title();
		}
		$this->description = (string) $this->get_option( 'description', '' );
		if ( '' === trim( $this->description ) ) {
			$this->description = $this->checkout_description_for( Device::detect(), $this->checkout_currency() );
		}
		$this->enabled = (string) $this->get_option( 'enabled', 'no' );
		add_action( 'woocommerce_update_options_payment_gateways_' . $this->id, array( $this, 'process_admin_options' ) );
	}

	public function init_form_fields() {
		$this->form_fields = array(
			'enabled'     => array(
				'title'   => __( 'Enable/Disable', 'iotpay-for-woocommerce' ),
				'type'    => 'checkbox',
				/* translators: %s: wallet name */
				'label'   => sprintf( __( 'Enable %s', 'iotpay-for-woocommerce' ), $this->default_title() ),
				'default' => 'no',
			),
			'title'       => array(
				'title'   => __( 'Title', 'iotpay-for-woocommerce' ),
				'type'    => 'text',
				'default' => $this->default_title(),
			),
			'description' => array(
				'title'       => __( 'Description', 'iotpay-for-woocommerce' ),
				'type'        => 'textarea',
				'default'     => '',
				'description' => __( 'Shown at checkout. Leave empty to show instructions that fit the customer\'s device (QR code on a computer, the wallet app on a phone).', 'iotpay-for-woocommerce' ),
			),
		);
	}

	/** The channel used for this device and currency, or null if none accepts the currency. */
	public function channel_for( Device $device, string $currency ): ?string {
		if ( ! Plugin::extension_loaded() ) {
			return null; // Nothing can be paid without the extension (and its channel table is in it).
		}
		foreach ( $this->channels( $device ) as $channel ) {
			if ( Money::isSupported( $channel, $currency ) ) {
				return $channel;
			}
		}
		return null;
	}

	/** The checkout description shown when the merchant wrote none. */
	public function checkout_description_for( Device $device, string $currency ): string {
		if ( ! Plugin::extension_loaded() ) {
			return '';
		}
		return $this->checkout_description( $device, $this->needs_other_browser( $device ) ? null : $this->channel_for( $device, $currency ) );
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
		if ( ! parent::is_available() || ! Plugin::extension_loaded() || ! $this->is_account_connected() ) {
			return false;
		}
		$device = Device::detect();
		if ( $this->needs_other_browser( $device ) ) {
			// Offered: the customer is shown how to finish in the phone's browser.
			$device = Device::Mobile;
		}
		return null !== $this->channel_for( $device, $this->checkout_currency() );
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
		return function_exists( 'get_woocommerce_currency' ) ? get_woocommerce_currency() : '';
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
		$device = Device::detect();
		if ( $this->needs_other_browser( $device ) ) {
			// No IOTPay order yet: our payment page explains how to open it in the phone's browser.
			$redirect = $order->get_checkout_payment_url( true );
		} else {
			try {
				$attempt = Starter::ensure_attempt( $order, $this, $device );
			} catch ( AlreadyPaid $e ) {
				return array(
					'result'   => 'success',
					'redirect' => $order->get_checkout_order_received_url(),
				);
			} catch ( PaymentError $e ) {
				return $this->refused( $e->getMessage(), $order, $e->noted );
			}
			$redirect = (string) ( $attempt->pay_data['redirectUrl'] ?? '' );
			if ( $this->is_paid( $order ) ) {
				// The lost answer of an earlier try had been paid after all.
				$redirect = $order->get_checkout_order_received_url();
			} elseif ( '' === $redirect ) {
				// QR flows: our own payment page (the receipt hook on order-pay).
				$redirect = $order->get_checkout_payment_url( true );
			}
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
	 * A payment refused at checkout, with the reason in the customer's words.
	 * The classic checkout shows the notice. The Store API (Checkout block)
	 * discards notices after process_payment() on WooCommerce 7.9 and shows a
	 * generic error, but on 7.9 and 11.x alike it shows the message of an
	 * exception thrown while it processes the payment
	 * (`woocommerce_rest_checkout_process_payment_with_context`), so there the
	 * reason is thrown — plain text, as the Store API escapes it.
	 *
	 * Either way WooCommerce leaves the order pending without a word, so the
	 * order gets a note with the same reason, unless the plugin already
	 * wrote one on the way ($noted).
	 *
	 * @return array{result: string}
	 * @throws \Exception In a Store API checkout.
	 */
	protected function refused( string $message, ?\WC_Order $order = null, bool $noted = false ): array {
		if ( null !== $order && ! $noted ) {
			$order->add_order_note(
				sprintf(
					/* translators: 1: provider name (IOTPay or SUNBAY), 2: payment method title, 3: the reason the customer was shown */
					__( '%1$s payment (%2$s) refused at checkout; the order stays pending. Reason shown to the customer: %3$s', 'iotpay-for-woocommerce' ),
					Protocols::name( $this->family() ),
					$this->get_title(),
					wp_strip_all_tags( $message )
				)
			);
		}
		if ( doing_action( 'woocommerce_rest_checkout_process_payment_with_context' ) ) {
			throw new \Exception( wp_strip_all_tags( $message ) ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- plain text; the Store API escapes it.
		}
		wc_add_notice( $message, 'error' );
		return array( 'result' => 'failure' );
	}

	private function is_paid( \WC_Order $order ): bool {
		$fresh = OrderReader::fresh_order( $order->get_id() );
		return $fresh instanceof \WC_Order && $fresh->is_paid();
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

	/**
	 * What this gateway adds to its Checkout Block data (Blocks\PaymentMethod
	 * gives every gateway its title, description, icon and features).
	 *
	 * @return array<string, mixed>
	 */
	public function block_data(): array {
		return array();
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

	/*
	 * WooCommerce 9.x–11's Payments page (Settings → Payments, a React list of
	 * providers) asks each gateway these, when it has them: without an IOTPay
	 * account configured, a method's row says it needs setup and its
	 * "Complete setup" action opens the shared IOTPay account settings
	 * (credentials, test/live, connection test) — the one page of ours that
	 * has no row of its own there. WooCommerce 7.9 does not call them.
	 */

	/** Whether this method's provider account is configured (IOTPay: merchant id and key of the current mode). */
	public function is_account_connected(): bool {
		return SharedSettings::instance()->is_configured();
	}

	/** WC_Payment_Gateway::needs_setup(): the method cannot take payments before the account is set. */
	public function needs_setup() {
		return ! $this->is_account_connected();
	}

	/** Where "Complete setup" leads: the shared IOTPay account settings. */
	public function get_connection_url( $return_url = '' ): string {
		return SettingsScreen::url();
	}

	/**
	 * The shop's own instance of this gateway (the one WooCommerce loaded,
	 * with the settings and hooks it has), else a new one (WooCommerce's
	 * gateways not loaded, e.g. a renewal run from a scheduled action).
	 */
	public static function shop_instance(): static {
		$all = function_exists( 'WC' ) && WC()->payment_gateways() ? WC()->payment_gateways()->payment_gateways() : array();
		$gw  = $all[ static::ID ] ?? null;
		return $gw instanceof static ? $gw : new static();
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
