<?php
/**
 * The "Credit card (IOTPay)" gateway (Credit Card API V3) against the real
 * sandbox and the shop's real multi-worker server: IOTPay's hosted page and
 * its embedded form, saved cards (WooCommerce tokens: added at checkout or in
 * My Account, charged with cc_purchasewithtoken, deleted), refunds and voids
 * through the refund state machine, JSON card notifications through the one
 * completion path, the Checkout Block integration.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\Sandbox;
use IotPay\WooCommerce\Blocks\PaymentMethod;
use IotPay\WooCommerce\Checkout\CardAccount;
use IotPay\WooCommerce\Checkout\CardPage;
use IotPay\WooCommerce\Notify\Health;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Protocol;
use IotPay\WooCommerce\Refund\Refund;
use IotPay\WooCommerce\Refund\Refunds;

final class CardGatewayTest extends PluginTestCase {

	private const ID = 'iotpay_card';

	protected function setUp(): void {
		parent::setUp();
		$this->enable_card();
	}

	protected function tearDown(): void {
		remove_all_filters( 'iotpay_wc_card_void_applies' );
		remove_all_filters( 'iotpay_wc_refund_grace_seconds' );
		parent::tearDown();
	}

	/** @param array<string, string> $over */
	private function enable_card( array $over = array() ): void {
		update_option( 'woocommerce_iotpay_card_settings', $over + array( 'enabled' => 'yes', 'mode' => 'redirect', 'saved_cards' => 'yes' ) );
		\WC_Payment_Gateways::reset_instance();
	}

	private function customer(): int {
		$user = $this->createUser( 'customer' );
		wp_set_current_user( $user );
		return $user;
	}

	private function card_order( string $total = '12.34', int $customer = 0, ?int $product = null ): \WC_Order {
		$args = array(
			'payment_method' => self::ID,
			'total'          => $total,
			'currency'       => 'CAD',
			'customer_id'    => $customer,
		);
		if ( null !== $product ) {
			$args['items'] = array( array( $product, 1 ) );
		}
		return $this->createOrder( $args );
	}

	/** The payOrderId of a hosted purchase: the last part of IOTPay's page address. */
	private function hosted_id( Attempt $a ): string {
		return basename( (string) parse_url( (string) ( $a->pay_data['redirectUrl'] ?? '' ), PHP_URL_PATH ) );
	}

	/** What the customer does on IOTPay's hosted card page: Pay. @return string where the browser goes next */
	private function pay_on_hosted_page( Attempt $a ): string {
		$r = $this->sb->submitPage( (string) $a->pay_data['redirectUrl'] . '/pay' );
		$this->assertSame( 303, $r['status'], 'the hosted page did not take the payment' );
		return (string) $r['location'];
	}

	/** A card notification body signed like IOTPay's (§15.13). @param array<string, string|int> $over */
	private function card_notification_body( Attempt $a, array $over = array(), string $key = Sandbox::KEY ): string {
		$f = $over + array(
			'payOrderId'  => (string) ( $a->pay_order_id ?: $this->hosted_id( $a ) ),
			'mchId'       => Sandbox::MCH_ID,
			'mchOrderNo'  => $a->mch_order_no,
			'currency'    => 'CAD',
			'amount'      => $a->amount,
			'payType'     => 'pay',
			'refundable'  => $a->amount,
			'status'      => 2,
			'paySuccTime' => gmdate( 'Y-m-d H:i:s' ),
			'cardNum'     => '424242******4242',
			'cardType'    => 'V',
			'expiryDate'  => '1230',
			'invoiceNum'  => '832828793487',
			'authNum'     => 'SBX123',
			'transNum'    => '000108583539',
			'channel'     => 'PF_CC',
			'capture'     => 'Y',
		);
		unset( $f['sign'] );
		$f['sign'] = \IotPay\Signer::sign( $f, $key );
		return (string) json_encode( $f );
	}

	/** @return array{status: int, body: string} */
	private function post_card_notification( string $body, string $route = '/wp-json/iotpay/v1/notify/card' ): array {
		$r = $this->httpRequest( 'POST', $this->shop . $route, array( 'Content-Type' => 'application/json;charset=UTF-8' ), $body );
		return array( 'status' => $r['status'], 'body' => trim( $r['body'] ) );
	}

	private function serverLog(): string {
		$url  = (string) self::serverUrl();
		$port = substr( (string) strrchr( $url, ':' ), 1 );
		return (string) @file_get_contents( sys_get_temp_dir() . '/wc-double-server-' . $port . '.log' );
	}

	/** Lets the next page view or poll ask IOTPay again at once (they ask at most every few seconds). */
	private function forget_last_check( \WC_Order $order ): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'UPDATE ' . \IotPay\WooCommerce\Payment\Schema::attempts_table() . ' SET last_checked_at = NULL WHERE order_id = %d', $order->get_id() ) );
	}

	/** @return list<\WC_Payment_Token_CC> */
	private function tokens( int $user ): array {
		return array_values( \WC_Payment_Tokens::get_customer_tokens( $user, self::ID ) );
	}

	/* ---------------------------------------------------------------------
	 * Hosted page (redirect)
	 * ------------------------------------------------------------------ */

	/** @return array<string, array{0: bool}> */
	public static function hpos(): array {
		return array(
			'HPOS on'  => array( true ),
			'HPOS off' => array( false ),
		);
	}

	/** @dataProvider hpos */
	public function test_redirect_checkout_is_paid_once_on_the_hosted_page( bool $hpos ): void {
		$this->setHposEnabled( $hpos );
		$product = $this->createProduct( '25.99', 10 );
		$order   = $this->card_order( '25.99', 0, $product );
		$result  = $this->checkout( $order );
		$this->assertSame( 'success', $result['result'] );
		$attempt = $this->attempt( $order );
		$this->assertSame( Protocol::V3, $attempt->family );
		$this->assertSame( 'PF_CC', $attempt->channel );
		$this->assertSame( Attempt::OPEN, $attempt->state );
		$this->assertSame( 2599, $attempt->amount );
		$this->assertSame( $attempt->pay_data['redirectUrl'], $result['redirect'], 'not sent to IOTPay\'s hosted page' );
		$this->assertStringStartsWith( $this->sb->http . '/pay/PC', $result['redirect'] );

		$back = $this->pay_on_hosted_page( $attempt );
		$this->assertStringStartsWith( $order->get_checkout_order_received_url(), $back, 'IOTPay does not send the customer back to the thank-you page' );
		$paid = $this->wait_paid( $order );
		$this->assertTrue( $paid->is_paid(), 'not paid; server log: ' . $this->serverLog() );
		$this->assertSame( 'processing', $paid->get_status() );
		$this->assertSame( $this->hosted_id( $attempt ), $paid->get_transaction_id() );
		$this->assertCount( 1, $this->payment_notes( $paid ) );
		$this->assertSame( 1, $this->countStockReductions( $order->get_id() ) );
		$this->assertSame( 9, $this->getStock( $product ) );
		$this->assertSame( 'accepted', Health::last()['result'] ?? null );
		// IOTPay's notification was answered SUCCESS (§15.13, D29).
		$notes = $this->sandbox_order( $this->hosted_id( $attempt ) )['notifications'] ?? array();
		$this->assertNotEmpty( $notes );
		$this->assertSame( 'SUCCESS', trim( (string) ( end( $notes )['responseBody'] ?? end( $notes )['body'] ?? '' ) ) );

		// The customer's return (IOTPay adds retCode/status) shows the confirmed order, still paid once.
		$page = $this->httpRequest( 'GET', $back );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'Thank you. Your order has been received.', $page['body'] );
		$this->assertCount( 1, $this->payment_notes( $this->reloadOrder( $order ) ) );
		$this->assertNoHposViolations();
	}

	public function test_the_return_address_is_never_believed_only_iotpay(): void {
		$order   = $this->card_order( '10.00' );
		$result  = $this->checkout( $order );
		$attempt = $this->attempt( $order );
		// A forged return: "SUCCESS, status 2" — IOTPay says the purchase is not paid.
		$page = $this->httpRequest( 'GET', add_query_arg( array( 'retCode' => 'SUCCESS', 'status' => '2', 'mchOrderNo' => $attempt->mch_order_no ), $order->get_checkout_order_received_url() ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( 'We are waiting for IOTPay to confirm your payment', $page['body'] );
		$fresh = $this->reloadOrder( $order );
		$this->assertFalse( $fresh->is_paid() );
		$this->assertSame( 'pending', $fresh->get_status() );
		// Paid at IOTPay, its notification lost: the same page asks IOTPay (cc_query) and confirms.
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->pay_on_hosted_page( $attempt );
		$this->forget_last_check( $order );
		$page = $this->httpRequest( 'GET', $order->get_checkout_order_received_url() );
		$this->assertStringContainsString( 'Your payment has been confirmed', $page['body'] );
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
		$this->assertCount( 1, $this->payment_notes( $this->reloadOrder( $order ) ) );
		$this->assertStringContainsString( 'via return', implode( "\n", $this->payment_notes( $this->reloadOrder( $order ) ) ) );
		$this->assertNotSame( '', $result['redirect'] );
	}

	/* ---------------------------------------------------------------------
	 * Embedded form
	 * ------------------------------------------------------------------ */

	public function test_embedded_mode_renders_iotpays_form_with_the_secure_id(): void {
		$this->enable_card( array( 'mode' => 'embedded' ) );
		$order  = $this->card_order( '33.00' );
		$result = $this->checkout( $order );
		$this->assertSame( 'success', $result['result'] );
		$this->assertSame( $order->get_checkout_payment_url( true ), $result['redirect'], 'embedded mode stays on the shop\'s payment page' );
		$attempt = $this->attempt( $order );
		$secure  = (string) ( $attempt->pay_data['secureId'] ?? '' );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{32}$/', $secure, 'no secureId kept from cc_purchase' );

		// The page the customer sees (served by the shop): IOTPay's form mounted in #iotpay_normal.
		$page = $this->httpRequest( 'GET', $result['redirect'] );
		$this->assertSame( 200, $page['status'] );
		$html = $page['body'];
		$this->assertMatchesRegularExpression( '#<div id="iotpay_normal" class="iotpay-wc-card__form" data-secure-id="' . $secure . '"></div>#', $html );
		// Real WordPress 6.1 prints script tags with single quotes and type='text/javascript' (the theme declares no
		// html5 'script' support); the WordPress half of the old double printed <script src="…" id="…">.
		$this->assertStringContainsString( "<script type='text/javascript' src='" . $this->sb->http . "/cc/iotpaycc.js' id='iotpay-wc-iotpaycc-js'></script>", $html, 'IOTPay\'s script is loaded from the card API\'s host' );
		$this->assertStringContainsString( '"secureId":"' . $secure . '"', $html );
		$this->assertMatchesRegularExpression( "#assets/js/card-form\\.js\\?ver=[^']+' id='iotpay-wc-card-form-js'#", $html );
		$this->assertLessThan( strpos( $html, 'card-form.js' ), strpos( $html, 'iotpaycc.js' ), 'IOTPay\'s script must come first' );
		$this->assertStringContainsString( '33.00 CAD', $html );
		// The way out when IOTPay's script is not there: the hosted page of the same purchase.
		$this->assertStringContainsString( 'href="' . esc_url( (string) $attempt->pay_data['redirectUrl'] ) . '"', $html );
		$this->assertStringNotContainsString( 'cardNum', $html );
		$this->assertStringNotContainsString( 'name="cvv"', $html );

		// Viewing the page again reuses the purchase (one IOTPay transaction per visit would be wrong).
		$this->httpRequest( 'GET', $result['redirect'] );
		$this->assertCount( 1, Attempts::for_order( $order->get_id() ) );

		// Production: IOTPay's own host.
		$this->configure( array( 'cc_base_url' => '' ) );
		$this->assertSame( CardPage::IOTPAY_SCRIPT_URL, CardPage::iotpay_script_url() );
		$this->assertSame( 'https://ccapi.iotpaycloud.com/cc/iotpaycc.js', CardPage::iotpay_script_url() );
	}

	public function test_the_embedded_payment_completes_through_the_notification(): void {
		$this->enable_card( array( 'mode' => 'embedded' ) );
		$order   = $this->card_order( '18.00' );
		$this->checkout( $order );
		$attempt = $this->attempt( $order );
		// IOTPay's form takes the card (the sandbox's page stands in for it) and notifies the shop.
		$this->pay_on_hosted_page( $attempt );
		$paid = $this->wait_paid( $order );
		$this->assertTrue( $paid->is_paid() );
		$this->assertCount( 1, $this->payment_notes( $paid ) );
		ob_start();
		CardPage::render( $order->get_id() );
		$this->assertStringContainsString( 'Payment received', (string) ob_get_clean() );
	}

	/* ---------------------------------------------------------------------
	 * Saved cards
	 * ------------------------------------------------------------------ */

	/**
	 * What the customer does on IOTPay's add-card page: enter a card, submit.
	 *
	 * @return string where the browser goes next (the shop's return address)
	 */
	private function add_card_on_iotpay_page( string $page, string $number = '4242424242424242', string $expiry = '1230' ): string {
		$this->assertMatchesRegularExpression( '#^' . preg_quote( $this->sb->http, '#' ) . '/card/[0-9a-f]{32}$#', $page, 'not IOTPay\'s add-card page' );
		$r = $this->sb->submitPage( $page . '/add', array( 'cardNum' => $number, 'expiryDate' => $expiry, 'holder' => 'Jane Doe', 'cvv' => '123' ) );
		$this->assertSame( 303, $r['status'] );
		return (string) $r['location'];
	}

	/** Follows the shop's return address like the browser; @return string where the shop sends the customer */
	private function follow_return( string $url, array $headers = array() ): string {
		$this->assertStringContainsString( '/wc-api/iotpay_card/', $url );
		$r = $this->httpRequest( 'GET', $url, $headers );
		$this->assertSame( 302, $r['status'], 'the return did not redirect: ' . $r['body'] . $this->serverLog() );
		$location = $r['headers']['location'] ?? $r['headers']['Location'] ?? '';
		return is_array( $location ) ? (string) end( $location ) : (string) $location;
	}

	/** A customer's card saved through IOTPay's page at checkout, the order charged with it. @return array{0: int, 1: \WC_Payment_Token_CC, 2: \WC_Order} */
	private function save_card_at_checkout( string $total = '40.00' ): array {
		$user  = $this->customer();
		$order = $this->card_order( $total, $user );
		$_POST = array( 'wc-' . self::ID . '-payment-token' => 'new', 'wc-' . self::ID . '-new-payment-method' => 'true' );
		$result = $this->checkout( $order );
		$_POST  = array();
		$this->assertSame( 'success', $result['result'] );
		$this->assertSame( array(), Attempts::for_order( $order->get_id() ), 'nothing is charged before the card is saved' );
		$back = $this->add_card_on_iotpay_page( $result['redirect'] );
		$this->assertStringContainsString( 'retCode=SUCCESS', $back );
		$next = $this->follow_return( $back );
		$this->assertSame( $order->get_checkout_order_received_url(), $next );
		$tokens = $this->tokens( $user );
		$this->assertCount( 1, $tokens );
		return array( $user, $tokens[0], $this->reloadOrder( $order ) );
	}

	public function test_save_card_at_checkout_then_pay_with_it_then_refund(): void {
		[ $user, $token, $order ] = $this->save_card_at_checkout( '40.00' );
		// The WooCommerce token: IOTPay's cardId, masked card data only.
		$this->assertStringContainsString( 'C' . $user . '-', $token->get_token() );
		$this->assertLessThanOrEqual( 30, strlen( $token->get_token() ) );
		$this->assertSame( '4242', $token->get_last4() );
		$this->assertSame( '12', $token->get_expiry_month() );
		$this->assertSame( '2030', $token->get_expiry_year() );
		$this->assertSame( 'visa', $token->get_card_type() );
		$this->assertSame( self::ID, $token->get_gateway_id() );
		$this->assertTrue( $token->is_default() );
		$this->assertSame( 'Visa ending in 4242 (expires 12/30)', $token->get_display_name() );
		global $wpdb;
		$this->assertSame( '0', $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->prefix}woocommerce_payment_tokenmeta WHERE meta_value LIKE '%4242424242424242%'" ), 'a full card number was stored' );
		// The order was charged with the new card, once.
		$this->assertTrue( $order->is_paid() );
		$a = $this->attempt( $order );
		$this->assertSame( Attempt::PAID, $a->state );
		$this->assertSame( $token->get_token(), $a->pay_data['cardId'] ?? '' );
		$this->assertCount( 1, $this->payment_notes( $order ) );
		$this->assertStringContainsString( 'via token', implode( "\n", $this->payment_notes( $order ) ) );
		$this->assertSame( '', (string) $order->get_meta( '_iotpay_card_setup' ) );

		// A second order paid with the saved card: IOTPay answers at once, the order is paid before the redirect.
		$second = $this->card_order( '15.50', $user );
		$_POST  = array( 'wc-' . self::ID . '-payment-token' => (string) $token->get_id() );
		$result = $this->checkout( $second );
		$_POST  = array();
		$this->assertSame( 'success', $result['result'] );
		$this->assertSame( $second->get_checkout_order_received_url(), $result['redirect'] );
		$paid = $this->reloadOrder( $second );
		$this->assertTrue( $paid->is_paid() );
		$this->assertSame( 'processing', $paid->get_status() );
		$charge = $this->attempt( $second );
		$this->assertSame( Protocol::V3, $charge->family );
		$this->assertSame( 1550, $charge->amount );
		$this->assertStringStartsWith( 'PC', (string) $charge->pay_order_id );
		$this->assertSame( $charge->pay_order_id, $paid->get_transaction_id() );
		// IOTPay's notification of the same charge changes nothing.
		$this->assertSame( 'SUCCESS', $this->post_card_notification( $this->card_notification_body( $charge ) )['body'] );
		$this->assertCount( 1, $this->payment_notes( $this->reloadOrder( $second ) ) );

		// Refund part of it from the order screen's path: cc_refund with a stable number.
		$this->setCurrentUserRole( 'administrator' );
		add_filter( 'iotpay_wc_card_void_applies', '__return_false' );
		$refund = wc_create_refund( array( 'order_id' => $second->get_id(), 'amount' => '5.50', 'reason' => 'one item back', 'refund_payment' => true ) );
		$this->assertInstanceOf( \WC_Order_Refund::class, $refund );
		$rows = Refunds::for_order( $second->get_id() );
		$this->assertCount( 1, $rows );
		$this->assertSame( Protocol::V3, $rows[0]->family );
		$this->assertSame( Refund::REFUND, $rows[0]->method );
		$this->assertSame( Refund::DONE, $rows[0]->state );
		$this->assertStringStartsWith( 'RP', (string) $rows[0]->refund_order_id );
		$this->assertSame( $refund->get_id(), $rows[0]->wc_refund_id );
		$at = $this->sandbox_order( (string) $charge->pay_order_id );
		$this->assertSame( 550, $at['refundedAmount'] );
		$this->assertSame( 'cc_refund', $at['refunds'][0]['endpoint'] ?? null );
		$this->assertSame( $rows[0]->mch_refund_no, $at['refunds'][0]['mchOrderNo'] ?? null );
	}

	public function test_a_declined_saved_card_is_reported_and_nothing_is_paid(): void {
		[ $user, $token ] = $this->save_card_at_checkout();
		$order = $this->card_order( '20.00', $user );
		$this->sb->setFaults( array( 'endpoint' => 'cc_purchasewithtoken', 'cc_status' => 9, 'once' => true ) );
		$_POST  = array( 'wc-' . self::ID . '-payment-token' => (string) $token->get_id() );
		$result = $this->checkout( $order );
		$_POST  = array();
		$this->assertSame( 'failure', $result['result'] );
		$this->assertTrue( wc_has_notice( 'Your card was declined and nothing was charged. Please check the card details, use another card, or choose another payment method.', 'error' ) );
		$this->assertSame( Attempt::FAILED, $this->attempt( $order )->state );
		$fresh = $this->reloadOrder( $order );
		$this->assertFalse( $fresh->is_paid() );
		$this->assertNotEmpty( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( $n ) => str_contains( $n, 'was declined' ) ) );
		$this->assertEmpty( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( $n ) => str_contains( $n, 'refused at checkout' ) ), 'the decline noted twice' );
		// The customer pays again with the same card: a new attempt, paid.
		wc_clear_notices();
		$_POST  = array( 'wc-' . self::ID . '-payment-token' => (string) $token->get_id() );
		$result = $this->checkout( $order );
		$_POST  = array();
		$this->assertSame( 'success', $result['result'] );
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
		$this->assertCount( 2, Attempts::for_order( $order->get_id() ) );
	}

	public function test_a_lost_charge_answer_is_asked_about_and_never_charged_twice(): void {
		[ $user, $token ] = $this->save_card_at_checkout();
		$order = $this->card_order( '21.00', $user );
		// IOTPay charges the card but its answer never arrives; the query right after says "pending".
		$this->sb->setFaults( array( 'endpoint' => 'cc_purchasewithtoken', 'cc_status' => 0, 'once' => true ) );
		$_POST  = array( 'wc-' . self::ID . '-payment-token' => (string) $token->get_id() );
		$result = $this->checkout( $order );
		$this->assertSame( 'success', $result['result'] );
		$first = $this->attempt( $order );
		$this->assertSame( Attempt::OPEN, $first->state, 'a pending charge stays open under reconciliation' );
		$this->assertFalse( $this->reloadOrder( $order )->is_paid() );
		// Trying again while it is open does not charge the card a second time.
		$result = $this->checkout( $order );
		$this->assertSame( 'failure', $result['result'] );
		$this->assertTrue( wc_has_notice( 'We are still waiting for the result of your previous card payment for this order, so your card was not charged again. Please check your email or try again in a few minutes.', 'error' ) );
		$this->assertCount( 1, Attempts::for_order( $order->get_id() ) );
		$_POST = array();
		// IOTPay settles it; reconciliation finds it (cc_query) and completes the order once.
		$this->sb->pay( (string) $first->pay_order_id );
		$this->advanceTime( 120 );
		$this->runScheduledActions();
		$paid = $this->wait_paid( $order );
		$this->assertTrue( $paid->is_paid() );
		$this->assertCount( 1, $this->payment_notes( $paid ) );
	}

	public function test_another_customers_card_cannot_be_used(): void {
		[ , $token ] = $this->save_card_at_checkout();
		$other = $this->customer();
		$order = $this->card_order( '9.00', $other );
		$_POST  = array( 'wc-' . self::ID . '-payment-token' => (string) $token->get_id() );
		$result = $this->checkout( $order );
		$_POST  = array();
		$this->assertSame( 'failure', $result['result'] );
		$this->assertTrue( wc_has_notice( 'This saved card cannot be used. Please choose another card or enter a new one.', 'error' ) );
		$this->assertSame( array(), Attempts::for_order( $order->get_id() ) );
	}

	public function test_a_card_not_added_on_iotpays_page_is_not_saved_and_nothing_is_charged(): void {
		$user   = $this->customer();
		$order  = $this->card_order( '12.00', $user );
		$_POST  = array( 'wc-' . self::ID . '-new-payment-method' => 'true' );
		$result = $this->checkout( $order );
		$_POST  = array();
		// The customer comes back without adding a card — even with a forged "SUCCESS".
		$back = add_query_arg( array( 'context' => 'order', 'order_id' => $order->get_id(), 'key' => $order->get_order_key(), 'retCode' => 'SUCCESS' ), WC()->api_request_url( 'iotpay_card' ) );
		$next = $this->follow_return( $back );
		$this->assertSame( $order->get_checkout_payment_url(), $next );
		$this->assertSame( array(), $this->tokens( $user ) );
		$this->assertSame( array(), Attempts::for_order( $order->get_id() ) );
		$this->assertFalse( $this->reloadOrder( $order )->is_paid() );
		$this->assertStringStartsWith( $this->sb->http . '/card/', $result['redirect'] );
		// A wrong order key is not let in.
		$this->assertSame( wc_get_page_permalink( 'checkout' ), $this->follow_return( add_query_arg( array( 'context' => 'order', 'order_id' => $order->get_id(), 'key' => 'wc_order_wrong' ), WC()->api_request_url( 'iotpay_card' ) ) ) );
	}

	public function test_checkout_shows_saved_cards_and_the_save_option(): void {
		[ $user, $token ] = $this->save_card_at_checkout();
		$order = $this->card_order( '5.00', $user );
		$page  = $this->httpRequest( 'GET', add_query_arg( 'pay_for_order', 'true', $order->get_checkout_payment_url() ), array( 'Cookie' => $this->authCookieHeader( $user ) ) );
		$html  = $page['body'];
		$this->assertStringContainsString( 'name="wc-iotpay_card-payment-token" value="' . $token->get_id() . '"', $html );
		$this->assertStringContainsString( 'Visa ending in 4242 (expires 12/30)', $html );
		$this->assertStringContainsString( 'id="wc-iotpay_card-payment-token-new" type="radio" name="wc-iotpay_card-payment-token" value="new"', $html );
		$this->assertStringContainsString( 'name="wc-iotpay_card-new-payment-method" type="checkbox" value="true"', $html );
		// The description is printed through wptexturize(), as WooCommerce does: real WordPress curls the apostrophe
		// (the old double's wptexturize() left it straight).
		$this->assertStringContainsString( 'You will enter your card on IOTPay&#8217;s secure payment page.', $html );
		// A guest sees neither.
		$guest = $this->httpRequest( 'GET', add_query_arg( 'pay_for_order', 'true', $order->get_checkout_payment_url() ) )['body'];
		$this->assertStringNotContainsString( 'wc-iotpay_card-payment-token', $guest );
		// Saving cards switched off: no tokenization at all.
		$this->enable_card( array( 'saved_cards' => 'no' ) );
		$this->assertFalse( $this->gateway( self::ID )->supports( 'tokenization' ) );
		$this->assertFalse( $this->gateway( self::ID )->supports( 'add_payment_method' ) );
		$this->assertTrue( $this->gateway( self::ID )->supports( 'refunds' ) );
	}

	/* ---------------------------------------------------------------------
	 * My Account → Payment methods
	 * ------------------------------------------------------------------ */

	/** @return array{status: int, body: string, location: string} */
	private function account_request( string $method, string $url, int $user, array $form = array() ): array {
		$headers = array( 'Cookie' => $this->authCookieHeader( $user ) );
		$body    = null;
		if ( $form ) {
			$headers['Content-Type'] = 'application/x-www-form-urlencoded';
			$body                    = http_build_query( $form );
		}
		$r        = $this->httpRequest( $method, $url, $headers, $body );
		$location = $r['headers']['location'] ?? $r['headers']['Location'] ?? '';
		return array( 'status' => $r['status'], 'body' => $r['body'], 'location' => is_array( $location ) ? (string) end( $location ) : (string) $location );
	}

	public function test_add_list_and_delete_a_card_in_my_account(): void {
		$user = $this->createUser( 'customer' );
		$base = $this->shop . '/my-account/';
		// The add form lists the card method (it supports add_payment_method) with WooCommerce's nonce.
		$form = $this->account_request( 'GET', $base . 'add-payment-method/', $user );
		$this->assertSame( 200, $form['status'] );
		$this->assertStringContainsString( 'name="payment_method" value="iotpay_card"', $form['body'] );
		$this->assertStringNotContainsString( 'value="iotpay_wechat"', $form['body'], 'wallets cannot be saved' );
		$this->assertStringContainsString( 'You will be taken to IOTPay', $form['body'] );
		$this->assertMatchesRegularExpression( '/name="woocommerce-add-payment-method-nonce" value="([0-9a-f]{10})"/', $form['body'] );
		preg_match( '/name="woocommerce-add-payment-method-nonce" value="([0-9a-f]{10})"/', $form['body'], $m );
		$post = array(
			'payment_method'                      => 'iotpay_card',
			'woocommerce-add-payment-method-nonce' => $m[1],
			'woocommerce_add_payment_method'      => '1',
		);
		// Submitted: off to IOTPay's add-card page.
		$sent = $this->account_request( 'POST', $base . 'add-payment-method/', $user, $post );
		$this->assertSame( 302, $sent['status'], $sent['body'] . $this->serverLog() );
		$back = $this->add_card_on_iotpay_page( $sent['location'], '5555555555554444', '0731' );
		$this->assertStringContainsString( 'context=account', $back );
		$done = $this->account_request( 'GET', $back, $user );
		$this->assertSame( 302, $done['status'] );
		$this->assertSame( $base . 'payment-methods/', $done['location'] );
		$tokens = $this->tokens( $user );
		$this->assertCount( 1, $tokens );
		$this->assertSame( '4444', $tokens[0]->get_last4() );
		$this->assertSame( 'mastercard', $tokens[0]->get_card_type() );
		$this->assertSame( '07', $tokens[0]->get_expiry_month() );
		$this->assertSame( '2031', $tokens[0]->get_expiry_year() );
		$this->assertSame( '', (string) get_user_meta( $user, '_iotpay_card_setup', true ) );
		// Coming back again (a reload) saves nothing more.
		$this->account_request( 'GET', $back, $user );
		$this->assertCount( 1, $this->tokens( $user ) );

		// Listed on the Payment methods page, with WooCommerce's delete link.
		$list = $this->account_request( 'GET', $base . 'payment-methods/', $user );
		$this->assertSame( 200, $list['status'] );
		$this->assertStringContainsString( 'MasterCard ending in 4444', $list['body'] );
		$this->assertStringContainsString( '07/31', $list['body'] );
		$this->assertMatchesRegularExpression( '#href="([^"]*/my-account/delete-payment-method/' . $tokens[0]->get_id() . '/[^"]*)" class="button delete"#', $list['body'] );
		preg_match( '#href="([^"]*/my-account/delete-payment-method/' . $tokens[0]->get_id() . '/[^"]*)" class="button delete"#', $list['body'], $d );
		$delete = html_entity_decode( $d[1] );
		// Another customer cannot delete it.
		$other = $this->createUser( 'customer' );
		$this->account_request( 'GET', $delete, $other );
		$this->assertCount( 1, $this->tokens( $user ) );
		// Its owner can.
		$gone = $this->account_request( 'GET', $delete, $user );
		$this->assertSame( 302, $gone['status'] );
		$this->assertSame( array(), $this->tokens( $user ) );
		$this->assertStringContainsString( 'No saved methods found.', $this->account_request( 'GET', $base . 'payment-methods/', $user )['body'] );
	}

	public function test_a_card_refused_on_iotpays_add_page_is_not_saved(): void {
		$user  = $this->customer();
		$this->advanceTime( 60 );
		$page  = \IotPay\WooCommerce\Checkout\CardSetup::start_for_account( $user );
		$back  = $this->add_card_on_iotpay_page( $page, '4242424242424241' ); // Fails the Luhn check on IOTPay's page.
		$this->assertStringContainsString( 'retCode=FAIL', $back );
		$done = $this->account_request( 'GET', $back, $user );
		$this->assertSame( $this->shop . '/my-account/payment-methods/', $done['location'] );
		$this->assertSame( array(), $this->tokens( $user ) );
		$this->assertSame( '', (string) get_user_meta( $user, '_iotpay_card_setup', true ), 'a card IOTPay does not have is forgotten' );
	}

	/* ---------------------------------------------------------------------
	 * Refunds and voids
	 * ------------------------------------------------------------------ */

	/** A card order paid on IOTPay's hosted page. @return array{0: \WC_Order, 1: string} the order and IOTPay's payment id */
	private function paid_card_order( string $total = '30.00' ): array {
		$order = $this->card_order( $total );
		$this->checkout( $order );
		$a = $this->attempt( $order );
		$this->pay_on_hosted_page( $a );
		$order = $this->wait_paid( $order );
		$this->assertTrue( $order->is_paid() );
		$this->setCurrentUserRole( 'administrator' );
		return array( $order, $this->hosted_id( $a ) );
	}

	private function refund( \WC_Order $order, string $amount ) {
		return wc_create_refund( array( 'order_id' => $order->get_id(), 'amount' => $amount, 'reason' => 'test', 'refund_payment' => true ) );
	}

	private function refunded_in_woocommerce( \WC_Order $order ): int {
		wp_cache_flush();
		return \IotPay\Money::toMinor( wc_format_decimal( $this->reloadOrder( $order )->get_total_refunded(), 2 ), 'CAD' );
	}

	public function test_a_full_refund_on_the_day_of_payment_is_a_void(): void {
		[ $order, $pay ] = $this->paid_card_order( '30.00' );
		$refund          = $this->refund( $order, '30.00' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $refund );
		$rows = Refunds::for_order( $order->get_id() );
		$this->assertCount( 1, $rows );
		$this->assertSame( Refund::VOID, $rows[0]->method );
		$this->assertSame( Refund::DONE, $rows[0]->state );
		$at = $this->sandbox_order( $pay );
		$this->assertSame( 3000, $at['refundedAmount'] );
		$this->assertSame( 'cc_void', $at['refunds'][0]['endpoint'] );
		$this->assertSame( 3000, $this->refunded_in_woocommerce( $order ) );
		$this->assertNotEmpty( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( $n ) => str_contains( $n, 'IOTPay voided the card payment of 30.00 CAD' ) ) );
	}

	public function test_a_settled_or_partial_refund_is_a_refund(): void {
		[ $order, $pay ] = $this->paid_card_order( '30.00' );
		// Partial: never a void.
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( $order, '10.00' ) );
		// The rest, the next day (settled): a refund too.
		$fresh = $this->reloadOrder( $order );
		$fresh->set_date_paid( time() - 2 * DAY_IN_SECONDS );
		$fresh->save();
		$this->assertInstanceOf( \WC_Order_Refund::class, $this->refund( $order, '20.00' ) );
		$rows = Refunds::for_order( $order->get_id() );
		$this->assertSame( array( Refund::REFUND, Refund::REFUND ), array_map( static fn ( Refund $r ) => $r->method, $rows ) );
		$this->assertSame( array( Refund::DONE, Refund::DONE ), array_map( static fn ( Refund $r ) => $r->state, $rows ) );
		$this->assertSame( 3000, $this->sandbox_order( $pay )['refundedAmount'] );
		$this->assertSame( 3000, $this->refunded_in_woocommerce( $order ) );
		// Nothing is left to refund.
		$this->assertInstanceOf( \WP_Error::class, $this->refund( $order, '0.01' ) );
	}

	public function test_a_void_iotpay_refuses_falls_back_to_a_refund(): void {
		[ $order, $pay ] = $this->paid_card_order( '30.00' );
		$this->sb->setFaults( array( 'endpoint' => 'cc_void', 'error_code' => '0014', 'once' => true ) );
		$refund = $this->refund( $order, '30.00' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $refund );
		$rows = Refunds::for_order( $order->get_id() );
		$this->assertCount( 2, $rows );
		$this->assertSame( array( Refund::VOID, Refund::FAILED ), array( $rows[0]->method, $rows[0]->state ) );
		$this->assertSame( array( Refund::REFUND, Refund::DONE ), array( $rows[1]->method, $rows[1]->state ) );
		$this->assertNull( $rows[0]->wc_refund_id );
		$this->assertSame( $refund->get_id(), $rows[1]->wc_refund_id, 'the WooCommerce refund stands for the refund, not the refused void' );
		$this->assertNotSame( $rows[0]->mch_refund_no, $rows[1]->mch_refund_no );
		$at = $this->sandbox_order( $pay );
		$this->assertSame( 3000, $at['refundedAmount'] );
		$this->assertCount( 1, $at['refunds'] );
		$this->assertSame( 'cc_refund', $at['refunds'][0]['endpoint'] );
		$this->assertNotEmpty( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( $n ) => str_contains( $n, 'IOTPay did not void the card payment' ) ) );
	}

	public function test_a_paid_card_order_cancelled_before_settlement_is_voided(): void {
		[ $order, $pay ] = $this->paid_card_order( '30.00' );
		$this->reloadOrder( $order )->update_status( 'cancelled', 'customer changed their mind' );
		$fresh = $this->reloadOrder( $order );
		$this->assertSame( 'cancelled', $fresh->get_status(), 'the order stays cancelled' );
		$rows = Refunds::for_order( $order->get_id() );
		$this->assertCount( 1, $rows );
		$this->assertSame( Refund::VOID, $rows[0]->method );
		$this->assertSame( Refund::DONE, $rows[0]->state );
		$this->assertSame( 3000, $this->sandbox_order( $pay )['refundedAmount'] );
		$this->assertSame( 3000, $this->refunded_in_woocommerce( $order ) );
		// Cancelling again (or an unpaid card order) does nothing more.
		$fresh->update_status( 'on-hold' );
		$this->reloadOrder( $order )->update_status( 'cancelled' );
		$this->assertCount( 1, Refunds::for_order( $order->get_id() ) );
		$unpaid = $this->card_order( '5.00' );
		$this->checkout( $unpaid );
		$this->reloadOrder( $unpaid )->update_status( 'cancelled' );
		$this->assertSame( array(), Refunds::for_order( $unpaid->get_id() ) );
	}

	public function test_a_card_order_cancelled_after_settlement_is_not_refunded_automatically(): void {
		[ $order, $pay ] = $this->paid_card_order( '30.00' );
		$fresh = $this->reloadOrder( $order );
		$fresh->set_date_paid( time() - 2 * DAY_IN_SECONDS );
		$fresh->save();
		$this->reloadOrder( $order )->update_status( 'cancelled' );
		$this->assertSame( array(), Refunds::for_order( $order->get_id() ) );
		$this->assertSame( 0, $this->sandbox_order( $pay )['refundedAmount'] );
		$this->assertNotEmpty( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( $n ) => str_contains( $n, 'was not voided' ) ) );
	}

	/** @return array<string, array{0: string, 1: string}> endpoint, amount */
	public static function reversals(): array {
		return array(
			'void'   => array( 'cc_void', '30.00' ),
			'refund' => array( 'cc_refund', '12.00' ),
		);
	}

	/**
	 * IOTPay makes the void/refund but the answer is lost (5xx after
	 * processing): the refund's own number finds it (cc_query), nothing is
	 * sent twice.
	 *
	 * @dataProvider reversals
	 */
	public function test_a_lost_answer_is_found_by_the_refund_number( string $endpoint, string $amount ): void {
		[ $order, $pay ] = $this->paid_card_order( '30.00' );
		$this->sb->setFaults( array( 'endpoint' => $endpoint, 'process_then_5xx_rate' => 1.0, 'once' => true ) );
		$refund = $this->refund( $order, $amount );
		$this->assertInstanceOf( \WC_Order_Refund::class, $refund, is_wp_error( $refund ) ? $refund->get_error_message() : '' );
		$rows = Refunds::for_order( $order->get_id() );
		$this->assertCount( 1, $rows );
		$this->assertSame( Refund::DONE, $rows[0]->state );
		$at = $this->sandbox_order( $pay );
		$this->assertCount( 1, $at['refunds'] );
		$this->assertSame( $endpoint, $at['refunds'][0]['endpoint'] );
		$this->assertSame( \IotPay\Money::toMinor( $amount, 'CAD' ), $at['refundedAmount'] );
		$this->assertSame( $at['refundedAmount'], $this->refunded_in_woocommerce( $order ) );
	}

	/**
	 * No answer and IOTPay has no record yet: the refund stays open under its
	 * number; the admin's retry of the same money reuses that number; IOTPay
	 * refunds once.
	 *
	 * @dataProvider reversals
	 */
	public function test_an_unanswered_reversal_is_retried_under_the_same_number( string $endpoint, string $amount ): void {
		[ $order, $pay ] = $this->paid_card_order( '30.00' );
		$this->sb->setFaults( array( 'endpoint' => $endpoint, 'error_5xx_rate' => 1.0, 'once' => true ) );
		$first = $this->refund( $order, $amount );
		$this->assertInstanceOf( \WP_Error::class, $first );
		$this->assertStringContainsString( 'has not confirmed this refund yet', $first->get_error_message() );
		$rows = Refunds::for_order( $order->get_id() );
		$this->assertCount( 1, $rows );
		$this->assertSame( Refund::UNKNOWN, $rows[0]->state );
		$number = $rows[0]->mch_refund_no;
		$this->assertSame( 0, $this->sandbox_order( $pay )['refundedAmount'] );
		// The admin refunds the same money again: the same number, so at most once.
		$again = $this->refund( $order, $amount );
		$this->assertInstanceOf( \WC_Order_Refund::class, $again );
		$rows = Refunds::for_order( $order->get_id() );
		$this->assertCount( 1, $rows );
		$this->assertSame( $number, $rows[0]->mch_refund_no );
		$this->assertSame( Refund::DONE, $rows[0]->state );
		$at = $this->sandbox_order( $pay );
		$this->assertCount( 1, $at['refunds'] );
		$this->assertSame( $endpoint, $at['refunds'][0]['endpoint'] );
		$this->assertSame( $at['refundedAmount'], $this->refunded_in_woocommerce( $order ) );
	}

	public function test_an_open_refund_is_settled_by_its_notification(): void {
		[ $order, $pay ] = $this->paid_card_order( '30.00' );
		add_filter( 'iotpay_wc_card_void_applies', '__return_false' );
		// Sent, no answer, IOTPay has no record at first: the row stays open.
		$this->sb->setFaults( array( 'endpoint' => 'cc_refund', 'error_5xx_rate' => 1.0, 'once' => true ) );
		$this->assertInstanceOf( \WP_Error::class, $this->refund( $order, '7.00' ) );
		$row = Refunds::for_order( $order->get_id() )[0];
		$this->assertSame( Refund::UNKNOWN, $row->state );
		// IOTPay makes it later (here: by hand) and notifies the refund record: the row is done and WooCommerce records it.
		$client = new \IotPay\Client( $this->sb->config() );
		$client->ccRefund( array( 'mchRefundNo' => $row->mch_refund_no, 'payOrderId' => $pay, 'refundAmount' => 700 ) );
		$record = $client->ccQueryByMchOrderNo( $row->mch_refund_no )->toArray();
		unset( $record['sign'] );
		$record['sign'] = \IotPay\Signer::sign( $record, Sandbox::KEY );
		$r              = $this->post_card_notification( (string) json_encode( $record ) );
		$this->assertSame( array( 'status' => 200, 'body' => 'SUCCESS' ), $r );
		$this->assertSame( Refund::DONE, Refunds::find( $row->id )->state );
		$this->assertSame( 700, $this->refunded_in_woocommerce( $order ) );
		// The same record again: acknowledged, nothing more; it never completes or re-pays an order.
		$this->assertSame( 'SUCCESS', $this->post_card_notification( (string) json_encode( $record ) )['body'] );
		$this->assertSame( 700, $this->refunded_in_woocommerce( $order ) );
		$this->assertCount( 1, $this->payment_notes( $this->reloadOrder( $order ) ) );
	}

	/** The invariant after every card refund scenario: background checks run until nothing is live, then IOTPay = WooCommerce. */
	private function assert_card_totals_agree( \WC_Order $order, string $pay, int $expected ): void {
		for ( $i = 0; 0 === $i || ( $i < 12 && array_filter( Refunds::for_order( $order->get_id() ), static fn ( Refund $r ) => $r->is_live() ) ); $i++ ) {
			$this->advanceTime( 3600 );
			$this->runScheduledActions();
		}
		foreach ( Refunds::for_order( $order->get_id() ) as $r ) {
			$this->assertFalse( $r->is_live(), "refund {$r->mch_refund_no} still {$r->state}" );
		}
		$this->assertSame( $expected, $this->sandbox_order( $pay )['refundedAmount'], 'IOTPay refunded' );
		$this->assertSame( $expected, $this->refunded_in_woocommerce( $order ), 'WooCommerce refunds' );
	}

	/**
	 * Issue 16 item 6: the admin's call ends unknown while IOTPay's refund
	 * record notification waits on the order lock; once the lock is free the
	 * notification marks the row done — before WooCommerce deletes the
	 * record the admin's failed call leaves (held open here until the
	 * notification is applied). The refund must end recorded once.
	 *
	 * @dataProvider reversals
	 */
	public function test_a_notification_racing_the_admins_unknown_refund_is_recorded( string $endpoint, string $amount ): void {
		[ $order, $pay ] = $this->paid_card_order( '30.00' );
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 1500 );
		$this->sb->setFaults( array( 'endpoint' => $endpoint, 'process_then_5xx_rate' => 1.0, 'once' => true ) );
		$this->sb->setFaults( array( 'endpoint' => 'cc_query', 'error_5xx_rate' => 1.0, 'once' => true ) );
		$order_id = $order->get_id();
		$waited   = false;
		// WooCommerce deletes its refund record after process_refund returns an error: let the notification in first.
		add_action(
			'woocommerce_before_delete_order',
			static function () use ( $order_id, &$waited ): void {
				$deadline = microtime( true ) + 8;
				while ( microtime( true ) < $deadline && array_filter( Refunds::for_order( $order_id ), static fn ( Refund $r ) => $r->is_live() ) ) {
					usleep( 50_000 );
				}
				$waited = true;
			}
		);
		$r = $this->refund( $order, $amount );
		remove_all_actions( 'woocommerce_before_delete_order' );
		$this->assertInstanceOf( \WP_Error::class, $r );
		$this->assertTrue( $waited );
		$rows = Refunds::for_order( $order->get_id() );
		$this->assertSame( Refund::DONE, $rows[0]->state, 'the notification did not settle the row' );
		$this->assert_card_totals_agree( $order, $pay, \IotPay\Money::toMinor( $amount, 'CAD' ) );
	}

	/**
	 * Issue 16 item 7 (V3): IOTPay refuses a repeated refund number. A void
	 * whose answer and query were lost, retried by the admin: asked first
	 * (cc_query finds it made) — never concluded "failed" from the refusal of
	 * a re-send, never followed by a full cc_refund.
	 */
	public function test_a_void_retried_when_iotpay_refuses_repeated_numbers_is_not_refunded_again(): void {
		[ $order, $pay ] = $this->paid_card_order( '30.00' );
		// Only the admin's retry learns the outcome (IOTPay's void notification racing it is another test's case).
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->sb->setFaults( array( 'endpoint' => 'cc_void', 'repeated_refund_no' => 'refused' ) );
		$this->sb->setFaults( array( 'endpoint' => 'cc_refund', 'repeated_refund_no' => 'refused' ) );
		$this->sb->setFaults( array( 'endpoint' => 'cc_void', 'process_then_5xx_rate' => 1.0, 'once' => true ) );
		$this->sb->setFaults( array( 'endpoint' => 'cc_query', 'error_5xx_rate' => 1.0, 'once' => true ) );
		$this->assertInstanceOf( \WP_Error::class, $this->refund( $order, '30.00' ) );
		$again = $this->refund( $order, '30.00' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $again, is_wp_error( $again ) ? $again->get_error_message() : '' );
		$rows = Refunds::for_order( $order->get_id() );
		$this->assertCount( 1, $rows, 'the void was followed by a refund' );
		$this->assertSame( array( Refund::VOID, Refund::DONE ), array( $rows[0]->method, $rows[0]->state ) );
		$this->assertCount( 1, $this->sandbox_order( $pay )['refunds'] );
		$this->assert_card_totals_agree( $order, $pay, 3000 );
	}

	/**
	 * Issue 16 item 11: a void that fails in the background (IOTPay has no
	 * record of it past the grace period) is refunded instead, as the
	 * synchronous path does (D31).
	 */
	public function test_a_void_that_fails_in_the_background_is_refunded_instead(): void {
		[ $order, $pay ] = $this->paid_card_order( '30.00' );
		$this->sb->setFaults( array( 'endpoint' => 'cc_void', 'error_5xx_rate' => 1.0, 'once' => true ) );
		$this->sb->setFaults( array( 'endpoint' => 'cc_query', 'error_5xx_rate' => 1.0, 'once' => true ) );
		$this->assertInstanceOf( \WP_Error::class, $this->refund( $order, '30.00' ) );
		$this->assertSame( Refund::UNKNOWN, Refunds::for_order( $order->get_id() )[0]->state );
		add_filter( 'iotpay_wc_refund_grace_seconds', static fn () => 0 );
		$this->advanceTime( 120 );
		$this->runScheduledActions();
		$rows = Refunds::for_order( $order->get_id() );
		$this->assertSame( array( Refund::VOID, Refund::FAILED ), array( $rows[0]->method, $rows[0]->state ) );
		$this->assertCount( 2, $rows, 'the failed void was not refunded instead' );
		$this->assertSame( Refund::REFUND, $rows[1]->method );
		$this->assertNotEmpty( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( $n ) => str_contains( $n, 'refunding it instead' ) ) );
		$this->assert_card_totals_agree( $order, $pay, 3000 );
		$this->assertSame( 'cc_refund', $this->sandbox_order( $pay )['refunds'][0]['endpoint'] );
	}

	/**
	 * Issue 16 item 12: a paid card order cancelled on a server without the
	 * extension: a note, the attention flag, and the void sent once the
	 * extension is back (the background job).
	 */
	public function test_a_card_order_cancelled_without_the_extension_is_voided_when_it_is_back(): void {
		[ $order, $pay ] = $this->paid_card_order( '30.00' );
		$env                     = getenv();
		$env['PHP_INI_SCAN_DIR'] = (string) shell_exec( 'php -n -r "echo PHP_CONFIG_FILE_SCAN_DIR;"' );
		$proc                    = proc_open( array( PHP_BINARY, __DIR__ . '/fixtures/no-extension-cancel.php', (string) $order->get_id() ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes, null, $env );
		$out                     = stream_get_contents( $pipes[1] );
		$err                     = stream_get_contents( $pipes[2] );
		$this->assertSame( 0, proc_close( $proc ), "fatal without the extension: $err $out" );
		$this->assertSame( array( 'extension' => false, 'status' => 'cancelled' ), json_decode( (string) $out, true ), $out . $err );
		$fresh = $this->reloadOrder( $order );
		$this->assertSame( 'void_pending', $fresh->get_meta( '_iotpay_needs_attention' ) );
		$this->assertNotEmpty( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( $n ) => str_contains( $n, 'extension is not loaded' ) ) );
		$this->assertSame( 0, $this->sandbox_order( $pay )['refundedAmount'] );
		// The extension is back (this process has it): the job voids the payment.
		$this->advanceTime( 3600 );
		$this->runScheduledActions();
		$rows = Refunds::for_order( $order->get_id() );
		$this->assertCount( 1, $rows );
		$this->assertSame( array( Refund::VOID, Refund::DONE ), array( $rows[0]->method, $rows[0]->state ) );
		$this->assertSame( 'cancelled', $this->reloadOrder( $order )->get_status() );
		$this->assert_card_totals_agree( $order, $pay, 3000 );
	}

	/* ---------------------------------------------------------------------
	 * Card notifications
	 * ------------------------------------------------------------------ */

	public function test_a_flood_of_card_notifications_and_polls_completes_once(): void {
		$n       = (int) ( getenv( 'IOTPAY_FLOOD_N' ) ?: 50 );
		$product = $this->createProduct( '19.99', 100 );
		$order   = $this->card_order( '19.99', 0, $product );
		$this->checkout( $order );
		$attempt = $this->attempt( $order );
		// Paid at IOTPay; IOTPay's own notification is dropped: the flood and the polls are the only news.
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->pay_on_hosted_page( $attempt );
		$body     = $this->card_notification_body( $attempt );
		$requests = array();
		for ( $i = 0; $i < $n; $i++ ) {
			$requests[] = array(
				'method'  => 'POST',
				'url'     => $this->shop . '/wp-json/iotpay/v1/notify/card',
				'body'    => $body,
				'headers' => array( 'Content-Type: application/json;charset=UTF-8' ),
			);
			if ( $i < 20 ) {
				$requests[] = array(
					'method' => 'GET',
					'url'    => $this->shop . '/wp-json/iotpay/v1/orders/' . $order->get_id() . '/status?key=' . rawurlencode( $order->get_order_key() ),
				);
			}
		}
		$answers = $this->burst( $requests );
		$acked   = 0;
		foreach ( $answers as $i => $a ) {
			if ( 'POST' === $requests[ $i ]['method'] && 'SUCCESS' === trim( $a['body'] ) ) {
				++$acked;
			}
		}
		$fresh = $this->reloadOrder( $order );
		$this->assertTrue( $fresh->is_paid() );
		$this->assertCount( 1, $this->payment_notes( $fresh ), 'completed more than once' );
		$this->assertSame( 1, $this->countStockReductions( $order->get_id() ) );
		$this->assertSame( 99, $this->getStock( $product ) );
		foreach ( array_count_values( array_column( $this->getEmails( $order->get_id() ), 'email_id' ) ) as $id => $count ) {
			$this->assertSame( 1, $count, "email $id sent $count times" );
		}
		$this->assertSame( $n, $acked, 'every copy is answered SUCCESS once the order is saved' );
	}

	/** @return array<string, array{0: callable, 1: bool}> how to make the body, whether it is a genuine "declined" */
	public static function forged(): array {
		return array(
			'wrong key'             => array( fn ( self $t, Attempt $a ) => $t->card_notification_body( $a, array(), 'not-the-key' ), false ),
			'altered after signing' => array( fn ( self $t, Attempt $a ) => str_replace( '"amount":' . $a->amount, '"amount":1', $t->card_notification_body( $a ) ), false ),
			'unsigned'              => array( fn ( self $t, Attempt $a ) => (string) json_encode( array_diff_key( (array) json_decode( $t->card_notification_body( $a ), true ), array( 'sign' => 1 ) ) ), false ),
			'wrong amount (signed)' => array( fn ( self $t, Attempt $a ) => $t->card_notification_body( $a, array( 'amount' => 1 ) ), false ),
			'a v1 body'             => array( fn ( self $t, Attempt $a ) => $t->notification_body( $a ), false ),
			'not JSON'              => array( fn ( self $t, Attempt $a ) => '{"payOrderId":', false ),
			'declined (genuine)'    => array( fn ( self $t, Attempt $a ) => $t->card_notification_body( $a, array( 'status' => 9 ) ), true ),
		);
	}

	/** @dataProvider forged */
	public function test_forged_or_wrong_card_notifications_change_nothing( callable $make, bool $declined ): void {
		$order = $this->card_order( '12.34' );
		$this->checkout( $order );
		$a     = $this->attempt( $order );
		$r     = $this->post_card_notification( $make( $this, $a ) );
		$fresh = $this->reloadOrder( $order );
		$this->assertFalse( $fresh->is_paid() );
		$this->assertSame( 'pending', $fresh->get_status() );
		$this->assertSame( 0, $this->countStockReductions( $order->get_id() ) );
		$this->assertSame( array(), $this->payment_notes( $fresh ) );
		if ( $declined ) {
			// A verified "declined": acknowledged, the attempt failed, the order can be paid again.
			$this->assertSame( array( 'status' => 200, 'body' => 'SUCCESS' ), $r );
			$this->assertSame( Attempt::FAILED, Attempts::find( $a->id )->state );
			return;
		}
		$this->assertGreaterThanOrEqual( 400, $r['status'] );
		$this->assertSame( 'FAIL', $r['body'] );
		// Refused by the plugin (recorded) or, for a body that is not JSON, by WordPress's REST server already.
		$this->assertNotSame( 'accepted', Health::last()['result'] ?? null );
		$this->assertSame( Attempt::OPEN, Attempts::find( $a->id )->state );
	}

	public function test_a_card_notification_sent_to_the_general_address_is_recognised(): void {
		$order = $this->card_order( '12.34' );
		$this->checkout( $order );
		$r = $this->post_card_notification( $this->card_notification_body( $this->attempt( $order ) ), '/wp-json/iotpay/v1/notify' );
		$this->assertSame( array( 'status' => 200, 'body' => 'SUCCESS' ), $r );
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
		// A wallet notification on the card address is refused.
		$wallet = $this->order_for( 'iotpay_wechat' );
		$this->checkout( $wallet );
		$r = $this->post_card_notification( $this->card_notification_body( $this->attempt( $wallet ) ) );
		$this->assertSame( 404, $r['status'] );
		$this->assertFalse( $this->reloadOrder( $wallet )->is_paid() );
	}

	public function test_card_notifications_with_plain_permalinks_use_a_question_mark_free_address(): void {
		update_option( 'permalink_structure', '' );
		$url = \IotPay\WooCommerce\Rest\Routes::card_notify_url();
		$this->assertStringNotContainsString( '?', $url );
		$this->assertStringEndsWith( '/index.php/iotpay-notify-card', $url );
		$order = $this->card_order( '8.00' );
		$this->checkout( $order );
		$r = $this->post_card_notification( $this->card_notification_body( $this->attempt( $order ) ), '/index.php/iotpay-notify-card' );
		$this->assertSame( array( 'status' => 200, 'body' => 'SUCCESS' ), $r );
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
	}

	/* ---------------------------------------------------------------------
	 * Reconciliation and cancellation of unpaid orders
	 * ------------------------------------------------------------------ */

	public function test_reconciliation_and_the_unpaid_order_check_ask_iotpay_about_cards(): void {
		// Paid, notification lost: the background check (cc_query) completes it.
		$paid = $this->card_order( '11.00' );
		$this->checkout( $paid );
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->pay_on_hosted_page( $this->attempt( $paid ) );
		$this->advanceTime( 120 );
		$this->runScheduledActions();
		$this->assertTrue( $this->reloadOrder( $paid )->is_paid() );
		$this->assertStringContainsString( 'via reconcile', implode( "\n", $this->payment_notes( $this->reloadOrder( $paid ) ) ) );

		// Unpaid and left: WooCommerce may cancel it once IOTPay says it is not paid; paid → kept.
		$open = $this->card_order( '12.00' );
		$this->checkout( $open );
		$this->assertTrue( apply_filters( 'woocommerce_cancel_unpaid_order', true, $this->reloadOrder( $open ) ) );
		$late = $this->card_order( '13.00' );
		$this->checkout( $late );
		$this->pay_on_hosted_page( $this->attempt( $late ) );
		$this->assertFalse( apply_filters( 'woocommerce_cancel_unpaid_order', true, $this->reloadOrder( $late ) ) );
	}

	/* ---------------------------------------------------------------------
	 * Checkout Block
	 * ------------------------------------------------------------------ */

	public function test_checkout_block_registration_with_saved_cards(): void {
		[ $user, $token ] = $this->save_card_at_checkout();
		$registry         = $this->paymentMethodRegistry();
		$method           = $registry->get_registered( self::ID );
		$this->assertInstanceOf( PaymentMethod::class, $method );
		$this->assertArrayHasKey( self::ID, $registry->get_all_active_registered() );
		$data = $registry->get_all_registered_script_data()[ self::ID . '_data' ] ?? null;
		$this->assertIsArray( $data );
		$this->assertSame( 'Credit card', $data['title'] );
		$this->assertSame( array( 'products', 'refunds', 'tokenization', 'add_payment_method' ), $data['supports'] );
		$this->assertSame( $data['supports'], $method->get_supported_features() );
		$this->assertTrue( $data['showSavedCards'] );
		$this->assertTrue( $data['showSaveOption'] );
		$handle = PaymentMethod::script_handle( 'card-blocks' );
		$this->assertContains( $handle, $registry->get_all_active_payment_method_script_dependencies() );
		$script = (string) file_get_contents( dirname( self::plugin_file() ) . '/assets/js/card-blocks.js' );
		$this->assertStringContainsString( "[ 'iotpay_card', 'iotpay_upi_card' ].forEach( register );", $script );
		$this->assertStringContainsString( 'method.supports.showSavedCards = !! data.showSavedCards;', $script );
		$this->assertStringContainsString( 'savedTokenComponent', $script );
		foreach ( array( 'wc-blocks-registry', 'wc-settings', 'wp-element', 'wp-html-entities', 'wp-i18n', PaymentMethod::SHARED_SCRIPT ) as $dep ) {
			$this->assertContains( $dep, wp_scripts()->registered[ $handle ]->deps );
		}
		$this->assertStringEndsWith( '/assets/js/card-blocks.js', wp_scripts()->registered[ $handle ]->src );
		$this->assertStringEndsWith( '/assets/js/blocks-method.js', wp_scripts()->registered[ PaymentMethod::SHARED_SCRIPT ]->src );
		// The wallets keep their own script (no saved cards) and data.
		$this->assertSame( array( PaymentMethod::SCRIPT ), $registry->get_registered( 'iotpay_wechat' )->get_payment_method_script_handles() );
		$this->assertArrayNotHasKey( 'showSavedCards', $registry->get_registered( 'iotpay_wechat' )->get_payment_method_data() );

		// What the block posts (Store API legacy payment: payment_data as $_POST) for a saved card …
		$order  = $this->card_order( '14.00', $user );
		$_POST  = array( 'wc-iotpay_card-payment-token' => (string) $token->get_id(), 'isSavedToken' => true );
		$result = $this->gateway( self::ID )->process_payment( $order->get_id() );
		$this->assertSame( 'success', $result['result'] );
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
		// … and for a new card with "save" ticked (a boolean).
		$order  = $this->card_order( '15.00', $user );
		$_POST  = array( 'wc-iotpay_card-new-payment-method' => true );
		$result = $this->gateway( self::ID )->process_payment( $order->get_id() );
		$_POST  = array();
		$this->assertStringStartsWith( $this->sb->http . '/card/', $result['redirect'] );
	}

	public function test_card_is_offered_in_cad_only_and_not_without_an_account(): void {
		$this->assertTrue( $this->gateway( self::ID )->is_available() );
		$order = $this->card_order( '10.00' );
		$order->set_currency( 'USD' );
		$order->save();
		$result = $this->checkout( $order );
		$this->assertSame( 'failure', $result['result'] );
		$this->assertSame( array(), Attempts::for_order( $order->get_id() ) );
		update_option( 'woocommerce_currency', 'USD' );
		\WC_Payment_Gateways::reset_instance();
		$this->assertFalse( $this->gateway( self::ID )->is_available() );
	}

	/* ---------------------------------------------------------------------
	 * Issue 16 item 14: saved-card and account edge cases
	 * ------------------------------------------------------------------ */

	public function test_a_saved_card_is_not_charged_once_saved_cards_are_turned_off(): void {
		[ $user, $token ] = $this->save_card_at_checkout();
		$this->enable_card( array( 'saved_cards' => 'no' ) );
		$this->assertFalse( $this->gateway( self::ID )->supports( 'tokenization' ) );
		$order  = $this->card_order( '14.00', $user );
		$_POST  = array( 'wc-' . self::ID . '-payment-token' => (string) $token->get_id() );
		$result = $this->checkout( $order );
		$_POST  = array();
		$this->assertSame( 'failure', $result['result'], 'a saved card was charged with saved cards turned off' );
		$this->assertTrue( wc_has_notice( 'Paying with a saved card is not available at the moment. Please enter your card.', 'error' ) );
		$this->assertSame( array(), Attempts::for_order( $order->get_id() ) );
		$this->assertFalse( $this->reloadOrder( $order )->is_paid() );
	}

	public function test_returning_from_the_add_card_page_does_not_charge_a_cancelled_order(): void {
		$user   = $this->customer();
		$order  = $this->card_order( '16.00', $user );
		$_POST  = array( 'wc-' . self::ID . '-payment-token' => 'new', 'wc-' . self::ID . '-new-payment-method' => 'true' );
		$result = $this->checkout( $order );
		$_POST  = array();
		$back   = $this->add_card_on_iotpay_page( $result['redirect'] );
		// Meanwhile the order was cancelled (by the merchant, or the unpaid-order timeout).
		$this->reloadOrder( $order )->update_status( 'cancelled' );
		$next = $this->follow_return( $back );
		$this->assertSame( array(), Attempts::for_order( $order->get_id() ), 'a cancelled order was charged' );
		$fresh = $this->reloadOrder( $order );
		$this->assertSame( 'cancelled', $fresh->get_status() );
		$this->assertSame( $fresh->get_view_order_url(), $next );
		// The card IOTPay confirmed is saved all the same, and the order's card setup is finished.
		$this->assertCount( 1, $this->tokens( $user ) );
		$this->assertSame( '', (string) $fresh->get_meta( '_iotpay_card_setup' ) );
	}

	public function test_a_card_added_again_is_charged_with_the_card_id_iotpay_just_confirmed(): void {
		[ $user, $old ] = $this->save_card_at_checkout();
		// The same card (brand, last four, expiry) added again for a new order: a new cardId at IOTPay.
		$order  = $this->card_order( '17.00', $user );
		$_POST  = array( 'wc-' . self::ID . '-payment-token' => 'new', 'wc-' . self::ID . '-new-payment-method' => 'true' );
		$result = $this->checkout( $order );
		$_POST  = array();
		$new_id = (string) $this->reloadOrder( $order )->get_meta( '_iotpay_card_setup' );
		$this->assertNotSame( '', $new_id );
		$this->assertNotSame( $old->get_token(), $new_id );
		$this->follow_return( $this->add_card_on_iotpay_page( $result['redirect'] ) );
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
		$this->assertSame( $new_id, $this->attempt( $order )->pay_data['cardId'] ?? '', 'the order was charged with the old cardId' );
		// One card in the list, now standing for the cardId IOTPay confirmed last.
		$tokens = $this->tokens( $user );
		$this->assertCount( 1, $tokens );
		$this->assertSame( $new_id, $tokens[0]->get_token() );
	}

	public function test_two_returns_from_the_account_add_card_page_save_one_card(): void {
		$user = $this->createUser( 'customer' );
		wp_set_current_user( $user );
		$back = $this->add_card_on_iotpay_page( \IotPay\WooCommerce\Checkout\CardSetup::start_for_account( $user ) );
		// Two returns at once (a double click, a reload): cc_querycard is slow enough for both to ask.
		$this->sb->setFaults( array( 'endpoint' => 'cc_querycard', 'latency_ms' => 700 ) );
		$req     = array(
			'method'  => 'GET',
			'url'     => $back,
			'headers' => array( 'Cookie: ' . $this->authCookieHeader( $user ) ),
		);
		$answers = $this->burst( array( $req, $req ) );
		$this->assertSame( array( 302, 302 ), array_column( $answers, 'status' ) );
		$this->assertCount( 1, $this->tokens( $user ), 'two returns saved the card twice' );
		$this->assertSame( '', (string) get_user_meta( $user, '_iotpay_card_setup', true ) );
	}

	/* ---------------------------------------------------------------------
	 * Issue 16 item 14: rows keep the merchant account they were made with
	 * ------------------------------------------------------------------ */

	/** The shop switches from its test account to its live one (both at the sandbox). */
	private function switch_to_live( bool $keep_test ): void {
		$prefix = \IotPay\WooCommerce\Settings\SharedSettings::instance()->order_prefix();
		$over   = array(
			'testmode'        => 'no',
			'live_mch_id'     => Sandbox::MCH_ID_2,
			'live_key'        => Sandbox::KEY_2,
			'live_login_name' => Sandbox::LOGIN_2,
			'order_prefix'    => $prefix,
		);
		if ( ! $keep_test ) {
			$over += array( 'test_mch_id' => '', 'test_key' => '', 'test_login_name' => '' );
		}
		$this->configure( $over );
	}

	public function test_rows_are_queried_and_refunded_with_the_account_they_were_made_with(): void {
		// A payment made in test mode whose notification is lost, and a paid one.
		$open = $this->card_order( '18.00' );
		$this->checkout( $open );
		$a = $this->attempt( $open );
		$this->assertSame( Sandbox::MCH_ID, $a->mch_id );
		$this->assertTrue( $a->test );
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->pay_on_hosted_page( $a );
		$this->sb->clearFaults();
		[ $paid, $pay ] = $this->paid_card_order( '30.00' );

		$this->switch_to_live( true );
		// Asked with the test account it was made with: paid.
		\IotPay\WooCommerce\Payment\Completion::check( Attempts::find( $a->id ), 'admin' );
		$this->assertTrue( $this->reloadOrder( $open )->is_paid(), 'a test-mode payment was asked about with the live account' );
		// Refunded with the test account too.
		add_filter( 'iotpay_wc_card_void_applies', '__return_false' );
		$refund = $this->refund( $paid, '10.00' );
		$this->assertInstanceOf( \WC_Order_Refund::class, $refund, is_wp_error( $refund ) ? $refund->get_error_message() : '' );
		$row = Refunds::for_order( $paid->get_id() )[0];
		$this->assertSame( Refund::DONE, $row->state );
		$this->assertSame( Sandbox::MCH_ID, $row->mch_id );
		$this->assertTrue( $row->test );
		$this->assertSame( 1000, $this->sandbox_order( $pay )['refundedAmount'] );
		// A new payment uses the live account.
		$new = $this->card_order( '19.00' );
		$this->checkout( $new );
		$this->assertSame( Sandbox::MCH_ID_2, $this->attempt( $new )->mch_id );
		$this->assertFalse( $this->attempt( $new )->test );
	}

	public function test_rows_of_an_account_no_longer_configured_are_flagged_never_failed(): void {
		add_filter( 'iotpay_wc_timeout_ms', static fn () => 700 );
		$open = $this->card_order( '18.00' );
		$this->checkout( $open );
		$a = $this->attempt( $open );
		[ $paid ] = $this->paid_card_order( '30.00' );
		add_filter( 'iotpay_wc_card_void_applies', '__return_false' );
		$this->sb->setFaults( array( 'endpoint' => 'cc_refund', 'error_5xx_rate' => 1.0, 'once' => true ) );
		$this->assertInstanceOf( \WP_Error::class, $this->refund( $paid, '10.00' ) );
		$row = Refunds::for_order( $paid->get_id() )[0];
		$this->assertSame( Refund::UNKNOWN, $row->state );

		// The test account's credentials are removed: its rows cannot be asked about,
		// even long after the grace period in which "unknown number" means "not yet".
		add_filter( 'iotpay_wc_refund_grace_seconds', static fn () => 0 );
		$this->switch_to_live( false );
		$this->advanceTime( 3600 );
		\IotPay\WooCommerce\Payment\Completion::check( Attempts::find( $a->id ), 'reconcile' );
		do_action( 'iotpay_wc_check_refund', $row->id );
		$this->assertTrue( Attempts::find( $a->id )->is_live(), 'the attempt was concluded' );
		$this->assertSame( Refund::UNKNOWN, Refunds::find( $row->id )->state, 'the refund was concluded without its account' );
		$this->assertFalse( apply_filters( 'woocommerce_cancel_unpaid_order', true, $this->reloadOrder( $open ) ), 'an order whose payment cannot be asked about was let go' );
		foreach ( array( $open, $paid ) as $order ) {
			$this->assertSame( 'merchant_unavailable', (string) $this->reloadOrder( $order )->get_meta( '_iotpay_needs_attention' ) );
			$notes = array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( $n ) => str_contains( $n, 'test merchant account ' . Sandbox::MCH_ID ) && str_contains( $n, 'IOTPay merchant portal' ) );
			$this->assertCount( 1, $notes, 'no single note naming the account: ' . implode( "\n", $this->getOrderNotes( $order->get_id() ) ) );
		}
		// The account configured again: the rows are settled as usual.
		$this->configure( array( 'order_prefix' => \IotPay\WooCommerce\Settings\SharedSettings::instance()->order_prefix(), 'testmode' => 'no', 'live_mch_id' => Sandbox::MCH_ID_2, 'live_key' => Sandbox::KEY_2, 'live_login_name' => Sandbox::LOGIN_2 ) );
		do_action( 'iotpay_wc_check_refund', $row->id );
		$this->assertSame( Refund::FAILED, Refunds::find( $row->id )->state, 'IOTPay never had it: after the grace period it never arrived' );
	}

	/* ---------------------------------------------------------------------
	 * Saved cards and the merchant account they were saved with (D80)
	 * ------------------------------------------------------------------ */

	public function test_a_card_saved_at_another_merchant_account_is_hidden_and_never_charged(): void {
		[ $user, $token ] = $this->save_card_at_checkout();
		$account = \IotPay\WooCommerce\Api\MerchantAccount::current( Protocol::V3 );
		$saved   = \WC_Payment_Tokens::get( $token->get_id() );
		$this->assertSame( $account->mch_id, (string) $saved->get_meta( CardAccount::META_MCH_ID ), 'the token does not say which merchant account it was saved with' );
		$this->assertSame( $account->test ? '1' : '0', (string) $saved->get_meta( CardAccount::META_TEST ) );

		// The shop has since switched account: the card was saved at the other one.
		$saved->update_meta_data( CardAccount::META_MCH_ID, $account->mch_id . '9' );
		$saved->save();
		$cookie = array( 'Cookie' => $this->authCookieHeader( $user ) );
		$order  = $this->card_order( '9.00', $user );
		$page   = $this->httpRequest( 'GET', add_query_arg( 'pay_for_order', 'true', $order->get_checkout_payment_url() ), $cookie )['body'];
		$this->assertStringNotContainsString( 'name="wc-iotpay_card-payment-token" value="' . $token->get_id() . '"', $page, 'checkout offers a card of another merchant account' );
		$this->assertStringContainsString( 'name="wc-iotpay_card-payment-token" value="new"', $page );
		$list = $this->httpRequest( 'GET', $this->shop . '/my-account/payment-methods/', $cookie )['body'];
		$this->assertStringNotContainsString( 'Visa ending in 4242', $list, 'My Account lists a card of another merchant account' );
		// A checkout page loaded before the switch still posts it: refused, nothing started.
		$_POST  = array( 'wc-' . self::ID . '-payment-token' => (string) $token->get_id() );
		$result = $this->checkout( $order );
		$_POST  = array();
		$this->assertSame( 'failure', $result['result'], 'a card of another merchant account was charged' );
		$this->assertSame( array(), Attempts::for_order( $order->get_id() ) );
		// A renewal on it is refused before anything is sent.
		$renewals = new \IotPay\WooCommerce\Recurring\CardRenewals();
		$refusal  = (string) $renewals->refusal( $order, $token->get_token(), 900 );
		$this->assertStringContainsString( 'another IOTPay merchant account', $refusal );

		// A token from before accounts were recorded belongs to the current account (D80).
		$legacy = \WC_Payment_Tokens::get( $token->get_id() );
		$legacy->delete_meta_data( CardAccount::META_MCH_ID );
		$legacy->delete_meta_data( CardAccount::META_TEST );
		$legacy->save();
		$this->assertNull( $renewals->refusal( $order, $token->get_token(), 900 ) );
		$this->assertStringContainsString( 'Visa ending in 4242', $this->httpRequest( 'GET', $this->shop . '/my-account/payment-methods/', $cookie )['body'] );
		$_POST  = array( 'wc-' . self::ID . '-payment-token' => (string) $token->get_id() );
		$result = $this->checkout( $order );
		$_POST  = array();
		$this->assertSame( 'success', $result['result'] );
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
	}
}
