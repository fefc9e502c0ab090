<?php
/**
 * Issue 16: exactly once, for real. Every test here failed on the code before
 * the fix, on the WooCommerce double that caches orders inside a request as
 * WooCommerce does (posts: WordPress's post and meta caches; HPOS: the order
 * cache).
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Admin\OrderActions;
use IotPay\WooCommerce\Checkout\ReturnHandler;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Reconcile\Reconciler;

final class ExactlyOnceTest extends PluginTestCase {

	/** @return array<string, array{string, bool}> */
	public static function stale_entries(): array {
		$out = array();
		foreach ( array( 'return page', 'order action', 'unpaid-order cancellation' ) as $entry ) {
			foreach ( array( 'posts' => false, 'HPOS' => true ) as $storage => $hpos ) {
				$out[ "$entry, $storage" ] = array( $entry, $hpos );
			}
		}
		return $out;
	}

	/** @return list<string> */
	private function notes_with( \WC_Order $order, string $needle ): array {
		return array_values( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( $n ) => str_contains( $n, $needle ) ) );
	}

	private function attempt_by_id( int $id ): Attempt {
		$a = Attempts::find( $id );
		$this->assertNotNull( $a );
		return $a;
	}

	/**
	 * Item 1: a request that read the order (WooCommerce caches it) before a
	 * notification completed it in another worker then takes the lock and
	 * checks with IOTPay: it must see the payment as recorded, not complete
	 * the order a second time.
	 *
	 * @dataProvider stale_entries
	 */
	public function test_an_order_read_before_the_lock_is_never_completed_twice( string $entry, bool $hpos ): void {
		$this->setHposEnabled( $hpos );
		$order = $this->order_for( 'iotpay_wechat', '25.00' );
		$this->checkout( $order );
		$a = $this->attempt( $order );
		$this->advanceTime( 7200 ); // Old enough for WooCommerce's unpaid-order cancellation.

		// IOTPay takes the payment; its notification is still on the way.
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->sb->pay( (string) $a->pay_order_id );
		// This request reads the order: pending, unpaid (and cached for the request).
		$stale = wc_get_order( $order->get_id() );
		$this->assertFalse( $stale->is_paid() );
		// The notification reaches another worker just before this request takes the lock.
		$this->before_the_lock(
			function () use ( $a ) {
				$r = $this->post_notification( $this->notification_body( $this->attempt_by_id( $a->id ) ) );
				$this->assertSame( 'success', trim( $r['body'] ) );
			}
		);

		$this->setCurrentUserRole( 'administrator' );
		switch ( $entry ) {
			case 'return page':
				ob_start();
				ReturnHandler::on_thank_you( $order->get_id() );
				ob_end_clean();
				break;
			case 'order action':
				OrderActions::check_status( $stale );
				break;
			default:
				$this->assertFalse( Reconciler::filter_cancel_unpaid_order( true, $stale ), 'a paid order was let be cancelled' );
		}

		remove_all_filters( 'query' );
		$fresh = $this->reloadOrder( $order );
		$this->assertSame( 'processing', $fresh->get_status() );
		$this->assertCount( 1, $this->payment_notes( $fresh ), 'the order was completed twice' );
		$this->assertCount( 1, $this->notes_with( $fresh, 'to Processing' ), 'two status changes to processing' );
	}
}
