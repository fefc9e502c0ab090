<?php
/**
 * Test double: WooCommerce's CRUD base — WC_Data, WC_Meta_Data,
 * WC_Data_Exception, WC_DateTime.
 *
 * Modelled on WooCommerce 7.9 includes/abstracts/abstract-wc-data.php,
 * class-wc-meta-data.php, class-wc-datetime.php (woocommerce/woocommerce,
 * plugins/woocommerce). Reproduced: props in $data with pending $changes
 * once the object is read (set_prop records a change only when the value
 * differs), get_prop() running the "{hook_prefix}{prop}" filter in the view
 * context, date props as WC_DateTime (timestamps, ISO strings, site
 * timezone), meta handled in memory and written by save_meta_data(),
 * get_meta( $key, $single = true, $context = 'view' ) returning '' when
 * missing (with the "{hook_prefix}meta_{key}"… — see get_meta), internal meta
 * keys redirected to their getters/setters with wc_doing_it_wrong, and
 * set_props() collecting WC_Data_Exception errors into a WP_Error.
 * Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Data_Exception extends Exception {

	protected $error_code;

	protected $error_data;

	public function __construct( $code, $message, $http_status_code = 400, $data = array() ) {
		$this->error_code = $code;
		$this->error_data = array_merge( array( 'status' => $http_status_code ), $data );
		parent::__construct( $message, $http_status_code );
	}

	public function getErrorCode() { // phpcs:ignore
		return $this->error_code;
	}

	public function getErrorData() { // phpcs:ignore
		return $this->error_data;
	}
}

class WC_DateTime extends DateTime {

	protected $utc_offset = 0;

	#[\ReturnTypeWillChange]
	public function __toString() {
		return $this->format( DATE_ATOM );
	}

	public function set_utc_offset( $offset ) {
		$this->utc_offset = intval( $offset );
	}

	public function getOffset(): int {
		return $this->utc_offset ?: parent::getOffset();
	}

	#[\ReturnTypeWillChange]
	public function setTimezone( $timezone ) {
		$this->utc_offset = 0;
		return parent::setTimezone( $timezone );
	}

	#[\ReturnTypeWillChange]
	public function getTimestamp() {
		return method_exists( 'DateTime', 'getTimestamp' ) ? parent::getTimestamp() : $this->format( 'U' );
	}

	public function getOffsetTimestamp() {
		return $this->getTimestamp() + $this->getOffset();
	}

	public function date( $format ) {
		return gmdate( $format, $this->getOffsetTimestamp() );
	}

	public function date_i18n( $format = 'Y-m-d' ) {
		return date_i18n( $format, $this->getOffsetTimestamp() );
	}
}

class WC_Meta_Data implements JsonSerializable {

	protected $current_data;

	protected $data;

	public function __construct( $meta = array() ) {
		$this->current_data = $meta;
		$this->apply_changes();
	}

	#[\ReturnTypeWillChange]
	public function jsonSerialize() {
		return $this->get_data();
	}

	public function apply_changes() {
		$this->data = $this->current_data;
	}

	public function __set( $key, $value ) {
		$this->current_data[ $key ] = $value;
	}

	public function __isset( $key ) {
		return array_key_exists( $key, $this->current_data );
	}

	public function __get( $key ) {
		return $this->current_data[ $key ] ?? null;
	}

	public function get_changes() {
		$changes = array();
		foreach ( $this->current_data as $id => $value ) {
			if ( ! array_key_exists( $id, (array) $this->data ) || $value !== $this->data[ $id ] ) {
				$changes[ $id ] = $value;
			}
		}
		return $changes;
	}

	public function get_data() {
		return $this->current_data;
	}
}

abstract class WC_Data {

	protected $id = 0;

	protected $data = array();

	protected $changes = array();

	protected $object_read = false;

	protected $object_type = 'data';

	protected $extra_data = array();

	protected $default_data = array();

	protected $data_store;

	protected $cache_group = '';

	/**
	 * @var WC_Meta_Data[]|null
	 */
	protected $meta_data = null;

	/**
	 * Meta keys that are props of the object (handled by getters/setters).
	 *
	 * @var string[]
	 */
	protected $internal_meta_keys = array();

	public function __construct( $read = 0 ) {
		$this->data         = array_merge( $this->data, $this->extra_data );
		$this->default_data = $this->data;
	}

	public function __sleep() {
		return array( 'id' );
	}

	public function __wakeup() {
		$id = $this->id;
		$this->__construct( absint( $id ) );
	}

	public function __clone() {
		$this->maybe_read_meta_data();
		if ( ! empty( $this->meta_data ) ) {
			foreach ( $this->meta_data as $i => $meta ) {
				$this->meta_data[ $i ] = clone $meta;
			}
		}
	}

	public function get_data_store() {
		return $this->data_store;
	}

	public function get_id() {
		return (int) $this->id;
	}

	public function set_id( $id ) {
		$this->id = absint( $id );
	}

	public function get_object_type() {
		return $this->object_type;
	}

	public function set_object_read( $read = true ) {
		$this->object_read = (bool) $read;
	}

	public function get_object_read() {
		return (bool) $this->object_read;
	}

	public function set_defaults() {
		$this->data    = $this->default_data;
		$this->changes = array();
		$this->set_object_read( false );
	}

	public function get_data() {
		return array_merge( array( 'id' => $this->get_id() ), $this->data, array( 'meta_data' => $this->get_meta_data() ) );
	}

	public function get_data_keys() {
		return array_keys( $this->data );
	}

	public function get_extra_data_keys() {
		return array_keys( $this->extra_data );
	}

	public function get_changes() {
		return $this->changes;
	}

	public function apply_changes() {
		$this->data    = array_replace_recursive( $this->data, $this->changes );
		$this->changes = array();
	}

	protected function get_hook_prefix() {
		return 'woocommerce_' . $this->object_type . '_get_';
	}

	protected function get_prop( $prop, $context = 'view' ) {
		$value = null;
		if ( array_key_exists( $prop, $this->data ) ) {
			$value = array_key_exists( $prop, $this->changes ) ? $this->changes[ $prop ] : $this->data[ $prop ];
			if ( 'view' === $context ) {
				$value = apply_filters( $this->get_hook_prefix() . $prop, $value, $this );
			}
		}
		return $value;
	}

	protected function set_prop( $prop, $value ) {
		if ( array_key_exists( $prop, $this->data ) ) {
			if ( true === $this->object_read ) {
				if ( $value !== $this->data[ $prop ] || array_key_exists( $prop, $this->changes ) ) {
					$this->changes[ $prop ] = $value;
				}
			} else {
				$this->data[ $prop ] = $value;
			}
		}
	}

	protected function set_date_prop( $prop, $value ) {
		try {
			if ( empty( $value ) || '0000-00-00 00:00:00' === $value ) {
				$this->set_prop( $prop, null );
				return;
			}
			if ( is_a( $value, 'WC_DateTime' ) ) {
				$datetime = $value;
			} elseif ( is_numeric( $value ) ) {
				$datetime = new WC_DateTime( "@{$value}", new DateTimeZone( 'UTC' ) );
			} else {
				if ( 1 === preg_match( '/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|((-|\+)\d{2}:\d{2}))$/', (string) $value ) ) {
					$timestamp = ( new DateTime( (string) $value ) )->getTimestamp();
				} else {
					$timestamp = ( new DateTime( (string) $value, wp_timezone() ) )->getTimestamp();
				}
				$datetime = new WC_DateTime( "@{$timestamp}", new DateTimeZone( 'UTC' ) );
			}
			$datetime->setTimezone( wp_timezone() );
			$this->set_prop( $prop, $datetime );
		} catch ( Exception $e ) {} // phpcs:ignore
	}

	public function set_props( $props, $context = 'set' ) {
		$errors = false;
		foreach ( $props as $prop => $value ) {
			try {
				if ( in_array( $prop, array( 'prop', 'date_prop', 'meta_data' ), true ) ) {
					continue;
				}
				$setter = "set_$prop";
				if ( is_callable( array( $this, $setter ) ) ) {
					$this->{$setter}( $value );
				}
			} catch ( WC_Data_Exception $e ) {
				if ( ! $errors ) {
					$errors = new WP_Error();
				}
				$errors->add( $e->getErrorCode(), $e->getMessage(), array( 'property_name' => $prop ) );
			}
		}
		return $errors && count( $errors->get_error_codes() ) ? $errors : true;
	}

	protected function error( $code, $message, $http_status_code = 400, $data = array() ) {
		throw new WC_Data_Exception( $code, $message, $http_status_code, $data );
	}

	/* -------------------------------------------------------------------------
	 * Meta
	 * ---------------------------------------------------------------------- */

	protected function is_internal_meta_key( $key ) {
		$internal = ! empty( $key ) && in_array( $key, $this->internal_meta_keys, true );
		if ( ! $internal ) {
			return false;
		}
		$has_setter_or_getter = is_callable( array( $this, 'set_' . ltrim( $key, '_' ) ) ) || is_callable( array( $this, 'get_' . ltrim( $key, '_' ) ) );
		if ( ! $has_setter_or_getter ) {
			return false;
		}
		wc_doing_it_wrong( __FUNCTION__, sprintf( __( 'Generic add/update/get meta methods should not be used for internal meta data, including "%s". Use getters and setters.', 'woocommerce' ), $key ), '3.2.0' );
		return true;
	}

	protected function maybe_read_meta_data() {
		if ( is_null( $this->meta_data ) ) {
			$this->read_meta_data();
		}
	}

	/** WooCommerce's key for an object's raw meta rows in the object cache. */
	public static function generate_meta_cache_key( $id, $cache_group ) {
		return WC_Cache_Helper::get_cache_prefix( $cache_group ) . WC_Cache_Helper::get_cache_prefix( 'object_' . $id ) . 'object_meta_' . $id;
	}

	public function get_meta_cache_key() {
		return self::generate_meta_cache_key( $this->get_id(), $this->cache_group );
	}

	/**
	 * Whether this object's meta rows are kept in the object cache. WooCommerce
	 * does it for every object with a cache group; the double does it for
	 * orders and refunds (the objects whose staleness a gateway must survive).
	 */
	protected function caches_meta(): bool {
		return $this instanceof WC_Abstract_Order && '' !== $this->cache_group;
	}

	public function read_meta_data( $force_read = false ) {
		$this->meta_data = array();
		if ( ! $this->get_id() || ! $this->data_store ) {
			return;
		}
		$rows = null;
		if ( $this->caches_meta() && ! $force_read ) {
			$cached = wp_cache_get( $this->get_meta_cache_key(), $this->cache_group );
			$rows   = is_array( $cached ) ? $cached : null;
		}
		if ( null === $rows ) {
			$rows = $this->data_store->read_meta( $this );
			if ( $this->caches_meta() ) {
				wp_cache_set( $this->get_meta_cache_key(), $rows, $this->cache_group );
			}
		}
		foreach ( $rows as $row ) {
			$this->meta_data[] = new WC_Meta_Data(
				array(
					'id'    => (int) $row->meta_id,
					'key'   => $row->meta_key,
					'value' => maybe_unserialize( $row->meta_value ),
				)
			);
		}
	}

	public function get_meta_data() {
		$this->maybe_read_meta_data();
		return array_values( array_filter( $this->meta_data, array( $this, 'filter_null_meta' ) ) );
	}

	protected function filter_null_meta( $meta ) {
		return ! is_null( $meta->value );
	}

	public function meta_exists( $key = '' ) {
		$this->maybe_read_meta_data();
		return in_array( $key, wp_list_pluck( $this->get_meta_data(), 'key' ), true );
	}

	public function get_meta( $key = '', $single = true, $context = 'view' ) {
		if ( $this->is_internal_meta_key( $key ) ) {
			$function = 'get_' . ltrim( $key, '_' );
			if ( is_callable( array( $this, $function ) ) ) {
				return $this->{$function}();
			}
		}
		$this->maybe_read_meta_data();
		$values = array();
		foreach ( $this->get_meta_data() as $meta ) {
			if ( $meta->key === $key ) {
				$values[] = $meta;
			}
		}
		if ( $single ) {
			$value = $values ? $values[0]->value : '';
		} else {
			$value = $values;
		}
		if ( 'view' === $context ) {
			$value = apply_filters( $this->get_hook_prefix() . $key, $value, $this );
		}
		return $value;
	}

	public function set_meta_data( $data ) {
		if ( ! empty( $data ) && is_array( $data ) ) {
			$this->maybe_read_meta_data();
			foreach ( $data as $meta ) {
				$meta = (array) $meta;
				if ( isset( $meta['key'], $meta['value'], $meta['id'] ) ) {
					$this->meta_data[] = new WC_Meta_Data(
						array(
							'id'    => $meta['id'],
							'key'   => $meta['key'],
							'value' => $meta['value'],
						)
					);
				}
			}
		}
	}

	public function add_meta_data( $key, $value, $unique = false ) {
		if ( $this->is_internal_meta_key( $key ) ) {
			$function = 'set_' . ltrim( $key, '_' );
			if ( is_callable( array( $this, $function ) ) ) {
				return $this->{$function}( $value );
			}
		}
		$this->maybe_read_meta_data();
		if ( $unique ) {
			$this->delete_meta_data( $key );
		}
		$this->meta_data[] = new WC_Meta_Data(
			array(
				'key'   => $key,
				'value' => $value,
			)
		);
	}

	public function update_meta_data( $key, $value, $meta_id = 0 ) {
		if ( $this->is_internal_meta_key( $key ) ) {
			$function = 'set_' . ltrim( $key, '_' );
			if ( is_callable( array( $this, $function ) ) ) {
				return $this->{$function}( $value );
			}
		}
		$this->maybe_read_meta_data();
		$array_key = false;
		if ( $meta_id ) {
			$keys      = array_keys( wp_list_pluck( $this->meta_data, 'id' ), $meta_id, false );
			$array_key = $keys ? current( $keys ) : false;
		} else {
			$matches = array();
			foreach ( $this->meta_data as $i => $meta ) {
				if ( $meta->key === $key ) {
					$matches[] = $i;
				}
			}
			if ( $matches ) {
				foreach ( $matches as $n => $i ) {
					if ( 0 === $n ) {
						$array_key = $i;
					} else {
						$this->meta_data[ $i ]->value = null;
					}
				}
			}
		}
		if ( false !== $array_key ) {
			$meta        = $this->meta_data[ $array_key ];
			$meta->key   = $key;
			$meta->value = $value;
		} else {
			$this->add_meta_data( $key, $value, true );
		}
	}

	public function delete_meta_data( $key ) {
		$this->maybe_read_meta_data();
		foreach ( $this->meta_data as $meta ) {
			if ( $meta->key === $key ) {
				$meta->value = null;
			}
		}
	}

	public function delete_meta_data_value( $key, $value ) {
		$this->maybe_read_meta_data();
		foreach ( $this->meta_data as $meta ) {
			if ( $meta->key === $key && $meta->value === $value ) {
				$meta->value = null;
			}
		}
	}

	public function delete_meta_data_by_mid( $mid ) {
		$this->maybe_read_meta_data();
		foreach ( $this->meta_data as $meta ) {
			if ( (int) $meta->id === (int) $mid ) {
				$meta->value = null;
			}
		}
	}

	public function save_meta_data() {
		if ( ! $this->data_store || is_null( $this->meta_data ) ) {
			return;
		}
		foreach ( $this->meta_data as $array_key => $meta ) {
			if ( is_null( $meta->value ) ) {
				if ( ! empty( $meta->id ) ) {
					$this->data_store->delete_meta( $this, $meta );
					do_action( "deleted_{$this->object_type}_meta", $meta->id, $this->get_id(), $meta->key, $meta->value );
				}
				unset( $this->meta_data[ $array_key ] );
			} elseif ( empty( $meta->id ) ) {
				$meta->id = $this->data_store->add_meta( $this, $meta );
				do_action( "added_{$this->object_type}_meta", $meta->id, $this->get_id(), $meta->key, $meta->value );
				$meta->apply_changes();
			} elseif ( $meta->get_changes() ) {
				$this->data_store->update_meta( $this, $meta );
				do_action( "updated_{$this->object_type}_meta", $meta->id, $this->get_id(), $meta->key, $meta->value );
				$meta->apply_changes();
			}
		}
		$this->meta_data = array_values( $this->meta_data );
		if ( $this->caches_meta() ) {
			wp_cache_delete( self::generate_meta_cache_key( $this->get_id(), $this->cache_group ), $this->cache_group );
		}
	}

	public function save() {
		if ( ! $this->data_store ) {
			return $this->get_id();
		}
		do_action( 'woocommerce_before_' . $this->object_type . '_object_save', $this, $this->data_store );
		if ( $this->get_id() ) {
			$this->data_store->update( $this );
		} else {
			$this->data_store->create( $this );
		}
		do_action( 'woocommerce_after_' . $this->object_type . '_object_save', $this, $this->data_store );
		return $this->get_id();
	}

	public function delete( $force_delete = false ) {
		if ( $this->data_store ) {
			$this->data_store->delete( $this, array( 'force_delete' => $force_delete ) );
			$this->set_id( 0 );
			return true;
		}
		return false;
	}
}
