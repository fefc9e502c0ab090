<?php
/**
 * What an IOTPay request says about a WooCommerce order and its customer:
 * the subject line, texts cut to IOTPay's byte lengths, the payer's IP.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

use IotPay\ClientIp;
use IotPay\Exception\IotPayException;
use IotPay\WooCommerce\Settings\SharedSettings;

final class OrderText {

	/** "{shop} order {number}", at most `$bytes` UTF-8 bytes. */
	public static function subject( \WC_Order $order, int $bytes = 64 ): string {
		$subject = self::cut(
			sprintf(
				/* translators: 1: shop name, 2: order number */
				__( '%1$s order %2$s', 'iotpay-for-woocommerce' ),
				html_entity_decode( (string) get_bloginfo( 'name' ), ENT_QUOTES, 'UTF-8' ),
				$order->get_order_number()
			),
			$bytes
		);
		return '' !== trim( $subject ) ? $subject : 'Order ' . $order->get_id();
	}

	/** Truncates to at most `$bytes` UTF-8 bytes without splitting a character. */
	public static function cut( string $s, int $bytes ): string {
		$s = trim( preg_replace( '/[\x00-\x1F\x7F]+/u', ' ', $s ) ?? '' );
		if ( strlen( $s ) <= $bytes ) {
			return $s;
		}
		return function_exists( 'mb_strcut' ) ? mb_strcut( $s, 0, $bytes, 'UTF-8' ) : substr( $s, 0, $bytes );
	}

	/** The payer's address (D21: X-Forwarded-For only from trusted proxies), in the v1 form (D22). */
	public static function client_ip( \WC_Order $order ): string {
		$ip = (string) ( $_SERVER['REMOTE_ADDR'] ?? '' );
		try {
			return ClientIp::resolve( '' !== $ip ? $ip : '127.0.0.1', isset( $_SERVER['HTTP_X_FORWARDED_FOR'] ) ? (string) $_SERVER['HTTP_X_FORWARDED_FOR'] : null, SharedSettings::instance()->trusted_proxies() );
		} catch ( IotPayException $e ) {
			return $order->get_customer_ip_address() ?: '127.0.0.1';
		}
	}

	/** The shop's own address (refunds want a clientIp; the extension makes any address fit). */
	public static function server_ip(): string {
		$ip = (string) ( $_SERVER['SERVER_ADDR'] ?? '' );
		return filter_var( $ip, FILTER_VALIDATE_IP ) ? $ip : '127.0.0.1';
	}
}
