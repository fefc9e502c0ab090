<?php
/**
 * "Card payments (SUNBAY)" in real headless Chromium: checkout → the
 * sandbox's SUNBAY hosted payment page → Pay → the shop's thank-you page,
 * the order paid once; Decline → the shop's page says so, never "thank you".
 * Screenshots go to tests/artifacts/plugin-sunbay-*.png.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\WebDriver;

final class SunbayBrowserTest extends SunbayTestCase {

	use UsesBrowser;

	protected function setUp(): void {
		$this->require_browser();
		parent::setUp();
	}

	public function test_checkout_to_sunbays_hosted_page_pay_and_back_paid(): void {
		$this->needs_sunbay();
		$order  = $this->sunbay_order( '42.00' );
		$result = $this->checkout( $order );
		$this->assertSame( 'success', $result['result'] );
		$this->assertSame( $this->attempt( $order )->pay_data['redirectUrl'], $result['redirect'] );
		$wd = new WebDriver();
		try {
			$wd->resize( 1000, 900 );
			$wd->open( $result['redirect'] );
			$wd->screenshot( "$this->artifacts/plugin-sunbay-hosted-page.png" );
			$this->assertMatchesRegularExpression( '/42\.00|4200/', $wd->text( 'body' ), 'the hosted page does not show the amount' );
			$wd->click( 'button#pay' );
			$this->assert_thanked( $wd, $order, 'plugin-sunbay-thank-you.png' );
		} finally {
			$wd->quit();
		}
		$paid = $this->wait_paid( $order );
		$this->assertTrue( $paid->is_paid() );
		$this->assertCount( 1, $this->payment_notes( $paid ) );
	}

	public function test_a_payment_declined_on_sunbays_page_is_never_a_thank_you(): void {
		$this->needs_sunbay();
		$order  = $this->sunbay_order( '43.00' );
		$result = $this->checkout( $order );
		$wd     = new WebDriver();
		try {
			$wd->resize( 1000, 900 );
			$wd->open( $result['redirect'] );
			$wd->click( 'button#decline' );
			$wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/checkout/order-received/' ), 20 );
			$main = $wd->text( 'main' );
			$wd->screenshot( "$this->artifacts/plugin-sunbay-declined.png" );
			$this->assertStringNotContainsString( 'Thank you. Your order has been received.', $main );
			$this->assertStringContainsString( 'Try again or choose another payment method', $main );
		} finally {
			$wd->quit();
		}
		$this->assertFalse( $this->reloadOrder( $order )->is_paid() );
	}
}
