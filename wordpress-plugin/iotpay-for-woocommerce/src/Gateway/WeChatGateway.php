<?php
/**
 * WeChat Pay: a QR code on computers; inside WeChat's own browser, WeChat's
 * in-app payment (JSAPI). On a phone outside WeChat the QR code cannot be
 * scanned by the phone showing it, so the page explains the one-device way:
 * save the code and scan it from the album in WeChat, or open the payment
 * page inside WeChat.
 *
 * With WooCommerce Subscriptions active, also "WeChat auto-debit" (IOTPay
 * Autodebit, D70–D79): the first payment of a subscription is paid as
 * usual, today, and the customer signs a withholding contract in WeChat on
 * the same visit; renewals are debited on it (Recurring\ContractRenewals).
 * A subscription whose renewal does not fit WeChat's limits is refused here,
 * with the reason.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Gateway;

use IotPay\WooCommerce\Checkout\ContractPage;
use IotPay\WooCommerce\Checkout\Device;
use IotPay\WooCommerce\Payment\PaymentError;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Recurring\ContractRenewals;
use IotPay\WooCommerce\Recurring\Contracts;
use IotPay\WooCommerce\Recurring\Subscriptions;

final class WeChatGateway extends AbstractGateway {

	public const ID = 'iotpay_wechat';

	public function __construct() {
		parent::__construct();
		if ( Subscriptions::active() ) {
			// Renewals debited on a WeChat auto-debit contract (Recurring\Renewals with ContractRenewals).
			$this->supports = array_merge( $this->supports, Subscriptions::SUPPORTS );
		}
	}

	protected function channels( Device $device ): array {
		return Device::WeChat === $device ? array( 'WX_JSAPI' ) : array( 'WX_NATIVE' );
	}

	protected const DEFAULT_TITLE = 'WeChat Pay';

	protected function default_title(): string {
		return __( 'WeChat Pay', 'iotpay-for-woocommerce' );
	}

	public function scan_instructions(): string {
		return __( 'Open WeChat on your phone, tap + then Scan, and scan this code to pay.', 'iotpay-for-woocommerce' );
	}

	protected function checkout_description( Device $device, ?string $channel ): string {
		if ( 'WX_JSAPI' === $channel ) {
			return __( 'Pay in WeChat after you place your order.', 'iotpay-for-woocommerce' );
		}
		if ( Device::Mobile === $device ) {
			return __( 'After you place your order you will see a WeChat Pay QR code: save it (or take a screenshot) and scan it from your photo album in WeChat, or open the payment page inside WeChat.', 'iotpay-for-woocommerce' );
		}
		return __( 'After you place your order, scan a QR code with WeChat on your phone to pay.', 'iotpay-for-woocommerce' );
	}

	/** The description, then what happens to a subscription's renewals (auto-debit, or why not). */
	public function payment_fields() {
		parent::payment_fields();
		$text = $this->auto_debit_text();
		if ( '' !== $text ) {
			echo '<p class="iotpay-auto-debit">' . esc_html( $text ) . '</p>';
		}
	}

	/**
	 * The classic checkout's line under WeChat Pay (auto-debit for the cart's
	 * subscription, or why not), computed from the same cart, for the
	 * Checkout Block; absent without a subscription or without WooCommerce
	 * Subscriptions (D79).
	 *
	 * @return array<string, mixed>
	 */
	public function block_data(): array {
		$auto_debit = $this->auto_debit_text();
		return '' === $auto_debit ? array() : array( 'autoDebit' => $auto_debit );
	}

	/** '' when the checkout holds no subscription (or Subscriptions is not active). */
	public function auto_debit_text(): string {
		if ( ! Subscriptions::active() || ! Plugin::extension_loaded() ) {
			return '';
		}
		$order = $this->order_being_paid();
		if ( null !== $order ) {
			if ( ! Subscriptions::needs_credential( $order ) ) {
				return '';
			}
			$why = ContractRenewals::why_not_for_order( $order );
		} else {
			if ( ! Subscriptions::cart_has_subscription() ) {
				return '';
			}
			$why = ContractRenewals::why_not_for_cart();
		}
		return $why ?? __( 'WeChat auto-debit: you pay the first payment now and sign a WeChat auto-debit agreement, so that the renewals are debited automatically. You can end the agreement in WeChat at any time.', 'iotpay-for-woocommerce' );
	}

	/** Every subscription the order renews already holds a signed contract: nothing to sign again. */
	private static function renewed_on_signed_contracts( \WC_Order $order ): bool {
		if ( ! Subscriptions::is_renewal( $order ) ) {
			return false;
		}
		$subscriptions = Subscriptions::for_order( $order );
		foreach ( $subscriptions as $subscription ) {
			$found = Contracts::find( (string) $subscription->get_meta( ContractRenewals::META ) );
			if ( null === $found || Contracts::SIGNED !== $found[1]['status'] ) {
				return false;
			}
		}
		return array() !== $subscriptions;
	}

	/** The order of the order-pay page, if that is where the customer is. */
	private function order_being_paid(): ?\WC_Order {
		global $wp;
		$order_id = isset( $wp->query_vars['order-pay'] ) ? absint( $wp->query_vars['order-pay'] ) : 0;
		$order    = $order_id > 0 ? wc_get_order( $order_id ) : null;
		return $order instanceof \WC_Order ? $order : null;
	}

	/**
	 * A subscription's first payment (or a renewal the customer pays): the
	 * contract is signed first (the customer signs it in WeChat, on the
	 * payment page or afterwards on the order page), then the payment starts
	 * as for any order. A subscription whose renewals do not fit the limits
	 * is refused with the reason (D72). The customer's change of a
	 * subscription's payment method signs a new contract; nothing is charged.
	 *
	 * @param int $order_id Order ID.
	 * @return array{result: string, redirect?: string}
	 */
	public function process_payment( $order_id ) {
		$order = wc_get_order( $order_id );
		if ( ! $order instanceof \WC_Order || ! Plugin::extension_loaded() ) {
			return parent::process_payment( $order_id );
		}
		try {
			if ( Subscriptions::is_subscription( $order ) ) {
				if ( ! $this->supports( 'subscription_payment_method_change_customer' ) ) {
					throw new PaymentError( __( 'This payment method cannot be used for this subscription.', 'iotpay-for-woocommerce' ) );
				}
				$why = ContractRenewals::why_not_for_subscription( $order );
				if ( null !== $why ) {
					throw new PaymentError( $why );
				}
				$record = Contracts::sign( $order );
				return array(
					'result'   => 'success',
					'redirect' => Device::WeChat === Device::detect() ? $record['sign_url'] : ContractPage::page_url( $order ),
				);
			}
			if ( Subscriptions::needs_credential( $order ) && ! self::renewed_on_signed_contracts( $order ) ) {
				$why = ContractRenewals::why_not_for_order( $order );
				if ( null === $why ) {
					Contracts::sign( $order );
				} elseif ( ! Subscriptions::is_renewal( $order ) ) {
					// A sign-up whose renewals could never be debited: refused with the reason (D72).
					throw new PaymentError( $why );
				}
				// A renewal the customer pays by hand is paid as usual, with or without a new contract.
			}
		} catch ( PaymentError $e ) {
			return $this->refused( $e->getMessage(), $order, $e->noted );
		}
		return parent::process_payment( $order_id );
	}
}
