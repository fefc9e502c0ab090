<?php
/**
 * The shop owner's settings (issue 9, item 15): the shared IOTPay account has
 * one home (its own section of WooCommerce → Settings → Payments) linked from
 * each method's page and from the plugins list; the missing-extension notice
 * appears once and speaks to a shop owner.
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
}
