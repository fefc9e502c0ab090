<?php
/**
 * Notifications over real HTTP to the shop's server: only a verified one
 * that matches the order changes anything, and `success` is answered only
 * after the order is saved.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\Sandbox;
use IotPay\WooCommerce\Notify\Health;

final class NotifySecurityTest extends PluginTestCase {

	private \WC_Order $order;

	protected function setUp(): void {
		parent::setUp();
		$this->order = $this->order_for( 'iotpay_wechat', '12.34' );
		$this->checkout( $this->order );
	}

	public function test_valid_notification_completes_and_answers_success(): void {
		$r = $this->post_notification( $this->notification_body( $this->attempt( $this->order ) ) );
		$this->assertSame( 200, $r['status'] );
		$this->assertSame( 'success', $r['body'] );
		$paid = $this->reloadOrder( $this->order );
		$this->assertTrue( $paid->is_paid() );
		$this->assertSame( 'accepted', Health::last()['result'] ?? null );
	}

	/** @return array<string, array{0: callable}> */
	public static function refused(): array {
		return array(
			'forged (wrong key)'      => array( fn ( self $t, $a ) => $t->notification_body( $a, array(), 'not-the-key' ) ),
			'altered after signing'   => array( fn ( self $t, $a ) => str_replace( 'amount=1234', 'amount=1', $t->notification_body( $a ) ) ),
			'unsigned'                => array( fn ( self $t, $a ) => preg_replace( '/&sign=[^&]*/', '', $t->notification_body( $a ) ) ),
			'wrong amount (signed)'   => array( fn ( self $t, $a ) => $t->notification_body( $a, array( 'amount' => '1233' ) ) ),
			'wrong currency (signed)' => array( fn ( self $t, $a ) => $t->notification_body( $a, array( 'currency' => 'USD' ) ) ),
			'wrong merchant (signed)' => array( fn ( self $t, $a ) => $t->notification_body( $a, array( 'mchId' => '99999999' ) ) ),
			'unknown order number'    => array( fn ( self $t, $a ) => $t->notification_body( $a, array( 'mchOrderNo' => 'ZZ999-1abcdef' ) ) ),
			'duplicated field'        => array( fn ( self $t, $a ) => $t->notification_body( $a ) . '&amount=1234' ),
			'garbage'                 => array( fn ( self $t, $a ) => "\xff\xfe{not a notification" ),
		);
	}

	/** @dataProvider refused */
	public function test_refused_notifications_change_nothing( callable $make ): void {
		$before_notes = count( $this->getOrderNotes( $this->order->get_id() ) );
		$r            = $this->post_notification( $make( $this, $this->attempt( $this->order ) ) );
		$this->assertGreaterThanOrEqual( 400, $r['status'] );
		$this->assertNotSame( 'success', $r['body'] );
		$fresh = $this->reloadOrder( $this->order );
		$this->assertSame( 'pending', $fresh->get_status() );
		$this->assertSame( '', $fresh->get_transaction_id() );
		$this->assertSame( 0, $this->countStockReductions( $this->order->get_id() ) );
		$this->assertCount( 0, $this->payment_notes( $fresh ) );
		$this->assertSame( 'rejected', Health::last()['result'] ?? null );
		$this->assertLessThanOrEqual( $before_notes + 1, count( $this->getOrderNotes( $this->order->get_id() ) ) );
	}

	public function test_mismatch_is_flagged_once(): void {
		$a = $this->attempt( $this->order );
		for ( $i = 0; $i < 3; $i++ ) {
			$this->post_notification( $this->notification_body( $a, array( 'amount' => '1' ) ) );
		}
		$notes = array_filter( $this->getOrderNotes( $this->order->get_id() ), static fn ( $n ) => str_contains( $n, 'does not match' ) );
		$this->assertCount( 1, $notes );
		$this->assertSame( 'mismatch:amount', $this->reloadOrder( $this->order )->get_meta( '_iotpay_needs_attention' ) );
	}

	public function test_replayed_notification_is_acknowledged_and_ignored(): void {
		$body = $this->notification_body( $this->attempt( $this->order ) );
		for ( $i = 0; $i < 3; $i++ ) {
			$r = $this->post_notification( $body );
			$this->assertSame( 'success', $r['body'] );
		}
		$fresh = $this->reloadOrder( $this->order );
		$this->assertCount( 1, $this->payment_notes( $fresh ) );
		$this->assertSame( 1, $this->countStockReductions( $this->order->get_id() ) );
	}

	public function test_json_and_query_string_notifications(): void {
		parse_str( $this->notification_body( $this->attempt( $this->order ) ), $fields );
		$r = $this->httpRequest( 'POST', $this->shop . '/wp-json/iotpay/v1/notify', array( 'Content-Type' => 'application/json' ), (string) json_encode( $fields ) );
		$this->assertSame( 'success', $r['body'] );
		$this->assertTrue( $this->reloadOrder( $this->order )->is_paid() );
	}

	public function test_reply_is_plain_text(): void {
		$r = $this->httpRequest( 'POST', $this->shop . '/wp-json/iotpay/v1/notify', array( 'Content-Type' => 'application/x-www-form-urlencoded' ), $this->notification_body( $this->attempt( $this->order ) ) );
		$this->assertSame( 'success', $r['body'] );
		$this->assertStringStartsWith( 'text/plain', $r['headers']['content-type'] ?? '' );
	}
}
