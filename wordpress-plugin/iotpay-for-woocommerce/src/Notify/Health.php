<?php
/**
 * The last notification received, for the settings screen.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Notify;

final class Health {

	public const OPTION = 'iotpay_wc_notify_health';

	public static function record( string $result, string $reason, string $mch_order_no = '' ): void {
		update_option(
			self::OPTION,
			array(
				'at'         => time(),
				'result'     => $result,
				'reason'     => substr( $reason, 0, 200 ),
				'mchOrderNo' => $mch_order_no,
			),
			false
		);
	}

	/** @return array{at: int, result: string, reason: string, mchOrderNo: string}|null */
	public static function last(): ?array {
		$h = get_option( self::OPTION );
		return is_array( $h ) && isset( $h['at'] ) ? $h : null;
	}
}
