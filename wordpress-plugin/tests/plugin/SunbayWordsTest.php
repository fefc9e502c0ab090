<?php
/**
 * A SUNBAY order is never described as IOTPay's: a real SUNBAY checkout and
 * refund (whose answer is lost, then settled by the background check) leave
 * notes, a WooCommerce refund reason and an order panel that name SUNBAY,
 * and every attention flag the panel can show names SUNBAY too.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Admin\OrderPanel;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Reconcile\Reconciler;
use IotPay\WooCommerce\Refund\Refund;
use IotPay\WooCommerce\Refund\Refunds;

final class SunbayWordsTest extends SunbayTestCase {

	/** Flags whose text names a provider (late_payment and void_pending name none). */
	private const FLAGS = array( 'mismatch:amount', 'duplicate_payment', 'complete_failed', 'attempt_unresolved', 'refund_failed', 'refund_unrecorded', 'refund_unconfirmed', 'merchant_unavailable' );

	private function panel( \WC_Order $order ): string {
		ob_start();
		OrderPanel::render( $this->reloadOrder( $order ) );
		return (string) ob_get_clean();
	}

	public function test_a_sunbay_orders_refund_notes_flags_and_panel_never_say_iotpay(): void {
		$this->needs_sunbay();
		$this->setCurrentUserRole( 'administrator' );
		$order = $this->sunbay_order( '30.00' );
		$this->checkout( $order );
		$this->on_hosted_page( $this->attempt( $order ) );
		$this->assertTrue( $this->wait_paid( $order, 15 )->is_paid() );

		// A refund whose answer is lost: only the background check learns SUNBAY made it.
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->sb->setFaults( array( 'process_then_5xx_rate' => 1.0, 'endpoint' => 'sunbay_refund', 'once' => true ) );
		$this->sb->setFaults( array( 'error_5xx_rate' => 1.0, 'endpoint' => 'sunbay_query', 'once' => true ) );
		$error = wc_create_refund( array( 'order_id' => $order->get_id(), 'amount' => '10.00', 'reason' => 'test', 'refund_payment' => true ) );
		$this->assertInstanceOf( \WP_Error::class, $error );
		$this->assertStringNotContainsString( 'IOTPay', $error->get_error_message() );
		$row = Refunds::for_order( $order->get_id() )[0];
		$this->assertContains( $row->state, array( Refund::UNKNOWN, Refund::SENDING ) );
		$waiting = $this->panel( $order );
		$this->assertStringContainsString( 'waiting for SUNBAY', $waiting );
		$this->assertStringNotContainsString( 'IOTPay', $waiting );

		Reconciler::check_refund( $row->id );
		$row = Refunds::find( $row->id );
		$this->assertSame( Refund::DONE, $row->state );
		$this->assertNotNull( $row->wc_refund() );
		$this->assertStringContainsString( 'SUNBAY refund ' . $row->mch_refund_no, (string) $row->wc_refund()->get_reason() );

		$notes = implode( "\n", $this->getOrderNotes( $order->get_id() ) );
		$this->assertStringContainsString( 'SUNBAY confirmed the refund', $notes );
		$this->assertStringContainsString( 'SUNBAY payment started', $notes );
		$this->assertStringNotContainsString( 'IOTPay', $notes );
		$this->assertStringNotContainsString( 'IOTPay', $this->panel( $order ) );

		$this->assertSame( 'Check SUNBAY payment status', \IotPay\WooCommerce\Admin\OrderActions::add_actions( array(), $this->reloadOrder( $order ) )[ \IotPay\WooCommerce\Admin\OrderActions::CHECK_STATUS ] ?? '' );

		foreach ( self::FLAGS as $flag ) {
			$o = $this->reloadOrder( $order );
			$o->update_meta_data( Completion::META_ATTENTION, $flag );
			$o->save();
			$html = $this->panel( $order );
			$this->assertStringContainsString( 'Needs attention:', $html, $flag );
			$this->assertStringContainsString( 'SUNBAY', $html, $flag );
			$this->assertStringNotContainsString( 'IOTPay', $html, "the $flag flag of a SUNBAY order names IOTPay" );
		}
	}
}
