<?php
/**
 * Issue 9, item 13 (customer side): the shop served by a PHP without the
 * iotpay extension (after a PHP upgrade, on a new server). A pending order's
 * payment page, its thank-you page and the status endpoint answer without a
 * fatal error, tell the customer payment is temporarily unavailable and that
 * the order is kept, and leave the order and its attempt as they were.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;

require_once __DIR__ . '/ExtraServers.php';

final class NoExtensionPagesTest extends PluginTestCase {

	use ExtraServers;

	/** The payment page's QR code: an SVG in its code box. */
	private const QR_CODE = '#class="iotpay-wc-qr__code"[^>]*>\s*(<\?xml[^>]*>\s*)?<svg#';

	private string $bare;

	protected function setUp(): void {
		parent::setUp();
		$this->bare = $this->start_extra_server(
			dirname( __DIR__ ) . '/wc-double/server.php',
			array(
				'PHP_INI_SCAN_DIR'     => self::ini_dir_without_extension(),
				'IOTPAY_PLUGIN_FILE'   => (string) realpath( self::plugin_file() ),
				'IOTPAY_TEST_HOME_URL' => '{url}',
			)
		);
	}

	protected function tearDown(): void {
		$this->stop_extra_servers();
		parent::tearDown();
	}

	/** The same path on the server without the extension. */
	private function bare( string $url ): string {
		return $this->bare . substr( $url, strlen( $this->shop ) );
	}

	public function test_the_server_really_has_no_extension(): void {
		$r = $this->httpRequest( 'POST', $this->bare . '/wp-json/iotpay/v1/notify', array( 'Content-Type' => 'application/x-www-form-urlencoded' ), 'a=1' );
		$this->assertSame( 503, $r['status'], 'the notify route reports the missing extension' );
	}

	public function test_a_pending_order_keeps_its_pages_and_stays_pending(): void {
		$order = $this->order_for( 'iotpay_wechat', '14.00' );
		$this->assertSame( 'success', $this->checkout( $order )['result'] );
		$before = $this->attempt( $order );
		$this->assertSame( Attempt::OPEN, $before->state );

		$pay = $this->httpRequest( 'GET', $this->bare( $order->get_checkout_payment_url( true ) ) );
		$this->assertSame( 200, $pay['status'], 'payment page: ' . substr( $pay['body'], 0, 500 ) );
		$this->assertStringContainsString( 'Online payment is temporarily unavailable', $pay['body'] );
		$this->assertStringContainsString( 'Your order is saved', $pay['body'] );
		$this->assertStringContainsString( 'Choose another payment method', $pay['body'] );
		// Not `<svg` anywhere: WordPress 6.1 prints its duotone filters as
		// <svg> elements on every page (wp_body_open).
		$this->assertDoesNotMatchRegularExpression( self::QR_CODE, $pay['body'] );
		$this->assertStringNotContainsString( 'Fatal error', $pay['body'] );

		$thanks = $this->httpRequest( 'GET', $this->bare( $order->get_checkout_order_received_url() ) );
		$this->assertSame( 200, $thanks['status'], 'thank-you page: ' . substr( $thanks['body'], 0, 500 ) );
		$this->assertStringContainsString( 'Online payment is temporarily unavailable', $thanks['body'] );
		$this->assertStringNotContainsString( 'Fatal error', $thanks['body'] );

		$status = $this->httpRequest( 'GET', $this->bare( add_query_arg( 'key', $order->get_order_key(), rest_url( 'iotpay/v1/orders/' . $order->get_id() . '/status' ) ) ) );
		$this->assertSame( 503, $status['status'] );
		$body = json_decode( $status['body'], true );
		$this->assertSame( 'unavailable', $body['status'] ?? null, $status['body'] );
		$this->assertSame( '30', $status['headers']['retry-after'] ?? null );
		// A wrong key still reveals nothing.
		$this->assertSame( 404, $this->httpRequest( 'GET', $this->bare( add_query_arg( 'key', 'wc_order_wrong', rest_url( 'iotpay/v1/orders/' . $order->get_id() . '/status' ) ) ) )['status'] );

		$fresh = $this->reloadOrder( $order );
		$this->assertSame( 'pending', $fresh->get_status() );
		$after = Attempts::find( $before->id );
		$this->assertSame( Attempt::OPEN, $after->state );
		$this->assertCount( 1, Attempts::for_order( $order->get_id() ) );

		// With the extension back, the same page shows the code again.
		$again = $this->httpRequest( 'GET', $order->get_checkout_payment_url( true ) );
		$this->assertMatchesRegularExpression( self::QR_CODE, $again['body'] );
	}

	public function test_an_order_not_started_yet_is_not_started_without_the_extension(): void {
		$order = $this->order_for( 'iotpay_alipay', '3.00' );
		$pay   = $this->httpRequest( 'GET', $this->bare( $order->get_checkout_payment_url( true ) ) );
		$this->assertSame( 200, $pay['status'], substr( $pay['body'], 0, 500 ) );
		$this->assertStringContainsString( 'temporarily unavailable', $pay['body'] );
		$this->assertCount( 0, Attempts::for_order( $order->get_id() ) );
		$this->assertSame( 'pending', $this->reloadOrder( $order )->get_status() );
	}
}
