<?php
/**
 * REST namespace and the URLs built from it.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Rest;

final class Routes {

	public const NAMESPACE = 'iotpay/v1';
	public const NOTIFY    = '/notify';

	public static function notify_url(): string {
		return rest_url( self::NAMESPACE . self::NOTIFY );
	}

	public static function status_url( int $order_id ): string {
		return rest_url( self::NAMESPACE . '/orders/' . $order_id . '/status' );
	}
}
