<?php
/**
 * The shop owner's side: settings that never echo the key, the notify URL and
 * health, the connection test behind a nonce and a capability, the plugin
 * without the extension, and no secret in any log, page or note.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\Sandbox;
use IotPay\WooCommerce\Admin\ConnectionTest;
use IotPay\WooCommerce\Settings\SharedSettings;

final class AdminAndSecretsTest extends PluginTestCase {

	public function test_settings_screen_hides_the_key_and_shows_the_notify_url(): void {
		$this->setCurrentUserRole( 'administrator' );
		$html = $this->renderGatewaySettings( 'iotpay' );
		$this->assertStringNotContainsString( Sandbox::KEY, $html );
		$this->assertStringContainsString( '/wp-json/iotpay/v1/notify', $html );
		$this->assertStringContainsString( 'Test connection to IOTPay', $html );
		$this->assertStringContainsString( 'None received yet', $html );
	}

	public function test_saving_with_an_empty_key_keeps_the_saved_key(): void {
		$this->setCurrentUserRole( 'administrator' );
		$this->saveGatewaySettings(
			'iotpay',
			array(
				'woocommerce_iotpay_test_key'    => '',
				'woocommerce_iotpay_test_mch_id' => Sandbox::MCH_ID,
				'woocommerce_iotpay_testmode'    => '1',
			)
		);
		SharedSettings::reset();
		$this->assertSame( Sandbox::KEY, SharedSettings::instance()->credentials()['key'] );
	}

	public function test_connection_test_needs_a_nonce_and_the_capability(): void {
		$this->setCurrentUserRole( 'administrator' );
		$_REQUEST['_wpnonce'] = 'forged';
		try {
			ConnectionTest::handle();
			$this->fail( 'ran without a valid nonce' );
		} catch ( \Throwable $e ) {
			$this->assertFalse( get_transient( ConnectionTest::ACTION . '_' . get_current_user_id() ) );
		}
		$this->setCurrentUserRole( 'customer' );
		$_REQUEST['_wpnonce'] = wp_create_nonce( ConnectionTest::ACTION );
		try {
			ConnectionTest::handle();
			$this->fail( 'ran for a customer' );
		} catch ( \Throwable $e ) {
			$this->assertFalse( get_transient( ConnectionTest::ACTION . '_' . get_current_user_id() ) );
		}
	}

	public function test_connection_test_results(): void {
		$this->assertTrue( ConnectionTest::run()['ok'] );
		$this->configure( array( 'test_key' => 'wrong-key-123' ) );
		$r = ConnectionTest::run();
		$this->assertFalse( $r['ok'] );
		$this->assertStringContainsString( 'merchant key is wrong', $r['message'] );
		$this->configure( array( 'api_base_url' => 'http://127.0.0.1:9/v1/' ) );
		$this->assertStringContainsString( 'could not be reached', ConnectionTest::run()['message'] );
	}

	public function test_without_the_extension_nothing_breaks(): void {
		$admin = $this->setCurrentUserRole( 'administrator' );
		$env   = getenv();
		// The system's ini directory, without this build's extension.
		$env['PHP_INI_SCAN_DIR'] = (string) shell_exec( 'php -n -r "echo PHP_CONFIG_FILE_SCAN_DIR;"' );
		$proc                    = proc_open( array( PHP_BINARY, __DIR__ . '/fixtures/no-extension.php', (string) $admin ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes, null, $env );
		$out                     = stream_get_contents( $pipes[1] );
		$err                     = stream_get_contents( $pipes[2] );
		$code                    = proc_close( $proc );
		$this->assertSame( 0, $code, "fatal without the extension: $err $out" );
		$r = json_decode( (string) $out, true );
		$this->assertFalse( $r['extension'] );
		$this->assertStringContainsString( 'iotpay PHP extension is not loaded', $r['notices'] );
		// Every registered method is named (issue 19 §2: the card method was missing).
		$this->assertStringContainsString( 'WeChat Pay, Alipay, UnionPay, Credit card, UnionPay card, and Card payments (SUNBAY) are hidden at checkout', $r['notices'] );
		$this->assertSame( array( 'iotpay_wechat' => false, 'iotpay_alipay' => false, 'iotpay_unionpay' => false, 'iotpay_card' => false, 'iotpay_upi_card' => false, 'iotpay_sunbay' => false ), $r['available'] );
		$this->assertSame( 503, $r['notify'] );
	}

	public function test_no_secret_in_logs_pages_notes_or_notices(): void {
		$this->setCurrentUserRole( 'administrator' );
		$order = $this->order_for( 'iotpay_wechat', '30.00' );
		$this->checkout( $order );
		$a = $this->attempt( $order );
		$this->sb->pay( (string) $a->pay_order_id );
		$this->wait_paid( $order );
		wc_create_refund( array( 'order_id' => $order->get_id(), 'amount' => '5.00', 'refund_payment' => true ) );
		$this->post_notification( $this->notification_body( $a, array( 'amount' => '1' ) ) );
		$this->post_notification( $this->notification_body( $a, array(), 'forged' ) );
		$this->sb->setFaults( array( 'error_code' => '0110', 'endpoint' => 'create_order', 'once' => true ) );
		$this->checkout( $this->order_for( 'iotpay_alipay' ) );
		set_transient( ConnectionTest::ACTION . '_' . get_current_user_id(), ConnectionTest::run(), 60 );
		ob_start();
		do_action( 'admin_notices' );
		$notices = (string) ob_get_clean();
		$page    = $this->renderGatewaySettings( 'iotpay' ) . $this->renderGatewaySettings( 'iotpay_wechat' );
		$logs    = wp_json_encode( $this->getLogs() );
		$notes   = implode( "\n", $this->getOrderNotes( $order->get_id() ) );
		$this->assertNotEmpty( $this->getLogs( 'iotpay-for-woocommerce' ), 'debug logging produced nothing' );
		foreach ( array( 'logs' => $logs, 'settings page' => $page, 'notices' => $notices, 'notes' => $notes, 'customer notices' => wp_json_encode( wc_get_notices() ) ) as $where => $text ) {
			$this->assertStringNotContainsString( Sandbox::KEY, (string) $text, "merchant key found in $where" );
		}
	}
}
