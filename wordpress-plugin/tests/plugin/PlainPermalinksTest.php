<?php
/**
 * Issue 9, item 3: a site with WordPress's plain permalinks. Its REST URLs
 * are `index.php?rest_route=…`, but IOTPay forbids '?' in notifyUrl (spec,
 * D11), so the plugin must give IOTPay another address that still reaches
 * the notify route — checked end to end: checkout, a real payment in the
 * sandbox, the sandbox's own notification to the shop's web server.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Rest\Routes;

final class PlainPermalinksTest extends PluginTestCase {

	protected function setUp(): void {
		parent::setUp();
		// What Settings → Permalinks does. WordPress reads the structure into
		// $wp_rewrite once per request, so update_option() alone would leave
		// this process building pretty URLs.
		$this->set_permalinks( '' );
	}

	private function set_permalinks( string $structure ): void {
		$GLOBALS['wp_rewrite']->set_permalink_structure( $structure );
		flush_rewrite_rules();
	}

	public function test_notify_url_has_no_question_mark(): void {
		$this->assertStringContainsString( '?rest_route=', rest_url( 'iotpay/v1/notify' ), 'the site does not use plain permalinks' );
		$url = Routes::notify_url();
		$this->assertStringNotContainsString( '?', $url );
		$this->assertStringStartsWith( home_url( '/' ), $url );
	}

	public function test_a_plain_permalink_shop_is_paid_through_a_real_notification(): void {
		$product = $this->createProduct( '19.99', 5 );
		$order   = $this->order_for( 'iotpay_wechat', '19.99', 'CAD', $product );

		$result = $this->checkout( $order );
		$this->assertSame( 'success', $result['result'], 'checkout failed: ' . wp_json_encode( wc_get_notices() ) );
		$attempt = $this->attempt( $order );
		$this->assertSame( Attempt::OPEN, $attempt->state );
		$sandbox = $this->sandbox_order( (string) $attempt->pay_order_id );
		$this->assertStringNotContainsString( '?', (string) ( $sandbox['notifyUrl'] ?? '' ) );

		// The /wp-json/ path is no REST route without pretty permalinks. Behind
		// a server that hands unknown paths to index.php (nginx's try_files,
		// the test server) real WordPress answers it with its front page;
		// Apache without WordPress's rewrite rules would answer 404. Either
		// way the notify route is not reached there.
		$wp_json = $this->httpRequest( 'POST', $this->shop . '/wp-json/iotpay/v1/notify', array( 'Content-Type' => 'application/x-www-form-urlencoded' ), 'a=1' );
		$this->assertStringStartsWith( 'text/html', (string) ( $wp_json['headers']['content-type'] ?? '' ) );
		$this->assertStringContainsString( '<html', $wp_json['body'], 'the notify route answered at /wp-json/' );

		$this->sb->pay( (string) $attempt->pay_order_id );
		$paid = $this->wait_paid( $order );
		$this->assertTrue( $paid->is_paid(), 'the notification did not reach the shop' );
		$this->assertSame( 'processing', $paid->get_status() );
		$this->assertCount( 1, $this->payment_notes( $paid ) );
		$this->assertSame( 1, $this->countStockReductions( $order->get_id() ) );
		$sandbox = $this->sandbox_order( (string) $attempt->pay_order_id );
		$this->assertSame( 3, (int) ( $sandbox['status'] ?? 0 ), 'IOTPay did not get the plain `success` back' );
	}

	public function test_the_notify_path_answers_plain_text_like_the_rest_route(): void {
		$order = $this->order_for( 'iotpay_alipay', '5.00' );
		$this->checkout( $order );
		$a    = $this->attempt( $order );
		$body = $this->notification_body( $a );
		$r    = $this->httpRequest( 'POST', Routes::notify_url(), array( 'Content-Type' => 'application/x-www-form-urlencoded' ), $body );
		$this->assertSame( 200, $r['status'] );
		$this->assertSame( 'success', $r['body'] );
		$this->assertStringStartsWith( 'text/plain', (string) ( $r['headers']['content-type'] ?? '' ) );
		$this->assertTrue( $this->wait_paid( $order )->is_paid() );
		// A forged one through the same path changes nothing and is refused.
		$forged = $this->httpRequest( 'POST', Routes::notify_url(), array( 'Content-Type' => 'application/x-www-form-urlencoded' ), $this->notification_body( $a, array(), 'wrong-key' ) );
		$this->assertSame( 'fail', $forged['body'] );
		// Also recognised after the site switches to pretty permalinks (IOTPay keeps the old URL).
		$this->set_permalinks( '/%postname%/' );
		$again = $this->httpRequest( 'POST', home_url( '/' . Routes::PLAIN_NOTIFY_PATH . '/' ), array( 'Content-Type' => 'application/x-www-form-urlencoded' ), $body );
		$this->assertSame( 'success', $again['body'] );
	}
}
