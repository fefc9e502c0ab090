<?php
/**
 * Issue 18: without WooCommerce Subscriptions the plugin shows and does
 * nothing of subscriptions, and the card gateway works as before (the rest
 * of the suite runs this way too; SubscriptionsTest runs with the double).
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Gateway\CardGateway;
use IotPay\WooCommerce\Gateway\WeChatGateway;
use IotPay\WooCommerce\Recurring\Contracts;
use IotPay\WooCommerce\Recurring\Subscriptions;

final class SubscriptionsAbsentTest extends PluginTestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->enable_card_gateway();
	}

	public function test_nothing_of_subscriptions_without_it(): void {
		$this->assertFalse( class_exists( 'WC_Subscriptions', false ), 'this process was loaded with Subscriptions' );
		$this->assertFalse( function_exists( 'wcs_get_subscriptions_for_order' ) );
		$this->assertFalse( Subscriptions::active() );
		$gw = $this->gateway( CardGateway::ID );
		foreach ( Subscriptions::SUPPORTS as $feature ) {
			$this->assertFalse( $gw->supports( $feature ), "$feature declared without Subscriptions" );
		}
		$this->assertTrue( $gw->supports( 'tokenization' ) );
		foreach ( array( 'woocommerce_scheduled_subscription_payment_' . CardGateway::ID, 'woocommerce_subscription_payment_meta', 'woocommerce_subscription_validate_payment_meta', 'woocommerce_subscription_payment_method_to_display', \IotPay\WooCommerce\Payment\Completion::HOOK_ATTEMPT_FAILED ) as $hook ) {
			$this->assertFalse( has_action( $hook ), "$hook hooked without Subscriptions" );
		}

		// A card order pays as before: IOTPay's hosted page, no card saved first.
		[ $user, $token ] = $this->customer_with_saved_card();
		$order  = $this->createOrder( array( 'payment_method' => CardGateway::ID, 'total' => '12.00', 'currency' => 'CAD', 'customer_id' => $user ) );
		$result = $gw->process_payment( $order->get_id() );
		$this->assertSame( 'success', $result['result'] );
		$this->assertStringContainsString( '/pay/', (string) $result['redirect'] );
		$this->assertEmpty( $order->get_meta( \IotPay\WooCommerce\Checkout\CardSetup::META ) );
		// And with the saved card: charged, paid, no subscription label anywhere.
		$order2 = $this->createOrder( array( 'payment_method' => CardGateway::ID, 'total' => '13.00', 'currency' => 'CAD', 'customer_id' => $user ) );
		$_POST  = array( 'wc-' . CardGateway::ID . '-payment-token' => (string) $token->get_id() );
		$this->assertSame( 'success', $gw->process_payment( $order2->get_id() )['result'] );
		$_POST = array();
		$this->assertTrue( $this->reloadOrder( $order2 )->is_paid() );
		ob_start();
		\IotPay\WooCommerce\Admin\OrderPanel::render( $order2 );
		$this->assertStringNotContainsString( 'renewal', (string) ob_get_clean() );
		ob_start();
		$gw->payment_fields();
		$this->assertStringNotContainsString( 'subscription', strtolower( (string) ob_get_clean() ) );
	}

	/** The Checkout Block's data is what it was: no auto-debit line, no card subscription line, the "save" option offered. */
	public function test_checkout_block_data_unchanged_without_subscriptions(): void {
		wp_set_current_user( $this->createUser( 'customer' ) );
		// A product carrying Subscriptions' meta (left from a deactivated Subscriptions) in the cart.
		$id      = $this->createProduct( '45.00', null );
		$product = wc_get_product( $id );
		$product->update_meta_data( '_subscription_period', 'week' );
		$product->save();
		WC()->cart->cart_contents['x'] = array( 'key' => 'x', 'product_id' => $id, 'quantity' => 1, 'data' => $product );
		WC()->cart->calculate_totals();
		$data = $this->paymentMethodRegistry()->get_all_registered_script_data();
		$this->assertSame( array( 'title', 'description', 'icon', 'supports' ), array_keys( $data[ WeChatGateway::ID . '_data' ] ) );
		$this->assertSame( array( 'title', 'description', 'icon', 'supports', 'showSavedCards', 'showSaveOption' ), array_keys( $data[ CardGateway::ID . '_data' ] ) );
		$this->assertTrue( $data[ CardGateway::ID . '_data' ]['showSaveOption'] );
	}

	/** WeChat auto-debit: no feature, no text, no signing step, no hook without Subscriptions; a WeChat order pays as before (no contract). */
	public function test_no_wechat_auto_debit_without_subscriptions(): void {
		$wx = $this->gateway( WeChatGateway::ID );
		foreach ( Subscriptions::SUPPORTS as $feature ) {
			$this->assertFalse( $wx->supports( $feature ), "$feature declared by WeChat without Subscriptions" );
		}
		foreach ( array( 'woocommerce_scheduled_subscription_payment_' . WeChatGateway::ID, 'woocommerce_subscription_cancelled_' . WeChatGateway::ID, 'woocommerce_subscription_details_after_subscription_table' ) as $hook ) {
			$this->assertFalse( has_action( $hook ), "$hook hooked without Subscriptions" );
		}
		$this->assertSame( '', $wx->auto_debit_text() );
		$contracts = $this->sb->requestCount( 'contract' );
		$order     = $this->order_for( WeChatGateway::ID, '20.00' );
		$result    = $this->checkout( $order );
		$this->assertSame( 'success', $result['result'] );
		$this->assertSame( $contracts, $this->sb->requestCount( 'contract' ), 'a contract was signed without Subscriptions' );
		$this->assertNull( Contracts::record( $this->reloadOrder( $order ) ) );
		ob_start();
		do_action( 'woocommerce_receipt_' . WeChatGateway::ID, $order->get_id() );
		$page = (string) ob_get_clean();
		$this->assertStringNotContainsString( 'iotpay-contract', $page );
		$this->assertStringNotContainsString( 'auto-debit', strtolower( $page ) );
	}
}
