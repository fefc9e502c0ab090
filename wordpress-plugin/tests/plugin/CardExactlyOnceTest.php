<?php
/**
 * Issue 16, items 3, 4, 8 and 9: a charge is never made while an earlier one
 * may still go through, and every payment is recorded whatever state its
 * attempt was in. Each test failed on the code before the fix.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Gateway\CardGateway;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Reconcile\Reconciler;

final class CardExactlyOnceTest extends PluginTestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->enable_card_gateway();
	}

	protected function tearDown(): void {
		remove_all_filters( 'query' );
		$_POST = array();
		parent::tearDown();
	}

	private function token_order( int $user, string $total = '30.00' ): \WC_Order {
		return $this->createOrder( array( 'payment_method' => CardGateway::ID, 'total' => $total, 'currency' => 'CAD', 'customer_id' => $user ) );
	}

	/** "Place order" with the saved card, in this request. @return array{result: string, redirect?: string} */
	private function pay_with_token( \WC_Order $order, \WC_Payment_Token_CC $token ): array {
		$_POST  = array( 'wc-' . CardGateway::ID . '-payment-token' => (string) $token->get_id() );
		$result = ( new CardGateway() )->process_payment( $order->get_id() );
		$_POST  = array();
		return $result;
	}

	/** Purchases IOTPay holds for this order's attempts (what the card was really charged). */
	private function charges( \WC_Order $order ): int {
		$n = 0;
		foreach ( Attempts::for_order( $order->get_id() ) as $a ) {
			if ( '' !== (string) $a->pay_order_id && ! empty( $a->pay_data['cardId'] ) ) {
				++$n;
			}
		}
		return $n;
	}

	/** Item 3: a saved-card charge whose outcome IOTPay itself does not know (V3 status 1) keeps the order from being cancelled. */
	public function test_an_unknown_card_charge_is_not_unpaid(): void {
		[ $user, $token ] = $this->customer_with_saved_card();
		$order            = $this->token_order( $user );
		$this->sb->setFaults( array( 'endpoint' => 'cc_purchasewithtoken', 'cc_status' => 1 ) );
		$this->pay_with_token( $order, $token );
		$this->assertTrue( $this->attempt( $order )->is_live() );
		$this->advanceTime( 7200 );
		$this->assertFalse( Reconciler::filter_cancel_unpaid_order( true, $this->reloadOrder( $order ) ), 'cancelled while IOTPay does not know whether the card was charged' );
		$this->assertSame( 'pending', $this->reloadOrder( $order )->get_status() );
	}

	/**
	 * Item 4: two "Place order" with the saved card overlap; the first is paid
	 * (in another worker) just before the second takes the order lock. The
	 * second must not charge the card again.
	 */
	public function test_overlapping_submits_with_a_saved_card_charge_once(): void {
		[ $user, $token ] = $this->customer_with_saved_card();
		$order            = $this->token_order( $user );
		// The first submit's charge: accepted, its outcome not final yet.
		$this->sb->setFaults( array( 'endpoint' => 'cc_purchasewithtoken', 'cc_status' => 0, 'once' => true ) );
		$this->pay_with_token( $order, $token );
		$first = $this->attempt( $order );
		$this->assertSame( 1, $this->charges( $order ) );
		// The second submit read the order (unpaid) before the first was confirmed in another worker.
		wc_get_order( $order->get_id() );
		$this->before_the_lock(
			function () use ( $first, $order ) {
				$this->sb->pay( (string) $first->pay_order_id );
				// The first charge was checked a moment ago: let the status endpoint ask IOTPay now.
				global $wpdb;
				$wpdb->query( $wpdb->prepare( 'UPDATE ' . \IotPay\WooCommerce\Payment\Schema::attempts_table() . ' SET last_checked_at = NULL WHERE id = %d', $first->id ) );
				$status = $this->httpRequest( 'GET', add_query_arg( 'key', $order->get_order_key(), rest_url( 'iotpay/v1/orders/' . $order->get_id() . '/status' ) ) );
				$this->assertStringContainsString( 'paid', $status['body'] );
			}
		);
		$result = $this->pay_with_token( $order, $token );
		remove_all_filters( 'query' );
		$this->assertSame( 1, $this->charges( $order ), 'the saved card was charged twice' );
		$this->assertSame( 'success', $result['result'] );
		$this->assertSame( $order->get_checkout_order_received_url(), $result['redirect'] ?? '' );
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
	}

	/** Item 9: a QR code the customer paid (notification not in yet), then another method chosen: no second payment starts. */
	public function test_switching_method_after_paying_starts_no_second_payment(): void {
		$order = $this->order_for( 'iotpay_wechat', '18.00' );
		$this->checkout( $order );
		$qr = $this->attempt( $order );
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->sb->pay( (string) $qr->pay_order_id );
		$order->set_payment_method( 'iotpay_alipay' );
		$order->save();
		$result = $this->gateway( 'iotpay_alipay' )->process_payment( $order->get_id() );
		$this->assertCount( 1, Attempts::for_order( $order->get_id() ), 'a second payment was opened for an order paid at IOTPay' );
		$this->assertSame( 'success', $result['result'] );
		$this->assertSame( $order->get_checkout_order_received_url(), $result['redirect'] );
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
	}

	/** Item 9: a saved card's charge still open, then a QR method chosen: refused until IOTPay says, with a message. */
	public function test_no_qr_code_while_a_card_charge_is_open(): void {
		[ $user, $token ] = $this->customer_with_saved_card();
		$order            = $this->token_order( $user );
		$this->sb->setFaults( array( 'endpoint' => 'cc_purchasewithtoken', 'cc_status' => 0 ) );
		$this->pay_with_token( $order, $token );
		$order = $this->reloadOrder( $order );
		$order->set_payment_method( 'iotpay_wechat' );
		$order->save();
		wc_clear_notices();
		$result = $this->gateway( 'iotpay_wechat' )->process_payment( $order->get_id() );
		$this->assertSame( 'failure', $result['result'] );
		$this->assertCount( 1, Attempts::for_order( $order->get_id() ), 'a QR code was opened while the card charge may still go through' );
		$this->assertStringContainsString( 'previous card payment', implode( ' ', array_column( wc_get_notices( 'error' ), 'notice' ) ) );
	}

	/** Item 8: a payment of an attempt that had been given up as failed is recorded: paid, or a flagged second payment. */
	public function test_a_late_payment_of_a_failed_attempt_is_recorded(): void {
		$order = $this->order_for( 'iotpay_wechat', '22.00' );
		$this->checkout( $order );
		$old = $this->attempt( $order );
		Attempts::transition( $old->id, Attempt::LIVE, Attempt::FAILED, array( 'note' => 'never reached IOTPay' ) );
		$this->assertSame( 'success', $this->checkout( $order )['result'] );
		$new = $this->attempt( $order );
		$this->assertNotSame( $old->id, $new->id );
		$this->sb->pay( (string) $new->pay_order_id );
		$order = $this->wait_paid( $order );
		// The first attempt is paid too, late.
		$this->sb->pay( (string) $old->pay_order_id );
		$r = $this->post_notification( $this->notification_body( Attempts::find( $old->id ) ) );
		$this->assertSame( 'success', trim( $r['body'] ) );
		$this->assertSame( Attempt::PAID, Attempts::find( $old->id )->state, 'a paid attempt stays failed' );
		$fresh = $this->reloadOrder( $order );
		$this->assertSame( 'duplicate_payment', $fresh->get_meta( Completion::META_ATTENTION ), 'a second payment was not flagged' );
		$this->assertNotEmpty( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( $n ) => str_contains( $n, 'also paid attempt ' . $old->mch_order_no ) ) );
		$this->assertNotEmpty( array_filter( $this->getLogs( 'iotpay-for-woocommerce', 'warning' ), static fn ( $l ) => str_contains( (string) $l['message'], 'duplicate payment' ) ) );
	}

	/** Item 8: a failed attempt whose payment is the order's only one completes the order and becomes paid. */
	public function test_a_failed_attempt_that_turns_out_paid_pays_the_order(): void {
		$order = $this->order_for( 'iotpay_wechat', '23.00' );
		$this->checkout( $order );
		$a = $this->attempt( $order );
		Attempts::transition( $a->id, Attempt::LIVE, Attempt::FAILED, array( 'note' => 'never reached IOTPay' ) );
		$this->sb->pay( (string) $a->pay_order_id );
		$order = $this->wait_paid( $order );
		$this->assertTrue( $order->is_paid() );
		$this->assertSame( Attempt::PAID, Attempts::find( $a->id )->state, 'the attempt that paid the order stays failed' );
	}

	/**
	 * Item 10: a saved card's charge whose answer was lost and that IOTPay
	 * never confirms either way gets an end: after the background schedule it
	 * is flagged for the IOTPay portal, and the order can be paid again.
	 */
	public function test_a_card_charge_never_resolved_is_flagged_and_the_order_usable_again(): void {
		[ $user, $token ] = $this->customer_with_saved_card();
		$order            = $this->token_order( $user );
		// The charge's answer is lost and IOTPay has no record of it — for as long as it is asked.
		$this->sb->setFaults( array( 'endpoint' => 'cc_purchasewithtoken', 'http_status' => 502, 'once' => true ) );
		$this->pay_with_token( $order, $token );
		$a = $this->attempt( $order );
		$this->assertTrue( $a->is_live() );
		wc_clear_notices();
		$this->assertSame( 'failure', $this->pay_with_token( $order, $token )['result'], 'charged again while the first charge may go through' );
		$this->sb->setFaults( array( 'endpoint' => 'cc_query', 'http_status' => 502 ) );
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'UPDATE ' . \IotPay\WooCommerce\Payment\Schema::attempts_table() . ' SET checks = 8 WHERE id = %d', $a->id ) );
		Reconciler::check_attempt( $a->id );
		$this->assertSame( Attempt::FAILED, Attempts::find( $a->id )->state, 'an unresolvable charge stays open for ever' );
		$fresh = $this->reloadOrder( $order );
		$this->assertSame( 'attempt_unresolved', $fresh->get_meta( Completion::META_ATTENTION ) );
		$this->assertNotEmpty( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( $n ) => str_contains( $n, 'IOTPay merchant portal' ) && str_contains( $n, $a->mch_order_no ) ) );
		// The order is usable again.
		$this->sb->clearFaults();
		$this->assertSame( 'success', $this->pay_with_token( $order, $token )['result'] );
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
	}
}
