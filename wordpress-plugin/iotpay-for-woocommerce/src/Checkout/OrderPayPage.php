<?php
/**
 * What the plugin's own order-pay pages share (PaymentPage: QR code or
 * wallet; CardPage: IOTPay's card form or hosted page): finding the order and
 * its gateway from the receipt hook, the stylesheet, the variables every
 * template gets (the amount as the provider charges it, the ways on and
 * back) and rendering a template a theme may override. One place, so the
 * pages cannot drift apart in what they show around the payment itself.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Payment\Amount;
use IotPay\WooCommerce\Plugin;

final class OrderPayPage {

	/** Handle of assets/css/qr-page.css (every waiting page of ours). */
	public const STYLE = 'iotpay-wc-qr';

	/**
	 * The order of the receipt hook's `$order_id` and its gateway (an
	 * instance of `$class`), with the page's stylesheet enqueued; null when
	 * the order is not one this page pays.
	 *
	 * @template T of AbstractGateway
	 * @param class-string<T> $class
	 * @return array{0: \WC_Order, 1: T}|null
	 */
	public static function open( $order_id, string $class ): ?array {
		$order = wc_get_order( (int) $order_id );
		if ( ! $order instanceof \WC_Order ) {
			return null;
		}
		$gateway = AbstractGateway::for_order( $order );
		if ( ! $gateway instanceof $class ) {
			return null;
		}
		self::enqueue_style();
		return array( $order, $gateway );
	}

	public static function enqueue_style(): void {
		wp_enqueue_style( self::STYLE, plugins_url( 'assets/css/qr-page.css', IOTPAY_WC_FILE ), array(), IOTPAY_WC_VERSION );
	}

	/**
	 * The variables every payment page template gets.
	 *
	 * @return array<string, mixed>
	 */
	public static function vars( \WC_Order $order, AbstractGateway $gateway ): array {
		return array(
			'order'        => $order,
			'gateway'      => $gateway,
			'amount'       => self::amount( $order ),
			'currency'     => $order->get_currency(),
			'thank_you'    => $order->get_checkout_order_received_url(),
			'other_method' => $order->get_checkout_payment_url(),
			'cancel_url'   => $order->get_cancel_order_url(),
		);
	}

	/** The total as the provider charges it (its minor units, formatted); WooCommerce's total without the extension or for a currency it refuses. */
	private static function amount( \WC_Order $order ): string {
		if ( Plugin::extension_loaded() ) {
			try {
				return Amount::format( Amount::to_minor( $order->get_total(), $order->get_currency() ), $order->get_currency() );
			} catch ( \Throwable $e ) {
				return (string) $order->get_total();
			}
		}
		return (string) $order->get_total();
	}

	/** Themes may override `iotpay-for-woocommerce/{name}`. @param array<string, mixed> $vars */
	public static function template( string $name, array $vars ): void {
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
