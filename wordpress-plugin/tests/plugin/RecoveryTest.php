<?php
/**
 * Nothing lost: sandbox faults on every call, and the order still ends paid —
 * once — through the poll, the reconciliation jobs or the cancel check; never
 * cancelled while paid.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Reconcile\Reconciler;

final class RecoveryTest extends PluginTestCase {

	private function pay_silently( Attempt $a ): void {
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->sb->pay( (string) $a->pay_order_id );
	}

	public function test_dropped_notification_is_recovered_by_reconciliation(): void {
		$order = $this->order_for( 'iotpay_wechat' );
		$this->checkout( $order );
		$this->pay_silently( $this->attempt( $order ) );
		$this->assertFalse( $this->reloadOrder( $order )->is_paid() );
		$this->assertNotEmpty( $this->getScheduledActions( Reconciler::HOOK_CHECK_ATTEMPT, 'pending' ) );
		$this->advanceTime( 61 );
		$this->runScheduledActions();
		$paid = $this->reloadOrder( $order );
		$this->assertTrue( $paid->is_paid() );
		$this->assertCount( 1, $this->payment_notes( $paid ) );
		$this->assertStringContainsString( 'via reconcile', $this->payment_notes( $paid )[0] );
	}

	public function test_status_poll_completes_when_notifications_are_lost(): void {
		$order = $this->order_for( 'iotpay_unionpay' );
		$this->checkout( $order );
		$this->pay_silently( $this->attempt( $order ) );
		$r = $this->httpRequest( 'GET', $this->shop . '/wp-json/iotpay/v1/orders/' . $order->get_id() . '/status?key=' . rawurlencode( $order->get_order_key() ) );
		$this->assertSame( 200, $r['status'] );
		$body = json_decode( $r['body'], true );
		$this->assertSame( 'paid', $body['status'] );
		$this->assertSame( $order->get_checkout_order_received_url(), $body['redirect'] );
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
		// A wrong key reveals nothing.
		$bad = $this->httpRequest( 'GET', $this->shop . '/wp-json/iotpay/v1/orders/' . $order->get_id() . '/status?key=wc_order_wrong' );
		$this->assertSame( 404, $bad['status'] );
	}

	public function test_timed_out_create_is_queried_and_still_completes(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$order = $this->order_for( 'iotpay_wechat' );
		$this->sb->setFaults( array( 'hang_rate' => 1.0, 'endpoint' => 'create_order', 'once' => true ) );
		$result = $this->checkout( $order );
		$this->assertSame( 'failure', $result['result'] );
		$notices = wc_get_notices( 'error' );
		$this->assertNotEmpty( $notices );
		$attempt = $this->attempt( $order );
		// The create was processed although its answer was lost: the query found it.
		$this->assertSame( Attempt::OPEN, $attempt->state );
		$this->assertNotNull( $attempt->pay_order_id );
		// The customer pays that very IOTPay order (e.g. the code had been shown) — notification lost too.
		$this->pay_silently( $attempt );
		$this->advanceTime( 61 );
		$this->runScheduledActions();
		$paid = $this->reloadOrder( $order );
		$this->assertTrue( $paid->is_paid() );
		$this->assertSame( $attempt->pay_order_id, $paid->get_transaction_id() );
	}

	public function test_retry_after_timeout_opens_a_new_attempt_and_honours_a_paid_old_one(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$order = $this->order_for( 'iotpay_alipay' );
		$this->sb->setFaults( array( 'hang_rate' => 1.0, 'endpoint' => 'create_order', 'once' => true ) );
		$this->checkout( $order );
		$old = $this->attempt( $order );
		$this->sb->clearFaults();
		$this->assertSame( 'success', $this->checkout( $order )['result'] );
		$new = $this->attempt( $order );
		$this->assertNotSame( $old->mch_order_no, $new->mch_order_no );
		$this->assertSame( Attempt::SUPERSEDED, Attempts::find( $old->id )->state );
		// The customer paid the old one after all: the order is paid through it, once.
		$this->pay_silently( $old );
		$this->advanceTime( 61 );
		$this->runScheduledActions();
		$paid = $this->reloadOrder( $order );
		$this->assertTrue( $paid->is_paid() );
		$this->assertSame( $old->mch_order_no, $paid->get_meta( '_iotpay_paid_mch_order_no' ) );
		// …and if the new one is paid too, that is flagged, not applied twice.
		$this->pay_silently( $new );
		$this->advanceTime( 3600 );
		$this->runScheduledActions();
		$paid = $this->reloadOrder( $order );
		$this->assertCount( 1, $this->payment_notes( $paid ) );
		$this->assertSame( 'duplicate_payment', $paid->get_meta( '_iotpay_needs_attention' ) );
	}

	/** @return array<string, array{0: array<string, mixed>}> */
	public static function query_faults(): array {
		return array(
			'5xx'            => array( array( 'error_5xx_rate' => 1.0, 'endpoint' => 'query_order' ) ),
			'malformed JSON' => array( array( 'malformed_json_rate' => 1.0, 'endpoint' => 'query_order' ) ),
			'bad signature'  => array( array( 'bad_signature_rate' => 1.0, 'endpoint' => 'query_order' ) ),
			'system error'   => array( array( 'error_code' => '0010', 'endpoint' => 'query_order' ) ),
		);
	}

	/**
	 * @dataProvider query_faults
	 * @param array<string, mixed> $fault
	 */
	public function test_faulty_queries_are_retried_later( array $fault ): void {
		$order = $this->order_for( 'iotpay_wechat' );
		$this->checkout( $order );
		$this->pay_silently( $this->attempt( $order ) );
		$this->sb->setFaults( $fault );
		$this->advanceTime( 61 );
		$this->runScheduledActions();
		$this->assertFalse( $this->reloadOrder( $order )->is_paid(), 'completed on a faulty answer' );
		$this->assertNotEmpty( $this->getScheduledActions( Reconciler::HOOK_CHECK_ATTEMPT, 'pending' ), 'not rescheduled' );
		$this->sb->clearFaults();
		$this->advanceTime( 3600 );
		$this->runScheduledActions();
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
	}

	/** @return array<string, array{string}> how WooCommerce's checkouts mark their orders (created_via) */
	public static function checkouts(): array {
		return array(
			'classic checkout' => array( 'checkout' ),
			'Checkout block'   => array( 'store-api' ), // Offered on WooCommerce 7.9 by the plugin (D83).
		);
	}

	/** @dataProvider checkouts */
	public function test_never_cancelled_while_paid( string $created_via ): void {
		update_option( 'woocommerce_hold_stock_minutes', '60' );
		$order = $this->createOrder( array( 'payment_method' => 'iotpay_wechat', 'created_via' => $created_via ) );
		$this->checkout( $order );
		$this->pay_silently( $this->attempt( $order ) );
		$this->advanceTime( 7200 );
		$this->cancelUnpaidOrders();
		$fresh = $this->reloadOrder( $order );
		$this->assertNotSame( 'cancelled', $fresh->get_status() );
		$this->assertTrue( $fresh->is_paid() );
	}

	public function test_not_cancelled_while_iotpay_cannot_be_asked(): void {
		update_option( 'woocommerce_hold_stock_minutes', '60' );
		$order = $this->order_for( 'iotpay_alipay' );
		$this->checkout( $order );
		$this->sb->setFaults( array( 'error_5xx_rate' => 1.0, 'endpoint' => 'query_order' ) );
		$this->advanceTime( 7200 );
		$this->cancelUnpaidOrders();
		$this->assertSame( 'pending', $this->reloadOrder( $order )->get_status() );
	}

	public function test_unpaid_order_is_cancelled_normally(): void {
		update_option( 'woocommerce_hold_stock_minutes', '60' );
		$order = $this->order_for( 'iotpay_alipay' );
		$this->checkout( $order );
		$this->advanceTime( 7200 );
		$this->cancelUnpaidOrders();
		$this->assertSame( 'cancelled', $this->reloadOrder( $order )->get_status() );
	}

	/**
	 * D83: WooCommerce 7.9.0 offers only 'checkout' orders to the cancel
	 * filter; our Checkout-block orders ('store-api') get 11.0.1's rule.
	 */
	public function test_unpaid_block_checkout_order_is_cancelled_on_woocommerce_7_9(): void {
		update_option( 'woocommerce_hold_stock_minutes', '60' );
		$order = $this->createOrder( array( 'payment_method' => 'iotpay_alipay', 'created_via' => 'store-api' ) );
		$this->checkout( $order );
		$this->attempt( $order );
		$this->advanceTime( 7200 );
		$this->cancelUnpaidOrders();
		$this->assertSame( 'cancelled', $this->reloadOrder( $order )->get_status(), 'an unpaid block order held its stock' );
	}

	/**
	 * Another gateway's block order is left to WooCommerce's own rule: kept
	 * by 7.9.0, cancelled by 11.0.1 (the double's IOTPAY_TEST_WC_NEW_SHOP=11.0).
	 */
	public function test_other_gateways_block_orders_follow_woocommerces_rule(): void {
		update_option( 'woocommerce_hold_stock_minutes', '60' );
		$other = $this->createOrder( array( 'payment_method' => 'cod', 'created_via' => 'store-api' ) );
		$this->advanceTime( 7200 );
		$this->cancelUnpaidOrders();
		$this->assertSame( 'pending', $this->reloadOrder( $other )->get_status(), 'WooCommerce 7.9 keeps it' );
		$ours = $this->createOrder( array( 'payment_method' => 'iotpay_alipay', 'created_via' => 'store-api' ) );
		$this->checkout( $ours );
		$this->advanceTime( 7200 );
		putenv( 'IOTPAY_TEST_WC_NEW_SHOP=11.0' );
		try {
			$this->cancelUnpaidOrders();
		} finally {
			putenv( 'IOTPAY_TEST_WC_NEW_SHOP' );
		}
		$this->assertSame( 'cancelled', $this->reloadOrder( $other )->get_status(), 'WooCommerce 11 cancels it' );
		$this->assertSame( 'cancelled', $this->reloadOrder( $ours )->get_status() );
	}

	public function test_admin_order_action_checks_iotpay(): void {
		$order = $this->order_for( 'iotpay_unionpay' );
		$this->checkout( $order );
		$this->pay_silently( $this->attempt( $order ) );
		$this->setCurrentUserRole( 'administrator' );
		$this->assertArrayHasKey( 'iotpay_check_status', $this->orderActions( $order ) );
		$this->runOrderAction( $order, 'iotpay_check_status' );
		$fresh = $this->reloadOrder( $order );
		$this->assertTrue( $fresh->is_paid() );
		$this->assertNotEmpty( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( $n ) => str_contains( $n, 'IOTPay status check' ) ) );
	}
}
