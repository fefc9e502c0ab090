<?php
/**
 * Reads an order as the database holds it now. WooCommerce caches orders
 * inside a request (posts storage: WordPress's post and post meta caches;
 * HPOS: WooCommerce's own order cache; both: the order meta cache), and with
 * a persistent object cache across requests too. So an order read before the
 * order lock was taken — or by another part of this request — may predate a
 * change another worker made. Every decision taken under the lock reads the
 * order through here, after dropping it from each of those caches.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

use Automattic\WooCommerce\Caches\OrderCache;
use Automattic\WooCommerce\Utilities\OrderUtil;

final class OrderReader {

	/** The order (or refund) as stored now; null if it no longer exists. */
	public static function fresh( int $order_id ): ?\WC_Abstract_Order {
		self::forget( $order_id );
		$order = wc_get_order( $order_id );
		return $order instanceof \WC_Abstract_Order ? $order : null;
	}

	/** The order as stored now, or null when it is not an order (e.g. a refund) or is gone. */
	public static function fresh_order( int $order_id ): ?\WC_Order {
		$order = self::fresh( $order_id );
		return $order instanceof \WC_Order ? $order : null;
	}

	/** Drops every cached copy of one order from this request (and a persistent object cache). */
	public static function forget( int $order_id ): void {
		// WC_Data's cache of the order's meta rows (group "orders", both storages).
		if ( is_callable( array( \WC_Data::class, 'generate_meta_cache_key' ) ) ) {
			wp_cache_delete( \WC_Data::generate_meta_cache_key( $order_id, 'orders' ), 'orders' );
		}
		$hpos = function_exists( 'wc_get_container' ) && class_exists( OrderUtil::class ) && OrderUtil::custom_orders_table_usage_is_enabled();
		if ( ! $hpos ) {
			// Posts storage: the order is a post, its props post meta.
			clean_post_cache( $order_id );
			wp_cache_delete( $order_id, 'post_meta' );
			return;
		}
		try {
			// HPOS: the order object cache of wc_get_order() (WooCommerce 7.6+).
			if ( class_exists( OrderCache::class ) ) {
				wc_get_container()->get( OrderCache::class )->remove( $order_id );
			}
			// HPOS datastore caching (WooCommerce 9+, off by default).
			$store = \WC_Data_Store::load( 'order' );
			if ( $store->has_callable( 'clear_cached_data' ) ) {
				$store->clear_cached_data( array( $order_id ) );
			}
		} catch ( \Throwable $e ) {
			// A WooCommerce without these caches has nothing more to drop.
			unset( $e );
		}
	}
}
