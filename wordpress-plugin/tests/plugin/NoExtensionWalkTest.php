<?php
/**
 * Issue 16, item 2: no code path of the plugin that WordPress can reach
 * touches an `IotPay\` class unless the extension is loaded. A PHP without
 * the extension walks every hook the plugin registered (the fixture finds
 * them in $wp_filter, so a new entry point cannot be forgotten), on orders
 * that have attempts, refunds and a paid card payment, on both order
 * storages; the hooks whose handler redirects and exits are walked over
 * HTTP on a server without the extension.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Refund\Refunds;

require_once __DIR__ . '/ExtraServers.php';

final class NoExtensionWalkTest extends PluginTestCase {

	use ExtraServers;

	protected function tearDown(): void {
		$this->stop_extra_servers();
		parent::tearDown();
	}

	/** @return array<string, array{bool}> */
	public static function storages(): array {
		return array(
			'posts' => array( false ),
			'HPOS'  => array( true ),
			// The renewal hooks exist only with WooCommerce Subscriptions (its double, active for the walk's process).
			'HPOS with Subscriptions' => array( true, true ),
		);
	}

	/** @return array{paid:int, card:int, pending:int, attempt:int, refund:int} */
	private function orders(): array {
		$this->enable_card_gateway();
		$paid = $this->order_for( 'iotpay_wechat', '20.00' );
		$this->checkout( $paid );
		$this->sb->pay( (string) $this->attempt( $paid )->pay_order_id );
		$paid = $this->wait_paid( $paid );
		wc_create_refund( array( 'order_id' => $paid->get_id(), 'amount' => '2.00', 'refund_payment' => true ) );

		$card = $this->createOrder( array( 'payment_method' => 'iotpay_card', 'total' => '30.00', 'currency' => 'CAD' ) );
		$this->checkout( $card );
		$a = $this->attempt( $card );
		$r = $this->sb->submitPage( (string) $a->pay_data['redirectUrl'] . '/pay' );
		$this->assertSame( 303, $r['status'] );
		$card = $this->wait_paid( $card );
		$this->assertTrue( $card->is_paid() );

		$pending = $this->order_for( 'iotpay_alipay', '14.00' );
		$this->checkout( $pending );
		return array(
			'paid'    => $paid->get_id(),
			'card'    => $card->get_id(),
			'pending' => $pending->get_id(),
			'attempt' => $this->attempt( $pending )->id,
			'refund'  => Refunds::for_order( $paid->get_id() )[0]->id,
		);
	}

	/** @dataProvider storages */
	public function test_every_entry_point_works_without_the_extension( bool $hpos, bool $subscriptions = false ): void {
		$this->setHposEnabled( $hpos );
		if ( $subscriptions ) {
			update_option( 'active_plugins', array_merge( (array) get_option( 'active_plugins' ), array( \IotPay\WcDouble\Site::link_plugin( self::subscriptionsDouble() ) ) ) );
		}
		$ids   = $this->orders();
		$admin = $this->setCurrentUserRole( 'administrator' );
		$env   = getenv();
		$env['PHP_INI_SCAN_DIR'] = self::ini_dir_without_extension();
		$proc = proc_open( array( PHP_BINARY, __DIR__ . '/fixtures/no-extension-walk.php', (string) $admin, (string) wp_json_encode( $ids ) ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes, null, $env );
		$out  = stream_get_contents( $pipes[1] );
		$err  = stream_get_contents( $pipes[2] );
		$this->assertSame( 0, proc_close( $proc ), "the walk died: $err " . substr( (string) $out, -2000 ) );
		$walk = json_decode( (string) substr( (string) $out, (int) strrpos( (string) $out, '{"extension"' ) ), true );
		$this->assertIsArray( $walk, (string) $out . $err );
		$this->assertFalse( $walk['extension'] );
		$this->assertContains( 'add_meta_boxes', $walk['hooks'], 'the walk did not see the plugin\'s hooks' );
		$this->assertGreaterThan( 20, count( $walk['hooks'] ) );
		if ( $subscriptions ) {
			$this->assertContains( 'woocommerce_scheduled_subscription_payment_iotpay_card', $walk['hooks'], 'the walk ran without Subscriptions' );
		}
		$this->assertSame( array(), $walk['unwalked'], 'hooks of the plugin the walk does not know how to fire' );
		$this->assertSame( array(), $walk['failures'], 'entry points that failed without the extension' );

		// The hooks whose handler redirects and exits: over HTTP, on a server without the extension.
		$bare   = $this->start_extra_server(
			dirname( __DIR__ ) . '/wc-double/server.php',
			array(
				'PHP_INI_SCAN_DIR'     => self::ini_dir_without_extension(),
				'IOTPAY_PLUGIN_FILE'   => (string) realpath( self::plugin_file() ),
				'IOTPAY_TEST_HOME_URL' => '{url}',
			)
		);
		$cookie = array( 'Cookie' => $this->authCookieHeader( $admin ) );
		$local  = static fn ( string $url ): string => $bare . (string) wp_parse_url( $url, PHP_URL_PATH ) . '?' . (string) wp_parse_url( $url, PHP_URL_QUERY );
		$pages  = array(
			'admin_post_iotpay_check_order'        => $local( wp_nonce_url( admin_url( 'admin-post.php?action=iotpay_check_order&order_id=' . $ids['pending'] ), 'iotpay_check_order_' . $ids['pending'] ) ),
			'admin_post_iotpay_wc_connection_test' => $local( wp_nonce_url( admin_url( 'admin-post.php?action=iotpay_wc_connection_test&gateway=iotpay' ), 'iotpay_wc_connection_test' ) ),
			'woocommerce_api_iotpay_card'          => $local( add_query_arg( array( 'context' => 'order', 'order_id' => $ids['card'], 'key' => wc_get_order( $ids['card'] )->get_order_key() ), home_url( '/wc-api/iotpay_card/' ) ) ),
		);
		foreach ( $walk['http'] as $hook ) {
			$this->assertArrayHasKey( $hook, $pages, "no HTTP walk for $hook" );
		}
		foreach ( $pages as $hook => $url ) {
			$r = $this->httpRequest( 'GET', $url, $cookie );
			$this->assertLessThan( 500, $r['status'], "$hook: " . substr( $r['body'], 0, 400 ) );
			$this->assertStringNotContainsString( 'Fatal error', $r['body'], $hook );
		}
		$this->assertSame( 'processing', $this->reloadOrder( $ids['paid'] )->get_status(), 'the paid order was changed without the extension' );
	}
}
