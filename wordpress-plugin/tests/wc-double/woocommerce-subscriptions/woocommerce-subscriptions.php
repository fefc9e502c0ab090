<?php
/**
 * Plugin Name: WooCommerce Subscriptions
 * Description: Test double of WooCommerce Subscriptions for the IOTPay plugin's tests: what a payment gateway sees of it (subscriptions as an order type, renewal orders, the scheduled-payment hook per gateway, the payment-method change and meta hooks). Not WooCommerce Subscriptions' code.
 * Version: 6.6.0
 * Requires Plugins: woocommerce
 *
 * Modelled on the public API and hooks of WooCommerce Subscriptions 6.x with
 * woocommerce-subscriptions-core 7.x (Automattic/woocommerce-subscriptions-core:
 * includes/class-wc-subscription.php, wcs-functions.php, wcs-order-functions.php,
 * wcs-renewal-functions.php, class-wc-subscriptions-manager.php,
 * gateways/class-wc-subscriptions-payment-gateways.php,
 * class-wc-subscriptions-change-payment-gateway.php,
 * class-wc-subscriptions-renewal-order.php, payment-retry/class-wcs-retry-manager.php,
 * early-renewal/class-wcs-cart-early-renewal.php), from their documentation
 * ("Subscriptions payment gateway integration guide") and from gateways
 * that integrate with it. Names and signatures are the real ones; what each
 * does is the part a gateway relies on. What could not be checked against a
 * source is listed in ../UNVERIFIED.md (section "WooCommerce Subscriptions").
 *
 * Loaded only when a test activates it (Site::restore()'s plugin list):
 * without it, WooCommerce is the plain double and nothing of Subscriptions
 * exists (no class, no function, no hook).
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

// A constant, not class_exists( 'WC_Subscriptions' ): PHP declares this file's classes before running it.
if ( defined( 'WCS_DOUBLE_LOADED' ) || ! class_exists( 'WC_Order' ) ) {
	return;
}
define( 'WCS_DOUBLE_LOADED', true );

foreach ( array( 'class-wc-subscription', 'wcs-functions', 'class-wc-subscriptions-manager', 'class-wc-subscriptions-cart' ) as $wcs_double_file ) {
	require_once __DIR__ . '/includes/' . $wcs_double_file . '.php';
}
unset( $wcs_double_file );

/** The plugin's main class: its presence is how gateways detect Subscriptions. */
final class WC_Subscriptions {
	public static $version = '6.6.0';

	public static $name = 'subscription';
}

WC_Double_Order_Stores::register_type( 'shop_subscription', 'WC_Subscription' );
WC_Subscriptions_Manager::init();
WC_Subscriptions_Payment_Gateways::init();
WC_Subscriptions_Renewal_Order::init();
WC_Subscriptions_Cart::init();
