<?php
/**
 * The card gateway in real headless Chromium: checkout → IOTPay's hosted card
 * page (the sandbox's) → paid → back on the thank-you page, the order paid;
 * "save card" → IOTPay's add-card page, card entered → back → the saved card
 * charged → thank-you page; the embedded mode's page, where IOTPay's script
 * is not served by the sandbox, offering IOTPay's page instead.
 * Screenshots go to tests/artifacts/plugin-card-*.png.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\WebDriver;

final class CardBrowserTest extends PluginTestCase {

	private string $artifacts;

	protected function setUp(): void {
		if ( ! WebDriver::available() ) {
			if ( getenv( 'CI' ) ) {
				$this->fail( 'chromium and chromedriver must be installed in CI' );
			}
			$this->markTestSkipped( 'chromium/chromedriver not installed' );
		}
		parent::setUp();
		update_option( 'woocommerce_iotpay_card_settings', array( 'enabled' => 'yes', 'mode' => 'redirect', 'saved_cards' => 'yes' ) );
		\WC_Payment_Gateways::reset_instance();
		$this->artifacts = dirname( __DIR__, 3 ) . '/tests/artifacts';
	}

	private function card_order( string $total, int $customer = 0 ): \WC_Order {
		return $this->createOrder(
			array(
				'payment_method' => 'iotpay_card',
				'total'          => $total,
				'currency'       => 'CAD',
				'customer_id'    => $customer,
			)
		);
	}

	public function test_checkout_to_the_hosted_card_page_and_back_paid(): void {
		$order  = $this->card_order( '42.00' );
		$result = $this->checkout( $order );
		$this->assertSame( 'success', $result['result'] );
		$wd = new WebDriver();
		try {
			$wd->resize( 1000, 900 );
			$wd->open( $result['redirect'] );
			$wd->screenshot( "$this->artifacts/plugin-card-hosted-page.png" );
			$this->assertStringContainsString( '42.00 CAD', $wd->text( 'body' ) );
			$wd->click( 'button[value="pay"]' );
			$landed = $wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/checkout/order-received/' ), 20 );
			$this->assertStringContainsString( '/checkout/order-received/' . $order->get_id(), $landed );
			usleep( 300_000 );
			$wd->screenshot( "$this->artifacts/plugin-card-thank-you.png" );
			$this->assertStringContainsString( 'Thank you. Your order has been received.', $wd->text( 'main' ) );
		} finally {
			$wd->quit();
		}
		$paid = $this->wait_paid( $order );
		$this->assertTrue( $paid->is_paid() );
		$this->assertCount( 1, $this->payment_notes( $paid ) );
	}

	public function test_save_card_enter_it_on_iotpays_page_and_pay(): void {
		$user = $this->createUser( 'customer' );
		wp_set_current_user( $user );
		$order  = $this->card_order( '27.50', $user );
		$_POST  = array( 'wc-iotpay_card-new-payment-method' => 'true' );
		$result = $this->checkout( $order );
		$_POST  = array();
		$this->assertSame( 'success', $result['result'] );
		$wd = new WebDriver();
		try {
			$wd->resize( 1000, 900 );
			$wd->open( $result['redirect'] );
			// The customer types the card into IOTPay's page (the sandbox's add-card form).
			$wd->execute(
				'var f = { cardNum: "4111111111111111", expiryDate: "0929", holder: "Jane Doe", cvv: "321" };'
				. 'Object.keys( f ).forEach( function ( k ) { document.querySelector( "input[name=" + k + "]" ).value = f[ k ]; } );'
			);
			$wd->screenshot( "$this->artifacts/plugin-card-add-card-page.png" );
			$wd->click( 'button[type="submit"]' );
			$landed = $wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/checkout/order-received/' ), 20 );
			$this->assertStringContainsString( '/checkout/order-received/' . $order->get_id(), $landed );
			$wd->screenshot( "$this->artifacts/plugin-card-saved-and-paid.png" );
			$this->assertStringContainsString( 'Processing', $wd->text( '.woocommerce-order-overview' ) );
		} finally {
			$wd->quit();
		}
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
		$tokens = array_values( \WC_Payment_Tokens::get_customer_tokens( $user, 'iotpay_card' ) );
		$this->assertCount( 1, $tokens );
		$this->assertSame( '1111', $tokens[0]->get_last4() );
		$this->assertSame( '09', $tokens[0]->get_expiry_month() );
		$this->assertSame( '2029', $tokens[0]->get_expiry_year() );
	}

	public function test_the_embedded_page_offers_iotpays_page_when_its_form_is_not_available(): void {
		update_option( 'woocommerce_iotpay_card_settings', array( 'enabled' => 'yes', 'mode' => 'embedded', 'saved_cards' => 'yes' ) );
		\WC_Payment_Gateways::reset_instance();
		$order  = $this->card_order( '16.00' );
		$result = $this->checkout( $order );
		$wd     = new WebDriver();
		try {
			$wd->resize( 1000, 900 );
			$wd->open( $result['redirect'] );
			usleep( 800_000 );
			$wd->screenshot( "$this->artifacts/plugin-card-embedded.png" );
			$this->assertSame( 'unavailable', $wd->execute( 'return document.getElementById( "iotpay-wc-card" ).getAttribute( "data-form" );' ), 'the sandbox serves no iotpaycc.js' );
			$this->assertSame( 32, strlen( (string) $wd->execute( 'return document.getElementById( "iotpay_normal" ).getAttribute( "data-secure-id" );' ) ) );
			$this->assertStringContainsString( 'The card form could not be loaded.', $wd->text( '.iotpay-wc-card__message' ) );
			$wd->click( '.iotpay-wc-card__fallback a' );
			$wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/pay/PC' ), 10 );
			$wd->click( 'button[value="pay"]' );
			$landed = $wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/checkout/order-received/' ), 20 );
			$this->assertStringContainsString( '/checkout/order-received/' . $order->get_id(), $landed );
		} finally {
			$wd->quit();
		}
		$this->assertTrue( $this->wait_paid( $order )->is_paid() );
	}
}
