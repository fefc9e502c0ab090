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

	use UsesBrowser;

	protected function setUp(): void {
		$this->require_browser();
		parent::setUp();
		$this->enable_card_gateway();
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
			$this->assert_thanked( $wd, $order, 'plugin-card-thank-you.png' );
		} finally {
			$wd->quit();
		}
		$paid = $this->wait_paid( $order );
		$this->assertTrue( $paid->is_paid() );
		$this->assertCount( 1, $this->payment_notes( $paid ) );
	}

	/** Issue 19 §2: a card declined on IOTPay's hosted page — the shop's page says so, once, with the way to try again; never "thank you". */
	public function test_a_card_declined_on_iotpays_page_says_so_in_the_browser(): void {
		$order  = $this->card_order( '43.00' );
		$result = $this->checkout( $order );
		$wd     = new WebDriver();
		try {
			$wd->resize( 1000, 900 );
			$wd->open( $result['redirect'] );
			$wd->click( 'button[value="decline"]' );
			$landed = $wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/checkout/order-received/' ), 20 );
			$this->assertStringContainsString( '/checkout/order-received/' . $order->get_id(), $landed );
			usleep( 2_000_000 ); // Long enough for a poll that should not happen.
			$wd->screenshot( "$this->artifacts/plugin-card-declined.png" );
			$main = $wd->text( 'main' );
			$this->assertStringContainsString( 'Payment declined', $main );
			$this->assertStringNotContainsString( 'Order received', $main );
			$this->assertStringContainsString( 'Your card was declined and nothing was charged', $main );
			$this->assertStringNotContainsString( 'Thank you', $main );
			$this->assertStringNotContainsString( 'waiting for IOTPay', $main );
			$wd->click( '.iotpay-wc-return--failed a' );
			$again = $wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/checkout/order-pay/' ), 20 );
			$this->assertStringContainsString( '/checkout/order-pay/' . $order->get_id(), $again );
		} finally {
			$wd->quit();
		}
		$this->assertFalse( $this->reloadOrder( $order )->is_paid() );
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

	private function embedded_checkout( string $total ): array {
		update_option( 'woocommerce_iotpay_card_settings', array( 'enabled' => 'yes', 'mode' => 'embedded', 'saved_cards' => 'yes' ) );
		\WC_Payment_Gateways::reset_instance();
		$order  = $this->card_order( $total );
		$result = $this->checkout( $order );
		$this->assertSame( 'success', $result['result'] );
		$this->assertStringContainsString( '/checkout/order-pay/' . $order->get_id(), $result['redirect'], 'embedded mode: our own payment page' );
		return array( $order, $result['redirect'] );
	}

	/** Waits for card-form.js to say what became of IOTPay's form (mounted / unavailable). */
	private function form_state( WebDriver $wd, float $seconds = 10.0 ): string {
		$deadline = microtime( true ) + $seconds;
		do {
			$state = (string) $wd->execute( 'var b = document.getElementById( "iotpay-wc-card" ); return b ? ( b.getAttribute( "data-form" ) || "" ) : "";' );
			if ( '' !== $state ) {
				return $state;
			}
			usleep( 100_000 );
		} while ( microtime( true ) < $deadline );
		return '';
	}

	private function type_card( WebDriver $wd, string $number, string $expiry = '1230', string $cvv = '123' ): void {
		foreach ( array( 'cardNum', 'expiryDate', 'cvv' ) as $name ) {
			$wd->execute( 'document.querySelector( "#iotpay_normal input[name=" + arguments[0] + "]" ).value = "";', array( $name ) );
		}
		$wd->type( '#iotpay_normal input[name=cardNum]', $number );
		$wd->type( '#iotpay_normal input[name=expiryDate]', $expiry );
		$wd->type( '#iotpay_normal input[name=cvv]', $cvv );
	}

	/** @return list<string> pay orders (not refunds) the sandbox holds for this order's attempts */
	private function sandbox_payments( \WC_Order $order ): array {
		$ids = array();
		foreach ( \IotPay\WooCommerce\Payment\Attempts::for_order( $order->get_id() ) as $a ) {
			if ( '' !== (string) $a->pay_order_id ) {
				$ids[] = (string) $a->pay_order_id;
			}
		}
		return $ids;
	}

	public function test_a_card_typed_into_the_embedded_form_pays_the_order_once(): void {
		list( $order, $page ) = $this->embedded_checkout( '16.00' );
		$wd                   = new WebDriver();
		try {
			$wd->resize( 1000, 1000 );
			$wd->open( $page );
			$this->assertSame( 'mounted', $this->form_state( $wd ), 'the sandbox serves its stand-in iotpaycc.js from the card API host' );
			$this->assertSame( 32, strlen( (string) $wd->execute( 'return document.querySelector( "#iotpay_normal form" ).getAttribute( "data-secure-id" );' ) ) );
			// A number that fails the Luhn check: the form says so and nothing is decided.
			$this->type_card( $wd, '4242 4242 4242 4241' );
			$wd->click( '#iotpay_normal button[type=submit]' );
			usleep( 800_000 );
			$this->assertStringContainsString( 'cardNum', $wd->text( '#iotpay_normal .iotpay-sandbox-cc__error' ) );
			$this->assertSame( 'mounted', $this->form_state( $wd ) );
			$this->assertFalse( $this->reloadOrder( $order )->is_paid() );
			$this->type_card( $wd, '4242 4242 4242 4242' );
			$wd->type( '#iotpay_normal input[name=holder]', 'Jane Doe' );
			$wd->screenshot( "$this->artifacts/plugin-card-embedded-form.png" );
			$wd->click( '#iotpay_normal button[type=submit]' );
			$landed = $wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/checkout/order-received/' ), 20 );
			$this->assertStringContainsString( '/checkout/order-received/' . $order->get_id(), $landed );
			usleep( 300_000 );
			$wd->screenshot( "$this->artifacts/plugin-card-embedded-paid.png" );
			$this->assertStringContainsString( 'Thank you. Your order has been received.', $wd->text( 'main' ) );
		} finally {
			$wd->quit();
		}
		$paid = $this->wait_paid( $order );
		$this->assertTrue( $paid->is_paid() );
		$this->assertCount( 1, $this->payment_notes( $paid ), 'paid once' );
		$payments = $this->sandbox_payments( $order );
		$this->assertCount( 1, $payments, 'one purchase at IOTPay' );
		$at_iotpay = $this->sandbox_order( $payments[0] );
		$this->assertContains( (int) $at_iotpay['status'], array( 2, 3 ) );
		$this->assertSame( '424242******4242', $at_iotpay['card']['cardNum'] ?? null, 'the card typed into the form, masked' );
	}

	public function test_a_declined_card_in_the_embedded_form_says_so_and_offers_a_new_try(): void {
		list( $order, $page ) = $this->embedded_checkout( '18.00' );
		$wd                   = new WebDriver();
		try {
			$wd->resize( 1000, 1000 );
			$wd->open( $page );
			$this->assertSame( 'mounted', $this->form_state( $wd ) );
			$this->type_card( $wd, '4000 0000 0000 0002' );
			$wd->click( '#iotpay_normal button[type=submit]' );
			usleep( 500_000 );
			$this->assertSame( 'declined', $this->form_state( $wd ) );
			$this->assertStringContainsString( 'Your card was not accepted.', $wd->text( '.iotpay-wc-card__message' ) );
			$wd->screenshot( "$this->artifacts/plugin-card-embedded-declined-form.png" );
			$landed = $wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/checkout/order-received/' ), 20 );
			$this->assertStringContainsString( '/checkout/order-received/' . $order->get_id(), $landed );
			usleep( 300_000 );
			$wd->screenshot( "$this->artifacts/plugin-card-embedded-declined.png" );
			$this->assertStringContainsString( 'Your card was declined and nothing was charged.', $wd->text( 'main' ) );
			// The new try is a new purchase with a new form.
			$wd->click( '.iotpay-wc-return a.button' );
			$wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/checkout/order-pay/' ), 10 );
		} finally {
			$wd->quit();
		}
		$this->assertFalse( $this->reloadOrder( $order )->is_paid() );
		$this->assertSame( 9, (int) $this->sandbox_order( $this->sandbox_payments( $order )[0] )['status'] );
	}

	public function test_the_embedded_page_offers_iotpays_page_when_its_form_is_not_available(): void {
		list( $order, $page ) = $this->embedded_checkout( '16.00' );
		$wd                   = new WebDriver();
		try {
			$wd->resize( 1000, 900 );
			// IOTPay's script host unreachable (blocked, down, or a script blocker).
			$wd->blockUrls( array( '*/cc/iotpaycc.js' ) );
			$wd->open( $page );
			$this->assertSame( 'unavailable', $this->form_state( $wd ) );
			$wd->screenshot( "$this->artifacts/plugin-card-embedded.png" );
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

	/**
	 * Issue 19 §3: UnionPay ExpressPay is offered as its own method: the
	 * purchase goes to IOTPay on channel UPI_EX, is paid on IOTPay's page,
	 * and a refund from the order goes back through the card API (a void, the
	 * payment being today's: D31).
	 */
	public function test_unionpay_card_checkout_paid_then_refunded(): void {
		update_option( 'woocommerce_iotpay_upi_card_settings', array( 'enabled' => 'yes', 'mode' => 'redirect' ) );
		\WC_Payment_Gateways::reset_instance();
		$this->assertArrayHasKey( 'iotpay_upi_card', WC()->payment_gateways()->get_available_payment_gateways() );
		$this->assertFalse( $this->gateway( 'iotpay_upi_card' )->supports( 'tokenization' ), 'no saved UnionPay cards (D37)' );
		$order  = $this->createOrder( array( 'payment_method' => 'iotpay_upi_card', 'total' => '31.00', 'currency' => 'CAD' ) );
		$result = $this->checkout( $order );
		$this->assertSame( 'success', $result['result'] );
		$wd = new WebDriver();
		try {
			$wd->resize( 1000, 900 );
			$wd->open( $result['redirect'] );
			$this->assertStringContainsString( 'UPI_EX', $wd->text( 'body' ), 'IOTPay was asked for UnionPay ExpressPay' );
			$wd->screenshot( "$this->artifacts/plugin-card-upi-hosted-page.png" );
			$wd->click( 'button[value="pay"]' );
			$landed = $wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/checkout/order-received/' ), 20 );
			$this->assertStringContainsString( '/checkout/order-received/' . $order->get_id(), $landed );
		} finally {
			$wd->quit();
		}
		$paid = $this->wait_paid( $order );
		$this->assertTrue( $paid->is_paid() );
		$this->assertSame( 'UPI_EX', $this->attempt( $order )->channel );
		$refund = wc_create_refund( array( 'order_id' => $order->get_id(), 'amount' => '31.00', 'reason' => 'UPI test', 'refund_payment' => true ) );
		$this->assertInstanceOf( \WC_Order_Refund::class, $refund, is_wp_error( $refund ) ? $refund->get_error_message() : '' );
		$rows = \IotPay\WooCommerce\Refund\Refunds::for_order( $order->get_id() );
		$this->assertCount( 1, $rows );
		$this->assertSame( \IotPay\WooCommerce\Refund\Refund::DONE, $rows[0]->state );
		$this->assertTrue( $rows[0]->is_void(), 'the whole of today\'s payment: voided' );
		$this->assertSame( 3100, (int) round( (float) $this->reloadOrder( $order )->get_total_refunded() * 100 ) );
	}

	/**
	 * Issue 19 §2: with a saved card chosen, the card method does not say the
	 * card will be entered on IOTPay's page; choosing "Use a new payment
	 * method" brings that text back.
	 */
	public function test_the_description_fits_a_saved_card_or_a_new_one(): void {
		$user  = $this->createUser( 'customer' );
		$token = new \WC_Payment_Token_CC();
		$token->set_token( 'TC' . $user . '-0a1b2c3d' );
		$token->set_gateway_id( 'iotpay_card' );
		$token->set_user_id( $user );
		$token->set_last4( '4242' );
		$token->set_expiry_month( '12' );
		$token->set_expiry_year( '2030' );
		$token->set_card_type( 'visa' );
		$token->set_default( true );
		$token->save();
		$order = $this->card_order( '11.00', $user );
		$wd    = new WebDriver();
		try {
			$wd->resize( 1000, 1000 );
			$wd->open( $this->shop . '/' );
			$pair = explode( '=', $this->authCookieHeader( $user ), 2 );
			$wd->addCookie( $pair[0], rawurldecode( $pair[1] ) );
			$wd->open( $order->get_checkout_payment_url() );
			$visible = 'var el = document.querySelector( arguments[0] ); return !! el && el.offsetParent !== null;';
			$this->assertTrue( $wd->execute( $visible, array( '.payment_method_iotpay_card .iotpay-wc-card-saved' ) ), 'the saved card says what happens' );
			$this->assertFalse( $wd->execute( $visible, array( '.payment_method_iotpay_card .iotpay-wc-card-new' ) ), 'no "enter your card on IOTPay\'s page" with a saved card' );
			$wd->screenshot( "$this->artifacts/plugin-card-saved-description.png" );
			$wd->click( '#wc-iotpay_card-payment-token-new' );
			$this->assertTrue( $wd->execute( $visible, array( '.payment_method_iotpay_card .iotpay-wc-card-new' ) ) );
			$this->assertStringContainsString( 'secure payment page', $wd->text( '.payment_method_iotpay_card .iotpay-wc-card-new' ) );
			$this->assertFalse( $wd->execute( $visible, array( '.payment_method_iotpay_card .iotpay-wc-card-saved' ) ) );
		} finally {
			$wd->quit();
		}
	}
}
