<?php
/**
 * Test double: what drives a gateway's renewals and payment-method changes
 * in WooCommerce Subscriptions (woocommerce-subscriptions-core 7.x):
 *
 * - WC_Subscriptions_Manager: the Action Scheduler action
 *   `woocommerce_scheduled_subscription_payment` ( $subscription_id ) runs
 *   prepare_renewal() at priority 1 (subscription on-hold, a renewal order
 *   with the subscription's payment method) and, at priority 10,
 *   WC_Subscriptions_Payment_Gateways::gateway_scheduled_subscription_payment(),
 *   which fires `woocommerce_scheduled_subscription_payment_{gateway_id}`
 *   ( $amount_to_charge, $renewal_order ) for an automatic subscription whose
 *   last renewal order needs payment. process_subscription_payment_failure_on_order().
 * - WC_Subscriptions_Payment_Gateways::trigger_gateway_status_updated_hook():
 *   `woocommerce_subscription_{cancelled,on-hold,activated,expired,pending-cancel}_{gateway_id}`.
 * - WC_Subscriptions_Renewal_Order: a renewal order paid → the subscription's
 *   payment_complete(); failed → payment_failed(); a failed renewal order paid
 *   by the customer → `woocommerce_subscription_failing_payment_method_updated`
 *   and `…_{gateway_id}` ( $subscription, $renewal_order ). A parent order
 *   paid → its subscriptions active.
 * - WC_Subscriptions_Change_Payment_Gateway: `$is_request_to_change_payment`,
 *   update_payment_method() (`woocommerce_subscription_payment_method_updated`,
 *   `…_to_{new}`, `…_from_{old}`), the customer's change (the gateway's
 *   process_payment() called with the subscription's id) and the admin's
 *   (the `woocommerce_subscription_payment_meta` fields, validated by
 *   `woocommerce_subscription_validate_payment_meta` and `…_{gateway_id}`).
 * - WCS_Retry_Manager: a retry puts the failed renewal order back to pending
 *   and fires the gateway's scheduled-payment hook for it again.
 *
 * Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Subscriptions_Manager {

	public static function init(): void {
		add_action( 'woocommerce_scheduled_subscription_payment', array( __CLASS__, 'prepare_renewal' ), 1, 1 );
	}

	/** @param int $subscription_id */
	public static function prepare_renewal( $subscription_id ) {
		$subscription = wcs_get_subscription( $subscription_id );
		if ( ! $subscription || ! $subscription->has_status( 'active' ) ) {
			return;
		}
		$subscription->update_status( 'on-hold', _x( 'Subscription renewal payment due:', 'used in order note as reason for why subscription status changed', 'woocommerce-subscriptions' ) );
		$renewal = wcs_create_renewal_order( $subscription );
		if ( is_wp_error( $renewal ) ) {
			return;
		}
		if ( 0.0 === (float) $renewal->get_total() ) {
			$renewal->payment_complete();
		}
	}

	/** @param WC_Order $order A renewal order whose payment failed. */
	public static function process_subscription_payment_failure_on_order( $order, $product_id = '' ) {
		foreach ( wcs_get_subscriptions_for_renewal_order( $order ) as $subscription ) {
			$subscription->payment_failed();
		}
	}
}

class WC_Subscriptions_Payment_Gateways {

	public static function init(): void {
		add_action( 'woocommerce_scheduled_subscription_payment', array( __CLASS__, 'gateway_scheduled_subscription_payment' ), 10, 1 );
		add_action( 'woocommerce_subscription_status_updated', array( __CLASS__, 'trigger_gateway_status_updated_hook' ), 10, 2 );
	}

	public static function gateway_scheduled_subscription_payment( $subscription_id, $deprecated = null ) {
		$subscription = wcs_get_subscription( $subscription_id );
		if ( ! $subscription || $subscription->is_manual() ) {
			return;
		}
		$renewal = $subscription->get_last_order( 'all', 'renewal' );
		if ( $renewal instanceof WC_Order && $renewal->needs_payment() ) {
			self::trigger_gateway_renewal_payment_hook( $renewal );
		}
	}

	/** @param WC_Order $renewal_order */
	public static function trigger_gateway_renewal_payment_hook( $renewal_order ) {
		if ( ! $renewal_order instanceof WC_Order || (float) $renewal_order->get_total() <= 0 || '' === (string) $renewal_order->get_payment_method() ) {
			return;
		}
		do_action( 'woocommerce_scheduled_subscription_payment_' . $renewal_order->get_payment_method(), $renewal_order->get_total(), $renewal_order );
	}

	public static function trigger_gateway_status_updated_hook( $subscription, $new_status ) {
		if ( $subscription->is_manual() ) {
			return;
		}
		$prefixes = array(
			'active'         => 'woocommerce_subscription_activated_',
			'on-hold'        => 'woocommerce_subscription_on-hold_',
			'pending-cancel' => 'woocommerce_subscription_pending-cancel_',
			'cancelled'      => 'woocommerce_subscription_cancelled_',
			'expired'        => 'woocommerce_subscription_expired_',
		);
		$prefix = $prefixes[ $new_status ] ?? apply_filters( 'woocommerce_subscriptions_gateway_status_updated_hook_prefix', 'woocommerce_subscription_status_updated_', $subscription, $new_status );
		do_action( $prefix . $subscription->get_payment_method(), $subscription );
	}
}

class WC_Subscriptions_Renewal_Order {

	public static function init(): void {
		add_action( 'woocommerce_order_status_changed', array( __CLASS__, 'maybe_record_subscription_payment' ), 9, 3 );
	}

	public static function maybe_record_subscription_payment( $order_id, $from, $to ) {
		$order = wc_get_order( $order_id );
		if ( ! $order instanceof WC_Order || $order instanceof WC_Subscription ) {
			return;
		}
		$paid = in_array( $to, wc_get_is_paid_statuses(), true ) && in_array( $from, array( 'pending', 'failed', 'on-hold' ), true );
		if ( wcs_order_contains_renewal( $order ) ) {
			foreach ( wcs_get_subscriptions_for_renewal_order( $order ) as $subscription ) {
				if ( $paid ) {
					if ( 'failed' === $from ) {
						// The customer paid the failed renewal: the subscription takes its payment method.
						if ( $subscription->get_payment_method() !== $order->get_payment_method() ) {
							WC_Subscriptions_Change_Payment_Gateway::update_payment_method( $subscription, $order->get_payment_method() );
						}
						do_action( 'woocommerce_subscription_failing_payment_method_updated', $subscription, $order );
						do_action( 'woocommerce_subscription_failing_payment_method_updated_' . $order->get_payment_method(), $subscription, $order );
						$subscription = wcs_get_subscription( $subscription->get_id() );
					}
					$subscription->payment_complete( $order->get_transaction_id() );
				} elseif ( 'failed' === $to ) {
					$subscription->payment_failed();
				}
			}
			return;
		}
		if ( $paid ) {
			foreach ( wcs_get_subscriptions_for_order( $order, array( 'order_type' => 'parent' ) ) as $subscription ) {
				if ( $subscription->has_status( array( 'pending', 'on-hold' ) ) ) {
					$subscription->update_status( 'active', __( 'Payment received.', 'woocommerce-subscriptions' ) );
				}
			}
		}
	}
}

class WC_Subscriptions_Change_Payment_Gateway {

	/** True while a customer's change of payment method is being processed (the gateway's process_payment() gets the subscription). */
	public static $is_request_to_change_payment = false;

	/**
	 * @param WC_Subscription $subscription
	 * @param string          $new_payment_method
	 * @param array|string    $new_payment_method_meta
	 */
	public static function update_payment_method( $subscription, $new_payment_method, $new_payment_method_meta = '' ) {
		$old = (string) $subscription->get_payment_method();
		do_action( 'woocommerce_subscription_pre_update_payment_method', $subscription, $new_payment_method, $old );
		$subscription->set_payment_method( $new_payment_method, is_array( $new_payment_method_meta ) ? $new_payment_method_meta : array() );
		$subscription->set_requires_manual_renewal( false );
		$subscription->save();
		do_action( 'woocommerce_subscription_payment_method_updated', $subscription, $new_payment_method, $old );
		do_action( 'woocommerce_subscription_payment_method_updated_to_' . $new_payment_method, $subscription, $old );
		if ( '' !== $old ) {
			do_action( 'woocommerce_subscription_payment_method_updated_from_' . $old, $subscription, $new_payment_method );
		}
	}

	/**
	 * The customer's "Change payment" form (order-pay with change_payment_method):
	 * the chosen gateway's process_payment() with the subscription's id (the
	 * posted fields in $_POST); on success the subscription takes the method.
	 *
	 * @param array<string, string> $posted
	 * @return array{result: string, redirect?: string}
	 */
	public static function double_change_by_customer( WC_Subscription $subscription, string $gateway_id, array $posted = array() ): array {
		$gateways = WC()->payment_gateways()->payment_gateways();
		$gateway  = $gateways[ $gateway_id ] ?? null;
		if ( ! $gateway || ! $gateway->supports( 'subscription_payment_method_change_customer' ) ) {
			return array( 'result' => 'failure' );
		}
		self::$is_request_to_change_payment = true;
		$_POST                              = $posted + array( 'payment_method' => $gateway_id, 'woocommerce_change_payment' => (string) $subscription->get_id() );
		try {
			$result = (array) $gateway->process_payment( $subscription->get_id() );
		} finally {
			self::$is_request_to_change_payment = false;
			$_POST                              = array();
		}
		if ( 'success' === ( $result['result'] ?? '' ) ) {
			$fresh = wcs_get_subscription( $subscription->get_id() );
			self::update_payment_method( $fresh, $gateway_id );
		}
		return $result;
	}

	/**
	 * The admin's subscription screen (WCS_Meta_Box_Subscription_Data::save):
	 * the gateway's fields from woocommerce_subscription_payment_meta, the
	 * values validated (an exception: not saved, its message shown), then
	 * set_payment_method( $gateway, $meta ).
	 *
	 * @param array<string, string> $values meta key => value, for the gateway's post_meta fields
	 * @return string '' when saved, else the validation message
	 */
	public static function double_change_by_admin( WC_Subscription $subscription, string $gateway_id, array $values ): string {
		$fields = apply_filters( 'woocommerce_subscription_payment_meta', array(), $subscription );
		$meta   = array();
		foreach ( (array) ( $fields[ $gateway_id ] ?? array() ) as $table => $keys ) {
			foreach ( (array) $keys as $key => $field ) {
				$meta[ $table ][ $key ] = array( 'value' => $values[ $key ] ?? '' ) + (array) $field;
				$meta[ $table ][ $key ]['value'] = (string) ( $values[ $key ] ?? '' );
			}
		}
		try {
			do_action( 'woocommerce_subscription_validate_payment_meta', $gateway_id, $meta, $subscription );
			do_action( 'woocommerce_subscription_validate_payment_meta_' . $gateway_id, $meta, $subscription );
		} catch ( Exception $e ) {
			return $e->getMessage();
		}
		self::update_payment_method( $subscription, $gateway_id, $meta );
		return '';
	}
}

class WCS_Retry_Manager {

	/** A retry of a failed renewal order: pending again, the subscription on-hold, the gateway's hook fired. */
	public static function double_retry( WC_Order $last_order ): void {
		$last_order->update_status( 'pending', __( 'Retry payment.', 'woocommerce-subscriptions' ) );
		foreach ( wcs_get_subscriptions_for_renewal_order( $last_order ) as $subscription ) {
			if ( ! $subscription->has_status( 'on-hold' ) ) {
				$subscription->update_status( 'on-hold' );
			}
		}
		WC_Subscriptions_Payment_Gateways::trigger_gateway_renewal_payment_hook( wc_get_order( $last_order->get_id() ) );
	}
}
