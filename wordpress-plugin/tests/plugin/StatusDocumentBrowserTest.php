<?php
/**
 * Issue 19 §1, in Chromium: the QR page moves on from the static status
 * document within a second of the notification, and — when the document
 * never turns "paid" (the notification is lost) or cannot be read at all
 * (media offloaded to another host, a server that does not serve the
 * folder) — the REST fallback still moves it on within seconds, not after
 * the 20-second slow poll.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\WebDriver;

final class StatusDocumentBrowserTest extends PluginTestCase {

	/** The seconds from paying at IOTPay to the thank-you page in the browser. */
	private function seconds_to_move_on( callable $before_paying, bool $notify ): float {
		if ( ! WebDriver::available() ) {
			$this->markTestSkipped( 'chromium/chromedriver not installed' );
		}
		$order  = $this->order_for( 'iotpay_wechat', '33.00' );
		$result = $this->checkout( $order );
		$a      = $this->attempt( $order );
		$wd     = new WebDriver();
		try {
			$wd->open( $result['redirect'] );
			$this->assertStringContainsString( 'Waiting for your payment', $wd->text( '#iotpay-wc-qr' ) );
			$before_paying( $order );
			if ( ! $notify ) {
				$this->sb->setFaults( array( 'notify_drop' => true ) );
			}
			$t = microtime( true );
			$this->sb->pay( (string) $a->pay_order_id );
			$landed = $wd->waitForUrl( static fn ( string $u ) => str_contains( $u, '/checkout/order-received/' ), 30 );
			$took   = microtime( true ) - $t;
			$this->assertStringContainsString( '/checkout/order-received/' . $order->get_id(), $landed );
		} finally {
			$wd->quit();
		}
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
		return $took;
	}

	/** The order's status document on disk (its name is the HMAC the page was given). */
	private static function document( \WC_Order $order ): string {
		$url = (string) \IotPay\WooCommerce\Checkout\StatusDocument::url( $order );
		$uploads = wp_upload_dir( null, false );
		return '' === $url ? '' : trailingslashit( $uploads['basedir'] ) . 'iotpay-status/' . basename( (string) wp_parse_url( $url, PHP_URL_PATH ) );
	}

	public function test_the_document_moves_the_page_on_within_a_second_or_two(): void {
		$doc  = '';
		$took = $this->seconds_to_move_on(
			function ( \WC_Order $order ) use ( &$doc ): void {
				$doc = self::document( $order );
				$this->assertFileExists( $doc, 'the page did not publish its status document' );
				$this->assertStringContainsString( 'pending', (string) file_get_contents( $doc ) );
			},
			true
		);
		$this->assertLessThan( 3.0, $took, 'moved on only by the slow REST poll' );
		$this->assertStringContainsString( 'paid', (string) file_get_contents( $doc ) );
	}

	public function test_a_lost_notification_is_noticed_by_the_first_rest_poll(): void {
		$took = $this->seconds_to_move_on( static function (): void {}, false );
		$this->assertLessThan( 10.0, $took, 'a lost notification waited for the 20-second poll' );
	}

	public function test_a_document_the_browser_cannot_read_falls_back_to_the_short_poll(): void {
		$took = $this->seconds_to_move_on(
			function ( \WC_Order $order ): void {
				$doc = self::document( $order );
				$this->assertFileExists( $doc );
				unlink( $doc ); // Now 404, as on a host that does not serve the folder.
			},
			true
		);
		$this->assertLessThan( 10.0, $took, 'an unreadable document left the page on the 20-second poll' );
	}
}
