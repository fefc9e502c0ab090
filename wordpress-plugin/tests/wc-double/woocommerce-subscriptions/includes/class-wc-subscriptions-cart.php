<?php
/**
 * Test double: the part of WooCommerce Subscriptions' cart a gateway reads at
 * checkout (woocommerce-subscriptions-core includes/class-wc-subscriptions-cart.php,
 * seen in the pronamic/woocommerce-subscriptions mirror of Subscriptions 6.x):
 * after the cart's totals are calculated, `WC()->cart->recurring_carts` holds
 * one WC_Cart per renewal schedule with the subscription items and the
 * renewal total (`get_total( 'edit' )`). Subscription products are read by
 * their meta `_subscription_price`, `_subscription_period`,
 * `_subscription_period_interval`. Own implementation: taxes, shipping,
 * sign-up fees, trials and the real key format are not modelled
 * (../UNVERIFIED.md).
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Subscriptions_Cart {

	public static function init(): void {
		add_action( 'woocommerce_after_calculate_totals', array( __CLASS__, 'calculate_subscription_totals' ) );
	}

	private static function is_subscription_product( $product ): bool {
		return $product instanceof WC_Product && '' !== (string) $product->get_meta( '_subscription_period' );
	}

	/** The cart holds a subscription product. */
	public static function cart_contains_subscription() {
		foreach ( WC()->cart ? WC()->cart->get_cart() : array() as $item ) {
			if ( self::is_subscription_product( $item['data'] ?? null ) ) {
				return true;
			}
		}
		return false;
	}

	/** Rebuilds the recurring carts of the cart (one per period and interval). */
	public static function calculate_subscription_totals( $cart ): void {
		$recurring = array();
		foreach ( $cart->get_cart() as $key => $item ) {
			$product = $item['data'] ?? null;
			if ( ! self::is_subscription_product( $product ) ) {
				continue;
			}
			$period   = (string) $product->get_meta( '_subscription_period' );
			$interval = max( 1, (int) $product->get_meta( '_subscription_period_interval' ) );
			$schedule = 'double_' . $interval . '_' . $period . 'ly';
			if ( ! isset( $recurring[ $schedule ] ) ) {
				$recurring[ $schedule ] = new WC_Cart();
			}
			$recurring[ $schedule ]->cart_contents[ $key ] = $item;
			$price                                         = (string) ( $product->get_meta( '_subscription_price' ) ?: $product->get_price() );
			$recurring[ $schedule ]->total                 = (float) wc_format_decimal( (string) ( (float) $recurring[ $schedule ]->total + (float) $price * (int) ( $item['quantity'] ?? 1 ) ), 2 );
		}
		$cart->recurring_carts = $recurring;
	}

	/**
	 * The double's "add to cart" (no session, no Store API cart route): puts
	 * the product in WC()->cart and calculates the totals, as a customer's
	 * checkout page finds the cart.
	 */
	public static function double_add_to_cart( int $product_id, int $quantity = 1 ): void {
		$product                               = wc_get_product( $product_id );
		$cart                                  = WC()->cart;
		$key                                   = md5( (string) $product_id );
		$cart->cart_contents[ $key ]           = array(
			'key'        => $key,
			'product_id' => $product_id,
			'quantity'   => $quantity,
			'data'       => $product,
		);
		$cart->total                           = (float) $cart->total + (float) $product->get_price() * $quantity;
		$cart->calculate_totals();
	}
}
