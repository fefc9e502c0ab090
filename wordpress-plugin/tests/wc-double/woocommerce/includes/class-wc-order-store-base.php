<?php
/**
 * Test double: what WooCommerce 7.9's two order storages share, and
 * wc_get_orders()'s query engine.
 *
 * Modelled on WooCommerce 7.9 includes/data-stores/abstract-wc-order-data-store-cpt.php,
 * class-wc-order-data-store-cpt.php, class-wc-order-refund-data-store-cpt.php,
 * src/Internal/DataStores/Orders/OrdersTableDataStore.php and
 * OrdersTableQuery.php (woocommerce/woocommerce, plugins/woocommerce):
 * only changed props are written on save (a stale object does not overwrite
 * props it did not change), date_modified is bumped on update (posts: only when
 * post fields change, like WooCommerce), an order's meta is read with the
 * order (items stay lazy), get_stock_reduced()/set_stock_reduced() read and
 * write the database directly, get_total_refunded() sums the refunds'
 * _refund_amount, get_unpaid_orders() selects pending orders modified before
 * the cut-off; the query engine supports type, status, parent, payment_method,
 * currency, customer(_id), billing_email, transaction_id, created_via,
 * order_key, include/exclude, date_created/modified/paid/completed (WooCommerce
 * date syntax), meta_key/meta_value/meta_compare, meta_query (nested,
 * AND/OR, =, !=, >, >=, <, <=, IN, NOT IN, LIKE, BETWEEN, EXISTS, NOT EXISTS,
 * NUMERIC), orderby date/ID/modified/none/rand, limit/offset/page, paginate,
 * return ids|objects. The storage used is the one enabled when the order
 * object is built (WC_Data_Store::load). Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);


/**
 * Picks the order store like WC_Data_Store::load( 'order' ).
 */
final class WC_Double_Order_Stores {

	public static function load(): WC_Double_Order_Store_Base {
		if ( \Automattic\WooCommerce\Utilities\OrderUtil::custom_orders_table_usage_is_enabled() ) {
			return new \Automattic\WooCommerce\Internal\DataStores\Orders\OrdersTableDataStore();
		}
		return new WC_Order_Data_Store_CPT();
	}

	/**
	 * prop => [ posts location, HPOS location, format ].
	 * Locations: post:COLUMN, meta:KEY, orders:COLUMN, op:COLUMN, addr:TYPE:FIELD, none.
	 *
	 * @return array<string, array{0:string,1:string,2:string}>
	 */
	public static function prop_map( string $order_type ): array {
		$map = array(
			'parent_id'          => array( 'post:post_parent', 'orders:parent_order_id', 'int' ),
			'status'             => array( 'post:post_status', 'orders:status', 'status' ),
			'currency'           => array( 'meta:_order_currency', 'orders:currency', 'string' ),
			'version'            => array( 'meta:_order_version', 'op:woocommerce_version', 'string' ),
			'prices_include_tax' => array( 'meta:_prices_include_tax', 'op:prices_include_tax', 'bool' ),
			'date_created'       => array( 'post:post_date_gmt', 'orders:date_created_gmt', 'date' ),
			'date_modified'      => array( 'post:post_modified_gmt', 'orders:date_updated_gmt', 'date' ),
			'discount_total'     => array( 'meta:_cart_discount', 'op:discount_total_amount', 'decimal' ),
			'discount_tax'       => array( 'meta:_cart_discount_tax', 'op:discount_tax_amount', 'decimal' ),
			'shipping_total'     => array( 'meta:_order_shipping', 'op:shipping_total_amount', 'decimal' ),
			'shipping_tax'       => array( 'meta:_order_shipping_tax', 'op:shipping_tax_amount', 'decimal' ),
			'cart_tax'           => array( 'meta:_order_tax', 'meta:_order_tax', 'decimal' ),
			'total'              => array( 'meta:_order_total', 'orders:total_amount', 'decimal' ),
			'total_tax'          => array( 'none', 'orders:tax_amount', 'decimal' ),
		);
		if ( 'shop_order_refund' === $order_type ) {
			return $map + array(
				'amount'           => array( 'meta:_refund_amount', 'meta:_refund_amount', 'decimal' ),
				'reason'           => array( 'meta:_refund_reason', 'meta:_refund_reason', 'string' ),
				'refunded_by'      => array( 'meta:_refunded_by', 'meta:_refunded_by', 'int' ),
				'refunded_payment' => array( 'meta:_refunded_payment', 'meta:_refunded_payment', 'bool' ),
			);
		}
		$map += array(
			'customer_id'                  => array( 'meta:_customer_user', 'orders:customer_id', 'int' ),
			'order_key'                    => array( 'meta:_order_key', 'op:order_key', 'string' ),
			'payment_method'               => array( 'meta:_payment_method', 'orders:payment_method', 'string' ),
			'payment_method_title'         => array( 'meta:_payment_method_title', 'orders:payment_method_title', 'string' ),
			'transaction_id'               => array( 'meta:_transaction_id', 'orders:transaction_id', 'string' ),
			'customer_ip_address'          => array( 'meta:_customer_ip_address', 'orders:ip_address', 'string' ),
			'customer_user_agent'          => array( 'meta:_customer_user_agent', 'orders:user_agent', 'string' ),
			'created_via'                  => array( 'meta:_created_via', 'op:created_via', 'string' ),
			'customer_note'                => array( 'post:post_excerpt', 'orders:customer_note', 'string' ),
			'date_completed'               => array( 'meta:_date_completed', 'op:date_completed_gmt', 'date' ),
			'date_paid'                    => array( 'meta:_date_paid', 'op:date_paid_gmt', 'date' ),
			'cart_hash'                    => array( 'meta:_cart_hash', 'op:cart_hash', 'string' ),
			'order_stock_reduced'          => array( 'meta:_order_stock_reduced', 'op:order_stock_reduced', 'bool' ),
			'download_permissions_granted' => array( 'meta:_download_permissions_granted', 'op:download_permission_granted', 'bool' ),
			'recorded_sales'               => array( 'meta:_recorded_sales', 'op:recorded_sales', 'bool' ),
			'recorded_coupon_usage_counts' => array( 'meta:_recorded_coupon_usage_counts', 'op:coupon_usages_are_counted', 'bool' ),
		);
		foreach ( array( 'first_name', 'last_name', 'company', 'address_1', 'address_2', 'city', 'state', 'postcode', 'country', 'email', 'phone' ) as $field ) {
			$map[ 'billing_' . $field ] = array( 'meta:_billing_' . $field, 'addr:billing:' . $field, 'string' );
			if ( 'email' !== $field ) {
				$map[ 'shipping_' . $field ] = array( 'meta:_shipping_' . $field, 'addr:shipping:' . $field, 'string' );
			}
		}
		return $map;
	}

	/** @var array<string, string> Order types other plugins registered (wc_register_order_type()): type => class. */
	private static array $registered = array();

	/**
	 * wc_register_order_type() as far as the double needs it: another order
	 * type (WooCommerce Subscriptions' `shop_subscription`) stored like orders
	 * and read back by wc_get_order() as `$class`.
	 */
	public static function register_type( string $type, string $class ): void {
		self::$registered[ $type ] = $class;
	}

	public static function order_types(): array {
		return array_merge( array( 'shop_order', 'shop_order_refund' ), array_keys( self::$registered ) );
	}

	public static function class_for_type( string $type, int $order_id = 0 ): string {
		$class = self::$registered[ $type ] ?? ( 'shop_order_refund' === $type ? 'WC_Order_Refund' : 'WC_Order' );
		return apply_filters( 'woocommerce_order_class', $class, $type, $order_id );
	}
}

/**
 * Shared logic of both stores.
 */
abstract class WC_Double_Order_Store_Base {

	abstract public function uses_custom_tables(): bool;

	protected function col( $prop_entry ): string {
		return $this->uses_custom_tables() ? $prop_entry[1] : $prop_entry[0];
	}

	public function get_internal_meta_keys_for( WC_Abstract_Order $order ): array {
		$keys = array();
		foreach ( WC_Double_Order_Stores::prop_map( $order->get_type() ) as $entry ) {
			if ( 0 === strpos( $entry[0], 'meta:' ) ) {
				$keys[] = substr( $entry[0], 5 );
			}
		}
		return $keys;
	}

	/**
	 * Keys stored as meta by this store for props (excluded from custom meta).
	 */
	protected function prop_meta_keys( string $type ): array {
		$keys = array();
		foreach ( WC_Double_Order_Stores::prop_map( $type ) as $entry ) {
			$loc = $this->col( $entry );
			if ( 0 === strpos( $loc, 'meta:' ) ) {
				$keys[] = substr( $loc, 5 );
			}
		}
		return $keys;
	}

	/* ---------------------------------------------------------------
	 * Value conversion
	 * ------------------------------------------------------------ */

	protected function get_prop_value( WC_Abstract_Order $order, string $prop ) {
		$getter = 'get_' . $prop;
		if ( 'status' === $prop ) {
			return $order->get_status( 'edit' );
		}
		return $order->{$getter}( 'edit' );
	}

	protected function to_storage( $value, string $format, string $location ) {
		$hpos = $this->uses_custom_tables();
		switch ( $format ) {
			case 'status':
				$value = (string) $value;
				return '' === $value ? 'wc-pending' : ( 0 === strpos( $value, 'wc-' ) || in_array( $value, array( 'trash', 'auto-draft', 'draft' ), true ) ? $value : 'wc-' . $value );
			case 'bool':
				if ( $hpos && 0 !== strpos( $location, 'meta:' ) ) {
					return $value ? 1 : 0;
				}
				return wc_bool_to_string( (bool) $value );
			case 'date':
				if ( ! $value instanceof WC_DateTime ) {
					return null;
				}
				if ( 0 === strpos( $location, 'meta:' ) ) {
					return (string) $value->getTimestamp();
				}
				return gmdate( 'Y-m-d H:i:s', $value->getTimestamp() );
			case 'int':
				return (int) $value;
			case 'decimal':
				return '' === $value || null === $value ? ( $hpos && 0 !== strpos( $location, 'meta:' ) ? null : '' ) : (string) $value;
			default:
				return null === $value ? '' : (string) $value;
		}
	}

	protected function from_storage( $value, string $format, string $location ) {
		switch ( $format ) {
			case 'status':
				$value = (string) $value;
				return 0 === strpos( $value, 'wc-' ) ? substr( $value, 3 ) : $value;
			case 'bool':
				return wc_string_to_bool( $value );
			case 'date':
				if ( null === $value || '' === $value || '0000-00-00 00:00:00' === $value ) {
					return null;
				}
				if ( is_numeric( $value ) ) {
					return (int) $value;
				}
				return wc_string_to_timestamp( $value . ' UTC' );
			case 'int':
				return (int) $value;
			default:
				return null === $value ? '' : $value;
		}
	}

	/* ---------------------------------------------------------------
	 * CRUD
	 * ------------------------------------------------------------ */

	abstract protected function insert_record( WC_Abstract_Order $order ): int;

	/**
	 * @return array<string, mixed>|null location => raw value.
	 */
	abstract protected function load_record( int $id, string $type ): ?array;

	/**
	 * @param array<string, mixed> $values location => storage value.
	 */
	abstract protected function write_values( WC_Abstract_Order $order, array $values ): void;

	abstract protected function meta_table(): string;

	abstract protected function meta_object_column(): string;

	public function create( WC_Abstract_Order $order ) {
		if ( ! $order->get_date_created( 'edit' ) ) {
			$order->set_date_created( iotpay_test_now() );
		}
		if ( $order instanceof WC_Order ) {
			if ( ! $order->get_order_key( 'edit' ) ) {
				$order->set_order_key( wc_generate_order_key() );
			}
			$order->set_version( WC_VERSION );
			if ( ! $order->get_currency( 'edit' ) ) {
				$order->set_currency( get_woocommerce_currency() );
			}
		}
		if ( ! $order->get_date_modified( 'edit' ) ) {
			$order->set_date_modified( $order->get_date_created( 'edit' ) );
		}
		$id = $this->insert_record( $order );
		$order->set_id( $id );
		$this->write_values( $order, $this->collect_values( $order, null ) );
		$order->save_meta_data();
		$order->apply_changes();
		if ( $order instanceof WC_Order ) {
			do_action( 'woocommerce_new_order', $id, $order );
		}
	}

	/**
	 * @param string[]|null $props Props to collect (null = all).
	 * @return array<string, mixed>
	 */
	protected function collect_values( WC_Abstract_Order $order, ?array $props ): array {
		$values = array();
		foreach ( WC_Double_Order_Stores::prop_map( $order->get_type() ) as $prop => $entry ) {
			if ( null !== $props && ! in_array( $prop, $props, true ) ) {
				continue;
			}
			$location = $this->col( $entry );
			if ( 'none' === $location ) {
				continue;
			}
			$values[ $location ] = $this->to_storage( $this->get_prop_value( $order, $prop ), $entry[2], $location );
			if ( 'billing_email' === $prop && $this->uses_custom_tables() ) {
				$values['orders:billing_email'] = $values[ $location ];
			}
		}
		return $values;
	}

	protected function changed_props( WC_Abstract_Order $order ): array {
		$changes = $order->get_changes();
		$props   = array();
		foreach ( $changes as $key => $value ) {
			if ( in_array( $key, array( 'billing', 'shipping' ), true ) && is_array( $value ) ) {
				foreach ( array_keys( $value ) as $field ) {
					$props[] = $key . '_' . $field;
				}
			} else {
				$props[] = $key;
			}
		}
		return $props;
	}

	protected function meta_has_changes( WC_Abstract_Order $order ): bool {
		$reflection = new ReflectionProperty( WC_Data::class, 'meta_data' );
		$reflection->setAccessible( true );
		$meta = $reflection->getValue( $order );
		if ( ! is_array( $meta ) ) {
			return false;
		}
		foreach ( $meta as $m ) {
			if ( empty( $m->id ) || is_null( $m->value ) || $m->get_changes() ) {
				return true;
			}
		}
		return false;
	}

	public function read( WC_Abstract_Order $order ) {
		$order->set_defaults();
		$id     = $order->get_id();
		$record = $id ? $this->load_record( $id, $order->get_type() ) : null;
		if ( null === $record ) {
			throw new Exception( __( 'Invalid order.', 'woocommerce' ) );
		}
		$props = array();
		foreach ( WC_Double_Order_Stores::prop_map( $order->get_type() ) as $prop => $entry ) {
			$location = $this->col( $entry );
			if ( 'none' === $location ) {
				continue;
			}
			$props[ $prop ] = $this->from_storage( $record[ $location ] ?? null, $entry[2], $location );
		}
		if ( ! $this->uses_custom_tables() ) {
			$props['total_tax'] = (float) ( $props['cart_tax'] ?: 0 ) + (float) ( $props['shipping_tax'] ?: 0 );
		}
		$order->set_props( $props );
		// WooCommerce reads an order's meta together with its props (items stay lazy).
		$order->read_meta_data();
		$order->set_object_read( true );
	}

	protected function post_fields_changed( array $props ): bool {
		return (bool) array_intersect( array( 'date_created', 'date_modified', 'status', 'parent_id', 'customer_note' ), $props );
	}

	public function update( WC_Abstract_Order $order ) {
		$props        = $this->changed_props( $order );
		$meta_changed = $this->meta_has_changes( $order );
		if ( ! $props && ! $meta_changed ) {
			return;
		}
		$bump = $this->uses_custom_tables() ? true : $this->post_fields_changed( $props );
		if ( $bump && ! in_array( 'date_modified', $props, true ) ) {
			$order->set_date_modified( iotpay_test_now() );
			$props[] = 'date_modified';
		}
		if ( $props ) {
			$this->write_values( $order, $this->collect_values( $order, $props ) );
		}
		$order->save_meta_data();
		$order->apply_changes();
		if ( $order instanceof WC_Order ) {
			do_action( 'woocommerce_update_order', $order->get_id(), $order );
		}
	}

	public function delete( WC_Abstract_Order $order, $args = array() ) {
		global $wpdb;
		$id = $order->get_id();
		if ( ! $id ) {
			return;
		}
		$force = ! empty( $args['force_delete'] ) || $order instanceof WC_Order_Refund;
		if ( ! $force ) {
			$this->update_raw_status( $id, 'trash' );
			do_action( 'woocommerce_trash_order', $id );
			return;
		}
		do_action( 'woocommerce_before_delete_order', $id, $order );
		( new WC_Order_Item_Data_Store() )->delete_items_for_order( $id );
		$this->delete_record( $id );
		$wpdb->query( $wpdb->prepare( "DELETE cm FROM $wpdb->commentmeta cm INNER JOIN $wpdb->comments c ON c.comment_ID = cm.comment_id WHERE c.comment_post_ID = %d", $id ) );
		$wpdb->delete( $wpdb->comments, array( 'comment_post_ID' => $id ) );
		do_action( $order instanceof WC_Order_Refund ? 'woocommerce_delete_order_refund' : 'woocommerce_delete_order', $id );
	}

	abstract protected function delete_record( int $id ): void;

	abstract protected function update_raw_status( int $id, string $status ): void;

	/* ---------------------------------------------------------------
	 * Meta
	 * ------------------------------------------------------------ */

	public function read_meta( WC_Data $order ) {
		global $wpdb;
		$exclude = $this->prop_meta_keys( $order->get_type() );
		if ( ! $this->uses_custom_tables() ) {
			$exclude = array_merge( $exclude, array( '_edit_lock', '_edit_last', '_wp_trash_meta_status', '_wp_trash_meta_time' ) );
		}
		$id_col = $this->uses_custom_tables() ? 'id' : 'meta_id';
		$rows   = (array) $wpdb->get_results( $wpdb->prepare( "SELECT $id_col AS meta_id, meta_key, meta_value FROM {$this->meta_table()} WHERE {$this->meta_object_column()} = %d ORDER BY $id_col", $order->get_id() ) );
		return array_values(
			array_filter(
				$rows,
				static function ( $row ) use ( $exclude ) {
					return ! in_array( $row->meta_key, $exclude, true );
				}
			)
		);
	}

	public function add_meta( WC_Data $order, $meta ) {
		global $wpdb;
		$wpdb->insert(
			$this->meta_table(),
			array(
				$this->meta_object_column() => $order->get_id(),
				'meta_key'                  => $meta->key,
				'meta_value'                => maybe_serialize( $meta->value ),
			)
		);
		return (int) $wpdb->insert_id;
	}

	public function update_meta( WC_Data $order, $meta ) {
		global $wpdb;
		$id_col = $this->uses_custom_tables() ? 'id' : 'meta_id';
		$wpdb->update(
			$this->meta_table(),
			array(
				'meta_key'   => $meta->key,
				'meta_value' => maybe_serialize( $meta->value ),
			),
			array( $id_col => (int) $meta->id )
		);
	}

	public function delete_meta( WC_Data $order, $meta ) {
		global $wpdb;
		$id_col = $this->uses_custom_tables() ? 'id' : 'meta_id';
		$wpdb->delete( $this->meta_table(), array( $id_col => (int) $meta->id ) );
	}

	/* ---------------------------------------------------------------
	 * Direct flags
	 * ------------------------------------------------------------ */

	protected function order_id_of( $order ): int {
		return $order instanceof WC_Abstract_Order ? $order->get_id() : absint( $order );
	}

	protected function read_flag( $order, string $prop ): bool {
		$id     = $this->order_id_of( $order );
		$entry  = WC_Double_Order_Stores::prop_map( 'shop_order' )[ $prop ];
		$record = $this->load_record( $id, 'shop_order' );
		return $record ? (bool) $this->from_storage( $record[ $this->col( $entry ) ] ?? null, 'bool', $this->col( $entry ) ) : false;
	}

	protected function write_flag( $order, string $prop, bool $set ): void {
		$id       = $this->order_id_of( $order );
		$entry    = WC_Double_Order_Stores::prop_map( 'shop_order' )[ $prop ];
		$location = $this->col( $entry );
		$this->write_raw( $id, array( $location => $this->to_storage( $set, 'bool', $location ) ) );
		if ( $order instanceof WC_Order ) {
			$setter = 'set_' . $prop;
			$read   = $order->get_object_read();
			$order->set_object_read( false );
			$order->{$setter}( $set );
			$order->set_object_read( $read );
		}
	}

	abstract protected function write_raw( int $id, array $values ): void;

	public function get_stock_reduced( $order ) {
		return $this->read_flag( $order, 'order_stock_reduced' );
	}

	public function set_stock_reduced( $order, $set ) {
		$this->write_flag( $order, 'order_stock_reduced', (bool) $set );
	}

	public function get_recorded_sales( $order ) {
		return $this->read_flag( $order, 'recorded_sales' );
	}

	public function set_recorded_sales( $order, $set ) {
		$this->write_flag( $order, 'recorded_sales', (bool) $set );
	}

	public function get_recorded_coupon_usage_counts( $order ) {
		return $this->read_flag( $order, 'recorded_coupon_usage_counts' );
	}

	public function set_recorded_coupon_usage_counts( $order, $set ) {
		$this->write_flag( $order, 'recorded_coupon_usage_counts', (bool) $set );
	}

	public function get_download_permissions_granted( $order ) {
		return $this->read_flag( $order, 'download_permissions_granted' );
	}

	public function set_download_permissions_granted( $order, $set ) {
		$this->write_flag( $order, 'download_permissions_granted', (bool) $set );
	}

	/* ---------------------------------------------------------------
	 * Lookups
	 * ------------------------------------------------------------ */

	public function get_total_refunded( $order ) {
		global $wpdb;
		$id    = $this->order_id_of( $order );
		$total = $wpdb->get_var(
			$wpdb->prepare(
				"SELECT SUM( m.meta_value ) FROM {$this->meta_table()} m INNER JOIN ( " . $this->children_sql( 'shop_order_refund' ) . " ) r ON r.id = m.{$this->meta_object_column()} WHERE m.meta_key = '_refund_amount'",
				$id
			)
		);
		return (float) $total;
	}

	/**
	 * SQL selecting `id` of children of one type; takes the parent ID as %d.
	 */
	abstract protected function children_sql( string $type ): string;

	abstract public function get_unpaid_orders( $date );

	abstract public function get_order_type( $order_id );

	public function get_order_id_by_order_key( $order_key ) {
		$ids = $this->query(
			array(
				'order_key' => $order_key,
				'limit'     => 1,
				'return'    => 'ids',
				'status'    => 'any',
			)
		);
		return $ids ? (int) $ids[0] : 0;
	}

	public function read_items( $order, $type ) {
		return ( new WC_Order_Item_Data_Store() )->read_items_for_order( $this->order_id_of( $order ), array( $type ) );
	}

	/* ---------------------------------------------------------------
	 * Query (wc_get_orders)
	 * ------------------------------------------------------------ */

	/**
	 * @return array{0:string,1:string} [ FROM clause with alias "o" ..., id column ]
	 */
	abstract protected function query_from(): array;

	/**
	 * SQL expression for a prop; may add joins.
	 *
	 * @param array<string,string> $joins Joins by alias.
	 */
	abstract protected function prop_sql( string $location, array &$joins ): string;

	abstract protected function type_sql(): string;

	protected function meta_condition( array $clause ): string {
		global $wpdb;
		$key     = (string) ( $clause['key'] ?? '' );
		$compare = strtoupper( (string) ( $clause['compare'] ?? ( isset( $clause['value'] ) && is_array( $clause['value'] ) ? 'IN' : '=' ) ) );
		$type    = strtoupper( (string) ( $clause['type'] ?? 'CHAR' ) );
		list( , $id_col ) = $this->query_from();
		$table   = $this->meta_table();
		$col     = $this->meta_object_column();
		$base    = "SELECT 1 FROM $table mq WHERE mq.$col = o.$id_col" . ( '' !== $key ? $wpdb->prepare( ' AND mq.meta_key = %s', $key ) : '' );
		if ( 'EXISTS' === $compare || ( ! array_key_exists( 'value', $clause ) && 'NOT EXISTS' !== $compare ) ) {
			return "EXISTS ($base)";
		}
		if ( 'NOT EXISTS' === $compare ) {
			return "NOT EXISTS ($base)";
		}
		$field = in_array( $type, array( 'NUMERIC', 'DECIMAL', 'SIGNED', 'UNSIGNED' ), true ) ? 'CAST(mq.meta_value AS DECIMAL(26,8))' : 'mq.meta_value';
		$value = $clause['value'];
		$neg   = in_array( $compare, array( '!=', 'NOT IN', 'NOT LIKE', 'NOT BETWEEN' ), true );
		$pos   = array( '!=' => '=', 'NOT IN' => 'IN', 'NOT LIKE' => 'LIKE', 'NOT BETWEEN' => 'BETWEEN' )[ $compare ] ?? $compare;
		switch ( $pos ) {
			case 'IN':
				$values = array_map( static fn( $v ) => $wpdb->prepare( '%s', $v ), (array) $value );
				$cond   = "$field IN (" . implode( ',', $values ?: array( "''" ) ) . ')';
				break;
			case 'BETWEEN':
				$v    = array_values( (array) $value );
				$cond = $wpdb->prepare( "$field BETWEEN %s AND %s", $v[0] ?? '', $v[1] ?? '' );
				break;
			case 'LIKE':
				$cond = $wpdb->prepare( "$field LIKE %s", '%' . $wpdb->esc_like( (string) $value ) . '%' );
				break;
			case '>':
			case '>=':
			case '<':
			case '<=':
			case '=':
				$cond = $wpdb->prepare( "$field $pos %s", is_array( $value ) ? reset( $value ) : $value );
				break;
			default:
				$cond = $wpdb->prepare( "$field = %s", is_array( $value ) ? reset( $value ) : $value );
		}
		return ( $neg ? 'NOT ' : '' ) . "EXISTS ($base AND $cond)";
	}

	protected function meta_query_sql( array $meta_query ): string {
		$relation = strtoupper( (string) ( $meta_query['relation'] ?? 'AND' ) ) === 'OR' ? 'OR' : 'AND';
		$parts    = array();
		foreach ( $meta_query as $k => $clause ) {
			if ( 'relation' === $k || ! is_array( $clause ) ) {
				continue;
			}
			if ( isset( $clause['key'] ) || isset( $clause['value'] ) ) {
				$parts[] = $this->meta_condition( $clause );
			} else {
				$nested = $this->meta_query_sql( $clause );
				if ( '' !== $nested ) {
					$parts[] = $nested;
				}
			}
		}
		return $parts ? '(' . implode( " $relation ", $parts ) . ')' : '';
	}

	/**
	 * WooCommerce date query: "YYYY-MM-DD", ">…", ">=…", "<…", "<=…", "a...b", timestamps.
	 */
	protected function date_condition( string $expr, $value ): string {
		global $wpdb;
		if ( $value instanceof DateTimeInterface ) {
			$value = $value->getTimestamp();
		}
		$value = trim( (string) $value );
		if ( false !== strpos( $value, '...' ) ) {
			list( $a, $b ) = explode( '...', $value, 2 );
			list( $start ) = $this->date_bounds( $a );
			list( , $end ) = $this->date_bounds( $b );
			return $wpdb->prepare( "($expr >= %s AND $expr <= %s)", $start, $end );
		}
		if ( preg_match( '/^(>=|<=|>|<)(.*)$/', $value, $m ) ) {
			list( $start, $end ) = $this->date_bounds( $m[2] );
			switch ( $m[1] ) {
				case '>':
					return $wpdb->prepare( "$expr > %s", $end );
				case '>=':
					return $wpdb->prepare( "$expr >= %s", $start );
				case '<':
					return $wpdb->prepare( "$expr < %s", $start );
				default:
					return $wpdb->prepare( "$expr <= %s", $end );
			}
		}
		list( $start, $end ) = $this->date_bounds( $value );
		return $wpdb->prepare( "($expr >= %s AND $expr <= %s)", $start, $end );
	}

	/**
	 * @return array{0:string,1:string} GMT 'Y-m-d H:i:s' bounds.
	 */
	protected function date_bounds( string $value ): array {
		$value = trim( $value );
		if ( is_numeric( $value ) ) {
			$s = gmdate( 'Y-m-d H:i:s', (int) $value );
			return array( $s, $s );
		}
		$dt = date_create( $value, wp_timezone() );
		if ( ! $dt ) {
			return array( '1970-01-01 00:00:00', '1970-01-01 00:00:00' );
		}
		if ( preg_match( '/^\d{4}-\d{2}-\d{2}$/', $value ) ) {
			$start = ( clone $dt )->setTime( 0, 0, 0 );
			$end   = ( clone $dt )->setTime( 23, 59, 59 );
		} else {
			$start = $dt;
			$end   = clone $dt;
		}
		$utc = new DateTimeZone( 'UTC' );
		return array( $start->setTimezone( $utc )->format( 'Y-m-d H:i:s' ), $end->setTimezone( $utc )->format( 'Y-m-d H:i:s' ) );
	}

	/**
	 * Runs a wc_get_orders() query.
	 *
	 * @return array|object IDs, objects, or {orders,total,max_num_pages} with paginate.
	 */
	public function query( $query_vars ) {
		global $wpdb;
		$defaults = array(
			'status'   => array_keys( wc_get_order_statuses() ),
			'type'     => wc_get_order_types( 'view-orders' ),
			'limit'    => (int) get_option( 'posts_per_page', 10 ),
			'page'     => 1,
			'offset'   => '',
			'paginate' => false,
			'order'    => 'DESC',
			'orderby'  => 'date',
			'return'   => 'objects',
		);
		$q        = wp_parse_args( $query_vars, $defaults );
		if ( isset( $q['paged'] ) ) {
			$q['page'] = $q['paged'];
		}
		if ( isset( $q['post_status'] ) ) {
			$q['status'] = $q['post_status'];
		}
		if ( isset( $q['posts_per_page'] ) ) {
			$q['limit'] = $q['posts_per_page'];
		}
		list( $from, $id_col ) = $this->query_from();
		$joins                 = array();
		$where                 = array();
		$map                   = WC_Double_Order_Stores::prop_map( 'shop_order' ) + WC_Double_Order_Stores::prop_map( 'shop_order_refund' );

		$types   = array_filter( (array) $q['type'] );
		$where[] = $this->type_sql() . ' IN (' . implode( ',', array_map( static fn( $t ) => $wpdb->prepare( '%s', $t ), $types ?: array( 'shop_order' ) ) ) . ')';

		$statuses = (array) $q['status'];
		if ( ! in_array( 'any', $statuses, true ) && ! in_array( 'all', $statuses, true ) ) {
			$statuses = array_map(
				static function ( $s ) {
					$s = (string) $s;
					return ( 0 === strpos( $s, 'wc-' ) || in_array( $s, array( 'trash', 'draft', 'auto-draft' ), true ) ) ? $s : 'wc-' . $s;
				},
				$statuses
			);
			if ( in_array( 'shop_order_refund', $types, true ) && ! in_array( 'wc-completed', $statuses, true ) && 1 === count( $types ) ) {
				$statuses[] = 'wc-completed';
			}
			$status_expr = $this->prop_sql( $this->col( $map['status'] ), $joins );
			$where[]     = $status_expr . ' IN (' . implode( ',', array_map( static fn( $s ) => $wpdb->prepare( '%s', $s ), $statuses ) ) . ')';
		} else {
			$status_expr = $this->prop_sql( $this->col( $map['status'] ), $joins );
			$where[]     = "$status_expr NOT IN ('trash','auto-draft')";
		}

		$simple = array(
			'parent'               => 'parent_id',
			'parent_id'            => 'parent_id',
			'payment_method'       => 'payment_method',
			'payment_method_title' => 'payment_method_title',
			'currency'             => 'currency',
			'customer_id'          => 'customer_id',
			'billing_email'        => 'billing_email',
			'transaction_id'       => 'transaction_id',
			'created_via'          => 'created_via',
			'order_key'            => 'order_key',
			'cart_hash'            => 'cart_hash',
			'version'              => 'version',
			'customer_ip_address'  => 'customer_ip_address',
		);
		foreach ( $simple as $arg => $prop ) {
			if ( ! isset( $q[ $arg ] ) || '' === $q[ $arg ] ) {
				continue;
			}
			$expr    = $this->prop_sql( $this->col( $map[ $prop ] ), $joins );
			$values  = (array) $q[ $arg ];
			$where[] = $expr . ' IN (' . implode( ',', array_map( static fn( $v ) => $wpdb->prepare( '%s', $v ), $values ) ) . ')';
		}
		if ( isset( $q['customer'] ) && '' !== $q['customer'] ) {
			$ors = array();
			foreach ( (array) $q['customer'] as $customer ) {
				if ( is_numeric( $customer ) ) {
					$ors[] = $wpdb->prepare( $this->prop_sql( $this->col( $map['customer_id'] ), $joins ) . ' = %s', $customer );
				} else {
					$ors[] = $wpdb->prepare( $this->prop_sql( $this->col( $map['billing_email'] ), $joins ) . ' = %s', $customer );
				}
			}
			$where[] = '(' . implode( ' OR ', $ors ) . ')';
		}
		if ( ! empty( $q['exclude'] ) ) {
			$where[] = "o.$id_col NOT IN (" . implode( ',', wp_parse_id_list( $q['exclude'] ) ) . ')';
		}
		if ( ! empty( $q['include'] ) || ! empty( $q['post__in'] ) ) {
			$where[] = "o.$id_col IN (" . implode( ',', wp_parse_id_list( $q['include'] ?? $q['post__in'] ) ) . ')';
		}
		foreach ( array( 'date_created', 'date_modified', 'date_paid', 'date_completed' ) as $date_arg ) {
			if ( isset( $q[ $date_arg ] ) && '' !== $q[ $date_arg ] ) {
				$location = $this->col( $map[ $date_arg ] );
				$expr     = $this->prop_sql( $location, $joins );
				if ( 0 === strpos( $location, 'meta:' ) ) {
					$expr = "FROM_UNIXTIME($expr)";
				}
				$where[] = $this->date_condition( $expr, $q[ $date_arg ] );
			}
		}
		if ( isset( $q['meta_key'] ) ) {
			$clause = array( 'key' => $q['meta_key'] );
			if ( isset( $q['meta_value'] ) ) {
				$clause['value'] = $q['meta_value'];
			}
			if ( isset( $q['meta_compare'] ) ) {
				$clause['compare'] = $q['meta_compare'];
			}
			$where[] = $this->meta_condition( $clause );
		}
		if ( ! empty( $q['meta_query'] ) && is_array( $q['meta_query'] ) ) {
			$sql = $this->meta_query_sql( $q['meta_query'] );
			if ( '' !== $sql ) {
				$where[] = $sql;
			}
		}

		$order   = 'ASC' === strtoupper( (string) $q['order'] ) ? 'ASC' : 'DESC';
		$orderby = strtolower( (string) $q['orderby'] );
		switch ( $orderby ) {
			case 'id':
			case 'ids':
				$order_sql = "o.$id_col $order";
				break;
			case 'modified':
			case 'date_modified':
				$order_sql = $this->prop_sql( $this->col( $map['date_modified'] ), $joins ) . " $order, o.$id_col $order";
				break;
			case 'none':
				$order_sql = "o.$id_col ASC";
				break;
			case 'rand':
				$order_sql = 'RAND()';
				break;
			default:
				$order_sql = $this->prop_sql( $this->col( $map['date_created'] ), $joins ) . " $order, o.$id_col $order";
		}

		$limit  = (int) $q['limit'];
		$offset = '' !== $q['offset'] ? (int) $q['offset'] : max( 0, ( (int) $q['page'] - 1 ) * max( 0, $limit ) );
		$sql    = "SELECT DISTINCT o.$id_col FROM $from " . implode( ' ', $joins ) . ' WHERE ' . implode( ' AND ', $where ) . " ORDER BY $order_sql";
		$count  = null;
		if ( $q['paginate'] ) {
			$count = (int) $wpdb->get_var( "SELECT COUNT(DISTINCT o.$id_col) FROM $from " . implode( ' ', $joins ) . ' WHERE ' . implode( ' AND ', $where ) );
		}
		if ( $limit > 0 ) {
			$sql .= ' LIMIT ' . $offset . ', ' . $limit;
		}
		$ids = array_map( 'intval', (array) $wpdb->get_col( $sql ) );
		if ( 'ids' === $q['return'] ) {
			$results = $ids;
		} else {
			$results = array_values( array_filter( array_map( 'wc_get_order', $ids ) ) );
		}
		if ( $q['paginate'] ) {
			return (object) array(
				'orders'        => $results,
				'total'         => $count,
				'max_num_pages' => $limit > 0 ? (int) ceil( $count / $limit ) : 1,
			);
		}
		return $results;
	}
}
