<?php
/**
 * The shop owner's settings (issue 9, item 15): the shared IOTPay account has
 * one home (its own section of WooCommerce → Settings → Payments) linked from
 * each method's page and from the plugins list; the missing-extension notice
 * appears once and speaks to a shop owner. Item 18: the files of the
 * checkout and settings code pass the literal text domain to every
 * translation call, so WordPress's i18n tooling extracts them.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\Sandbox;
use IotPay\WooCommerce\Settings\SharedSettings;

final class SettingsUxTest extends PluginTestCase {

	private const SHARED_FIELDS = array( 'woocommerce_iotpay_test_mch_id', 'woocommerce_iotpay_live_key', 'woocommerce_iotpay_testmode', 'woocommerce_iotpay_api_base_url', 'woocommerce_iotpay_order_prefix' );

	private function section_url(): string {
		return admin_url( 'admin.php?page=wc-settings&tab=checkout&section=iotpay' );
	}

	public function test_the_shared_account_settings_have_one_home(): void {
		$this->setCurrentUserRole( 'administrator' );
		$this->assertArrayHasKey( 'iotpay', wc_double_payment_settings_sections(), 'no IOTPay section under Settings → Payments' );

		$home = $this->renderGatewaySettings( 'iotpay' );
		foreach ( self::SHARED_FIELDS as $field ) {
			$this->assertSame( 1, substr_count( $home, 'name="' . $field . '"' ), "$field not on the IOTPay section" );
		}
		$this->assertStringContainsString( 'Test connection to IOTPay', $home );
		$this->assertStringContainsString( '/wp-json/iotpay/v1/notify', $home );
		$this->assertSame( 1, substr_count( $home, '<h2>' ), 'one heading for the section' );
		$this->assertStringNotContainsString( Sandbox::KEY, $home );
		foreach ( array( 'iotpay_wechat', 'iotpay_alipay', 'iotpay_unionpay' ) as $id ) {
			$this->assertStringContainsString( esc_url( admin_url( 'admin.php?page=wc-settings&tab=checkout&section=' . $id ) ), $home );
		}

		foreach ( array( 'iotpay_wechat', 'iotpay_alipay', 'iotpay_unionpay' ) as $id ) {
			$page = $this->renderGatewaySettings( $id );
			foreach ( self::SHARED_FIELDS as $field ) {
				$this->assertStringNotContainsString( 'name="' . $field . '"', $page, "$field repeated on $id" );
			}
			$this->assertStringNotContainsString( 'Test connection to IOTPay', $page );
			$this->assertStringContainsString( 'href="' . esc_url( $this->section_url() ) . '"', $page, "$id does not link to the IOTPay account settings" );
			$this->assertStringContainsString( 'name="woocommerce_' . $id . '_enabled"', $page );
			$this->assertSame( 1, substr_count( $page, '<h2>' ), "$id has more than one heading" );
		}
	}

	public function test_saving_the_section_saves_the_account_and_a_method_page_leaves_it_alone(): void {
		$this->setCurrentUserRole( 'administrator' );
		$this->saveGatewaySettings(
			'iotpay',
			array(
				'woocommerce_iotpay_testmode'        => '1',
				'woocommerce_iotpay_test_mch_id'     => '20000999',
				'woocommerce_iotpay_test_key'        => '',
				'woocommerce_iotpay_test_login_name' => 'shop1',
				'woocommerce_iotpay_order_prefix'    => 'AB',
			)
		);
		SharedSettings::reset();
		$s = SharedSettings::instance();
		$this->assertSame( '20000999', $s->credentials()['mch_id'] );
		$this->assertSame( Sandbox::KEY, $s->credentials()['key'], 'an empty key field keeps the saved key' );
		$this->assertSame( 'AB', $s->order_prefix() );

		$this->saveGatewaySettings( 'iotpay_alipay', array( 'enabled' => '1', 'title' => 'Alipay now' ) );
		SharedSettings::reset();
		$this->assertSame( '20000999', SharedSettings::instance()->credentials()['mch_id'], 'a method page overwrote the account' );
		$this->assertSame( 'Alipay now', get_option( 'woocommerce_iotpay_alipay_settings' )['title'] );

		// Someone who may not manage WooCommerce saves nothing.
		$this->setCurrentUserRole( 'customer' );
		$this->saveGatewaySettings( 'iotpay', array( 'woocommerce_iotpay_test_mch_id' => '666' ) );
		SharedSettings::reset();
		$this->assertSame( '20000999', SharedSettings::instance()->credentials()['mch_id'] );
	}

	public function test_the_plugins_list_has_a_settings_link(): void {
		$file  = self::plugin_file();
		$links = apply_filters( 'plugin_action_links_' . plugin_basename( $file ), array( 'deactivate' => '<a href="#">Deactivate</a>' ), plugin_basename( $file ), array(), 'all' );
		$this->assertArrayHasKey( 'settings', $links );
		$this->assertStringContainsString( 'href="' . esc_url( $this->section_url() ) . '"', $links['settings'] );
		$this->assertStringContainsString( '>Settings</a>', $links['settings'] );
		$this->assertSame( array( 'settings', 'deactivate' ), array_keys( $links ) );
	}

	public function test_without_the_extension_one_notice_for_the_shop_owner(): void {
		$admin = $this->setCurrentUserRole( 'administrator' );
		$env   = getenv();
		// The system's ini directory, without this build's extension.
		$env['PHP_INI_SCAN_DIR'] = (string) shell_exec( 'php -n -r "echo PHP_CONFIG_FILE_SCAN_DIR;"' );
		$proc                    = proc_open( array( PHP_BINARY, __DIR__ . '/fixtures/no-extension-admin.php', (string) $admin ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes, null, $env );
		$out                     = stream_get_contents( $pipes[1] );
		$err                     = stream_get_contents( $pipes[2] );
		$this->assertSame( 0, proc_close( $proc ), "fatal without the extension: $err $out" );
		$r = json_decode( (string) $out, true );
		$this->assertFalse( $r['extension'] );
		foreach ( $r['screens'] as $section => $html ) {
			$this->assertSame( 1, substr_count( $html, 'extension is not loaded' ), "the missing-extension notice is not shown exactly once on $section" );
			$this->assertStringContainsString( 'ask your hosting provider', $html, "$section: nothing tells the shop owner what to do" );
			$this->assertStringContainsString( 'install and enable the iotpay PHP extension for PHP ' . $r['php'], $html );
			$this->assertStringNotContainsString( 'make install', $html, 'build instructions are for developers' );
			// The plain words come first, the technical detail after them.
			$this->assertLessThan( strpos( $html, 'Technical details' ), strpos( $html, 'ask your hosting provider' ) );
		}
	}

	/**
	 * The plugin files of the checkout and settings code (item 18).
	 *
	 * @return list<string>
	 */
	private static function ux_files(): array {
		$dir   = dirname( self::plugin_file() );
		$files = array_merge(
			glob( $dir . '/src/Checkout/*.php' ),
			glob( $dir . '/src/Gateway/*.php' ),
			glob( $dir . '/src/Settings/*.php' ),
			glob( $dir . '/src/Blocks/*.php' ),
			glob( $dir . '/templates/*.php' ),
			array( $dir . '/src/Payment/Starter.php', $dir . '/src/Admin/Notices.php', $dir . '/src/Admin/SettingsScreen.php', $dir . '/src/Admin/ConnectionTest.php', $dir . '/src/Rest/Routes.php' )
		);
		sort( $files );
		return $files;
	}

	public function test_translation_calls_use_the_literal_text_domain(): void {
		$functions = array( '__' => 2, '_e' => 2, 'esc_html__' => 2, 'esc_html_e' => 2, 'esc_attr__' => 2, 'esc_attr_e' => 2, '_x' => 3, '_ex' => 3, 'esc_html_x' => 3, 'esc_attr_x' => 3, '_n' => 4, '_nx' => 5 );
		$bad       = array();
		$calls     = 0;
		foreach ( self::ux_files() as $file ) {
			$tokens = array_values( array_filter( token_get_all( (string) file_get_contents( $file ) ), static fn ( $t ) => ! is_array( $t ) || ! in_array( $t[0], array( T_WHITESPACE, T_COMMENT, T_DOC_COMMENT ), true ) ) );
			foreach ( $tokens as $i => $t ) {
				if ( ! is_array( $t ) || T_STRING !== $t[0] || ! isset( $functions[ $t[1] ] ) || '(' !== ( $tokens[ $i + 1 ] ?? null ) ) {
					continue;
				}
				$prev = $tokens[ $i - 1 ] ?? null;
				if ( is_array( $prev ) && in_array( $prev[0], array( T_FUNCTION, T_OBJECT_OPERATOR, T_DOUBLE_COLON ), true ) ) {
					continue;
				}
				// Split the arguments at depth 1.
				$depth = 0;
				$args  = array( array() );
				for ( $j = $i + 1; $j < count( $tokens ); $j++ ) {
					$tok = $tokens[ $j ];
					if ( in_array( $tok, array( '(', '[', '{' ), true ) || ( is_array( $tok ) && in_array( $tok[0], array( T_CURLY_OPEN, T_DOLLAR_OPEN_CURLY_BRACES ), true ) ) ) {
						if ( 0 !== $depth++ ) {
							$args[ count( $args ) - 1 ][] = $tok;
						}
						continue;
					}
					if ( in_array( $tok, array( ')', ']', '}' ), true ) ) {
						if ( 0 === --$depth ) {
							break;
						}
						$args[ count( $args ) - 1 ][] = $tok;
						continue;
					}
					if ( ',' === $tok && 1 === $depth ) {
						$args[] = array();
						continue;
					}
					$args[ count( $args ) - 1 ][] = $tok;
				}
				++$calls;
				$domain = $args[ $functions[ $t[1] ] - 1 ] ?? array();
				if ( 1 !== count( $domain ) || ! is_array( $domain[0] ) || T_CONSTANT_ENCAPSED_STRING !== $domain[0][0] || "'iotpay-for-woocommerce'" !== $domain[0][1] ) {
					$bad[] = basename( $file ) . ':' . $t[2] . ' ' . $t[1] . '()';
				}
			}
		}
		$this->assertGreaterThan( 100, $calls, 'the scan found no translation calls' );
		$this->assertSame( array(), $bad, 'translation calls without the literal text domain' );
	}

	public function test_the_translation_template_has_the_new_strings(): void {
		$pot = (string) file_get_contents( dirname( self::plugin_file() ) . '/languages/iotpay-for-woocommerce.pot' );
		foreach ( array( 'Choose another payment method', 'IOTPay account settings', 'Refresh this page', 'declined this payment' ) as $s ) {
			$this->assertStringContainsString( $s, $pot );
		}
	}
}
