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
use IotPay\WooCommerce\Blocks\CardPaymentMethod;
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
}
