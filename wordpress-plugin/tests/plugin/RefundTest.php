<?php
/**
 * Refunds from the order screen (wc_create_refund → process_refund): full,
 * partial, retried after a lost answer (paid once), refused (WP_Error with
 * IOTPay's message); each leaves a note.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

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

	public function test_full_refund(): void {
		$r = $this->refund( '50.00', 'customer changed mind' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $r );
		$this->assertSame( 5000, $this->refunded_at_sandbox() );
		$notes = array_filter( $this->getOrderNotes( $this->order->get_id() ), static fn ( $n ) => str_contains( $n, 'IOTPay refund of 50.00 CAD sent' ) );
		$this->assertCount( 1, $notes );
	}

	public function test_partial_refunds_and_balance(): void {
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '10.00' ) );
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '15.50' ) );
		$this->assertSame( 2550, $this->refunded_at_sandbox() );
		$over = $this->refund( '30.00' );
		$this->assertInstanceOf( \WP_Error::class, $over );
		$this->assertSame( 2550, $this->refunded_at_sandbox() );
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( '24.50' ) );
		$this->assertSame( 5000, $this->refunded_at_sandbox() );
	}

	public function test_refund_after_lost_answer_is_not_paid_twice(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$this->sb->setFaults( array( 'hang_rate' => 1.0, 'endpoint' => 'refund_order', 'once' => true ) );
		$this->sb->setFaults( array( 'error_5xx_rate' => 1.0, 'endpoint' => 'query_refund', 'once' => true ) );
		$first = $this->refund( '20.00' );
		$this->assertInstanceOf( \WP_Error::class, $first, 'an unanswered refund must not be reported as done' );
		// IOTPay did process it.
		$this->assertSame( 2000, $this->refunded_at_sandbox() );
		// The shop owner retries the same refund: it is confirmed, not sent again.
		$second = $this->refund( '20.00' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $second );
		$this->assertSame( 2000, $this->refunded_at_sandbox(), 'refunded twice' );
		$this->assertNotEmpty( array_filter( $this->getOrderNotes( $this->order->get_id() ), static fn ( $n ) => str_contains( $n, 'confirmed after an earlier timeout' ) ) );
		$this->assertSame( 2000, \IotPay\Money::toMinor( (string) $this->reloadOrder( $this->order )->get_total_refunded(), 'CAD' ) );
	}

	public function test_lost_answer_confirmed_by_query_in_the_same_request(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$this->sb->setFaults( array( 'process_then_5xx_rate' => 1.0, 'endpoint' => 'refund_order', 'once' => true ) );
		$r = $this->refund( '5.00' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $r );
		$this->assertSame( 500, $this->refunded_at_sandbox() );
	}

	public function test_refusal_is_a_wp_error_with_iotpays_message(): void {
		$this->sb->setFaults( array( 'error_code' => '0014', 'endpoint' => 'refund_order', 'once' => true ) );
		$r = $this->refund( '5.00' );
		$this->assertInstanceOf( \WP_Error::class, $r );
		$this->assertStringContainsString( 'parameter error', $r->get_error_message() );
		$this->assertSame( 0, $this->refunded_at_sandbox() );
		$this->assertCount( 0, $this->reloadOrder( $this->order )->get_refunds(), 'WooCommerce kept a refund IOTPay refused' );
		$this->assertNotEmpty( array_filter( $this->getOrderNotes( $this->order->get_id() ), static fn ( $n ) => str_contains( $n, 'IOTPay refused the refund' ) ) );
	}

	public function test_unpaid_order_cannot_be_refunded(): void {
		$order = $this->order_for( 'iotpay_alipay', '9.00' );
		$gw    = $this->gateway( 'iotpay_alipay' );
		$r     = $gw->process_refund( $order->get_id(), '1.00', '' );
		$this->assertInstanceOf( \WP_Error::class, $r );
	}
}
