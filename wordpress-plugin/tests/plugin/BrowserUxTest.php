<?php
/**
 * The customer's pages in real headless Chromium (issue 9, items 4, 5, 16):
 * the payment page on a computer and on a phone-sized, phone-identified
 * browser (no horizontal scrolling, a countdown, a way back, the browser
 * title), WeChat Pay on a phone outside WeChat (a savable image of the code),
 * Alipay inside WeChat, and the thank-you page that updates by itself.
 * Screenshots go to tests/artifacts/plugin-ux-*.png.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\WebDriver;
use IotPay\WooCommerce\Payment\Attempts;

final class BrowserUxTest extends PluginTestCase {

	use UsesBrowser;

	protected function setUp(): void {
		$this->require_browser();
		parent::setUp();
	}

	private function no_horizontal_scroll( WebDriver $wd ): void {
		$widths = $wd->execute( 'return [document.documentElement.scrollWidth, window.innerWidth];' );
		$this->assertIsArray( $widths );
		$this->assertLessThanOrEqual( $widths[1], $widths[0], 'the page scrolls sideways' );
	}

	/** @return array{0: int, 1: int, 2: int, 3: int} left, top, width, height of an element in CSS pixels */
	private function box( WebDriver $wd, string $css ): array {
		$r = $wd->execute( 'var r = document.querySelector(arguments[0]).getBoundingClientRect(); return [r.left, r.top, r.width, r.height];', array( $css ) );
		return array_map( 'intval', (array) $r );
	}

	public function test_the_payment_page_on_a_computer(): void {
		$order  = $this->order_for( 'iotpay_wechat', '42.00' );
		$result = $this->checkout( $order );
		$wd     = new WebDriver();
		try {
			$wd->resize( 1280, 1000 );
			$wd->open( $result['redirect'] );
			usleep( 1_500_000 );
			$wd->screenshotFullPage( "$this->artifacts/plugin-ux-qr-desktop.png" );
			// wp_get_document_title() texturizes " - " into an en dash.
			$this->assertSame( "Pay with WeChat Pay \u{2013} order " . $order->get_order_number() . " \u{2013} IOTPay Test Shop", $wd->title() );
			$text = $wd->text( '#iotpay-wc-qr' );
			$this->assertStringContainsString( '42.00 CAD', $text );
			$this->assertMatchesRegularExpression( '#This code expires in (29|30):\d\d#', $text, 'no running countdown' );
			$this->assertStringContainsString( 'Choose another payment method', $text );
			$this->assertStringContainsString( 'Cancel order', $text );
			$this->assertStringNotContainsString( 'Album', $text );
			$title = $this->box( $wd, '.iotpay-wc-qr__title' );
			$this->assertLessThan( 50, $title[3], 'the heading wraps or is huge' );
			$code = $this->box( $wd, '.iotpay-wc-qr__code svg' );
			$this->assertSame( 240, $code[2] );
			$this->no_horizontal_scroll( $wd );
			// The way back works: the other methods of the order.
			$wd->click( '.iotpay-wc-qr__other' );
			$landed = $wd->waitForUrl( static fn ( string $u ) => str_contains( $u, 'pay_for_order=true' ), 10 );
			$this->assertStringContainsString( 'pay_for_order=true', $landed );
		} finally {
			$wd->quit();
		}
	}

	public function test_wechat_pay_on_a_phone_can_be_paid_on_that_phone(): void {
		$order  = $this->order_for( 'iotpay_wechat', '88.80' );
		$result = $this->checkout( $order, self::IPHONE_UA );
		$wd     = new WebDriver();
		try {
			$wd->emulatePhone( self::IPHONE_UA );
			$wd->open( $result['redirect'] );
			usleep( 1_500_000 );
			$wd->screenshotFullPage( "$this->artifacts/plugin-ux-qr-phone-wechat.png" );
			$text = $wd->text( '#iotpay-wc-qr' );
			$this->assertStringContainsString( '88.80 CAD', $text );
			$this->assertStringContainsString( 'Album', $text );
			$this->assertStringContainsString( 'pay inside WeChat', $text );
			// The code is an image that can be pressed and saved to the album.
			$this->assertSame( 'IMG', $wd->execute( 'var e = document.querySelector(".iotpay-wc-qr__code img"); return e ? e.tagName : null;' ) );
			$this->assertStringStartsWith( 'data:image/png;base64,', (string) $wd->execute( 'return document.querySelector(".iotpay-wc-qr__save").getAttribute("href");' ) );
			$this->assertSame( $order->get_checkout_payment_url( true ), $wd->execute( 'return document.querySelector(".iotpay-wc-qr__link").value;' ) );
			$this->assertTrue( (bool) $wd->execute( 'return !document.querySelector(".iotpay-wc-qr__copy").hidden;' ), 'no copy button' );
			$this->no_horizontal_scroll( $wd );
			$code = $this->box( $wd, '.iotpay-wc-qr__code img' );
			$this->assertGreaterThanOrEqual( 200, $code[2], 'the code is too small to scan' );
			$this->assertLessThanOrEqual( 390, $code[0] + $code[2] );
			$title = $this->box( $wd, '.iotpay-wc-qr__title' );
			$this->assertLessThan( 50, $title[3], 'the heading wraps on a phone' );
			// Paid from the album scan: the page moves on by itself.
			$this->sb->pay( (string) $this->attempt( $order )->pay_order_id );
			$landed = $wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/checkout/order-received/' ), 20 );
			$this->assertStringContainsString( '/checkout/order-received/' . $order->get_id(), $landed );
		} finally {
			$wd->quit();
		}
	}

	public function test_other_phone_pages(): void {
		// Alipay inside WeChat's browser.
		$alipay = $this->order_for( 'iotpay_alipay', '23.45' );
		$result = $this->checkout( $alipay, self::WECHAT_UA );
		$wd     = new WebDriver();
		try {
			$wd->emulatePhone( self::WECHAT_UA );
			$wd->open( $result['redirect'] );
			usleep( 800_000 );
			$wd->screenshotFullPage( "$this->artifacts/plugin-ux-alipay-in-wechat.png" );
			$this->assertStringContainsString( 'cannot be opened inside WeChat', $wd->text( '#iotpay-wc-qr' ) );
			$this->no_horizontal_scroll( $wd );

			// Alipay refused by IOTPay, on a phone.
			$refused = $this->order_for( 'iotpay_alipay', '5.55' );
			$this->sb->setFaults( array( 'error_code' => '0111', 'endpoint' => 'create_order' ) );
			$wd->emulatePhone( self::IPHONE_UA );
			$wd->open( $refused->get_checkout_payment_url( true ) );
			usleep( 800_000 );
			$wd->screenshotFullPage( "$this->artifacts/plugin-ux-declined-phone.png" );
			$text = $wd->text( '#iotpay-wc-qr' );
			$this->assertStringContainsString( 'declined', $text );
			$this->assertStringContainsString( 'Try again', $text );
			$this->assertStringNotContainsString( 'expired', $text );
			$this->no_horizontal_scroll( $wd );
			$this->sb->clearFaults();
		} finally {
			$wd->quit();
		}
	}

	public function test_the_thank_you_page_updates_by_itself(): void {
		$order   = $this->order_for( 'iotpay_unionpay', '17.00' );
		$this->checkout( $order, self::ANDROID_UA );
		$attempt = $this->attempt( $order );
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->sb->pay( (string) $attempt->pay_order_id );
		$wd = new WebDriver();
		try {
			$wd->emulatePhone( self::ANDROID_UA );
			// Back from the wallet a moment after another check: the page cannot ask yet
			// (claimed once the browser is up, so a slow start does not outlast the window).
			$this->assertTrue( Attempts::claim_check( $attempt->id, 0 ) );
			$wd->open( $order->get_checkout_order_received_url() );
			$wd->screenshotFullPage( "$this->artifacts/plugin-ux-return-waiting.png" );
			$this->assertStringContainsString( 'We are waiting for IOTPay', $wd->text( 'body' ) );
			$deadline = microtime( true ) + 20;
			do {
				usleep( 500_000 );
				$body = (string) $wd->execute( 'return document.body.innerText;' );
			} while ( str_contains( $body, 'We are waiting for IOTPay' ) && microtime( true ) < $deadline );
			$wd->screenshotFullPage( "$this->artifacts/plugin-ux-return-confirmed.png" );
			$this->assertStringNotContainsString( 'We are waiting for IOTPay', $body, 'the page never updated' );
			$this->assertStringContainsString( 'Processing', $body );
		} finally {
			$wd->quit();
		}
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
	}
}
