<?php
/**
 * The card gateway's payment page (the order-pay receipt hook). Embedded
 * mode: IOTPay's own card form (iotpaycc.js, mounted with the purchase's
 * secureId, spec §15.5) inside our page — the card goes from the customer's
 * browser to IOTPay, never to the shop; when the form reports success (or
 * gives up waiting) the browser goes to the thank-you page, which asks
 * IOTPay before saying anything (ReturnHandler). If IOTPay's script cannot be
 * loaded, the page offers IOTPay's hosted page for the same purchase instead.
 * Redirect mode: a button to IOTPay's hosted page.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

use IotPay\WooCommerce\Gateway\CardGateway;
use IotPay\WooCommerce\Payment\PaymentError;
use IotPay\WooCommerce\Payment\Starter;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Settings\SharedSettings;
use IotPay\WooCommerce\Payment\OrderReader;

final class CardPage {

	/** Handle of IOTPay's card form script (iotpaycc.js). */
	public const IOTPAY_SCRIPT = 'iotpay-wc-iotpaycc';

	/** Handle of assets/js/card-form.js. */
	public const SCRIPT = 'iotpay-wc-card-form';

	/** IOTPay's production script (§15.5). */
	public const IOTPAY_SCRIPT_URL = 'https://ccapi.iotpaycloud.com/cc/iotpaycc.js';

	public const FORM        = 'form';
	public const REDIRECT    = 'redirect';
	public const PAID        = 'paid';
	public const NOT_STARTED = 'not_started';
	public const UNAVAILABLE = 'unavailable';

	public static function render( $order_id ): void {
		$page = OrderPayPage::open( $order_id, CardGateway::class );
		if ( null === $page ) {
			return;
		}
		[ $order, $gateway ] = $page;
		$vars                = array(
			'state'        => self::NOT_STARTED,
			'error'        => '',
			'secure_id'    => '',
			'redirect_url' => '',
		) + OrderPayPage::vars( $order, $gateway );
		if ( ! Plugin::extension_loaded() ) {
			OrderPayPage::template( 'card-payment.php', array( 'state' => self::UNAVAILABLE, 'error' => CustomerMessages::unavailable() ) + $vars );
			return;
		}
		if ( StatusController::is_paid( $order ) ) {
			OrderPayPage::template( 'card-payment.php', array( 'state' => self::PAID ) + $vars );
			return;
		}
		try {
			// The open purchase of this order (a recent one is reused), else a new one.
			$attempt = Starter::ensure_attempt( $order, $gateway, Device::detect() );
		} catch ( PaymentError $e ) {
			OrderPayPage::template( 'card-payment.php', array( 'error' => $e->getMessage() ) + $vars );
			return;
		}
		if ( StatusController::is_paid( OrderReader::fresh_order( $order->get_id() ) ) ) {
			OrderPayPage::template( 'card-payment.php', array( 'state' => self::PAID ) + $vars );
			return;
		}
		$vars['redirect_url'] = (string) ( $attempt->pay_data['redirectUrl'] ?? '' );
		$vars['secure_id']    = (string) ( $attempt->pay_data['secureId'] ?? '' );
		if ( CardGateway::MODE_EMBEDDED === $gateway->mode() && '' !== $vars['secure_id'] ) {
			$vars['state'] = self::FORM;
			self::enqueue_form( $vars['secure_id'], $vars['thank_you'], $vars['redirect_url'] );
		} elseif ( '' !== $vars['redirect_url'] ) {
			$vars['state'] = self::REDIRECT;
		} else {
			$vars['error'] = CustomerMessages::not_started( $gateway->get_title() );
		}
		OrderPayPage::template( 'card-payment.php', $vars );
	}

	/** Where iotpaycc.js is served: IOTPay's card host, or the host of the Credit Card API override (a sandbox). */
	public static function iotpay_script_url(): string {
		$url  = self::IOTPAY_SCRIPT_URL;
		$base = SharedSettings::instance()->cc_base_url();
		if ( '' !== $base ) {
			$p = wp_parse_url( $base );
			if ( is_array( $p ) && ! empty( $p['scheme'] ) && ! empty( $p['host'] ) ) {
				$url = $p['scheme'] . '://' . $p['host'] . ( isset( $p['port'] ) ? ':' . $p['port'] : '' ) . '/cc/iotpaycc.js';
			}
		}
		/** Filters the URL of IOTPay's embedded card form script. */
		return (string) apply_filters( 'iotpay_wc_card_script_url', $url );
	}

	private static function enqueue_form( string $secure_id, string $thank_you, string $hosted ): void {
		wp_enqueue_script( self::IOTPAY_SCRIPT, self::iotpay_script_url(), array(), null, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion -- IOTPay's script, no version of ours.
		wp_enqueue_script( self::SCRIPT, plugins_url( 'assets/js/card-form.js', IOTPAY_WC_FILE ), array( self::IOTPAY_SCRIPT, 'wp-i18n' ), IOTPAY_WC_VERSION, true );
		wp_set_script_translations( self::SCRIPT, 'iotpay-for-woocommerce', IOTPAY_WC_DIR . '/languages' );
		wp_localize_script(
			self::SCRIPT,
			'iotpayWcCard',
			array(
				'secureId' => $secure_id,
				'thankYou' => $thank_you,
				'hosted'   => $hosted,
			)
		);
	}
}
