<?php
/**
 * Test double: the WordPress Metadata API (wp-includes/meta.php).
 *
 * Modelled on WordPress 6.1 for meta types post, user, comment and
 * WooCommerce's order_item: the get_/add_/update_/delete_{$type}_metadata
 * short-circuit filters, the add_/update_/updated_/delete_/deleted_{$type}_meta
 * actions, wp_unslash() of keys and values on write (a backslash in a value is
 * lost, as in WordPress), maybe_serialize() storage, update_metadata()
 * returning false when the single stored value is identical and falling back
 * to add_metadata() when none exists, get_metadata() returning '' / array()
 * for missing keys. Difference: no per-request meta cache — every read goes
 * to the database. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

/**
 * @return array{table:string, column:string, id_column:string}|false
 */
function _get_meta_table_info( string $meta_type ) {
	global $wpdb;
	switch ( $meta_type ) {
		case 'post':
			return array( 'table' => $wpdb->postmeta, 'column' => 'post_id', 'id_column' => 'meta_id' );
		case 'user':
			return array( 'table' => $wpdb->usermeta, 'column' => 'user_id', 'id_column' => 'umeta_id' );
		case 'comment':
			return array( 'table' => $wpdb->commentmeta, 'column' => 'comment_id', 'id_column' => 'meta_id' );
		case 'order_item':
			return array( 'table' => $wpdb->prefix . 'woocommerce_order_itemmeta', 'column' => 'order_item_id', 'id_column' => 'meta_id' );
	}
	return false;
}

function _get_meta_table( $type ) {
	$info = _get_meta_table_info( (string) $type );
	return $info ? $info['table'] : false;
}

/**
 * Raw rows (meta_id, meta_key, meta_value) of one object.
 */
function _wc_double_meta_rows( string $meta_type, int $object_id, string $meta_key = '' ): array {
	global $wpdb;
	$info = _get_meta_table_info( $meta_type );
	if ( ! $info || $object_id <= 0 ) {
		return array();
	}
	$sql = "SELECT {$info['id_column']} AS meta_id, meta_key, meta_value FROM {$info['table']} WHERE {$info['column']} = %d";
	if ( '' !== $meta_key ) {
		$sql .= ' AND meta_key = %s';
		$sql  = $wpdb->prepare( $sql . " ORDER BY {$info['id_column']} ASC", $object_id, $meta_key );
	} else {
		$sql = $wpdb->prepare( $sql . " ORDER BY {$info['id_column']} ASC", $object_id );
	}
	return (array) $wpdb->get_results( $sql );
}

function get_metadata_raw( $meta_type, $object_id, $meta_key = '', $single = false ) {
	$object_id = absint( $object_id );
	if ( ! $meta_type || ! $object_id ) {
		return false;
	}
	$check = apply_filters( "get_{$meta_type}_metadata", null, $object_id, $meta_key, $single, $meta_type );
	if ( null !== $check ) {
		if ( $single && is_array( $check ) ) {
			return $check[0];
		}
		return $check;
	}
	$rows = _wc_double_meta_rows( (string) $meta_type, $object_id, (string) $meta_key );
	if ( ! $meta_key ) {
		$all = array();
		foreach ( $rows as $row ) {
			$all[ $row->meta_key ][] = $row->meta_value;
		}
		return $all;
	}
	if ( ! $rows ) {
		return null;
	}
	if ( $single ) {
		return maybe_unserialize( $rows[0]->meta_value );
	}
	return array_map(
		static function ( $row ) {
			return maybe_unserialize( $row->meta_value );
		},
		$rows
	);
}

function get_metadata_default( $meta_type, $object_id, $meta_key, $single = false ) {
	$value = $single ? '' : array();
	return apply_filters( "default_{$meta_type}_metadata", $value, $object_id, $meta_key, $single, $meta_type );
}

function get_metadata( $meta_type, $object_id, $meta_key = '', $single = false ) {
	$value = get_metadata_raw( $meta_type, $object_id, $meta_key, $single );
	if ( null !== $value ) {
		return $value;
	}
	return get_metadata_default( $meta_type, $object_id, $meta_key, $single );
}

function metadata_exists( $meta_type, $object_id, $meta_key ) {
	$object_id = absint( $object_id );
	if ( ! $meta_type || ! $object_id ) {
		return false;
	}
	$check = apply_filters( "get_{$meta_type}_metadata", null, $object_id, $meta_key, true, $meta_type );
	if ( null !== $check ) {
		return (bool) $check;
	}
	return (bool) _wc_double_meta_rows( (string) $meta_type, $object_id, (string) $meta_key );
}

function add_metadata( $meta_type, $object_id, $meta_key, $meta_value, $unique = false ) {
	global $wpdb;
	$info      = _get_meta_table_info( (string) $meta_type );
	$object_id = absint( $object_id );
	if ( ! $info || ! $meta_key || ! $object_id ) {
		return false;
	}
	$meta_key   = wp_unslash( $meta_key );
	$meta_value = wp_unslash( $meta_value );
	$check      = apply_filters( "add_{$meta_type}_metadata", null, $object_id, $meta_key, $meta_value, $unique );
	if ( null !== $check ) {
		return $check;
	}
	if ( $unique && _wc_double_meta_rows( (string) $meta_type, $object_id, (string) $meta_key ) ) {
		return false;
	}
	$_meta_value = $meta_value;
	$meta_value  = maybe_serialize( $meta_value );
	do_action( "add_{$meta_type}_meta", $object_id, $meta_key, $_meta_value );
	$result = $wpdb->insert(
		$info['table'],
		array(
			$info['column'] => $object_id,
			'meta_key'      => $meta_key,
			'meta_value'    => $meta_value,
		)
	);
	if ( ! $result ) {
		return false;
	}
	$mid = (int) $wpdb->insert_id;
	do_action( "added_{$meta_type}_meta", $mid, $object_id, $meta_key, $_meta_value );
	return $mid;
}

function update_metadata( $meta_type, $object_id, $meta_key, $meta_value, $prev_value = '' ) {
	global $wpdb;
	$info      = _get_meta_table_info( (string) $meta_type );
	$object_id = absint( $object_id );
	if ( ! $info || ! $meta_key || ! $object_id ) {
		return false;
	}
	$raw_key    = $meta_key;
	$passed     = $meta_value;
	$meta_key   = wp_unslash( $meta_key );
	$meta_value = wp_unslash( $meta_value );
	$check      = apply_filters( "update_{$meta_type}_metadata", null, $object_id, $meta_key, $meta_value, $prev_value );
	if ( null !== $check ) {
		return (bool) $check;
	}
	$rows = _wc_double_meta_rows( (string) $meta_type, $object_id, (string) $meta_key );
	if ( empty( $prev_value ) && 1 === count( $rows ) && maybe_unserialize( $rows[0]->meta_value ) === $meta_value ) {
		return false;
	}
	if ( ! $rows ) {
		// WordPress returns the new meta ID here (add_metadata() unslashes again).
		return add_metadata( $meta_type, $object_id, $raw_key, $passed );
	}
	$_meta_value = $meta_value;
	$meta_value  = maybe_serialize( $meta_value );
	$where       = array(
		$info['column'] => $object_id,
		'meta_key'      => $meta_key,
	);
	if ( ! empty( $prev_value ) ) {
		$where['meta_value'] = maybe_serialize( $prev_value );
	}
	foreach ( $rows as $row ) {
		do_action( "update_{$meta_type}_meta", (int) $row->meta_id, $object_id, $meta_key, $_meta_value );
	}
	$result = $wpdb->update( $info['table'], array( 'meta_value' => $meta_value ), $where );
	if ( ! $result ) {
		return false;
	}
	foreach ( $rows as $row ) {
		do_action( "updated_{$meta_type}_meta", (int) $row->meta_id, $object_id, $meta_key, $_meta_value );
	}
	return true;
}

function delete_metadata( $meta_type, $object_id, $meta_key, $meta_value = '', $delete_all = false ) {
	global $wpdb;
	$info      = _get_meta_table_info( (string) $meta_type );
	$object_id = absint( $object_id );
	if ( ! $info || ! $meta_key || ( ! $object_id && ! $delete_all ) ) {
		return false;
	}
	$meta_key   = wp_unslash( $meta_key );
	$meta_value = wp_unslash( $meta_value );
	$check      = apply_filters( "delete_{$meta_type}_metadata", null, $object_id, $meta_key, $meta_value, $delete_all );
	if ( null !== $check ) {
		return (bool) $check;
	}
	$sql  = "SELECT {$info['id_column']} FROM {$info['table']} WHERE meta_key = %s";
	$args = array( $meta_key );
	if ( ! $delete_all ) {
		$sql   .= " AND {$info['column']} = %d";
		$args[] = $object_id;
	}
	if ( '' !== $meta_value && null !== $meta_value && false !== $meta_value ) {
		$sql   .= ' AND meta_value = %s';
		$args[] = maybe_serialize( $meta_value );
	}
	$ids = $wpdb->get_col( $wpdb->prepare( $sql, $args ) );
	if ( ! $ids ) {
		return false;
	}
	do_action( "delete_{$meta_type}_meta", $ids, $object_id, $meta_key, $meta_value );
	$count = $wpdb->query( "DELETE FROM {$info['table']} WHERE {$info['id_column']} IN (" . implode( ',', array_map( 'intval', $ids ) ) . ')' );
	if ( ! $count ) {
		return false;
	}
	do_action( "deleted_{$meta_type}_meta", $ids, $object_id, $meta_key, $meta_value );
	return true;
}

function get_metadata_by_mid( $meta_type, $meta_id ) {
	global $wpdb;
	$info = _get_meta_table_info( (string) $meta_type );
	if ( ! $info ) {
		return false;
	}
	$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$info['table']} WHERE {$info['id_column']} = %d", (int) $meta_id ) );
	if ( ! $row ) {
		return false;
	}
	if ( isset( $row->meta_value ) ) {
		$row->meta_value = maybe_unserialize( $row->meta_value );
	}
	return $row;
}

function delete_metadata_by_mid( $meta_type, $meta_id ) {
	global $wpdb;
	$info = _get_meta_table_info( (string) $meta_type );
	if ( ! $info ) {
		return false;
	}
	return (bool) $wpdb->delete( $info['table'], array( $info['id_column'] => (int) $meta_id ) );
}

function update_metadata_by_mid( $meta_type, $meta_id, $meta_value, $meta_key = false ) {
	global $wpdb;
	$info = _get_meta_table_info( (string) $meta_type );
	if ( ! $info ) {
		return false;
	}
	$data = array( 'meta_value' => maybe_serialize( wp_unslash( $meta_value ) ) );
	if ( false !== $meta_key ) {
		$data['meta_key'] = $meta_key;
	}
	return false !== $wpdb->update( $info['table'], $data, array( $info['id_column'] => (int) $meta_id ) );
}
