<?php
/**
 * Test double: the WooCommerce main class, WC(), the session, the cart and
 * notices.
 *
 * Modelled on WooCommerce 7.9 includes/class-woocommerce.php,
 * class-wc-session-handler.php, class-wc-cart.php (the parts a gateway
 * uses), wc-notice-functions.php:
 * - WC() returns the one WooCommerce instance (version '7.9.0'); ->session,
 *   ->cart, ->payment_gateways(), ->mailer(), ->queue(), ->api_request_url(
 *   $request, $ssl = null ) ("/wc-api/{request}/" with pretty permalinks, or
 *   "?wc-api=" without), plugin_url()/plugin_path().
 * - the session keeps values in memory for one request (the double has no
 *   session cookie/table); get( $key, $default = null ), set(), __get/__set.
 * - the cart: empty_cart( $clear_persistent_cart = true ) firing
 *   woocommerce_before_cart_emptied / woocommerce_cart_emptied (calls are
 *   counted in WC_Cart::$emptied), is_empty(), get_cart(), total.
 * - notices in the session key wc_notices as arrays { notice, data }:
 *   wc_add_notice( $message, $notice_type = 'success', $data = array() ),
 *   wc_get_notices( $notice_type = '' ), wc_notice_count(), wc_has_notice(),
 *   wc_clear_notices(), wc_print_notices( $return = false ).
 * Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Session_Handler implements ArrayAccess {

	protected $_customer_id = 0; // phpcs:ignore

	protected $_data = array(); // phpcs:ignore

	protected $_dirty = false; // phpcs:ignore

	public function init() {
	}

	public function has_session() {
		return ! empty( $this->_data );
	}

	public function get_customer_id() {
		return $this->_customer_id ?: get_current_user_id();
	}

	public function set_customer_session_cookie( $set ) {
	}

	public function get( $key, $default = null ) {
		$key = sanitize_key( $key );
		return isset( $this->_data[ $key ] ) ? maybe_unserialize( $this->_data[ $key ] ) : $default;
	}

	public function set( $key, $value ) {
		if ( $value !== $this->get( $key ) ) {
			$this->_data[ sanitize_key( $key ) ] = maybe_serialize( $value );
			$this->_dirty                        = true;
		}
	}

	public function __get( $key ) {
		return $this->get( $key );
	}

	public function __set( $key, $value ) {
		$this->set( $key, $value );
	}

	public function __isset( $key ) {
		return isset( $this->_data[ sanitize_key( $key ) ] );
	}

	public function __unset( $key ) {
		if ( isset( $this->_data[ $key ] ) ) {
			unset( $this->_data[ $key ] );
			$this->_dirty = true;
		}
	}

	public function get_session_data() {
		return $this->_data;
	}

	public function save_data( $old_session_key = 0 ) {
	}

	public function destroy_session() {
		$this->_data  = array();
		$this->_dirty = false;
	}

	public function forget_session() {
		$this->destroy_session();
	}

	public function offsetExists( $offset ): bool {
		return $this->__isset( $offset );
	}

	#[\ReturnTypeWillChange]
	public function offsetGet( $offset ) {
		return $this->get( $offset );
	}

	public function offsetSet( $offset, $value ): void {
		$this->set( $offset, $value );
	}

	public function offsetUnset( $offset ): void {
		$this->__unset( $offset );
	}
}

/** WooCommerce Subscriptions adds `recurring_carts` to the cart (WC_Cart allows it in WooCommerce). */
#[\AllowDynamicProperties]
class WC_Cart {

	public $cart_contents = array();

	public $total = 0;

	/** How many times empty_cart() ran in this request (the double's counter). */
	public static int $emptied = 0;

	public function get_cart() {
		return array_filter( (array) $this->cart_contents );
	}

	public function get_cart_contents() {
		return $this->get_cart();
	}

	public function is_empty() {
		return 0 === count( $this->get_cart() );
	}

	public function get_cart_contents_count() {
		return array_sum( wp_list_pluck( $this->get_cart(), 'quantity' ) );
	}

	public function get_total( $context = 'view' ) {
		return 'view' === $context ? wc_price( $this->total ) : $this->total;
	}

	public function empty_cart( $clear_persistent_cart = true ) {
		do_action( 'woocommerce_before_cart_emptied', $clear_persistent_cart );
		$this->cart_contents = array();
		$this->total         = 0;
		++self::$emptied;
		do_action( 'woocommerce_cart_emptied', $clear_persistent_cart );
	}

	/** Totals are the double's `total`; extensions (Subscriptions' recurring carts) hook the end. */
	public function calculate_totals() {
		do_action( 'woocommerce_after_calculate_totals', $this );
	}

	public function needs_payment() {
		return apply_filters( 'woocommerce_cart_needs_payment', 0 < $this->total, $this );
	}
}

class WC_Customer {

	public function get_id() {
		return get_current_user_id();
	}

	public function get_billing_country() {
		return wc_get_base_location()['country'];
	}
}

class WC_Checkout {

	public function is_registration_required() {
		return false;
	}
}

final class WooCommerce {

	public $version = '7.9.0';

	/** @var WC_Session_Handler|null */
	public $session = null;

	/** @var WC_Cart|null */
	public $cart = null;

	/** @var WC_Customer|null */
	public $customer = null;

	public $countries = null;

	/** @var WC_Query */
	public $query = null;

	public $order_factory = null;

	protected static $_instance = null; // phpcs:ignore

	public static function instance() {
		if ( is_null( self::$_instance ) ) {
			self::$_instance = new self();
		}
		return self::$_instance;
	}

	/**
	 * The double's per-request reset: new session and cart.
	 */
	public static function reset_instance(): void {
		self::$_instance = null;
		WC_Payment_Gateways::reset_instance();
		WC_Cart::$emptied = 0;
	}

	/**
	 * WooCommerce::init() on init priority 0: before_woocommerce_init, the
	 * text domain, woocommerce_init.
	 */
	public static function init_hook(): void {
		do_action( 'before_woocommerce_init' );
		load_plugin_textdomain( 'woocommerce', false, 'woocommerce/i18n/languages' );
		do_action( 'woocommerce_init' );
	}

	public function __construct() {
		$this->query    = WC_Query::instance();
		$this->session  = new WC_Session_Handler();
		$this->cart     = new WC_Cart();
		$this->customer = new WC_Customer();
	}

	public function __get( $key ) {
		if ( in_array( $key, array( 'payment_gateways', 'shipping', 'mailer', 'checkout' ), true ) ) {
			return $this->$key();
		}
		return null;
	}

	public function payment_gateways() {
		return WC_Payment_Gateways::instance();
	}

	public function mailer() {
		return WC_Emails::instance();
	}

	public function checkout() {
		return new WC_Checkout();
	}

	public function queue() {
		return WC_Action_Queue::instance();
	}

	public function plugin_url() {
		return untrailingslashit( plugins_url( '/', WC_PLUGIN_FILE ) );
	}

	public function plugin_path() {
		return untrailingslashit( dirname( WC_PLUGIN_FILE ) );
	}

	public function template_path() {
		return apply_filters( 'woocommerce_template_path', 'woocommerce/' );
	}

	public function ajax_url() {
		return admin_url( 'admin-ajax.php', 'relative' );
	}

	public function is_rest_api_request() {
		$prefix = trailingslashit( rest_get_url_prefix() );
		$uri    = esc_url_raw( wp_unslash( $_SERVER['REQUEST_URI'] ?? '' ) );
		return apply_filters( 'woocommerce_is_rest_api_request', false !== strpos( $uri, $prefix ) );
	}

	public function api_request_url( $request, $ssl = null ) {
		if ( is_null( $ssl ) ) {
			$scheme = wp_parse_url( home_url(), PHP_URL_SCHEME );
		} elseif ( $ssl ) {
			$scheme = 'https';
		} else {
			$scheme = 'http';
		}
		if ( strstr( (string) get_option( 'permalink_structure' ), '/index.php/' ) ) {
			$api_request_url = trailingslashit( home_url( '/index.php/wc-api/' . $request, $scheme ) );
		} elseif ( get_option( 'permalink_structure' ) ) {
			$api_request_url = trailingslashit( home_url( '/wc-api/' . $request, $scheme ) );
		} else {
			$api_request_url = add_query_arg( 'wc-api', $request, trailingslashit( home_url( '', $scheme ) ) );
		}
		return esc_url_raw( apply_filters( 'woocommerce_api_request_url', $api_request_url, $request, $ssl ) );
	}

	public function initialize_session() {
		if ( null === $this->session ) {
			$this->session = new WC_Session_Handler();
		}
	}

	public function initialize_cart() {
		if ( null === $this->cart ) {
			$this->cart = new WC_Cart();
		}
	}
}

function WC() { // phpcs:ignore
	return WooCommerce::instance();
}

function wc_empty_cart() {
	if ( ! isset( WC()->cart ) || '' === WC()->cart ) {
		WC()->cart = new WC_Cart();
	}
	WC()->cart->empty_cart( false );
}

/* ---------------------------------------------------------------------------
 * Notices
 * ------------------------------------------------------------------------- */

function wc_notice_count( $notice_type = '' ) {
	if ( ! did_action( 'woocommerce_init' ) ) {
		wc_doing_it_wrong( __FUNCTION__, __( 'This function should not be called before woocommerce_init.', 'woocommerce' ), '2.3' );
		return;
	}
	$all = WC()->session->get( 'wc_notices', array() );
	if ( '' === $notice_type ) {
		$count = 0;
		foreach ( $all as $notices ) {
			$count += count( $notices );
		}
		return $count;
	}
	return isset( $all[ $notice_type ] ) ? count( $all[ $notice_type ] ) : 0;
}

function wc_has_notice( $message, $notice_type = 'success' ) {
	if ( ! did_action( 'woocommerce_init' ) ) {
		wc_doing_it_wrong( __FUNCTION__, __( 'This function should not be called before woocommerce_init.', 'woocommerce' ), '2.3' );
		return false;
	}
	$notices = WC()->session->get( 'wc_notices', array() );
	$notices = isset( $notices[ $notice_type ] ) ? $notices[ $notice_type ] : array();
	return array_search( $message, wp_list_pluck( $notices, 'notice' ), true ) !== false;
}

function wc_add_notice( $message, $notice_type = 'success', $data = array() ) {
	if ( ! did_action( 'woocommerce_init' ) ) {
		wc_doing_it_wrong( __FUNCTION__, __( 'This function should not be called before woocommerce_init.', 'woocommerce' ), '2.3' );
		return;
	}
	$notices = WC()->session->get( 'wc_notices', array() );
	if ( 'success' === $notice_type ) {
		$message = apply_filters( 'woocommerce_add_message', $message );
	}
	$message = apply_filters( 'woocommerce_add_' . $notice_type, $message );
	if ( ! empty( $message ) ) {
		$notices[ $notice_type ][] = array(
			'notice' => $message,
			'data'   => $data,
		);
	}
	WC()->session->set( 'wc_notices', $notices );
}

function wc_set_notices( $notices ) {
	if ( ! did_action( 'woocommerce_init' ) ) {
		wc_doing_it_wrong( __FUNCTION__, __( 'This function should not be called before woocommerce_init.', 'woocommerce' ), '2.6' );
		return;
	}
	WC()->session->set( 'wc_notices', $notices );
}

function wc_clear_notices() {
	if ( ! did_action( 'woocommerce_init' ) ) {
		wc_doing_it_wrong( __FUNCTION__, __( 'This function should not be called before woocommerce_init.', 'woocommerce' ), '2.3' );
		return;
	}
	WC()->session->set( 'wc_notices', null );
}

function wc_get_notices( $notice_type = '' ) {
	if ( ! did_action( 'woocommerce_init' ) ) {
		wc_doing_it_wrong( __FUNCTION__, __( 'This function should not be called before woocommerce_init.', 'woocommerce' ), '2.3' );
		return;
	}
	$all = WC()->session->get( 'wc_notices', array() );
	if ( empty( $notice_type ) ) {
		return $all;
	}
	return $all[ $notice_type ] ?? array();
}

function wc_print_notices( $return = false ) {
	if ( ! did_action( 'woocommerce_init' ) ) {
		wc_doing_it_wrong( __FUNCTION__, __( 'This function should not be called before woocommerce_init.', 'woocommerce' ), '2.3' );
		return;
	}
	$all  = WC()->session->get( 'wc_notices', array() );
	$html = '';
	foreach ( apply_filters( 'woocommerce_notice_types', array( 'error', 'success', 'notice' ) ) as $type ) {
		if ( empty( $all[ $type ] ) ) {
			continue;
		}
		$class = 'error' === $type ? 'woocommerce-error' : ( 'success' === $type ? 'woocommerce-message' : 'woocommerce-info' );
		foreach ( $all[ $type ] as $notice ) {
			$html .= '<div class="' . esc_attr( $class ) . '" role="alert">' . wc_kses_notice( $notice['notice'] ) . '</div>';
		}
	}
	wc_clear_notices();
	if ( $return ) {
		return $html;
	}
	echo $html; // phpcs:ignore
}

function wc_kses_notice( $message ) {
	return wp_kses_post( $message );
}

function wc_print_notice( $message, $notice_type = 'success', $data = array() ) {
	echo '<div class="woocommerce-' . esc_attr( 'error' === $notice_type ? 'error' : 'message' ) . '">' . wc_kses_notice( $message ) . '</div>'; // phpcs:ignore
}
