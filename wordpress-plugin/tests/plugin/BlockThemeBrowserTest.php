<?php
/**
 * The plugin's pages on a block theme (Twenty Twenty-Three, Debian's
 * wordpress-theme-twentytwentythree; skipped when it is not installed), in
 * real headless Chromium on a computer and a phone: the QR page and the card
 * page — square method marks drawn at the size the page uses, the buttons
 * styled by the theme (wp-element-button), no horizontal scrolling.
 * Screenshots: tests/artifacts/plugin-block-theme-*.png.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\WebDriver;

final class BlockThemeBrowserTest extends PluginTestCase {

	private const THEME_DIR = '/usr/share/wordpress/wp-content/themes/twentytwentythree';

	use UsesBrowser;

	protected function setUp(): void {
		$this->require_browser();
		if ( ! is_file( self::THEME_DIR . '/theme.json' ) ) {
			$this->markTestSkipped( 'Twenty Twenty-Three is not installed (apt-get install wordpress-theme-twentytwentythree)' );
		}
		parent::setUp();
		$link = WP_CONTENT_DIR . '/themes/twentytwentythree';
		if ( ! file_exists( $link ) ) {
			symlink( self::THEME_DIR, $link );
		}
		wp_clean_themes_cache();
		switch_theme( 'twentytwentythree' );
		$this->assertTrue( wp_is_block_theme(), 'the shop runs a block theme' );
		$this->enable_card_gateway();
	}

	/** What the theme made of our buttons and the mark, as the browser computed it. @return array<string, mixed> */
	private function looks( WebDriver $wd, string $button ): array {
		return (array) $wd->execute(
			'var b = document.querySelector( arguments[0] ), l = document.querySelector( ".iotpay-wc-qr__logo" ), s = b ? getComputedStyle( b ) : null;'
			. 'return { classes: b ? b.className : "", background: s ? s.backgroundColor : "", radius: s ? s.borderTopLeftRadius : "",'
			. ' logoW: l ? l.getBoundingClientRect().width : 0, logoH: l ? l.getBoundingClientRect().height : 0, logoNatural: l ? l.naturalWidth / l.naturalHeight : 0,'
			. ' scroll: document.documentElement.scrollWidth > document.documentElement.clientWidth };',
			array( $button )
		);
	}

	/**
	 * The order's payment page on a computer and on a phone, each in a fresh
	 * browser: screenshot tests/artifacts/plugin-block-theme-{$page}-{device}.png,
	 * then `$check( $wd, $device )` on it.
	 *
	 * @param callable(WebDriver, string): void $check
	 */
	private function on_each_device( \WC_Order $order, string $page, callable $check ): void {
		foreach ( array( 'desktop', 'phone' ) as $device ) {
			$wd = new WebDriver();
			try {
				if ( 'phone' === $device ) {
					$wd->emulatePhone( self::IPHONE_UA );
				} else {
					$wd->resize( 1280, 1000 );
				}
				$wd->open( $order->get_checkout_payment_url( true ) );
				usleep( 800_000 );
				$wd->screenshotFullPage( "$this->artifacts/plugin-block-theme-$page-$device.png" );
				$check( $wd, $device );
			} finally {
				$wd->quit();
			}
		}
	}

	public function test_the_qr_page_on_a_block_theme(): void {
		$order  = $this->order_for( 'iotpay_alipay', '42.00' );
		$result = $this->checkout( $order );
		$this->assertSame( 'success', $result['result'] );
		$this->on_each_device(
			$order,
			'qr',
			function ( WebDriver $wd, string $device ): void {
				$this->assertStringContainsString( '42.00 CAD', $wd->text( '#iotpay-wc-qr' ) );
				$l = $this->looks( $wd, '#iotpay-wc-qr .iotpay-wc-qr__links a' );
				$this->assertEqualsWithDelta( 1.0, $l['logoNatural'], 0.01, 'the wallet mark is square, so the square box does not squash it' );
				$this->assertEqualsWithDelta( $l['logoW'], $l['logoH'], 0.5 );
				$this->assertFalse( $l['scroll'], "no horizontal scrolling ($device)" );
				// On a computer the expired page's "Get a new QR code", on a phone "Continue to Alipay": theme buttons.
				$wd->execute( 'var f = document.querySelector( ".iotpay-wc-qr__retry" ); if ( f ) { f.closest( "[hidden]" ) && f.closest( "[hidden]" ).removeAttribute( "hidden" ); }' );
				$retry = $this->looks( $wd, 'phone' === $device ? '.iotpay-wc-redirect .button' : '.iotpay-wc-qr__retry' );
				$this->assertStringContainsString( 'wp-element-button', $retry['classes'] );
				$this->assertNotSame( 'rgba(0, 0, 0, 0)', $retry['background'], 'the theme styles the button' );
			}
		);
	}

	public function test_the_card_page_on_a_block_theme(): void {
		$order  = $this->createOrder( array( 'payment_method' => 'iotpay_card', 'total' => '27.00', 'currency' => 'CAD' ) );
		$result = $this->checkout( $order );
		$this->assertSame( 'success', $result['result'] );
		$this->on_each_device(
			$order,
			'card',
			function ( WebDriver $wd, string $device ): void {
				$l = $this->looks( $wd, '.iotpay-wc-card__continue' );
				$this->assertStringContainsString( 'wp-element-button', $l['classes'] );
				$this->assertNotSame( 'rgba(0, 0, 0, 0)', $l['background'], 'the theme styles the button' );
				$this->assertFalse( $l['scroll'], "no horizontal scrolling ($device)" );
			}
		);
	}
}
