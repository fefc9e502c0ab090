<?php
/**
 * Issue 19, section 2: the order-received page of an unpaid IOTPay order
 * says one clear thing — declined, not completed, or being confirmed — and
 * never "thank you" beside a failure.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Payment\Attempt;

final class ReturnPageTest extends PluginTestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->enable_card_gateway();
	}

	/** @return array<string, array{bool}> */
	public static function storages(): array {
		return array(
			'posts' => array( false ),
			'HPOS'  => array( true ),
		);
	}

	/** @dataProvider storages */
	public function test_a_card_declined_on_iotpays_page_is_said_plainly( bool $hpos ): void {
		$this->setHposEnabled( $hpos );
		$order = $this->createOrder( array( 'payment_method' => 'iotpay_card', 'total' => '19.00', 'currency' => 'CAD' ) );
		$this->assertSame( 'success', $this->checkout( $order )['result'] );
		$a = $this->attempt( $order );
		$r = $this->sb->submitPage( (string) $a->pay_data['redirectUrl'] . '/decline' );
		$this->assertSame( 303, $r['status'], 'the sandbox did not send the customer back' );
		$this->assertStringStartsWith( $order->get_checkout_order_received_url(), (string) $r['location'] );

		$page = $this->httpRequest( 'GET', (string) $r['location'] );
		$this->assertSame( 200, $page['status'] );
		$body = html_entity_decode( wp_strip_all_tags( $page['body'] ), ENT_QUOTES );
		$this->assertStringContainsString( 'Your card was declined and nothing was charged', $body );
		$this->assertStringNotContainsString( 'Thank you', $body, 'thanked for a declined payment' );
		$this->assertStringNotContainsString( 'waiting for IOTPay', $body, '"waiting" beside a failure' );
		$this->assertStringNotContainsString( 'qr-page.js', $page['body'], 'the page keeps polling a final failure' );
		$this->assertStringContainsString( esc_url( $order->get_checkout_payment_url() ), $page['body'], 'no way to try again' );
		$this->assertSame( Attempt::FAILED, $this->attempt( $order )->state );
		$this->assertSame( 'pending', $this->reloadOrder( $order )->get_status(), 'a declined order can still be paid' );
	}

	public function test_a_payment_not_completed_is_said_plainly(): void {
		$order = $this->order_for( 'iotpay_alipay', '9.00' );
		$this->checkout( $order, self::IPHONE_UA );
		$this->sb->cancel( (string) $this->attempt( $order )->pay_order_id );
		$page = $this->httpRequest( 'GET', $order->get_checkout_order_received_url(), array( 'User-Agent' => self::IPHONE_UA ) );
		$body = html_entity_decode( wp_strip_all_tags( $page['body'] ), ENT_QUOTES );
		$this->assertStringContainsString( 'Your payment was not completed and nothing was charged', $body );
		$this->assertStringNotContainsString( 'Thank you', $body );
		$this->assertStringNotContainsString( 'waiting for IOTPay', $body );
	}

	public function test_a_payment_being_confirmed_says_so_once_and_polls(): void {
		$order = $this->order_for( 'iotpay_alipay', '9.50' );
		$this->checkout( $order, self::IPHONE_UA );
		$page = $this->httpRequest( 'GET', $order->get_checkout_order_received_url(), array( 'User-Agent' => self::IPHONE_UA ) );
		$body = html_entity_decode( wp_strip_all_tags( $page['body'] ), ENT_QUOTES );
		$this->assertSame( 1, substr_count( $body, 'We are waiting for IOTPay to confirm your payment' ) );
		$this->assertStringNotContainsString( 'Thank you', $body );
		$this->assertStringNotContainsString( 'not completed', $body );
		$this->assertStringContainsString( 'qr-page.js', $page['body'] );
	}
}
