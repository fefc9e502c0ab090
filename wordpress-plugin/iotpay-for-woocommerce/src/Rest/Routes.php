<?php
/**
 * REST namespace and the URLs built from it.
 *
 * IOTPay refuses a notifyUrl containing '?'. With WordPress's plain
 * permalinks every REST URL is `index.php?rest_route=…`, so such sites get
 * `{home}/index.php/iotpay-notify` instead: the web server hands it to
 * WordPress's index.php (PATH_INFO on Apache, the try_files fallback on
 * nginx), and `parse_request` (before WordPress's own rest_api_loaded)
 * points the request at the notify route, which is then served by the real
 * REST server — rest_pre_serve_request and the plain `success` answer
 * included. Card notifications (Credit Card API V3) have their own route
 * and, likewise, `{home}/index.php/iotpay-notify-card`; WeChat auto-debit
 * contract callbacks `/notify/contract` (`{home}/index.php/iotpay-notify-contract`);
 * SUNBAY's webhooks `/notify/sunbay` (`{home}/index.php/iotpay-notify-sunbay`). The paths are
 * recognised whatever the permalink setting, so a notification for an order
 * started before the setting changed still lands.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Rest;

final class Routes {

	public const NAMESPACE = 'iotpay/v1';
	public const NOTIFY    = '/notify';

	/** Credit Card API V3 notifications (a JSON order object, answered SUCCESS). */
	public const CARD_NOTIFY = '/notify/card';

	/** WeChat auto-debit contract status callbacks (Autodebit §13.4), answered success. */
	public const CONTRACT_NOTIFY = '/notify/contract';

	/** The path (below the home URL) of the notify URL given to sites without pretty permalinks. */
	public const PLAIN_NOTIFY_PATH = 'index.php/iotpay-notify';

	/** The same for card notifications. */
	public const PLAIN_CARD_NOTIFY_PATH = 'index.php/iotpay-notify-card';

	/** The same for contract callbacks. */
	public const PLAIN_CONTRACT_NOTIFY_PATH = 'index.php/iotpay-notify-contract';

	/** SUNBAY Nexus webhooks (a signed JSON transaction, answered 200 once recorded: D44). */
	public const SUNBAY_NOTIFY = '/notify/sunbay';

	/** The same for SUNBAY webhooks, on sites without pretty permalinks. */
	public const PLAIN_SUNBAY_NOTIFY_PATH = 'index.php/iotpay-notify-sunbay';

	public static function notify_url(): string {
		$url = rest_url( self::NAMESPACE . self::NOTIFY );
		if ( str_contains( $url, '?' ) ) {
			$url = home_url( '/' . self::PLAIN_NOTIFY_PATH );
		}
		return $url;
	}

	public static function card_notify_url(): string {
		$url = rest_url( self::NAMESPACE . self::CARD_NOTIFY );
		if ( str_contains( $url, '?' ) ) {
			$url = home_url( '/' . self::PLAIN_CARD_NOTIFY_PATH );
		}
		return $url;
	}

	public static function contract_notify_url(): string {
		$url = rest_url( self::NAMESPACE . self::CONTRACT_NOTIFY );
		if ( str_contains( $url, '?' ) ) {
			$url = home_url( '/' . self::PLAIN_CONTRACT_NOTIFY_PATH );
		}
		return $url;
	}

	public static function sunbay_notify_url(): string {
		$url = rest_url( self::NAMESPACE . self::SUNBAY_NOTIFY );
		if ( str_contains( $url, '?' ) ) {
			$url = home_url( '/' . self::PLAIN_SUNBAY_NOTIFY_PATH );
		}
		return $url;
	}

	public static function status_url( int $order_id ): string {
		return rest_url( self::NAMESPACE . '/orders/' . $order_id . '/status' );
	}

	/**
	 * `parse_request` (priority 0, before rest_api_loaded at 10): a request
	 * for the plain-permalink notify path becomes a REST request for the
	 * notify route.
	 *
	 * @param \WP $wp Current WordPress environment instance.
	 */
	public static function parse_request( $wp ): void {
		if ( ! is_object( $wp ) || ! empty( $wp->query_vars['rest_route'] ) ) {
			return;
		}
		$path = self::request_path();
		if ( null === $path ) {
			return;
		}
		if ( 0 === strcasecmp( $path, self::PLAIN_NOTIFY_PATH ) ) {
			$wp->query_vars['rest_route'] = '/' . self::NAMESPACE . self::NOTIFY;
		} elseif ( 0 === strcasecmp( $path, self::PLAIN_CARD_NOTIFY_PATH ) ) {
			$wp->query_vars['rest_route'] = '/' . self::NAMESPACE . self::CARD_NOTIFY;
		} elseif ( 0 === strcasecmp( $path, self::PLAIN_CONTRACT_NOTIFY_PATH ) ) {
			$wp->query_vars['rest_route'] = '/' . self::NAMESPACE . self::CONTRACT_NOTIFY;
		} elseif ( 0 === strcasecmp( $path, self::PLAIN_SUNBAY_NOTIFY_PATH ) ) {
			$wp->query_vars['rest_route'] = '/' . self::NAMESPACE . self::SUNBAY_NOTIFY;
		}
	}

	/** The request's path below the home URL, decoded; null when it is not below it. */
	private static function request_path(): ?string {
		$uri  = isset( $_SERVER['REQUEST_URI'] ) ? (string) wp_unslash( $_SERVER['REQUEST_URI'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- compared only.
		$path = trim( (string) wp_parse_url( $uri, PHP_URL_PATH ), '/' );
		$home = trim( (string) wp_parse_url( home_url(), PHP_URL_PATH ), '/' );
		if ( '' !== $home ) {
			if ( 0 !== strpos( $path . '/', $home . '/' ) ) {
				return null;
			}
			$path = trim( substr( $path, strlen( $home ) ), '/' );
		}
		return rawurldecode( $path );
	}
}
