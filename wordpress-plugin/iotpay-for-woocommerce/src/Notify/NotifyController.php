<?php
/**
 * IOTPay's notification endpoints: verify (extension), find the attempt,
 * complete through the one completion path, answer only once the order is
 * saved. Anything unverified or mismatched changes nothing.
 *
 * Two families, two routes: `/notify` takes the General Order API's
 * notification (form fields, answered `success`), `/notify/card` the Credit
 * Card API V3's (a JSON order object, answered `SUCCESS`, D29). A card
 * notification that reaches `/notify` anyway (an account configured with one
 * address) is recognised by its shape — a JSON object with V3's order fields —
 * and handled as a card notification. A V3 refund or void record never
 * completes an order: it moves the refund row it is about (RefundResolver).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Notify;

use IotPay\Autodebit\ContractNotification;
use IotPay\CardNotification;
use IotPay\Exception\IotPayException;
use IotPay\Notification;
use IotPay\WooCommerce\Api\ClientFactory;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\CardProtocol;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Payment\News;
use IotPay\WooCommerce\Payment\OrderLock;
use IotPay\WooCommerce\Payment\Outcome;
use IotPay\WooCommerce\Payment\Protocol;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Recurring\ContractCallbacks;
use IotPay\WooCommerce\Refund\RefundAnswer;
use IotPay\WooCommerce\Refund\RefundResolver;
use IotPay\WooCommerce\Refund\Refunds;
use IotPay\WooCommerce\Rest\Routes;
use IotPay\WooCommerce\Payment\OrderReader;

final class NotifyController {

	/** CardNotification::NACK, spelled out: this answer is also given when the extension is missing. */
	private const CARD_NACK = 'FAIL';

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
		register_rest_route(
			Routes::NAMESPACE,
			Routes::CARD_NOTIFY,
			array(
				'methods'             => 'POST',
				'callback'            => array( self::class, 'handle_card' ),
				// The signature is the authentication.
				'permission_callback' => '__return_true',
			)
		);
		register_rest_route(
			Routes::NAMESPACE,
			Routes::CONTRACT_NOTIFY,
			array(
				'methods'             => 'POST',
				'callback'            => array( self::class, 'handle_contract' ),
				// The signature is the authentication.
				'permission_callback' => '__return_true',
			)
		);
	}

	/**
	 * A WeChat auto-debit contract status callback (§13.4): verified by
	 * ContractNotification before anything is read, applied once under the
	 * lock of the order holding the contract (Recurring\ContractCallbacks),
	 * `success` only once saved. A debit's payment callback is a §6
	 * notification and comes to handle() (D54).
	 */
	public static function handle_contract( \WP_REST_Request $request ): \WP_REST_Response {
		if ( ! Plugin::extension_loaded() ) {
			return self::reply( 'fail', 503 );
		}
		$n = self::verified( $request, array( ContractNotification::class, 'fromRequest' ), 'contract callback rejected' );
		if ( $n instanceof \WP_REST_Response ) {
			return $n;
		}
		try {
			[ $ack, $outcome ] = ContractCallbacks::apply( $n );
		} catch ( \Throwable $e ) {
			Health::record( 'error', $e->getMessage(), $n->getMchContractId() );
			Logger::error( 'contract callback processing failed', array( 'mchContractId' => $n->getMchContractId(), 'error' => $e->getMessage() ) );
			return self::reply( 'fail', 500 );
		}
		Health::record( $ack ? 'accepted' : 'rejected', 'contract: ' . $outcome, $n->getMchContractId() );
		if ( ! $ack ) {
			return self::reply( 'fail', 'busy' === $outcome ? 503 : ( \IotPay\Autodebit\ContractDecision::NOT_OURS === $outcome ? 404 : 400 ) );
		}
		return self::reply( ContractNotification::ACK, 200 );
	}

	/**
	 * An IOTPay v1 callback (a payment notification, §6, or a contract
	 * callback, §13.4) read and verified by the extension's `$from_request`
	 * (Notification::fromRequest or ContractNotification::fromRequest) from
	 * what IOTPay sent: the body, its content type and the query string. Both
	 * kinds are read the same way, so they share this; one that does not
	 * verify is recorded, logged and answered `fail` (400) before anything
	 * is looked up.
	 *
	 * @param callable(\IotPay\Config, string, string, string): object $from_request
	 * @return object|\WP_REST_Response The notification, or the answer to a rejected one.
	 */
	private static function verified( \WP_REST_Request $request, callable $from_request, string $rejected ): object {
		$query = $request->get_query_params();
		unset( $query['rest_route'] ); // Added by WordPress without pretty permalinks; not IOTPay's.
		$type = $request->get_content_type();
		try {
			return $from_request(
				ClientFactory::config(),
				$request->get_body(),
				is_array( $type ) ? (string) ( $type['value'] ?? '' ) : '',
				http_build_query( $query )
			);
		} catch ( IotPayException $e ) {
			Health::record( 'rejected', get_class( $e ) . ': ' . $e->getMessage() );
			Logger::warning( $rejected, array( 'error' => $e->getMessage() ) );
			return self::reply( 'fail', 400 );
		}
	}

	public static function handle( \WP_REST_Request $request ): \WP_REST_Response {
		if ( ! Plugin::extension_loaded() ) {
			return self::reply( 'fail', 503 );
		}
		if ( self::looks_like_card_notification( $request->get_body() ) ) {
			return self::handle_card( $request );
		}
		$n = self::verified( $request, array( Notification::class, 'fromRequest' ), 'notification rejected' );
		if ( $n instanceof \WP_REST_Response ) {
			return $n;
		}
		$attempt = Attempts::find_by_mch_order_no( $n->getMchOrderNo() );
		if ( null === $attempt ) {
			Health::record( 'rejected', 'unknown mchOrderNo', $n->getMchOrderNo() );
			Logger::warning( 'notification for an unknown merchant order number', array( 'mchOrderNo' => $n->getMchOrderNo() ) );
			return self::reply( 'fail', 404 );
		}
		try {
			$outcome = Completion::apply( $attempt, News::of( $n ), 'notify' );
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

	/**
	 * A Credit Card API V3 notification: the order object as JSON (§15.13).
	 * Verified by CardNotification; a payment goes to the one completion
	 * path, a refund or void record to its refund row. SUCCESS only once saved.
	 */
	public static function handle_card( \WP_REST_Request $request ): \WP_REST_Response {
		if ( ! Plugin::extension_loaded() ) {
			return self::reply( 'FAIL', 503 );
		}
		$type = $request->get_content_type();
		try {
			$n = CardNotification::fromRequest( ClientFactory::config(), $request->get_body(), is_array( $type ) ? (string) ( $type['value'] ?? '' ) : '' );
		} catch ( IotPayException $e ) {
			Health::record( 'rejected', get_class( $e ) . ': ' . $e->getMessage() );
			Logger::warning( 'card notification rejected', array( 'error' => $e->getMessage() ) );
			return self::reply( CardNotification::NACK, 400 );
		}
		if ( $n->isRefundRecord() ) {
			return self::card_refund_record( $n );
		}
		$attempt = Attempts::find_by_mch_order_no( $n->getMchOrderNo() );
		if ( null === $attempt || Protocol::V3 !== $attempt->family ) {
			Health::record( 'rejected', 'unknown mchOrderNo', $n->getMchOrderNo() );
			Logger::warning( 'card notification for an unknown merchant order number', array( 'mchOrderNo' => $n->getMchOrderNo() ) );
			return self::reply( CardNotification::NACK, 404 );
		}
		try {
			$outcome = Completion::apply( $attempt, News::of( $n ), 'notify' );
		} catch ( \Throwable $e ) {
			Health::record( 'error', $e->getMessage(), $n->getMchOrderNo() );
			Logger::error( 'card notification processing failed', array( 'mchOrderNo' => $n->getMchOrderNo(), 'error' => $e->getMessage() ) );
			return self::reply( CardNotification::NACK, 500 );
		}
		Health::record( $outcome->acknowledge ? 'accepted' : 'rejected', $outcome->outcome . ': ' . $outcome->reason, $n->getMchOrderNo() );
		if ( ! $outcome->acknowledge ) {
			return self::reply( CardNotification::NACK, Outcome::BUSY === $outcome->outcome ? 503 : 400 );
		}
		return self::reply( CardNotification::ACK, 200 );
	}

	/**
	 * A refund or void record (D28, D30): it moves the refund row it is about,
	 * under the order's lock, exactly as the background check would. A record
	 * of a refund this shop did not make (e.g. in IOTPay's portal) is
	 * acknowledged: there is nothing to save, and it must not be resent forever.
	 */
	private static function card_refund_record( CardNotification $n ): \WP_REST_Response {
		$refund = Refunds::find_by_mch_refund_no( $n->getMchOrderNo() );
		if ( null === $refund || Protocol::V3 !== $refund->family ) {
			Health::record( 'accepted', 'refund record not made by this shop', $n->getMchOrderNo() );
			Logger::info( 'card refund record not made by this shop', array( 'mchRefundNo' => $n->getMchOrderNo(), 'payOrderId' => $n->getOriginalOrderId() ) );
			return self::reply( CardNotification::ACK, 200 );
		}
		try {
			$done = OrderLock::with(
				$refund->order_id,
				static function () use ( $refund, $n ): bool {
					$row   = Refunds::find( $refund->id ) ?? $refund;
					$order = OrderReader::fresh_order( $row->order_id );
					if ( $order instanceof \WC_Order && $row->is_live() ) {
						RefundResolver::apply( $row, $order, CardProtocol::answer( $n, $row, RefundAnswer::UNKNOWN ), false );
					}
					return true;
				}
			);
		} catch ( \Throwable $e ) {
			Health::record( 'error', $e->getMessage(), $n->getMchOrderNo() );
			Logger::error( 'card refund notification processing failed', array( 'mchRefundNo' => $n->getMchOrderNo(), 'error' => $e->getMessage() ) );
			return self::reply( CardNotification::NACK, 500 );
		}
		if ( null === $done ) {
			return self::reply( CardNotification::NACK, 503 );
		}
		Health::record( 'accepted', 'refund_record', $n->getMchOrderNo() );
		return self::reply( CardNotification::ACK, 200 );
	}

	/** A JSON object with the Credit Card API's order fields (a v1 notification has channelId, never these). */
	private static function looks_like_card_notification( string $body ): bool {
		$body = ltrim( $body );
		if ( '' === $body || '{' !== $body[0] ) {
			return false;
		}
		$data = json_decode( $body, true );
		if ( ! is_array( $data ) || array_key_exists( 'channelId', $data ) ) {
			return false;
		}
		return array_key_exists( 'payType', $data ) || array_key_exists( 'refundable', $data ) || array_key_exists( 'originalOrderId', $data ) || array_key_exists( 'channel', $data );
	}

	private static function reply( string $body, int $status ): \WP_REST_Response {
		$r = new \WP_REST_Response( $body, $status );
		$r->header( 'Cache-Control', 'no-store' );
		return $r;
	}

	/**
	 * IOTPay expects the literal body `success` (v1) or `SUCCESS` (V3), not
	 * JSON: print the notification routes' answers as plain text.
	 *
	 * @param bool              $served  Whether the request was served.
	 * @param \WP_HTTP_Response $result  Result to send.
	 * @param \WP_REST_Request  $request Request.
	 */
	public static function serve_plain_text( $served, $result, $request, $server ) {
		if ( $served || ! $request instanceof \WP_REST_Request || ! in_array( $request->get_route(), array( '/' . Routes::NAMESPACE . Routes::NOTIFY, '/' . Routes::NAMESPACE . Routes::CARD_NOTIFY, '/' . Routes::NAMESPACE . Routes::CONTRACT_NOTIFY ), true ) ) {
			return $served;
		}
		if ( ! headers_sent() ) {
			header( 'Content-Type: text/plain; charset=utf-8' );
		}
		$data = $result instanceof \WP_HTTP_Response ? $result->get_data() : $result;
		// Not our answer (e.g. WordPress refused a body that is not JSON): the route's word for "not taken".
		$refusal = '/' . Routes::NAMESPACE . Routes::CARD_NOTIFY === $request->get_route() ? self::CARD_NACK : 'fail';
		echo is_string( $data ) ? $data : $refusal; // phpcs:ignore WordPress.Security.EscapeOutput -- fixed protocol words only.
		return true;
	}
}
