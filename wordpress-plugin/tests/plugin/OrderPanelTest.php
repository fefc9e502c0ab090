<?php
/**
 * The IOTPay panel on the order edit screen (issue 13): attempts, refunds and
 * attention flags on both order storages; "Check now" re-checks under the
 * lock and is refused without the capability or the nonce; nothing secret.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\Sandbox;
use IotPay\WooCommerce\Admin\OrderPanel;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;

final class OrderPanelTest extends PluginTestCase {

	/** @return array<string, array{0: bool}> */
	public static function storages(): array {
		return array(
			'HPOS'  => array( true ),
			'posts' => array( false ),
		);
	}

	private function paid_order_with_refunds(): \WC_Order {
		$order = $this->order_for( 'iotpay_wechat', '20.00' );
		$this->checkout( $order );
		$this->sb->pay( (string) $this->attempt( $order )->pay_order_id );
		$order = $this->wait_paid( $order );
		wc_create_refund( array( 'order_id' => $order->get_id(), 'amount' => '5.00', 'refund_payment' => true ) );
		$this->sb->setFaults( array( 'error_code' => '0014', 'endpoint' => 'refund_order', 'once' => true ) );
		wc_create_refund( array( 'order_id' => $order->get_id(), 'amount' => '1.00', 'refund_payment' => true ) );
		return $this->reloadOrder( $order );
	}

	/** @dataProvider storages */
	public function test_panel_shows_attempts_refunds_and_flags( bool $hpos ): void {
		$this->setHposEnabled( $hpos );
		$this->setCurrentUserRole( 'administrator' );
		$order = $this->paid_order_with_refunds();
		$a     = $this->attempt( $order );
		$html  = $this->renderOrderEditScreen( $order );
		$this->assertStringContainsString( 'id="iotpay-payment"', $html );
		$this->assertStringContainsString( $a->mch_order_no, $html );
		$this->assertStringContainsString( (string) $a->pay_order_id, $html );
		$this->assertStringContainsString( '>paid<', $html );
		$this->assertStringContainsString( '5.00 CAD', $html );
		$this->assertStringContainsString( 'confirmed', $html );
		$this->assertStringContainsString( 'failed', $html );
		$this->assertStringContainsString( 'Check now with IOTPay', $html );
		$this->assertStringNotContainsString( Sandbox::KEY, $html );
		$this->assertStringNotContainsString( 'Needs attention', $html );

		$order->update_meta_data( '_iotpay_needs_attention', 'duplicate_payment' );
		$order->save();
		$html = $this->renderOrderEditScreen( $this->reloadOrder( $order ) );
		$this->assertStringContainsString( 'Needs attention', $html );
		$this->assertStringContainsString( 'paid twice', $html );
		$this->assertNoHposViolations();
	}

	/** @dataProvider storages */
	public function test_states_of_an_unpaid_order_and_escaping( bool $hpos ): void {
		$this->setHposEnabled( $hpos );
		$this->setCurrentUserRole( 'administrator' );
		$order = $this->order_for( 'iotpay_alipay' );
		$html  = $this->renderOrderEditScreen( $order );
		$this->assertStringContainsString( 'No IOTPay payment was started', $html );
		$this->checkout( $order );
		$html = $this->renderOrderEditScreen( $order );
		$this->assertStringContainsString( 'waiting for the customer', $html );
		$order = $this->reloadOrder( $order );
		$order->update_meta_data( '_iotpay_needs_attention', 'mismatch:<script>x</script>' );
		$order->save();
		$html = $this->renderOrderEditScreen( $order );
		$this->assertStringContainsString( 'does not match this order', $html );
		$this->assertStringNotContainsString( '<script>x', $html );
	}

	public function test_no_panel_for_other_gateways(): void {
		$this->setCurrentUserRole( 'administrator' );
		$this->assertStringNotContainsString( 'iotpay-payment', $this->renderOrderEditScreen( $this->order_for( 'cod' ) ) );
	}

	/** @return array{status: int, headers: array<string, string>, body: string} */
	private function check_now( \WC_Order $order, int $user, string $nonce ): array {
		$url = $this->shop . '/wp-admin/admin-post.php?' . http_build_query( array( 'action' => OrderPanel::ACTION, 'order_id' => $order->get_id(), '_wpnonce' => $nonce ) );
		return $this->httpRequest( 'GET', $url, array( 'Cookie' => $this->authCookieHeader( $user ) ) );
	}

	private function unpaid_order_paid_at_iotpay(): \WC_Order {
		$order = $this->order_for( 'iotpay_unionpay' );
		$this->checkout( $order );
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->sb->pay( (string) $this->attempt( $order )->pay_order_id );
		return $order;
	}

	public function test_check_now_rechecks_under_the_lock(): void {
		$admin = $this->setCurrentUserRole( 'administrator' );
		$order = $this->unpaid_order_paid_at_iotpay();
		$r     = $this->check_now( $order, $admin, wp_create_nonce( OrderPanel::ACTION . '_' . $order->get_id() ) );
		$this->assertSame( 302, $r['status'], $r['body'] );
		$this->assertStringContainsString( 'iotpay_checked=1', $r['headers']['location'] ?? '' );
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
		$this->assertSame( Attempt::PAID, $this->attempt( $order )->state );
		$this->assertCount( 1, $this->payment_notes( $this->reloadOrder( $order ) ) );
	}

	public function test_check_now_is_refused_without_nonce_or_capability(): void {
		$order = $this->unpaid_order_paid_at_iotpay();
		$admin = $this->setCurrentUserRole( 'administrator' );
		$r     = $this->check_now( $order, $admin, 'forged' );
		$this->assertNotSame( 302, $r['status'] );
		$this->assertFalse( $this->reloadOrder( $order )->is_paid(), 'ran without a valid nonce' );
		// Another order's nonce does not open this one.
		$r = $this->check_now( $order, $admin, wp_create_nonce( OrderPanel::ACTION . '_' . ( $order->get_id() + 1 ) ) );
		$this->assertFalse( $this->reloadOrder( $order )->is_paid() );

		$customer = $this->setCurrentUserRole( 'customer' );
		$r        = $this->check_now( $order, $customer, wp_create_nonce( OrderPanel::ACTION . '_' . $order->get_id() ) );
		$this->assertSame( 403, $r['status'] );
		$this->assertFalse( $this->reloadOrder( $order )->is_paid(), 'ran for a customer' );
		// The panel offers no button to someone who may not use it.
		$this->assertStringNotContainsString( 'Check now', $this->renderOrderEditScreen( $order ) );
	}

	/** Every attention flag the plugin sets is explained in words on the order screen, never shown as its code. */
	public function test_every_attention_flag_the_plugin_sets_is_explained(): void {
		$src   = dirname( __DIR__, 2 ) . '/iotpay-for-woocommerce/src';
		$flags = array();
		foreach ( new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( $src, \FilesystemIterator::SKIP_DOTS ) ) as $file ) {
			$code = (string) file_get_contents( (string) $file );
			preg_match_all( "/(?:META_ATTENTION, |flag\\( \\\$order, )'([a-z_]+)'/", $code, $m );
			$flags = array_merge( $flags, $m[1] );
			preg_match_all( "/const ATTENTION = '([a-z_]+)'/", $code, $m );
			$flags = array_merge( $flags, $m[1] );
		}
		$flags = array_unique( $flags );
		$this->assertContains( 'refund_unconfirmed', $flags, 'the scan finds no flags' );
		$this->assertGreaterThanOrEqual( 8, count( $flags ) );
		$this->setCurrentUserRole( 'administrator' );
		$order = $this->order_for( 'iotpay_wechat', '20.00' );
		$this->checkout( $order );
		foreach ( $flags as $flag ) {
			$order = $this->reloadOrder( $order );
			$order->update_meta_data( '_iotpay_needs_attention', $flag );
			$order->save();
			$html = $this->renderOrderEditScreen( $this->reloadOrder( $order ) );
			$this->assertStringContainsString( 'Needs attention', $html, $flag );
			$this->assertStringNotContainsString( 'Needs attention: ' . $flag, preg_replace( '/\s+/', ' ', wp_strip_all_tags( $html ) ), "flag $flag shown as its code" );
		}
	}
}
