<?php
/**
 * Alipay: QR on desktop (PC web redirect when the currency needs it), the
 * WAP redirect on mobile.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Gateway;

use IotPay\WooCommerce\Checkout\Device;
use IotPay\WooCommerce\Plugin;

final class AlipayGateway extends AbstractGateway {

	public const ID = 'iotpay_alipay';

	protected function channels( Device $device ): array {
		return Device::Desktop === $device ? array( 'ALIPAY_QR', 'ALIPAY_PC' ) : array( 'ALIPAY_WAP' );
	}

	protected function default_title(): string {
		return __( 'Alipay', Plugin::TEXT_DOMAIN );
	}

	public function scan_instructions(): string {
		return __( 'Open Alipay, tap Scan, and scan this code to pay.', Plugin::TEXT_DOMAIN );
	}
}
