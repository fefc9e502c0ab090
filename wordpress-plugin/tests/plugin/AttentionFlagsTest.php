<?php
/**
 * The attention flags that warn about an unresolved refund or void
 * (refund_unconfirmed, void_pending) go once what they warn about is
 * resolved, and stay while another refund of the order is still open.
 * Driven with real SUNBAY refunds whose answers are lost, then settled by
 * the background check.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Reconcile\Reconciler;
use IotPay\WooCommerce\Refund\Refund;
use IotPay\WooCommerce\Refund\Refunds;

final class AttentionFlagsTest extends SunbayTestCase {

	private function paid(): \WC_Order {
		$order = $this->sunbay_order( '30.00' );
		$this->checkout( $order );
		$this->on_hosted_page( $this->attempt( $order ) );
		$paid = $this->wait_paid( $order, 15 );
		$this->assertTrue( $paid->is_paid() );
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		return $paid;
	}

	/** A refund whose answer is lost (and whose first query fails): its row stays open. */
	private function lost_refund( \WC_Order $order, string $amount ): Refund {
		$this->sb->setFaults( array( 'process_then_5xx_rate' => 1.0, 'endpoint' => 'sunbay_refund', 'once' => true ) );
		$this->sb->setFaults( array( 'error_5xx_rate' => 1.0, 'endpoint' => 'sunbay_query', 'once' => true ) );
		$this->assertInstanceOf( \WP_Error::class, wc_create_refund( array( 'order_id' => $order->get_id(), 'amount' => $amount, 'reason' => 'test', 'refund_payment' => true ) ) );
		$rows = array_values( array_filter( Refunds::for_order( $order->get_id() ), static fn ( Refund $r ) => $r->is_live() ) );
		$this->assertNotEmpty( $rows );
		return end( $rows );
	}

	private function flag( \WC_Order $order ): string {
		return (string) $this->reloadOrder( $order )->get_meta( Completion::META_ATTENTION );
	}

	private function set_flag( \WC_Order $order, string $flag ): void {
		$o = $this->reloadOrder( $order );
		$o->update_meta_data( Completion::META_ATTENTION, $flag );
		$o->save();
	}

	public function test_refund_unconfirmed_goes_once_the_refund_is_confirmed(): void {
		$this->needs_sunbay();
		$order = $this->paid();
		$row   = $this->lost_refund( $order, '10.00' );
		$this->set_flag( $order, 'refund_unconfirmed' );
		Reconciler::check_refund( $row->id );
		$this->assertSame( Refund::DONE, Refunds::find( $row->id )->state );
		$this->assertSame( '', $this->flag( $order ), 'the refund is confirmed, yet the order still says its outcome is unknown' );
	}

	public function test_void_pending_stays_while_another_refund_is_open_and_goes_with_the_last(): void {
		$this->needs_sunbay();
		$order  = $this->paid();
		$first  = $this->lost_refund( $order, '10.00' );
		$second = $this->lost_refund( $order, '5.00' );
		$this->assertNotSame( $first->id, $second->id );
		$this->set_flag( $order, 'void_pending' );
		Reconciler::check_refund( $first->id );
		$this->assertSame( Refund::DONE, Refunds::find( $first->id )->state );
		$this->assertSame( 'void_pending', $this->flag( $order ), 'cleared while another refund of the order is still open' );
		Reconciler::check_refund( $second->id );
		$this->assertSame( Refund::DONE, Refunds::find( $second->id )->state );
		$this->assertSame( '', $this->flag( $order ) );
	}

	public function test_other_flags_are_kept_when_a_refund_resolves(): void {
		$this->needs_sunbay();
		$order = $this->paid();
		$row   = $this->lost_refund( $order, '10.00' );
		$this->set_flag( $order, 'duplicate_payment' );
		Reconciler::check_refund( $row->id );
		$this->assertSame( Refund::DONE, Refunds::find( $row->id )->state );
		$this->assertSame( 'duplicate_payment', $this->flag( $order ) );
	}
}
