<?php
/**
 * Refunds (wc_create_refund → process_refund, and the order screen's AJAX
 * refund): one IOTPay refund per WooCommerce refund, a number reused for
 * every retry of money whose outcome is unknown, background checks until
 * every outcome is final — and after every scenario the sum of WooCommerce
 * refunds equals what IOTPay refunded.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Refund\Refund;
use IotPay\WooCommerce\Refund\Refunds;

final class RefundTest extends PluginTestCase {

	private \WC_Order $order;
	private string $pay_order_id;

	protected function setUp(): void {
		parent::setUp();
		$this->order = $this->order_for( 'iotpay_wechat', '50.00' );
		$this->checkout( $this->order );
		$a = $this->attempt( $this->order );
		$this->sb->pay( (string) $a->pay_order_id );
		$this->order        = $this->wait_paid( $this->order );
		$this->pay_order_id = (string) $a->pay_order_id;
		$this->assertTrue( $this->order->is_paid() );
	}

	protected function tearDown(): void {
		remove_all_filters( 'iotpay_wc_refund_grace_seconds' );
		parent::tearDown();
	}

	/** @return \WC_Order_Refund|\WP_Error */
	private function refund( string $amount, string $reason = 'test' ) {
		return wc_create_refund(
			array(
				'order_id'       => $this->order->get_id(),
				'amount'         => $amount,
				'reason'         => $reason,
				'refund_payment' => true,
			)
		);
	}

	private function refunded_at_sandbox(): int {
		return (int) ( $this->sandbox_order( $this->pay_order_id )['refundedAmount'] ?? -1 );
	}

	private function refunded_in_woocommerce(): int {
		wp_cache_flush();
		return \IotPay\Money::toMinor( wc_format_decimal( $this->reloadOrder( $this->order )->get_total_refunded(), 2 ), 'CAD' );
	}

	/** @return list<Refund> */
	private function rows(): array {
		return Refunds::for_order( $this->order->get_id() );
	}

	/** @return list<string> */
	private function notes_with( string $needle ): array {
		return array_values( array_filter( $this->getOrderNotes( $this->order->get_id() ), static fn ( $n ) => str_contains( $n, $needle ) ) );
	}

	/** Runs the background checks (moving the clock past each backoff step) until no refund is live. */
	private function settle_in_background( int $rounds = 12 ): void {
		for ( $i = 0; $i < $rounds; $i++ ) {
			$live = array_filter( $this->rows(), static fn ( Refund $r ) => $r->is_live() );
			if ( ! $live ) {
				return;
			}
			$this->advanceTime( 3600 );
			$this->runScheduledActions();
		}
	}

	/** The invariant: once every outcome is final, WooCommerce and IOTPay agree to the cent. */
	private function assert_totals_agree( int $expected ): void {
		$this->settle_in_background();
		foreach ( $this->rows() as $r ) {
			$this->assertFalse( $r->is_live(), "refund {$r->mch_refund_no} still {$r->state}" );
		}
		$this->assertSame( $expected, $this->refunded_at_sandbox(), 'IOTPay refunded' );
		$this->assertSame( $expected, $this->refunded_in_woocommerce(), 'WooCommerce refunds' );
	}

	public function test_full_refund(): void {
		$r = $this->refund( '50.00', 'customer changed mind' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $r );
		$this->assertCount( 1, $this->notes_with( 'IOTPay refund of 50.00 CAD confirmed' ) );
		$this->assertSame( Refund::DONE, $this->rows()[0]->state );
		$this->assertSame( $r->get_id(), $this->rows()[0]->wc_refund_id );
		$this->assert_totals_agree( 5000 );
	}

	public function test_partial_refunds_and_balance(): void {
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '10.00' ) );
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '15.50' ) );
		$this->assertSame( 2550, $this->refunded_at_sandbox() );
		$over = $this->refund( '30.00' );
		$this->assertInstanceOf( \WP_Error::class, $over );
		$this->assertSame( 2550, $this->refunded_at_sandbox() );
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '24.50' ) );
		$this->assert_totals_agree( 5000 );
	}

	/** Defect 1: a second refund of the same amount is its own IOTPay refund. */
	public function test_same_amount_twice_is_refunded_twice(): void {
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '2.00' ) );
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '2.00' ) );
		$rows = $this->rows();
		$this->assertCount( 2, $rows );
		$this->assertNotSame( $rows[0]->mch_refund_no, $rows[1]->mch_refund_no );
		$this->assert_totals_agree( 400 );
	}

	/** Defect 1: the same, when IOTPay's refund answer carries no status. */
	public function test_same_amount_twice_when_the_answer_has_no_status(): void {
		$this->sb->setFaults( array( 'omit_fields' => array( 'status' ), 'endpoint' => 'refund_order' ) );
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '2.00' ) );
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '2.00' ) );
		$this->assertSame( 400, $this->refunded_at_sandbox(), 'the second refund was never sent' );
		$this->assertCount( 2, $this->notes_with( 'waiting for IOTPay to confirm' ) );
		$this->sb->clearFaults();
		$this->assert_totals_agree( 400 );
		$this->assertCount( 2, $this->notes_with( 'IOTPay confirmed the refund of 2.00 CAD' ) );
	}

	/** A lost answer: the admin is told it is not confirmed; a retry reuses the number, so IOTPay pays once. */
	public function test_retry_after_lost_answer_reuses_the_number(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$this->sb->setFaults( array( 'process_then_5xx_rate' => 1.0, 'endpoint' => 'refund_order', 'once' => true ) );
		$this->sb->setFaults( array( 'error_5xx_rate' => 1.0, 'endpoint' => 'query_refund', 'once' => true ) );
		$first = $this->refund( '20.00' );
		$this->assertInstanceOf( \WP_Error::class, $first, 'an unanswered refund must not be reported as done' );
		$this->assertStringContainsString( 'not confirmed', $first->get_error_message() );
		$this->assertSame( 2000, $this->refunded_at_sandbox(), 'IOTPay did process it' );
		$number = $this->rows()[0]->mch_refund_no;
		$this->assertSame( Refund::UNKNOWN, $this->rows()[0]->state );
		$this->assertCount( 1, $this->notes_with( 'waiting for IOTPay' ) );

		$second = $this->refund( '20.00' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $second );
		$this->assertCount( 1, $this->rows(), 'a new refund number was minted while the first was unknown' );
		$this->assertSame( $number, $this->rows()[0]->mch_refund_no );
		$this->assertSame( $second->get_id(), $this->rows()[0]->wc_refund_id );
		$this->assert_totals_agree( 2000 );
	}

	public function test_lost_answer_confirmed_by_query_in_the_same_request(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$this->sb->setFaults( array( 'process_then_5xx_rate' => 1.0, 'endpoint' => 'refund_order', 'once' => true ) );
		$r = $this->refund( '5.00' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $r );
		$this->assert_totals_agree( 500 );
	}

	/** Defect 2: without Query Refund (404), a lost refund is still resolved — by the retry and by the background. */
	public function test_without_query_refund_the_shop_is_not_stuck(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$this->sb->setFaults( array( 'http_status' => 404, 'endpoint' => 'query_refund' ) );
		$this->sb->setFaults( array( 'process_then_5xx_rate' => 1.0, 'endpoint' => 'refund_order', 'once' => true ) );
		$this->assertInstanceOf( \WP_Error::class, $this->refund( '3.00' ) );
		$this->assertSame( 300, $this->refunded_at_sandbox() );
		// Retried by the admin: confirmed under the same number, not refused forever.
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '3.00' ) );
		$this->assertSame( 300, $this->refunded_at_sandbox() );

		// Lost again, and nobody retries: the background resolves it.
		$this->sb->setFaults( array( 'process_then_5xx_rate' => 1.0, 'endpoint' => 'refund_order', 'once' => true ) );
		$this->assertInstanceOf( \WP_Error::class, $this->refund( '4.00' ) );
		$this->assert_totals_agree( 700 );
		$this->assertCount( 1, $this->notes_with( 'recorded as a WooCommerce refund' ) );
	}

	/** Defect 3: a refund whose answers were all lost is recorded once IOTPay confirms it, so the totals match. */
	public function test_lost_refund_is_recorded_when_confirmed_later(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$this->sb->setFaults( array( 'process_then_5xx_rate' => 1.0, 'endpoint' => 'refund_order', 'once' => true ) );
		$this->sb->setFaults( array( 'error_5xx_rate' => 1.0, 'endpoint' => 'query_refund', 'once' => true ) );
		$this->assertInstanceOf( \WP_Error::class, $this->refund( '0.50' ) );
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '0.25' ) );
		$this->assertSame( 75, $this->refunded_at_sandbox() );
		$this->assertSame( 25, $this->refunded_in_woocommerce() );
		$this->assert_totals_agree( 75 );
		$this->assertCount( 1, $this->notes_with( 'recorded as a WooCommerce refund' ) );
	}

	/** Defect 4: 0112 right after an unanswered call means "not yet", the retry keeps its number, IOTPay pays once. */
	public function test_late_0112_is_not_a_failure(): void {
		$this->sb->setFaults( array( 'process_later_ms' => 1500, 'endpoint' => 'refund_order', 'once' => true ) );
		$first = $this->refund( '6.00' );
		$this->assertInstanceOf( \WP_Error::class, $first );
		$this->assertSame( Refund::UNKNOWN, $this->rows()[0]->state, 'a late 0112 was taken as a failure' );
		$number = $this->rows()[0]->mch_refund_no;
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '6.00' ) );
		$this->assertCount( 1, $this->rows() );
		$this->assertSame( $number, $this->rows()[0]->mch_refund_no );
		usleep( 1_700_000 ); // The delayed processing finds the refund already made.
		$this->assert_totals_agree( 600 );
	}

	public function test_late_processing_is_confirmed_in_the_background(): void {
		$this->sb->setFaults( array( 'process_later_ms' => 1000, 'endpoint' => 'refund_order', 'once' => true ) );
		$this->assertInstanceOf( \WP_Error::class, $this->refund( '7.00' ) );
		usleep( 1_200_000 );
		$this->assert_totals_agree( 700 );
	}

	public function test_a_refund_that_never_reached_iotpay_fails_after_the_grace_period(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		add_filter( 'iotpay_wc_refund_grace_seconds', static fn () => 0 );
		$this->sb->setFaults( array( 'error_5xx_rate' => 1.0, 'endpoint' => 'refund_order', 'once' => true ) );
		$this->assertInstanceOf( \WP_Error::class, $this->refund( '8.00' ) );
		$this->assert_totals_agree( 0 );
		$this->assertSame( Refund::FAILED, $this->rows()[0]->state );
		$this->assertCount( 1, $this->notes_with( 'never reached IOTPay' ) );
	}

	/** Defect 5: two refunds at once through WooCommerce's REST API → two IOTPay refunds, exact cents. */
	public function test_two_refunds_at_once(): void {
		$admin = $this->createUser( 'administrator' );
		wp_set_current_user( $admin );
		$request = array(
			'method'  => 'POST',
			'url'     => $this->shop . '/wp-json/wc/v3/orders/' . $this->order->get_id() . '/refunds',
			'headers' => array( 'Cookie: ' . $this->authCookieHeader( $admin ), 'X-WP-Nonce: ' . wp_create_nonce( 'wp_rest' ), 'Content-Type: application/json' ),
			'body'    => (string) wp_json_encode( array( 'amount' => '5.00', 'reason' => 'two clients', 'api_refund' => true ) ),
		);
		$answers = $this->burst( array( $request, $request ) );
		foreach ( $answers as $a ) {
			$this->assertSame( 201, $a['status'], $a['body'] );
		}
		$rows = $this->rows();
		$this->assertCount( 2, $rows );
		$this->assertNotSame( $rows[0]->mch_refund_no, $rows[1]->mch_refund_no );
		$this->assertNotSame( $rows[0]->wc_refund_id, $rows[1]->wc_refund_id );
		$this->assert_totals_agree( 1000 );
	}

	/** The order screen's refund button (admin-ajax) goes through the same path. */
	public function test_refund_from_the_order_screen(): void {
		$admin = $this->createUser( 'administrator' );
		wp_set_current_user( $admin );
		$r = $this->httpRequest(
			'POST',
			$this->shop . '/wp-admin/admin-ajax.php',
			array( 'Cookie' => $this->authCookieHeader( $admin ), 'Content-Type' => 'application/x-www-form-urlencoded' ),
			http_build_query(
				array(
					'action'          => 'woocommerce_refund_line_items',
					'security'        => wp_create_nonce( 'order-item' ),
					'order_id'        => $this->order->get_id(),
					'refund_amount'   => '12.34',
					'refunded_amount' => '0.00',
					'refund_reason'   => 'order screen',
					'api_refund'      => 'true',
				)
			)
		);
		$this->assertSame( 200, $r['status'] );
		$this->assertTrue( json_decode( $r['body'], true )['success'] ?? false, $r['body'] );
		$this->assert_totals_agree( 1234 );
	}

	/** Defect 6: "refunding" is reported as waiting, checked until done, and the note says so. */
	public function test_refunding_then_done(): void {
		$this->sb->setFaults( array( 'refund_pending_ms' => 1000, 'endpoint' => 'refund_order', 'once' => true ) );
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '9.00' ) );
		$this->assertSame( Refund::PENDING, $this->rows()[0]->state );
		$this->assertCount( 1, $this->notes_with( 'waiting for IOTPay to confirm' ) );
		$this->assertCount( 0, $this->notes_with( 'refunding' ) );
		usleep( 1_200_000 );
		$this->assert_totals_agree( 900 );
		$this->assertCount( 1, $this->notes_with( 'IOTPay confirmed the refund of 9.00 CAD' ) );
	}

	/**
	 * Issue 19 §4: a "refunding" answer is asked about again within seconds
	 * (not after the minute of the general backoff), so the admin still on the
	 * order screen sees the refund confirmed.
	 */
	public function test_refunding_is_asked_again_within_seconds(): void {
		$this->sb->setFaults( array( 'refund_pending_ms' => 1000, 'endpoint' => 'refund_order', 'once' => true ) );
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '9.00' ) );
		$this->assertSame( Refund::PENDING, $this->rows()[0]->state );
		$jobs = $this->getScheduledActions( \IotPay\WooCommerce\Reconcile\Reconciler::HOOK_CHECK_REFUND, 'pending' );
		$this->assertCount( 1, $jobs );
		$due = strtotime( (string) reset( $jobs )['scheduled_date_gmt'] . ' UTC' );
		$this->assertLessThanOrEqual( 15, $due - time(), 'the first check of a refunding refund is seconds away' );
		usleep( 1_200_000 );
		$this->advanceTime( 12 );
		$this->runScheduledActions();
		$this->assertSame( Refund::DONE, $this->rows()[0]->state );
		$this->assertCount( 1, $this->notes_with( 'IOTPay confirmed the refund of 9.00 CAD' ) );
	}

	/** Defect 6: a refund that fails after "refunding" is reported, and WooCommerce's record goes with it. */
	public function test_refunding_then_failed(): void {
		$this->sb->setFaults( array( 'refund_pending_ms' => 1000, 'refund_final_status' => 3, 'endpoint' => 'refund_order', 'once' => true ) );
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '9.00' ) );
		$this->assertSame( 900, $this->refunded_in_woocommerce() );
		usleep( 1_200_000 );
		$this->assert_totals_agree( 0 );
		$this->assertSame( Refund::FAILED, $this->rows()[0]->state );
		$this->assertCount( 1, $this->notes_with( 'failed' ) );
		$this->assertSame( 'refund_failed', $this->reloadOrder( $this->order )->get_meta( '_iotpay_needs_attention' ) );
	}

	public function test_refusal_is_a_wp_error_with_iotpays_message(): void {
		$this->sb->setFaults( array( 'error_code' => '0014', 'endpoint' => 'refund_order', 'once' => true ) );
		$r = $this->refund( '5.00' );
		$this->assertInstanceOf( \WP_Error::class, $r );
		$this->assertStringContainsString( 'parameter error', $r->get_error_message() );
		$this->assertCount( 0, $this->reloadOrder( $this->order )->get_refunds(), 'WooCommerce kept a refund IOTPay refused' );
		$this->assertCount( 1, $this->notes_with( 'IOTPay refused the refund' ) );
		$this->assert_totals_agree( 0 );
	}

	/**
	 * Issue 16 item 5: a lost answer, then the background learns IOTPay is
	 * still refunding (pending). The admin retries the same money as told:
	 * the retry binds to that row and its number, so IOTPay pays once.
	 */
	public function test_a_retry_after_the_background_moved_the_refund_to_pending_is_not_paid_twice(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$this->sb->setFaults( array( 'process_then_5xx_rate' => 1.0, 'refund_pending_ms' => 2500, 'endpoint' => 'refund_order', 'once' => true ) );
		$this->sb->setFaults( array( 'error_5xx_rate' => 1.0, 'endpoint' => 'query_refund', 'once' => true ) );
		$first = $this->refund( '20.00' );
		$this->assertInstanceOf( \WP_Error::class, $first );
		$this->assertStringContainsString( 'reuses the same IOTPay refund', $first->get_error_message() );
		$this->assertSame( Refund::UNKNOWN, $this->rows()[0]->state );
		// The background check: IOTPay says "refunding".
		$this->advanceTime( 120 );
		$this->runScheduledActions();
		$this->assertSame( Refund::PENDING, $this->rows()[0]->state );
		$number = $this->rows()[0]->mch_refund_no;

		$second = $this->refund( '20.00' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $second, is_wp_error( $second ) ? $second->get_error_message() : '' );
		$this->assertCount( 1, $this->rows(), 'a new refund number was minted for money already on its way' );
		$this->assertSame( $number, $this->rows()[0]->mch_refund_no );
		$this->assertSame( $second->get_id(), $this->rows()[0]->wc_refund_id );
		usleep( 2_700_000 );
		$this->assert_totals_agree( 2000 );
	}

	/**
	 * Issue 16 item 7 (v1): IOTPay refuses a repeated refund number (0014,
	 * as it refuses a repeated mchOrderNo, D18). A lost answer, then the
	 * admin's retry: it asks first (Query Refund finds the refund made), so
	 * the refusal a re-send would get is never taken for "nothing refunded".
	 */
	public function test_a_retry_asks_before_sending_again_when_iotpay_refuses_repeated_numbers(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$this->sb->setFaults( array( 'repeated_refund_no' => 'refused', 'endpoint' => 'refund_order' ) );
		$this->sb->setFaults( array( 'process_then_5xx_rate' => 1.0, 'endpoint' => 'refund_order', 'once' => true ) );
		$this->sb->setFaults( array( 'error_5xx_rate' => 1.0, 'endpoint' => 'query_refund', 'once' => true ) );
		$this->assertInstanceOf( \WP_Error::class, $this->refund( '20.00' ) );
		$this->assertSame( 2000, $this->refunded_at_sandbox() );
		$again = $this->refund( '20.00' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $again, is_wp_error( $again ) ? $again->get_error_message() : '' );
		$this->assertSame( Refund::DONE, $this->rows()[0]->state );
		$this->assertCount( 0, $this->notes_with( 'refund again' ) );
		$this->assert_totals_agree( 2000 );
	}

	/**
	 * Issue 16 item 7 (v1, no Query Refund): the re-send is the only way to
	 * ask, and IOTPay refuses the repeated number. That refusal says nothing
	 * about the first send: the row stays unknown, flagged for the IOTPay
	 * portal — never "failed, refund again". Once IOTPay answers repeats
	 * with the first result, the background records the refund.
	 */
	public function test_a_refused_resend_is_unknown_and_flagged_never_failed(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$this->sb->setFaults( array( 'http_status' => 404, 'endpoint' => 'query_refund' ) );
		$this->sb->setFaults( array( 'repeated_refund_no' => 'refused', 'endpoint' => 'refund_order' ) );
		$this->sb->setFaults( array( 'process_then_5xx_rate' => 1.0, 'endpoint' => 'refund_order', 'once' => true ) );
		$this->assertInstanceOf( \WP_Error::class, $this->refund( '3.00' ) );
		$this->assertSame( 300, $this->refunded_at_sandbox() );
		$again = $this->refund( '3.00' );
		$this->assertInstanceOf( \WP_Error::class, $again );
		$this->assertStringNotContainsString( 'refused the refund', $again->get_error_message() );
		$this->advanceTime( 120 );
		$this->runScheduledActions(); // The background re-sends too, and is refused again.
		$this->assertCount( 1, $this->rows() );
		$this->assertSame( Refund::UNKNOWN, $this->rows()[0]->state, 'a refusal of a re-send was taken as a failure' );
		$this->assertCount( 0, $this->notes_with( 'refund again' ) );
		$this->assertCount( 0, $this->notes_with( 'Nothing was refunded' ) );
		$this->assertCount( 1, $this->notes_with( 'IOTPay portal' ) );
		$this->assertSame( 'refund_unconfirmed', $this->reloadOrder( $this->order )->get_meta( '_iotpay_needs_attention' ) );
		$this->assertSame( 300, $this->refunded_at_sandbox(), 'paid twice' );
		$this->sb->clearFaults();
		$this->sb->setFaults( array( 'http_status' => 404, 'endpoint' => 'query_refund' ) );
		$this->assert_totals_agree( 300 );
	}

	/**
	 * Issue 16 item 13: without Query Refund, a re-send answered SUCCESS
	 * without a status states no outcome: the row stays pending and checked,
	 * so IOTPay's later failure is seen (and no WooCommerce record is made).
	 */
	public function test_a_resend_answered_without_a_status_stays_pending(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$this->sb->setFaults( array( 'http_status' => 404, 'endpoint' => 'query_refund' ) );
		$this->sb->setFaults( array( 'process_then_5xx_rate' => 1.0, 'refund_pending_ms' => 1500, 'refund_final_status' => 3, 'endpoint' => 'refund_order', 'once' => true ) );
		$this->assertInstanceOf( \WP_Error::class, $this->refund( '3.00' ) );
		$this->sb->setFaults( array( 'omit_fields' => array( 'status' ), 'endpoint' => 'refund_order' ) );
		$this->advanceTime( 120 );
		$this->runScheduledActions();
		$this->assertSame( Refund::PENDING, $this->rows()[0]->state, 'an answer without a status was booked' );
		$this->assertSame( 0, $this->refunded_in_woocommerce() );
		usleep( 1_700_000 );
		$this->sb->clearFaults();
		$this->sb->setFaults( array( 'http_status' => 404, 'endpoint' => 'query_refund' ) );
		$this->assert_totals_agree( 0 );
		$this->assertSame( Refund::FAILED, $this->rows()[0]->state );
	}

	public function test_unpaid_order_cannot_be_refunded(): void {
		$order = $this->order_for( 'iotpay_alipay', '9.00' );
		$gw    = $this->gateway( 'iotpay_alipay' );
		$r     = $gw->process_refund( $order->get_id(), '1.00', '' );
		$this->assertInstanceOf( \WP_Error::class, $r );
	}
}
