<?php
/**
 * Base of the plugin's tests: a freshly installed site (real WordPress, the
 * WooCommerce double, this plugin active), the plugin loaded in this
 * process, the shop served through WordPress's front controllers by a real
 * multi-worker PHP server (so IOTPay's sandbox can deliver notifications to
 * it), and the real sandbox.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\Sandbox;
use IotPay\WcDouble\TestCase;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Settings\SharedSettings;

abstract class PluginTestCase extends TestCase {

	public const DESKTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
	public const IPHONE_UA  = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
	public const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';
	public const WECHAT_UA  = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40';

	protected Sandbox $sb;
	protected string $shop;

	public static function plugin_file(): string {
		return dirname( __DIR__, 2 ) . '/iotpay-for-woocommerce/iotpay-for-woocommerce.php';
	}

	protected function setUp(): void {
		parent::setUp();
		$this->sb = Sandbox::get();
		$this->sb->clearFaults();
		$this->shop = self::startServer( self::plugin_file(), (int) ( getenv( 'IOTPAY_SHOP_WORKERS' ) ?: 8 ) );
		$this->bootPlugin( self::plugin_file(), false, $this->with_plugins() );
		$this->configure();
		$_SERVER['HTTP_USER_AGENT'] = self::DESKTOP_UA;
		$_SERVER['REMOTE_ADDR']     = '203.0.113.7';
	}

	/** Plugins active beside this one (a test class with another set runs its tests in separate processes). @return list<string> */
	protected function with_plugins(): array {
		return array();
	}

	/** A customer with a card saved in My Account (IOTPay's add-card page, then the shop's return). @return array{0: int, 1: \WC_Payment_Token_CC} */
	protected function customer_with_saved_card( string $number = '4242424242424242', ?int $user = null ): array {
		$user ??= $this->createUser( 'customer' );
		wp_set_current_user( $user );
		$before = count( \WC_Payment_Tokens::get_customer_tokens( $user, \IotPay\WooCommerce\Gateway\CardGateway::ID ) );
		$start  = ( new \IotPay\WooCommerce\Gateway\CardGateway() )->add_payment_method();
		$this->assertSame( 'success', $start['result'] );
		$r = $this->sb->submitPage( $start['redirect'] . '/add', array( 'cardNum' => $number, 'expiryDate' => '1230', 'holder' => 'Jane Doe', 'cvv' => '123' ) );
		$this->assertSame( 303, $r['status'] );
		$back = $this->httpRequest( 'GET', (string) $r['location'], array( 'Cookie' => $this->authCookieHeader( $user ) ) );
		$this->assertSame( 302, $back['status'], $back['body'] );
		$tokens = array_values( \WC_Payment_Tokens::get_customer_tokens( $user, \IotPay\WooCommerce\Gateway\CardGateway::ID ) );
		$this->assertCount( $before + 1, $tokens );
		return array( $user, end( $tokens ) );
	}

	protected function tearDown(): void {
		$this->sb->clearFaults();
		remove_all_filters( 'iotpay_wc_timeout_ms' );
		parent::tearDown();
	}

	/** Shared settings pointing at the sandbox; every gateway enabled. @param array<string, string> $over */
	protected function configure( array $over = array() ): void {
		update_option(
			'woocommerce_iotpay_settings',
			$over + array(
				'testmode'        => 'yes',
				'test_mch_id'     => Sandbox::MCH_ID,
				'test_key'        => Sandbox::KEY,
				'test_login_name' => Sandbox::LOGIN,
				'api_base_url'    => $this->sb->http . '/v1/',
				'cc_base_url'     => $this->sb->http . '/v3/',
				'autodebit_base_url' => $this->sb->http . '/contract/',
				'order_prefix'    => 'T' . substr( bin2hex( random_bytes( 2 ) ), 0, 3 ),
				'debug'           => 'yes',
			)
		);
		foreach ( array( 'iotpay_wechat', 'iotpay_alipay', 'iotpay_unionpay' ) as $id ) {
			update_option( "woocommerce_{$id}_settings", array( 'enabled' => 'yes' ) );
		}
		if ( class_exists( SharedSettings::class, false ) ) {
			SharedSettings::reset();
		}
	}

	/** IOTPay's card gateway on, in redirect mode, saving cards; WooCommerce's gateways reloaded with it. */
	protected function enable_card_gateway(): void {
		update_option( 'woocommerce_iotpay_card_settings', array( 'enabled' => 'yes', 'mode' => 'redirect', 'saved_cards' => 'yes' ) );
		\WC_Payment_Gateways::reset_instance();
	}

	protected function gateway( string $id ): \WC_Payment_Gateway {
		$all = WC()->payment_gateways()->payment_gateways();
		$this->assertArrayHasKey( $id, $all );
		return $all[ $id ];
	}

	/** An order paid with `$gateway`, as the checkout creates it. */
	protected function order_for( string $gateway, string $total = '12.34', string $currency = 'CAD', ?int $product = null ): \WC_Order {
		$args = array(
			'payment_method' => $gateway,
			'total'          => $total,
			'currency'       => $currency,
		);
		if ( null !== $product ) {
			$args['items'] = array( array( $product, 1 ) );
		}
		return $this->createOrder( $args );
	}

	/** @return array{result: string, redirect?: string} */
	protected function checkout( \WC_Order $order, string $ua = self::DESKTOP_UA ): array {
		$_SERVER['HTTP_USER_AGENT'] = $ua;
		return $this->gateway( $order->get_payment_method() )->process_payment( $order->get_id() );
	}

	protected function attempt( \WC_Order $order ): Attempt {
		$a = Attempts::for_order( $order->get_id() )[0] ?? null;
		$this->assertNotNull( $a, 'no payment attempt recorded' );
		return $a;
	}

	/**
	 * Waits (polling the database) until the order is paid and the completion
	 * has finished — the attempt is paid and the worker that recorded it has
	 * released the order lock (notes, stock and emails are done by then) — or
	 * the time runs out.
	 */
	protected function wait_paid( \WC_Order $order, float $seconds = 10.0 ): \WC_Order {
		global $wpdb;
		$deadline = microtime( true ) + $seconds;
		do {
			wp_cache_flush();
			$fresh = $this->reloadOrder( $order );
			$done  = array_filter( Attempts::for_order( $order->get_id() ), static fn ( Attempt $a ) => Attempt::PAID === $a->state );
			$free  = '1' === (string) $wpdb->get_var( $wpdb->prepare( 'SELECT IS_FREE_LOCK(%s)', \IotPay\WooCommerce\Payment\OrderLock::name( $order->get_id() ) ) );
			if ( $fresh->is_paid() && $done && $free ) {
				return $fresh;
			}
			usleep( 100_000 );
		} while ( microtime( true ) < $deadline );
		return $this->reloadOrder( $order );
	}

	/** Runs `$fn` at the moment this request is about to take the order lock (its first GET_LOCK), once. */
	protected function before_the_lock( callable $fn ): void {
		$done = false;
		add_filter(
			'query',
			static function ( $sql ) use ( &$done, $fn ) {
				if ( ! $done && str_contains( (string) $sql, 'GET_LOCK(' ) ) {
					$done = true;
					$fn();
				}
				return $sql;
			}
		);
	}

	/** @return list<string> notes about received payments */
	protected function payment_notes( \WC_Order $order ): array {
		return array_values( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( string $n ) => str_contains( $n, 'IOTPay payment received' ) ) );
	}

	/** A notification body signed like IOTPay's (form-encoded). @param array<string, string|int> $over */
	protected function notification_body( Attempt $a, array $over = array(), string $key = Sandbox::KEY ): string {
		$f = $over + array(
			'payOrderId'     => (string) ( $a->pay_order_id ?? 'P' . $a->id ),
			'mchId'          => Sandbox::MCH_ID,
			'mchOrderNo'     => $a->mch_order_no,
			'channelId'      => $a->channel,
			'currency'       => $a->currency,
			'amount'         => (string) $a->amount,
			'status'         => '2',
			'clientIp'       => '203.0.113.7',
			'device'         => 'WEB',
			'subject'        => 'Order',
			'body'           => 'Order',
			'channelOrderNo' => 'wx' . $a->id,
			'paySuccTime'    => (string) ( time() * 1000 ),
			'backType'       => '2',
		);
		unset( $f['sign'] );
		$f['sign'] = \IotPay\Signer::sign( $f, $key );
		return http_build_query( $f );
	}

	/** @return array{status: int, body: string} */
	protected function post_notification( string $body ): array {
		$r = $this->httpRequest( 'POST', $this->shop . '/wp-json/iotpay/v1/notify', array( 'Content-Type' => 'application/x-www-form-urlencoded' ), $body );
		return array( 'status' => $r['status'], 'body' => $r['body'] );
	}

	/**
	 * Many HTTP requests at once (curl_multi), each on its own connection.
	 *
	 * @param list<array{method: string, url: string, body?: string, headers?: list<string>}> $requests
	 * @return list<array{status: int, body: string}>
	 */
	protected function burst( array $requests ): array {
		$mh      = curl_multi_init();
		$handles = array();
		foreach ( $requests as $i => $r ) {
			$ch = curl_init( $r['url'] );
			curl_setopt_array(
				$ch,
				array(
					CURLOPT_CUSTOMREQUEST  => $r['method'],
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_TIMEOUT        => 60,
					CURLOPT_HTTPHEADER     => $r['headers'] ?? array(),
					CURLOPT_FORBID_REUSE   => true,
				)
			);
			if ( isset( $r['body'] ) ) {
				curl_setopt( $ch, CURLOPT_POSTFIELDS, $r['body'] );
			}
			curl_multi_add_handle( $mh, $ch );
			$handles[ $i ] = $ch;
		}
		do {
			$st = curl_multi_exec( $mh, $running );
			if ( $running ) {
				curl_multi_select( $mh, 0.2 );
			}
		} while ( $running && CURLM_OK === $st );
		$out = array();
		foreach ( $handles as $i => $ch ) {
			$out[ $i ] = array(
				'status' => (int) curl_getinfo( $ch, CURLINFO_RESPONSE_CODE ),
				'body'   => (string) curl_multi_getcontent( $ch ),
			);
			curl_multi_remove_handle( $mh, $ch );
			curl_close( $ch );
		}
		curl_multi_close( $mh );
		return $out;
	}

	/** The sandbox's view of an order. @return array<string, mixed> */
	protected function sandbox_order( string $pay_order_id ): array {
		return $this->sb->admin( 'GET', '/admin/orders/' . rawurlencode( $pay_order_id ) );
	}
}
