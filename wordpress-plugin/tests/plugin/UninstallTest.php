<?php
/**
 * uninstall.php removes data only when the shop owner opted in.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Payment\Schema;

final class UninstallTest extends PluginTestCase {

	private function table_exists( string $table ): bool {
		global $wpdb;
		return $table === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $table ) );
	}

	public function test_keeps_data_unless_opted_in(): void {
		$this->checkout( $this->order_for( 'iotpay_wechat' ) );
		$this->uninstallPlugin( self::plugin_file() );
		$this->assertTrue( $this->table_exists( Schema::attempts_table() ) );
		$this->assertNotFalse( get_option( 'woocommerce_iotpay_settings' ) );
	}

	public function test_removes_data_when_opted_in(): void {
		$this->configure( array( 'delete_on_uninstall' => 'yes' ) );
		// SUNBAY's account (with its secrets) and its method's settings go too.
		update_option( 'woocommerce_iotpay_sunbay_account_settings', array( 'app_id' => 'app_x', 'merchant_id' => 'M1', 'api_key' => 'k-123456', 'webhook_secret' => 's-123456' ) );
		update_option( 'woocommerce_iotpay_sunbay_settings', array( 'enabled' => 'yes' ) );
		$this->checkout( $this->order_for( 'iotpay_wechat' ) );
		$this->uninstallPlugin( self::plugin_file() );
		$this->assertFalse( get_option( 'woocommerce_iotpay_sunbay_account_settings' ) );
		$this->assertFalse( get_option( 'woocommerce_iotpay_sunbay_settings' ) );
		$this->assertFalse( $this->table_exists( Schema::attempts_table() ) );
		$this->assertFalse( $this->table_exists( Schema::refunds_table() ) );
		$this->assertFalse( get_option( 'woocommerce_iotpay_settings' ) );
		$this->assertSame( array(), $this->getScheduledActions( 'iotpay_wc_check_attempt', 'pending' ) );
		// Orders are never touched.
		Schema::install();
	}
}
