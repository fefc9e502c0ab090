<?php
/**
 * Test double: WooCommerce simple products with stock (WC_Product,
 * WC_Product_Simple, the CPT product data store, wc_get_product()).
 *
 * Modelled on WooCommerce 7.9 includes/abstracts/abstract-wc-product.php,
 * class-wc-product-simple.php and data-stores/class-wc-product-data-store-cpt.php:
 * products are `product` posts with the meta _price, _regular_price,
 * _sale_price, _sku, _manage_stock (yes/no), _stock, _stock_status,
 * _backorders, _low_stock_amount, _virtual, _downloadable;
 * update_product_stock() changes _stock with one SQL statement
 * ("meta_value = meta_value - N") and returns the value computed from the
 * stock it read before (so concurrent decrements are both applied, as in
 * WooCommerce); saving a managed product recomputes _stock_status from the
 * quantity and backorders. Only the simple type exists (no variations).
 * Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Product extends WC_Data {

	protected $object_type = 'product';

	protected $post_type = 'product';

	protected $cache_group = 'products';

	protected $data = array(
		'name'              => '',
		'slug'              => '',
		'date_created'      => null,
		'date_modified'     => null,
		'status'            => 'publish',
		'description'       => '',
		'short_description' => '',
		'sku'               => '',
		'price'             => '',
		'regular_price'     => '',
		'sale_price'        => '',
		'manage_stock'      => false,
		'stock_quantity'    => null,
		'stock_status'      => 'instock',
		'backorders'        => 'no',
		'low_stock_amount'  => '',
		'virtual'           => false,
		'downloadable'      => false,
		'total_sales'       => 0,
		'parent_id'         => 0,
	);

	public function __construct( $product = 0 ) {
		parent::__construct( $product );
		if ( is_numeric( $product ) && $product > 0 ) {
			$this->set_id( $product );
		} elseif ( $product instanceof self ) {
			$this->set_id( absint( $product->get_id() ) );
		} elseif ( ! empty( $product->ID ) ) {
			$this->set_id( absint( $product->ID ) );
		} else {
			$this->set_object_read( true );
		}
		$this->data_store = new WC_Product_Data_Store_CPT();
		if ( $this->get_id() > 0 ) {
			$this->data_store->read( $this );
		}
	}

	protected function get_hook_prefix() {
		return 'woocommerce_product_get_';
	}

	public function get_type() {
		return 'simple';
	}

	public function is_type( $type ) {
		return ( $this->get_type() === $type || ( is_array( $type ) && in_array( $this->get_type(), $type, true ) ) );
	}

	public function exists() {
		return false !== $this->get_status();
	}

	public function get_name( $context = 'view' ) {
		return $this->get_prop( 'name', $context );
	}

	public function get_slug( $context = 'view' ) {
		return $this->get_prop( 'slug', $context );
	}

	public function get_status( $context = 'view' ) {
		return $this->get_prop( 'status', $context );
	}

	public function get_sku( $context = 'view' ) {
		return $this->get_prop( 'sku', $context );
	}

	public function get_price( $context = 'view' ) {
		return $this->get_prop( 'price', $context );
	}

	public function get_regular_price( $context = 'view' ) {
		return $this->get_prop( 'regular_price', $context );
	}

	public function get_sale_price( $context = 'view' ) {
		return $this->get_prop( 'sale_price', $context );
	}

	public function get_manage_stock( $context = 'view' ) {
		return $this->get_prop( 'manage_stock', $context );
	}

	public function get_stock_quantity( $context = 'view' ) {
		return $this->get_prop( 'stock_quantity', $context );
	}

	public function get_stock_status( $context = 'view' ) {
		return $this->get_prop( 'stock_status', $context );
	}

	public function get_backorders( $context = 'view' ) {
		return $this->get_prop( 'backorders', $context );
	}

	public function get_low_stock_amount( $context = 'view' ) {
		return $this->get_prop( 'low_stock_amount', $context );
	}

	public function get_virtual( $context = 'view' ) {
		return $this->get_prop( 'virtual', $context );
	}

	public function get_downloadable( $context = 'view' ) {
		return $this->get_prop( 'downloadable', $context );
	}

	public function get_total_sales( $context = 'view' ) {
		return $this->get_prop( 'total_sales', $context );
	}

	public function get_parent_id( $context = 'view' ) {
		return $this->get_prop( 'parent_id', $context );
	}

	public function get_date_created( $context = 'view' ) {
		return $this->get_prop( 'date_created', $context );
	}

	public function get_date_modified( $context = 'view' ) {
		return $this->get_prop( 'date_modified', $context );
	}

	public function set_name( $name ) {
		$this->set_prop( 'name', $name );
	}

	public function set_slug( $slug ) {
		$this->set_prop( 'slug', $slug );
	}

	public function set_status( $status ) {
		$this->set_prop( 'status', $status );
	}

	public function set_sku( $sku ) {
		$this->set_prop( 'sku', (string) $sku );
	}

	public function set_price( $price ) {
		$this->set_prop( 'price', wc_format_decimal( $price ) );
	}

	public function set_regular_price( $price ) {
		$this->set_prop( 'regular_price', wc_format_decimal( $price ) );
	}

	public function set_sale_price( $price ) {
		$this->set_prop( 'sale_price', wc_format_decimal( $price ) );
	}

	public function set_manage_stock( $manage_stock ) {
		$this->set_prop( 'manage_stock', wc_string_to_bool( $manage_stock ) );
	}

	public function set_stock_quantity( $quantity ) {
		$this->set_prop( 'stock_quantity', '' !== $quantity && null !== $quantity ? wc_stock_amount( $quantity ) : null );
	}

	public function set_stock_status( $status = 'instock' ) {
		$valid = array_keys( wc_get_product_stock_status_options() );
		if ( ! in_array( $status, $valid, true ) ) {
			$status = 'instock';
		}
		$this->set_prop( 'stock_status', $status );
	}

	public function set_backorders( $backorders ) {
		$this->set_prop( 'backorders', $backorders );
	}

	public function set_low_stock_amount( $amount ) {
		$this->set_prop( 'low_stock_amount', '' === $amount ? '' : absint( $amount ) );
	}

	public function set_virtual( $virtual ) {
		$this->set_prop( 'virtual', wc_string_to_bool( $virtual ) );
	}

	public function set_downloadable( $downloadable ) {
		$this->set_prop( 'downloadable', wc_string_to_bool( $downloadable ) );
	}

	public function set_total_sales( $total ) {
		$this->set_prop( 'total_sales', absint( $total ) );
	}

	public function set_parent_id( $parent_id ) {
		$this->set_prop( 'parent_id', absint( $parent_id ) );
	}

	public function set_date_created( $date = null ) {
		$this->set_date_prop( 'date_created', $date );
	}

	public function set_date_modified( $date = null ) {
		$this->set_date_prop( 'date_modified', $date );
	}

	public function managing_stock() {
		if ( 'yes' === get_option( 'woocommerce_manage_stock' ) ) {
			return (bool) $this->get_manage_stock();
		}
		return false;
	}

	public function get_stock_managed_by_id() {
		return $this->get_id();
	}

	public function is_in_stock() {
		return apply_filters( 'woocommerce_product_is_in_stock', 'outofstock' !== $this->get_stock_status(), $this );
	}

	public function is_virtual() {
		return apply_filters( 'woocommerce_is_virtual', true === $this->get_virtual(), $this );
	}

	public function is_downloadable() {
		return apply_filters( 'woocommerce_is_downloadable', true === $this->get_downloadable(), $this );
	}

	public function has_file( $download_id = '' ) {
		return false;
	}

	public function is_purchasable() {
		return apply_filters( 'woocommerce_is_purchasable', $this->exists() && ( 'publish' === $this->get_status() ) && '' !== $this->get_price(), $this );
	}

	public function is_visible() {
		return 'publish' === $this->get_status();
	}

	public function get_permalink() {
		return get_permalink( $this->get_id() );
	}

	public function get_formatted_name() {
		$identifier = $this->get_sku() ? $this->get_sku() : '#' . $this->get_id();
		return sprintf( '%2$s (%1$s)', $identifier, $this->get_name() );
	}

	public function validate_props() {
		if ( ! $this->get_manage_stock() ) {
			$this->set_stock_quantity( '' );
			$this->set_backorders( 'no' );
			$this->set_low_stock_amount( '' );
			return;
		}
		$stock_is_above_notification_threshold = ( (int) $this->get_stock_quantity() > absint( get_option( 'woocommerce_notify_no_stock_amount', 0 ) ) );
		$backorders_are_allowed                = ( 'no' !== $this->get_backorders() );
		if ( $stock_is_above_notification_threshold ) {
			$new_stock_status = 'instock';
		} elseif ( $backorders_are_allowed ) {
			$new_stock_status = 'onbackorder';
		} else {
			$new_stock_status = 'outofstock';
		}
		$this->set_stock_status( $new_stock_status );
	}

	public function save() {
		$this->validate_props();
		return parent::save();
	}
}

class WC_Product_Simple extends WC_Product {
}

/**
 * Products are posts + post meta (WooCommerce's CPT product store).
 */
class WC_Product_Data_Store_CPT {

	protected $meta_map = array(
		'sku'              => '_sku',
		'price'            => '_price',
		'regular_price'    => '_regular_price',
		'sale_price'       => '_sale_price',
		'manage_stock'     => '_manage_stock',
		'stock_quantity'   => '_stock',
		'stock_status'     => '_stock_status',
		'backorders'       => '_backorders',
		'low_stock_amount' => '_low_stock_amount',
		'virtual'          => '_virtual',
		'downloadable'     => '_downloadable',
		'total_sales'      => 'total_sales',
	);

	protected static function bool_props(): array {
		return array( 'manage_stock', 'virtual', 'downloadable' );
	}

	public function create( WC_Product $product ) {
		$product->set_date_created( iotpay_test_now() );
		$id = wp_insert_post(
			array(
				'post_type'    => 'product',
				'post_status'  => $product->get_status( 'edit' ) ?: 'publish',
				'post_title'   => $product->get_name( 'edit' ) ?: __( 'Product', 'woocommerce' ),
				'post_name'    => $product->get_slug( 'edit' ),
				'post_content' => '',
				'post_excerpt' => '',
				'post_parent'  => $product->get_parent_id( 'edit' ),
			),
			true
		);
		if ( is_wp_error( $id ) || ! $id ) {
			return;
		}
		$product->set_id( $id );
		$this->write_meta( $product, true );
		$product->save_meta_data();
		$product->apply_changes();
		do_action( 'woocommerce_new_product', $id, $product );
	}

	public function read( WC_Product $product ) {
		$product->set_defaults();
		$post = WP_Post::get_instance( $product->get_id() );
		if ( ! $post || 'product' !== $post->post_type ) {
			throw new Exception( __( 'Invalid product.', 'woocommerce' ) );
		}
		$props = array(
			'name'          => $post->post_title,
			'slug'          => $post->post_name,
			'status'        => $post->post_status,
			'parent_id'     => $post->post_parent,
			'date_created'  => '0000-00-00 00:00:00' !== $post->post_date_gmt ? wc_string_to_timestamp( $post->post_date_gmt . 'Z' ) : null,
			'date_modified' => '0000-00-00 00:00:00' !== $post->post_modified_gmt ? wc_string_to_timestamp( $post->post_modified_gmt . 'Z' ) : null,
		);
		foreach ( $this->meta_map as $prop => $key ) {
			$value = get_metadata( 'post', $product->get_id(), $key, true );
			if ( in_array( $prop, self::bool_props(), true ) ) {
				$value = wc_string_to_bool( $value );
			}
			$props[ $prop ] = $value;
		}
		$product->set_props( $props );
		$product->read_meta_data();
		$product->set_object_read( true );
	}

	public function update( WC_Product $product ) {
		$changes = $product->get_changes();
		$post    = array();
		foreach ( array(
			'name'      => 'post_title',
			'slug'      => 'post_name',
			'status'    => 'post_status',
			'parent_id' => 'post_parent',
		) as $prop => $column ) {
			if ( array_key_exists( $prop, $changes ) ) {
				$post[ $column ] = $changes[ $prop ];
			}
		}
		if ( $post ) {
			$post['ID'] = $product->get_id();
			wp_insert_post( $post );
		}
		$this->write_meta( $product, false );
		$product->save_meta_data();
		$product->apply_changes();
		do_action( 'woocommerce_update_product', $product->get_id(), $product );
	}

	protected function write_meta( WC_Product $product, bool $force ): void {
		$changes = $product->get_changes();
		foreach ( $this->meta_map as $prop => $key ) {
			if ( ! $force && ! array_key_exists( $prop, $changes ) ) {
				continue;
			}
			$getter = 'get_' . $prop;
			$value  = $product->{$getter}( 'edit' );
			if ( in_array( $prop, self::bool_props(), true ) ) {
				$value = wc_bool_to_string( $value );
			}
			if ( 'stock_quantity' === $prop ) {
				if ( null === $value ) {
					if ( ! $force ) {
						delete_metadata( 'post', $product->get_id(), '_stock' );
					}
					continue;
				}
				// WooCommerce writes _stock only through update_product_stock().
				$this->update_product_stock( $product->get_id(), $value, 'set' );
				continue;
			}
			update_metadata( 'post', $product->get_id(), $key, null === $value ? '' : $value );
		}
	}

	public function delete( WC_Product $product, $args = array() ) {
		wp_delete_post( $product->get_id(), true );
	}

	public function read_meta( WC_Data $object ) {
		global $wpdb;
		$keys = array_merge( array_values( $this->meta_map ), array( '_edit_lock', '_edit_last' ) );
		$in   = implode( ',', array_map( static fn( $k ) => "'" . esc_sql( $k ) . "'", $keys ) );
		return (array) $wpdb->get_results( $wpdb->prepare( "SELECT meta_id, meta_key, meta_value FROM $wpdb->postmeta WHERE post_id = %d AND meta_key NOT IN ($in) ORDER BY meta_id", $object->get_id() ) );
	}

	public function add_meta( WC_Data $object, $meta ) {
		return add_metadata( 'post', $object->get_id(), wp_slash( $meta->key ), is_string( $meta->value ) ? wp_slash( $meta->value ) : $meta->value, false );
	}

	public function update_meta( WC_Data $object, $meta ) {
		update_metadata_by_mid( 'post', $meta->id, $meta->value, $meta->key );
	}

	public function delete_meta( WC_Data $object, $meta ) {
		delete_metadata_by_mid( 'post', $meta->id );
	}

	/**
	 * Sets/increases/decreases _stock with one UPDATE statement.
	 *
	 * @return int|float The new stock, computed from the stock read before the UPDATE.
	 */
	public function update_product_stock( $product_id_with_stock, $stock_quantity = null, $operation = 'set' ) {
		global $wpdb;
		add_metadata( 'post', $product_id_with_stock, '_stock', 0, true );
		if ( 'set' === $operation ) {
			$new_stock = wc_stock_amount( $stock_quantity );
			$sql       = $wpdb->prepare( "UPDATE {$wpdb->postmeta} SET meta_value = %f WHERE post_id = %d AND meta_key='_stock'", $new_stock, $product_id_with_stock );
		} else {
			$current_stock = wc_stock_amount( get_metadata( 'post', $product_id_with_stock, '_stock', true ) );
			if ( 'increase' === $operation ) {
				$new_stock  = $current_stock + wc_stock_amount( $stock_quantity );
				$multiplier = 1;
			} else {
				$new_stock  = $current_stock - wc_stock_amount( $stock_quantity );
				$multiplier = -1;
			}
			$sql = $wpdb->prepare( "UPDATE {$wpdb->postmeta} SET meta_value = meta_value %+f WHERE post_id = %d AND meta_key='_stock'", wc_stock_amount( $stock_quantity ) * $multiplier, $product_id_with_stock );
		}
		$sql = apply_filters( 'woocommerce_update_product_stock_query', $sql, $product_id_with_stock, $new_stock, $operation );
		$wpdb->query( $sql );
		wp_cache_delete( $product_id_with_stock, 'post_meta' );
		do_action( 'woocommerce_updated_product_stock', $product_id_with_stock );
		return $new_stock;
	}

	public function read_stock_quantity( WC_Product $product, $new_stock = null ) {
		$object_read = $product->get_object_read();
		$product->set_object_read( false );
		$product->set_stock_quantity( is_null( $new_stock ) ? get_metadata( 'post', $product->get_id(), '_stock', true ) : $new_stock );
		$product->set_object_read( $object_read );
	}

	public function update_product_sales( $product_id, $quantity = null, $operation = 'set' ) {
		global $wpdb;
		add_metadata( 'post', $product_id, 'total_sales', 0, true );
		if ( 'increase' === $operation ) {
			$sql = $wpdb->prepare( "UPDATE {$wpdb->postmeta} SET meta_value = meta_value + %f WHERE post_id = %d AND meta_key='total_sales'", $quantity, $product_id );
		} elseif ( 'decrease' === $operation ) {
			$sql = $wpdb->prepare( "UPDATE {$wpdb->postmeta} SET meta_value = meta_value - %f WHERE post_id = %d AND meta_key='total_sales'", $quantity, $product_id );
		} else {
			$sql = $wpdb->prepare( "UPDATE {$wpdb->postmeta} SET meta_value = %f WHERE post_id = %d AND meta_key='total_sales'", $quantity, $product_id );
		}
		$wpdb->query( $sql );
	}
}

function wc_get_product_stock_status_options() {
	return array(
		'instock'     => __( 'In stock', 'woocommerce' ),
		'outofstock'  => __( 'Out of stock', 'woocommerce' ),
		'onbackorder' => __( 'On backorder', 'woocommerce' ),
	);
}

/**
 * @return WC_Product|null|false
 */
function wc_get_product( $the_product = false, $deprecated = array() ) {
	if ( $the_product instanceof WC_Product ) {
		$the_product = $the_product->get_id();
	} elseif ( $the_product instanceof WP_Post ) {
		$the_product = $the_product->ID;
	}
	$product_id = absint( $the_product );
	if ( ! $product_id ) {
		return false;
	}
	$class = apply_filters( 'woocommerce_product_class', 'WC_Product_Simple', 'simple', 'product', $product_id );
	try {
		return new $class( $product_id );
	} catch ( Exception $e ) {
		return false;
	}
}

function wc_stock_amount( $amount ) {
	return apply_filters( 'woocommerce_stock_amount', $amount );
}
