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

	/** Starts the lock holder in its own PHP process behind the given database drop-in. @return array{0: resource, 1: array<int, resource>} */
	/** Starts a lock holder; @return array{0: resource, 1: string} the process and its conversation folder. */
	private function lock_holder( string $dropin, int $order_id, int $wait ): array {
		$talk = sys_get_temp_dir() . '/iotpay-lock-' . bin2hex( random_bytes( 4 ) );
		mkdir( $talk );
		$env                          = getenv();
		$env['IOTPAY_TEST_DB_DROPIN'] = $dropin;
		$proc                         = proc_open( array( PHP_BINARY, __DIR__ . '/fixtures/lock-holder.php', (string) $order_id, (string) $wait, $talk ), array( 0 => array( 'file', '/dev/null', 'r' ), 1 => array( 'file', "$talk/out.log", 'w' ), 2 => array( 'file', "$talk/out.log", 'a' ) ), $pipes, null, $env );
		$this->assertIsResource( $proc );
		return array( $proc, $talk );
	}

	/** What the lock holder said in `$file`, waiting for it (30 s at most). @return array<string, mixed> */
	private function said( string $talk, string $file ): array {
		$deadline = microtime( true ) + 30;
		while ( ! is_file( "$talk/$file" ) && microtime( true ) < $deadline ) {
			usleep( 20_000 );
		}
		$r = json_decode( (string) @file_get_contents( "$talk/$file" ), true );
		$this->assertIsArray( $r, "no $file from the lock holder: " . @file_get_contents( "$talk/out.log" ) );
		return $r;
	}

	/**
	 * Issue 16 item 15: on a read/write-splitting database (HyperDB,
	 * LudicrousDB), `SELECT GET_LOCK` is a read and may run on a replica's
	 * connection: the lock must still exclude the other workers, and every
	 * read made under it must reach the primary.
	 */
	public function test_the_order_lock_excludes_behind_a_read_write_splitter(): void {
		$order = $this->order_for( 'iotpay_alipay' );
		// Worker A takes the order's lock and holds it until told to let go.
		[ $a, $at ] = $this->lock_holder( 'replicas', $order->get_id(), 0 );
		$first      = $this->said( $at, 'held.json' );
		$this->assertSame( 'IotPay\WcDouble\ReplicaWpdb', $first['wpdb'] );
		$this->assertTrue( $first['held'] );
		// Worker B, meanwhile, must not get it.
		[ $b, $bt ] = $this->lock_holder( 'replicas', $order->get_id(), 1 );
		$second     = $this->said( $bt, 'held.json' );
		touch( "$at/release" );
		$done = $this->said( $at, 'done.json' );
		proc_close( $a );
		proc_close( $b );
		$this->assertFalse( $second['held'], 'two workers held the same order lock' );
		$this->assertSame( 0, $done['replica_reads_under_lock'], 'reads under the lock went to a replica' );

		// A splitter the plugin does not know: never "held" on a replica — busy, every time.
		[ $c, $ct ] = $this->lock_holder( 'replicas-unknown', $order->get_id(), 1 );
		$unknown    = $this->said( $ct, 'held.json' );
		proc_close( $c );
		$this->assertSame( 'IotPay\WcDouble\UnknownSplitterWpdb', $unknown['wpdb'] );
		$this->assertFalse( $unknown['held'], 'a lock taken on a replica was taken for the order lock' );
		// WordPress's own wpdb (this process): the lock works as before.
		$this->assertTrue( \IotPay\WooCommerce\Payment\OrderLock::acquire( $order->get_id(), 1 ) );
		\IotPay\WooCommerce\Payment\OrderLock::release( $order->get_id() );
	}
}
