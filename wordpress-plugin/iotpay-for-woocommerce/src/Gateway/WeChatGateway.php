<?php
/**
 * WeChat Pay: a QR code on computers; inside WeChat's own browser, WeChat's
 * in-app payment (JSAPI). On a phone outside WeChat the QR code cannot be
 * scanned by the phone showing it, so the page explains the one-device way:
 * save the code and scan it from the album in WeChat, or open the payment
 * page inside WeChat.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Gateway;

use IotPay\WooCommerce\Checkout\Device;

final class WeChatGateway extends AbstractGateway {

	public const ID = 'iotpay_wechat';

	protected function channels( Device $device ): array {
		return Device::WeChat === $device ? array( 'WX_JSAPI' ) : array( 'WX_NATIVE' );
	}

	protected const DEFAULT_TITLE = 'WeChat Pay';

	protected function default_title(): string {
		return __( 'WeChat Pay', 'iotpay-for-woocommerce' );
	}

	public function scan_instructions(): string {
		return __( 'Open WeChat on your phone, tap + then Scan, and scan this code to pay.', 'iotpay-for-woocommerce' );
	}

	protected function checkout_description( Device $device, ?string $channel ): string {
		if ( 'WX_JSAPI' === $channel ) {
			return __( 'Pay in WeChat after you place your order.', 'iotpay-for-woocommerce' );
		}
		if ( Device::Mobile === $device ) {
			return __( 'After you place your order you will see a WeChat Pay QR code: save it (or take a screenshot) and scan it from your photo album in WeChat, or open the payment page inside WeChat.', 'iotpay-for-woocommerce' );
		}
		return __( 'After you place your order, scan a QR code with WeChat on your phone to pay.', 'iotpay-for-woocommerce' );
	}
}
