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
}
