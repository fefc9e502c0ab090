<?php
/**
 * Real-shop findings (issue 9): payments made elsewhere, payment_complete()
 * failing, query answers without payOrderId, late payments, mismatches and
 * cancellation, background re-checks, the missing extension in the
 * background, the debug log, lock names and the sweep's schedule.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Payment\OrderLock;
use IotPay\WooCommerce\Reconcile\Reconciler;

final class HardeningTest extends PluginTestCase {

	private function pay_silently( Attempt $a ): void {
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->sb->pay( (string) $a->pay_order_id );
	}

	/** @return list<string> */
	private function notes_with( \WC_Order $order, string $needle ): array {
		return array_values( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( $n ) => str_contains( $n, $needle ) ) );
	}

	/** Item 7: an order already paid another way, then paid at IOTPay too: a flagged duplicate, not forgotten. */
	public function test_payment_on_an_order_paid_elsewhere_is_a_flagged_duplicate(): void {
		$order = $this->order_for( 'iotpay_wechat' );
		$this->checkout( $order );
		$a     = $this->attempt( $order );
		$order = $this->reloadOrder( $order );
		$order->update_status( 'processing', 'paid by bank transfer' );
		$this->sb->pay( (string) $a->pay_order_id );
		$deadline = microtime( true ) + 10;
		while ( Attempt::PAID !== Attempts::find( $a->id )->state && microtime( true ) < $deadline ) {
			usleep( 100_000 );
		}
		$fresh = $this->reloadOrder( $order );
		$this->assertSame( Attempt::PAID, Attempts::find( $a->id )->state );
		$this->assertSame( 'duplicate_payment', $fresh->get_meta( Completion::META_ATTENTION ) );
		$this->assertCount( 1, $this->notes_with( $fresh, 'already been paid another way' ) );
		$this->assertCount( 0, $this->payment_notes( $fresh ) );
		$this->assertSame( $a->pay_order_id, Attempts::find( $a->id )->pay_order_id );
	}

	/** Item 8: payment_complete() failing is not acknowledged, not marked paid, never cancelled; a later check records it. */
	public function test_payment_complete_failure_is_retried_and_never_cancelled(): void {
		update_option( 'woocommerce_hold_stock_minutes', '60' );
		$order = $this->order_for( 'iotpay_alipay' );
		$this->checkout( $order );
		$a = $this->attempt( $order );
		$this->pay_silently( $a );
		$broken = static function (): void {
			throw new \Exception( 'a hook broke' );
		};
		add_action( 'woocommerce_pre_payment_complete', $broken );
		$outcome = Completion::check( $a, 'admin' );
		$this->assertFalse( $outcome->acknowledge, 'IOTPay would stop notifying' );
		$fresh = $this->reloadOrder( $order );
		$this->assertFalse( $fresh->is_paid() );
		$this->assertTrue( Attempts::find( $a->id )->is_live() );
		$this->assertSame( 'complete_failed', $fresh->get_meta( Completion::META_ATTENTION ) );
		$this->assertCount( 0, $this->payment_notes( $fresh ) );
		$this->advanceTime( 7200 );
		$this->cancelUnpaidOrders();
		$this->assertNotSame( 'cancelled', $this->reloadOrder( $order )->get_status() );
		remove_action( 'woocommerce_pre_payment_complete', $broken );
		$this->assertTrue( Completion::check( Attempts::find( $a->id ), 'admin' )->is_paid() );
		$fresh = $this->reloadOrder( $order );
		$this->assertTrue( $fresh->is_paid() );
		$this->assertSame( '', (string) $fresh->get_meta( Completion::META_ATTENTION ) );
		$this->assertCount( 1, $this->payment_notes( $fresh ) );
	}

	/** Item 9: completed through a query answer without payOrderId, the order keeps the id from the create answer. */
	public function test_query_without_pay_order_id_keeps_the_known_id(): void {
		$order = $this->order_for( 'iotpay_unionpay' );
		$this->checkout( $order );
		$a = $this->attempt( $order );
		$this->assertNotEmpty( $a->pay_order_id );
		$this->pay_silently( $a );
		$this->sb->setFaults( array( 'omit_fields' => array( 'payOrderId' ), 'endpoint' => 'query_order' ) );
		$this->assertTrue( Completion::check( $a, 'admin' )->is_paid() );
		$fresh = $this->reloadOrder( $order );
		$this->assertSame( $a->pay_order_id, $fresh->get_meta( Completion::META_PAY_ORDER_ID ) );
		$this->assertSame( $a->pay_order_id, Attempts::find( $a->id )->pay_order_id );
		$this->sb->clearFaults();
		$this->assertInstanceOf( \WC_Order_Refund::class, wc_create_refund( array( 'order_id' => $order->get_id(), 'amount' => '1.00', 'refund_payment' => true ) ) );
	}

	/** Item 10: a payment after cancellation restores the order deliberately (note + attention), stock taken once; stale mismatch flags go. */
	public function test_late_payment_of_a_cancelled_order(): void {
		$product = $this->createProduct( '12.34', 10 );
		$order   = $this->order_for( 'iotpay_wechat', '12.34', 'CAD', $product );
		$this->checkout( $order );
		$a = $this->attempt( $order );
		$this->reloadOrder( $order )->update_status( 'cancelled', 'customer gone' );
		$this->pay_silently( $a );
		$this->assertTrue( Completion::check( $a, 'reconcile' )->is_paid() );
		$fresh = $this->reloadOrder( $order );
		$this->assertTrue( $fresh->is_paid() );
		$this->assertSame( 'late_payment', $fresh->get_meta( Completion::META_ATTENTION ) );
		$this->assertCount( 1, $this->notes_with( $fresh, 'arrived after the order had been cancelled' ) );
		$this->assertSame( 9, $this->getStock( $product ) );
	}

	public function test_a_correct_payment_clears_a_stale_mismatch_flag(): void {
		$order = $this->order_for( 'iotpay_wechat' );
		$this->checkout( $order );
		$a = $this->attempt( $order );
		$this->post_notification( $this->notification_body( $a, array( 'amount' => '1' ) ) );
		$this->assertStringStartsWith( 'mismatch', (string) $this->reloadOrder( $order )->get_meta( Completion::META_ATTENTION ) );
		$this->pay_silently( $a );
		$this->assertTrue( Completion::check( $a, 'admin' )->is_paid() );
		$this->assertSame( '', (string) $this->reloadOrder( $order )->get_meta( Completion::META_ATTENTION ) );
	}

	/** Item 11: an earlier attempt paid for an old total is money at IOTPay: never cancel over it. */
	public function test_mismatch_blocks_cancellation(): void {
		update_option( 'woocommerce_hold_stock_minutes', '60' );
		$order = $this->order_for( 'iotpay_alipay', '12.34' );
		$this->checkout( $order );
		$a     = $this->attempt( $order );
		$order = $this->reloadOrder( $order );
		$order->set_total( '15.00' );
		$order->save();
		$this->pay_silently( $a );
		$this->advanceTime( 7200 );
		$this->cancelUnpaidOrders();
		$fresh = $this->reloadOrder( $order );
		$this->assertNotSame( 'cancelled', $fresh->get_status() );
		$this->assertStringStartsWith( 'mismatch', (string) $fresh->get_meta( Completion::META_ATTENTION ) );
	}

	/** Item 12: QR-page polling does not use up the background backoff. */
	public function test_polling_does_not_stop_background_checks(): void {
		$order = $this->order_for( 'iotpay_wechat' );
		$this->checkout( $order );
		$a = $this->attempt( $order );
		for ( $i = 0; $i < 20; $i++ ) {
			global $wpdb;
			$wpdb->query( $wpdb->prepare( 'UPDATE ' . \IotPay\WooCommerce\Payment\Schema::attempts_table() . ' SET last_checked_at = NULL WHERE id = %d', $a->id ) );
			$this->assertTrue( Attempts::claim_check( $a->id, 3 ) );
		}
		for ( $round = 0; $round < 3; $round++ ) {
			$this->advanceTime( 3600 );
			$this->runScheduledActions();
			$this->assertNotFalse( as_next_scheduled_action( Reconciler::HOOK_CHECK_ATTEMPT, array( $a->id ), Reconciler::GROUP ), "no check scheduled after round $round" );
		}
	}

	/** Item 12: the sweep reaches every live attempt, least recently checked first. */
	public function test_sweep_covers_every_live_attempt(): void {
		$ids = array();
		for ( $i = 0; $i < 3; $i++ ) {
			$order = $this->order_for( 'iotpay_wechat' );
			$this->checkout( $order );
			$ids[] = $this->attempt( $order )->id;
		}
		Attempts::claim_check( $ids[0], 0 );
		Attempts::claim_check( $ids[1], 0 );
		$first = Attempts::live( 86400, 1 );
		$this->assertSame( $ids[2], $first[0]->id );
	}

	/** Item 13: without the extension, the order action, both jobs, cancellation and refunds degrade without a fatal. */
	public function test_background_without_the_extension(): void {
		update_option( 'woocommerce_hold_stock_minutes', '60' );
		$order = $this->order_for( 'iotpay_wechat' );
		$this->checkout( $order );
		$a     = $this->attempt( $order );
		$other = $this->order_for( 'cod' );
		$this->advanceTime( 7200 );
		$admin = $this->setCurrentUserRole( 'administrator' );
		$env   = getenv();
		$env['PHP_INI_SCAN_DIR'] = (string) shell_exec( 'php -n -r "echo PHP_CONFIG_FILE_SCAN_DIR;"' );
		$proc = proc_open( array( PHP_BINARY, __DIR__ . '/fixtures/no-extension-background.php', (string) $admin, (string) $order->get_id(), (string) $other->get_id(), (string) $a->id ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes, null, $env );
		$out  = stream_get_contents( $pipes[1] );
		$err  = stream_get_contents( $pipes[2] );
		$this->assertSame( 0, proc_close( $proc ), "fatal without the extension: $err $out" );
		$r = json_decode( (string) $out, true );
		$this->assertIsArray( $r, $out . $err );
		$this->assertFalse( $r['extension'] );
		$this->assertSame( 'pending', $r['status'], 'cancelled although IOTPay could not be asked' );
		$this->assertSame( 'cancelled', $r['other'], "another gateway's unpaid order was not cancelled" );
		$this->assertStringContainsString( 'extension is not loaded', (string) $r['refund'] );
		$this->assertTrue( $r['rescheduled'], 'the check job was dropped' );
		$this->assertCount( 1, $this->notes_with( $this->reloadOrder( $order ), 'status check not possible' ) );
	}

	/** Item 14: with "Debug log" on, every IOTPay call is logged (endpoint, time, outcome), key-free; off, none. */
	public function test_debug_log_records_every_call(): void {
		$order = $this->order_for( 'iotpay_wechat' );
		$this->checkout( $order );
		$a = $this->attempt( $order );
		Completion::check( $a, 'admin' );
		$this->sb->pay( (string) $a->pay_order_id );
		$this->wait_paid( $order );
		wc_create_refund( array( 'order_id' => $order->get_id(), 'amount' => '1.00', 'refund_payment' => true ) );
		$debug = array_column( $this->getLogs( 'iotpay-for-woocommerce', 'debug' ), 'message' );
		foreach ( array( 'create_order', 'query_order', 'refund_order' ) as $endpoint ) {
			$this->assertNotEmpty( array_filter( $debug, static fn ( $m ) => str_contains( $m, '"endpoint":"' . $endpoint . '"' ) && str_contains( $m, '"ms":' ) ), "$endpoint not in the debug log" );
		}
		foreach ( $debug as $m ) {
			$this->assertStringNotContainsString( \IotPay\Tests\Support\Sandbox::KEY, $m );
		}
		$before = count( $debug );
		$this->configure( array( 'debug' => 'no' ) );
		Completion::check( $a, 'admin' );
		$this->assertCount( $before, $this->getLogs( 'iotpay-for-woocommerce', 'debug' ) );
	}

	/** Item 18: a long table prefix still gives every order its own lock name of at most 64 characters. */
	public function test_lock_names_stay_unique_per_order(): void {
		global $wpdb;
		$saved         = $wpdb->prefix;
		$wpdb->prefix  = str_repeat( 'p', 70 ) . '_';
		try {
			$this->assertTrue( OrderLock::acquire( 1000001, 1 ) );
			$this->assertTrue( OrderLock::acquire( 1000002, 1 ), 'two orders share one lock' );
			$names = array( OrderLock::name( 1000001 ), OrderLock::name( 1000002 ) );
			OrderLock::release( 1000001 );
			OrderLock::release( 1000002 );
		} finally {
			$wpdb->prefix = $saved;
		}
		$this->assertNotSame( $names[0], $names[1] );
		$this->assertLessThanOrEqual( 64, strlen( $names[0] ) );
	}

	/** Item 18: one sweep however often it is ensured, and none after deactivation. */
	public function test_sweep_is_scheduled_once_and_removed_on_deactivation(): void {
		Reconciler::ensure_sweep_scheduled();
		Reconciler::ensure_sweep_scheduled();
		$this->assertCount( 1, $this->getScheduledActions( Reconciler::HOOK_SWEEP, 'pending' ) );
		do_action( 'deactivate_' . plugin_basename( self::plugin_file() ) );
		$this->assertCount( 0, $this->getScheduledActions( Reconciler::HOOK_SWEEP, 'pending' ) );
	}
}
