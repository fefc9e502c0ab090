<?php
/**
 * Test double: WC_Abstract_Order.
 *
 * Modelled on WooCommerce 7.9 includes/abstracts/abstract-wc-order.php:
 * the shared props (parent_id, status, currency, version, prices_include_tax,
 * dates, discount/shipping/tax totals, total), set_status() normalising the
 * "wc-" prefix and replacing unknown statuses with "pending" once the object
 * is read, has_status() (string or array), totals stored with
 * wc_format_decimal( $value, wc_get_price_decimals() ) so get_total() returns
 * a decimal string such as "12.30", items read lazily from the database on
 * first get_items() and written by save_items(), add_product(),
 * calculate_totals() (line totals + fees + shipping; taxes are not
 * modelled), save() choosing create/update, firing
 * woocommerce_before_/after_{object_type}_object_save, and logging an error
 * plus an order note when saving throws (handle_exception). The storage
 * (posts or HPOS tables) is chosen when the object is created, like
 * WC_Data_Store::load( 'order' ). Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

abstract class WC_Abstract_Order extends WC_Data {

	protected $data = array(
		'parent_id'          => 0,
		'status'             => '',
		'currency'           => '',
		'version'            => '',
		'prices_include_tax' => false,
		'date_created'       => null,
		'date_modified'      => null,
		'discount_total'     => 0,
		'discount_tax'       => 0,
		'shipping_total'     => 0,
		'shipping_tax'       => 0,
		'cart_tax'           => 0,
		'total'              => 0,
		'total_tax'          => 0,
	);

	/**
	 * Loaded items by type (null = not read yet).
	 *
	 * @var array<string, WC_Order_Item[]|null>
	 */
	protected $items = array();

	/**
	 * Items removed, to delete on save.
	 *
	 * @var WC_Order_Item[]
	 */
	protected $items_to_delete = array();

	protected $cache_group = 'orders';

	protected $data_store_name = 'order';

	protected $object_type = 'order';

	public function __construct( $order = 0 ) {
		parent::__construct( $order );
		if ( is_numeric( $order ) && $order > 0 ) {
			$this->set_id( $order );
		} elseif ( $order instanceof self ) {
			$this->set_id( $order->get_id() );
		} elseif ( ! empty( $order->ID ) ) {
			$this->set_id( $order->ID );
		} else {
			$this->set_object_read( true );
		}
		$this->data_store         = WC_Double_Order_Stores::load();
		$this->internal_meta_keys = $this->data_store->get_internal_meta_keys_for( $this );
		if ( $this->get_id() > 0 ) {
			$this->data_store->read( $this );
		}
	}

	public function get_type() {
		return 'shop_order';
	}

	protected function get_hook_prefix() {
		return 'woocommerce_' . $this->object_type . '_get_';
	}

	public function save() {
		if ( ! $this->data_store ) {
			return $this->get_id();
		}
		try {
			do_action( 'woocommerce_before_' . $this->object_type . '_object_save', $this, $this->data_store );
			if ( $this->get_id() ) {
				$this->data_store->update( $this );
			} else {
				$this->data_store->create( $this );
			}
			$this->save_items();
			if ( \Automattic\WooCommerce\Utilities\OrderUtil::orders_cache_usage_is_enabled() ) {
				wc_get_container()->get( \Automattic\WooCommerce\Caches\OrderCache::class )->remove( $this->get_id() );
			}
			do_action( 'woocommerce_after_' . $this->object_type . '_object_save', $this, $this->data_store );
		} catch ( Exception $e ) {
			$message_id = $this->get_id() ? $this->get_id() : __( '(no ID)', 'woocommerce' );
			$this->handle_exception( $e, wp_kses_post( sprintf( __( 'Error saving order ID %1$s.', 'woocommerce' ), $message_id ) ) );
		}
		return $this->get_id();
	}

	protected function handle_exception( $e, $message = 'Error' ) {
		wc_get_logger()->error(
			$message,
			array(
				'order' => $this,
				'error' => $e,
			)
		);
	}

	public function delete( $force_delete = false ) {
		if ( ! $this->data_store ) {
			return false;
		}
		$this->data_store->delete( $this, array( 'force_delete' => $force_delete ) );
		$this->set_id( 0 );
		return true;
	}

	/* -------------------------------------------------------------------------
	 * Getters
	 * ---------------------------------------------------------------------- */

	public function get_parent_id( $context = 'view' ) {
		return $this->get_prop( 'parent_id', $context );
	}

	public function get_currency( $context = 'view' ) {
		return $this->get_prop( 'currency', $context );
	}

	public function get_version( $context = 'view' ) {
		return $this->get_prop( 'version', $context );
	}

	public function get_prices_include_tax( $context = 'view' ) {
		return $this->get_prop( 'prices_include_tax', $context );
	}

	public function get_date_created( $context = 'view' ) {
		return $this->get_prop( 'date_created', $context );
	}

	public function get_date_modified( $context = 'view' ) {
		return $this->get_prop( 'date_modified', $context );
	}

	public function get_status( $context = 'view' ) {
		$status = $this->get_prop( 'status', $context );
		if ( empty( $status ) && 'view' === $context ) {
			$status = apply_filters( 'woocommerce_default_order_status', 'pending' );
		}
		return $status;
	}

	public function get_discount_total( $context = 'view' ) {
		return $this->get_prop( 'discount_total', $context );
	}

	public function get_discount_tax( $context = 'view' ) {
		return $this->get_prop( 'discount_tax', $context );
	}

	public function get_shipping_total( $context = 'view' ) {
		return $this->get_prop( 'shipping_total', $context );
	}

	public function get_shipping_tax( $context = 'view' ) {
		return $this->get_prop( 'shipping_tax', $context );
	}

	public function get_cart_tax( $context = 'view' ) {
		return $this->get_prop( 'cart_tax', $context );
	}

	public function get_total( $context = 'view' ) {
		return $this->get_prop( 'total', $context );
	}

	public function get_total_tax( $context = 'view' ) {
		return $this->get_prop( 'total_tax', $context );
	}

	public function get_total_discount( $ex_tax = true ) {
		$total = $ex_tax ? $this->get_discount_total() : (float) $this->get_discount_total() + (float) $this->get_discount_tax();
		return apply_filters( 'woocommerce_order_get_total_discount', round( (float) $total, wc_get_rounding_precision() ), $this );
	}

	public function get_subtotal() {
		$subtotal = 0;
		foreach ( $this->get_items() as $item ) {
			$subtotal += (float) $item->get_subtotal();
		}
		return apply_filters( 'woocommerce_order_get_subtotal', (float) $subtotal, $this );
	}

	public function get_data() {
		return array_merge(
			array( 'id' => $this->get_id() ),
			$this->data,
			array(
				'meta_data'  => $this->get_meta_data(),
				'line_items' => $this->get_items( 'line_item' ),
			)
		);
	}

	/* -------------------------------------------------------------------------
	 * Setters
	 * ---------------------------------------------------------------------- */

	public function set_parent_id( $value ) {
		if ( $value && ( $value === $this->get_id() || ! wc_get_order( $value ) ) ) {
			$this->error( 'order_invalid_parent_id', __( 'Invalid parent ID', 'woocommerce' ) );
		}
		$this->set_prop( 'parent_id', absint( $value ) );
	}

	/**
	 * @return array{from:string,to:string}
	 */
	public function set_status( $new_status ) {
		$old_status = $this->get_status();
		$new_status = 'wc-' === substr( (string) $new_status, 0, 3 ) ? substr( (string) $new_status, 3 ) : (string) $new_status;
		$exceptions = array( 'auto-draft', 'trash' );
		if ( true === $this->object_read ) {
			$valid = $this->get_valid_statuses();
			if ( ! in_array( 'wc-' . $new_status, $valid, true ) && ! in_array( $new_status, $exceptions, true ) ) {
				$new_status = 'pending';
			}
			if ( $old_status && ( 'auto-draft' === $old_status || ( ! in_array( 'wc-' . $old_status, $valid, true ) && ! in_array( $old_status, $exceptions, true ) ) ) ) {
				$old_status = 'pending';
			}
		}
		$this->set_prop( 'status', $new_status );
		return array(
			'from' => $old_status,
			'to'   => $new_status,
		);
	}

	protected function get_valid_statuses() {
		return array_keys( wc_get_order_statuses() );
	}

	public function set_version( $value ) {
		$this->set_prop( 'version', $value );
	}

	public function set_currency( $value ) {
		if ( $value && ! in_array( $value, array_keys( get_woocommerce_currencies() ), true ) ) {
			$this->error( 'order_invalid_currency', __( 'Invalid currency code', 'woocommerce' ) );
		}
		$this->set_prop( 'currency', $value ? $value : get_woocommerce_currency() );
	}

	public function set_prices_include_tax( $value ) {
		$this->set_prop( 'prices_include_tax', (bool) $value );
	}

	public function set_date_created( $date = null ) {
		$this->set_date_prop( 'date_created', $date );
	}

	public function set_date_modified( $date = null ) {
		$this->set_date_prop( 'date_modified', $date );
	}

	public function set_discount_total( $value ) {
		$this->set_prop( 'discount_total', wc_format_decimal( $value, false, true ) );
	}

	public function set_discount_tax( $value ) {
		$this->set_prop( 'discount_tax', wc_format_decimal( $value, false, true ) );
	}

	public function set_shipping_total( $value ) {
		$this->set_prop( 'shipping_total', wc_format_decimal( $value, false, true ) );
	}

	public function set_shipping_tax( $value ) {
		$this->set_prop( 'shipping_tax', wc_format_decimal( $value, false, true ) );
		$this->set_total_tax( (float) $this->get_cart_tax() + (float) $this->get_shipping_tax() );
	}

	public function set_cart_tax( $value ) {
		$this->set_prop( 'cart_tax', wc_format_decimal( $value, false, true ) );
		$this->set_total_tax( (float) $this->get_cart_tax() + (float) $this->get_shipping_tax() );
	}

	protected function set_total_tax( $value ) {
		$this->set_prop( 'total_tax', wc_format_decimal( round( (float) $value, wc_get_price_decimals() ), false, true ) );
	}

	public function set_total( $value, $deprecated = '' ) {
		if ( $deprecated ) {
			wc_deprecated_argument( 'WC_Order::set_total', '3.0', 'Use dedicated total setter methods instead.' );
			return $this->legacy_set_total( $value, $deprecated );
		}
		$this->set_prop( 'total', wc_format_decimal( $value, wc_get_price_decimals() ) );
	}

	protected function legacy_set_total( $value, $type ) {
		return false;
	}

	/* -------------------------------------------------------------------------
	 * Items
	 * ---------------------------------------------------------------------- */

	protected function type_to_group( $type ) {
		$groups = array(
			'line_item' => 'line_items',
			'tax'       => 'tax_lines',
			'shipping'  => 'shipping_lines',
			'fee'       => 'fee_lines',
			'coupon'    => 'coupon_lines',
		);
		return $groups[ $type ] ?? false;
	}

	/**
	 * @param string|string[] $types Item types.
	 * @return WC_Order_Item[]
	 */
	public function get_items( $types = 'line_item' ) {
		$items = array();
		$types = array_filter( (array) $types );
		foreach ( $types as $type ) {
			$group = $this->type_to_group( $type );
			if ( ! $group ) {
				continue;
			}
			if ( ! isset( $this->items[ $group ] ) ) {
				$this->items[ $group ] = $this->get_id() ? ( new WC_Order_Item_Data_Store() )->read_items_for_order( $this->get_id(), array( $type ) ) : array();
			}
			$items = $items + $this->items[ $group ];
		}
		return apply_filters( 'woocommerce_order_get_items', $items, $this, $types );
	}

	public function get_item( $item_id, $load_from_db = true ) {
		foreach ( array( 'line_item', 'fee', 'shipping' ) as $type ) {
			$items = $this->get_items( $type );
			if ( isset( $items[ $item_id ] ) ) {
				return $items[ $item_id ];
			}
		}
		return false;
	}

	public function get_fees() {
		return $this->get_items( 'fee' );
	}

	public function get_shipping_methods() {
		return $this->get_items( 'shipping' );
	}

	public function get_coupon_codes() {
		return array();
	}

	public function get_item_count( $item_type = '' ) {
		$items = $this->get_items( empty( $item_type ) ? 'line_item' : $item_type );
		$count = 0;
		foreach ( $items as $item ) {
			$count += (int) $item->get_quantity();
		}
		return apply_filters( 'woocommerce_get_item_count', $count, $item_type, $this );
	}

	public function has_free_item() {
		foreach ( $this->get_items() as $item ) {
			if ( ! (float) $item->get_total() ) {
				return true;
			}
		}
		return false;
	}

	public function add_item( $item ) {
		if ( ! is_a( $item, 'WC_Order_Item' ) ) {
			return false;
		}
		$group = $this->type_to_group( $item->get_type() );
		if ( ! $group ) {
			return false;
		}
		if ( ! isset( $this->items[ $group ] ) ) {
			$this->get_items( $item->get_type() );
		}
		$item->set_order_id( $this->get_id() );
		if ( $item->get_id() ) {
			$this->items[ $group ][ $item->get_id() ] = $item;
		} else {
			$this->items[ $group ][ 'new:' . $group . count( $this->items[ $group ] ) ] = $item;
		}
		return true;
	}

	public function remove_item( $item_id ) {
		$item = $this->get_item( $item_id, false );
		if ( ! $item ) {
			return false;
		}
		$group = $this->type_to_group( $item->get_type() );
		unset( $this->items[ $group ][ $item_id ] );
		$this->items_to_delete[] = $item;
		return true;
	}

	public function save_items() {
		foreach ( $this->items_to_delete as $item ) {
			$item->delete();
		}
		$this->items_to_delete = array();
		foreach ( $this->items as $group => $items ) {
			if ( ! is_array( $items ) ) {
				continue;
			}
			$saved = array();
			foreach ( $items as $key => $item ) {
				$item->set_order_id( $this->get_id() );
				$item->save();
				$saved[ $item->get_id() ] = $item;
			}
			$this->items[ $group ] = $saved;
		}
	}

	/**
	 * @return int|false Item ID.
	 */
	public function add_product( $product, $qty = 1, $args = array() ) {
		if ( $product ) {
			$default = array(
				'name'         => $product->get_name(),
				'tax_class'    => '',
				'product_id'   => $product->get_id(),
				'variation_id' => 0,
				'subtotal'     => wc_get_price_excluding_tax( $product, array( 'qty' => $qty ) ),
				'total'        => wc_get_price_excluding_tax( $product, array( 'qty' => $qty ) ),
				'quantity'     => $qty,
			);
		} else {
			$default = array(
				'quantity' => $qty,
			);
		}
		$args = wp_parse_args( $args, $default );
		$item = new WC_Order_Item_Product();
		$item->set_props( $args );
		$item->set_order_id( $this->get_id() );
		$item->save();
		$this->add_item( $item );
		wc_do_deprecated_action( 'woocommerce_order_add_product', array( $this->get_id(), $item->get_id(), $product, $qty, $args ), '3.0', 'woocommerce_new_order_item action instead' );
		delete_transient( 'wc_order_' . $this->get_id() . '_needs_processing' );
		return $item->get_id();
	}

	public function calculate_totals( $and_taxes = true ) {
		do_action( 'woocommerce_order_before_calculate_totals', $and_taxes, $this );
		$cart_total = 0;
		foreach ( $this->get_items() as $item ) {
			$cart_total += (float) $item->get_total();
		}
		$fees = 0;
		foreach ( $this->get_fees() as $item ) {
			$fees += (float) $item->get_total();
		}
		$shipping = 0;
		foreach ( $this->get_shipping_methods() as $item ) {
			$shipping += (float) $item->get_total();
		}
		$this->set_shipping_total( $shipping );
		$this->set_total( round( $cart_total + $fees + $shipping + (float) $this->get_total_tax(), wc_get_price_decimals() ) );
		do_action( 'woocommerce_order_after_calculate_totals', $and_taxes, $this );
		$this->save();
		return $this->get_total();
	}

	public function update_taxes() {
	}

	/* -------------------------------------------------------------------------
	 * Conditionals
	 * ---------------------------------------------------------------------- */

	public function has_status( $status ) {
		return apply_filters( 'woocommerce_order_has_status', ( is_array( $status ) && in_array( $this->get_status(), $status, true ) ) || $this->get_status() === $status, $this, $status );
	}

	public function has_shipping_method( $method_id ) {
		return false;
	}

	public function get_formatted_order_total( $tax_display = '', $display_refunded = true ) {
		$formatted = wc_price( $this->get_total(), array( 'currency' => $this->get_currency() ) );
		return apply_filters( 'woocommerce_get_formatted_order_total', $formatted, $this, $tax_display, $display_refunded );
	}
}
