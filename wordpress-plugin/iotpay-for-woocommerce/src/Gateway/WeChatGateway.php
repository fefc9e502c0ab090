<?php
/**
 * WeChat Pay: QR on desktop and mobile browsers (WeChat cannot be opened from
 * another browser), JSAPI inside WeChat's own browser.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Gateway;

use IotPay\WooCommerce\Checkout\Device;
use IotPay\WooCommerce\Plugin;

final class WeChatGateway extends AbstractGateway {

	public const ID = 'iotpay_wechat';

	protected function channels( Device $device ): array {
		return Device::WeChat === $device ? array( 'WX_JSAPI' ) : array( 'WX_NATIVE' );
	}

	protected function default_title(): string {
		return __( 'WeChat Pay', Plugin::TEXT_DOMAIN );
	}

	public function scan_instructions(): string {
		return __( 'Open WeChat, tap Scan, and scan this code to pay.', Plugin::TEXT_DOMAIN );
	}
}
