<?php
/**
 * IOTPay's notification endpoint: verify (extension), find the attempt,
 * complete through the one completion path, answer `success` only once the
 * order is saved. Anything unverified or mismatched changes nothing.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Notify;

use IotPay\Exception\IotPayException;
use IotPay\Notification;
use IotPay\WooCommerce\Api\ClientFactory;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Rest\Routes;

final class NotifyController {

	public static function register_routes(): void {
		register_rest_route(
			Routes::NAMESPACE,
			Routes::NOTIFY,
			array(
				'methods'             => 'POST',
				'callback'            => array( self::class, 'handle' ),
				// IOTPay is not a WordPress user: the signature is the authentication.
				'permission_callback' => '__return_true',
			)
		);
	}

	public static function handle( \WP_REST_Request $request ): \WP_REST_Response {
		if ( ! Plugin::extension_loaded() ) {
			return self::reply( 'fail', 503 );
		}
		$query = $request->get_query_params();
		unset( $query['rest_route'] ); // Added by WordPress without pretty permalinks; not IOTPay's.
		$type = $request->get_content_type();
		try {
			$n = Notification::fromRequest(
				ClientFactory::config(),
				$request->get_body(),
				is_array( $type ) ? (string) ( $type['value'] ?? '' ) : '',
				http_build_query( $query )
			);
		} catch ( IotPayException $e ) {
			Health::record( 'rejected', get_class( $e ) . ': ' . $e->getMessage() );
			Logger::warning( 'notification rejected', array( 'error' => $e->getMessage() ) );
			return self::reply( 'fail', 400 );
		}
		$attempt = Attempts::find_by_mch_order_no( $n->getMchOrderNo() );
		if ( null === $attempt ) {
			Health::record( 'rejected', 'unknown mchOrderNo', $n->getMchOrderNo() );
			Logger::warning( 'notification for an unknown merchant order number', array( 'mchOrderNo' => $n->getMchOrderNo() ) );
			return self::reply( 'fail', 404 );
		}
		try {
			$outcome = Completion::apply( $attempt, $n, 'notify' );
		} catch ( \Throwable $e ) {
			Health::record( 'error', $e->getMessage(), $n->getMchOrderNo() );
			Logger::error( 'notification processing failed', array( 'mchOrderNo' => $n->getMchOrderNo(), 'error' => $e->getMessage() ) );
			return self::reply( 'fail', 500 );
		}
		Health::record( $outcome->acknowledge ? 'accepted' : 'rejected', $outcome->outcome . ': ' . $outcome->reason, $n->getMchOrderNo() );
		if ( ! $outcome->acknowledge ) {
			return self::reply( 'fail', $outcome->outcome === \IotPay\WooCommerce\Payment\Outcome::BUSY ? 503 : 400 );
		}
		return self::reply( Notification::ACK, 200 );
	}

	private static function reply( string $body, int $status ): \WP_REST_Response {
		$r = new \WP_REST_Response( $body, $status );
		$r->header( 'Cache-Control', 'no-store' );
		return $r;
	}

	/**
	 * IOTPay expects the literal body `success`, not JSON: print the
	 * notification route's answer as plain text.
	 *
	 * @param bool              $served  Whether the request was served.
	 * @param \WP_HTTP_Response $result  Result to send.
	 * @param \WP_REST_Request  $request Request.
	 */
	public static function serve_plain_text( $served, $result, $request, $server ) {
		if ( $served || ! $request instanceof \WP_REST_Request || '/' . Routes::NAMESPACE . Routes::NOTIFY !== $request->get_route() ) {
			return $served;
		}
		if ( ! headers_sent() ) {
			header( 'Content-Type: text/plain; charset=utf-8' );
		}
		$data = $result instanceof \WP_HTTP_Response ? $result->get_data() : $result;
		echo is_string( $data ) ? $data : 'fail'; // phpcs:ignore WordPress.Security.EscapeOutput -- fixed protocol words only.
		return true;
	}
}
