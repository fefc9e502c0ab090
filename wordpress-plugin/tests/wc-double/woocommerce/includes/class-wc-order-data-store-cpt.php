<?php
/**
 * Test double: WooCommerce 7.9's posts order storage ("HPOS off").
 *
 * Modelled on WooCommerce 7.9 includes/data-stores/class-wc-order-data-store-cpt.php
 * and abstract-wc-order-data-store-cpt.php: shop_order / shop_order_refund
 * posts, the status in post_status ("wc-pending"), the customer note in
 * post_excerpt, props in post meta (_order_total, _order_currency,
 * _payment_method, _transaction_id, _billing_email, _order_key, _date_paid as a
 * timestamp, _order_stock_reduced yes/no …), custom meta in {prefix}postmeta.
 * Written through WordPress: wp_insert_post(), post fields by one UPDATE
 * then clean_post_cache() (as WooCommerce does inside save_post),
 * update_post_meta() for props, the metadata API (add_metadata(),
 * update_metadata_by_mid(), delete_metadata_by_mid()) for custom meta,
 * wp_trash_post()/wp_delete_post(). Read as WooCommerce reads it, with
 * get_post() and get_post_meta(): WordPress's object cache serves a second
 * read in the same request (class-wc-order-cache.php). Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

/**
 * The posts store (WooCommerce's class name).
 */
class WC_Order_Data_Store_CPT extends WC_Double_Order_Store_Base {

	public function uses_custom_tables(): bool {
		return false;
	}

	protected function meta_table(): string {
		global $wpdb;
		return $wpdb->postmeta;
	}

	protected function meta_object_column(): string {
		return 'post_id';
	}

	protected function insert_record( WC_Abstract_Order $order ): int {
		$created = $order->get_date_created( 'edit' );
		$ts      = $created ? $created->getTimestamp() : iotpay_test_now();
		$label   = $order instanceof WC_Order_Refund ? __( 'Refund &ndash; %s', 'woocommerce' ) : __( 'Order &ndash; %s', 'woocommerce' );
		$id      = wp_insert_post(
			array(
				'post_author'    => 1,
				'post_date'      => get_date_from_gmt( gmdate( 'Y-m-d H:i:s', $ts ) ),
				'post_date_gmt'  => gmdate( 'Y-m-d H:i:s', $ts ),
				'post_title'     => sprintf( $label, gmdate( 'F j, Y @ h:i A', $ts ) ),
				'post_status'    => 'wc-pending',
				'ping_status'    => 'closed',
				'comment_status' => 'closed',
				'post_password'  => $order instanceof WC_Order ? (string) $order->get_order_key( 'edit' ) : '',
				'post_parent'    => (int) $order->get_parent_id( 'edit' ),
				'post_type'      => $order->get_type(),
			),
			true
		);
		if ( is_wp_error( $id ) || ! $id ) {
			throw new Exception( 'Could not create the order post: ' . ( is_wp_error( $id ) ? $id->get_error_message() : '' ) );
		}
		return (int) $id;
	}

	/**
	 * As WooCommerce reads an order post: get_post() and get_post_meta(), so
	 * WordPress's object cache answers a second read in the same request
	 * with what the first one saw.
	 */
	protected function load_record( int $id, string $type ): ?array {
		$post = get_post( $id );
		if ( ! $post instanceof WP_Post || $post->post_type !== $type ) {
			return null;
		}
		$record = array();
		foreach ( get_object_vars( $post ) as $column => $value ) {
			$record[ 'post:' . $column ] = $value;
		}
		foreach ( (array) get_post_meta( $id ) as $key => $values ) {
			$record[ 'meta:' . $key ] = is_array( $values ) ? ( $values[0] ?? null ) : $values;
		}
		return $record;
	}

	protected function write_values( WC_Abstract_Order $order, array $values ): void {
		$this->write_raw( $order->get_id(), $values );
	}

	/**
	 * Post fields as WooCommerce writes them from inside save_post (one
	 * UPDATE, then clean_post_cache()), props kept in meta with
	 * update_post_meta().
	 */
	protected function write_raw( int $id, array $values ): void {
		global $wpdb;
		$post = array();
		foreach ( $values as $location => $value ) {
			if ( 0 === strpos( $location, 'post:' ) ) {
				$column          = substr( $location, 5 );
				$post[ $column ] = null === $value ? '0000-00-00 00:00:00' : $value;
				if ( 'post_date_gmt' === $column || 'post_modified_gmt' === $column ) {
					$post[ substr( $column, 0, -4 ) ] = null === $value ? '0000-00-00 00:00:00' : get_date_from_gmt( (string) $value );
				}
			} elseif ( 0 === strpos( $location, 'meta:' ) ) {
				$key = substr( $location, 5 );
				$this->write_post_meta( $id, $key, null === $value ? '' : $value );
			}
		}
		if ( $post ) {
			$wpdb->update( $wpdb->posts, $post, array( 'ID' => $id ) );
			clean_post_cache( $id );
		}
	}

	protected function write_post_meta( int $id, string $key, $value ): void {
		update_post_meta( $id, $key, is_string( $value ) ? wp_slash( $value ) : $value );
	}

	/* Custom meta through the metadata API (WC_Data_Store_WP). */

	public function add_meta( WC_Data $order, $meta ) {
		return (int) add_metadata( 'post', $order->get_id(), wp_slash( $meta->key ), is_string( $meta->value ) ? wp_slash( $meta->value ) : $meta->value, false );
	}

	public function update_meta( WC_Data $order, $meta ) {
		update_metadata_by_mid( 'post', (int) $meta->id, $meta->value, $meta->key );
	}

	public function delete_meta( WC_Data $order, $meta ) {
		delete_metadata_by_mid( 'post', (int) $meta->id );
	}

	protected function delete_record( int $id ): void {
		wp_delete_post( $id, true );
	}

	protected function update_raw_status( int $id, string $status ): void {
		wp_trash_post( $id );
	}

	protected function children_sql( string $type ): string {
		global $wpdb;
		return "SELECT ID AS id FROM $wpdb->posts WHERE post_type = '" . esc_sql( $type ) . "' AND post_parent = %d";
	}

	public function get_unpaid_orders( $date ) {
		global $wpdb;
		return array_map(
			'intval',
			$wpdb->get_col(
				$wpdb->prepare(
					"SELECT posts.ID FROM {$wpdb->posts} AS posts WHERE posts.post_type IN ('" . implode( "','", array_map( 'esc_sql', wc_get_order_types() ) ) . "') AND posts.post_status = 'wc-pending' AND posts.post_modified < %s",
					gmdate( 'Y-m-d H:i:s', absint( $date ) )
				)
			)
		);
	}

	public function get_order_type( $order_id ) {
		return get_post_type( absint( $order_id ) );
	}

	protected function query_from(): array {
		global $wpdb;
		return array( "$wpdb->posts o", 'ID' );
	}

	protected function type_sql(): string {
		return 'o.post_type';
	}

	protected function prop_sql( string $location, array &$joins ): string {
		global $wpdb;
		if ( 0 === strpos( $location, 'post:' ) ) {
			return 'o.' . substr( $location, 5 );
		}
		$key   = substr( $location, 5 );
		$alias = 'pm_' . preg_replace( '/[^a-z0-9_]/i', '', $key );
		if ( ! isset( $joins[ $alias ] ) ) {
			$joins[ $alias ] = $wpdb->prepare( "LEFT JOIN $wpdb->postmeta $alias ON $alias.post_id = o.ID AND $alias.meta_key = %s", $key );
		}
		return "$alias.meta_value";
	}
}
