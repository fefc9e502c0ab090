<?php
/**
 * Which checkout flow fits the customer's browser.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

enum Device: string {
	case Desktop = 'desktop';
	case Mobile  = 'mobile';
	/** WeChat's in-app browser: only WeChat Pay's JSAPI works there. */
	case WeChat = 'wechat';

	public static function detect( ?string $user_agent = null ): self {
		$ua = $user_agent ?? (string) ( $_SERVER['HTTP_USER_AGENT'] ?? '' );
		if ( str_contains( $ua, 'MicroMessenger' ) ) {
			return self::WeChat;
		}
		if ( preg_match( '/Mobile|Android|iPhone|iPad|iPod|Opera Mini|IEMobile/i', $ua ) ) {
			return self::Mobile;
		}
		return self::Desktop;
	}
}
