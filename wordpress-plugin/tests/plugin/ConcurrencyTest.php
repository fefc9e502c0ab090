<?php
/**
 * Exactly once under load: many duplicate notifications and status polls at
 * the same moment, on a multi-worker PHP server over one MariaDB.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

final class ConcurrencyTest extends PluginTestCase {

	public function test_flood_of_duplicates_and_polls_completes_once(): void {
		$n       = (int) ( getenv( 'IOTPAY_FLOOD_N' ) ?: 50 );
		$polls   = 20;
		$product = $this->createProduct( '19.99', 100 );
		$order   = $this->order_for( 'iotpay_alipay', '19.99', 'CAD', $product );
		$this->checkout( $order );
		$attempt = $this->attempt( $order );
		// Paid at IOTPay, but IOTPay's own notification is dropped: the flood
		// below and the polls are the only news.
		$this->sb->setFaults( array( 'notify_drop' => true ) );
		$this->sb->pay( (string) $attempt->pay_order_id );

		$body     = $this->notification_body( $attempt );
		$requests = array();
		for ( $i = 0; $i < $n; $i++ ) {
			$requests[] = array(
				'method'  => 'POST',
				'url'     => $this->shop . '/wp-json/iotpay/v1/notify',
				'body'    => $body,
				'headers' => array( 'Content-Type: application/x-www-form-urlencoded' ),
			);
			if ( $i < $polls ) {
				$requests[] = array(
					'method' => 'GET',
					'url'    => $this->shop . '/wp-json/iotpay/v1/orders/' . $order->get_id() . '/status?key=' . rawurlencode( $order->get_order_key() ),
				);
			}
		}
		$t       = microtime( true );
		$answers = $this->burst( $requests );
		$elapsed = microtime( true ) - $t;

		$success = 0;
		$errors  = 0;
		foreach ( $answers as $i => $a ) {
			if ( 'POST' === $requests[ $i ]['method'] ) {
				'success' === $a['body'] ? $success++ : $errors++;
			} elseif ( 200 !== $a['status'] ) {
				$errors++;
			}
		}
		$fresh = $this->reloadOrder( $order );
		$this->assertTrue( $fresh->is_paid() );
		$this->assertCount( 1, $this->payment_notes( $fresh ), 'completed more than once' );
		$this->assertSame( 1, $this->countStockReductions( $order->get_id() ), 'stock reduced more than once' );
		$this->assertSame( 99, $this->getStock( $product ) );
		$emails = array_count_values( array_column( $this->getEmails( $order->get_id() ), 'email_id' ) );
		$this->assertNotEmpty( $emails, 'no order email sent' );
		foreach ( $emails as $id => $count ) {
			$this->assertSame( 1, $count, "email $id sent $count times" );
		}
		$this->assertSame( $n, $success, "$errors requests failed" );
		fwrite( STDERR, sprintf( "\n[concurrency] %d notifications + %d polls in %.2fs: %d acknowledged, %d errors, 1 completion\n", $n, $polls, $elapsed, $success, $errors ) );
	}
}
