<?php
/**
 * Test double: WooCommerce's payment token API.
 *
 * Modelled on WooCommerce 7.9 (plugins/woocommerce):
 * - includes/abstracts/abstract-wc-payment-token.php — WC_Payment_Token:
 *   data gateway_id, token, is_default, user_id, type; the constructor takes
 *   an id, a token object or nothing, loads the 'payment-token' data store and
 *   reads the row when it has an id; get_token/get_type/get_display_name/
 *   get_user_id/get_gateway_id/get_is_default, set_token/set_user_id (absint)/
 *   set_gateway_id/set_default ((bool)), is_default(), validate() (a token is
 *   required); object type payment_token.
 * - includes/payment-tokens/class-wc-payment-token-cc.php — WC_Payment_Token_CC:
 *   type 'CC', extra data last4, expiry_year, expiry_month, card_type;
 *   set_expiry_month() pads to two digits; validate() also needs last4,
 *   a four-digit year, a two-digit month and a card type; get_display_name()
 *   "%1$s ending in %2$s (expires %3$s/%4$s)" with wc_get_credit_card_type_label();
 *   hook prefix woocommerce_payment_token_cc_get_.
 * - includes/class-wc-payment-tokens.php — WC_Payment_Tokens::get_tokens(),
 *   get_customer_tokens() (limit filter woocommerce_get_customer_payment_tokens_limit,
 *   default the posts_per_page option, since 7.2; then the
 *   woocommerce_get_customer_payment_tokens filter), get_customer_default_token(),
 *   get_order_tokens(), get() (class from woocommerce_payment_token_class,
 *   'WC_Payment_Token_' . type), delete(), set_users_default() (fires
 *   woocommerce_payment_token_set_default), get_token_type_by_id().
 * - includes/data-stores/class-wc-payment-token-data-store.php — create()
 *   (throws "Invalid or missing payment token fields." when validate() fails;
 *   the user's first token becomes the default; extra data saved as token meta;
 *   woocommerce_new_payment_token), update() (woocommerce_payment_token_updated),
 *   delete() (row and meta; woocommerce_payment_token_deleted), read() (throws
 *   "Invalid payment token."; woocommerce_payment_token_loaded), get_tokens()
 *   (token_id / user_id / gateway_id / type; tokens of gateways that are not
 *   loaded are left out, tokens without a gateway kept; LIMIT from 'limit' or
 *   posts_per_page), get_users_default_token(), get_token_by_id(),
 *   get_metadata(), get_token_type_by_id(), set_default_status().
 * - includes/class-wc-data-store.php — WC_Data_Store::load() (only
 *   'payment-token' is routed through it in the double; the orders use their
 *   own stores) with the woocommerce_data_stores and
 *   woocommerce_{type}_data_store filters, calls forwarded to the store.
 * - the tables woocommerce_payment_tokens (token_id, gateway_id, token,
 *   user_id, type, is_default) and woocommerce_payment_tokenmeta
 *   (meta_id, payment_token_id, meta_key, meta_value) are created by
 *   WC_Install (class-wc-install.php); $wpdb->payment_tokenmeta is registered
 *   when WooCommerce loads (woocommerce.php, WooCommerce::define_tables()), so
 *   token meta goes through WordPress's Metadata API (meta type
 *   payment_token) as in WooCommerce: get_metadata() / update_metadata() for
 *   the extra data, add_metadata() / update_metadata_by_mid() /
 *   delete_metadata_by_mid() for other meta (WC_Data_Store_WP), read_meta()
 *   and delete() by SQL on the same tables, as WooCommerce does.
 * WC_Legacy_Payment_Token (the deprecated read()/create()/update() of
 * WooCommerce 2.6) is not modelled. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Data_Store {

	private $instance = null;

	private $stores = array(
		'payment-token' => 'WC_Payment_Token_Data_Store',
	);

	private $current_class_name = '';

	private $object_type = '';

	public function __construct( $object_type ) {
		$this->object_type = $object_type;
		$this->stores      = apply_filters( 'woocommerce_data_stores', $this->stores );
		if ( ! array_key_exists( $object_type, $this->stores ) ) {
			throw new Exception( __( 'Invalid data store.', 'woocommerce' ) );
		}
		$store = apply_filters( 'woocommerce_' . $object_type . '_data_store', $this->stores[ $object_type ] );
		if ( is_object( $store ) ) {
			$this->current_class_name = get_class( $store );
			$this->instance           = $store;
			return;
		}
		if ( ! class_exists( $store ) ) {
			throw new Exception( __( 'Data store class does not exist.', 'woocommerce' ) );
		}
		$this->current_class_name = $store;
		$this->instance           = new $store();
	}

	public static function load( $object_type ) {
		return new WC_Data_Store( $object_type );
	}

	public function get_current_class_name() {
		return $this->current_class_name;
	}

	public function read( &$data ) {
		$this->instance->read( $data );
	}

	public function create( &$data ) {
		$this->instance->create( $data );
	}

	public function update( &$data ) {
		$this->instance->update( $data );
	}

	public function delete( &$data, $args = array() ) {
		$this->instance->delete( $data, $args );
	}

	public function __call( $method, $parameters ) {
		if ( is_callable( array( $this->instance, $method ) ) ) {
			$object     = array_shift( $parameters );
			$parameters = array_merge( array( &$object ), $parameters );
			return $this->instance->$method( ...$parameters );
		}
	}
}

class WC_Payment_Token_Data_Store {

	protected $meta_type = 'payment_token';

	private function table(): string {
		global $wpdb;
		return $wpdb->prefix . 'woocommerce_payment_tokens';
	}

	/** $wpdb->payment_tokenmeta: the Metadata API's table for meta type payment_token. */
	private function meta_table(): string {
		global $wpdb;
		return $wpdb->payment_tokenmeta;
	}

	public function create( &$token ) {
		if ( false === $token->validate() ) {
			throw new Exception( __( 'Invalid or missing payment token fields.', 'woocommerce' ) );
		}
		global $wpdb;
		if ( ! $token->is_default() && $token->get_user_id() > 0 ) {
			$default_token = WC_Payment_Tokens::get_customer_default_token( $token->get_user_id() );
			if ( is_null( $default_token ) ) {
				$token->set_default( true );
			}
		}
		$wpdb->insert(
			$this->table(),
			array(
				'gateway_id' => $token->get_gateway_id( 'edit' ),
				'token'      => $token->get_token( 'edit' ),
				'user_id'    => $token->get_user_id( 'edit' ),
				'type'       => $token->get_type( 'edit' ),
			)
		);
		$token_id = (int) $wpdb->insert_id;
		$token->set_id( $token_id );
		$this->save_extra_data( $token, true );
		$token->save_meta_data();
		$token->apply_changes();
		if ( $token->is_default() && $token->get_user_id() > 0 ) {
			WC_Payment_Tokens::set_users_default( $token->get_user_id(), $token_id );
		}
		do_action( 'woocommerce_new_payment_token', $token_id, $token );
	}

	public function update( &$token ) {
		if ( false === $token->validate() ) {
			throw new Exception( __( 'Invalid or missing payment token fields.', 'woocommerce' ) );
		}
		global $wpdb;
		$updated_props      = array();
		$payment_token_data = array();
		foreach ( array_keys( $token->get_changes() ) as $prop ) {
			if ( ! in_array( $prop, array( 'gateway_id', 'token', 'user_id', 'type' ), true ) ) {
				continue;
			}
			$updated_props[]             = $prop;
			$payment_token_data[ $prop ] = $token->{'get_' . $prop}( 'edit' );
		}
		if ( ! empty( $payment_token_data ) ) {
			$wpdb->update( $this->table(), $payment_token_data, array( 'token_id' => $token->get_id() ) );
		}
		$updated_props = array_merge( $updated_props, $this->save_extra_data( $token ) );
		$token->save_meta_data();
		$token->apply_changes();
		if ( $token->is_default() && $token->get_user_id() > 0 ) {
			WC_Payment_Tokens::set_users_default( $token->get_user_id(), $token->get_id() );
		}
		do_action( 'woocommerce_payment_token_object_updated_props', $token, $updated_props );
		do_action( 'woocommerce_payment_token_updated', $token->get_id() );
	}

	public function delete( &$token, $force_delete = false ) {
		global $wpdb;
		$wpdb->delete( $this->table(), array( 'token_id' => $token->get_id() ), array( '%d' ) );
		$wpdb->delete( $this->meta_table(), array( 'payment_token_id' => $token->get_id() ), array( '%d' ) );
		do_action( 'woocommerce_payment_token_deleted', $token->get_id(), $token );
	}

	public function read( &$token ) {
		global $wpdb;
		$data = $wpdb->get_row( $wpdb->prepare( 'SELECT token, user_id, gateway_id, is_default FROM ' . $this->table() . ' WHERE token_id = %d LIMIT 1', $token->get_id() ) );
		if ( ! $data ) {
			throw new Exception( __( 'Invalid payment token.', 'woocommerce' ) );
		}
		$token->set_props(
			array(
				'token'      => $data->token,
				'user_id'    => $data->user_id,
				'gateway_id' => $data->gateway_id,
				'default'    => $data->is_default,
			)
		);
		$this->read_extra_data( $token );
		$token->read_meta_data();
		$token->set_object_read( true );
		do_action( 'woocommerce_payment_token_loaded', $token );
	}

	protected function read_extra_data( &$token ) {
		foreach ( $token->get_extra_data_keys() as $key ) {
			$function = 'set_' . $key;
			if ( is_callable( array( $token, $function ) ) ) {
				$token->{$function}( get_metadata( 'payment_token', $token->get_id(), $key, true ) );
			}
		}
	}

	protected function save_extra_data( &$token, $force = false ) {
		$updated = array();
		$changes = $token->get_changes();
		foreach ( $token->get_extra_data_keys() as $key ) {
			if ( ! $force && ! array_key_exists( $key, $changes ) ) {
				continue;
			}
			$function = 'get_' . $key;
			if ( is_callable( array( $token, $function ) ) && update_metadata( 'payment_token', $token->get_id(), $key, $token->{$function}( 'edit' ) ) ) {
				$updated[] = $key;
			}
		}
		return $updated;
	}

	/** WC_Data_Store_WP::read_meta(): every meta row but the prefixed data keys. */
	public function read_meta( &$token ) {
		global $wpdb;
		$rows     = (array) $wpdb->get_results( $wpdb->prepare( 'SELECT meta_id, meta_key, meta_value FROM ' . $this->meta_table() . ' WHERE payment_token_id = %d ORDER BY meta_id', $token->get_id() ) );
		$internal = array_map( static fn ( $k ) => '_' . $k, $token->get_data_keys() );
		return array_values(
			array_filter(
				$rows,
				static fn ( $row ) => ! in_array( $row->meta_key, $internal, true ) && 0 !== stripos( (string) $row->meta_key, 'wp_' )
			)
		);
	}

	/** WC_Data_Store_WP::add_meta(). */
	public function add_meta( &$token, $meta ) {
		return add_metadata( $this->meta_type, $token->get_id(), wp_slash( $meta->key ), is_string( $meta->value ) ? wp_slash( $meta->value ) : $meta->value, false );
	}

	/** WC_Data_Store_WP::update_meta(). */
	public function update_meta( &$token, $meta ) {
		update_metadata_by_mid( $this->meta_type, $meta->id, $meta->value, $meta->key );
	}

	/** WC_Data_Store_WP::delete_meta(). */
	public function delete_meta( &$token, $meta ) {
		delete_metadata_by_mid( $this->meta_type, $meta->id );
	}

	public function get_tokens( $args ) {
		global $wpdb;
		$args  = wp_parse_args(
			$args,
			array(
				'token_id'   => '',
				'user_id'    => '',
				'gateway_id' => '',
				'type'       => '',
			)
		);
		$where = array( '1=1' );
		if ( $args['token_id'] ) {
			$token_ids = array_map( 'absint', is_array( $args['token_id'] ) ? $args['token_id'] : array( $args['token_id'] ) );
			$where[]   = "token_id IN ('" . implode( "','", array_map( 'esc_sql', $token_ids ) ) . "')";
		}
		if ( $args['user_id'] ) {
			$where[] = $wpdb->prepare( 'user_id = %d', absint( $args['user_id'] ) );
		}
		if ( $args['gateway_id'] ) {
			$gateway_ids = array( $args['gateway_id'] );
		} else {
			$gateway_ids = WC_Payment_Gateways::instance()->get_payment_gateway_ids();
		}
		$page           = isset( $args['page'] ) ? absint( $args['page'] ) : 1;
		$posts_per_page = absint( $args['limit'] ?? get_option( 'posts_per_page' ) );
		$limits         = 'LIMIT ' . absint( ( $page - 1 ) * $posts_per_page ) . ', ' . $posts_per_page;
		$gateway_ids[]  = '';
		$where[]        = "gateway_id IN ('" . implode( "','", array_map( 'esc_sql', $gateway_ids ) ) . "')";
		if ( $args['type'] ) {
			$where[] = $wpdb->prepare( 'type = %s', $args['type'] );
		}
		return $wpdb->get_results( 'SELECT * FROM ' . $this->table() . ' WHERE ' . implode( ' AND ', $where ) . ' ' . $limits ); // phpcs:ignore
	}

	public function get_users_default_token( $user_id ) {
		global $wpdb;
		return $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM ' . $this->table() . ' WHERE user_id = %d AND is_default = 1', $user_id ) );
	}

	public function get_token_by_id( $token_id ) {
		global $wpdb;
		return $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM ' . $this->table() . ' WHERE token_id = %d', $token_id ) );
	}

	public function get_metadata( $token_id ) {
		return get_metadata( $this->meta_type, $token_id );
	}

	public function get_token_type_by_id( $token_id ) {
		global $wpdb;
		return $wpdb->get_var( $wpdb->prepare( 'SELECT type FROM ' . $this->table() . ' WHERE token_id = %d', $token_id ) );
	}

	public function set_default_status( $token_id, $status = true ) {
		global $wpdb;
		$wpdb->update( $this->table(), array( 'is_default' => (int) $status ), array( 'token_id' => $token_id ) );
	}
}

abstract class WC_Payment_Token extends WC_Data {

	protected $data = array(
		'gateway_id' => '',
		'token'      => '',
		'is_default' => false,
		'user_id'    => 0,
		'type'       => '',
	);

	protected $type = '';

	protected $object_type = 'payment_token';

	public function __construct( $token = '' ) {
		parent::__construct( $token );
		if ( is_numeric( $token ) ) {
			$this->set_id( $token );
		} elseif ( is_object( $token ) ) {
			$token_id = $token->get_id();
			if ( ! empty( $token_id ) ) {
				$this->set_id( $token->get_id() );
			}
		} else {
			$this->set_object_read( true );
		}
		$this->data_store = WC_Data_Store::load( 'payment-token' );
		if ( $this->get_id() > 0 ) {
			$this->data_store->read( $this );
		}
	}

	public function get_token( $context = 'view' ) {
		return $this->get_prop( 'token', $context );
	}

	public function get_type( $deprecated = '' ) {
		return $this->type;
	}

	public function get_display_name( $deprecated = '' ) {
		return $this->get_type();
	}

	public function get_user_id( $context = 'view' ) {
		return $this->get_prop( 'user_id', $context );
	}

	public function get_gateway_id( $context = 'view' ) {
		return $this->get_prop( 'gateway_id', $context );
	}

	public function get_is_default( $context = 'view' ) {
		return $this->get_prop( 'is_default', $context );
	}

	public function set_token( $token ) {
		$this->set_prop( 'token', $token );
	}

	public function set_user_id( $user_id ) {
		$this->set_prop( 'user_id', absint( $user_id ) );
	}

	public function set_gateway_id( $gateway_id ) {
		$this->set_prop( 'gateway_id', $gateway_id );
	}

	public function set_default( $is_default ) {
		$this->set_prop( 'is_default', (bool) $is_default );
	}

	public function is_default() {
		return (bool) $this->get_prop( 'is_default', 'view' );
	}

	public function validate() {
		$token = $this->get_prop( 'token', 'edit' );
		if ( empty( $token ) ) {
			return false;
		}
		return true;
	}
}

class WC_Payment_Token_CC extends WC_Payment_Token {

	protected $type = 'CC';

	protected $extra_data = array(
		'last4'        => '',
		'expiry_year'  => '',
		'expiry_month' => '',
		'card_type'    => '',
	);

	public function get_display_name( $deprecated = '' ) {
		return sprintf(
			/* translators: 1: credit card type 2: last 4 digits 3: expiry month 4: expiry year */
			__( '%1$s ending in %2$s (expires %3$s/%4$s)', 'woocommerce' ),
			wc_get_credit_card_type_label( $this->get_card_type() ),
			$this->get_last4(),
			$this->get_expiry_month(),
			substr( (string) $this->get_expiry_year(), 2 )
		);
	}

	protected function get_hook_prefix() {
		return 'woocommerce_payment_token_cc_get_';
	}

	public function validate() {
		if ( false === parent::validate() ) {
			return false;
		}
		if ( ! $this->get_last4( 'edit' ) || ! $this->get_expiry_year( 'edit' ) || ! $this->get_expiry_month( 'edit' ) || ! $this->get_card_type( 'edit' ) ) {
			return false;
		}
		if ( 4 !== strlen( (string) $this->get_expiry_year( 'edit' ) ) || 2 !== strlen( (string) $this->get_expiry_month( 'edit' ) ) ) {
			return false;
		}
		return true;
	}

	public function get_card_type( $context = 'view' ) {
		return $this->get_prop( 'card_type', $context );
	}

	public function set_card_type( $type ) {
		$this->set_prop( 'card_type', $type );
	}

	public function get_expiry_year( $context = 'view' ) {
		return $this->get_prop( 'expiry_year', $context );
	}

	public function set_expiry_year( $year ) {
		$this->set_prop( 'expiry_year', $year );
	}

	public function get_expiry_month( $context = 'view' ) {
		return $this->get_prop( 'expiry_month', $context );
	}

	public function set_expiry_month( $month ) {
		$this->set_prop( 'expiry_month', str_pad( (string) $month, 2, '0', STR_PAD_LEFT ) );
	}

	public function get_last4( $context = 'view' ) {
		return $this->get_prop( 'last4', $context );
	}

	public function set_last4( $last4 ) {
		$this->set_prop( 'last4', $last4 );
	}
}

class WC_Payment_Tokens {

	public static function get_tokens( $args ) {
		$args          = wp_parse_args(
			$args,
			array(
				'token_id'   => '',
				'user_id'    => '',
				'gateway_id' => '',
				'type'       => '',
			)
		);
		$data_store    = WC_Data_Store::load( 'payment-token' );
		$token_results = $data_store->get_tokens( $args );
		$tokens        = array();
		if ( ! empty( $token_results ) ) {
			foreach ( $token_results as $token_result ) {
				$_token = self::get( $token_result->token_id, $token_result );
				if ( ! empty( $_token ) ) {
					$tokens[ $token_result->token_id ] = $_token;
				}
			}
		}
		return $tokens;
	}

	public static function get_customer_tokens( $customer_id, $gateway_id = '' ) {
		if ( $customer_id < 1 ) {
			return array();
		}
		$tokens = self::get_tokens(
			array(
				'user_id'    => $customer_id,
				'gateway_id' => $gateway_id,
				'limit'      => apply_filters( 'woocommerce_get_customer_payment_tokens_limit', get_option( 'posts_per_page' ) ),
			)
		);
		return apply_filters( 'woocommerce_get_customer_payment_tokens', $tokens, $customer_id, $gateway_id );
	}

	public static function get_customer_default_token( $customer_id ) {
		if ( $customer_id < 1 ) {
			return null;
		}
		$data_store = WC_Data_Store::load( 'payment-token' );
		$token      = $data_store->get_users_default_token( $customer_id );
		return $token ? self::get( $token->token_id, $token ) : null;
	}

	public static function get_order_tokens( $order_id ) {
		$order = wc_get_order( $order_id );
		if ( ! $order || ! is_callable( array( $order, 'get_payment_tokens' ) ) ) {
			return array();
		}
		$token_ids = $order->get_payment_tokens();
		if ( empty( $token_ids ) ) {
			return array();
		}
		$tokens = self::get_tokens( array( 'token_id' => $token_ids ) );
		return apply_filters( 'woocommerce_get_order_payment_tokens', $tokens, $order_id );
	}

	public static function get( $token_id, $token_result = null ) {
		$data_store = WC_Data_Store::load( 'payment-token' );
		if ( is_null( $token_result ) ) {
			$token_result = $data_store->get_token_by_id( $token_id );
			if ( empty( $token_result ) ) {
				return null;
			}
		}
		$token_class = self::get_token_classname( $token_result->type );
		if ( class_exists( $token_class ) ) {
			// WooCommerce passes the row and its meta too; the constructor reads them again.
			return new $token_class( $token_id, (array) $token_result, array() );
		}
		return null;
	}

	public static function delete( $token_id ) {
		$type = self::get_token_type_by_id( $token_id );
		if ( ! empty( $type ) ) {
			$class = self::get_token_classname( $type );
			$token = new $class( $token_id );
			$token->delete();
		}
	}

	public static function set_users_default( $user_id, $token_id ) {
		$data_store   = WC_Data_Store::load( 'payment-token' );
		$users_tokens = self::get_customer_tokens( $user_id );
		foreach ( $users_tokens as $token ) {
			if ( $token_id === $token->get_id() ) {
				$data_store->set_default_status( $token->get_id(), true );
				do_action( 'woocommerce_payment_token_set_default', $token_id, $token );
			} else {
				$data_store->set_default_status( $token->get_id(), false );
			}
		}
	}

	public static function get_token_type_by_id( $token_id ) {
		$data_store = WC_Data_Store::load( 'payment-token' );
		return $data_store->get_token_type_by_id( $token_id );
	}

	protected static function get_token_classname( $type ) {
		return apply_filters( 'woocommerce_payment_token_class', 'WC_Payment_Token_' . $type, $type );
	}
}
