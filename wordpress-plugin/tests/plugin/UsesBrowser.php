<?php
/**
 * What every browser test (headless Chromium through chromedriver) needs
 * first: the browser, or a skip where it is not installed (a failure in CI,
 * which must run them), and where its screenshots go. Shared so each such
 * class starts the same way.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\WebDriver;

trait UsesBrowser {

	/** Where screenshots go: tests/artifacts at the top of the repository. */
	protected string $artifacts = '';

	/** Call first in setUp(), before the shop is set up for a test that cannot run. */
	protected function require_browser(): void {
		if ( ! WebDriver::available() ) {
			if ( getenv( 'CI' ) ) {
				$this->fail( 'chromium and chromedriver must be installed in CI' );
			}
			$this->markTestSkipped( 'chromium/chromedriver not installed' );
		}
		$this->artifacts = dirname( __DIR__, 3 ) . '/tests/artifacts';
	}

	/**
	 * Paid on a provider's hosted page: the browser comes back to `$order`'s
	 * thank-you page, which thanks the customer at once or, on a busy machine
	 * (the notification or webhook still being recorded), by itself a moment
	 * later. Screenshot `$shot` of what it finally says.
	 */
	protected function assert_thanked( WebDriver $wd, \WC_Order $order, string $shot ): void {
		$landed = $wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/checkout/order-received/' ), 20 );
		$this->assertStringContainsString( '/checkout/order-received/' . $order->get_id(), $landed );
		$deadline = microtime( true ) + 15;
		do {
			usleep( 300_000 );
			$main = $wd->text( 'main' );
		} while ( ! str_contains( $main, 'Thank you. Your order has been received.' ) && microtime( true ) < $deadline );
		$wd->screenshot( "$this->artifacts/$shot" );
		$this->assertStringContainsString( 'Thank you. Your order has been received.', $main );
	}
}
