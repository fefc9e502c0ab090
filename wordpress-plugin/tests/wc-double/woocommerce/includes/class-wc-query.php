<?php
/**
 * Test double: WC_Query (the checkout endpoints) and WC_API (?wc-api=,
 * /wc-api/NAME/).
 *
 * Modelled on WooCommerce 7.9 includes/class-wc-query.php and
 * includes/class-wc-api.php:
 * - WC_Query: the endpoints order-pay and order-received (options
 *   woocommerce_checkout_pay_endpoint, woocommerce_checkout_order_received_endpoint)
 *   and the My account page's payment-methods, add-payment-method,
 *   delete-payment-method and set-default-payment-method (options
 *   woocommerce_myaccount_{payment_methods,add_payment_method,
 *   delete_payment_method,set_default_payment_method}_endpoint) are rewrite
 *   endpoints (EP_ROOT | EP_PAGES) added on init and public query vars;
 *   get_query_vars(), get_current_endpoint(), get_endpoint_title()
 *   ("Pay for order", "Order received", "Payment methods", "Add payment
 *   method"), which the_title shows in the main loop on an endpoint
 *   (wc_page_endpoint_title()). The other My account endpoints (orders,
 *   view-order, downloads, edit-account, edit-address, lost-password,
 *   customer-logout) are not modelled.
 * - WC_API: rewrite endpoint wc-api (EP_ALL) and query var; on
 *   parse_request (priority 0) a wc-api request buffers output, sends
 *   WooCommerce's no-cache headers, loads the gateways, fires
 *   woocommerce_api_request, answers 200 when woocommerce_api_{name} has a
 *   callback (else 400), fires it, throws the buffer away and dies with
 *   "-1": a callback prints and exits itself.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Query {

	/** @var array<string, string> endpoint => query var */
	public $query_vars = array();

	private static ?WC_Query $instance = null;

	public static function instance(): WC_Query {
		if ( null === self::$instance ) {
			self::$instance = new self();
		}
		return self::$instance;
	}

	public static function init(): void {
		$query = self::instance();
		add_action( 'init', array( $query, 'add_endpoints' ) );
		add_filter( 'query_vars', array( $query, 'add_query_vars' ), 0 );
		add_filter( 'the_title', 'wc_page_endpoint_title' );
	}

	public function __construct() {
		$this->init_query_vars();
	}

	public function init_query_vars(): void {
		$this->query_vars = array(
			'order-pay'                  => get_option( 'woocommerce_checkout_pay_endpoint', 'order-pay' ),
			'order-received'             => get_option( 'woocommerce_checkout_order_received_endpoint', 'order-received' ),
			'payment-methods'            => get_option( 'woocommerce_myaccount_payment_methods_endpoint', 'payment-methods' ),
			'add-payment-method'         => get_option( 'woocommerce_myaccount_add_payment_method_endpoint', 'add-payment-method' ),
			'delete-payment-method'      => get_option( 'woocommerce_myaccount_delete_payment_method_endpoint', 'delete-payment-method' ),
			'set-default-payment-method' => get_option( 'woocommerce_myaccount_set_default_payment_method_endpoint', 'set-default-payment-method' ),
		);
	}

	public function get_query_vars() {
		return apply_filters( 'woocommerce_get_query_vars', $this->query_vars );
	}

	public function add_endpoints(): void {
		$this->init_query_vars();
		foreach ( $this->get_query_vars() as $key => $var ) {
			if ( ! empty( $var ) ) {
				add_rewrite_endpoint( $var, EP_ROOT | EP_PAGES );
			}
		}
	}

	/**
	 * @param string[] $vars Public query vars.
	 */
	public function add_query_vars( $vars ) {
		foreach ( $this->get_query_vars() as $key => $var ) {
			$vars[] = $key;
		}
		return $vars;
	}

	public function get_current_endpoint() {
		global $wp;
		foreach ( $this->get_query_vars() as $key => $value ) {
			if ( isset( $wp->query_vars[ $key ] ) ) {
				return $key;
			}
		}
		return '';
	}

	public function get_endpoint_title( $endpoint, $action = '' ) {
		switch ( $endpoint ) {
			case 'order-pay':
				$title = __( 'Pay for order', 'woocommerce' );
				break;
			case 'order-received':
				$title = __( 'Order received', 'woocommerce' );
				break;
			case 'payment-methods':
				$title = __( 'Payment methods', 'woocommerce' );
				break;
			case 'add-payment-method':
				$title = __( 'Add payment method', 'woocommerce' );
				break;
			default:
				$title = '';
				break;
		}
		return apply_filters( 'woocommerce_endpoint_' . $endpoint . '_title', $title, $endpoint, $action );
	}
}

/**
 * `the_title`: the endpoint's title for the page's title in the main loop.
 */
function wc_page_endpoint_title( $title ) {
	global $wp_query;
	if ( ! is_null( $wp_query ) && ! is_admin() && is_main_query() && in_the_loop() && is_page() && is_wc_endpoint_url() ) {
		$endpoint       = WC()->query->get_current_endpoint();
		$endpoint_title = WC()->query->get_endpoint_title( $endpoint );
		$title          = $endpoint_title ? $endpoint_title : $title;
		remove_filter( 'the_title', 'wc_page_endpoint_title' );
	}
	return $title;
}

class WC_API {

	public static function init(): void {
		add_action( 'init', array( self::class, 'add_endpoint' ), 0 );
		add_filter( 'query_vars', array( self::class, 'add_query_vars' ), 0 );
		add_action( 'parse_request', array( self::class, 'handle_api_requests' ), 0 );
	}

	public static function add_endpoint(): void {
		add_rewrite_endpoint( 'wc-api', EP_ALL );
	}

	/**
	 * @param string[] $vars Public query vars.
	 */
	public static function add_query_vars( $vars ) {
		$vars[] = 'wc-api';
		return $vars;
	}

	public static function handle_api_requests(): void {
		global $wp;
		if ( ! empty( $_GET['wc-api'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended
			$wp->query_vars['wc-api'] = sanitize_key( wp_unslash( $_GET['wc-api'] ) ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended
		}
		if ( ! empty( $wp->query_vars['wc-api'] ) ) {
			ob_start();
			wc_nocache_headers();
			$api_request = strtolower( wc_clean( $wp->query_vars['wc-api'] ) );
			WC()->payment_gateways();
			do_action( 'woocommerce_api_request', $api_request );
			status_header( has_action( 'woocommerce_api_' . $api_request ) ? 200 : 400 );
			do_action( 'woocommerce_api_' . $api_request );
			ob_end_clean();
			die( '-1' );
		}
	}
}
