<?php
/**
 * SUNBAY Nexus's webhook endpoint (`/notify/sunbay`, SPEC-DECISIONS D44):
 * the signature over the raw body is verified by the extension
 * (IotPay\Sunbay\Webhook::verify: HMAC-SHA256, constant time, timestamp
 * window, duplicated keys refused), and then the webhook's body is only a
 * hint: the transaction is queried, and that answer goes through the one
 * completion path (Completion::check) or, for a refund, the refund state
 * machine (RefundResolver::check). 200 once the news is recorded; any
 * failure to learn or record it answers 5xx, so SUNBAY sends it again
 * (reconciliation follows the attempt meanwhile).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Notify;

use IotPay\Exception\IotPayException;
use IotPay\WooCommerce\Api\ClientFactory;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Payment\OrderLock;
use IotPay\WooCommerce\Payment\OrderReader;
use IotPay\WooCommerce\Payment\Outcome;
use IotPay\WooCommerce\Payment\Protocol;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Refund\RefundResolver;
use IotPay\WooCommerce\Refund\Refunds;
use IotPay\WooCommerce\Rest\Routes;

final class SunbayWebhookController {

	public static function register_routes(): void {
		register_rest_route(
			Routes::NAMESPACE,
			Routes::SUNBAY_NOTIFY,
			array(
				'methods'             => 'POST',
				'callback'            => array( self::class, 'handle' ),
				// SUNBAY is not a WordPress user: the signature is the authentication.
				'permission_callback' => '__return_true',
			)
		);
	}

	public static function handle( \WP_REST_Request $request ): \WP_REST_Response {
		if ( ! Plugin::sunbay_loaded() ) {
			return self::reply( false, 503 );
		}
		try {
			$event = \IotPay\Sunbay\Webhook::verify( $request->get_body(), self::headers( $request ), ClientFactory::sunbay_config() );
		} catch ( IotPayException $e ) {
			Health::record( 'rejected', 'SUNBAY: ' . get_class( $e ) . ': ' . $e->getMessage() );
			Logger::warning( 'SUNBAY webhook rejected', array( 'error' => $e->getMessage() ) );
			return self::reply( false, 401 );
		}
		$number = (string) $event->getTransactionRequestId();
		try {
			$refund = '' !== $number ? Refunds::find_by_mch_refund_no( $number ) : null;
			if ( null !== $refund && Protocol::SUNBAY === $refund->family ) {
				return self::refund( $refund->id, $number );
			}
			$attempt = '' !== $number ? Attempts::find_by_mch_order_no( $number ) : null;
			if ( null === $attempt || Protocol::SUNBAY !== $attempt->family ) {
				// Not a transaction of this shop (another shop on the account, one made
				// in SUNBAY's portal): nothing to record; acknowledged so it is not resent forever.
				Health::record( 'accepted', 'SUNBAY: not a transaction of this shop', $number );
				Logger::info( 'SUNBAY webhook about a transaction not made by this shop', array( 'transactionRequestId' => $number, 'transactionId' => $event->getTransactionId() ) );
				return self::reply( true, 200 );
			}
			// The webhook said something changed: ask SUNBAY what (D44), now.
			$outcome = Completion::check( $attempt, 'notify' );
		} catch ( \Throwable $e ) {
			Health::record( 'error', 'SUNBAY: ' . $e->getMessage(), $number );
			Logger::error( 'SUNBAY webhook processing failed', array( 'transactionRequestId' => $number, 'error' => $e->getMessage() ) );
			return self::reply( false, 500 );
		}
		$recorded = 'error' !== $outcome->outcome && Outcome::BUSY !== $outcome->outcome && 'complete_failed' !== $outcome->outcome;
		Health::record( $recorded ? 'accepted' : 'rejected', 'SUNBAY: ' . $outcome->outcome . ': ' . $outcome->reason, $number );
		return self::reply( $recorded, $recorded ? 200 : 503 );
	}

	/** A refund's webhook: the refund row is asked about and moved under the order's lock. */
	private static function refund( int $refund_id, string $number ): \WP_REST_Response {
		$refund = Refunds::find( $refund_id );
		if ( null === $refund ) {
			return self::reply( true, 200 );
		}
		$done = OrderLock::with(
			$refund->order_id,
			static function () use ( $refund ): bool {
				$row   = Refunds::find( $refund->id ) ?? $refund;
				$order = OrderReader::fresh_order( $row->order_id );
				if ( $order instanceof \WC_Order && $row->is_live() ) {
					RefundResolver::check( $row, $order );
				}
				return true;
			}
		);
		if ( null === $done ) {
			return self::reply( false, 503 );
		}
		Health::record( 'accepted', 'SUNBAY: refund', $number );
		return self::reply( true, 200 );
	}

	/**
	 * The request's headers as `HTTP_X_SIGNATURE`-style names (WordPress
	 * gives them lower-cased with underscores), one value each.
	 *
	 * @return array<string, string>
	 */
	private static function headers( \WP_REST_Request $request ): array {
		$out = array();
		foreach ( $request->get_headers() as $name => $values ) {
			$out[ 'HTTP_' . strtoupper( str_replace( '-', '_', (string) $name ) ) ] = (string) ( is_array( $values ) ? reset( $values ) : $values );
		}
		return $out;
	}

	private static function reply( bool $received, int $status ): \WP_REST_Response {
		$r = new \WP_REST_Response( array( 'received' => $received ), $status );
		$r->header( 'Cache-Control', 'no-store' );
		return $r;
	}
}
