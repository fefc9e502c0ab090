<?php
/**
 * Test double: WC_Post_Types — WooCommerce's post types and order statuses,
 * registered with WordPress on `init`.
 *
 * Modelled on WooCommerce 7.9 includes/class-wc-post-types.php: init 5 →
 * register_post_types() (woocommerce_register_post_type, then `product`,
 * `shop_order`, `shop_order_refund` and, when the custom order tables are
 * on, `shop_order_placehold`; then woocommerce_after_register_post_type),
 * init 9 → register_post_status() (wc-pending … wc-checkout-draft, not
 * public, shown in the admin lists). The labels and capabilities are the
 * double's shorter versions (capability_type shop_order / product with
 * map_meta_cap). Rewrite rules queued by the installer
 * (`woocommerce_queue_flush_rewrite_rules`) are flushed on
 * woocommerce_after_register_post_type, as 7.9.0 does (read in its source:
 * WC_Post_Types::maybe_flush_rewrite_rules); WordPress defers a flush asked
 * before wp_loaded to wp_loaded, so the endpoints added later on init are in.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Post_Types {

	public static function init(): void {
		add_action( 'init', array( self::class, 'register_post_types' ), 5 );
		add_action( 'init', array( self::class, 'register_post_status' ), 9 );
		add_action( 'woocommerce_after_register_post_type', array( self::class, 'maybe_flush_rewrite_rules' ) );
	}

	public static function register_post_types(): void {
		if ( ! is_blog_installed() || post_type_exists( 'product' ) ) {
			return;
		}
		do_action( 'woocommerce_register_post_type' );
		register_post_type(
			'product',
			array(
				'labels'          => array(
					'name'          => __( 'Products', 'woocommerce' ),
					'singular_name' => __( 'Product', 'woocommerce' ),
				),
				'public'          => true,
				'show_ui'         => true,
				'capability_type' => 'product',
				'map_meta_cap'    => true,
				'hierarchical'    => false,
				'rewrite'         => array(
					'slug'       => 'product',
					'with_front' => false,
					'feeds'      => true,
				),
				'query_var'       => true,
				'supports'        => array( 'title', 'editor', 'excerpt', 'thumbnail', 'custom-fields' ),
				'has_archive'     => false,
				'show_in_rest'    => true,
			)
		);
		register_post_type(
			'shop_order',
			array(
				'labels'              => array(
					'name'          => __( 'Orders', 'woocommerce' ),
					'singular_name' => _x( 'Order', 'shop_order post type singular name', 'woocommerce' ),
				),
				'public'              => false,
				'show_ui'             => true,
				'capability_type'     => 'shop_order',
				'map_meta_cap'        => true,
				'publicly_queryable'  => false,
				'exclude_from_search' => true,
				'show_in_menu'        => false,
				'hierarchical'        => false,
				'show_in_nav_menus'   => false,
				'rewrite'             => false,
				'query_var'           => false,
				'supports'            => array( 'title', 'comments', 'custom-fields' ),
				'has_archive'         => false,
			)
		);
		register_post_type(
			'shop_order_refund',
			array(
				'label'        => __( 'Refunds', 'woocommerce' ),
				'capability_type' => 'shop_order',
				'public'       => false,
				'hierarchical' => false,
				'supports'     => false,
				'rewrite'      => false,
			)
		);
		if ( \Automattic\WooCommerce\Utilities\OrderUtil::custom_orders_table_usage_is_enabled() ) {
			register_post_type(
				'shop_order_placehold',
				array(
					'public'              => false,
					'exclude_from_search' => true,
					'publicly_queryable'  => false,
					'show_ui'             => false,
					'show_in_menu'        => false,
					'show_in_nav_menus'   => false,
					'show_in_admin_bar'   => false,
					'show_in_rest'        => false,
					'rewrite'             => false,
					'query_var'           => false,
					'can_export'          => false,
					'supports'            => array(),
					'capabilities'        => array(),
				)
			);
		}
		do_action( 'woocommerce_after_register_post_type' );
	}

	public static function register_post_status(): void {
		foreach ( wc_get_order_statuses() as $status => $label ) {
			register_post_status(
				$status,
				array(
					'label'                     => $label,
					'public'                    => false,
					'exclude_from_search'       => false,
					'show_in_admin_all_list'    => true,
					'show_in_admin_status_list' => true,
				)
			);
		}
		register_post_status(
			'wc-checkout-draft',
			array(
				'label'                     => _x( 'Drafts', 'Order status', 'woocommerce' ),
				'public'                    => false,
				'exclude_from_search'       => false,
				'show_in_admin_all_list'    => false,
				'show_in_admin_status_list' => true,
			)
		);
	}

	public static function maybe_flush_rewrite_rules(): void {
		if ( 'yes' === get_option( 'woocommerce_queue_flush_rewrite_rules' ) ) {
			update_option( 'woocommerce_queue_flush_rewrite_rules', 'no' );
			flush_rewrite_rules();
		}
	}
}
