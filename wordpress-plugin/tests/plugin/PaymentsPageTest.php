<?php
/**
 * Issue 19, section 4: WooCommerce 11's Payments page gives the shared IOTPay
 * account an entry — each method reports whether the account is connected
 * and, while it is not, that it needs setup, with the shared settings as its
 * "Complete setup" address (the provider API of WooCommerce 11.0.1's
 * Internal/Admin/Settings/PaymentsProviders/PaymentGateway.php:
 * is_account_connected(), needs_setup(), get_connection_url()).
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\WooCommerce\Admin\SettingsScreen;
use IotPay\WooCommerce\Settings\SharedSettings;

final class PaymentsPageTest extends PluginTestCase {

	public function test_every_method_points_an_unconfigured_shop_to_the_account_settings(): void {
		update_option( 'woocommerce_iotpay_settings', array( 'testmode' => 'yes', 'test_mch_id' => '', 'test_key' => '' ) );
		SharedSettings::reset();
		\WC_Payment_Gateways::reset_instance();
		$ours = array_filter( WC()->payment_gateways()->payment_gateways(), static fn ( $g ) => str_starts_with( (string) $g->id, 'iotpay' ) );
		$this->assertGreaterThanOrEqual( 4, count( $ours ) );
		foreach ( $ours as $g ) {
			$this->assertFalse( $g->is_account_connected(), $g->id );
			$this->assertTrue( $g->needs_setup(), $g->id );
			$this->assertSame( SettingsScreen::url(), $g->get_connection_url(), $g->id );
			$this->assertStringContainsString( 'section=iotpay', $g->get_connection_url() );
		}
		$this->configure();
		SharedSettings::reset();
		// SUNBAY's method has its own account, set in the same place.
		update_option( 'woocommerce_iotpay_sunbay_account_settings', array( 'sandbox' => 'yes', 'app_id' => 'app_x', 'merchant_id' => 'M1260231004', 'api_key' => 'k-123456' ) );
		\IotPay\WooCommerce\Settings\SunbaySettings::reset();
		foreach ( $ours as $g ) {
			$this->assertTrue( $g->is_account_connected(), $g->id );
			$this->assertFalse( $g->needs_setup(), $g->id );
		}
	}
}
