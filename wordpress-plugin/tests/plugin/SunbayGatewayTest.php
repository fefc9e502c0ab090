<?php
/**
 * "Card payments (SUNBAY)" on real WordPress with the real extension and the
 * sandbox's SUNBAY simulator over HTTP: the hosted page paid once (HPOS on
 * and off, classic checkout and the Checkout Block), webhooks verified then
 * followed by a query (50 duplicates, one completion), a dropped webhook
 * completed by reconciliation, refunds (partial, full, retried after an
 * unknown outcome under the same transactionRequestId), the session expired
 * on cancellation and on a new attempt, a declined payment paid again; the
 * account settings (secrets never rendered, never logged) and the SUNBAY
 * number rules.
 *
 * Tests that need SUNBAY itself are skipped while the loaded extension has
 * no IotPay\Sunbay\Client or the sandbox serves no SUNBAY routes.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\Sandbox;
use IotPay\WooCommerce\Blocks\PaymentMethod;
use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\AttemptNumber;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Protocol;
use IotPay\WooCommerce\Payment\SunbayProtocol;
use IotPay\WooCommerce\Reconcile\Reconciler;
use IotPay\WooCommerce\Refund\Refund;
use IotPay\WooCommerce\Refund\Refunds;
use IotPay\WooCommerce\Settings\SunbaySettings;

final class SunbayGatewayTest extends SunbayTestCase {

	/** The sandbox's fault-rule names of SUNBAY's refund and query endpoints. */
	private const FAULT_REFUND = 'sunbay_refund';
	private const FAULT_QUERY  = 'sunbay_query';

	/** A webhook signed as D44 reads SUNBAY's: HMAC-SHA256 of the raw body, lowercase hex, 13-digit timestamp. @return list<string> */
	private function webhook_headers( string $body, ?string $secret = null ): array {
		$secret ??= self::sandbox_value( 'SUNBAY_WEBHOOK_SECRET', 'test_webhook_secret' );
		return array(
			'Content-Type: application/json',
			'X-Timestamp: ' . (string) (int) floor( microtime( true ) * 1000 ),
			'X-Client-Request-Id: ' . bin2hex( random_bytes( 16 ) ),
			'X-Signature: ' . hash_hmac( 'sha256', $body, $secret ),
		);
	}

	private function webhook_body( Attempt $a, string $status = 'S' ): string {
		return (string) wp_json_encode(
			array(
				'transactionId'        => (string) ( $a->pay_order_id ?? '' ),
				'transactionRequestId' => $a->mch_order_no,
				'transactionStatus'    => $status,
				'transactionType'      => 'SALE',
			)
		);
	}

	/** @return list<string> */
	private function sunbay_payment_notes( \WC_Order $order ): array {
		return $this->payment_notes( $order );
	}

	/* ---------------------------------------------------------------------
	 * Without SUNBAY itself: settings, logs, numbers
	 * ------------------------------------------------------------------ */

	public function test_the_settings_home_never_renders_sunbays_secrets_and_keeps_them_when_left_empty(): void {
		$this->setCurrentUserRole( 'administrator' );
		$key    = SunbaySettings::instance()->credentials()['api_key'];
		$secret = SunbaySettings::instance()->credentials()['webhook_secret'];
		$html   = $this->renderGatewaySettings( 'iotpay' );
		$this->assertStringContainsString( 'SUNBAY Nexus', $html );
		$this->assertStringContainsString( 'woocommerce_iotpay_sunbay_account_api_key', $html );
		$this->assertStringContainsString( '/wp-json/iotpay/v1/notify/sunbay', $html );
		$this->assertStringNotContainsString( $key, $html );
		$this->assertStringNotContainsString( $secret, $html );
		$this->saveGatewaySettings(
			'iotpay',
			array(
				'woocommerce_iotpay_sunbay_account_api_key'        => '',
				'woocommerce_iotpay_sunbay_account_webhook_secret' => '',
				'woocommerce_iotpay_sunbay_account_app_id'         => 'app_changed',
				'woocommerce_iotpay_sunbay_account_merchant_id'    => 'M1260231004',
				'woocommerce_iotpay_sunbay_account_sandbox'        => '1',
				'woocommerce_iotpay_test_mch_id'                   => Sandbox::MCH_ID,
				'woocommerce_iotpay_testmode'                      => '1',
			)
		);
		SunbaySettings::reset();
		$c = SunbaySettings::instance()->credentials();
		$this->assertSame( 'app_changed', $c['app_id'] );
		$this->assertSame( $key, $c['api_key'], 'an empty field erased the saved API key' );
		$this->assertSame( $secret, $c['webhook_secret'], 'an empty field erased the saved webhook secret' );
		// The gateway's own page links to the account, without secrets either.
		$page = $this->renderGatewaySettings( self::ID );
		$this->assertStringContainsString( 'SUNBAY account settings', $page );
		$this->assertStringNotContainsString( $key, $page );
	}

	public function test_logs_never_carry_the_api_key_the_webhook_secret_or_a_signature(): void {
		$c = SunbaySettings::instance()->credentials();
		Logger::warning(
			'sunbay call',
			array(
				'apiKey'      => $c['api_key'],
				'header'      => 'Authorization: Bearer ' . $c['api_key'],
				'secret'      => $c['webhook_secret'],
				'X-Signature' => hash_hmac( 'sha256', '{}', $c['webhook_secret'] ),
				'bearer'      => 'Bearer unrelated-token-123',
			)
		);
		$logs = (string) wp_json_encode( $this->getLogs() );
		$this->assertStringContainsString( 'sunbay call', $logs );
		$this->assertStringNotContainsString( $c['api_key'], $logs );
		$this->assertStringNotContainsString( $c['webhook_secret'], $logs );
		$this->assertStringNotContainsString( hash_hmac( 'sha256', '{}', $c['webhook_secret'] ), $logs );
		$this->assertStringNotContainsString( 'unrelated-token-123', $logs );
	}

	public function test_numbers_keep_to_sunbays_alphabets_and_lengths(): void {
		foreach ( array( 1, 42, 123456, 9876543210, PHP_INT_MAX ) as $order_id ) {
			foreach ( array( '', 'WC', 'ABCDEFGH' ) as $prefix ) {
				update_option( 'woocommerce_iotpay_settings', array( 'order_prefix' => $prefix ) + (array) get_option( 'woocommerce_iotpay_settings' ) );
				\IotPay\WooCommerce\Settings\SharedSettings::reset();
				$ref = SunbayProtocol::reference( $order_id );
				$this->assertMatchesRegularExpression( '/^[A-Za-z0-9_\-|*]{6,32}$/', $ref, "referenceOrderId of order $order_id" );
				$this->assertStringContainsString( (string) $order_id, $prefix . str_pad( (string) $order_id, 6, '0', STR_PAD_LEFT ) );
				foreach ( array( AttemptNumber::make( $prefix, $order_id, 3 ), AttemptNumber::refund( $prefix, $order_id, 12 ) ) as $no ) {
					$this->assertMatchesRegularExpression( '/^[A-Za-z0-9_\-]{1,32}$/', $no, 'transactionRequestId' );
				}
			}
		}
	}

	/* ---------------------------------------------------------------------
	 * Against SUNBAY (the sandbox's simulator)
	 * ------------------------------------------------------------------ */

	/** @return array<string, array{0: bool, 1: bool}> */
	public static function storage_and_checkout(): array {
		return array(
			'HPOS on, classic'  => array( true, false ),
			'HPOS off, classic' => array( false, false ),
			'HPOS on, block'    => array( true, true ),
			'HPOS off, block'   => array( false, true ),
		);
	}

	/** @dataProvider storage_and_checkout */
	public function test_hosted_page_checkout_is_paid_once( bool $hpos, bool $block ): void {
		$this->needs_sunbay();
		$this->setHposEnabled( $hpos );
		if ( $block ) {
			$registry = $this->paymentMethodRegistry();
			$this->assertInstanceOf( PaymentMethod::class, $registry->get_registered( self::ID ) );
			$this->assertArrayHasKey( self::ID, $registry->get_all_active_registered() );
			$data = $registry->get_all_registered_script_data()[ self::ID . '_data' ] ?? null;
			$this->assertIsArray( $data );
			$this->assertSame( 'Credit or debit card', $data['title'] );
			$this->assertStringContainsString( "iotpay_sunbay: __( 'Credit or debit card'", (string) file_get_contents( dirname( self::plugin_file() ) . '/assets/js/blocks.js' ) );
			$_POST = array( 'payment_method' => self::ID ); // What the block's legacy payment processing posts.
		}
		$product = $this->createProduct( '25.99', 10 );
		$order   = $this->sunbay_order( '25.99', $product );
		$result  = $this->checkout( $order );
		$this->assertSame( 'success', $result['result'] );
		$attempt = $this->attempt( $order );
		$this->assertSame( Protocol::SUNBAY, $attempt->family );
		$this->assertSame( Attempt::OPEN, $attempt->state );
		$this->assertSame( 2599, $attempt->amount );
		$this->assertNotEmpty( $attempt->pay_data['sessionId'] ?? '' );
		$this->assertSame( $attempt->pay_data['redirectUrl'], $result['redirect'], 'not sent to SUNBAY\'s checkoutUrl' );

		$back = $this->on_hosted_page( $attempt );
		$this->assertStringStartsWith( $order->get_checkout_order_received_url(), $back, 'SUNBAY does not send the shopper back to the thank-you page' );
		$paid = $this->wait_paid( $order, 15 );
		$this->assertTrue( $paid->is_paid() );
		$this->assertSame( 'processing', $paid->get_status() );
		$this->assertNotSame( '', $paid->get_transaction_id() );
		$this->assertSame( $paid->get_transaction_id(), Attempts::find( $attempt->id )->pay_order_id );
		$this->assertSame( 9, $this->getStock( $product ) );
		$page = $this->httpRequest( 'GET', $back );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'Thank you. Your order has been received.', $page['body'] );
		$notes = $this->sunbay_payment_notes( $this->reloadOrder( $order ) );
		$this->assertCount( 1, $notes );
		// Completed by SUNBAY's webhook (verified, then the query), before the shopper's return was read.
		$this->assertStringContainsString( 'via notify', $notes[0] );
		$hooks = $this->sb->admin( 'GET', '/admin/sunbay/webhooks?transactionId=' . rawurlencode( $paid->get_transaction_id() ) )['webhooks'] ?? array();
		$this->assertNotEmpty( $hooks, 'SUNBAY sent no webhook' );
		$this->assertSame( 200, (int) ( end( $hooks )['statusCode'] ?? end( $hooks )['status_code'] ?? 0 ), 'the shop did not answer SUNBAY\'s webhook 200' );
		$this->assertSame( 1, $this->countStockReductions( $order->get_id() ) );
		$this->assertNoHposViolations();
	}

	public function test_fifty_duplicate_webhooks_complete_the_order_once(): void {
		$this->needs_sunbay();
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$order   = $this->sunbay_order( '31.00' );
		$this->checkout( $order );
		$attempt = $this->attempt( $order );
		$this->on_hosted_page( $attempt );
		$body     = $this->webhook_body( $attempt );
		$requests = array();
		for ( $i = 0; $i < 50; $i++ ) {
			$requests[] = array( 'method' => 'POST', 'url' => $this->shop . '/wp-json/iotpay/v1/notify/sunbay', 'body' => $body, 'headers' => $this->webhook_headers( $body ) );
		}
		$answers = $this->burst( $requests );
		$paid    = $this->wait_paid( $order, 20 );
		$this->assertTrue( $paid->is_paid() );
		$this->assertCount( 1, $this->sunbay_payment_notes( $paid ), 'completed more than once' );
		$this->assertSame( 1, count( array_filter( Attempts::for_order( $order->get_id() ), static fn ( Attempt $a ) => Attempt::PAID === $a->state ) ) );
		foreach ( $answers as $a ) {
			$this->assertContains( $a['status'], array( 200, 503 ), 'a verified webhook must be recorded or retried: ' . $a['body'] );
		}
		$this->assertGreaterThan( 0, count( array_filter( $answers, static fn ( $a ) => 200 === $a['status'] ) ) );
		// A forged one (wrong secret) is refused and changes nothing.
		$forged = $this->httpRequest( 'POST', $this->shop . '/wp-json/iotpay/v1/notify/sunbay', self::header_map( $this->webhook_headers( $body, 'wrong-secret' ) ), $body );
		$this->assertSame( 401, $forged['status'] );
	}

	public function test_a_webhook_alone_never_completes_an_order(): void {
		$this->needs_sunbay();
		$order   = $this->sunbay_order( '12.00' );
		$this->checkout( $order );
		$attempt = $this->attempt( $order );
		// A validly signed "S" about a session nobody paid: SUNBAY's query says otherwise.
		$body = $this->webhook_body( $attempt, 'S' );
		$r    = $this->httpRequest( 'POST', $this->shop . '/wp-json/iotpay/v1/notify/sunbay', self::header_map( $this->webhook_headers( $body ) ), $body );
		$this->assertSame( 200, $r['status'] );
		$this->assertFalse( $this->reloadOrder( $order )->is_paid() );
		$this->assertCount( 0, $this->sunbay_payment_notes( $this->reloadOrder( $order ) ) );
	}

	public function test_a_dropped_webhook_is_completed_by_reconciliation(): void {
		$this->needs_sunbay();
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$order   = $this->sunbay_order( '18.50' );
		$this->checkout( $order );
		$attempt = $this->attempt( $order );
		$this->on_hosted_page( $attempt );
		usleep( 500_000 );
		$this->assertFalse( $this->reloadOrder( $order )->is_paid(), 'paid without a webhook or a query' );
		Reconciler::check_attempt( $attempt->id );
		$paid = $this->reloadOrder( $order );
		$this->assertTrue( $paid->is_paid() );
		$this->assertStringContainsString( 'via reconcile', implode( "\n", $this->sunbay_payment_notes( $paid ) ) );
	}

	private function paid_sunbay_order( string $total ): \WC_Order {
		$order = $this->sunbay_order( $total );
		$this->checkout( $order );
		$this->on_hosted_page( $this->attempt( $order ) );
		$paid = $this->wait_paid( $order, 15 );
		$this->assertTrue( $paid->is_paid() );
		return $paid;
	}

	private function refund( \WC_Order $order, string $amount ) {
		return wc_create_refund( array( 'order_id' => $order->get_id(), 'amount' => $amount, 'reason' => 'test', 'refund_payment' => true ) );
	}

	public function test_partial_then_full_refund(): void {
		$this->needs_sunbay();
		$order = $this->paid_sunbay_order( '40.00' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( $order, '15.00' ) );
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( $order, '25.00' ) );
		$rows = Refunds::for_order( $order->get_id() );
		$this->assertCount( 2, $rows );
		foreach ( $rows as $r ) {
			$this->assertSame( Protocol::SUNBAY, $r->family );
			$this->assertContains( $r->state, array( Refund::DONE, Refund::PENDING ) );
			$this->assertMatchesRegularExpression( '/^[A-Za-z0-9_\-]{1,32}$/', $r->mch_refund_no );
		}
		$this->assertSame( array( 1500, 2500 ), array_map( static fn ( Refund $r ) => $r->amount, $rows ) );
		$this->assertNotSame( $rows[0]->mch_refund_no, $rows[1]->mch_refund_no );
		$this->assertSame( 4000, $this->refunded_at_sunbay( $order->get_transaction_id() ) );
		// Nothing left: a further refund is refused before anything is sent.
		$this->assertInstanceOf( \WP_Error::class, $this->refund( $order, '0.01' ) );
		$this->assertCount( 2, Refunds::for_order( $order->get_id() ) );
	}

	public function test_a_refund_retried_after_an_unknown_outcome_reuses_its_number_and_is_paid_once(): void {
		$this->needs_sunbay();
		$order = $this->paid_sunbay_order( '30.00' );
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		// Only the admin's retry learns the outcome (the refund's webhook settling it first is the next test).
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->sb->setFaults( array( 'process_then_5xx_rate' => 1.0, 'endpoint' => self::FAULT_REFUND, 'once' => true ) );
		$this->sb->setFaults( array( 'error_5xx_rate' => 1.0, 'endpoint' => self::FAULT_QUERY, 'once' => true ) );
		$first = $this->refund( $order, '10.00' );
		$this->assertInstanceOf( \WP_Error::class, $first, 'an unanswered refund must not be reported as done' );
		$rows = Refunds::for_order( $order->get_id() );
		$this->assertCount( 1, $rows );
		$this->assertContains( $rows[0]->state, array( Refund::UNKNOWN, Refund::SENDING ) );
		$number = $rows[0]->mch_refund_no;

		$second = $this->refund( $order, '10.00' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $second );
		$rows = Refunds::for_order( $order->get_id() );
		$this->assertCount( 1, $rows, 'a new transactionRequestId was minted while the first refund was unknown' );
		$this->assertSame( $number, $rows[0]->mch_refund_no );
		$this->assertSame( Refund::DONE, $rows[0]->state );
		$this->assertSame( '10.00', wc_format_decimal( $this->reloadOrder( $order )->get_total_refunded(), 2 ) );
		$this->assertSame( 1000, $this->refunded_at_sunbay( $order->get_transaction_id() ), 'SUNBAY refunded the customer twice' );
	}

	public function test_a_refund_whose_answer_was_lost_is_settled_and_recorded_once_by_its_webhook(): void {
		$this->needs_sunbay();
		$order = $this->paid_sunbay_order( '30.00' );
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$this->sb->setFaults( array( 'process_then_5xx_rate' => 1.0, 'endpoint' => self::FAULT_REFUND, 'once' => true ) );
		$this->sb->setFaults( array( 'error_5xx_rate' => 1.0, 'endpoint' => self::FAULT_QUERY, 'once' => true ) );
		$this->assertInstanceOf( \WP_Error::class, $this->refund( $order, '10.00' ), 'an unanswered refund must not be reported as done' );
		// SUNBAY's refund webhook: verified, the refund asked about by its number, the row done, WooCommerce's record made.
		$deadline = microtime( true ) + 15;
		do {
			usleep( 200_000 );
			wp_cache_flush();
			$rows = Refunds::for_order( $order->get_id() );
		} while ( ( Refund::DONE !== $rows[0]->state || null === $rows[0]->wc_refund() ) && microtime( true ) < $deadline );
		$this->assertCount( 1, $rows );
		$this->assertSame( Refund::DONE, $rows[0]->state );
		$this->assertNotNull( $rows[0]->wc_refund(), 'the refund SUNBAY made was not recorded in WooCommerce' );
		$this->assertSame( '10.00', wc_format_decimal( $this->reloadOrder( $order )->get_total_refunded(), 2 ) );
		$this->assertSame( 1000, $this->refunded_at_sunbay( $order->get_transaction_id() ) );
	}

	public function test_cancelling_the_order_expires_the_session(): void {
		$this->needs_sunbay();
		$order   = $this->sunbay_order( '22.00' );
		$this->checkout( $order );
		$attempt = $this->attempt( $order );
		$this->reloadOrder( $order )->update_status( 'cancelled' );
		$fresh = Attempts::find( $attempt->id );
		$this->assertSame( Attempt::FAILED, $fresh->state, 'the session was not expired at SUNBAY' );
		$this->assertSame( 'closed: order cancelled', $fresh->note );
		// SUNBAY's page no longer takes the payment.
		$page = $this->httpRequest( 'GET', (string) $attempt->pay_data['redirectUrl'] );
		$this->assertStringNotContainsString( 'id="pay"', $page['body'] );
		$this->assertFalse( $this->reloadOrder( $order )->is_paid() );
	}

	public function test_a_declined_payment_can_be_paid_again_and_the_old_session_is_closed(): void {
		$this->needs_sunbay();
		$order   = $this->sunbay_order( '19.00' );
		$this->checkout( $order );
		$first = $this->attempt( $order );
		$this->on_hosted_page( $first, 'decline' );
		$page = $this->httpRequest( 'GET', $order->get_checkout_order_received_url() );
		$this->assertStringNotContainsString( 'Thank you. Your order has been received.', $page['body'] );
		$this->assertSame( Attempt::FAILED, Attempts::find( $first->id )->state );
		$this->assertFalse( $this->reloadOrder( $order )->is_paid() );

		$result = $this->checkout( $this->reloadOrder( $order ) );
		$this->assertSame( 'success', $result['result'] );
		$second = $this->attempt( $order );
		$this->assertNotSame( $first->mch_order_no, $second->mch_order_no );
		$this->on_hosted_page( $second );
		$paid = $this->wait_paid( $order, 15 );
		$this->assertTrue( $paid->is_paid() );
		$this->assertCount( 1, $this->sunbay_payment_notes( $paid ) );
	}

	public function test_a_new_attempt_expires_the_unpaid_session_it_replaces(): void {
		$this->needs_sunbay();
		$order = $this->sunbay_order( '16.00' );
		$this->checkout( $order );
		$first = $this->attempt( $order );
		// The total changes (a coupon): the open session no longer fits, a new one replaces it.
		$fresh = $this->reloadOrder( $order );
		$fresh->set_total( '15.00' );
		$fresh->save();
		$this->checkout( $this->reloadOrder( $order ) );
		$this->assertSame( Attempt::FAILED, Attempts::find( $first->id )->state );
		$this->assertSame( 'closed: replaced by a newer attempt', Attempts::find( $first->id )->note );
		$this->assertNotSame( $first->mch_order_no, $this->attempt( $order )->mch_order_no );
	}

	public function test_connection_test_tells_good_credentials_from_bad(): void {
		$this->needs_sunbay();
		$this->assertTrue( \IotPay\WooCommerce\Admin\ConnectionTest::run_sunbay()['ok'] );
		$opts            = (array) get_option( 'woocommerce_iotpay_sunbay_account_settings' );
		$opts['api_key'] = 'wrong-api-key-123';
		update_option( 'woocommerce_iotpay_sunbay_account_settings', $opts );
		SunbaySettings::reset();
		$r = \IotPay\WooCommerce\Admin\ConnectionTest::run_sunbay();
		$this->assertFalse( $r['ok'] );
		$this->assertStringNotContainsString( 'wrong-api-key-123', $r['message'] );
	}

	/** @param list<string> $lines @return array<string, string> */
	private static function header_map( array $lines ): array {
		$out = array();
		foreach ( $lines as $l ) {
			[ $k, $v ]        = explode( ':', $l, 2 );
			$out[ trim( $k ) ] = trim( $v );
		}
		return $out;
	}

	public function test_an_unpaid_order_is_cancelled_only_after_sunbay_is_asked(): void {
		$this->needs_sunbay();
		// Paid at SUNBAY, the webhook lost: WooCommerce's unpaid-order cancellation asks first and keeps it.
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$paid_there = $this->sunbay_order( '14.00' );
		$this->checkout( $paid_there );
		$this->on_hosted_page( $this->attempt( $paid_there ) );
		$this->assertFalse( apply_filters( 'woocommerce_cancel_unpaid_order', true, $this->reloadOrder( $paid_there ) ) );
		$this->assertTrue( $this->reloadOrder( $paid_there )->is_paid(), 'the payment SUNBAY reports was not recorded' );
		$this->assertStringContainsString( 'via cancel-check', implode( "\n", $this->payment_notes( $this->reloadOrder( $paid_there ) ) ) );
		// Never paid: SUNBAY says so, the order may go, and its session is closed with it.
		$unpaid = $this->sunbay_order( '15.00' );
		$this->checkout( $unpaid );
		$attempt = $this->attempt( $unpaid );
		$this->assertTrue( apply_filters( 'woocommerce_cancel_unpaid_order', true, $this->reloadOrder( $unpaid ) ) );
		$this->reloadOrder( $unpaid )->update_status( 'cancelled' );
		$this->assertSame( Attempt::FAILED, Attempts::find( $attempt->id )->state );
	}

	public function test_the_order_panel_lists_sunbay_attempts_and_refunds(): void {
		$this->needs_sunbay();
		$this->setCurrentUserRole( 'administrator' );
		$order = $this->paid_sunbay_order( '21.00' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( $order, '6.00' ) );
		$html    = $this->renderOrderEditScreen( $this->reloadOrder( $order ) );
		$attempt = $this->attempt( $order );
		$refund  = Refunds::for_order( $order->get_id() )[0];
		$this->assertStringContainsString( '<code>' . $attempt->mch_order_no . '</code>', $html );
		$this->assertStringContainsString( 'SUNBAY HPP', $html );
		$this->assertStringContainsString( (string) $attempt->pay_order_id, $html );
		$this->assertStringContainsString( '<code>' . $refund->mch_refund_no . '</code>', $html );
		$this->assertStringContainsString( 'Check now with SUNBAY', $html );
		$this->assertStringNotContainsString( 'Check now with IOTPay', $html );
	}

	public function test_a_real_sunbay_run_logs_no_secret(): void {
		$this->needs_sunbay();
		$order = $this->paid_sunbay_order( '17.00' );
		$this->refund( $order, '2.00' );
		$body = $this->webhook_body( $this->attempt( $order ) );
		$this->httpRequest( 'POST', $this->shop . '/wp-json/iotpay/v1/notify/sunbay', self::header_map( $this->webhook_headers( $body, 'wrong-secret' ) ), $body );
		\IotPay\WooCommerce\Admin\ConnectionTest::run_sunbay();
		$logs = (string) wp_json_encode( $this->getLogs() );
		$this->assertStringContainsString( 'SUNBAY call', $logs, 'debug logging of SUNBAY calls produced nothing' );
		$c = SunbaySettings::instance()->credentials();
		$this->assertStringNotContainsString( $c['api_key'], $logs );
		$this->assertStringNotContainsString( $c['webhook_secret'], $logs );
		$notes = implode( "\n", $this->getOrderNotes( $order->get_id() ) );
		$this->assertStringNotContainsString( $c['api_key'], $notes );
	}
}
