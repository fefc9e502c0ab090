<?php
/**
 * Test double: WooCommerce order items (WC_Order_Item, WC_Order_Item_Product,
 * WC_Order_Item_Fee, WC_Order_Item_Shipping) and their storage.
 *
 * Modelled on WooCommerce 7.9 includes/class-wc-order-item.php,
 * class-wc-order-item-product.php and
 * data-stores/class-wc-order-item-product-data-store.php: rows in
 * {prefix}woocommerce_order_items (order_item_id, order_item_name,
 * order_item_type, order_id) with meta in {prefix}woocommerce_order_itemmeta
 * (_product_id, _variation_id, _qty, _tax_class, _line_subtotal,
 * _line_subtotal_tax, _line_total, _line_tax, plus custom meta such as
 * _reduced_stock). Shared by both order storages (as in WooCommerce 7.9).
 * Taxes are not modelled. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Order_Item extends WC_Data implements ArrayAccess {

	protected $object_type = 'order_item';

	protected $cache_group = 'order-items';

	protected $data = array(
		'order_id' => 0,
		'name'     => '',
	);

	/**
	 * Item meta key => prop.
	 *
	 * @var array<string,string>
	 */
	protected $meta_props = array();

	public function __construct( $item = 0 ) {
		parent::__construct( $item );
		if ( $item instanceof WC_Order_Item ) {
			$this->set_id( $item->get_id() );
		} elseif ( is_numeric( $item ) && $item > 0 ) {
			$this->set_id( $item );
		} else {
			$this->set_object_read( true );
		}
		$this->data_store = new WC_Order_Item_Data_Store();
		if ( $this->get_id() > 0 ) {
			$this->data_store->read( $this );
		}
		$this->internal_meta_keys = array_keys( $this->meta_props );
	}

	public function get_meta_props(): array {
		return $this->meta_props;
	}

	protected function get_hook_prefix() {
		return 'woocommerce_order_item_get_';
	}

	public function get_order_id( $context = 'view' ) {
		return $this->get_prop( 'order_id', $context );
	}

	public function get_name( $context = 'view' ) {
		return $this->get_prop( 'name', $context );
	}

	public function get_type() {
		return '';
	}

	public function get_quantity() {
		return 1;
	}

	public function get_order() {
		return wc_get_order( $this->get_order_id() );
	}

	public function set_order_id( $value ) {
		$this->set_prop( 'order_id', absint( $value ) );
	}

	public function set_name( $value ) {
		$this->set_prop( 'name', wp_check_invalid_utf8( $value ) );
	}

	public function is_type( $type ) {
		return is_array( $type ) ? in_array( $this->get_type(), $type, true ) : $type === $this->get_type();
	}

	public function offsetSet( $offset, $value ): void {
		if ( is_callable( array( $this, "set_$offset" ) ) ) {
			$this->{"set_$offset"}( $value );
		} else {
			$this->update_meta_data( $offset, $value );
		}
	}

	public function offsetUnset( $offset ): void {
		$this->delete_meta_data( $offset );
	}

	public function offsetExists( $offset ): bool {
		return array_key_exists( $offset, $this->data ) || $this->meta_exists( $offset );
	}

	#[\ReturnTypeWillChange]
	public function offsetGet( $offset ) {
		if ( is_callable( array( $this, "get_$offset" ) ) ) {
			return $this->{"get_$offset"}();
		}
		return $this->get_meta( $offset );
	}
}

class WC_Order_Item_Product extends WC_Order_Item {

	protected $extra_data = array(
		'product_id'   => 0,
		'variation_id' => 0,
		'quantity'     => 1,
		'tax_class'    => '',
		'subtotal'     => 0,
		'subtotal_tax' => 0,
		'total'        => 0,
		'total_tax'    => 0,
		'taxes'        => array(
			'subtotal' => array(),
			'total'    => array(),
		),
	);

	protected $meta_props = array(
		'_product_id'        => 'product_id',
		'_variation_id'      => 'variation_id',
		'_qty'               => 'quantity',
		'_tax_class'         => 'tax_class',
		'_line_subtotal'     => 'subtotal',
		'_line_subtotal_tax' => 'subtotal_tax',
		'_line_total'        => 'total',
		'_line_tax'          => 'total_tax',
		'_line_tax_data'     => 'taxes',
	);

	public function get_type() {
		return 'line_item';
	}

	public function get_product_id( $context = 'view' ) {
		return $this->get_prop( 'product_id', $context );
	}

	public function get_variation_id( $context = 'view' ) {
		return $this->get_prop( 'variation_id', $context );
	}

	public function get_quantity( $context = 'view' ) {
		return $this->get_prop( 'quantity', $context );
	}

	public function get_tax_class( $context = 'view' ) {
		return $this->get_prop( 'tax_class', $context );
	}

	public function get_subtotal( $context = 'view' ) {
		return $this->get_prop( 'subtotal', $context );
	}

	public function get_subtotal_tax( $context = 'view' ) {
		return $this->get_prop( 'subtotal_tax', $context );
	}

	public function get_total( $context = 'view' ) {
		return $this->get_prop( 'total', $context );
	}

	public function get_total_tax( $context = 'view' ) {
		return $this->get_prop( 'total_tax', $context );
	}

	public function get_taxes( $context = 'view' ) {
		return $this->get_prop( 'taxes', $context );
	}

	public function get_product() {
		$product = $this->get_variation_id() ? wc_get_product( $this->get_variation_id() ) : wc_get_product( $this->get_product_id() );
		return apply_filters( 'woocommerce_order_item_product', $product, $this );
	}

	public function set_product_id( $value ) {
		if ( $value > 0 && 'product' !== get_post_type( absint( $value ) ) ) {
			$this->error( 'order_item_product_invalid_product_id', __( 'Invalid product ID', 'woocommerce' ) );
		}
		$this->set_prop( 'product_id', absint( $value ) );
	}

	public function set_variation_id( $value ) {
		$this->set_prop( 'variation_id', absint( $value ) );
	}

	public function set_quantity( $value ) {
		$this->set_prop( 'quantity', wc_stock_amount( $value ) );
	}

	public function set_tax_class( $value ) {
		$this->set_prop( 'tax_class', $value );
	}

	public function set_subtotal( $value ) {
		$this->set_prop( 'subtotal', wc_format_decimal( $value ) );
	}

	public function set_subtotal_tax( $value ) {
		$this->set_prop( 'subtotal_tax', wc_format_decimal( $value ) );
	}

	public function set_total( $value ) {
		$value = wc_format_decimal( $value );
		if ( ! is_numeric( $value ) ) {
			$value = 0;
		}
		$this->set_prop( 'total', $value );
		if ( '' === $this->get_subtotal( 'edit' ) || 0 === $this->get_subtotal( 'edit' ) ) {
			$this->set_subtotal( $value );
		}
	}

	public function set_total_tax( $value ) {
		$this->set_prop( 'total_tax', wc_format_decimal( $value ) );
	}

	public function set_taxes( $raw_tax_data ) {
		$raw_tax_data = maybe_unserialize( $raw_tax_data );
		$tax_data     = array(
			'total'    => array(),
			'subtotal' => array(),
		);
		if ( ! empty( $raw_tax_data['total'] ) && ! empty( $raw_tax_data['subtotal'] ) ) {
			$tax_data['subtotal'] = array_map( 'wc_format_decimal', (array) $raw_tax_data['subtotal'] );
			$tax_data['total']    = array_map( 'wc_format_decimal', (array) $raw_tax_data['total'] );
		}
		$this->set_prop( 'taxes', $tax_data );
	}

	public function set_product( $product ) {
		if ( ! is_a( $product, 'WC_Product' ) ) {
			$this->error( 'order_item_product_invalid_product', __( 'Invalid product', 'woocommerce' ) );
		}
		$this->set_product_id( $product->get_id() );
		$this->set_name( $product->get_name() );
		$this->set_tax_class( '' );
	}
}

class WC_Order_Item_Fee extends WC_Order_Item {

	protected $extra_data = array(
		'tax_class'  => '',
		'tax_status' => 'taxable',
		'amount'     => '',
		'total'      => '',
		'total_tax'  => '',
	);

	protected $meta_props = array(
		'_fee_amount' => 'amount',
		'_line_total' => 'total',
		'_line_tax'   => 'total_tax',
		'_tax_class'  => 'tax_class',
	);

	public function get_type() {
		return 'fee';
	}

	public function get_total( $context = 'view' ) {
		return $this->get_prop( 'total', $context );
	}

	public function get_amount( $context = 'view' ) {
		return $this->get_prop( 'amount', $context );
	}

	public function get_total_tax( $context = 'view' ) {
		return $this->get_prop( 'total_tax', $context );
	}

	public function get_tax_class( $context = 'view' ) {
		return $this->get_prop( 'tax_class', $context );
	}

	public function set_total( $value ) {
		$this->set_prop( 'total', wc_format_decimal( $value ) );
	}

	public function set_amount( $value ) {
		$this->set_prop( 'amount', wc_format_decimal( $value ) );
	}

	public function set_total_tax( $value ) {
		$this->set_prop( 'total_tax', wc_format_decimal( $value ) );
	}

	public function set_tax_class( $value ) {
		$this->set_prop( 'tax_class', $value );
	}
}

class WC_Order_Item_Shipping extends WC_Order_Item {

	protected $extra_data = array(
		'method_title' => '',
		'method_id'    => '',
		'instance_id'  => '',
		'total'        => 0,
		'total_tax'    => 0,
	);

	protected $meta_props = array(
		'method_id'   => 'method_id',
		'instance_id' => 'instance_id',
		'cost'        => 'total',
		'total_tax'   => 'total_tax',
	);

	public function get_type() {
		return 'shipping';
	}

	public function get_method_id( $context = 'view' ) {
		return $this->get_prop( 'method_id', $context );
	}

	public function get_method_title( $context = 'view' ) {
		return $this->get_prop( 'method_title', $context );
	}

	public function get_instance_id( $context = 'view' ) {
		return $this->get_prop( 'instance_id', $context );
	}

	public function get_total( $context = 'view' ) {
		return $this->get_prop( 'total', $context );
	}

	public function get_total_tax( $context = 'view' ) {
		return $this->get_prop( 'total_tax', $context );
	}

	public function set_method_id( $value ) {
		$this->set_prop( 'method_id', (string) $value );
	}

	public function set_method_title( $value ) {
		$this->set_prop( 'name', $value );
		$this->set_prop( 'method_title', $value );
	}

	public function set_instance_id( $value ) {
		$this->set_prop( 'instance_id', (string) $value );
	}

	public function set_total( $value ) {
		$this->set_prop( 'total', wc_format_decimal( $value ) );
	}

	public function set_total_tax( $value ) {
		$this->set_prop( 'total_tax', wc_format_decimal( $value ) );
	}
}

/**
 * Storage of all order item types.
 */
class WC_Order_Item_Data_Store {

	public static function class_for_type( string $type ): string {
		$classes = array(
			'line_item' => 'WC_Order_Item_Product',
			'fee'       => 'WC_Order_Item_Fee',
			'shipping'  => 'WC_Order_Item_Shipping',
		);
		return apply_filters( 'woocommerce_get_order_item_classname', $classes[ $type ] ?? 'WC_Order_Item', $type, 0 );
	}

	protected function items_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'woocommerce_order_items';
	}

	public function create( WC_Order_Item $item ) {
		global $wpdb;
		$wpdb->insert(
			$this->items_table(),
			array(
				'order_item_name' => $item->get_name( 'edit' ),
				'order_item_type' => $item->get_type(),
				'order_id'        => $item->get_order_id( 'edit' ),
			)
		);
		$item->set_id( (int) $wpdb->insert_id );
		$this->save_item_data( $item, true );
		$item->save_meta_data();
		$item->apply_changes();
		do_action( 'woocommerce_new_order_item', $item->get_id(), $item, $item->get_order_id() );
	}

	public function update( WC_Order_Item $item ) {
		global $wpdb;
		$changes = $item->get_changes();
		if ( array_intersect( array( 'name', 'order_id' ), array_keys( $changes ) ) ) {
			$wpdb->update(
				$this->items_table(),
				array(
					'order_item_name' => $item->get_name( 'edit' ),
					'order_item_type' => $item->get_type(),
					'order_id'        => $item->get_order_id( 'edit' ),
				),
				array( 'order_item_id' => $item->get_id() )
			);
		}
		$this->save_item_data( $item, false );
		$item->save_meta_data();
		$item->apply_changes();
		do_action( 'woocommerce_update_order_item', $item->get_id(), $item, $item->get_order_id() );
	}

	protected function save_item_data( WC_Order_Item $item, bool $force ): void {
		$changes = $item->get_changes();
		foreach ( $item->get_meta_props() as $meta_key => $prop ) {
			if ( ! $force && ! array_key_exists( $prop, $changes ) ) {
				continue;
			}
			$getter = 'get_' . $prop;
			$value  = is_callable( array( $item, $getter ) ) ? $item->{$getter}( 'edit' ) : null;
			update_metadata( 'order_item', $item->get_id(), $meta_key, $value );
		}
	}

	public function delete( WC_Order_Item $item, $args = array() ) {
		global $wpdb;
		do_action( 'woocommerce_before_delete_order_item', $item->get_id() );
		$wpdb->delete( $wpdb->prefix . 'woocommerce_order_itemmeta', array( 'order_item_id' => $item->get_id() ) );
		$wpdb->delete( $this->items_table(), array( 'order_item_id' => $item->get_id() ) );
		do_action( 'woocommerce_delete_order_item', $item->get_id() );
	}

	public function read( WC_Order_Item $item ) {
		global $wpdb;
		$item->set_defaults();
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$this->items_table()} WHERE order_item_id = %d LIMIT 1", $item->get_id() ) );
		if ( ! $row ) {
			throw new Exception( __( 'Invalid order item.', 'woocommerce' ) );
		}
		$props = array(
			'order_id' => (int) $row->order_id,
			'name'     => $row->order_item_name,
		);
		foreach ( $item->get_meta_props() as $meta_key => $prop ) {
			$props[ $prop ] = get_metadata( 'order_item', $item->get_id(), $meta_key, true );
		}
		$item->set_props( $props );
		$item->read_meta_data();
		$item->set_object_read( true );
	}

	public function read_meta( WC_Data $item ) {
		global $wpdb;
		$exclude = array_keys( $item->get_meta_props() );
		$rows    = (array) $wpdb->get_results( $wpdb->prepare( "SELECT meta_id, meta_key, meta_value FROM {$wpdb->prefix}woocommerce_order_itemmeta WHERE order_item_id = %d ORDER BY meta_id", $item->get_id() ) );
		return array_values(
			array_filter(
				$rows,
				static function ( $row ) use ( $exclude ) {
					return ! in_array( $row->meta_key, $exclude, true );
				}
			)
		);
	}

	public function add_meta( WC_Data $item, $meta ) {
		return add_metadata( 'order_item', $item->get_id(), wp_slash( $meta->key ), is_string( $meta->value ) ? wp_slash( $meta->value ) : $meta->value, false );
	}

	public function update_meta( WC_Data $item, $meta ) {
		update_metadata_by_mid( 'order_item', $meta->id, $meta->value, $meta->key );
	}

	public function delete_meta( WC_Data $item, $meta ) {
		delete_metadata_by_mid( 'order_item', $meta->id );
	}

	/**
	 * @return WC_Order_Item[] keyed by item ID.
	 */
	public function read_items_for_order( int $order_id, ?array $types = null ): array {
		global $wpdb;
		$rows  = (array) $wpdb->get_results( $wpdb->prepare( "SELECT order_item_id, order_item_type FROM {$this->items_table()} WHERE order_id = %d ORDER BY order_item_id", $order_id ) );
		$items = array();
		foreach ( $rows as $row ) {
			if ( null !== $types && ! in_array( $row->order_item_type, $types, true ) ) {
				continue;
			}
			$class = self::class_for_type( $row->order_item_type );
			try {
				$items[ (int) $row->order_item_id ] = new $class( (int) $row->order_item_id );
			} catch ( Exception $e ) {
				continue;
			}
		}
		return $items;
	}

	public function delete_items_for_order( int $order_id ): void {
		global $wpdb;
		$ids = $wpdb->get_col( $wpdb->prepare( "SELECT order_item_id FROM {$this->items_table()} WHERE order_id = %d", $order_id ) );
		if ( $ids ) {
			$in = implode( ',', array_map( 'intval', $ids ) );
			$wpdb->query( "DELETE FROM {$wpdb->prefix}woocommerce_order_itemmeta WHERE order_item_id IN ($in)" );
			$wpdb->query( "DELETE FROM {$this->items_table()} WHERE order_item_id IN ($in)" );
		}
	}
}

function wc_get_order_item_meta( $item_id, $key, $single = true ) {
	return get_metadata( 'order_item', $item_id, $key, $single );
}

function wc_add_order_item_meta( $item_id, $meta_key, $meta_value, $unique = false ) {
	return add_metadata( 'order_item', $item_id, $meta_key, $meta_value, $unique );
}

function wc_update_order_item_meta( $item_id, $meta_key, $meta_value, $prev_value = '' ) {
	return update_metadata( 'order_item', $item_id, $meta_key, $meta_value, $prev_value );
}

function wc_delete_order_item_meta( $item_id, $meta_key, $meta_value = '', $delete_all = false ) {
	return delete_metadata( 'order_item', $item_id, $meta_key, $meta_value, $delete_all );
}
