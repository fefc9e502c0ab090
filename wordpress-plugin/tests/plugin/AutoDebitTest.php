<?php
/**
 * Issue 18 (WeChat auto-debit): the WeChat gateway as a WooCommerce
 * Subscriptions gateway whose renewals are debited on a WeChat withholding
 * contract (IOTPay Autodebit) — real WordPress, the Subscriptions double,
 * the real extension and the sandbox, which delivers the contract callbacks
 * and the debits' payment callbacks to the shop over HTTP. Requests that
 * reach IOTPay are counted by the sandbox (GET /admin/requests), not by us.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Gateway\WeChatGateway;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Protocol;
use IotPay\WooCommerce\Recurring\ContractRenewals;
use IotPay\WooCommerce\Recurring\Contracts;
use IotPay\WooCommerce\Recurring\Subscriptions;

/**
 * @runTestsInSeparateProcesses
 * @preserveGlobalState disabled
 */
final class AutoDebitTest extends PluginTestCase {

	use WithSubscriptions;

	/** How many requests IOTPay (the sandbox) received at an endpoint. */
	private function requests( string $endpoint ): int {
		return $this->sb->requestCount( $endpoint );
	}

	/** A customer's parent order and its subscription (the WeChat gateway), not paid yet. @return array{0: \WC_Subscription, 1: \WC_Order} */
	private function subscription_order( string $total = '20.00', string $period = 'month', int $interval = 1 ): array {
		$user = $this->createUser( 'customer' );
		wp_set_current_user( $user );
		$parent = $this->createOrder( array( 'payment_method' => WeChatGateway::ID, 'total' => $total, 'currency' => 'CAD', 'customer_id' => $user ) );
		$sub    = wcs_create_subscription( array( 'order_id' => $parent->get_id(), 'billing_period' => $period, 'billing_interval' => $interval ) );
		$sub->set_payment_method( WeChatGateway::ID );
		$sub->set_total( $total );
		$sub->save();
		return array( $sub, $parent );
	}

	/**
	 * Sign-up: checkout (the contract is created, the first payment starts as a
	 * QR code), the customer pays the QR code and signs the contract in WeChat
	 * (the sandbox's payer actions); the callbacks reach the shop.
	 *
	 * @return array{0: \WC_Subscription, 1: \WC_Order, 2: array<string, mixed>}
	 */
	private function signup( string $total = '20.00' ): array {
		[ $sub, $parent ] = $this->subscription_order( $total );
		$result           = $this->checkout( $parent );
		$this->assertSame( 'success', $result['result'], implode( ' ', array_column( wc_get_notices( 'error' ), 'notice' ) ) );
		$record = Contracts::record( $this->reloadOrder( $parent ) );
		$this->assertNotNull( $record, 'no contract was created at checkout' );
		$this->assertSame( Contracts::PENDING, $record['status'] );
		$this->assertStringContainsString( '/sign-contract/', $record['sign_url'] );

		// The payment page shows where to sign.
		ob_start();
		do_action( 'woocommerce_receipt_' . WeChatGateway::ID, $parent->get_id() );
		$page = (string) ob_get_clean();
		$this->assertStringContainsString( 'data-iotpay-contract="pending"', $page );
		$this->assertStringContainsString( esc_url( $record['sign_url'] ), $page );

		// First payment, today: the QR code paid.
		$a = $this->attempt( $parent );
		$this->assertSame( Protocol::V1, $a->family );
		$this->sb->pay( (string) $a->pay_order_id );
		$parent = $this->wait_paid( $parent );
		$this->assertTrue( $parent->is_paid() );

		// The customer signs in WeChat: the callback makes the contract the subscription's credential.
		$this->sb->setContract( $record['iotpay_id'], 'sign' );
		$sub = $this->wait_for( fn () => '' !== (string) $this->fresh_sub( $sub )->get_meta( ContractRenewals::META ) ? $this->fresh_sub( $sub ) : null );
		$this->assertSame( $record['id'], (string) $sub->get_meta( ContractRenewals::META ) );
		$this->assertSame( Contracts::SIGNED, Contracts::record( $this->reloadOrder( $parent ) )['status'] );
		$this->assertSame( 'active', $sub->get_status() );
		return array( $sub, $parent, $record );
	}

	/** The subscription as the database holds it now (written by the shop's workers). */
	private function fresh_sub( \WC_Order $sub ): \WC_Order {
		$fresh = \IotPay\WooCommerce\Payment\OrderReader::fresh_order( $sub->get_id() );
		$this->assertInstanceOf( \WC_Subscription::class, $fresh );
		return $fresh;
	}

	/** Polls until $fn returns something not null (a callback handled by the shop's workers). */
	private function wait_for( callable $fn, float $seconds = 10.0 ): mixed {
		$deadline = microtime( true ) + $seconds;
		do {
			$v = $fn();
			if ( null !== $v ) {
				return $v;
			}
			usleep( 100_000 );
		} while ( microtime( true ) < $deadline );
		$this->fail( 'timed out; sandbox log: ' . substr( $this->sb->log(), -2000 ) );
	}

	private function renew( \WC_Order $sub ): \WC_Order {
		do_action( 'woocommerce_scheduled_subscription_payment', $sub->get_id() );
		$renewal = wcs_get_subscription( $sub->get_id() )->get_last_order( 'all', 'renewal' );
		$this->assertInstanceOf( \WC_Order::class, $renewal );
		return $this->reloadOrder( $renewal );
	}

	/** @return list<string> */
	private function notes_with( \WC_Order $order, string $text ): array {
		return array_values( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( $n ) => str_contains( $n, $text ) ) );
	}

	public function test_the_gateway_declares_subscription_features_with_subscriptions_active(): void {
		$this->assertTrue( Subscriptions::active() );
		$gw = $this->gateway( WeChatGateway::ID );
		foreach ( Subscriptions::SUPPORTS as $feature ) {
			$this->assertTrue( $gw->supports( $feature ), "$feature not supported" );
		}
		$this->assertNotFalse( has_action( 'woocommerce_scheduled_subscription_payment_' . WeChatGateway::ID ) );
	}

	/** Sign-up → renewal debited on the contract once; the scheduled action run again debits nothing; 50 duplicate payment callbacks → one completion; a refund goes through the v1 refund API. */
	public function test_signup_then_renewal_debited_once_and_50_duplicate_callbacks_complete_once(): void {
		[ $sub, , $record ] = $this->signup();
		$debits_before      = $this->requests( 'contract_create_order' );
		$renewal            = $this->renew( $sub );
		$this->assertTrue( $renewal->is_paid(), 'the renewal was not debited: ' . implode( ' | ', $this->getOrderNotes( $renewal->get_id() ) ) );
		$this->assertSame( $debits_before + 1, $this->requests( 'contract_create_order' ) );
		$a = $this->attempt( $renewal );
		$this->assertSame( Protocol::AUTODEBIT, $a->family );
		$this->assertSame( $record['id'], $a->pay_data['mchContractId'] ?? '' );
		$this->assertSame( 'renewal', $a->pay_data['origin'] ?? '' );
		$this->assertSame( 'active', $this->fresh_sub( $sub )->get_status() );

		// The scheduled action again, twice: nothing debited.
		do_action( 'woocommerce_scheduled_subscription_payment_' . WeChatGateway::ID, $renewal->get_total(), $this->reloadOrder( $renewal ) );
		\WC_Subscriptions_Payment_Gateways::trigger_gateway_renewal_payment_hook( $this->reloadOrder( $renewal ) );
		$this->assertSame( $debits_before + 1, $this->requests( 'contract_create_order' ), 'the renewal was debited twice' );

		// IOTPay's §6 payment callback of the debit, 50 times at once, on the v1 notify route.
		$body    = $this->notification_body( Attempts::find( $a->id ), array( 'channelId' => $a->channel ) );
		$answers = $this->burst( array_fill( 0, 50, array( 'method' => 'POST', 'url' => $this->shop . '/wp-json/iotpay/v1/notify', 'body' => $body, 'headers' => array( 'Content-Type: application/x-www-form-urlencoded' ) ) ) );
		foreach ( $answers as $r ) {
			$this->assertSame( 200, $r['status'], $r['body'] );
			$this->assertSame( 'success', $r['body'] );
		}
		$renewal = $this->reloadOrder( $renewal );
		$this->assertCount( 1, $this->payment_notes( $renewal ), 'the debit was completed more than once' );
		$this->assertCount( 1, Attempts::for_order( $renewal->get_id() ) );

		// A refund of the debited renewal: the v1 refund API, through the refund state machine.
		$refunds_before = $this->requests( 'refund_order' );
		$refund         = wc_create_refund( array( 'order_id' => $renewal->get_id(), 'amount' => '5.00', 'reason' => 'test', 'refund_payment' => true ) );
		$this->assertInstanceOf( \WC_Order_Refund::class, $refund, is_wp_error( $refund ) ? $refund->get_error_message() : '' );
		$this->assertSame( $refunds_before + 1, $this->requests( 'refund_order' ) );
		$row = \IotPay\WooCommerce\Refund\Refunds::for_order( $renewal->get_id() )[0] ?? null;
		$this->assertNotNull( $row );
		$this->assertSame( Protocol::AUTODEBIT, $row->family );
		$this->assertSame( 500, $row->amount );
	}

	/** A renewal above the per-debit limit (the admin raised the amount): failed with the reason, and no request reached IOTPay. */
	public function test_renewal_above_the_limit_is_refused_before_any_call(): void {
		[ $sub ] = $this->signup();
		$sub     = $this->fresh_sub( $sub );
		$sub->set_total( '30.01' );
		$sub->save();
		$before  = $this->requests( 'contract_create_order' );
		$renewal = $this->renew( $sub );
		$this->assertSame( 'failed', $renewal->get_status() );
		$this->assertSame( $before, $this->requests( 'contract_create_order' ), 'a debit above the limit reached IOTPay' );
		$this->assertNotEmpty( $this->notes_with( $renewal, 'above the limit of 30.00 CAD per debit' ) );
		$this->assertSame( 'on-hold', $this->fresh_sub( $sub )->get_status() );
		$this->assertCount( 0, Attempts::for_order( $renewal->get_id() ) );

		// The customer pays that renewal by hand with WeChat Pay: a normal payment, no new contract, nothing debited.
		$contracts = $this->requests( 'contract' );
		$result    = $this->checkout( $this->reloadOrder( $renewal ) );
		$this->assertSame( 'success', $result['result'], implode( ' ', array_column( wc_get_notices( 'error' ), 'notice' ) ) );
		$this->assertSame( $contracts, $this->requests( 'contract' ) );
		$this->assertSame( Protocol::V1, $this->attempt( $renewal )->family );
		$this->assertSame( $before, $this->requests( 'contract_create_order' ) );
	}

	/** A second renewal the same day (an early renewal, or dates moved by the admin): refused before any call, the renewal failed so Subscriptions retries. */
	public function test_second_debit_the_same_day_is_refused_before_any_call(): void {
		[ $sub ] = $this->signup( '10.00' );
		$first   = $this->renew( $sub );
		$this->assertTrue( $first->is_paid() );
		$before = $this->requests( 'contract_create_order' );
		$second = $this->renew( $this->fresh_sub( $sub ) );
		$this->assertNotSame( $first->get_id(), $second->get_id() );
		$this->assertSame( 'failed', $second->get_status() );
		$this->assertSame( $before, $this->requests( 'contract_create_order' ), 'a second debit the same day reached IOTPay' );
		$this->assertNotEmpty( $this->notes_with( $second, 'already debited today' ) );
	}

	/** The customer terminates the contract: the subscription asks for a new method (customer told), the next renewal fails cleanly without a call; a replayed "signed" never revives it. */
	public function test_terminated_contract_fails_the_renewal_and_asks_for_a_new_method(): void {
		[ $sub, $parent, $record ] = $this->signup();
		$this->sb->setContract( $record['iotpay_id'], 'terminate' );
		$sub = $this->wait_for( fn () => '' !== (string) $this->fresh_sub( $sub )->get_meta( ContractRenewals::META_NEEDS_UPDATE ) ? $this->fresh_sub( $sub ) : null );
		$this->assertSame( Contracts::TERMINATED, Contracts::record( $this->reloadOrder( $parent ) )['status'] );
		$customer_notes = array_filter( wc_get_order_notes( array( 'order_id' => $sub->get_id(), 'type' => 'customer' ) ), static fn ( $n ) => str_contains( $n->content, 'update the payment method' ) );
		$this->assertCount( 1, $customer_notes, 'the customer was not told (once)' );

		$before  = $this->requests( 'contract_create_order' );
		$renewal = $this->renew( $sub );
		$this->assertSame( 'failed', $renewal->get_status() );
		$this->assertSame( $before, $this->requests( 'contract_create_order' ) );
		$this->assertNotEmpty( $this->notes_with( $renewal, 'terminated the WeChat auto-debit contract' ) );
		$this->assertSame( 'on-hold', $this->fresh_sub( $sub )->get_status() );
		$this->assertStringContainsString( 'terminated', ( new ContractRenewals() )->describe( $sub->get_customer_id(), $record['id'] ) );
	}

	/**
	 * After a termination the customer changes the payment method (a new
	 * contract signed for the subscription; nothing charged), Subscriptions'
	 * retry of the failed renewal is debited on it; the admin can only give
	 * the subscription a signed contract of the same customer.
	 */
	public function test_payment_method_change_by_customer_and_admin_after_termination(): void {
		[ $sub, , $old ] = $this->signup();
		$this->sb->setContract( $old['iotpay_id'], 'terminate' );
		$sub     = $this->wait_for( fn () => '' !== (string) $this->fresh_sub( $sub )->get_meta( ContractRenewals::META_NEEDS_UPDATE ) ? $this->fresh_sub( $sub ) : null );
		$renewal = $this->renew( $sub );
		$this->assertSame( 'failed', $renewal->get_status() );

		// The admin cannot give it the terminated contract, nor another number.
		$this->assertStringContainsString( 'not signed (or was terminated)', \WC_Subscriptions_Change_Payment_Gateway::double_change_by_admin( $this->fresh_sub( $sub ), WeChatGateway::ID, array( ContractRenewals::META => $old['id'] ) ) );
		$this->assertStringContainsString( 'not the number of a WeChat auto-debit contract', \WC_Subscriptions_Change_Payment_Gateway::double_change_by_admin( $this->fresh_sub( $sub ), WeChatGateway::ID, array( ContractRenewals::META => 'T1-ad-1-000000000000' ) ) );

		// The customer's "Change payment": a new contract on the subscription, signed in WeChat.
		$debits = $this->requests( 'contract_create_order' );
		$result = \WC_Subscriptions_Change_Payment_Gateway::double_change_by_customer( $this->fresh_sub( $sub ), WeChatGateway::ID );
		$this->assertSame( 'success', $result['result'] );
		$new = Contracts::record( $this->fresh_sub( $sub ) );
		$this->assertNotNull( $new );
		$this->assertNotSame( $old['id'], $new['id'] );
		$this->sb->setContract( $new['iotpay_id'], 'sign' );
		$sub = $this->wait_for( fn () => $new['id'] === (string) $this->fresh_sub( $sub )->get_meta( ContractRenewals::META ) ? $this->fresh_sub( $sub ) : null );
		$this->assertSame( '', (string) $sub->get_meta( ContractRenewals::META_NEEDS_UPDATE ) );
		$this->assertSame( $debits, $this->requests( 'contract_create_order' ), 'changing the method debited something' );

		// Subscriptions' retry of the failed renewal: debited on the new contract, once.
		\WCS_Retry_Manager::double_retry( $this->reloadOrder( $renewal ) );
		$renewal = $this->reloadOrder( $renewal );
		$this->assertTrue( $renewal->is_paid(), implode( ' | ', $this->getOrderNotes( $renewal->get_id() ) ) );
		$this->assertSame( $new['id'], $this->attempt( $renewal )->pay_data['mchContractId'] ?? '' );
		$this->assertSame( $debits + 1, $this->requests( 'contract_create_order' ) );
		$this->assertSame( 'active', $this->fresh_sub( $sub )->get_status() );

		// Now signed: the admin may set it (validated), and the subscription shows it.
		$this->assertSame( '', \WC_Subscriptions_Change_Payment_Gateway::double_change_by_admin( $this->fresh_sub( $sub ), WeChatGateway::ID, array( ContractRenewals::META => $new['id'] ) ) );
		$this->assertStringContainsString( 'WeChat auto-debit (signed)', $this->fresh_sub( $sub )->get_payment_method_to_display() );
	}

	/** A subscription whose renewal is above the limit: WeChat says why at checkout and refuses it, no contract is created. */
	public function test_a_subscription_over_the_limit_is_not_offered_auto_debit_and_says_why(): void {
		[ , $parent ] = $this->subscription_order( '45.00' );
		global $wp;
		$wp->query_vars['order-pay'] = $parent->get_id();
		ob_start();
		$this->gateway( WeChatGateway::ID )->payment_fields();
		$fields = (string) ob_get_clean();
		unset( $wp->query_vars['order-pay'] );
		$this->assertStringContainsString( 'WeChat auto-debit is not available for this subscription', $fields );
		$this->assertStringContainsString( 'above WeChat&#039;s limit of 30.00 CAD per debit', $fields );

		$before = $this->requests( 'contract' );
		$result = $this->checkout( $parent );
		$this->assertSame( 'failure', $result['result'] );
		$this->assertStringContainsString( 'WeChat auto-debit is not available', implode( ' ', array_column( wc_get_notices( 'error' ), 'notice' ) ) );
		$this->assertSame( $before, $this->requests( 'contract' ) );
		$this->assertNull( Contracts::record( $this->reloadOrder( $parent ) ) );

		// Weekly at 10.00: more debits a month than WeChat allows.
		$this->assertStringContainsString( 'renews more often', (string) ContractRenewals::why_not( 1000, 'CAD', 'week', 1 ) );
		$this->assertNull( ContractRenewals::why_not( 3000, 'CAD', 'month', 1 ) );
		// D55: a USD subscription is limited to 20.00 (never above CAD 30).
		$this->assertStringContainsString( 'limit of 20.00 USD per debit', (string) ContractRenewals::why_not( 2500, 'USD', 'month', 1 ) );
		$this->assertNull( ContractRenewals::why_not( 2000, 'USD', 'month', 1 ) );
		// A subscription that fits: the description offers auto-debit.
		[ , $ok ] = $this->subscription_order( '20.00' );
		$wp->query_vars['order-pay'] = $ok->get_id();
		$this->assertStringContainsString( 'WeChat auto-debit: you pay the first payment now', ( new WeChatGateway() )->auto_debit_text() );
		unset( $wp->query_vars['order-pay'] );
	}

	/** Forged and repeated contract callbacks: a bad signature is refused; a callback replayed 20 times signs once (one note). */
	public function test_contract_callbacks_are_verified_and_applied_once(): void {
		[ $sub, $parent, $record ] = $this->signup();
		$fields = array(
			'iotpayContractId' => $record['iotpay_id'],
			'mchContractId'    => $record['id'],
			'status'           => '2',
			'signedAt'         => (string) ( time() * 1000 ),
		);
		$forged         = $fields;
		$forged['sign'] = \IotPay\Signer::sign( $fields, 'not-the-key' );
		$r              = $this->httpRequest( 'POST', $this->shop . '/wp-json/iotpay/v1/notify/contract', array( 'Content-Type' => 'application/json' ), (string) wp_json_encode( $forged ) );
		$this->assertSame( 400, $r['status'] );
		$this->assertSame( 'fail', $r['body'] );

		$fields['sign'] = \IotPay\Signer::sign( $fields, \IotPay\Tests\Support\Sandbox::KEY );
		$answers        = $this->burst( array_fill( 0, 20, array( 'method' => 'POST', 'url' => $this->shop . '/wp-json/iotpay/v1/notify/contract', 'body' => (string) wp_json_encode( $fields ), 'headers' => array( 'Content-Type: application/json' ) ) ) );
		foreach ( $answers as $a ) {
			$this->assertSame( 'success', $a['body'] );
		}
		$this->assertCount( 1, $this->notes_with( $this->reloadOrder( $parent ), 'signed the WeChat auto-debit contract' ) );
		$this->assertCount( 1, $this->notes_with( $this->fresh_sub( $sub ), 'renewals of this subscription are charged to' ) );

		// Suspended and reactivated, then cancelled: Subscriptions stops the renewals; the admin is told the contract is the customer's to end.
		$fresh = $this->fresh_sub( $sub );
		$fresh->update_status( 'on-hold' );
		$fresh->update_status( 'active' );
		$fresh->update_status( 'cancelled' );
		$this->assertCount( 1, $this->notes_with( $this->fresh_sub( $sub ), 'will not be debited again' ) );
	}
}
