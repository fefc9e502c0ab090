<?php
/**
 * Tests with the WooCommerce Subscriptions double active beside the plugin.
 * The double is loaded only in these classes' processes (each test its own:
 * @runTestsInSeparateProcesses), so the rest of the suite runs without
 * Subscriptions; each test's shop server is stopped with it. Shared so every
 * such class sets up and tears down the same way.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

trait WithSubscriptions {

	protected function with_plugins(): array {
		return array( self::subscriptionsDouble() );
	}

	protected function tearDown(): void {
		remove_all_filters( 'query' );
		$_POST = array();
		parent::tearDown();
		// Each test is its own process: its shop server goes with it.
		self::stopServer();
	}
}
