<?php
/**
 * Our payment page (the order-pay receipt hook): the QR code rendered by the
 * extension with the amount, a countdown to its expiry, instructions that fit
 * the customer's device, a way back (another payment method, cancel); it
 * polls the status endpoint and moves on when paid, and offers a new code
 * when the old one expired or was cancelled.
 *
 * A new IOTPay order is only ever created by the first visit or by an
 * explicit click: an attempt IOTPay could not start (no payment URL or
 * code, a refusal, an unreadable answer) is shown as such, never as an
 * expired QR code that would create another unpayable order on each click.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

use IotPay\Qr;
use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\PaymentError;
use IotPay\WooCommerce\Payment\Starter;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Rest\Routes;

final class PaymentPage {

	public const RETRY_NONCE = 'iotpay_wc_retry';

	/** Handle of assets/js/qr-page.js. */
	public const SCRIPT = 'iotpay-wc-qr';

	/** Page states (the template's `$state`). */
	public const QR            = 'pending';
	public const WALLET        = 'wallet';
	public const PAID          = 'paid';
	public const EXPIRED       = 'expired';
	public const NOT_STARTED   = 'not_started';
	public const OTHER_BROWSER = 'other_browser';
	public const UNAVAILABLE   = 'unavailable';

	public static function render( $order_id ): void {
		$page = OrderPayPage::open( $order_id, AbstractGateway::class );
		if ( null === $page ) {
			return;
		}
		[ $order, $gateway ] = $page;
		if ( ! Plugin::extension_loaded() ) {
			// Nothing can be created or checked; the order stays as it is.
			OrderPayPage::template( 'qr-payment.php', self::vars( $order, $gateway, self::UNAVAILABLE, array( 'error' => CustomerMessages::unavailable() ) ) );
			return;
		}
		$device = Device::detect();
		if ( $gateway->needs_other_browser( $device ) && ! StatusController::is_paid( $order ) ) {
			self::enqueue_script( $order, self::OTHER_BROWSER, 0 );
			OrderPayPage::template( 'qr-payment.php', self::vars( $order, $gateway, self::OTHER_BROWSER ) );
			return;
		}

		$error   = '';
		$clicked = false;
		if ( 'POST' === ( $_SERVER['REQUEST_METHOD'] ?? '' ) && isset( $_POST['iotpay_retry'] ) ) {
			$nonce = isset( $_POST['_wpnonce'] ) ? sanitize_text_field( wp_unslash( (string) $_POST['_wpnonce'] ) ) : '';
			if ( wp_verify_nonce( $nonce, self::RETRY_NONCE . $order->get_id() ) ) {
				$clicked = true;
				try {
					Starter::ensure_attempt( $order, $gateway, $device, true );
				} catch ( PaymentError $e ) {
					$error = $e->getMessage();
				}
			}
		}
		$status  = StatusController::status( $order );
		$attempt = Attempts::for_order( $order->get_id() )[0] ?? null;
		$first   = null === $attempt && 'paid' !== $status;
		if ( ! $clicked && ( $first || ( 'pending' === $status && self::needs_new_attempt( $attempt, $gateway, $device, $order->get_currency() ) ) ) ) {
			// First visit, or the page opened on another kind of device (e.g.
			// the link copied into WeChat): start (or reuse) the fitting attempt.
			try {
				$attempt = Starter::ensure_attempt( $order, $gateway, $device );
				$status  = StatusController::status( $order );
			} catch ( PaymentError $e ) {
				$error   = $e->getMessage();
				$attempt = Attempts::for_order( $order->get_id() )[0] ?? null;
			}
		}

		$content = $attempt ? (string) ( $attempt->pay_data['codeUrl'] ?? $attempt->pay_data['qrCode'] ?? '' ) : '';
		$wallet  = $attempt ? (string) ( $attempt->pay_data['redirectUrl'] ?? '' ) : '';
		$state   = self::state( $status, $attempt, $content, $wallet );
		$svg     = '';
		if ( self::QR === $state ) {
			try {
				$svg = Qr::svg( $content, 240 );
			} catch ( \IotPay\Exception\IotPayException $e ) {
				$state = self::NOT_STARTED;
			}
		}
		if ( self::NOT_STARTED === $state && '' === $error ) {
			$error = CustomerMessages::not_started( $gateway->get_title() );
		}
		$remaining = $attempt ? max( 0, Starter::QR_LIFETIME - $attempt->age() ) : 0;

		if ( in_array( $state, array( self::QR, self::PAID ), true ) ) {
			self::enqueue_script( $order, $state, $remaining );
		}
		OrderPayPage::template(
			'qr-payment.php',
			self::vars(
				$order,
				$gateway,
				$state,
				array(
					'svg'       => $svg,
					'error'     => $error,
					'wallet'    => $wallet,
					'remaining' => $remaining,
					'mobile'    => Device::Desktop !== $device,
				)
			)
		);
	}

	/** Whether this visit should start (or pick) an attempt for the current device rather than show the latest one. */
	private static function needs_new_attempt( Attempt $attempt, AbstractGateway $gateway, Device $device, string $currency ): bool {
		$channel = $gateway->channel_for( $device, $currency );
		return null !== $channel && $attempt->channel !== $channel && Attempt::PAID !== $attempt->state;
	}

	private static function state( string $status, ?Attempt $attempt, string $content, string $wallet ): string {
		if ( 'paid' === $status ) {
			return self::PAID;
		}
		if ( null === $attempt ) {
			return self::NOT_STARTED;
		}
		if ( '' === $content && '' === $wallet ) {
			// Never had anything to pay with: not an expired code.
			return self::NOT_STARTED;
		}
		if ( 'pending' === $status ) {
			return '' !== $content ? self::QR : self::WALLET;
		}
		return self::EXPIRED;
	}

	/**
	 * `document_title_parts`: the browser tab of our payment page says what it
	 * is ("Pay with WeChat Pay") instead of the checkout page's title.
	 *
	 * @param array<string, string> $parts Title parts.
	 * @return array<string, string>
	 */
	public static function document_title( $parts ) {
		global $wp;
		if ( ! is_array( $parts ) || ! isset( $wp->query_vars['order-pay'] ) || isset( $_GET['pay_for_order'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- read only.
			return $parts;
		}
		$order = wc_get_order( absint( $wp->query_vars['order-pay'] ) );
		$key   = isset( $_GET['key'] ) ? sanitize_text_field( wp_unslash( (string) $_GET['key'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- the order key is the authentication.
		if ( ! $order instanceof \WC_Order || '' === $key || ! hash_equals( $order->get_order_key(), $key ) ) {
			return $parts;
		}
		$gateway = AbstractGateway::for_order( $order );
		if ( null === $gateway ) {
			return $parts;
		}
		$parts['title'] = sprintf(
			/* translators: 1: payment method, 2: order number */
			__( 'Pay with %1$s - order %2$s', 'iotpay-for-woocommerce' ),
			wp_strip_all_tags( $gateway->get_title() ),
			$order->get_order_number()
		);
		return $parts;
	}

	/**
	 * @param array<string, mixed> $extra
	 * @return array<string, mixed>
	 */
	/**
	 * @param array<string, mixed> $extra
	 * @return array<string, mixed>
	 */
	private static function vars( \WC_Order $order, AbstractGateway $gateway, string $state, array $extra = array() ): array {
		return $extra + array(
			'state'       => $state,
			'status'      => self::QR === $state ? 'pending' : $state,
			'svg'         => '',
			'error'       => '',
			'wallet'      => '',
			'remaining'   => 0,
			'mobile'      => false,
			'retry_nonce' => wp_create_nonce( self::RETRY_NONCE . $order->get_id() ),
			'page_url'    => $order->get_checkout_payment_url( true ),
		) + OrderPayPage::vars( $order, $gateway );
	}

	private static function enqueue_script( \WC_Order $order, string $state, int $remaining ): void {
		self::enqueue_status_script(
			self::polling( $order, 2500 ) + array(
				'status'    => self::QR === $state ? 'pending' : $state,
				'thankYou'  => $order->get_checkout_order_received_url(),
				'remaining' => $remaining,
			)
		);
	}

	/**
	 * How a waiting page learns the payment: the static status document
	 * every half second (no PHP), the REST endpoint — which may ask IOTPay —
	 * after 5 s and then every 20 s as the fallback; without a document (or
	 * one the browser cannot read), the endpoint every `$interval_ms`.
	 *
	 * @return array<string, mixed>
	 */
	public static function polling( \WC_Order $order, int $interval_ms ): array {
		$doc = StatusDocument::for_waiting_page( $order );
		return array(
			'statusUrl'        => add_query_arg( 'key', $order->get_order_key(), Routes::status_url( $order->get_id() ) ),
			// With a document: REST once after 5 s (a notification that never comes is
			// noticed soon), then every 20 s; the old interval if the document cannot be read.
			'interval'         => null === $doc ? $interval_ms : 20000,
			'firstInterval'    => null === $doc ? $interval_ms : 5000,
			'fallbackInterval' => $interval_ms,
			'docUrl'           => (string) $doc,
			'docInterval'      => 500,
		);
	}

	/**
	 * qr-page.js (payment page and thank-you page) with its settings; its
	 * strings come from wp.i18n and languages/iotpay-for-woocommerce-{locale}-{md5}.json.
	 *
	 * @param array<string, mixed> $config
	 */
	public static function enqueue_status_script( array $config ): void {
		wp_enqueue_script( self::SCRIPT, plugins_url( 'assets/js/qr-page.js', IOTPAY_WC_FILE ), array( 'wp-i18n' ), IOTPAY_WC_VERSION, true );
		wp_set_script_translations( self::SCRIPT, 'iotpay-for-woocommerce', IOTPAY_WC_DIR . '/languages' );
		wp_localize_script( self::SCRIPT, 'iotpayWcQr', $config );
	}

	/**
	 * Kept for theme copies of the templates (they render their parts through
	 * it); the plugin's own code uses OrderPayPage::template().
	 *
	 * @param array<string, mixed> $vars
	 */
	public static function template( string $name, array $vars ): void {
		OrderPayPage::template( $name, $vars );
	}
}
