<?php
/**
 * Checkout → IOTPay order → payment in the sandbox → notification to the
 * shop's real web server → the order is paid exactly once.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Checkout\PaymentPage;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;

final class CheckoutFlowTest extends PluginTestCase {

	/** @return array<string, array{0: string, 1: string, 2: bool}> gateway, desktop channel, HPOS */
	public static function desktop(): array {
		return array(
			'WeChat Pay, HPOS on'  => array( 'iotpay_wechat', 'WX_NATIVE', true ),
			'WeChat Pay, HPOS off' => array( 'iotpay_wechat', 'WX_NATIVE', false ),
			'Alipay, HPOS on'      => array( 'iotpay_alipay', 'ALIPAY_QR', true ),
			'Alipay, HPOS off'     => array( 'iotpay_alipay', 'ALIPAY_QR', false ),
			'UnionPay, HPOS on'    => array( 'iotpay_unionpay', 'UPI_QR', true ),
			'UnionPay, HPOS off'   => array( 'iotpay_unionpay', 'UPI_QR', false ),
		);
	}

	/** @dataProvider desktop */
	public function test_desktop_qr_flow_completes_once( string $gateway, string $channel, bool $hpos ): void {
		$this->setHposEnabled( $hpos );
		$product = $this->createProduct( '25.99', 10 );
		$order   = $this->order_for( $gateway, '25.99', 'CAD', $product );

		$result = $this->checkout( $order );
		$this->assertSame( 'success', $result['result'] );
		$this->assertSame( $order->get_checkout_payment_url( true ), $result['redirect'] );
		$attempt = $this->attempt( $order );
		$this->assertSame( Attempt::OPEN, $attempt->state );
		$this->assertSame( $channel, $attempt->channel );
		$this->assertSame( 2599, $attempt->amount );
		$this->assertLessThanOrEqual( 30, strlen( $attempt->mch_order_no ) );
		$this->assertSame( $attempt->mch_order_no, $this->reloadOrder( $order )->get_meta( '_iotpay_mch_order_no' ) );

		ob_start();
		PaymentPage::render( $order->get_id() );
		$page = (string) ob_get_clean();
		$this->assertStringContainsString( '<svg', $page );
		$this->assertStringContainsString( '25.99 CAD', $page );

		$this->sb->pay( (string) $attempt->pay_order_id );
		$paid = $this->wait_paid( $order );
		$this->assertTrue( $paid->is_paid(), 'not paid; server log: ' . $this->serverLog() );
		$this->assertSame( 'processing', $paid->get_status() );
		$this->assertSame( $attempt->pay_order_id, $paid->get_transaction_id() );
		$this->assertCount( 1, $this->payment_notes( $paid ) );
		$this->assertSame( 9, $this->getStock( $product ) );
		$this->assertSame( 1, $this->countStockReductions( $order->get_id() ) );
		$this->assertSame( Attempt::PAID, $this->attempt( $order )->state );
		$sandbox = $this->sandbox_order( (string) $attempt->pay_order_id );
		$this->assertSame( 3, (int) ( $sandbox['status'] ?? 0 ), 'IOTPay did not get `success` back' );
		$this->assertNoHposViolations();
	}

	/** @return array<string, array{0: string, 1: string, 2: string}> */
	public static function mobile(): array {
		return array(
			'Alipay on iPhone'    => array( 'iotpay_alipay', self::IPHONE_UA, 'ALIPAY_WAP' ),
			'UnionPay on Android' => array( 'iotpay_unionpay', self::ANDROID_UA, 'UPI_SEQ' ),
			'WeChat in WeChat'    => array( 'iotpay_wechat', self::WECHAT_UA, 'WX_JSAPI' ),
		);
	}

	/** @dataProvider mobile */
	public function test_mobile_redirect_flows( string $gateway, string $ua, string $channel ): void {
		$order  = $this->order_for( $gateway, '8.88' );
		$result = $this->checkout( $order, $ua );
		$this->assertSame( 'success', $result['result'] );
		$attempt = $this->attempt( $order );
		$this->assertSame( $channel, $attempt->channel );
		$this->assertSame( $attempt->pay_data['redirectUrl'], $result['redirect'] );
		$this->assertStringStartsWith( $this->sb->http . '/pay/', $result['redirect'] );

		// The customer presses Pay on the wallet's page; the wallet sends the
		// browser back to the shop's thank-you page.
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$pay = $this->httpRequest( 'POST', rtrim( $result['redirect'], '/' ) . '/pay', array( 'Content-Type' => 'application/x-www-form-urlencoded' ), '' );
		$this->assertSame( 303, $pay['status'] );
		$back = $pay['headers']['location'] ?? '';
		$this->assertSame( $order->get_checkout_order_received_url(), $back );
		// No notification arrives (dropped): the return page itself asks IOTPay.
		$page = $this->httpRequest( 'GET', $back );
		$this->assertSame( 200, $page['status'] );
		$paid = $this->wait_paid( $order, 5 );
		$this->assertTrue( $paid->is_paid(), 'return page did not complete the order: ' . $this->serverLog() );
		$this->assertCount( 1, $this->payment_notes( $paid ) );
	}

	public function test_open_attempt_is_reused_not_duplicated(): void {
		$order = $this->order_for( 'iotpay_wechat' );
		$this->checkout( $order );
		$this->checkout( $order );
		$this->assertCount( 1, Attempts::for_order( $order->get_id() ) );
	}

	public function test_gateways_follow_the_currency(): void {
		update_option( 'woocommerce_currency', 'EUR' );
		foreach ( array( 'iotpay_wechat', 'iotpay_alipay', 'iotpay_unionpay' ) as $id ) {
			$this->assertFalse( $this->gateway( $id )->is_available(), "$id offered for EUR" );
		}
		update_option( 'woocommerce_currency', 'CNY' );
		foreach ( array( 'iotpay_wechat', 'iotpay_alipay', 'iotpay_unionpay' ) as $id ) {
			$this->assertTrue( $this->gateway( $id )->is_available(), "$id hidden for CNY" );
		}
		// CNY on desktop: Alipay falls back to the PC redirect, UnionPay to secure pay.
		$order = $this->order_for( 'iotpay_alipay', '10.00', 'CNY' );
		$result = $this->checkout( $order );
		$this->assertSame( 'ALIPAY_PC', $this->attempt( $order )->channel );
		$this->assertStringStartsWith( $this->sb->http . '/pay/', $result['redirect'] );
		// Landing on the order-pay page anyway offers the way on to Alipay.
		ob_start();
		PaymentPage::render( $order->get_id() );
		$this->assertStringContainsString( esc_url( $result['redirect'] ), (string) ob_get_clean() );
		update_option( 'woocommerce_currency', 'CAD' );
	}

	public function test_unsupported_order_currency_is_refused_before_any_call(): void {
		$order  = $this->order_for( 'iotpay_unionpay', '10.00', 'EUR' );
		$result = $this->checkout( $order );
		$this->assertSame( 'failure', $result['result'] );
		$this->assertCount( 0, Attempts::for_order( $order->get_id() ) );
	}

	/**
	 * The Checkout block's Store API discards the notices process_payment()
	 * adds (WooCommerce 7.9) and would show a generic error: a refusal is
	 * thrown there, so the customer reads the reason.
	 */
	public function test_a_refusal_in_the_checkout_block_shows_its_reason(): void {
		$order = $this->order_for( 'iotpay_unionpay', '10.00', 'EUR' );
		try {
			$this->storeApiCheckout( $order, 'iotpay_unionpay' );
			$this->fail( 'the Store API checkout of an unsupported currency went through' );
		} catch ( \Automattic\WooCommerce\StoreApi\Exceptions\RouteException $e ) {
			$this->assertSame( 'This payment method is not available for the order currency.', $e->getMessage() );
		}
		$this->assertCount( 0, Attempts::for_order( $order->get_id() ) );
		// The classic checkout still gets a notice and a failure, never an exception.
		$this->assertSame( 'failure', $this->checkout( $order )['result'] );
	}

	public function test_blocks_registration(): void {
		$registry = $this->paymentMethodRegistry();
		foreach ( array( 'iotpay_wechat', 'iotpay_alipay', 'iotpay_unionpay' ) as $id ) {
			$this->assertTrue( $registry->is_registered( $id ), "$id not registered with the Checkout Block" );
			$method = $registry->get_registered( $id );
			$this->assertTrue( $method->is_active() );
			$this->assertSame( array( 'iotpay-wc-blocks' ), $method->get_payment_method_script_handles() );
			$data = $method->get_payment_method_data();
			$this->assertNotSame( '', $data['title'] );
			$this->assertContains( 'refunds', $data['supports'] );
		}
	}

	private function serverLog(): string {
		$url  = (string) self::serverUrl();
		$port = substr( (string) strrchr( $url, ':' ), 1 );
		return (string) @file_get_contents( sys_get_temp_dir() . '/wc-double-server-' . $port . '.log' );
	}
}
