<?php
/**
 * The order-pay (receipt) page of the QR flows: shows the QR code rendered by
 * the extension, polls the status endpoint, moves on when paid, and offers a
 * new code when the old one expired or failed.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

use IotPay\Qr;
use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Payment\Amount;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\PaymentError;
use IotPay\WooCommerce\Payment\Starter;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Rest\Routes;

final class PaymentPage {

	public const RETRY_NONCE = 'iotpay_wc_retry';

	public static function render( $order_id ): void {
		$order = wc_get_order( (int) $order_id );
		if ( ! $order instanceof \WC_Order ) {
			return;
		}
		$gateway = AbstractGateway::for_order( $order );
		if ( null === $gateway ) {
			return;
		}
		$error = '';
		if ( 'POST' === ( $_SERVER['REQUEST_METHOD'] ?? '' ) && isset( $_POST['iotpay_retry'] ) ) {
			$nonce = isset( $_POST['_wpnonce'] ) ? sanitize_text_field( wp_unslash( (string) $_POST['_wpnonce'] ) ) : '';
			if ( wp_verify_nonce( $nonce, self::RETRY_NONCE . $order->get_id() ) ) {
				try {
					Starter::ensure_attempt( $order, $gateway, Device::detect(), true );
				} catch ( PaymentError $e ) {
					$error = $e->getMessage();
				}
			}
		}
		$status  = StatusController::status( $order );
		$attempt = Attempts::for_order( $order->get_id() )[0] ?? null;
		$wallet  = $attempt ? (string) ( $attempt->pay_data['redirectUrl'] ?? '' ) : '';
		if ( 'pending' === $status && '' !== $wallet && empty( $attempt->pay_data['codeUrl'] ) && empty( $attempt->pay_data['qrCode'] ) ) {
			// A redirect flow (mobile, or a currency only the redirect channel takes): send the customer on.
			printf(
				'<p class="iotpay-wc-redirect"><a class="button alt" href="%1$s">%2$s</a></p>',
				esc_url( $wallet ),
				esc_html( sprintf( /* translators: %s: payment method title */ __( 'Continue to %s', Plugin::TEXT_DOMAIN ), $gateway->get_title() ) )
			);
			return;
		}
		$content = $attempt ? (string) ( $attempt->pay_data['codeUrl'] ?? $attempt->pay_data['qrCode'] ?? '' ) : '';
		if ( 'pending' === $status && ( null === $attempt || '' === $content ) ) {
			try {
				$attempt = Starter::ensure_attempt( $order, $gateway, Device::detect() );
				$content = (string) ( $attempt->pay_data['codeUrl'] ?? $attempt->pay_data['qrCode'] ?? '' );
			} catch ( PaymentError $e ) {
				$error  = $e->getMessage();
				$status = 'failed';
			}
			if ( '' === $content && '' === $error ) {
				$status = 'failed';
			}
		}
		$svg = '';
		if ( 'pending' === $status && '' !== $content ) {
			try {
				$svg = Qr::svg( $content, 240 );
			} catch ( \IotPay\Exception\IotPayException $e ) {
				$status = 'failed';
			}
		}
		wp_enqueue_style( 'iotpay-wc-qr', plugins_url( 'assets/css/qr-page.css', IOTPAY_WC_FILE ), array(), IOTPAY_WC_VERSION );
		wp_enqueue_script( 'iotpay-wc-qr', plugins_url( 'assets/js/qr-page.js', IOTPAY_WC_FILE ), array(), IOTPAY_WC_VERSION, true );
		wp_localize_script(
			'iotpay-wc-qr',
			'iotpayWcQr',
			array(
				'statusUrl' => add_query_arg( 'key', $order->get_order_key(), Routes::status_url( $order->get_id() ) ),
				'interval'  => 2500,
				'status'    => $status,
				'thankYou'  => $order->get_checkout_order_received_url(),
			)
		);
		$vars = array(
			'order'       => $order,
			'gateway'     => $gateway,
			'status'      => $status,
			'svg'         => $svg,
			'error'       => $error,
			'amount'      => Amount::format( Amount::to_minor( $order->get_total(), $order->get_currency() ), $order->get_currency() ),
			'currency'    => $order->get_currency(),
			'retry_nonce' => wp_create_nonce( self::RETRY_NONCE . $order->get_id() ),
			'thank_you'   => $order->get_checkout_order_received_url(),
		);
		self::template( 'qr-payment.php', $vars );
	}

	/** Themes may override `iotpay-for-woocommerce/{name}`. @param array<string, mixed> $vars */
	private static function template( string $name, array $vars ): void {
		$path = IOTPAY_WC_DIR . '/templates/' . $name;
		if ( function_exists( 'locate_template' ) ) {
			$theme = locate_template( 'iotpay-for-woocommerce/' . $name );
			if ( $theme ) {
				$path = $theme;
			}
		}
		( static function () use ( $path, $vars ): void {
			extract( $vars ); // phpcs:ignore WordPress.PHP.DontExtract -- template variables.
			include $path;
		} )();
	}
}
