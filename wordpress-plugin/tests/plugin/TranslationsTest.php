<?php
/**
 * The plugin in Simplified Chinese and Canadian French (issue 13): the .po
 * files cover the .pot exactly; a shop whose language is zh_CN / fr_CA (the
 * WPLANG option, as Settings → General sets it) loads the shipped .mo and
 * shows the checkout's gateway titles and descriptions, the payment page,
 * the customer messages and the scripts' strings (JSON translations handed
 * to wp.i18n) in that language, with no English left on the customer's
 * pages; a Chinese browser on a shop in another language gets Chinese under
 * the payment page's instructions.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Blocks\PaymentMethod;
use IotPay\WooCommerce\Checkout\PaymentPage;
use IotPay\WooCommerce\Checkout\ReturnHandler;
use IotPay\WooCommerce\Checkout\SecondLanguage;
use IotPay\WooCommerce\Gateway\AlipayGateway;
use IotPay\WooCommerce\Gateway\WeChatGateway;

final class TranslationsTest extends PluginTestCase {

	use InShopLanguage;

	/** What a Chinese / Canadian-French customer must read (exact translations from the shipped files). */
	private const EXPECTED = array(
		'zh_CN' => array(
			'wechat'        => '微信支付',
			'alipay'        => '支付宝',
			'unionpay'      => '银联',
			'desktop_desc'  => '下单后，请用手机微信扫描二维码付款。',
			'alipay_phone'  => '您将跳转至支付宝完成付款。',
			'heading'       => '使用微信支付付款',
			'amount'        => '应付金额',
			'scan'          => '打开手机微信，点击“+”→“扫一扫”，扫描此二维码付款。',
			'minutes'       => '二维码将在 30 分钟后失效。',
			'js_expires'    => '二维码将在 %s 后失效',
			'other_method'  => '选择其他支付方式',
			'declined'      => '支付宝拒绝了此次付款。请选择其他支付方式，或稍后再试。',
			'in_wechat'     => '微信内无法打开支付宝。',
			'waiting'       => '正在等待 IOTPay 确认您的付款。',
			'tab_title'     => "使用微信支付付款 \u{2013} 订单 ", // wp_get_document_title() texturizes " - " into an en dash.
			'html_lang'     => 'zh-CN',
		),
		'fr_CA' => array(
			'wechat'        => 'WeChat Pay',
			'alipay'        => 'Alipay',
			'unionpay'      => 'UnionPay',
			'desktop_desc'  => 'Après avoir passé votre commande, balayez un code QR avec WeChat sur votre téléphone pour payer.',
			'alipay_phone'  => 'Vous serez redirigé vers Alipay pour payer.',
			'heading'       => 'Payer avec WeChat Pay',
			'amount'        => 'Montant à payer',
			'scan'          => 'Ouvrez WeChat sur votre téléphone, touchez + puis « Scanner » et balayez ce code pour payer.',
			'minutes'       => 'Ce code expire dans 30 minutes.',
			'js_expires'    => 'Ce code expire dans %s',
			'other_method'  => 'Choisir un autre mode de paiement',
			'declined'      => 'Alipay a refusé ce paiement. Veuillez choisir un autre mode de paiement ou réessayer plus tard.',
			'in_wechat'     => 'Alipay ne peut pas s’ouvrir dans WeChat.',
			'waiting'       => 'Nous attendons la confirmation de votre paiement par IOTPay.',
			'tab_title'     => "Payer avec WeChat Pay \u{2013} commande ",
			'html_lang'     => 'fr-CA',
		),
	);

	private static function languages(): string {
		return dirname( self::plugin_file() ) . '/languages';
	}

	/** French puts a no-break space before ":" and inside « »: compare with plain spaces. */
	private static function plain( string $s ): string {
		return str_replace( array( "\u{00A0}", "\u{202F}" ), ' ', html_entity_decode( $s, ENT_QUOTES, 'UTF-8' ) );
	}

	/**
	 * Entries of a .po/.pot file: msgid (with "ctx\4" for a context) => [msgstr…, 'fuzzy' => bool, 'obsolete' => bool].
	 *
	 * @return array<string, array<int|string, mixed>>
	 */
	private static function parse_po( string $file ): array {
		$out = array();
		foreach ( preg_split( '/\n\s*\n/', (string) file_get_contents( $file ) ) as $block ) {
			$e     = array( 'fuzzy' => false, 'obsolete' => false, 'msgstr' => array() );
			$field = null;
			foreach ( explode( "\n", $block ) as $line ) {
				$line = trim( $line );
				if ( str_starts_with( $line, '#~' ) ) {
					$e['obsolete'] = true;
					$line          = trim( substr( $line, 2 ) );
				}
				if ( str_starts_with( $line, '#,' ) && str_contains( $line, 'fuzzy' ) ) {
					$e['fuzzy'] = true;
				}
				if ( preg_match( '/^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$/', $line, $m ) ) {
					$field = 'msgstr' === substr( $m[1], 0, 6 ) ? 'msgstr' . ( $m[2] ?? '' ) : $m[1];
					$e[ $field ] = stripcslashes( $m[3] );
				} elseif ( null !== $field && preg_match( '/^"(.*)"$/', $line, $m ) ) {
					$e[ $field ] .= stripcslashes( $m[1] );
				}
			}
			if ( ! isset( $e['msgid'] ) || ( '' === $e['msgid'] && ! isset( $e['msgctxt'] ) ) ) {
				continue;
			}
			$forms = array();
			foreach ( $e as $k => $v ) {
				if ( is_string( $k ) && preg_match( '/^msgstr(\d*)$/', $k, $m ) ) {
					$forms[ (int) $m[1] ] = $v;
				}
			}
			ksort( $forms );
			$key         = ( isset( $e['msgctxt'] ) ? $e['msgctxt'] . "\4" : '' ) . $e['msgid'];
			$out[ $key ] = $forms + array(
				'plural'   => $e['msgid_plural'] ?? null,
				'fuzzy'    => $e['fuzzy'],
				'obsolete' => $e['obsolete'],
			);
		}
		return $out;
	}

	/** @return array<string, array<int|string, mixed>> */
	private static function pot(): array {
		return self::parse_po( self::languages() . '/iotpay-for-woocommerce.pot' );
	}

	public function test_every_msgid_of_the_pot_is_translated_in_both_locales_and_nothing_is_stale(): void {
		$pot = self::pot();
		$this->assertGreaterThan( 150, count( $pot ) );
		foreach ( self::LOCALES as $locale ) {
			$po      = self::parse_po( self::languages() . "/iotpay-for-woocommerce-$locale.po" );
			$missing = array();
			$stale   = array();
			foreach ( $pot as $msgid => $src ) {
				$t = $po[ $msgid ] ?? null;
				if ( null === $t || $t['obsolete'] || $t['fuzzy'] || in_array( '', array_filter( $t, 'is_int', ARRAY_FILTER_USE_KEY ), true ) || ! isset( $t[0] ) ) {
					$missing[] = $msgid;
				}
			}
			foreach ( $po as $msgid => $t ) {
				if ( $t['obsolete'] || ! isset( $pot[ $msgid ] ) ) {
					$stale[] = $msgid;
				}
			}
			$this->assertSame( array(), $missing, "$locale: untranslated, fuzzy or missing (run make i18n, then translate):\n  " . implode( "\n  ", $missing ) );
			$this->assertSame( array(), $stale, "$locale: stale or obsolete entries (run make i18n):\n  " . implode( "\n  ", $stale ) );

			// The shipped .mo (read the way WordPress reads it) has every msgid of the .pot.
			$mo = new \MO();
			$this->assertTrue( $mo->import_from_file( self::languages() . "/iotpay-for-woocommerce-$locale.mo" ) );
			$absent = array();
			foreach ( $pot as $msgid => $src ) {
				$parts = explode( "\4", $msgid, 2 );
				$text  = $parts[1] ?? $parts[0];
				$ctx   = isset( $parts[1] ) ? $parts[0] : null;
				$got   = null === $src['plural'] ? $mo->translate( $text, $ctx ) : $mo->translate_plural( $text, (string) $src['plural'], 5, $ctx );
				if ( $got === $text || $got === $src['plural'] ) {
					// Allowed only where the translation is really the same word (brand names in French).
					if ( $got !== ( $po[ $msgid ][0] ?? null ) ) {
						$absent[] = $msgid;
					}
				}
			}
			$this->assertSame( array(), $absent, "$locale: the .mo lacks (run make i18n):\n  " . implode( "\n  ", $absent ) );
		}
	}

	/** @dataProvider locales */
	public function test_checkout_titles_and_descriptions_in_the_shop_language( string $locale ): void {
		$x = self::EXPECTED[ $locale ];
		$this->assertSame( $locale, determine_locale() );
		$this->assertTrue( is_textdomain_loaded( 'iotpay-for-woocommerce' ) );
		// WordPress keeps the loaded translations in $l10n (an MO that knows its file).
		$this->assertSame( realpath( self::languages() . "/iotpay-for-woocommerce-$locale.mo" ), realpath( (string) $GLOBALS['l10n']['iotpay-for-woocommerce']->get_filename() ), 'the shipped .mo was not loaded' );

		$this->assertSame( $x['wechat'], $this->gateway( 'iotpay_wechat' )->get_title() );
		$this->assertSame( $x['alipay'], $this->gateway( 'iotpay_alipay' )->get_title() );
		$this->assertSame( $x['unionpay'], $this->gateway( 'iotpay_unionpay' )->get_title() );
		$this->assertSame( $x['desktop_desc'], self::plain( $this->gateway( 'iotpay_wechat' )->get_description() ) );
		$_SERVER['HTTP_USER_AGENT'] = self::IPHONE_UA;
		$this->assertSame( $x['alipay_phone'], self::plain( ( new AlipayGateway() )->get_description() ) );
		$_SERVER['HTTP_USER_AGENT'] = self::DESKTOP_UA;

		// The Checkout Block gets the same, and blocks.js its own strings as JSON for wp.i18n.
		$method = new PaymentMethod( WeChatGateway::class );
		$method->initialize();
		$data = $method->get_payment_method_data();
		$this->assertSame( $x['wechat'], $data['title'] );
		$this->assertSame( $x['desktop_desc'], self::plain( $data['description'] ) );
		$this->assertSame( array( PaymentMethod::SCRIPT ), $method->get_payment_method_script_handles() );
		$this->assertContains( 'wp-i18n', wp_scripts()->registered[ PaymentMethod::SCRIPT ]->deps );
		$json = load_script_textdomain( PaymentMethod::SCRIPT, 'iotpay-for-woocommerce', self::languages() );
		$this->assertIsString( $json, 'no JSON translations found for blocks.js' );
		$jed = json_decode( $json, true );
		$this->assertSame( array( $x['alipay'] ), $jed['locale_data']['messages']['Alipay'] );
		$this->assertSame( $locale, $jed['locale_data']['messages']['']['lang'] );
		$this->assertStringContainsString( 'wp.i18n.setLocaleData( localeData, domain )', (string) wp_scripts()->print_translations( PaymentMethod::SCRIPT, false ) );

		// A title saved from an English screen as the untouched default follows the shop's language; one the merchant wrote is kept.
		update_option( 'woocommerce_iotpay_alipay_settings', array( 'enabled' => 'yes', 'title' => 'Alipay' ) );
		update_option( 'woocommerce_iotpay_wechat_settings', array( 'enabled' => 'yes', 'title' => 'WeChat Pay / 微信' ) );
		wp_cache_flush();
		$this->assertSame( $x['alipay'], ( new AlipayGateway() )->get_title() );
		$this->assertSame( 'WeChat Pay / 微信', ( new WeChatGateway() )->get_title() );
	}

	/**
	 * Texts of the .pot that must not appear on a translated customer page:
	 * the literal pieces (between placeholders) of 15 characters or more.
	 *
	 * @return list<string>
	 */
	private static function english_fragments(): array {
		$out = array();
		foreach ( self::pot() as $msgid => $src ) {
			foreach ( array( $msgid, (string) $src['plural'] ) as $text ) {
				foreach ( preg_split( '/%(?:\d+\$)?[sd]/', $text ) as $piece ) {
					$piece = trim( $piece, " \t\n.:()-" );
					if ( mb_strlen( $piece ) >= 15 ) {
						$out[] = $piece;
					}
				}
			}
		}
		return array_values( array_unique( $out ) );
	}

	private function assert_no_english( string $html, string $what ): void {
		$text  = self::plain( wp_strip_all_tags( preg_replace( '#<script\b.*?</script>#is', '', $html ) ) );
		$found = array_values( array_filter( self::english_fragments(), static fn ( string $f ) => str_contains( $text, $f ) ) );
		$this->assertSame( array(), $found, "$what shows English: " . implode( ' | ', $found ) );
	}

	/** The order-pay page as the customer's browser gets it (receipt hook). */
	private function pay_page( \WC_Order $order, string $ua = self::DESKTOP_UA, string $accept_language = '' ): string {
		$_SERVER['HTTP_USER_AGENT'] = $ua;
		if ( '' !== $accept_language ) {
			$_SERVER['HTTP_ACCEPT_LANGUAGE'] = $accept_language;
		}
		try {
			ob_start();
			PaymentPage::render( $order->get_id() );
			return (string) ob_get_clean();
		} finally {
			unset( $_SERVER['HTTP_ACCEPT_LANGUAGE'] );
		}
	}

	/** @dataProvider locales */
	public function test_customer_pages_in_the_shop_language_with_no_english_left( string $locale ): void {
		$x = self::EXPECTED[ $locale ];

		// Desktop QR page: heading, amount, expiry, instructions, ways back; qr-page.js with its JSON translations.
		$order = $this->order_for( 'iotpay_wechat', '42.00' );
		$this->checkout( $order );
		$html = $this->pay_page( $order );
		foreach ( array( 'heading', 'amount', 'scan', 'minutes', 'other_method' ) as $k ) {
			$this->assertStringContainsString( $x[ $k ], self::plain( $html ), $k );
		}
		$this->assert_no_english( $html, "$locale QR page" );
		$this->assertStringNotContainsString( 'iotpay-wc-qr__second-language', $html, 'a second language on a page already in the shop language' );
		$this->assertContains( 'wp-i18n', wp_scripts()->registered[ PaymentPage::SCRIPT ]->deps );
		$jed = json_decode( (string) load_script_textdomain( PaymentPage::SCRIPT, 'iotpay-for-woocommerce', self::languages() ), true );
		$this->assertSame( array( $x['js_expires'] ), array_map( array( self::class, 'plain' ), $jed['locale_data']['messages']['This code expires in %s'] ?? array() ) );

		// WeChat Pay on a phone outside WeChat: the album-scan steps.
		$phone = $this->order_for( 'iotpay_wechat', '8.00' );
		$this->checkout( $phone, self::IPHONE_UA );
		$this->assert_no_english( $this->pay_page( $phone, self::IPHONE_UA ), "$locale WeChat Pay phone page" );

		// Alipay inside WeChat: how to open the page in the phone's browser.
		$alipay = $this->order_for( 'iotpay_alipay', '9.00' );
		$html   = $this->pay_page( $alipay, self::WECHAT_UA );
		$this->assertStringContainsString( $x['in_wechat'], self::plain( $html ) );
		$this->assert_no_english( $html, "$locale Alipay-in-WeChat page" );

		// IOTPay declines: the customer message.
		$declined = $this->order_for( 'iotpay_alipay', '5.55' );
		$this->sb->setFaults( array( 'error_code' => '0111', 'endpoint' => 'create_order' ) );
		$html = $this->pay_page( $declined );
		$this->sb->clearFaults();
		$this->assertStringContainsString( $x['declined'], self::plain( $html ) );
		$this->assert_no_english( $html, "$locale declined page" );

		// Back from the wallet before IOTPay confirmed: the thank-you page's waiting text.
		$back = $this->order_for( 'iotpay_unionpay', '17.00' );
		$this->checkout( $back, self::ANDROID_UA );
		ReturnHandler::before_thank_you( $back->get_id() );
		ob_start();
		echo esc_html( apply_filters( 'woocommerce_thankyou_order_received_text', 'Thank you. Your order has been received.', $back ) );
		ReturnHandler::on_thank_you( $back->get_id() );
		$html = (string) ob_get_clean();
		$this->assertStringContainsString( $x['waiting'], self::plain( $html ) );
		$this->assert_no_english( $html, "$locale thank-you page" );
	}

	/** @dataProvider locales */
	public function test_a_fresh_request_of_the_shop_serves_the_payment_page_in_its_language( string $locale ): void {
		$x     = self::EXPECTED[ $locale ];
		$order = $this->order_for( 'iotpay_wechat', '12.00' );
		$this->checkout( $order );
		$r    = $this->httpRequest( 'GET', $order->get_checkout_payment_url( true ), array( 'User-Agent' => self::DESKTOP_UA ) );
		$html = self::plain( $r['body'] );
		$this->assertSame( 200, $r['status'] );
		$this->assertStringContainsString( '<html lang="' . $x['html_lang'] . '">', $html );
		$this->assertStringContainsString( '<title>' . $x['tab_title'] . $order->get_order_number(), $html );
		$this->assertStringContainsString( $x['scan'], $html );
		// wp-i18n before qr-page.js, with the script's translations handed over in between.
		$this->assertMatchesRegularExpression( '#/wp-includes/js/dist/i18n\.min\.js.*id=\'iotpay-wc-qr-js-translations\'.*"iotpay-for-woocommerce", \{.*' . preg_quote( json_encode( $x['js_expires'], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ), '#' ) . '.*assets/js/qr-page\.js#s', str_replace( "\u{00A0}", ' ', $r['body'] ) );
		$this->assert_no_english( $r['body'], "$locale payment page (server)" );

		// The classic "pay for order" list of methods: titles and descriptions.
		$r = $this->httpRequest( 'GET', add_query_arg( 'pay_for_order', 'true', $order->get_checkout_payment_url() ), array( 'User-Agent' => self::DESKTOP_UA ) );
		$this->assertSame( 200, $r['status'] );
		foreach ( array( 'wechat', 'alipay', 'unionpay', 'desktop_desc' ) as $k ) {
			$this->assertStringContainsString( $x[ $k ], self::plain( $r['body'] ), $k );
		}
		$this->assert_no_english( $r['body'], "$locale payment methods list" );
	}

	public function test_a_chinese_browser_gets_chinese_under_the_instructions_when_the_shop_is_not_chinese(): void {
		$this->assertSame( 'en_US', determine_locale() );
		$order = $this->order_for( 'iotpay_wechat', '42.00' );
		$this->checkout( $order );

		$html = $this->pay_page( $order, self::DESKTOP_UA, 'zh-CN,zh;q=0.9,en;q=0.8' );
		$this->assertStringContainsString( 'Open WeChat on your phone, tap + then Scan, and scan this code to pay.', $html, 'the shop language stays' );
		$this->assertStringContainsString( '<span class="iotpay-wc-qr__second-language" lang="zh-CN">打开手机微信，点击“+”→“扫一扫”，扫描此二维码付款。</span>', $html );
		$this->assertStringContainsString( 'Pay with WeChat Pay', $html, 'only the instructions are repeated, the site is not switched' );
		$this->assertSame( 'en_US', determine_locale() );
		$this->assertSame( 'Pay with %s', __( 'Pay with %s', 'iotpay-for-woocommerce' ), 'the shop translations are untouched afterwards' );

		// Chinese is not the browser's first language, or no Chinese at all: nothing added.
		$this->assertStringNotContainsString( 'second-language', $this->pay_page( $order, self::DESKTOP_UA, 'en-CA,en;q=0.9,zh-CN;q=0.8' ) );
		$this->assertStringNotContainsString( 'second-language', $this->pay_page( $order, self::DESKTOP_UA, 'fr-CA,fr;q=0.9' ) );
		// Traditional Chinese: no zh_TW translation is shipped, the Simplified one is used.
		$this->assertStringContainsString( 'lang="zh-CN">打开手机微信', $this->pay_page( $order, self::DESKTOP_UA, 'zh-TW,zh;q=0.9' ) );

		// Inside WeChat (Alipay cannot open there): the explanation and both steps.
		$alipay = $this->order_for( 'iotpay_alipay', '9.00' );
		$html   = $this->pay_page( $alipay, self::WECHAT_UA, 'zh-CN' );
		$this->assertStringContainsString( 'lang="zh-CN">微信内无法打开支付宝。', $html );
		$this->assertStringContainsString( 'lang="zh-CN">点击右上角的“···”，选择“在浏览器打开”。</span>', $html );
		$this->assertStringContainsString( 'lang="zh-CN">或复制此链接，粘贴到浏览器中打开：</span>', $html );

		$this->assertSame( 'zh-cn', SecondLanguage::preferred_language( 'en;q=0.5, zh-CN , fr;q=0.7' ) );
		$this->assertSame( 'fr-ca', SecondLanguage::preferred_language( 'zh-CN;q=0.8,fr-CA' ) );
		$this->assertSame( '', SecondLanguage::preferred_language( '*;q=0.1, <script>' ) );
	}

	/** @dataProvider locales */
	public function test_a_chinese_browser_on_a_translated_shop( string $locale ): void {
		$order = $this->order_for( 'iotpay_wechat', '42.00' );
		$this->checkout( $order );
		$html = $this->pay_page( $order, self::DESKTOP_UA, 'zh-CN,zh;q=0.9' );
		if ( 'zh_CN' === $locale ) {
			$this->assertStringNotContainsString( 'second-language', $html, 'the shop already speaks Chinese' );
			return;
		}
		$this->assertStringContainsString( self::EXPECTED['fr_CA']['scan'], self::plain( $html ) );
		$this->assertStringContainsString( 'lang="zh-CN">打开手机微信，点击“+”→“扫一扫”，扫描此二维码付款。</span>', $html );
		$this->assertSame( 'Payer avec %s', __( 'Pay with %s', 'iotpay-for-woocommerce' ), 'the French translations are still in force' );
	}
}
