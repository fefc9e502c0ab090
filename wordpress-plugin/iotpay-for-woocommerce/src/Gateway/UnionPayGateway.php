<?php
/**
 * UnionPay: QR on desktop (secure-pay redirect when the currency needs it),
 * the secure-pay redirect on mobile.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Gateway;

use IotPay\WooCommerce\Checkout\Device;
use IotPay\WooCommerce\Plugin;

final class UnionPayGateway extends AbstractGateway {

	public const ID = 'iotpay_unionpay';

	protected function channels( Device $device ): array {
		return Device::Desktop === $device ? array( 'UPI_QR', 'UPI_SEQ' ) : array( 'UPI_SEQ' );
	}

	protected function default_title(): string {
		return __( 'UnionPay', Plugin::TEXT_DOMAIN );
	}

	public function scan_instructions(): string {
		return __( 'Open your UnionPay app and scan this code to pay.', Plugin::TEXT_DOMAIN );
	}
}
