<?php
/**
 * Removes the plugin's data only when the shop owner opted in
 * ("Remove data on uninstall"). Orders and their notes are never touched.
 *
 * @package IotPay\WooCommerce
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

$iotpay_wc_settings = get_option( 'woocommerce_iotpay_settings', array() );
if ( ! is_array( $iotpay_wc_settings ) || 'yes' !== ( $iotpay_wc_settings['delete_on_uninstall'] ?? 'no' ) ) {
	return;
}

global $wpdb;
$wpdb->query( 'DROP TABLE IF EXISTS ' . $wpdb->prefix . 'iotpay_attempts' );
$wpdb->query( 'DROP TABLE IF EXISTS ' . $wpdb->prefix . 'iotpay_refunds' );
foreach ( array( 'woocommerce_iotpay_settings', 'woocommerce_iotpay_wechat_settings', 'woocommerce_iotpay_alipay_settings', 'woocommerce_iotpay_unionpay_settings', 'iotpay_wc_db_version', 'iotpay_wc_notify_health' ) as $iotpay_wc_option ) {
	delete_option( $iotpay_wc_option );
}
if ( function_exists( 'as_unschedule_all_actions' ) ) {
	as_unschedule_all_actions( 'iotpay_wc_check_attempt' );
	as_unschedule_all_actions( 'iotpay_wc_sweep' );
}
