<?php
/**
 * The two IOTPay calls of a refund — send and ask — for every API family:
 * the refund row's Protocol makes the call (v1 refund_order / Query Refund;
 * V3 cc_refund or cc_void / cc_query by the refund's number) and reads a
 * success; what an exception means is decided here, once, for all of them.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Refund;

use IotPay\Exception\GatewayException;
use IotPay\Exception\IotPayException;
use IotPay\Exception\ProtocolException;
use IotPay\Exception\TransportException;
use IotPay\Exception\ValidationException;
use IotPay\WooCommerce\Payment\NotFound;
use IotPay\WooCommerce\Payment\Protocols;

final class RefundSender {

	/** HTTP statuses that mean "this server has no such endpoint", not "try again". */
	private const NO_ENDPOINT = array( 404, 405, 410, 501 );

	/**
	 * Sends a refund row. Only the refusal of its first send means "nothing
	 * refunded": a refusal of any later send under the same number may be
	 * IOTPay refusing the repeated number (the spec is silent, Gap 10; it
	 * refuses a repeated mchOrderNo, D18) while the first send went through
	 * (SPEC-DECISIONS D35).
	 */
	public static function send( Refund $r ): RefundAnswer {
		$first = null === ( Refunds::find( $r->id ) ?? $r )->last_sent_at;
		if ( null === $r->merchant()->credentials() ) {
			return self::without_account( $r, $first );
		}
		Refunds::mark_sent( $r->id );
		try {
			return $r->protocol()->send_refund( $r );
		} catch ( GatewayException $e ) {
			if ( $e->shouldQueryFirst() ) {
				return new RefundAnswer( RefundAnswer::UNKNOWN, $e->getProviderCode() . ' ' . $e->getProviderMessage() );
			}
			// A refusal: IOTPay did not move the money (for a void: e.g. already settled) — if this was the first send.
			return new RefundAnswer( $first ? RefundAnswer::FAILED : RefundAnswer::REFUSED_AGAIN, trim( $e->getProviderCode() . ' ' . $e->getProviderMessage() ) );
		} catch ( ValidationException $e ) {
			// Refused before anything was sent (this time).
			return new RefundAnswer( $first ? RefundAnswer::FAILED : RefundAnswer::REFUSED_AGAIN, $e->getMessage() );
		} catch ( IotPayException $e ) {
			return new RefundAnswer( RefundAnswer::UNKNOWN, $e->getMessage() );
		}
	}

	/**
	 * The payment's merchant account is no longer configured: nothing is sent.
	 * A refund never sent moved no money (failed, with the reason for the
	 * admin); one sent before stays open and the order is flagged.
	 */
	private static function without_account( Refund $r, bool $never_sent ): RefundAnswer {
		$account = $r->merchant();
		if ( $never_sent ) {
			return new RefundAnswer(
				RefundAnswer::FAILED,
				/* translators: 1: e.g. "test merchant account 10000701", 2: provider name (IOTPay or SUNBAY) */
				sprintf( __( 'The payment was made with the %1$s, which is no longer set up in the %2$s settings; nothing was sent to %2$s. Enter that account\'s merchant ID and key again, or refund from the %2$s merchant portal.', 'iotpay-for-woocommerce' ), $account->label(), Protocols::name( $r->family ) )
			);
		}
		$account->flag_unavailable( $r->order_id, 'refund', $r->mch_refund_no );
		return new RefundAnswer( RefundAnswer::UNKNOWN, 'merchant account not configured' );
	}

	public static function ask( Refund $r ): RefundAnswer {
		if ( null === $r->merchant()->credentials() ) {
			return self::without_account( $r, false );
		}
		try {
			return $r->protocol()->ask_refund( $r );
		} catch ( GatewayException $e ) {
			if ( NotFound::says( $e ) ) {
				// D34: the code where IOTPay gives one, its words where it does not (V3).
				return new RefundAnswer( RefundAnswer::NOT_FOUND, $e->getProviderMessage() );
			}
			return new RefundAnswer( RefundAnswer::UNKNOWN, $e->getProviderCode() . ' ' . $e->getProviderMessage() );
		} catch ( ProtocolException | TransportException $e ) {
			// An HTTP status that means "no such endpoint here" (SPEC-DECISIONS D8).
			if ( in_array( $e->getHttpStatus(), self::NO_ENDPOINT, true ) ) {
				return new RefundAnswer( RefundAnswer::UNAVAILABLE, $e->getMessage() );
			}
			return new RefundAnswer( RefundAnswer::UNKNOWN, $e->getMessage() );
		} catch ( IotPayException $e ) {
			return new RefundAnswer( RefundAnswer::UNKNOWN, $e->getMessage() );
		}
	}
}
