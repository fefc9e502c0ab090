<?php
/**
 * The Checkout Block's payment methods with a subscription in the cart, in
 * real headless Chromium: blocks.js and card-blocks.js run on WordPress's own
 * wp.element (React), wp.i18n and wp.htmlEntities with the block data the
 * shop computed from the cart (the Subscriptions double's recurring carts).
 * WooCommerce Blocks' registry is a stand-in that renders each registered
 * method's label and content as the block lists them (the double has no
 * Blocks front end). Screenshots: tests/artifacts/blocks-subscription-*.png.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\WebDriver;
use IotPay\WooCommerce\Gateway\CardGateway;
use IotPay\WooCommerce\Gateway\WeChatGateway;

/**
 * @runTestsInSeparateProcesses
 * @preserveGlobalState disabled
 */
final class BlocksSubscriptionBrowserTest extends PluginTestCase {

	use UsesBrowser;
	use WithSubscriptions;

	protected function setUp(): void {
		$this->require_browser();
		parent::setUp();
		$this->enable_card_gateway();
	}

	private function cart_with_subscription( string $price ): void {
		wp_set_current_user( $this->createUser( 'customer' ) );
		$id      = $this->createProduct( $price, null, array( 'virtual' => true ) );
		$product = wc_get_product( $id );
		$product->update_meta_data( '_subscription_price', $price );
		$product->update_meta_data( '_subscription_period', 'month' );
		$product->update_meta_data( '_subscription_period_interval', '1' );
		$product->save();
		\WC_Subscriptions_Cart::double_add_to_cart( $id );
	}

	/**
	 * A page with WordPress's scripts (printed by WordPress, in dependency
	 * order), the stand-in registry, the block data and the plugin's block
	 * scripts (the shared one first); the stand-in renders what they register with wp.element.
	 */
	private function checkout_page( string $name ): string {
		$data = $this->paymentMethodRegistry()->get_all_registered_script_data();
		ob_start();
		wp_scripts()->do_items( array( 'wp-element', 'wp-html-entities', 'wp-i18n' ) );
		$wp_scripts = (string) ob_get_clean();
		$this->assertStringContainsString( 'element', $wp_scripts );
		$html = '<!doctype html><html><head><meta charset="utf-8"><title>Checkout Block</title>'
			. '<style>body{font:16px/1.5 sans-serif;max-width:640px;margin:2em auto;color:#1e1e1e}'
			. '.method{border:1px solid #ccc;border-radius:4px;margin:0 0 -1px;padding:1em}.method label{font-weight:600;display:block;margin-bottom:.5em}</style>'
			. $wp_scripts
			. '<script>window.iotpayMethods=[];window.wc={wcBlocksRegistry:{registerPaymentMethod:function(m){window.iotpayMethods.push(m);}},'
			. 'wcSettings:{getSetting:function(k,d){var all=' . wp_json_encode( $data ) . ';return all[k]===undefined?d:all[k];}}};</script>'
			. '<script src="' . esc_url( plugins_url( 'assets/js/blocks-method.js', self::plugin_file() ) ) . '"></script>'
			. '<script src="' . esc_url( plugins_url( 'assets/js/blocks.js', self::plugin_file() ) ) . '"></script>'
			. '<script src="' . esc_url( plugins_url( 'assets/js/card-blocks.js', self::plugin_file() ) ) . '"></script>'
			. '</head><body><h2>Payment options</h2><div id="methods"></div><script>'
			. 'var el=wp.element.createElement;wp.element.render(el("div",null,window.iotpayMethods.filter(function(m){return m.name==="iotpay_wechat"||m.name==="iotpay_card";}).map(function(m){'
			. 'return el("div",{className:"method",key:m.name,"data-method":m.name},el("label",null,m.label),m.content);})),document.getElementById("methods"));'
			. '</script></body></html>';
		$file = sys_get_temp_dir() . '/iotpay-blocks-' . $name . '-' . getmypid() . '.html';
		file_put_contents( $file, $html );
		return 'file://' . $file;
	}

	/** The shop's language: the data set's locale (installed first, as WordPress wants). */
	protected function configure( array $over = array() ): void {
		parent::configure( $over );
		$data = $this->getProvidedData();
		$this->setSiteLanguage( (string) ( $data[3] ?? '' ) );
	}

	private const CARD_TEXT = array(
		''      => 'This order contains a subscription: your card is saved to your account and charged automatically for the renewals.',
		'zh_CN' => '此订单包含订阅：您的银行卡将保存到您的账户，并在每次续费时自动扣款。',
		'fr_CA' => 'Cette commande contient un abonnement : votre carte est enregistrée dans votre compte et débitée automatiquement pour les renouvellements.',
	);

	/** @return array<string, array{0: string, 1: string, 2: string, 3: string}> */
	public function carts(): array {
		return array(
			'fits'            => array( '20.00', 'WeChat auto-debit: you pay the first payment now and sign a WeChat auto-debit agreement', 'en', '' ),
			'too large'       => array( '45.00', 'WeChat auto-debit is not available for this subscription: its renewal of 45.00 CAD is above WeChat\'s limit of 30.00 CAD per debit.', 'en', '' ),
			'fits, zh_CN'     => array( '20.00', '微信自动扣款：您现在支付首期款项并签署微信自动扣款协议', 'zh', 'zh_CN' ),
			'too large, fr_CA' => array( '45.00', 'Le prélèvement automatique WeChat n’est pas offert pour cet abonnement : son renouvellement de 45', 'fr', 'fr_CA' ),
		);
	}

	private static function plain( string $s ): string {
		return str_replace( array( "\u{00A0}", "\u{202F}" ), ' ', $s );
	}

	/** @dataProvider carts */
	public function test_the_block_shows_auto_debit_and_the_card_subscription_text( string $price, string $expected, string $lang, string $locale ): void {
		$this->cart_with_subscription( $price );
		$url = $this->checkout_page( sanitize_key( $price ) . $lang );
		$wd  = new WebDriver();
		try {
			$wd->resize( 900, 900 );
			$wd->open( $url );
			$deadline = microtime( true ) + 5;
			do {
				usleep( 100_000 );
				$n = (int) $wd->execute( 'return document.querySelectorAll("#methods .method").length;' );
			} while ( $n < 2 && microtime( true ) < $deadline );
			$this->assertSame( 2, $n, 'the block scripts registered no WeChat Pay and card methods' );
			$wd->screenshotFullPage( "$this->artifacts/blocks-subscription-" . sanitize_key( $price ) . "-$lang.png" );
			$wechat = self::plain( $wd->text( '[data-method="' . WeChatGateway::ID . '"] .iotpay-auto-debit' ) );
			$this->assertStringStartsWith( $expected, $wechat );
			$this->assertStringNotContainsString( '&#', $wechat, 'the text was escaped twice' );
			$this->assertSame(
				self::CARD_TEXT[ $locale ],
				$wd->text( '[data-method="' . CardGateway::ID . '"] .iotpay-wc-card-subscription' )
			);
			// What the card's script adds to the shared registration (blocks-method.js):
			// the block's saved-cards options as the server's data has them, and the
			// saved card's line; the wallets register without them.
			$data = $this->paymentMethodRegistry()->get_all_registered_script_data()[ CardGateway::ID . '_data' ];
			$this->assertTrue( $data['showSavedCards'] );
			$this->assertFalse( $data['showSaveOption'], 'a subscription\'s card is always saved' );
			$pick = 'var name = arguments[0], m = window.iotpayMethods.filter(function (m) { return m.name === name; })[0];'
				. 'return [ m.supports.showSavedCards, m.supports.showSaveOption, !! m.savedTokenComponent ];';
			$this->assertSame( array( true, false, true ), $wd->execute( $pick, array( CardGateway::ID ) ) );
			$this->assertSame( array( null, null, false ), $wd->execute( $pick, array( WeChatGateway::ID ) ) );
		} finally {
			$wd->quit();
		}
	}
}
