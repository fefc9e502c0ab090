<?php
/**
 * What the customer sees (issue 9): an IOTPay answer without a way to pay
 * (item 2), honest failure messages per provider code (6), one-device flows
 * on phones (4), the thank-you page that keeps checking (5), and the
 * payment page's amount, expiry, way back and browser title (16).
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\Sandbox;
use IotPay\WooCommerce\Checkout\Device;
use IotPay\WooCommerce\Checkout\PaymentPage;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Starter;

require_once __DIR__ . '/ExtraServers.php';

final class CheckoutUxTest extends PluginTestCase {

	use ExtraServers;

	protected function tearDown(): void {
		$this->stop_extra_servers();
		unset( $_SERVER['REQUEST_METHOD'] );
		$_POST = array();
		parent::tearDown();
	}

	/** The order-pay page as the customer's browser gets it (receipt hook). */
	private function pay_page( \WC_Order $order, string $ua = self::DESKTOP_UA ): string {
		$_SERVER['HTTP_USER_AGENT'] = $ua;
		ob_start();
		PaymentPage::render( $order->get_id() );
		return (string) ob_get_clean();
	}

	/** The customer presses the page's retry button. */
	private function click_retry( \WC_Order $order, string $ua = self::DESKTOP_UA ): string {
		$_SERVER['REQUEST_METHOD'] = 'POST';
		$_POST                     = array(
			'iotpay_retry' => '1',
			'_wpnonce'     => wp_create_nonce( PaymentPage::RETRY_NONCE . $order->get_id() ),
		);
		try {
			return $this->pay_page( $order, $ua );
		} finally {
			unset( $_SERVER['REQUEST_METHOD'] );
			$_POST = array();
		}
	}

	private function error_notices(): string {
		return implode( "\n", array_map( static fn ( $n ) => is_array( $n ) ? (string) $n['notice'] : (string) $n, wc_get_notices( 'error' ) ) );
	}

	/** An IOTPay (the sandbox behind a proxy) that accepts orders without a payment URL or code. */
	private function use_iotpay_without_pay_urls(): void {
		$proxy = $this->start_extra_server(
			__DIR__ . '/fixtures/no-pay-url-proxy.php',
			array(
				'IOTPAY_PROXY_UPSTREAM' => $this->sb->http,
				'IOTPAY_PROXY_KEY'      => Sandbox::KEY,
			)
		);
		$this->configure( array( 'api_base_url' => $proxy . '/v1/' ) );
	}

	/* ---------------------------------------------------------------------
	 * Item 2: a successful create without a payment URL or code
	 * ------------------------------------------------------------------ */

	/** @return array<string, array{0: string, 1: string, 2: string}> gateway, user agent, channel */
	public static function no_url_flows(): array {
		return array(
			'Alipay on a phone (redirect)'  => array( 'iotpay_alipay', self::IPHONE_UA, 'ALIPAY_WAP' ),
			'UnionPay on a phone (redirect)' => array( 'iotpay_unionpay', self::ANDROID_UA, 'UPI_SEQ' ),
			'WeChat Pay on a computer (QR)' => array( 'iotpay_wechat', self::DESKTOP_UA, 'WX_NATIVE' ),
		);
	}

	/** @dataProvider no_url_flows */
	public function test_an_answer_without_a_payment_url_is_an_error_and_never_a_loop( string $gateway, string $ua, string $channel ): void {
		$this->use_iotpay_without_pay_urls();
		$order = $this->order_for( $gateway, '9.99' );

		$result = $this->checkout( $order, $ua );
		$this->assertSame( 'failure', $result['result'], 'a payment without a URL or code was sent on' );
		$notice = $this->error_notices();
		$this->assertStringContainsString( 'could not be started', $notice );
		$this->assertStringContainsString( 'choose another payment method', $notice );
		$this->assertStringNotContainsString( 'did not answer in time', $notice );
		$this->assertCount( 1, Attempts::for_order( $order->get_id() ) );
		$attempt = $this->attempt( $order );
		$this->assertSame( $channel, $attempt->channel );
		$this->assertSame( array(), $attempt->pay_data );
		$this->assertTrue( $attempt->is_live(), 'the IOTPay order exists: it stays under reconciliation' );

		// Landing on the payment page (twice) shows the error, not an expired
		// code, and creates nothing.
		foreach ( array( 1, 2 ) as $visit ) {
			$page = $this->pay_page( $order, $ua );
			$this->assertStringContainsString( 'could not be started', $page );
			$this->assertStringNotContainsString( 'This QR code has expired', $page );
			$this->assertStringNotContainsString( 'Get a new QR code', $page );
			$this->assertStringContainsString( 'Choose another payment method', $page );
			$this->assertCount( 1, Attempts::for_order( $order->get_id() ), "visit $visit created another IOTPay order" );
		}
		// Only an explicit click tries again: one new IOTPay order per click.
		$page = $this->click_retry( $order, $ua );
		$this->assertStringContainsString( 'could not be started', $page );
		$this->assertCount( 2, Attempts::for_order( $order->get_id() ) );
		$this->assertFalse( $this->reloadOrder( $order )->is_paid() );
		$this->assertSame( 'pending', $this->reloadOrder( $order )->get_status() );
	}

	public function test_an_open_attempt_without_pay_data_is_not_shown_as_expired(): void {
		// What a create whose answer could not be read leaves behind once the
		// recovery query found the order (and, soon, a ProtocolException).
		$order = $this->order_for( 'iotpay_wechat', '4.00' );
		$a     = Attempts::create( $order->get_id(), 'T' . $order->get_id() . 'X' . wp_rand( 100, 999 ), 'iotpay_wechat', 'WX_NATIVE', 400, 'CAD' );
		Attempts::transition( $a->id, array( Attempt::CREATING ), Attempt::OPEN, array( 'pay_order_id' => 'P' . $a->id ) );
		$page = $this->pay_page( $order );
		$this->assertStringContainsString( 'could not be started', $page );
		$this->assertStringNotContainsString( 'expired', $page );
		$this->assertCount( 1, Attempts::for_order( $order->get_id() ) );
	}

	/* ---------------------------------------------------------------------
	 * Item 6: the truth about a failed start
	 * ------------------------------------------------------------------ */

	/** @return array<string, array{0: array<string, mixed>, 1: list<string>}> fault, expected phrases */
	public static function refusals(): array {
		return array(
			'0111 third-party refusal' => array( array( 'error_code' => '0111' ), array( 'declined', 'choose another payment method' ) ),
			'0110 wallet timeout'      => array( array( 'error_code' => '0110' ), array( 'did not respond in time', 'not been charged twice', 'try again' ) ),
			'0010 system error'        => array( array( 'error_code' => '0010' ), array( 'temporary problem', 'try again in a moment' ) ),
			'SYSTEMERROR'              => array( array( 'error_code' => 'SYSTEMERROR' ), array( 'temporary problem', 'try again in a moment' ) ),
			'0118 database error'      => array( array( 'error_code' => '0118' ), array( 'temporary problem' ) ),
			'0014 parameter error'     => array( array( 'error_code' => '0014' ), array( 'not available', 'choose another payment method' ) ),
			'0013 signature error'     => array( array( 'error_code' => '0013' ), array( 'not available', 'choose another payment method' ) ),
			'0015 unknown merchant'    => array( array( 'error_code' => '0015' ), array( 'not available' ) ),
			'5xx'                      => array( array( 'error_5xx_rate' => 1.0 ), array( 'could not reach IOTPay', 'not been charged twice' ) ),
			'malformed answer'         => array( array( 'malformed_json_rate' => 1.0 ), array( 'could not be started', 'choose another payment method' ) ),
		);
	}

	/**
	 * @dataProvider refusals
	 * @param array<string, mixed> $fault
	 * @param list<string>         $expected
	 */
	public function test_checkout_failures_say_what_happened( array $fault, array $expected ): void {
		$order = $this->order_for( 'iotpay_alipay', '15.00' );
		$this->sb->setFaults( $fault + array( 'endpoint' => 'create_order', 'once' => true ) );
		$result = $this->checkout( $order );
		$this->assertSame( 'failure', $result['result'] );
		$notice = $this->error_notices();
		foreach ( $expected as $phrase ) {
			$this->assertStringContainsStringIgnoringCase( $phrase, $notice );
		}
		$this->assertStringNotContainsString( 'did not answer in time', $notice );
		$this->assertStringNotContainsString( Sandbox::KEY, $notice );
		$this->assertStringNotContainsString( 'third party', $notice, 'IOTPay\'s own wording belongs in the log' );
		$this->assertSame( 'pending', $this->reloadOrder( $order )->get_status() );
	}

	public function test_a_timeout_says_we_could_not_reach_iotpay(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$order = $this->order_for( 'iotpay_wechat' );
		$this->sb->setFaults( array( 'hang_rate' => 1.0, 'endpoint' => 'create_order', 'once' => true ) );
		$this->assertSame( 'failure', $this->checkout( $order )['result'] );
		$notice = $this->error_notices();
		$this->assertStringContainsString( 'could not reach IOTPay', $notice );
		$this->assertStringContainsString( 'not been charged twice', $notice );
	}

	public function test_an_unreachable_iotpay_says_nothing_was_charged(): void {
		$this->configure( array( 'api_base_url' => 'http://127.0.0.1:9/v1/' ) );
		$order = $this->order_for( 'iotpay_wechat' );
		$this->assertSame( 'failure', $this->checkout( $order )['result'] );
		$notice = $this->error_notices();
		$this->assertStringContainsString( 'could not reach IOTPay', $notice );
		$this->assertStringContainsString( 'You have not been charged', $notice );
	}

	/* ---------------------------------------------------------------------
	 * Item 4: one-device flows on phones
	 * ------------------------------------------------------------------ */

	public function test_wechat_pay_on_a_phone_outside_wechat_explains_the_album_scan_and_the_wechat_link(): void {
		$order  = $this->order_for( 'iotpay_wechat', '20.00' );
		$result = $this->checkout( $order, self::IPHONE_UA );
		$this->assertSame( 'success', $result['result'] );
		$this->assertSame( 'WX_NATIVE', $this->attempt( $order )->channel );
		$page = $this->pay_page( $order, self::IPHONE_UA );
		$this->assertStringContainsString( '<svg', $page );
		$this->assertStringContainsString( 'screenshot', $page );
		$this->assertStringContainsString( 'Album', $page );
		$this->assertStringContainsString( 'pay inside WeChat', $page );
		$this->assertStringContainsString( 'value="' . esc_attr( $order->get_checkout_payment_url( true ) ) . '"', $page );
		$this->assertStringNotContainsString( 'scan this code to pay', $page, 'the phone showing the code cannot scan it' );
		$this->assertStringContainsString( 'data-saveable="1"', $page );

		// The copied link opened inside WeChat: WeChat's own payment (JSAPI).
		$page = $this->pay_page( $order, self::WECHAT_UA );
		$this->assertSame( 'WX_JSAPI', $this->attempt( $order )->channel );
		$this->assertStringContainsString( 'Continue to WeChat Pay', $page );
		$this->assertStringContainsString( esc_url( (string) $this->attempt( $order )->pay_data['redirectUrl'] ), $page );
	}

	public function test_wechat_pay_on_a_computer_keeps_the_scan_instruction(): void {
		$order = $this->order_for( 'iotpay_wechat', '20.00' );
		$this->checkout( $order );
		$page = $this->pay_page( $order );
		$this->assertStringContainsString( 'Open WeChat on your phone, tap + then Scan, and scan this code to pay.', $page );
		$this->assertStringNotContainsString( 'Album', $page );
		$this->assertStringContainsString( 'data-saveable="0"', $page );
	}

	public function test_alipay_inside_wechat_asks_to_open_the_page_in_the_browser(): void {
		$order  = $this->order_for( 'iotpay_alipay', '12.00' );
		$result = $this->checkout( $order, self::WECHAT_UA );
		$this->assertSame( 'success', $result['result'] );
		$this->assertSame( $order->get_checkout_payment_url( true ), $result['redirect'], 'sent to an Alipay page WeChat blocks' );
		$this->assertCount( 0, Attempts::for_order( $order->get_id() ), 'no IOTPay order before the customer can pay it' );

		$page = $this->pay_page( $order, self::WECHAT_UA );
		$this->assertStringContainsString( 'cannot be opened inside WeChat', $page );
		$this->assertStringContainsString( 'Open in Browser', $page );
		$this->assertStringContainsString( 'value="' . esc_attr( $order->get_checkout_payment_url( true ) ) . '"', $page );
		$this->assertCount( 0, Attempts::for_order( $order->get_id() ) );

		// Opened in the phone's browser: on to Alipay.
		$page = $this->pay_page( $order, self::IPHONE_UA );
		$this->assertSame( 'ALIPAY_WAP', $this->attempt( $order )->channel );
		$this->assertStringContainsString( 'Continue to Alipay', $page );
		$this->assertStringContainsString( esc_url( (string) $this->attempt( $order )->pay_data['redirectUrl'] ), $page );
	}

	/** @return array<string, array{0: string, 1: string, 2: string, 3: string}> gateway, UA, expected, not expected */
	public static function descriptions(): array {
		return array(
			'WeChat Pay, computer'     => array( 'iotpay_wechat', self::DESKTOP_UA, 'scan a QR code with WeChat on your phone', 'album' ),
			'WeChat Pay, phone'        => array( 'iotpay_wechat', self::IPHONE_UA, 'photo album in WeChat', 'scan a QR code with WeChat on your phone' ),
			'WeChat Pay, inside WeChat' => array( 'iotpay_wechat', self::WECHAT_UA, 'Pay in WeChat', 'QR' ),
			'Alipay, computer'         => array( 'iotpay_alipay', self::DESKTOP_UA, 'scan a QR code with the Alipay app', 'taken to' ),
			'Alipay, phone'            => array( 'iotpay_alipay', self::ANDROID_UA, 'taken to Alipay', 'QR' ),
			'Alipay, inside WeChat'    => array( 'iotpay_alipay', self::WECHAT_UA, 'phone\'s browser', 'QR' ),
			'UnionPay, computer'       => array( 'iotpay_unionpay', self::DESKTOP_UA, 'scan a QR code with your UnionPay app', 'taken to' ),
			'UnionPay, phone'          => array( 'iotpay_unionpay', self::IPHONE_UA, 'secure payment page', 'QR' ),
		);
	}

	/** @dataProvider descriptions */
	public function test_checkout_descriptions_are_true_for_the_device( string $gateway, string $ua, string $expected, string $unexpected ): void {
		$_SERVER['HTTP_USER_AGENT'] = $ua;
		$class                      = get_class( $this->gateway( $gateway ) );
		$g                          = new $class();
		$this->assertStringContainsString( $expected, $g->get_description() );
		$this->assertStringNotContainsString( $unexpected, $g->get_description() );
		$this->assertTrue( $g->is_available() );
		// The Checkout Block shows the same text.
		$method = $this->paymentMethodRegistry()->get_registered( $gateway );
		$this->assertNotNull( $method );
		$this->assertSame( wp_strip_all_tags( $g->get_description() ), wp_strip_all_tags( ( new \IotPay\WooCommerce\Blocks\PaymentMethod( $class ) )->get_payment_method_data()['description'] ) );
	}

	public function test_a_merchant_description_is_kept(): void {
		update_option( 'woocommerce_iotpay_wechat_settings', array( 'enabled' => 'yes', 'description' => 'Our own words.' ) );
		$class = get_class( $this->gateway( 'iotpay_wechat' ) );
		$this->assertSame( 'Our own words.', ( new $class() )->get_description() );
	}

	/* ---------------------------------------------------------------------
	 * Item 5: the thank-you page keeps checking
	 * ------------------------------------------------------------------ */

	public function test_the_return_page_polls_when_it_could_not_check_yet(): void {
		$order  = $this->order_for( 'iotpay_alipay', '8.00' );
		$result = $this->checkout( $order, self::IPHONE_UA );
		$attempt = $this->attempt( $order );
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->sb->pay( (string) $attempt->pay_order_id );
		// Another check (a poll, a job) ran a moment ago: the page skips its own query.
		$this->assertTrue( Attempts::claim_check( $attempt->id, 0 ) );
		$page = $this->httpRequest( 'GET', $order->get_checkout_order_received_url(), array( 'User-Agent' => self::IPHONE_UA ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertFalse( $this->reloadOrder( $order )->is_paid(), 'the page was expected to skip its query' );
		$body = $page['body'];
		$this->assertStringContainsString( 'We are waiting for IOTPay to confirm your payment', $body );
		$this->assertStringContainsString( 'updates by itself', $body );
		$this->assertStringContainsString( 'qr-page.js', $body, 'nothing on the page checks again' );
		$this->assertMatchesRegularExpression( '#"mode":"return"#', $body );
		$this->assertStringContainsString( wp_json_encode( add_query_arg( 'key', $order->get_order_key(), rest_url( 'iotpay/v1/orders/' . $order->get_id() . '/status' ) ) ), $body );
		// Without JavaScript: a plain refresh link to the same page.
		$this->assertStringContainsString( 'href="' . esc_url( $order->get_checkout_order_received_url() ) . '"', $body );
		$this->assertStringContainsString( 'Refresh this page', $body );

		// What the script asks a few seconds later confirms the payment.
		sleep( 3 );
		$status = json_decode( $this->httpRequest( 'GET', add_query_arg( 'key', $order->get_order_key(), rest_url( 'iotpay/v1/orders/' . $order->get_id() . '/status' ) ) )['body'], true );
		$this->assertSame( 'paid', $status['status'] );
		$again = $this->httpRequest( 'GET', $order->get_checkout_order_received_url() )['body'];
		$this->assertStringNotContainsString( 'We are waiting', $again );
		$this->assertStringContainsString( 'Processing', $again );
	}

	/* ---------------------------------------------------------------------
	 * Item 16: a payment page a customer trusts
	 * ------------------------------------------------------------------ */

	public function test_the_qr_page_shows_amount_expiry_and_a_way_back(): void {
		$order = $this->order_for( 'iotpay_unionpay', '31.50' );
		$this->checkout( $order );
		$page = $this->pay_page( $order );
		$this->assertStringContainsString( '31.50 CAD', $page );
		$this->assertStringContainsString( 'Order #' . $order->get_order_number(), $page );
		$this->assertMatchesRegularExpression( '#This code expires in (29|30) minutes#', $page );
		$this->assertMatchesRegularExpression( '#data-remaining="(17\d\d|1800)"#', $page );
		$this->assertStringContainsString( 'href="' . esc_url( $order->get_checkout_payment_url() ) . '"', $page );
		$this->assertStringContainsString( 'Choose another payment method', $page );
		$this->assertStringContainsString( 'href="' . esc_url( $order->get_cancel_order_url() ) . '"', $page );
		$this->assertStringContainsString( 'Cancel order', $page );
		$this->assertSame( 1800, Starter::QR_LIFETIME );
	}

	public function test_the_browser_title_names_the_payment(): void {
		$order = $this->order_for( 'iotpay_wechat', '6.00' );
		$this->checkout( $order );
		$r = $this->httpRequest( 'GET', $order->get_checkout_payment_url( true ) );
		$this->assertSame( 200, $r['status'] );
		// WordPress joins the title's parts with " - " and then runs
		// wptexturize() over the whole title, so every " - " (the plugin's own
		// too) is printed as an en dash (&#8211;).
		$this->assertMatchesRegularExpression( '#<title>Pay with WeChat Pay &\#8211; order ' . $order->get_order_number() . ' &\#8211; IOTPay Test Shop</title>#', $r['body'] );
		// Not on other pages, nor for a wrong key.
		$other = $this->httpRequest( 'GET', $order->get_checkout_payment_url() );
		$this->assertStringContainsString( '<title>Checkout &#8211; IOTPay Test Shop</title>', $other['body'] );
		$forged = $this->httpRequest( 'GET', add_query_arg( 'key', 'wc_order_wrong', $order->get_checkout_payment_url( true ) ) );
		$this->assertStringNotContainsString( 'Pay with', (string) preg_replace( '#.*<title>(.*?)</title>.*#s', '$1', $forged['body'] ) );
	}
}
