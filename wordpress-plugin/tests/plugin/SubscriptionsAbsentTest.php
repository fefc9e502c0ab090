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
use IotPay\WooCommerce\Recurring\Subscriptions;

final class SubscriptionsAbsentTest extends PluginTestCase {

	protected function setUp(): void {
		parent::setUp();
		update_option( 'woocommerce_iotpay_card_settings', array( 'enabled' => 'yes', 'mode' => 'redirect', 'saved_cards' => 'yes' ) );
		\WC_Payment_Gateways::reset_instance();
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
}
