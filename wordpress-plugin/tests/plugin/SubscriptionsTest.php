<?php
/**
 * Issue 18 (cards): the card gateway as a WooCommerce Subscriptions gateway,
 * with the Subscriptions double active beside the plugin (its own process
 * per test: the rest of the suite runs without Subscriptions). Charges are
 * counted at the sandbox (the IOTPay orders it holds for the renewal order),
 * not in our tables.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Admin\OrderPanel;
use IotPay\WooCommerce\Gateway\CardGateway;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Recurring\CardRenewals;
use IotPay\WooCommerce\Recurring\Renewals;
use IotPay\WooCommerce\Recurring\Subscriptions;
use IotPay\WooCommerce\Settings\SharedSettings;

/**
 * @runTestsInSeparateProcesses
 * @preserveGlobalState disabled
 */
final class SubscriptionsTest extends PluginTestCase {

	use WithSubscriptions;

	protected function setUp(): void {
		parent::setUp();
		$this->enable_card_gateway();
	}

	/**
	 * A customer's sign-up paid with a saved card: the parent order, its
	 * subscription (monthly, 30.00 CAD, the card gateway), paid through
	 * process_payment as the checkout does.
	 *
	 * @return array{0: \WC_Subscription, 1: \WC_Order, 2: \WC_Payment_Token_CC}
	 */
	private function signup( string $total = '30.00' ): array {
		[ $user, $token ] = $this->customer_with_saved_card();
		$parent           = $this->createOrder( array( 'payment_method' => CardGateway::ID, 'total' => $total, 'currency' => 'CAD', 'customer_id' => $user ) );
		$sub              = wcs_create_subscription( array( 'order_id' => $parent->get_id(), 'billing_period' => 'month', 'billing_interval' => 1 ) );
		$sub->set_payment_method( CardGateway::ID );
		$sub->set_total( $total );
		$sub->save();
		$_POST  = array( 'wc-' . CardGateway::ID . '-payment-token' => (string) $token->get_id() );
		$result = $this->gateway( CardGateway::ID )->process_payment( $parent->get_id() );
		$_POST  = array();
		$this->assertSame( 'success', $result['result'] );
		$this->assertTrue( $this->reloadOrder( $parent )->is_paid() );
		$sub = wcs_get_subscription( $sub->get_id() );
		$this->assertSame( 'active', $sub->get_status() );
		$this->assertSame( $token->get_token(), (string) $sub->get_meta( CardRenewals::META ), 'the sign-up did not leave its card on the subscription' );
		return array( $sub, $parent, $token );
	}

	/** Subscriptions' scheduled payment (Action Scheduler's woocommerce_scheduled_subscription_payment): the renewal order it made. */
	private function renew( \WC_Subscription $sub ): \WC_Order {
		do_action( 'woocommerce_scheduled_subscription_payment', $sub->get_id() );
		$renewal = wcs_get_subscription( $sub->get_id() )->get_last_order( 'all', 'renewal' );
		$this->assertInstanceOf( \WC_Order::class, $renewal );
		return $this->reloadOrder( $renewal );
	}

	/** Purchases IOTPay holds for an order (what its customer's card was really charged, declined ones included). @return list<array<string, mixed>> */
	private function sandbox_charges( \WC_Order $order ): array {
		$prefix = SharedSettings::instance()->order_prefix() . $order->get_id() . '-';
		$orders = $this->sb->admin( 'GET', '/admin/orders' )['orders'] ?? array();
		return array_values( array_filter( $orders, static fn ( $o ) => str_starts_with( (string) ( $o['mchOrderNo'] ?? '' ), $prefix ) && ! str_contains( (string) $o['mchOrderNo'], 'R' ) ) );
	}

	private function charge_count( \WC_Order $order ): int {
		return count( $this->sandbox_charges( $order ) );
	}

	public function test_the_gateway_declares_every_subscription_feature(): void {
		$this->assertTrue( Subscriptions::active() );
		$gw = $this->gateway( CardGateway::ID );
		foreach ( Subscriptions::SUPPORTS as $feature ) {
			$this->assertTrue( $gw->supports( $feature ), "$feature not supported" );
		}
		$this->assertNotFalse( has_action( 'woocommerce_scheduled_subscription_payment_' . CardGateway::ID ) );
		// Saved cards off: nothing to renew with, so no subscription support.
		update_option( 'woocommerce_iotpay_card_settings', array( 'enabled' => 'yes', 'saved_cards' => 'no' ) );
		$this->assertFalse( ( new CardGateway() )->supports( 'subscriptions' ) );
		// UnionPay ExpressPay saves no cards (D37): no subscriptions either.
		$this->assertFalse( ( new \IotPay\WooCommerce\Gateway\UnionPayCardGateway() )->supports( 'subscriptions' ) );
	}

	/** Sign-up → renewal charged once; the scheduled action run again (twice) charges nothing more; the order panel and the log show the renewal. */
	public function test_renewal_is_charged_once_when_the_action_runs_twice(): void {
		[ $sub ] = $this->signup();
		$next    = $sub->get_date( 'next_payment' );
		$renewal = $this->renew( $sub );
		$this->assertTrue( $renewal->is_paid(), 'the renewal was not paid' );
		$this->assertSame( 1, $this->charge_count( $renewal ) );
		$this->assertTrue( (bool) ( $this->sandbox_charges( $renewal )[0]['paid'] ?? false ), 'IOTPay does not hold the renewal as paid' );
		$sub = wcs_get_subscription( $sub->get_id() );
		$this->assertSame( 'active', $sub->get_status() );
		$this->assertNotSame( $next, $sub->get_date( 'next_payment' ) );

		// The scheduled action runs again for the same renewal order (a retried job), twice.
		\WC_Subscriptions_Payment_Gateways::trigger_gateway_renewal_payment_hook( $this->reloadOrder( $renewal ) );
		do_action( 'woocommerce_scheduled_subscription_payment_' . CardGateway::ID, $renewal->get_total(), $this->reloadOrder( $renewal ) );
		$this->assertSame( 1, $this->charge_count( $renewal ), 'the renewal was charged twice' );
		$this->assertCount( 1, $this->payment_notes( $renewal ) );

		$a = $this->attempt( $renewal );
		$this->assertSame( Renewals::ORIGIN, $a->pay_data['origin'] ?? '' );
		ob_start();
		OrderPanel::render( $renewal );
		$panel = (string) ob_get_clean();
		$this->assertStringContainsString( '(subscription renewal)', $panel );
		$this->assertStringContainsString( $a->mch_order_no, $panel );
		$this->assertLogged( 'info', 'renewal paid' );
		$this->assertLogged( 'info', 'renewal already paid; nothing charged' );
	}

	/** Two cron runners fire the same scheduled payment at the same moment, in two PHP processes on the one database: one charge. */
	public function test_two_overlapping_runners_charge_once(): void {
		[ $sub ] = $this->signup();
		// Subscriptions' first step only: the renewal order, not charged yet.
		\WC_Subscriptions_Manager::prepare_renewal( $sub->get_id() );
		$renewal = wcs_get_subscription( $sub->get_id() )->get_last_order( 'all', 'renewal' );
		$this->assertInstanceOf( \WC_Order::class, $renewal );
		// The charge takes a while at IOTPay: the second runner arrives while the first is charging.
		$this->sb->setFaults( array( 'endpoint' => 'cc_purchasewithtoken', 'latency_ms' => 1500 ) );
		$talk  = sys_get_temp_dir() . '/iotpay-renew-' . bin2hex( random_bytes( 4 ) );
		mkdir( $talk );
		$procs = array();
		for ( $i = 0; $i < 2; $i++ ) {
			$procs[] = proc_open( array( PHP_BINARY, __DIR__ . '/fixtures/renewal-runner.php', (string) $renewal->get_id(), $talk ), array( 0 => array( 'file', '/dev/null', 'r' ), 1 => array( 'file', "$talk/out.log", 'a' ), 2 => array( 'file', "$talk/out.log", 'a' ) ), $pipes, null, getenv() );
		}
		$deadline = microtime( true ) + 30;
		while ( count( glob( "$talk/ready-*" ) ) < 2 && microtime( true ) < $deadline ) {
			usleep( 20_000 );
		}
		touch( "$talk/go" );
		foreach ( $procs as $p ) {
			proc_close( $p );
		}
		$done = glob( "$talk/done-*.json" );
		$this->assertCount( 2, $done, (string) @file_get_contents( "$talk/out.log" ) );
		foreach ( $done as $f ) {
			$d = json_decode( (string) file_get_contents( $f ), true );
			$this->assertTrue( $d['class'] && $d['extension'], 'a runner ran without Subscriptions or the extension' );
		}
		$seconds = array();
		foreach ( $done as $f ) {
			$seconds[] = (float) json_decode( (string) file_get_contents( $f ), true )['seconds'];
		}
		// Both ran while the charge was at IOTPay: the second one waited for the renewal's lock, then found it paid.
		$this->assertGreaterThan( 1.4, min( $seconds ), 'the runners did not overlap' );
		$this->assertLogged( 'info', 'renewal already paid; nothing charged' );
		$this->assertSame( 1, $this->charge_count( $renewal ), 'two runners charged the renewal twice' );
		$renewal = $this->wait_paid( $renewal );
		$this->assertTrue( $renewal->is_paid() );
		$this->assertCount( 1, $this->payment_notes( $renewal ) );
		$this->assertCount( 1, Attempts::for_order( $renewal->get_id() ) );
	}

	/** A declined renewal fails its order (Subscriptions: on hold); a second run charges nothing; the customer gives the subscription another card; the retry is paid. */
	public function test_declined_renewal_fails_and_the_retry_with_the_new_card_is_paid(): void {
		[ $sub, , $old ] = $this->signup();
		$this->sb->setFaults( array( 'endpoint' => 'cc_purchasewithtoken', 'cc_status' => 9, 'once' => true ) );
		$renewal = $this->renew( $sub );
		$this->assertSame( 'failed', $renewal->get_status() );
		$this->assertSame( 'on-hold', wcs_get_subscription( $sub->get_id() )->get_status() );
		$this->assertNotEmpty( array_filter( $this->getOrderNotes( $renewal->get_id() ), static fn ( $n ) => str_contains( $n, 'renewal payment was declined' ) ) );
		$this->assertSame( 1, $this->charge_count( $renewal ) );
		// The job runs again on the failed order: no second charge (only Subscriptions' retry charges again).
		do_action( 'woocommerce_scheduled_subscription_payment_' . CardGateway::ID, $renewal->get_total(), $this->reloadOrder( $renewal ) );
		$this->assertSame( 1, $this->charge_count( $renewal ), 'a failed renewal was charged again without a retry' );

		// The customer saves another card and makes it the subscription's (Change payment method).
		[ , $new ] = $this->customer_with_saved_card( '5555555555554444', $sub->get_customer_id() );
		$this->assertNotSame( $old->get_token(), $new->get_token() );
		$result = \WC_Subscriptions_Change_Payment_Gateway::double_change_by_customer( wcs_get_subscription( $sub->get_id() ), CardGateway::ID, array( 'wc-' . CardGateway::ID . '-payment-token' => (string) $new->get_id() ) );
		$this->assertSame( 'success', $result['result'] );
		$this->assertSame( $new->get_token(), (string) wcs_get_subscription( $sub->get_id() )->get_meta( CardRenewals::META ) );
		$this->assertSame( 0, $this->charge_count( wcs_get_subscription( $sub->get_id() ) ), 'changing the card charged something' );

		// Subscriptions' retry of the failed renewal: charged to the new card, paid.
		\WCS_Retry_Manager::double_retry( $this->reloadOrder( $renewal ) );
		$renewal = $this->reloadOrder( $renewal );
		$this->assertTrue( $renewal->is_paid(), 'the retry was not paid' );
		$charges = $this->sandbox_charges( $renewal );
		$this->assertCount( 2, $charges );
		$this->assertSame( $new->get_token(), $this->attempt( $renewal )->pay_data['cardId'] ?? '' );
		$this->assertSame( 'active', wcs_get_subscription( $sub->get_id() )->get_status() );
	}

	/** A renewal whose answer is lost after IOTPay charged the card (process-then-5xx) is queried and completed, never charged again. */
	public function test_a_lost_renewal_answer_is_queried_not_repeated(): void {
		[ $sub ] = $this->signup();
		$this->sb->setFaults( array( 'endpoint' => 'cc_purchasewithtoken', 'process_then_5xx_rate' => 1.0, 'once' => true ) );
		$renewal = $this->renew( $sub );
		$this->assertSame( 1, $this->charge_count( $renewal ) );
		$this->assertTrue( $renewal->is_paid(), 'the charged renewal was not recorded' );
		$this->assertLogged( 'warning', 'create outcome unknown; querying' );
		do_action( 'woocommerce_scheduled_subscription_payment_' . CardGateway::ID, $renewal->get_total(), $this->reloadOrder( $renewal ) );
		$this->assertSame( 1, $this->charge_count( $renewal ), 'the renewal was charged again after a lost answer' );
	}

	/** IOTPay does not answer at all and cannot be asked: the renewal stays pending (never failed, never charged again) until reconciliation knows. */
	public function test_an_unknown_renewal_is_not_charged_again_and_reconciliation_settles_it(): void {
		[ $sub ] = $this->signup();
		// Its notification is lost too: else it may pay the order at any moment of this test (a race, not the case under test).
		$this->sb->setFaults( array( 'endpoint' => 'cc_purchasewithtoken', 'process_then_5xx_rate' => 1.0, 'notify_drop' => true, 'once' => true ) );
		$this->sb->setFaults( array( 'endpoint' => 'cc_query', 'http_status' => 502 ) );
		$renewal = $this->renew( $sub );
		$this->assertSame( 'pending', $renewal->get_status() );
		$this->assertTrue( $this->attempt( $renewal )->is_live() );
		// The job runs again while IOTPay still cannot be asked: nothing charged.
		do_action( 'woocommerce_scheduled_subscription_payment_' . CardGateway::ID, $renewal->get_total(), $this->reloadOrder( $renewal ) );
		$this->assertSame( 1, $this->charge_count( $renewal ), 'charged again while the first charge may have gone through' );
		$this->assertCount( 1, Attempts::for_order( $renewal->get_id() ) );
		$this->assertLogged( 'warning', 'renewal not charged: an earlier charge may still go through' );
		// IOTPay answers again: the background check records the payment.
		$this->sb->clearFaults();
		$this->advanceTime( 120 );
		$this->runScheduledActions();
		$this->assertTrue( $this->reloadOrder( $renewal )->is_paid() );
		$this->assertSame( 1, $this->charge_count( $renewal ) );
	}

	/** A renewal refunded through the refund state machine (an ordinary card attempt). */
	public function test_a_renewal_is_refunded(): void {
		[ $sub ] = $this->signup();
		$renewal = $this->renew( $sub );
		$this->assertTrue( $renewal->is_paid() );
		$refund = wc_create_refund( array( 'order_id' => $renewal->get_id(), 'amount' => '10.00', 'reason' => 'partial', 'refund_payment' => true ) );
		$this->assertInstanceOf( \WC_Order_Refund::class, $refund, is_wp_error( $refund ) ? $refund->get_error_message() : '' );
		$rows = \IotPay\WooCommerce\Refund\Refunds::for_order( $renewal->get_id() );
		$this->assertCount( 1, $rows );
		$this->assertSame( 1000, $rows[0]->amount );
		$charge = $this->sandbox_order( (string) $this->attempt( $renewal )->pay_order_id );
		$this->assertSame( 1000, (int) $charge['refundedAmount'] );
	}

	/** The admin gives the subscription another of the customer's cards (payment meta, validated); a card of nobody's is refused. */
	public function test_admin_changes_the_card_with_validation(): void {
		[ $sub, , $old ] = $this->signup();
		$fields          = apply_filters( 'woocommerce_subscription_payment_meta', array(), $sub );
		$this->assertSame( $old->get_token(), $fields[ CardGateway::ID ]['post_meta'][ CardRenewals::META ]['value'] ?? null );
		$error = \WC_Subscriptions_Change_Payment_Gateway::double_change_by_admin( wcs_get_subscription( $sub->get_id() ), CardGateway::ID, array( CardRenewals::META => 'TnotAcard-123' ) );
		$this->assertStringContainsString( 'not one of the customer', $error );
		$this->assertSame( $old->get_token(), (string) wcs_get_subscription( $sub->get_id() )->get_meta( CardRenewals::META ) );

		[ , $new ] = $this->customer_with_saved_card( '5555555555554444', $sub->get_customer_id() );
		$this->assertSame( '', \WC_Subscriptions_Change_Payment_Gateway::double_change_by_admin( wcs_get_subscription( $sub->get_id() ), CardGateway::ID, array( CardRenewals::META => $new->get_token() ) ) );
		$fresh = wcs_get_subscription( $sub->get_id() );
		$this->assertSame( $new->get_token(), (string) $fresh->get_meta( CardRenewals::META ) );
		$this->assertStringContainsString( '4444', $fresh->get_payment_method_to_display() );
		$renewal = $this->renew( $fresh );
		$this->assertTrue( $renewal->is_paid() );
		$this->assertSame( $new->get_token(), $this->attempt( $renewal )->pay_data['cardId'] ?? '' );
	}

	/** The customer changes to a new card (IOTPay's add-card page, then the return): recorded on the subscription, nothing charged. */
	public function test_customer_changes_to_a_new_card(): void {
		[ $sub, , $old ] = $this->signup();
		$user            = $sub->get_customer_id();
		wp_set_current_user( $user );
		$result = \WC_Subscriptions_Change_Payment_Gateway::double_change_by_customer( wcs_get_subscription( $sub->get_id() ), CardGateway::ID, array( 'wc-' . CardGateway::ID . '-payment-token' => 'new' ) );
		$this->assertSame( 'success', $result['result'] );
		$r = $this->sb->submitPage( $result['redirect'] . '/add', array( 'cardNum' => '5555555555554444', 'expiryDate' => '1131', 'holder' => 'Jane Doe', 'cvv' => '123' ) );
		$this->assertSame( 303, $r['status'] );
		$back = $this->httpRequest( 'GET', (string) $r['location'], array( 'Cookie' => $this->authCookieHeader( $user ) ) );
		$this->assertSame( 302, $back['status'], $back['body'] );
		$fresh = wcs_get_subscription( $sub->get_id() );
		$card  = (string) $fresh->get_meta( CardRenewals::META );
		$this->assertNotSame( $old->get_token(), $card );
		$this->assertNotSame( '', $card );
		$this->assertCount( 0, Attempts::for_order( $sub->get_id() ), 'changing the card charged something' );
		$renewal = $this->renew( $fresh );
		$this->assertTrue( $renewal->is_paid() );
		$this->assertSame( $card, $this->attempt( $renewal )->pay_data['cardId'] ?? '' );
	}

	/** Early renewal: the customer pays a renewal order now with the saved card; the subscription's next payment moves on. */
	public function test_early_renewal(): void {
		[ $sub, , $token ] = $this->signup();
		$next              = wcs_get_subscription( $sub->get_id() )->get_date( 'next_payment' );
		$early             = wcs_double_create_early_renewal_order( wcs_get_subscription( $sub->get_id() ) );
		wp_set_current_user( $sub->get_customer_id() );
		$_POST  = array( 'wc-' . CardGateway::ID . '-payment-token' => (string) $token->get_id() );
		$result = $this->gateway( CardGateway::ID )->process_payment( $early->get_id() );
		$_POST  = array();
		$this->assertSame( 'success', $result['result'] );
		$this->assertTrue( $this->reloadOrder( $early )->is_paid() );
		$this->assertSame( 1, $this->charge_count( $early ) );
		$this->assertNotSame( $next, wcs_get_subscription( $sub->get_id() )->get_date( 'next_payment' ) );
		$this->assertSame( '', $this->attempt( $early )->pay_data['origin'] ?? '', 'a payment by the customer labelled as an automatic renewal' );
	}

	/** Suspension, reactivation and cancellation are Subscriptions' own: a cancelled subscription's job charges nothing. */
	public function test_suspend_reactivate_cancel(): void {
		[ $sub ] = $this->signup();
		$sub->update_status( 'on-hold' );
		$sub = wcs_get_subscription( $sub->get_id() );
		$sub->update_status( 'active' );
		$renewal = $this->renew( wcs_get_subscription( $sub->get_id() ) );
		$this->assertTrue( $renewal->is_paid() );
		$sub = wcs_get_subscription( $sub->get_id() );
		$sub->update_status( 'cancelled' );
		$this->assertLogged( 'info', 'subscription cancelled' );
		do_action( 'woocommerce_scheduled_subscription_payment', $sub->get_id() );
		$this->assertCount( 1, wcs_get_subscription( $sub->get_id() )->get_related_orders( 'ids', 'renewal' ) );
	}

	/** An amount change: the renewal charges the renewal order's own total. */
	public function test_amount_change(): void {
		[ $sub ] = $this->signup();
		$sub->set_total( '45.50' );
		$sub->save();
		$renewal = $this->renew( wcs_get_subscription( $sub->get_id() ) );
		$this->assertTrue( $renewal->is_paid() );
		$this->assertSame( 4550, (int) $this->sandbox_charges( $renewal )[0]['amount'] );
	}

	/** An expired saved card is refused before any call: the renewal fails with the reason, nothing reaches IOTPay. */
	public function test_an_expired_card_fails_the_renewal_before_any_call(): void {
		[ $sub, , $token ] = $this->signup();
		$token->set_expiry_year( '2020' );
		$token->save();
		$renewal = $this->renew( $sub );
		$this->assertSame( 'failed', $renewal->get_status() );
		$this->assertSame( 0, $this->charge_count( $renewal ), 'an expired card was sent to IOTPay' );
		$this->assertCount( 0, Attempts::for_order( $renewal->get_id() ) );
		$this->assertNotEmpty( array_filter( $this->getOrderNotes( $renewal->get_id() ), static fn ( $n ) => str_contains( $n, 'expired in 12/2020' ) ) );
		$this->assertSame( 'on-hold', wcs_get_subscription( $sub->get_id() )->get_status() );
	}

	/**
	 * A charge IOTPay never confirms (lost answer, every query fails) is given
	 * up after the background schedule: the renewal fails with the portal
	 * note. Subscriptions' retry then asks IOTPay about that charge first and
	 * charges nothing while it still cannot be told; once IOTPay says it has
	 * no such charge, the retry charges.
	 */
	public function test_a_renewal_never_confirmed_fails_and_a_retry_asks_first(): void {
		[ $sub ] = $this->signup();
		$this->sb->setFaults( array( 'endpoint' => 'cc_purchasewithtoken', 'http_status' => 502, 'once' => true ) );
		$this->sb->setFaults( array( 'endpoint' => 'cc_query', 'http_status' => 502 ) );
		$renewal = $this->renew( $sub );
		$this->assertSame( 'pending', $renewal->get_status() );
		$a = $this->attempt( $renewal );
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'UPDATE ' . \IotPay\WooCommerce\Payment\Schema::attempts_table() . ' SET checks = 8 WHERE id = %d', $a->id ) );
		\IotPay\WooCommerce\Reconcile\Reconciler::check_attempt( $a->id );
		$renewal = $this->reloadOrder( $renewal );
		$this->assertSame( 'failed', $renewal->get_status(), 'a renewal never confirmed stays pending for ever' );
		$this->assertNotEmpty( array_filter( $this->getOrderNotes( $renewal->get_id() ), static fn ( $n ) => str_contains( $n, 'never confirmed whether the renewal charge' ) ) );
		$this->assertSame( 'on-hold', wcs_get_subscription( $sub->get_id() )->get_status() );

		// Subscriptions retries while IOTPay still cannot be asked: nothing is charged.
		\WCS_Retry_Manager::double_retry( $renewal );
		$this->assertCount( 1, Attempts::for_order( $renewal->get_id() ), 'a retry charged while the first charge may have gone through' );
		$this->assertSame( 'failed', $this->reloadOrder( $renewal )->get_status() );

		// IOTPay answers again and has no such charge: the next retry charges.
		$this->sb->clearFaults();
		\WCS_Retry_Manager::double_retry( $this->reloadOrder( $renewal ) );
		$this->assertTrue( $this->reloadOrder( $renewal )->is_paid() );
		$this->assertSame( 1, $this->charge_count( $renewal ) );
	}

	/** The sign-up paid with a new card: the card is saved first (IOTPay's page), then charged, and the subscription renews with it. */
	public function test_signup_with_a_new_card_saves_it_for_the_renewals(): void {
		$user   = $this->createUser( 'customer' );
		wp_set_current_user( $user );
		$parent = $this->createOrder( array( 'payment_method' => CardGateway::ID, 'total' => '19.00', 'currency' => 'CAD', 'customer_id' => $user ) );
		$sub    = wcs_create_subscription( array( 'order_id' => $parent->get_id() ) );
		$sub->set_payment_method( CardGateway::ID );
		$sub->set_total( '19.00' );
		$sub->save();
		// No "save card" ticked: a subscription's payment saves the card anyway.
		$result = $this->gateway( CardGateway::ID )->process_payment( $parent->get_id() );
		$this->assertSame( 'success', $result['result'] );
		$this->assertStringContainsString( $this->sb->http, (string) $result['redirect'], 'the sign-up was sent to a one-off card page' );
		$r = $this->sb->submitPage( $result['redirect'] . '/add', array( 'cardNum' => '4242424242424242', 'expiryDate' => '1230', 'holder' => 'Jane Doe', 'cvv' => '123' ) );
		$this->assertSame( 303, $r['status'] );
		$back = $this->httpRequest( 'GET', (string) $r['location'], array( 'Cookie' => $this->authCookieHeader( $user ) ) );
		$this->assertSame( 302, $back['status'], $back['body'] );
		$this->assertTrue( $this->wait_paid( $parent )->is_paid() );
		$tokens = array_values( \WC_Payment_Tokens::get_customer_tokens( $user, CardGateway::ID ) );
		$this->assertCount( 1, $tokens );
		$fresh = wcs_get_subscription( $sub->get_id() );
		$this->assertSame( 'active', $fresh->get_status() );
		$this->assertSame( $tokens[0]->get_token(), (string) $fresh->get_meta( CardRenewals::META ) );
		$renewal = $this->renew( $fresh );
		$this->assertTrue( $renewal->is_paid() );
	}

	/** The customer pays a failed renewal with another saved card: the subscription renews with that card from then on. */
	public function test_paying_a_failed_renewal_with_another_card_updates_the_subscription(): void {
		[ $sub ] = $this->signup();
		$this->sb->setFaults( array( 'endpoint' => 'cc_purchasewithtoken', 'cc_status' => 9, 'once' => true ) );
		$renewal = $this->renew( $sub );
		$this->assertSame( 'failed', $renewal->get_status() );
		[ , $new ] = $this->customer_with_saved_card( '5555555555554444', $sub->get_customer_id() );
		$_POST  = array( 'wc-' . CardGateway::ID . '-payment-token' => (string) $new->get_id() );
		$result = $this->gateway( CardGateway::ID )->process_payment( $renewal->get_id() );
		$_POST  = array();
		$this->assertSame( 'success', $result['result'] );
		$this->assertTrue( $this->reloadOrder( $renewal )->is_paid() );
		$fresh = wcs_get_subscription( $sub->get_id() );
		$this->assertSame( 'active', $fresh->get_status() );
		$this->assertSame( $new->get_token(), (string) $fresh->get_meta( CardRenewals::META ), 'the failing payment method was not updated' );
		$next = $this->renew( $fresh );
		$this->assertTrue( $next->is_paid() );
		$this->assertSame( $new->get_token(), $this->attempt( $next )->pay_data['cardId'] ?? '' );
	}

	/** The same renewal on the posts storage (HPOS off): subscriptions and renewal orders as posts. */
	public function test_renewal_on_the_posts_storage(): void {
		$this->setHposEnabled( false );
		[ $sub ] = $this->signup();
		$this->assertSame( 'shop_subscription', get_post_type( $sub->get_id() ) );
		$renewal = $this->renew( $sub );
		$this->assertTrue( $renewal->is_paid() );
		do_action( 'woocommerce_scheduled_subscription_payment_' . CardGateway::ID, $renewal->get_total(), $this->reloadOrder( $renewal ) );
		$this->assertSame( 1, $this->charge_count( $renewal ) );
	}

	/** One order, two subscriptions: each takes the card, each renewal is charged once on its own renewal order. */
	public function test_multiple_subscriptions_from_one_order(): void {
		[ $user, $token ] = $this->customer_with_saved_card();
		$parent           = $this->createOrder( array( 'payment_method' => CardGateway::ID, 'total' => '25.00', 'currency' => 'CAD', 'customer_id' => $user ) );
		$subs             = array();
		foreach ( array( '10.00', '15.00' ) as $total ) {
			$sub = wcs_create_subscription( array( 'order_id' => $parent->get_id() ) );
			$sub->set_payment_method( CardGateway::ID );
			$sub->set_total( $total );
			$sub->save();
			$subs[] = $sub;
		}
		$_POST  = array( 'wc-' . CardGateway::ID . '-payment-token' => (string) $token->get_id() );
		$result = $this->gateway( CardGateway::ID )->process_payment( $parent->get_id() );
		$_POST  = array();
		$this->assertSame( 'success', $result['result'] );
		foreach ( $subs as $i => $sub ) {
			$fresh = wcs_get_subscription( $sub->get_id() );
			$this->assertSame( 'active', $fresh->get_status() );
			$this->assertSame( $token->get_token(), (string) $fresh->get_meta( CardRenewals::META ) );
			$renewal = $this->renew( $fresh );
			$this->assertTrue( $renewal->is_paid() );
			$charges = $this->sandbox_charges( $renewal );
			$this->assertCount( 1, $charges );
			$this->assertSame( 0 === $i ? 1000 : 1500, (int) $charges[0]['amount'] );
		}
	}
}
