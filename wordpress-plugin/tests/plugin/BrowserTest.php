<?php
/**
 * The QR payment page in real headless Chromium, served by the shop's server:
 * it shows the QR code, notices the payment by polling, and moves to the
 * thank-you page. Screenshots are kept in tests/artifacts/.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\WebDriver;

final class BrowserTest extends PluginTestCase {

	use UsesBrowser;

	protected function setUp(): void {
		$this->require_browser();
		parent::setUp();
	}

	public function test_qr_page_shows_the_code_and_moves_on_when_paid(): void {
		$order  = $this->order_for( 'iotpay_wechat', '42.00' );
		$result = $this->checkout( $order );
		$this->assertSame( 'success', $result['result'] );
		$attempt = $this->attempt( $order );
		$wd      = new WebDriver();
		try {
			$wd->open( $result['redirect'] );
			$wd->screenshot( "$this->artifacts/plugin-qr-page.png" );
			$text = $wd->text( '#iotpay-wc-qr' );
			$this->assertStringContainsString( '42.00 CAD', $text );
			$this->assertStringContainsString( 'Waiting for your payment', $text );
			$this->assertNotSame( '', $wd->text( '.iotpay-wc-qr__code' ) . 'svg', 'no QR code' );
			$this->sb->pay( (string) $attempt->pay_order_id );
			$landed = $wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/checkout/order-received/' ), 20 );
			$wd->screenshot( "$this->artifacts/plugin-after-payment.png" );
			$this->assertStringContainsString( '/checkout/order-received/' . $order->get_id(), $landed, 'the page did not move on after payment' );
		} finally {
			$wd->quit();
		}
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
	}

	public function test_expired_code_offers_a_new_one(): void {
		$order = $this->order_for( 'iotpay_alipay', '7.00' );
		$this->checkout( $order );
		$this->sb->cancel( (string) $this->attempt( $order )->pay_order_id );
		$wd = new WebDriver();
		try {
			$wd->open( $order->get_checkout_payment_url( true ) );
			$wd->screenshot( "$this->artifacts/plugin-qr-cancelled.png" );
			$this->assertStringContainsString( 'expired or was cancelled', $wd->text( '#iotpay-wc-qr' ) );
			$first = $this->attempt( $order )->mch_order_no;
			$wd->click( '.iotpay-wc-qr__retry' );
			usleep( 500_000 );
			$wd->screenshot( "$this->artifacts/plugin-qr-retried.png" );
			$this->assertStringContainsString( 'Waiting for your payment', $wd->text( '#iotpay-wc-qr' ) );
			$this->assertNotSame( $first, $this->attempt( $order )->mch_order_no );
		} finally {
			$wd->quit();
		}
	}
}
