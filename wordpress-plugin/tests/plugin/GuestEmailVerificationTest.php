<?php
/**
 * WooCommerce 7.9's guest email verification (checked in a real 7.9.0 shop):
 * a guest reaching order-received, or order-pay with pay_for_order, in a
 * browser without the checkout's session (after a wallet app, on another
 * device) is asked for the order's billing email first. The plugin's pages
 * never show through that check (nothing of the order, no status polling),
 * and once the email is given they behave as usual.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

final class GuestEmailVerificationTest extends PluginTestCase {

	private const ASKED = 'verify the email address associated with the order';

	protected function setUp(): void {
		parent::setUp();
		update_option( 'iotpay_double_guest_without_session', 'yes' );
	}

	/** @return array{status: int, body: string} */
	private function verify( string $url, string $email ): array {
		$form = http_build_query(
			array(
				'check_submission' => wp_create_nonce( 'wc_verify_email' ),
				'email'            => $email,
				'verify'           => '1',
			)
		);
		return $this->httpRequest( 'POST', $url, array( 'Content-Type' => 'application/x-www-form-urlencoded', 'User-Agent' => self::IPHONE_UA ), $form );
	}

	public function test_the_waiting_page_waits_behind_woocommerces_email_check(): void {
		wp_set_current_user( 0 );
		$order = $this->order_for( 'iotpay_alipay', '9.50' );
		$this->checkout( $order, self::IPHONE_UA );
		$url  = $order->get_checkout_order_received_url();
		$page = $this->httpRequest( 'GET', $url, array( 'User-Agent' => self::IPHONE_UA ) );
		$this->assertStringContainsString( self::ASKED, $page['body'] );
		$this->assertStringNotContainsString( 'waiting for IOTPay', $page['body'], 'the plugin showed the order past the email check' );
		$this->assertStringNotContainsString( 'qr-page.js', $page['body'], 'the status is polled for a visitor who did not verify' );

		$wrong = $this->verify( $url, 'someone@example.com' );
		$this->assertStringContainsString( 'We were unable to verify the email address', $wrong['body'] );
		$this->assertStringNotContainsString( 'waiting for IOTPay', $wrong['body'] );

		$right = $this->verify( $url, 'customer@example.com' );
		$body  = html_entity_decode( wp_strip_all_tags( $right['body'] ), ENT_QUOTES );
		$this->assertStringNotContainsString( self::ASKED, $body );
		$this->assertSame( 1, substr_count( $body, 'We are waiting for IOTPay to confirm your payment' ) );
		$this->assertStringContainsString( 'qr-page.js', $right['body'] );
	}

	public function test_pay_for_order_asks_for_the_email_before_the_payment_methods(): void {
		wp_set_current_user( 0 );
		$order = $this->order_for( 'iotpay_wechat' );
		$url   = $order->get_checkout_payment_url();
		$page  = $this->httpRequest( 'GET', $url );
		$this->assertStringContainsString( self::ASKED, $page['body'] );
		$this->assertStringNotContainsString( 'payment_method_iotpay_wechat', $page['body'] );
		$right = $this->verify( $url, 'customer@example.com' );
		$this->assertStringNotContainsString( self::ASKED, $right['body'] );
		$this->assertStringContainsString( 'payment_method_iotpay_wechat', $right['body'] );
	}
}
