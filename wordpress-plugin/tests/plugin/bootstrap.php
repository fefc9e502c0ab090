<?php
/**
 * Bootstrap of the plugin's tests: the WooCommerce double, the extension's
 * test support (sandbox, notify receiver, browser), and PluginTestCase.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

if ( ! extension_loaded( 'iotpay' ) ) {
	fwrite( STDERR, "The iotpay extension is not loaded; run through `make test-plugin`.\n" );
	exit( 1 );
}
require dirname( __DIR__ ) . '/wc-double/TestCase.php';
$iotpay_support = dirname( __DIR__, 3 ) . '/tests/php/Support';
require $iotpay_support . '/Sandbox.php';
require $iotpay_support . '/NotifyReceiver.php';
require $iotpay_support . '/WebDriver.php';
require __DIR__ . '/PluginTestCase.php';
require __DIR__ . '/SunbayTestCase.php';
require __DIR__ . '/UsesBrowser.php';
require __DIR__ . '/InShopLanguage.php';
require __DIR__ . '/WithSubscriptions.php';
