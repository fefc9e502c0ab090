<?php
/**
 * The translated customer pages in real headless Chromium (issue 13): the
 * payment page on a computer and on a phone, and the payment methods list,
 * in a zh_CN and a fr_CA shop — including the strings qr-page.js takes from
 * wp.i18n (countdown, "save image" button), which prove the JSON translations
 * reach the browser; blocks.js run on its own JSON translations; a Chinese
 * browser on an English and on a French shop. Screenshots go to
 * tests/artifacts/i18n-*.png (a CJK font must be installed, see
 * tools/install-deps.sh, or Chinese shows as boxes).
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\WebDriver;
use IotPay\WooCommerce\Blocks\PaymentMethod;
use IotPay\WooCommerce\Gateway\WeChatGateway;

final class TranslationsBrowserTest extends PluginTestCase {

	use InShopLanguage;
	use UsesBrowser;

	protected function setUp(): void {
		$this->require_browser();
		parent::setUp();
	}

	private static function plain( string $s ): string {
		return str_replace( array( "\u{00A0}", "\u{202F}" ), ' ', $s );
	}

	/** @dataProvider locales */
	public function test_payment_pages_and_methods_in_the_shop_language( string $locale ): void {
		$zh    = 'zh_CN' === $locale;
		$order = $this->order_for( 'iotpay_wechat', '42.00' );
		$wd    = new WebDriver();
		try {
			// The methods list of the order (classic "pay for order" page).
			$wd->resize( 1000, 900 );
			$wd->open( add_query_arg( 'pay_for_order', 'true', $order->get_checkout_payment_url() ) );
			usleep( 500_000 );
			$wd->screenshotFullPage( "$this->artifacts/i18n-checkout-$locale.png" );
			$list = self::plain( $wd->text( '#order_review' ) );
			if ( $zh ) {
				foreach ( array( '微信支付', '支付宝', '银联', '下单后，请用手机微信扫描二维码付款。' ) as $s ) {
					$this->assertStringContainsString( $s, $list );
				}
			} else {
				$this->assertStringContainsString( 'Après avoir passé votre commande, balayez un code QR avec WeChat sur votre téléphone pour payer.', $list );
			}

			// The QR page on a computer: the countdown is written by qr-page.js from wp.i18n.
			$result = $this->checkout( $order );
			$wd->resize( 1280, 1000 );
			$wd->open( $result['redirect'] );
			usleep( 1_500_000 );
			$wd->screenshotFullPage( "$this->artifacts/i18n-qr-desktop-$locale.png" );
			$text = self::plain( $wd->text( '#iotpay-wc-qr' ) );
			$this->assertMatchesRegularExpression( $zh ? '#二维码将在 (29|30):\d\d 后失效#u' : '#Ce code expire dans (29|30):\d\d#u', $text, 'the countdown is not translated (JSON translations of qr-page.js)' );
			$this->assertStringContainsString( $zh ? '使用微信支付付款' : 'Payer avec WeChat Pay', $text );
			$this->assertSame( $zh ? 'zh-CN' : 'fr-CA', $wd->execute( 'return document.documentElement.lang;' ) );
			$this->assertStringNotContainsString( 'This code expires', $text );
			$title = $wd->execute( 'var r = document.querySelector(".iotpay-wc-qr__title").getBoundingClientRect(); return r.height;' );
			$this->assertLessThan( 50, (int) $title, 'the heading wraps' );
		} finally {
			$wd->quit();
		}

		// WeChat Pay on a phone: the steps, and the "save image" button made by qr-page.js.
		$phone  = $this->order_for( 'iotpay_wechat', '88.80' );
		$result = $this->checkout( $phone, self::IPHONE_UA );
		$wd     = new WebDriver();
		try {
			$wd->emulatePhone( self::IPHONE_UA );
			$wd->open( $result['redirect'] );
			usleep( 1_500_000 );
			$wd->screenshotFullPage( "$this->artifacts/i18n-qr-phone-$locale.png" );
			$this->assertSame( $zh ? '保存二维码图片' : 'Enregistrer l’image du code QR', $wd->execute( 'var b = document.querySelector(".iotpay-wc-qr__save"); return b ? b.textContent : null;' ) );
			$widths = $wd->execute( 'return [document.documentElement.scrollWidth, window.innerWidth];' );
			$this->assertLessThanOrEqual( $widths[1], $widths[0], 'the translated page scrolls sideways' );
		} finally {
			$wd->quit();
		}
	}

	/** @dataProvider locales */
	public function test_blocks_script_labels_come_from_its_json_translations( string $locale ): void {
		// What the Checkout Block page prints for blocks.js: its translations for wp.i18n, then the script.
		$method = new PaymentMethod( WeChatGateway::class );
		$method->initialize();
		$method->get_payment_method_script_handles();
		$translations = (string) wp_scripts()->print_translations( PaymentMethod::SCRIPT, false );
		$this->assertNotSame( '', $translations );
		$order  = $this->order_for( 'iotpay_wechat', '1.00' );
		$result = $this->checkout( $order );
		$wd     = new WebDriver();
		try {
			$wd->open( $result['redirect'] );
			usleep( 800_000 );
			// A stand-in for WooCommerce Blocks' registry and settings (titles left empty by the merchant: blocks.js names the wallets itself).
			$wd->execute(
				'window.iotpayRegistered = [];'
				. 'window.wc = { wcBlocksRegistry: { registerPaymentMethod: function (m) { window.iotpayRegistered.push(m.ariaLabel); } },'
				. ' wcSettings: { getSetting: function () { return { title: "", description: "", supports: ["products"] }; } } };'
				. 'window.wp.element = { createElement: function () { return {}; } };'
				. 'window.wp.htmlEntities = { decodeEntities: function (s) { return s; } };'
				. $translations . "\n;"
				// The shared registration, then blocks.js, run in that order (async off).
				. 'arguments[0].forEach(function (src) { var s = document.createElement("script"); s.async = false; s.src = src; document.head.appendChild(s); });',
				array( array( plugins_url( 'assets/js/blocks-method.js', self::plugin_file() ), plugins_url( 'assets/js/blocks.js', self::plugin_file() ) ) )
			);
			$deadline = microtime( true ) + 5;
			do {
				usleep( 100_000 );
				$labels = $wd->execute( 'return window.iotpayRegistered;' );
			} while ( count( (array) $labels ) < 4 && microtime( true ) < $deadline );
			// The wallets and SUNBAY's hosted card page (Card payments (SUNBAY), titled "Credit or debit card").
			$this->assertSame( 'zh_CN' === $locale ? array( '微信支付', '支付宝', '银联', '信用卡或借记卡' ) : array( 'WeChat Pay', 'Alipay', 'UnionPay', 'Carte de crédit ou de débit' ), $labels );
			$this->assertTrue( (bool) $wd->execute( 'return wp.i18n.hasTranslation("Alipay", undefined, "iotpay-for-woocommerce");' ), 'blocks.js translations not handed to wp.i18n' );
		} finally {
			$wd->quit();
		}
	}

	public function test_a_chinese_browser_reads_chinese_under_the_instructions(): void {
		// An English shop.
		$order  = $this->order_for( 'iotpay_wechat', '42.00' );
		$result = $this->checkout( $order );
		$wd     = new WebDriver( 'zh-CN,zh' );
		try {
			$wd->resize( 1280, 1000 );
			$wd->open( $result['redirect'] );
			usleep( 1_000_000 );
			$wd->screenshotFullPage( "$this->artifacts/i18n-qr-desktop-en_US-chinese-browser.png" );
			$this->assertSame( "Open WeChat on your phone, tap + then Scan, and scan this code to pay.\n打开手机微信，点击“+”→“扫一扫”，扫描此二维码付款。", $wd->text( '.iotpay-wc-qr__instructions' ) );
			$this->assertSame( 'en-US', $wd->execute( 'return document.documentElement.lang;' ) );
			$this->assertSame( 'zh-CN', $wd->execute( 'return document.querySelector(".iotpay-wc-qr__second-language").lang;' ) );
		} finally {
			$wd->quit();
		}

		// A French shop, Alipay opened inside WeChat by a Chinese-speaking customer.
		$this->setSiteLanguage( 'fr_CA' ); // Installed first: WordPress refuses a WPLANG that is not.
		$alipay = $this->order_for( 'iotpay_alipay', '23.45' );
		$wd     = new WebDriver( 'zh-CN,zh' );
		try {
			$wd->emulatePhone( self::WECHAT_UA );
			$wd->open( $alipay->get_checkout_payment_url( true ) );
			usleep( 800_000 );
			$wd->screenshotFullPage( "$this->artifacts/i18n-alipay-in-wechat-fr_CA-chinese-browser.png" );
			$text = self::plain( $wd->text( '#iotpay-wc-qr' ) );
			$this->assertStringContainsString( 'Alipay ne peut pas s’ouvrir dans WeChat.', $text );
			$this->assertStringContainsString( '微信内无法打开支付宝。', $text );
			$this->assertStringContainsString( '点击右上角的“···”，选择“在浏览器打开”。', $text );
			$widths = $wd->execute( 'return [document.documentElement.scrollWidth, window.innerWidth];' );
			$this->assertLessThanOrEqual( $widths[1], $widths[0], 'the bilingual page scrolls sideways' );
		} finally {
			$wd->quit();
		}
	}
}

