<?php
/**
 * The Checkout Block with a subscription in the cart (WooCommerce
 * Subscriptions double: its recurring carts): WeChat Pay's block data says
 * what the classic checkout says under WeChat Pay — auto-debit, or why not —
 * and the card's says the card is saved and charged for the renewals, with
 * no "save" option to untick. "Place order" through the Store API (its
 * payment step: process_payment with the request's payment_data) refuses a
 * subscription WeChat auto-debit cannot renew, before any request to IOTPay.
 * Real WordPress, the real extension and the sandbox.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Blocks\PaymentMethod;
use IotPay\WooCommerce\Gateway\CardGateway;
use IotPay\WooCommerce\Gateway\WeChatGateway;
use IotPay\WooCommerce\Recurring\Contracts;

/**
 * @runTestsInSeparateProcesses
 * @preserveGlobalState disabled
 */
final class BlocksSubscriptionTest extends PluginTestCase {

	use WithSubscriptions;

	protected function setUp(): void {
		parent::setUp();
		$this->enable_card_gateway();
	}

	/** A subscription product (Subscriptions' product meta), in the cart of a logged-in customer. */
	private function cart_with_subscription( string $price, string $period = 'month', int $interval = 1 ): int {
		$user = $this->createUser( 'customer' );
		wp_set_current_user( $user );
		$id      = $this->createProduct( $price, null, array( 'virtual' => true ) );
		$product = wc_get_product( $id );
		$product->update_meta_data( '_subscription_price', $price );
		$product->update_meta_data( '_subscription_period', $period );
		$product->update_meta_data( '_subscription_period_interval', (string) $interval );
		$product->save();
		\WC_Subscriptions_Cart::double_add_to_cart( $id );
		$this->assertNotEmpty( WC()->cart->recurring_carts, 'the double built no recurring cart' );
		return $user;
	}

	/** The block's data of a method as the Checkout Block page hands it to the script ("{name}_data"). @return array<string, mixed> */
	private function block_data( string $id ): array {
		$registry = $this->paymentMethodRegistry();
		$data     = $registry->get_all_registered_script_data()[ $id . '_data' ] ?? null;
		$this->assertIsArray( $data, "$id not active in the Checkout Block" );
		return $data;
	}

	public function test_wechat_block_data_says_auto_debit_like_the_classic_checkout(): void {
		$this->cart_with_subscription( '20.00' );
		$data = $this->block_data( WeChatGateway::ID );
		$this->assertStringStartsWith( 'WeChat auto-debit: you pay the first payment now', (string) ( $data['autoDebit'] ?? '' ) );
		// The classic checkout's words, from the same cart.
		ob_start();
		$this->gateway( WeChatGateway::ID )->payment_fields();
		$classic = (string) ob_get_clean();
		$this->assertStringContainsString( '<p class="iotpay-auto-debit">' . esc_html( $data['autoDebit'] ) . '</p>', $classic );
		// Other wallets say nothing of it.
		$this->assertArrayNotHasKey( 'autoDebit', $this->block_data( 'iotpay_alipay' ) );
	}

	/** @return array<string, array{0: string, 1: string, 2: int, 3: string}> */
	public function refusals(): array {
		return array(
			'above 30 CAD per debit' => array( '45.00', 'month', 1, 'above WeChat\'s limit of 30.00 CAD per debit' ),
			'weekly: too many debits a month' => array( '10.00', 'week', 1, 'renews more often than WeChat allows' ),
			'every 2 weeks at 15: above the monthly total' => array( '15.00', 'week', 2, 'would debit more than WeChat\'s limit of 30.00 CAD a month' ),
		);
	}

	/** @dataProvider refusals */
	public function test_wechat_block_data_says_why_not_and_the_store_api_refuses_it( string $price, string $period, int $interval, string $why ): void {
		$user = $this->cart_with_subscription( $price, $period, $interval );
		$data = $this->block_data( WeChatGateway::ID );
		$this->assertStringStartsWith( 'WeChat auto-debit is not available for this subscription', (string) ( $data['autoDebit'] ?? '' ) );
		$this->assertStringContainsString( $why, (string) $data['autoDebit'] );

		// "Place order" in the block: the Store API creates the order and its
		// subscription from the cart, then its payment step calls process_payment.
		$parent = $this->createOrder( array( 'payment_method' => WeChatGateway::ID, 'total' => $price, 'currency' => 'CAD', 'customer_id' => $user ) );
		$sub    = wcs_create_subscription( array( 'order_id' => $parent->get_id(), 'billing_period' => $period, 'billing_interval' => $interval ) );
		$sub->set_payment_method( WeChatGateway::ID );
		$sub->set_total( $price );
		$sub->save();
		$contracts = $this->sb->requestCount( 'contract' );
		$payments  = $this->sb->requestCount( 'create_order' );
		try {
			$this->storeApiCheckout( $parent, WeChatGateway::ID );
			$this->fail( 'the Store API checkout of a sign-up that cannot be debited went through' );
		} catch ( \Automattic\WooCommerce\StoreApi\Exceptions\RouteException $e ) {
			// The block shows this message: the reason, not WooCommerce's generic error.
			$this->assertStringContainsString( $why, $e->getMessage() );
		}
		$this->assertSame( $contracts, $this->sb->requestCount( 'contract' ), 'a contract was requested for a subscription that cannot be debited' );
		$this->assertSame( $payments, $this->sb->requestCount( 'create_order' ), 'the first payment started although the sign-up was refused' );
		$this->assertNull( Contracts::record( $this->reloadOrder( $parent ) ) );
		$this->assertSame( array(), \IotPay\WooCommerce\Payment\Attempts::for_order( $parent->get_id() ) );
	}

	/** A sign-up that fits: through the Store API the contract is created and the first payment starts (the QR page). */
	public function test_store_api_signup_that_fits_signs_a_contract_and_starts_the_payment(): void {
		$user   = $this->cart_with_subscription( '20.00' );
		$parent = $this->createOrder( array( 'payment_method' => WeChatGateway::ID, 'total' => '20.00', 'currency' => 'CAD', 'customer_id' => $user ) );
		$sub    = wcs_create_subscription( array( 'order_id' => $parent->get_id() ) );
		$sub->set_payment_method( WeChatGateway::ID );
		$sub->set_total( '20.00' );
		$sub->save();
		$_SERVER['HTTP_USER_AGENT'] = self::DESKTOP_UA;
		$result                     = $this->storeApiCheckout( $parent, WeChatGateway::ID );
		$this->assertSame( 'success', $result->status );
		$this->assertSame( $parent->get_checkout_payment_url( true ), $result->redirect_url );
		$record = Contracts::record( $this->reloadOrder( $parent ) );
		$this->assertNotNull( $record );
		$this->assertSame( Contracts::PENDING, $record['status'] );
		$this->assertCount( 1, \IotPay\WooCommerce\Payment\Attempts::for_order( $parent->get_id() ) );
	}

	public function test_card_block_data_says_the_card_is_saved_and_offers_no_save_choice(): void {
		$user = $this->cart_with_subscription( '19.00' );
		$data = $this->block_data( CardGateway::ID );
		$this->assertSame( 'This order contains a subscription: your card is saved to your account and charged automatically for the renewals.', $data['subscription'] ?? null );
		$this->assertFalse( $data['showSaveOption'], 'the block offers to pay a subscription without saving the card' );
		$this->assertTrue( $data['showSavedCards'] );
		// The classic checkout says the same and prints no "save" checkbox.
		add_filter( 'woocommerce_is_checkout', '__return_true' );
		ob_start();
		$this->gateway( CardGateway::ID )->payment_fields();
		$classic = (string) ob_get_clean();
		$this->assertStringContainsString( esc_html( $data['subscription'] ), $classic );
		$this->assertStringNotContainsString( 'new-payment-method', $classic );

		// "Place order" with "save" unticked (the request says false): the card is saved first anyway (IOTPay's add-card page).
		$parent = $this->createOrder( array( 'payment_method' => CardGateway::ID, 'total' => '19.00', 'currency' => 'CAD', 'customer_id' => $user ) );
		$sub    = wcs_create_subscription( array( 'order_id' => $parent->get_id() ) );
		$sub->set_payment_method( CardGateway::ID );
		$sub->set_total( '19.00' );
		$sub->save();
		$result = $this->storeApiCheckout( $parent, CardGateway::ID, array( 'wc-' . CardGateway::ID . '-new-payment-method' => 'false' ) );
		$this->assertSame( 'success', $result->status );
		$this->assertNotEmpty( $this->reloadOrder( $parent )->get_meta( \IotPay\WooCommerce\Checkout\CardSetup::META ), 'the sign-up was not sent to save its card first' );
		$this->assertStringContainsString( $this->sb->http, $result->redirect_url );

		// A guest is told to log in (Place order would refuse).
		wp_set_current_user( 0 );
		$this->assertStringStartsWith( 'Please log in to your account to pay for a subscription by card', (string) ( ( new PaymentMethod( CardGateway::class ) )->get_payment_method_data()['subscription'] ?? '' ) );
	}

	/** The block's page may be built before the cart's totals (and so the recurring carts) are calculated. */
	public function test_recurring_carts_not_calculated_yet(): void {
		$this->cart_with_subscription( '45.00' );
		unset( WC()->cart->recurring_carts );
		$this->assertStringContainsString( 'above WeChat\'s limit of 30.00 CAD per debit', (string) ( $this->block_data( WeChatGateway::ID )['autoDebit'] ?? '' ) );
	}

	public function test_nothing_is_added_without_a_subscription_in_the_cart(): void {
		$user = $this->createUser( 'customer' );
		wp_set_current_user( $user );
		\WC_Subscriptions_Cart::double_add_to_cart( $this->createProduct( '45.00', null ) );
		$this->assertEmpty( WC()->cart->recurring_carts );
		$this->assertArrayNotHasKey( 'autoDebit', $this->block_data( WeChatGateway::ID ) );
		$card = $this->block_data( CardGateway::ID );
		$this->assertArrayNotHasKey( 'subscription', $card );
		$this->assertTrue( $card['showSaveOption'] );
		$this->assertSame( array_keys( ( new PaymentMethod( 'IotPay\WooCommerce\Gateway\AlipayGateway' ) )->get_payment_method_data() ), array_keys( $this->block_data( WeChatGateway::ID ) ) );
	}
}
