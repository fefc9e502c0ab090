<?php
/**
 * WooCommerce Subscriptions, as far as this plugin uses it: whether it is
 * active, and the few questions asked of it (is this order a subscription,
 * a renewal, a sign-up; which subscriptions does it belong to). Every call
 * into Subscriptions goes through here, so that without it nothing of it is
 * touched and the plugin works unchanged.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Recurring;

final class Subscriptions {

	/** The gateway features a renewal method gives its gateway (each one backed by Renewals). */
	public const SUPPORTS = array(
		'subscriptions',
		'subscription_cancellation',
		'subscription_suspension',
		'subscription_reactivation',
		'subscription_amount_changes',
		'subscription_date_changes',
		'multiple_subscriptions',
		'subscription_payment_method_change_customer',
		'subscription_payment_method_change_admin',
	);

	/** WooCommerce Subscriptions (or its core) is loaded. */
	public static function active(): bool {
		return class_exists( 'WC_Subscriptions' ) && function_exists( 'wcs_get_subscriptions_for_order' ) && function_exists( 'wcs_is_subscription' );
	}

	public static function is_subscription( \WC_Order $order ): bool {
		return self::active() && 'shop_subscription' === $order->get_type() && wcs_is_subscription( $order );
	}

	public static function is_renewal( \WC_Order $order ): bool {
		return self::active() && function_exists( 'wcs_order_contains_renewal' ) && wcs_order_contains_renewal( $order );
	}

	/** The order starts or renews a subscription: paying it must leave a credential for the next renewal. */
	public static function needs_credential( \WC_Order $order ): bool {
		return self::active() && ! self::is_subscription( $order ) && wcs_order_contains_subscription( $order, array( 'parent', 'renewal', 'resubscribe', 'switch' ) );
	}

	/**
	 * The subscriptions an order is the parent or a renewal of.
	 *
	 * @return list<\WC_Order>
	 */
	public static function for_order( \WC_Order $order ): array {
		if ( ! self::active() || self::is_subscription( $order ) ) {
			return array();
		}
		return array_values( array_filter( (array) wcs_get_subscriptions_for_order( $order, array( 'order_type' => 'any' ) ), static fn ( $s ): bool => $s instanceof \WC_Order ) );
	}

	/** @return list<\WC_Order> */
	public static function for_renewal( \WC_Order $order ): array {
		if ( ! self::active() ) {
			return array();
		}
		return array_values( array_filter( (array) wcs_get_subscriptions_for_renewal_order( $order ), static fn ( $s ): bool => $s instanceof \WC_Order ) );
	}

	/**
	 * The cart holds a subscription: WooCommerce Subscriptions has built a
	 * recurring cart for it (`WC()->cart->recurring_carts`, one per renewal
	 * schedule, filled when the cart's totals are calculated).
	 */
	public static function cart_has_subscription(): bool {
		if ( ! self::active() || ! function_exists( 'WC' ) ) {
			return false;
		}
		$cart = WC()->cart;
		if ( ! is_object( $cart ) ) {
			return false;
		}
		if ( empty( $cart->recurring_carts ) && is_callable( array( 'WC_Subscriptions_Cart', 'cart_contains_subscription' ) ) && \WC_Subscriptions_Cart::cart_contains_subscription() ) {
			// The Checkout Block's page may ask before anything calculated the cart's totals
			// (the recurring carts are built then): calculate them now.
			$cart->calculate_totals();
		}
		return ! empty( $cart->recurring_carts ) && is_array( $cart->recurring_carts );
	}

	/** The customer is changing a subscription's payment method (Subscriptions calls process_payment with the subscription). */
	public static function is_change_request( \WC_Order $order ): bool {
		return self::is_subscription( $order );
	}
}
