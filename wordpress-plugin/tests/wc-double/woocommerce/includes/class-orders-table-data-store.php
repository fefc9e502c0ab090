<?php
/**
 * Test double: WooCommerce 7.9's custom order tables ("HPOS on").
 *
 * Modelled on WooCommerce 7.9 src/Internal/DataStores/Orders/OrdersTableDataStore.php
 * (class name and namespace kept): {prefix}wc_orders, wc_order_addresses,
 * wc_order_operational_data, wc_orders_meta; each order ID is reserved by a
 * placeholder post (post_type shop_order_placehold, made with
 * wp_insert_post()), and nothing is synchronised to posts (compatibility
 * mode off). Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

namespace Automattic\WooCommerce\Internal\DataStores\Orders;

/**
 * The HPOS store (WooCommerce's class name and namespace): wc_orders,
 * wc_order_addresses, wc_order_operational_data, wc_orders_meta.
 */
class OrdersTableDataStore extends \WC_Double_Order_Store_Base {

	public function uses_custom_tables(): bool {
		return true;
	}

	public static function get_orders_table_name() {
		global $wpdb;
		return $wpdb->prefix . 'wc_orders';
	}

	public static function get_addresses_table_name() {
		global $wpdb;
		return $wpdb->prefix . 'wc_order_addresses';
	}

	public static function get_operational_data_table_name() {
		global $wpdb;
		return $wpdb->prefix . 'wc_order_operational_data';
	}

	public static function get_meta_table_name() {
		global $wpdb;
		return $wpdb->prefix . 'wc_orders_meta';
	}

	protected function meta_table(): string {
		return self::get_meta_table_name();
	}

	protected function meta_object_column(): string {
		return 'order_id';
	}

	protected function insert_record( \WC_Abstract_Order $order ): int {
		global $wpdb;
		$created = $order->get_date_created( 'edit' );
		$ts      = $created ? $created->getTimestamp() : iotpay_test_now();
		$gmt     = gmdate( 'Y-m-d H:i:s', $ts );
		// WooCommerce reserves the ID with a placeholder post when posts are not kept in sync.
		$id = wp_insert_post(
			array(
				'post_author'    => 1,
				'post_date'      => get_date_from_gmt( $gmt ),
				'post_date_gmt'  => $gmt,
				'post_status'    => 'draft',
				'post_type'      => 'shop_order_placehold',
				'post_parent'    => (int) $order->get_parent_id( 'edit' ),
				'ping_status'    => 'closed',
				'comment_status' => 'closed',
			),
			true
		);
		if ( is_wp_error( $id ) || ! $id ) {
			throw new \Exception( 'Could not create the order placeholder: ' . ( is_wp_error( $id ) ? $id->get_error_message() : '' ) );
		}
		$id = (int) $id;
		\WC_Double_Observations::forget_order_post( $id );
		$wpdb->insert(
			self::get_orders_table_name(),
			array(
				'id'               => $id,
				'type'             => $order->get_type(),
				'status'           => 'wc-pending',
				'date_created_gmt' => $gmt,
				'date_updated_gmt' => $gmt,
			)
		);
		$wpdb->insert( self::get_operational_data_table_name(), array( 'order_id' => $id ) );
		return $id;
	}

	protected function load_record( int $id, string $type ): ?array {
		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM ' . self::get_orders_table_name() . ' WHERE id = %d AND type = %s', $id, $type ), ARRAY_A );
		if ( ! $row ) {
			return null;
		}
		$record = array();
		foreach ( $row as $column => $value ) {
			$record[ 'orders:' . $column ] = $value;
		}
		$op = $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM ' . self::get_operational_data_table_name() . ' WHERE order_id = %d', $id ), ARRAY_A );
		foreach ( (array) $op as $column => $value ) {
			$record[ 'op:' . $column ] = $value;
		}
		foreach ( (array) $wpdb->get_results( $wpdb->prepare( 'SELECT * FROM ' . self::get_addresses_table_name() . ' WHERE order_id = %d', $id ), ARRAY_A ) as $address ) {
			foreach ( $address as $column => $value ) {
				$record[ 'addr:' . $address['address_type'] . ':' . $column ] = $value;
			}
		}
		foreach ( (array) $wpdb->get_results( $wpdb->prepare( 'SELECT meta_key, meta_value FROM ' . self::get_meta_table_name() . ' WHERE order_id = %d ORDER BY id', $id ) ) as $meta ) {
			if ( ! isset( $record[ 'meta:' . $meta->meta_key ] ) ) {
				$record[ 'meta:' . $meta->meta_key ] = $meta->meta_value;
			}
		}
		return $record;
	}

	protected function write_values( \WC_Abstract_Order $order, array $values ): void {
		$this->write_raw( $order->get_id(), $values );
	}

	protected function write_raw( int $id, array $values ): void {
		global $wpdb;
		$orders    = array();
		$op        = array();
		$addresses = array();
		foreach ( $values as $location => $value ) {
			$parts = explode( ':', $location, 3 );
			switch ( $parts[0] ) {
				case 'orders':
					$orders[ $parts[1] ] = $value;
					break;
				case 'op':
					$op[ $parts[1] ] = $value;
					break;
				case 'addr':
					$addresses[ $parts[1] ][ $parts[2] ] = $value;
					break;
				case 'meta':
					$this->write_order_meta( $id, $parts[1], $value );
					break;
			}
		}
		if ( $orders ) {
			$wpdb->update( self::get_orders_table_name(), $orders, array( 'id' => $id ) );
		}
		if ( $op ) {
			$exists = $wpdb->get_var( $wpdb->prepare( 'SELECT id FROM ' . self::get_operational_data_table_name() . ' WHERE order_id = %d', $id ) );
			if ( ! $exists ) {
				$wpdb->insert( self::get_operational_data_table_name(), array( 'order_id' => $id ) );
			}
			$wpdb->update( self::get_operational_data_table_name(), $op, array( 'order_id' => $id ) );
		}
		foreach ( $addresses as $type => $fields ) {
			$exists = $wpdb->get_var( $wpdb->prepare( 'SELECT id FROM ' . self::get_addresses_table_name() . ' WHERE order_id = %d AND address_type = %s', $id, $type ) );
			if ( ! $exists ) {
				$wpdb->insert(
					self::get_addresses_table_name(),
					array(
						'order_id'     => $id,
						'address_type' => $type,
					)
				);
			}
			$wpdb->update(
				self::get_addresses_table_name(),
				$fields,
				array(
					'order_id'     => $id,
					'address_type' => $type,
				)
			);
		}
	}

	protected function write_order_meta( int $id, string $key, $value ): void {
		global $wpdb;
		$table    = self::get_meta_table_name();
		$existing = $wpdb->get_var( $wpdb->prepare( "SELECT id FROM $table WHERE order_id = %d AND meta_key = %s LIMIT 1", $id, $key ) );
		if ( $existing ) {
			$wpdb->update( $table, array( 'meta_value' => maybe_serialize( $value ) ), array( 'id' => (int) $existing ) );
		} else {
			$wpdb->insert(
				$table,
				array(
					'order_id'   => $id,
					'meta_key'   => $key,
					'meta_value' => maybe_serialize( $value ),
				)
			);
		}
	}

	protected function delete_record( int $id ): void {
		global $wpdb;
		$wpdb->delete( self::get_meta_table_name(), array( 'order_id' => $id ) );
		$wpdb->delete( self::get_addresses_table_name(), array( 'order_id' => $id ) );
		$wpdb->delete( self::get_operational_data_table_name(), array( 'order_id' => $id ) );
		$wpdb->delete( self::get_orders_table_name(), array( 'id' => $id ) );
		wp_delete_post( $id, true );
		wc_get_container()->get( \Automattic\WooCommerce\Caches\OrderCache::class )->remove( $id );
	}

	protected function update_raw_status( int $id, string $status ): void {
		global $wpdb;
		$old = $wpdb->get_var( $wpdb->prepare( 'SELECT status FROM ' . self::get_orders_table_name() . ' WHERE id = %d', $id ) );
		$this->write_order_meta( $id, '_wp_trash_meta_status', (string) $old );
		$this->write_order_meta( $id, '_wp_trash_meta_time', (string) iotpay_test_now() );
		$wpdb->update( self::get_orders_table_name(), array( 'status' => $status ), array( 'id' => $id ) );
	}

	protected function children_sql( string $type ): string {
		return 'SELECT id FROM ' . self::get_orders_table_name() . " WHERE type = '" . esc_sql( $type ) . "' AND parent_order_id = %d";
	}

	public function get_unpaid_orders( $date ) {
		global $wpdb;
		return array_map(
			'intval',
			$wpdb->get_col(
				$wpdb->prepare(
					'SELECT id FROM ' . self::get_orders_table_name() . " WHERE type IN ('" . implode( "','", array_map( 'esc_sql', wc_get_order_types() ) ) . "') AND status = 'wc-pending' AND date_updated_gmt < %s",
					gmdate( 'Y-m-d H:i:s', absint( $date ) )
				)
			)
		);
	}

	public function get_order_type( $order_id ) {
		global $wpdb;
		return $wpdb->get_var( $wpdb->prepare( 'SELECT type FROM ' . self::get_orders_table_name() . ' WHERE id = %d', absint( $order_id ) ) );
	}

	protected function query_from(): array {
		return array( self::get_orders_table_name() . ' o', 'id' );
	}

	protected function type_sql(): string {
		return 'o.type';
	}

	protected function prop_sql( string $location, array &$joins ): string {
		global $wpdb;
		$parts = explode( ':', $location, 3 );
		switch ( $parts[0] ) {
			case 'orders':
				return 'o.' . $parts[1];
			case 'op':
				$joins['op'] = 'LEFT JOIN ' . self::get_operational_data_table_name() . ' op ON op.order_id = o.id';
				return 'op.' . $parts[1];
			case 'addr':
				$alias           = 'addr_' . $parts[1];
				$joins[ $alias ] = $wpdb->prepare( 'LEFT JOIN ' . self::get_addresses_table_name() . " $alias ON $alias.order_id = o.id AND $alias.address_type = %s", $parts[1] );
				return "$alias." . $parts[2];
			default:
				$alias = 'om_' . preg_replace( '/[^a-z0-9_]/i', '', $parts[1] );
				if ( ! isset( $joins[ $alias ] ) ) {
					$joins[ $alias ] = $wpdb->prepare( 'LEFT JOIN ' . self::get_meta_table_name() . " $alias ON $alias.order_id = o.id AND $alias.meta_key = %s", $parts[1] );
				}
				return "$alias.meta_value";
		}
	}
}
