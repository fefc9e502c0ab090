<?php
/**
 * Order screen action "Check IOTPay payment status". WooCommerce runs order
 * actions only after its own nonce and capability checks on the order form;
 * the capability is checked again here.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Admin;

use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Payment\Attempts;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Reconcile\Reconciler;
use IotPay\WooCommerce\Refund\Refunds;
use IotPay\WooCommerce\Payment\OrderReader;
use IotPay\WooCommerce\Payment\Protocols;

final class OrderActions {

	public const CHECK_STATUS = 'iotpay_check_status';

	/**
	 * @param array<string, string> $actions
	 * @param \WC_Order|null        $order
	 * @return array<string, string>
	 */
	public static function add_actions( $actions, $order = null ) {
		if ( ! $order instanceof \WC_Order || null === AbstractGateway::for_order( $order ) ) {
			return $actions;
		}
		/* translators: %s: provider name (IOTPay or SUNBAY) */
		$actions[ self::CHECK_STATUS ] = sprintf( __( 'Check %s payment status', 'iotpay-for-woocommerce' ), Protocols::name_of_order( $order ) );
		return $actions;
	}

	public static function check_status( $order ): void {
		if ( ! $order instanceof \WC_Order || ! current_user_can( 'edit_shop_orders' ) ) {
			return;
		}
		self::recheck( $order );
	}

	/**
	 * The locked re-check of every live attempt and refund of an order, with a
	 * note of what IOTPay said. Shared by the order action and the panel's
	 * "Check now"; callers check the capability.
	 */
	public static function recheck( \WC_Order $order ): void {
		if ( ! Plugin::extension_loaded() ) {
			/* translators: %s: provider name (IOTPay or SUNBAY) */
			$order->add_order_note( sprintf( __( '%s status check not possible: the iotpay PHP extension is not loaded on this server. Ask your host to enable it; the order was not changed.', 'iotpay-for-woocommerce' ), Protocols::name_of_order( $order ) ) );
			return;
		}
		$lines = array();
		foreach ( Attempts::for_order( $order->get_id() ) as $attempt ) {
			if ( ! $attempt->is_live() ) {
				$lines[] = $attempt->mch_order_no . ': ' . $attempt->state;
				continue;
			}
			$outcome = Completion::check( $attempt, 'admin' );
			$lines[] = $attempt->mch_order_no . ': ' . $outcome->outcome . ' (' . $outcome->reason . ')';
		}
		foreach ( Refunds::for_order( $order->get_id() ) as $refund ) {
			if ( $refund->is_live() ) {
				Reconciler::check_refund( $refund->id );
				$refund = Refunds::find( $refund->id ) ?? $refund;
			}
			$lines[] = $refund->mch_refund_no . ': ' . $refund->state;
		}
		$fresh = OrderReader::fresh_order( $order->get_id() );
		if ( $fresh instanceof \WC_Order ) {
			$fresh->add_order_note(
				sprintf(
					/* translators: 1: one line per attempt, 2: provider name (IOTPay or SUNBAY) */
					__( '%2$s status check: %1$s', 'iotpay-for-woocommerce' ),
					$lines ? implode( '; ', $lines ) : __( 'no payment attempts', 'iotpay-for-woocommerce' ),
					Protocols::name_of_order( $fresh )
				)
			);
		}
	}
}
