<?php
/**
 * A payment refused at "Place order" (by IOTPay, or before any call) leaves
 * one order note with the reason the customer was shown, in the classic and
 * the block checkout alike: WooCommerce itself leaves the order pending
 * without a word.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use Automattic\WooCommerce\StoreApi\Exceptions\RouteException;
use IotPay\WooCommerce\Payment\Attempts;

final class RefusalNoteTest extends PluginTestCase {

	/** @return list<string> the order's refusal notes */
	private function refusal_notes( \WC_Order $order ): array {
		return array_values( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( string $n ): bool => str_contains( $n, 'refused at checkout' ) ) );
	}

	public function test_a_classic_refusal_before_any_call_is_noted(): void {
		$order = $this->order_for( 'iotpay_unionpay', '10.00', 'EUR' );
		$this->assertSame( 'failure', $this->checkout( $order )['result'] );
		$this->assertCount( 0, Attempts::for_order( $order->get_id() ) );
		$notes = $this->refusal_notes( $order );
		$this->assertCount( 1, $notes, 'the refusal left no trace on the order' );
		$this->assertStringContainsString( 'IOTPay payment', $notes[0] );
		$this->assertStringContainsString( 'This payment method is not available for the order currency.', $notes[0] );
		$this->assertSame( 'pending', $this->reloadOrder( $order )->get_status() );
	}

	public function test_a_block_checkout_refused_by_iotpay_is_noted_with_the_reason_shown(): void {
		$order = $this->order_for( 'iotpay_alipay' );
		$this->sb->setFaults( array( 'error_code' => '0111', 'endpoint' => 'create_order', 'once' => true ) );
		try {
			$this->storeApiCheckout( $order, 'iotpay_alipay' );
			$this->fail( 'a refused payment went through' );
		} catch ( RouteException $e ) {
			$shown = $e->getMessage();
		}
		$notes = $this->refusal_notes( $order );
		$this->assertCount( 1, $notes, 'the refusal left no trace on the order' );
		$this->assertStringContainsString( $shown, $notes[0] );
		$this->assertStringContainsString( 'declined', $notes[0] );
		$this->assertSame( 'pending', $this->reloadOrder( $order )->get_status() );
	}

	public function test_each_refused_classic_checkout_is_noted_once_with_its_reason(): void {
		$order = $this->order_for( 'iotpay_wechat' );
		$this->sb->setFaults( array( 'error_code' => '0111', 'endpoint' => 'create_order' ) );
		$this->assertSame( 'failure', $this->checkout( $order )['result'] );
		$this->assertCount( 1, $this->refusal_notes( $order ) );
		$this->assertStringContainsString( 'WeChat Pay declined this payment.', $this->refusal_notes( $order )[0] );
		wc_clear_notices();
		$this->assertSame( 'failure', $this->checkout( $order )['result'] );
		$notes = $this->refusal_notes( $order );
		$this->assertCount( 2, $notes, 'each refused "Place order" is one note' );
		$shown = wc_get_notices( 'error' )[0]['notice'];
		$this->assertStringContainsString( wp_strip_all_tags( $shown ), $notes[0], 'the newest note gives the reason shown this time' );
	}
}
