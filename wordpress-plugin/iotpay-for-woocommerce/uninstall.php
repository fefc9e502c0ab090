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
foreach ( array( 'woocommerce_iotpay_settings', 'woocommerce_iotpay_wechat_settings', 'woocommerce_iotpay_alipay_settings', 'woocommerce_iotpay_unionpay_settings', 'woocommerce_iotpay_card_settings', 'woocommerce_iotpay_upi_card_settings', 'woocommerce_iotpay_sunbay_settings', 'woocommerce_iotpay_sunbay_account_settings', 'iotpay_wc_db_version', 'iotpay_wc_notify_health' ) as $iotpay_wc_option ) {
	delete_option( $iotpay_wc_option );
}
// Saved IOTPay cards cannot be charged without the plugin: their WooCommerce tokens go too.
$iotpay_wc_tokens = $wpdb->prefix . 'woocommerce_payment_tokens';
if ( class_exists( 'WC_Payment_Tokens' ) && $iotpay_wc_tokens === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $iotpay_wc_tokens ) ) ) ) {
	foreach ( (array) $wpdb->get_col( $wpdb->prepare( "SELECT token_id FROM {$wpdb->prefix}woocommerce_payment_tokens WHERE gateway_id = %s", 'iotpay_card' ) ) as $iotpay_wc_token ) {
		WC_Payment_Tokens::delete( (int) $iotpay_wc_token );
	}
}
if ( function_exists( 'as_unschedule_all_actions' ) ) {
	as_unschedule_all_actions( 'iotpay_wc_check_attempt' );
	as_unschedule_all_actions( 'iotpay_wc_sweep' );
	as_unschedule_all_actions( 'iotpay_wc_check_refund' );
	as_unschedule_all_actions( 'iotpay_wc_record_refund' );
	as_unschedule_all_actions( 'iotpay_wc_void_cancelled_order' );
}
