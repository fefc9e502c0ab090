<?php
/**
 * Alipay: QR on desktop (PC web redirect when the currency needs it), the
 * WAP redirect on phones. WeChat's in-app browser blocks Alipay's pages, so
 * a customer there is asked to open the payment page in the phone's browser.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Gateway;

use IotPay\WooCommerce\Checkout\Device;

final class AlipayGateway extends AbstractGateway {

	public const ID = 'iotpay_alipay';

	protected function channels( Device $device ): array {
		return Device::Desktop === $device ? array( 'ALIPAY_QR', 'ALIPAY_PC' ) : array( 'ALIPAY_WAP' );
	}

	public function needs_other_browser( Device $device ): bool {
		return Device::WeChat === $device;
	}

	protected const DEFAULT_TITLE = 'Alipay';

	protected function default_title(): string {
		return __( 'Alipay', 'iotpay-for-woocommerce' );
	}

	public function scan_instructions(): string {
		return __( 'Open Alipay on your phone, tap Scan, and scan this code to pay.', 'iotpay-for-woocommerce' );
	}

	protected function checkout_description( Device $device, ?string $channel ): string {
		if ( null === $channel ) {
			return __( 'Alipay cannot be opened inside WeChat: after you place your order you will be shown how to open the payment page in your phone\'s browser.', 'iotpay-for-woocommerce' );
		}
		if ( in_array( $channel, self::QR_CHANNELS, true ) ) {
			return __( 'After you place your order, scan a QR code with the Alipay app on your phone to pay.', 'iotpay-for-woocommerce' );
		}
		return __( 'You will be taken to Alipay to pay.', 'iotpay-for-woocommerce' );
	}
}
