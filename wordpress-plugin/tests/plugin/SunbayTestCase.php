<?php
/**
 * Base of the SUNBAY tests: the SUNBAY account pointed at the sandbox's
 * SUNBAY simulator (same listener as IOTPay's, D40), the "Card payments
 * (SUNBAY)" method enabled, and what the shopper does on SUNBAY's hosted
 * page. A test that needs SUNBAY itself is skipped while the loaded
 * extension has no IotPay\Sunbay\Client or the sandbox no SUNBAY routes.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\Sandbox;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Settings\SunbaySettings;

abstract class SunbayTestCase extends PluginTestCase {

	protected const ID = 'iotpay_sunbay';

	protected function setUp(): void {
		parent::setUp();
		update_option(
			'woocommerce_iotpay_sunbay_account_settings',
			array(
				'sandbox'        => 'yes',
				'app_id'         => self::sandbox_value( 'SUNBAY_APP_ID', 'app_sandbox' ),
				'merchant_id'    => self::sandbox_value( 'SUNBAY_MERCHANT_ID', 'M1260231004' ),
				'api_key'        => self::sandbox_value( 'SUNBAY_API_KEY', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc' ),
				'webhook_secret' => self::sandbox_value( 'SUNBAY_WEBHOOK_SECRET', 'test_webhook_secret' ),
				'base_url'       => $this->sb->http,
			)
		);
		update_option( 'woocommerce_iotpay_sunbay_settings', array( 'enabled' => 'yes' ) );
		SunbaySettings::reset();
		\WC_Payment_Gateways::reset_instance();
	}

	protected function tearDown(): void {
		remove_all_filters( 'iotpay_wc_refund_grace_seconds' );
		$_POST = array();
		parent::tearDown();
		// The account settings are cached per process: a later test (of any class) must not see this one's.
		SunbaySettings::reset();
		\WC_Payment_Gateways::reset_instance();
	}

	/** The sandbox's SUNBAY credentials (its Support class names them once it serves SUNBAY). */
	protected static function sandbox_value( string $name, string $fallback ): string {
		$const = Sandbox::class . '::' . $name;
		return defined( $const ) ? (string) constant( $const ) : $fallback;
	}

	/** Skips a test that needs SUNBAY when the extension or the sandbox does not have it yet. */
	protected function needs_sunbay(): void {
		if ( ! class_exists( \IotPay\Sunbay\Client::class ) ) {
			$this->markTestSkipped( 'the loaded iotpay extension has no IotPay\\Sunbay\\Client (extension API 1.1)' );
		}
		try {
			( new \IotPay\Sunbay\Client( new \IotPay\Sunbay\Config( array( 'appId' => 'a', 'merchantId' => 'M1', 'apiKey' => 'k', 'baseUrl' => $this->sb->http ) ) ) )->queryByTransactionRequestId( 'probe' . bin2hex( random_bytes( 4 ) ) );
		} catch ( \IotPay\Exception\ProtocolException $e ) {
			if ( 404 === $e->getHttpStatus() ) {
				$this->markTestSkipped( 'the sandbox serves no SUNBAY routes' );
			}
		} catch ( \IotPay\Exception\IotPayException $e ) {
			// Any SUNBAY answer (refused, not found): the simulator is there.
		}
	}

	protected function sunbay_order( string $total = '25.00', ?int $product = null ): \WC_Order {
		$args = array(
			'payment_method'       => self::ID,
			'payment_method_title' => 'Credit or debit card',
			'total'                => $total,
			'currency'             => 'CAD',
		);
		if ( null !== $product ) {
			$args['items'] = array( array( $product, 1 ) );
		}
		return $this->createOrder( $args );
	}

	/**
	 * What the shopper does on SUNBAY's hosted page: the page's form for the
	 * chosen button (pay / decline / cancel) is submitted as a browser
	 * would. @return string where the browser goes next
	 */
	protected function on_hosted_page( Attempt $a, string $button = 'pay' ): string {
		$url  = (string) $a->pay_data['redirectUrl'];
		$page = $this->httpRequest( 'GET', $url );
		$this->assertSame( 200, $page['status'], 'SUNBAY\'s hosted page did not load' );
		$this->assertSame( 1, preg_match( '#<form[^>]*action="([^"]*/' . preg_quote( $button, '#' ) . ')"#i', $page['body'], $m ), "the hosted page offers no '$button'" );
		$action = html_entity_decode( $m[1] );
		if ( str_starts_with( $action, '/' ) ) {
			$action = $this->sb->http . $action;
		}
		$r = $this->sb->submitPage( $action );
		$this->assertContains( $r['status'], array( 302, 303 ), "the hosted page did not take '$button'" );
		return (string) $r['location'];
	}

	/** @return list<string> notes about received SUNBAY payments */
	protected function payment_notes( \WC_Order $order ): array {
		return array_values( array_filter( $this->getOrderNotes( $order->get_id() ), static fn ( string $n ) => str_contains( $n, 'SUNBAY payment received' ) ) );
	}

	/** Minor units SUNBAY (the sandbox) refunded successfully from a payment: its S refunds, as SUNBAY's own records say. */
	protected function refunded_at_sunbay( string $transaction_id ): int {
		$sum = 0;
		foreach ( $this->sb->admin( 'GET', '/admin/sunbay/transactions?type=REFUND' )['transactions'] ?? array() as $t ) {
			if ( ( $t['originalTransactionId'] ?? '' ) === $transaction_id && 'S' === ( $t['transactionStatus'] ?? '' ) ) {
				$sum += (int) ( $t['amount']['orderAmount'] ?? 0 );
			}
		}
		return $sum;
	}
}
