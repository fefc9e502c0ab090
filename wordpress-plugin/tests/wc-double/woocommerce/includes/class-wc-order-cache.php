<?php
/**
 * Test double: the caches that make WooCommerce hand a request the copy of an
 * order it read earlier in that request, even after another process changed
 * the order in the database.
 *
 * Modelled on WooCommerce 7.9.0 and 11.0.1:
 * - includes/class-wc-cache-helper.php — WC_Cache_Helper::get_cache_prefix()
 *   and invalidate_cache_group(): a per-group prefix kept in the object cache,
 *   replaced to invalidate everything cached under the old one;
 * - includes/abstracts/abstract-wc-data.php — WC_Data::read_meta_data() keeps
 *   an object's raw meta rows in the object cache under
 *   generate_meta_cache_key( $id, $cache_group ) (group "orders" for orders
 *   and refunds) and save_meta_data() deletes that key;
 * - src/Caches/OrderCache.php, OrderCacheController.php and
 *   includes/class-wc-order-factory.php — with HPOS on
 *   (OrderUtil::orders_cache_usage_is_enabled()), wc_get_order() returns the
 *   order object cached by the first wc_get_order() of the request (a clone:
 *   WordPress's object cache clones objects on get), and
 *   WC_Abstract_Order::save() removes it;
 * - posts storage (class-wc-order-data-store-cpt.php) reads the post with
 *   get_post() and the props with get_post_meta(), both cached by WordPress
 *   itself (groups "posts" and "post_meta").
 * With a persistent object cache (Redis, Memcached) all of this outlives the
 * request too; without one it lasts until the request ends. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

namespace {

	/**
	 * WooCommerce's cache prefixes (only what orders need).
	 */
	class WC_Cache_Helper {

		public static function get_cache_prefix( $group ) {
			$prefix = wp_cache_get( 'wc_' . $group . '_cache_prefix', $group );
			if ( false === $prefix ) {
				$prefix = microtime();
				wp_cache_set( 'wc_' . $group . '_cache_prefix', $prefix, $group );
			}
			return 'wc_cache_' . $prefix . '_';
		}

		public static function invalidate_cache_group( $group ) {
			wp_cache_set( 'wc_' . $group . '_cache_prefix', microtime(), $group );
		}
	}
}

namespace Automattic\WooCommerce\Caches {

	/**
	 * The HPOS order object cache (WooCommerce's ObjectCache API: get, set,
	 * remove, flush, is_cached), on WordPress's object cache.
	 */
	class OrderCache {

		public function get_object_type(): string {
			return 'orders';
		}

		private function key( $id ): string {
			return \WC_Cache_Helper::get_cache_prefix( 'object_cache_orders' ) . 'order_' . (int) $id;
		}

		public function set( $object, $id = null, int $expiration = 0 ): bool {
			if ( ! $object instanceof \WC_Abstract_Order ) {
				return false;
			}
			return wp_cache_set( $this->key( $id ?? $object->get_id() ), $object, 'orders', $expiration );
		}

		public function update_if_cached( $object, $id = null, int $expiration = 0 ): bool {
			$id = $id ?? $object->get_id();
			return $this->is_cached( $id ) ? $this->set( $object, $id, $expiration ) : false;
		}

		public function get( $id, int $expiration = 0, ?callable $get_from_datastore_callback = null ) {
			$found  = false;
			$object = wp_cache_get( $this->key( $id ), 'orders', false, $found );
			if ( $found && $object instanceof \WC_Abstract_Order ) {
				return $object;
			}
			return null;
		}

		public function remove( $id ): bool {
			return wp_cache_delete( $this->key( $id ), 'orders' );
		}

		public function flush(): bool {
			\WC_Cache_Helper::invalidate_cache_group( 'object_cache_orders' );
			return true;
		}

		public function is_cached( $id ): bool {
			return null !== $this->get( $id );
		}
	}

	/**
	 * Whether wc_get_order() uses the order cache: linked to HPOS being the
	 * order storage (WooCommerce 7.9 and 11.0 alike).
	 */
	class OrderCacheController {

		public function orders_cache_usage_is_enabled(): bool {
			return \Automattic\WooCommerce\Utilities\OrderUtil::custom_orders_table_usage_is_enabled();
		}
	}
}
