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

final class UnionPayGateway extends AbstractGateway {

	public const ID = 'iotpay_unionpay';

	protected function channels( Device $device ): array {
		return Device::Desktop === $device ? array( 'UPI_QR', 'UPI_SEQ' ) : array( 'UPI_SEQ' );
	}

	protected const DEFAULT_TITLE = 'UnionPay';

	protected function default_title(): string {
		return __( 'UnionPay', 'iotpay-for-woocommerce' );
	}

	public function scan_instructions(): string {
		return __( 'Open your UnionPay app on your phone and scan this code to pay.', 'iotpay-for-woocommerce' );
	}

	protected function checkout_description( Device $device, ?string $channel ): string {
		if ( null !== $channel && in_array( $channel, self::QR_CHANNELS, true ) ) {
			return __( 'After you place your order, scan a QR code with your UnionPay app to pay.', 'iotpay-for-woocommerce' );
		}
		return __( 'You will be taken to UnionPay\'s secure payment page to pay.', 'iotpay-for-woocommerce' );
	}
}
