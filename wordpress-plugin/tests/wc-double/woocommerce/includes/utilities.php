<?php
/**
 * Test double: Automattic\WooCommerce\Utilities\FeaturesUtil and OrderUtil.
 *
 * Modelled on WooCommerce 7.9 src/Utilities/FeaturesUtil.php, OrderUtil.php
 * and src/Internal/Features/FeaturesController.php:
 * - FeaturesUtil::declare_compatibility( string $feature_id, string $plugin_file,
 *   bool $positive_compatibility = true ): bool — false (and
 *   wc_doing_it_wrong) unless called while before_woocommerce_init runs,
 *   false for an unknown feature or a file outside WP_PLUGIN_DIR; throws when
 *   a plugin declares both compatible and incompatible; records the
 *   declaration per plugin basename. get_compatible_features_for_plugin(),
 *   get_compatible_plugins_for_feature(), feature_is_enabled(), get_features().
 *   Known features: custom_order_tables, cart_checkout_blocks, analytics,
 *   new_navigation, product_block_editor.
 * - OrderUtil::custom_orders_table_usage_is_enabled() reads the option
 *   woocommerce_custom_orders_table_enabled ('yes'); is_custom_order_tables_in_sync()
 *   (false: the double never syncs), get_order_admin_screen(),
 *   get_order_admin_edit_url() / get_order_admin_new_url() (admin.php?page=wc-orders…
 *   with HPOS, post.php… without), get_table_for_orders(),
 *   get_table_for_order_meta(), get_order_type(), is_order().
 * Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

namespace Automattic\WooCommerce\Utilities;

class FeaturesUtil {

	/**
	 * plugin basename => [ compatible => ids, incompatible => ids ].
	 *
	 * @var array<string, array{compatible:string[], incompatible:string[]}>
	 */
	public static array $compatibility = array();

	public static function known_features(): array {
		return array(
			'custom_order_tables'  => array(
				'name'            => 'High-Performance order storage (COT)',
				'is_experimental' => false,
			),
			'cart_checkout_blocks' => array(
				'name'            => 'Cart & Checkout Blocks',
				'is_experimental' => false,
			),
			'analytics'            => array(
				'name'            => 'Analytics',
				'is_experimental' => false,
			),
			'new_navigation'       => array(
				'name'            => 'Navigation',
				'is_experimental' => false,
			),
			'product_block_editor' => array(
				'name'            => 'New product editor',
				'is_experimental' => true,
			),
		);
	}

	public static function get_features( bool $include_experimental = false, bool $include_enabled_info = false ): array {
		$features = array_filter(
			self::known_features(),
			static function ( $f ) use ( $include_experimental ) {
				return $include_experimental || ! $f['is_experimental'];
			}
		);
		if ( $include_enabled_info ) {
			foreach ( array_keys( $features ) as $id ) {
				$features[ $id ]['is_enabled'] = self::feature_is_enabled( $id );
			}
		}
		return $features;
	}

	public static function feature_is_enabled( string $feature_id ): bool {
		if ( 'custom_order_tables' === $feature_id ) {
			return OrderUtil::custom_orders_table_usage_is_enabled();
		}
		if ( ! isset( self::known_features()[ $feature_id ] ) ) {
			return false;
		}
		return 'yes' === get_option( 'woocommerce_feature_' . $feature_id . '_enabled', 'analytics' === $feature_id || 'cart_checkout_blocks' === $feature_id ? 'yes' : 'no' );
	}

	public static function declare_compatibility( string $feature_id, string $plugin_file, bool $positive_compatibility = true ): bool {
		if ( ! doing_action( 'before_woocommerce_init' ) ) {
			wc_doing_it_wrong( 'FeaturesController::declare_compatibility', sprintf( '%1$s should be called inside the %2$s action.', 'FeaturesController::declare_compatibility', 'before_woocommerce_init' ), '7.0' );
			return false;
		}
		$plugin_id = plugin_basename( $plugin_file );
		if ( '' === $plugin_id || wp_normalize_path( $plugin_id ) === wp_normalize_path( $plugin_file ) || 0 === strpos( $plugin_id, '/' ) ) {
			wc_get_logger()->error( "FeaturesUtil::declare_compatibility: {$plugin_file} is not a known WordPress plugin." );
			return false;
		}
		if ( ! isset( self::known_features()[ $feature_id ] ) ) {
			return false;
		}
		$key      = $positive_compatibility ? 'compatible' : 'incompatible';
		$opposite = $positive_compatibility ? 'incompatible' : 'compatible';
		if ( ! isset( self::$compatibility[ $plugin_id ] ) ) {
			self::$compatibility[ $plugin_id ] = array(
				'compatible'   => array(),
				'incompatible' => array(),
			);
		}
		if ( in_array( $feature_id, self::$compatibility[ $plugin_id ][ $opposite ], true ) ) {
			throw new \Exception( esc_html( "Plugin $plugin_id is trying to declare itself as $key with the '$feature_id' feature, but it already declared itself as $opposite" ) );
		}
		if ( ! in_array( $feature_id, self::$compatibility[ $plugin_id ][ $key ], true ) ) {
			self::$compatibility[ $plugin_id ][ $key ][] = $feature_id;
		}
		return true;
	}

	public static function get_compatible_features_for_plugin( string $plugin_name, bool $enabled_features_only = false ): array {
		$info = self::$compatibility[ $plugin_name ] ?? array(
			'compatible'   => array(),
			'incompatible' => array(),
		);
		$info['uncertain'] = array_values( array_diff( array_keys( self::known_features() ), $info['compatible'], $info['incompatible'] ) );
		return $info;
	}

	public static function get_compatible_plugins_for_feature( string $feature_id, bool $active_only = false ): array {
		$out = array(
			'compatible'   => array(),
			'incompatible' => array(),
			'uncertain'    => array(),
		);
		foreach ( self::$compatibility as $plugin => $info ) {
			if ( $active_only && ! is_plugin_active( $plugin ) ) {
				continue;
			}
			if ( in_array( $feature_id, $info['compatible'], true ) ) {
				$out['compatible'][] = $plugin;
			} elseif ( in_array( $feature_id, $info['incompatible'], true ) ) {
				$out['incompatible'][] = $plugin;
			}
		}
		return $out;
	}

	public static function allow_enabling_features_with_incompatible_plugins(): void {
	}

	public static function allow_activating_plugins_with_incompatible_features(): void {
	}
}

final class OrderUtil {

	public static function custom_orders_table_usage_is_enabled(): bool {
		return 'yes' === get_option( 'woocommerce_custom_orders_table_enabled' );
	}

	/** Whether wc_get_order() serves orders from the order cache (WooCommerce: with HPOS on). */
	public static function orders_cache_usage_is_enabled(): bool {
		return wc_get_container()->get( \Automattic\WooCommerce\Caches\OrderCacheController::class )->orders_cache_usage_is_enabled();
	}

	public static function is_custom_order_tables_in_sync(): bool {
		return false;
	}

	public static function get_order_admin_screen(): string {
		return self::custom_orders_table_usage_is_enabled() ? 'woocommerce_page_wc-orders' : 'shop_order';
	}

	public static function get_order_admin_edit_url( int $order_id ): string {
		if ( self::custom_orders_table_usage_is_enabled() ) {
			$url = admin_url( 'admin.php?page=wc-orders&action=edit&id=' . $order_id );
		} else {
			$url = admin_url( 'post.php?post=' . $order_id ) . '&action=edit';
		}
		return $url;
	}

	public static function get_order_admin_new_url(): string {
		return self::custom_orders_table_usage_is_enabled() ? admin_url( 'admin.php?page=wc-orders&action=new' ) : admin_url( 'post-new.php?post_type=shop_order' );
	}

	public static function is_order_edit_screen(): bool {
		return false;
	}

	public static function is_new_order_screen(): bool {
		return false;
	}

	public static function is_order_list_table_screen( $order_type = 'shop_order' ): bool {
		return false;
	}

	public static function get_table_for_orders() {
		global $wpdb;
		return self::custom_orders_table_usage_is_enabled() ? $wpdb->prefix . 'wc_orders' : $wpdb->posts;
	}

	public static function get_table_for_order_meta() {
		global $wpdb;
		return self::custom_orders_table_usage_is_enabled() ? $wpdb->prefix . 'wc_orders_meta' : $wpdb->postmeta;
	}

	public static function get_order_type( $order_id ) {
		return \WC_Double_Order_Stores::load()->get_order_type( $order_id instanceof \WC_Abstract_Order ? $order_id->get_id() : $order_id );
	}

	public static function is_order( $order_id, $types = array( 'shop_order' ) ) {
		return in_array( self::get_order_type( $order_id ), $types, true );
	}
}
