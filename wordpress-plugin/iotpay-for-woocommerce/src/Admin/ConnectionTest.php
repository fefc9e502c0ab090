<?php
/**
 * "Test connection": a signed query for an order that cannot exist. IOTPay
 * answering "order does not exist" (0112) proves reachability, TLS, the
 * merchant id and the key in one call, without creating anything.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Admin;

use IotPay\Exception\GatewayException;
use IotPay\Exception\IotPayException;
use IotPay\Exception\TransportException;
use IotPay\WooCommerce\Api\Call;
use IotPay\WooCommerce\Api\ClientFactory;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Payment\NotFound;
use IotPay\WooCommerce\Settings\SharedSettings;
use IotPay\WooCommerce\Settings\SunbaySettings;

final class ConnectionTest {

	public const ACTION = 'iotpay_wc_connection_test';

	/** @return array{ok: bool, message: string} */
	public static function run(): array {
		if ( ! Plugin::extension_loaded() ) {
			return array( 'ok' => false, 'message' => __( 'The iotpay PHP extension is not loaded.', 'iotpay-for-woocommerce' ) );
		}
		if ( ! SharedSettings::instance()->is_configured() ) {
			return array( 'ok' => false, 'message' => __( 'Enter a merchant ID and key first.', 'iotpay-for-woocommerce' ) );
		}
		try {
			$no = 'CONNTEST' . bin2hex( random_bytes( 6 ) );
			Call::run( 'query_order', array( 'connectionTest' => true ), static fn () => ClientFactory::client()->queryOrderByMchOrderNo( $no ) );
			return array( 'ok' => true, 'message' => __( 'Connected: IOTPay accepted the credentials.', 'iotpay-for-woocommerce' ) );
		} catch ( GatewayException $e ) {
			switch ( $e->getProviderCode() ) {
				case '0112':
					return array( 'ok' => true, 'message' => __( 'Connected: IOTPay accepted the merchant ID and key.', 'iotpay-for-woocommerce' ) );
				case '0013':
					return array( 'ok' => false, 'message' => __( 'IOTPay rejected the signature: the merchant key is wrong.', 'iotpay-for-woocommerce' ) );
				case '0015':
					return array( 'ok' => false, 'message' => __( 'IOTPay does not know this merchant ID.', 'iotpay-for-woocommerce' ) );
				default:
					/* translators: 1: code, 2: message */
					return array( 'ok' => false, 'message' => sprintf( __( 'IOTPay answered %1$s: %2$s', 'iotpay-for-woocommerce' ), $e->getProviderCode(), $e->getProviderMessage() ) );
			}
		} catch ( TransportException $e ) {
			/* translators: %s: error */
			return array( 'ok' => false, 'message' => sprintf( __( 'IOTPay could not be reached: %s', 'iotpay-for-woocommerce' ), $e->getMessage() ) );
		} catch ( IotPayException $e ) {
			/* translators: %s: error */
			return array( 'ok' => false, 'message' => sprintf( __( 'Unexpected answer from IOTPay: %s', 'iotpay-for-woocommerce' ), $e->getMessage() ) );
		}
	}

	/**
	 * SUNBAY: a query of a transactionRequestId that cannot exist. "Does not
	 * exist" proves reachability, TLS, the app id, the merchant id and the API
	 * key in one call, creating nothing; an authentication or configuration
	 * code (S…, M…, or any other refusal) says which of them is wrong.
	 *
	 * @return array{ok: bool, message: string}
	 */
	public static function run_sunbay(): array {
		if ( ! Plugin::sunbay_loaded() ) {
			return array( 'ok' => false, 'message' => __( 'The iotpay PHP extension on this server has no SUNBAY support (version 1.1 or later is needed).', 'iotpay-for-woocommerce' ) );
		}
		if ( ! SunbaySettings::instance()->is_configured() ) {
			return array( 'ok' => false, 'message' => __( 'Enter the SUNBAY app ID, merchant ID and API key first.', 'iotpay-for-woocommerce' ) );
		}
		try {
			$no = 'CONNTEST' . bin2hex( random_bytes( 8 ) );
			Call::run( 'transaction/query', array( 'connectionTest' => true ), static fn () => ClientFactory::sunbay_client()->queryByTransactionRequestId( $no ), 'SUNBAY' );
			return array( 'ok' => true, 'message' => __( 'Connected: SUNBAY accepted the credentials.', 'iotpay-for-woocommerce' ) );
		} catch ( GatewayException $e ) {
			if ( NotFound::says( $e ) ) {
				return array( 'ok' => true, 'message' => __( 'Connected: SUNBAY accepted the app ID, merchant ID and API key.', 'iotpay-for-woocommerce' ) );
			}
			/* translators: 1: code, 2: message */
			return array( 'ok' => false, 'message' => sprintf( __( 'SUNBAY refused the request (%1$s: %2$s). Check the app ID, merchant ID and API key, and sandbox or production.', 'iotpay-for-woocommerce' ), $e->getProviderCode(), $e->getProviderMessage() ) );
		} catch ( TransportException $e ) {
			/* translators: %s: error */
			return array( 'ok' => false, 'message' => sprintf( __( 'SUNBAY could not be reached: %s', 'iotpay-for-woocommerce' ), $e->getMessage() ) );
		} catch ( IotPayException $e ) {
			/* translators: %s: error */
			return array( 'ok' => false, 'message' => sprintf( __( 'Unexpected answer from SUNBAY: %s', 'iotpay-for-woocommerce' ), $e->getMessage() ) );
		}
	}

	public static function handle(): void {
		check_admin_referer( self::ACTION );
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			wp_die( esc_html__( 'You are not allowed to do this.', 'iotpay-for-woocommerce' ), 403 );
		}
		$sunbay = isset( $_GET['provider'] ) && 'sunbay' === sanitize_key( wp_unslash( (string) $_GET['provider'] ) );
		set_transient( self::ACTION . '_' . get_current_user_id(), $sunbay ? self::run_sunbay() : self::run(), 300 );
		$gateway = isset( $_GET['gateway'] ) ? sanitize_key( wp_unslash( (string) $_GET['gateway'] ) ) : '';
		wp_safe_redirect( admin_url( 'admin.php?page=wc-settings&tab=checkout&section=' . rawurlencode( $gateway ) ) );
		if ( ! defined( 'IOTPAY_WC_TESTING' ) ) {
			exit;
		}
	}

	public static function show_result(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		$key    = self::ACTION . '_' . get_current_user_id();
		$result = get_transient( $key );
		if ( ! is_array( $result ) ) {
			return;
		}
		delete_transient( $key );
		printf(
			'<div class="notice notice-%1$s is-dismissible"><p>%2$s</p></div>',
			esc_attr( $result['ok'] ? 'success' : 'error' ),
			esc_html( (string) $result['message'] )
		);
	}
}
