<?php
/**
 * Test double: the wcs_* functions a gateway calls
 * (woocommerce-subscriptions-core wcs-functions.php, wcs-order-functions.php,
 * wcs-renewal-functions.php). Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

/** @return array<string, string> 'wc-active' => 'Active' … */
function wcs_get_subscription_statuses() {
	return apply_filters(
		'wcs_subscription_statuses',
		array(
			'wc-pending'        => _x( 'Pending payment', 'Subscription status', 'woocommerce-subscriptions' ),
			'wc-active'         => _x( 'Active', 'Subscription status', 'woocommerce-subscriptions' ),
			'wc-on-hold'        => _x( 'On hold', 'Subscription status', 'woocommerce-subscriptions' ),
			'wc-cancelled'      => _x( 'Cancelled', 'Subscription status', 'woocommerce-subscriptions' ),
			'wc-switched'       => _x( 'Switched', 'Subscription status', 'woocommerce-subscriptions' ),
			'wc-expired'        => _x( 'Expired', 'Subscription status', 'woocommerce-subscriptions' ),
			'wc-pending-cancel' => _x( 'Pending Cancellation', 'Subscription status', 'woocommerce-subscriptions' ),
		)
	);
}

/** @param mixed $subscription A WC_Subscription, an id or anything else. */
function wcs_is_subscription( $subscription ) {
	if ( is_object( $subscription ) && $subscription instanceof WC_Subscription ) {
		return true;
	}
	if ( is_numeric( $subscription ) ) {
		return wc_get_order( (int) $subscription ) instanceof WC_Subscription;
	}
	return false;
}

/** @return WC_Subscription|false */
function wcs_get_subscription( $the_subscription ) {
	$s = is_object( $the_subscription ) && $the_subscription instanceof WC_Subscription ? $the_subscription : wc_get_order( $the_subscription );
	return $s instanceof WC_Subscription ? $s : false;
}

/**
 * wcs_create_subscription( $args ): a new subscription (status pending)
 * for a parent order (order_id) or a customer, with billing period and
 * interval.
 *
 * @param array<string, mixed> $args
 * @return WC_Subscription|WP_Error
 */
function wcs_create_subscription( $args = array() ) {
	$args   = wp_parse_args(
		$args,
		array(
			'status'           => '',
			'order_id'         => 0,
			'customer_id'      => 0,
			'billing_period'   => 'month',
			'billing_interval' => 1,
			'currency'         => '',
			'start_date'       => gmdate( 'Y-m-d H:i:s', iotpay_test_now() ),
		)
	);
	$order  = $args['order_id'] ? wc_get_order( $args['order_id'] ) : null;
	$sub    = new WC_Subscription();
	$sub->set_status( 'pending' );
	if ( $order instanceof WC_Order ) {
		$sub->set_parent_id( $order->get_id() );
		$sub->set_customer_id( $order->get_customer_id() );
		$sub->set_currency( $order->get_currency() );
		$sub->set_billing_email( $order->get_billing_email() );
		$sub->set_customer_ip_address( $order->get_customer_ip_address() );
	}
	if ( $args['customer_id'] ) {
		$sub->set_customer_id( (int) $args['customer_id'] );
	}
	if ( $args['currency'] ) {
		$sub->set_currency( (string) $args['currency'] );
	}
	$sub->set_created_via( 'checkout' );
	$sub->update_meta_data( '_billing_period', (string) $args['billing_period'] );
	$sub->update_meta_data( '_billing_interval', (string) $args['billing_interval'] );
	$sub->update_meta_data( '_schedule_start', (string) $args['start_date'] );
	$sub->save();
	if ( $args['status'] ) {
		$sub->update_status( (string) $args['status'] );
	}
	do_action( 'woocommerce_checkout_subscription_created', $sub, $order );
	return $sub;
}

/**
 * wcs_get_subscriptions_for_order( $order, $args ): the subscriptions the
 * order is the parent of (order_type parent, the default with switch), a
 * renewal of (renewal), or either (any).
 *
 * @param WC_Order|int         $order_id
 * @param array<string, mixed> $args
 * @return array<int, WC_Subscription>
 */
function wcs_get_subscriptions_for_order( $order_id, $args = array() ) {
	$order = is_object( $order_id ) ? $order_id : wc_get_order( $order_id );
	if ( ! $order instanceof WC_Order || $order instanceof WC_Subscription ) {
		return array();
	}
	$types = (array) ( $args['order_type'] ?? array( 'parent', 'switch' ) );
	$any   = in_array( 'any', $types, true );
	$out   = array();
	if ( $any || in_array( 'parent', $types, true ) ) {
		foreach ( wc_get_orders( array( 'type' => 'shop_subscription', 'parent' => $order->get_id(), 'limit' => -1, 'status' => array_keys( wcs_get_subscription_statuses() ) ) ) as $s ) {
			if ( $s instanceof WC_Subscription ) {
				$out[ $s->get_id() ] = $s;
			}
		}
	}
	if ( $any || in_array( 'renewal', $types, true ) ) {
		$out += wcs_get_subscriptions_for_renewal_order( $order );
	}
	return $out;
}

/** @return array<int, WC_Subscription> */
function wcs_get_subscriptions_for_renewal_order( $order ) {
	$order = is_object( $order ) ? $order : wc_get_order( $order );
	$out   = array();
	if ( ! $order instanceof WC_Order ) {
		return $out;
	}
	foreach ( $order->get_meta( '_subscription_renewal', false ) as $meta ) {
		$s = wcs_get_subscription( (int) ( is_object( $meta ) ? $meta->value : $meta ) );
		if ( $s ) {
			$out[ $s->get_id() ] = $s;
		}
	}
	return $out;
}

/**
 * @param WC_Order|int    $order
 * @param string|string[] $order_type parent, renewal, resubscribe, switch, any.
 */
function wcs_order_contains_subscription( $order, $order_type = array( 'parent', 'resubscribe', 'switch' ) ) {
	$order = is_object( $order ) ? $order : wc_get_order( $order );
	if ( ! $order instanceof WC_Order || $order instanceof WC_Subscription ) {
		return false;
	}
	$types = (array) $order_type;
	if ( in_array( 'any', $types, true ) || in_array( 'renewal', $types, true ) ) {
		if ( wcs_order_contains_renewal( $order ) ) {
			return true;
		}
	}
	if ( in_array( 'any', $types, true ) || in_array( 'parent', $types, true ) ) {
		return array() !== wcs_get_subscriptions_for_order( $order, array( 'order_type' => 'parent' ) );
	}
	return false;
}

function wcs_order_contains_renewal( $order ) {
	$order = is_object( $order ) ? $order : wc_get_order( $order );
	return $order instanceof WC_Order && ! $order instanceof WC_Subscription && '' !== (string) $order->get_meta( '_subscription_renewal' );
}

function wcs_order_contains_early_renewal( $order ) {
	$order = is_object( $order ) ? $order : wc_get_order( $order );
	return $order instanceof WC_Order && '' !== (string) $order->get_meta( '_subscription_renewal_early' );
}

/**
 * wcs_create_renewal_order( $subscription ): a new order (pending) with the
 * subscription's customer, currency, total and payment method, created via
 * "subscription", linked by `_subscription_renewal`; filtered through
 * wcs_renewal_order_created ( $renewal_order, $subscription ).
 *
 * @return WC_Order|WP_Error
 */
function wcs_create_renewal_order( $subscription ) {
	$subscription = wcs_get_subscription( $subscription );
	if ( ! $subscription ) {
		return new WP_Error( 'renewal-order-error', __( 'Invalid subscription.', 'woocommerce-subscriptions' ) );
	}
	$order = wc_create_order(
		array(
			'customer_id' => $subscription->get_customer_id(),
			'created_via' => 'subscription',
			'status'      => 'pending',
		)
	);
	$order->set_currency( $subscription->get_currency() );
	$order->set_billing_email( $subscription->get_billing_email() );
	$order->set_customer_ip_address( $subscription->get_customer_ip_address() );
	$order->set_total( $subscription->get_total() );
	if ( ! $subscription->is_manual() ) {
		$order->set_payment_method( $subscription->get_payment_method() );
		$order->set_payment_method_title( $subscription->get_payment_method_title() );
	}
	$order->update_meta_data( '_subscription_renewal', (string) $subscription->get_id() );
	$order->save();
	return apply_filters( 'wcs_renewal_order_created', $order, $subscription );
}

/** Early renewal (WCS_Cart_Early_Renewal): a renewal order the customer pays now, marked `_subscription_renewal_early`. */
function wcs_double_create_early_renewal_order( WC_Subscription $subscription ): WC_Order {
	$order = wcs_create_renewal_order( $subscription );
	$order->update_meta_data( '_subscription_renewal_early', (string) $subscription->get_id() );
	$order->save();
	return $order;
}

function wcs_is_manual_renewal_enabled() {
	return 'yes' === get_option( 'woocommerce_subscriptions_accept_manual_renewals', 'no' );
}
