<?php
/**
 * Front controller of the WordPress 6.1 + WooCommerce 7.9 double for PHP's
 * built-in server:
 *
 *   PHP_CLI_SERVER_WORKERS=4 IOTPAY_PLUGIN_FILE=/path/plugin.php \
 *     php -S 127.0.0.1:8080 wordpress-plugin/tests/wc-double/server.php
 *
 * Every request boots the double, includes the plugin (IOTPAY_PLUGIN_FILE),
 * fires WordPress's load sequence (superglobals slashed after plugins_loaded,
 * as WordPress does) and dispatches:
 *   /, /index.php, /index.php/…, /wp-json/…, ?rest_route=  → WP::parse_request():
 *        query vars (rest_route from ?rest_route= or, with pretty permalinks
 *        only, the /wp-json/ rewrite rules), the parse_request action where
 *        rest_api_loaded() serves REST requests (WP_REST_Server::serve_request())
 *        and exits; anything else is a 404
 *   ?wc-api=NAME or /wc-api/NAME/             → WC_API::handle_api_requests() semantics:
 *        output buffered, woocommerce_api_request, status 200 if
 *        woocommerce_api_{name} has a callback else 400, the action, then the
 *        buffer is discarded and "-1" is printed — a handler must print and
 *        exit itself, as with WooCommerce
 *   /checkout/order-pay/{id}/?key=…            → the order receipt (woocommerce_receipt_{gateway})
 *        or, with pay_for_order=true, the available gateways' payment_fields()
 *   /checkout/order-received/{id}/?key=…       → the thank-you page
 *        (woocommerce_thankyou_{gateway}, woocommerce_thankyou)
 *   /my-account/{payment-methods|add-payment-method}/, /my-account/{delete|set-default}-payment-method/{id}/
 *        → WC_Form_Handler's payment method actions (wp_loaded, wp), then the
 *        Payment methods list or the add-payment-method form (logged-in customers)
 *   /wp-admin/admin-post.php                   → admin_post_{action} (admin_post_nopriv_{action})
 *   /wp-admin/admin-ajax.php                   → wp_ajax_{action} (WooCommerce's own handlers:
 *        woocommerce_refund_line_items, wc/wc-ajax.php)
 *   /test/run-scheduled-actions                → runs due Action Scheduler actions, JSON {"ran": n}
 *   /wp-content/plugins/{path}                 → static files (js, css, images, fonts) under WP_PLUGIN_DIR,
 *        as the web server in front of WordPress would serve them
 *   /wp-includes/js/dist/{hooks,i18n}.min.js   → the double's stand-ins for core's wp-hooks / wp-i18n
 * Anything else is a 404. A request is logged in from the double's cookie
 * (TestCase::authCookieHeader()); REST requests from that cookie need an
 * X-WP-Nonce for 'wp_rest', as in WordPress. The site URL is
 * IOTPAY_TEST_HOME_URL (WP_HOME) or, if unset, http://{Host header}.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

$wc_double_uri  = (string) ( $_SERVER['REQUEST_URI'] ?? '/' );
$wc_double_path = (string) parse_url( $wc_double_uri, PHP_URL_PATH );

if ( ! defined( 'WP_HOME' ) ) {
	$wc_double_home = getenv( 'IOTPAY_TEST_HOME_URL' ) ?: ( 'http://' . ( $_SERVER['HTTP_HOST'] ?? '127.0.0.1' ) );
	define( 'WP_HOME', rtrim( $wc_double_home, '/' ) );
	define( 'WP_SITEURL', rtrim( $wc_double_home, '/' ) );
}

require __DIR__ . '/bootstrap.php';

WC_Double_Runtime::$web = true;

// Static files of plugins (what the web server in front of WordPress serves).
if ( 0 === strpos( $wc_double_path, '/wp-content/plugins/' ) ) {
	$wc_double_types = array(
		'js'    => 'application/javascript',
		'mjs'   => 'application/javascript',
		'css'   => 'text/css',
		'json'  => 'application/json',
		'map'   => 'application/json',
		'svg'   => 'image/svg+xml',
		'png'   => 'image/png',
		'jpg'   => 'image/jpeg',
		'jpeg'  => 'image/jpeg',
		'gif'   => 'image/gif',
		'webp'  => 'image/webp',
		'ico'   => 'image/x-icon',
		'woff'  => 'font/woff',
		'woff2' => 'font/woff2',
		'ttf'   => 'font/ttf',
		'txt'   => 'text/plain',
	);
	$wc_double_file = realpath( WP_PLUGIN_DIR . '/' . rawurldecode( substr( $wc_double_path, strlen( '/wp-content/plugins/' ) ) ) );
	$wc_double_ext  = strtolower( (string) pathinfo( (string) $wc_double_file, PATHINFO_EXTENSION ) );
	if ( false !== $wc_double_file && 0 === strpos( $wc_double_file, rtrim( (string) realpath( WP_PLUGIN_DIR ), '/' ) . '/' ) && is_file( $wc_double_file ) && isset( $wc_double_types[ $wc_double_ext ] ) ) {
		header( 'Content-Type: ' . $wc_double_types[ $wc_double_ext ] . ( in_array( $wc_double_ext, array( 'js', 'mjs', 'css', 'json', 'svg', 'txt' ), true ) ? '; charset=UTF-8' : '' ) );
		header( 'Cache-Control: no-cache' );
		header( 'Content-Length: ' . filesize( $wc_double_file ) );
		readfile( $wc_double_file );
		return;
	}
	http_response_code( 404 );
	return;
}
// Core scripts (wp-hooks, wp-i18n): the double's own stand-ins, at WordPress's URLs.
if ( preg_match( '#^/wp-includes/js/dist/([a-z0-9-]+\.min\.js)$#', $wc_double_path, $m ) && is_file( __DIR__ . '/wp-includes/js/dist/' . $m[1] ) ) {
	header( 'Content-Type: application/javascript; charset=UTF-8' );
	header( 'Cache-Control: no-cache' );
	readfile( __DIR__ . '/wp-includes/js/dist/' . $m[1] );
	return;
}
$_SERVER['HTTP_HOST']   = $_SERVER['HTTP_HOST'] ?? (string) parse_url( WP_HOME, PHP_URL_HOST );
// PHP's built-in server does not fill $_POST for non-POST methods; WordPress's REST server reads php://input itself.

$wc_double_plugin = getenv( 'IOTPAY_PLUGIN_FILE' ) ?: '';
if ( '' !== $wc_double_plugin ) {
	if ( ! is_readable( $wc_double_plugin ) ) {
		http_response_code( 500 );
		echo 'IOTPAY_PLUGIN_FILE is not readable: ' . htmlspecialchars( $wc_double_plugin );
		return;
	}
	require_once $wc_double_plugin;
}

/**
 * Logs the request in from the double's cookie (WordPress: wp_validate_logged_in_cookie).
 */
function wc_double_server_user(): void {
	global $wp_rest_auth_cookie;
	$user_id = wc_double_determine_user_from_cookie( false );
	if ( $user_id ) {
		$wp_rest_auth_cookie = true;
	}
}

function wc_double_server_not_found(): void {
	status_header( 404 );
	header( 'Content-Type: text/html; charset=UTF-8' );
	echo '<!DOCTYPE html><html><body><h1>Not found</h1></body></html>';
}

/**
 * Prints a minimal page around $body_callback, with enqueued assets and notices.
 */
function wc_double_render_page( string $title, callable $body_callback ): void {
	ob_start();
	$body_callback();
	$body = (string) ob_get_clean();
	do_action( 'wp_enqueue_scripts' );
	header( 'Content-Type: text/html; charset=UTF-8' );
	// A block theme (and a classic one declaring title-tag support) prints
	// wp_get_document_title() from _wp_render_title_tag() on wp_head.
	echo "<!DOCTYPE html>\n<html lang=\"" . esc_attr( str_replace( '_', '-', determine_locale() ) ) . "\"><head><meta charset=\"UTF-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" . wp_get_document_title() . "</title>\n";
	do_action( 'wp_head' );
	wc_double_print_assets();
	echo "</head>\n<body class=\"woocommerce-checkout woocommerce-page\">\n<main class=\"woocommerce\">\n";
	echo '<h1>' . esc_html( $title ) . "</h1>\n";
	wc_print_notices();
	echo $body; // phpcs:ignore
	echo "\n</main>\n";
	do_action( 'wp_footer' );
	wc_double_print_assets( true );
	echo "</body></html>\n";
}

wc_double_server_user();

// --- index.php: WP::parse_request() + rest_api_loaded() ------------------------
// WordPress answers every front-end request from index.php: WP::parse_request()
// builds the query vars (with pretty permalinks the REST rewrite rules of
// rest_api_register_rewrites() turn /wp-json/{route} and
// /index.php/wp-json/{route} into rest_route; with plain permalinks there are
// no rewrite rules and only ?rest_route= does), then fires `parse_request`,
// where rest_api_loaded() (priority 10) serves a REST request and exits. A
// plugin's earlier parse_request callback may set rest_route itself.
$wc_double_rest_prefix = '/' . 'wp-json';
// (?wc-api= is WooCommerce's own parse_request handler, modelled below.)
$wc_double_index = empty( $_GET['wc-api'] ) && ( '/' === $wc_double_path || '/index.php' === $wc_double_path || 0 === strpos( $wc_double_path, '/index.php/' ) );
if ( isset( $_GET['rest_route'] ) || $wc_double_index || 0 === strpos( $wc_double_path, $wc_double_rest_prefix . '/' ) || $wc_double_path === $wc_double_rest_prefix ) {
	wc_double_fire_load_sequence();
	$wc_double_wp             = $GLOBALS['wp'];
	$wc_double_wp->query_vars = array();
	if ( isset( $_GET['rest_route'] ) ) {
		$wc_double_wp->query_vars['rest_route'] = (string) wp_unslash( $_GET['rest_route'] );
	} elseif ( get_option( 'permalink_structure' ) ) {
		$wc_double_home_path = trim( (string) parse_url( home_url(), PHP_URL_PATH ), '/' );
		$wc_double_request   = trim( $wc_double_path, '/' );
		if ( '' !== $wc_double_home_path && 0 === strpos( $wc_double_request, $wc_double_home_path ) ) {
			$wc_double_request = trim( substr( $wc_double_request, strlen( $wc_double_home_path ) ), '/' );
		}
		if ( preg_match( '#^(?:index\.php/)?wp-json/?$#', $wc_double_request ) ) {
			$wc_double_wp->query_vars['rest_route'] = '/';
		} elseif ( preg_match( '#^(?:index\.php/)?wp-json/(.*)?#', $wc_double_request, $m ) ) {
			$wc_double_wp->query_vars['rest_route'] = '/' . $m[1];
		}
	}
	do_action_ref_array( 'parse_request', array( &$wc_double_wp ) );
	// Not a REST request: WordPress would run the main query (home page, 404);
	// the double has no such pages.
	wc_double_server_not_found();
	return;
}

// --- admin-ajax ----------------------------------------------------------------
// wp-admin/admin-ajax.php: DOING_AJAX, the load sequence, admin_init, then
// wp_ajax_{action} for a logged-in user (wp_ajax_nopriv_{action} otherwise);
// a handler that returns prints "0", as WordPress's wp_die( '0' ).
if ( '/wp-admin/admin-ajax.php' === $wc_double_path ) {
	define( 'DOING_AJAX', true );
	wc_double_fire_load_sequence();
	do_action( 'admin_init' );
	$wc_double_action = isset( $_REQUEST['action'] ) ? sanitize_key( wp_unslash( $_REQUEST['action'] ) ) : '';
	header( 'Content-Type: text/html; charset=UTF-8' );
	if ( '' === $wc_double_action ) {
		status_header( 400 );
		die( '0' );
	}
	if ( is_user_logged_in() ) {
		do_action( 'wp_ajax_' . $wc_double_action );
	} else {
		do_action( 'wp_ajax_nopriv_' . $wc_double_action );
	}
	die( '0' );
}

// --- admin-post ----------------------------------------------------------------
// wp-admin/admin-post.php (WordPress 6.1): the admin is loaded (admin_init),
// then admin_post_{action} for a logged-in user, admin_post_nopriv_{action}
// otherwise; handlers redirect and exit themselves.
if ( '/wp-admin/admin-post.php' === $wc_double_path ) {
	WC_Double_Runtime::$is_admin = true;
	wc_double_fire_load_sequence();
	do_action( 'admin_init' );
	$wc_double_action = isset( $_REQUEST['action'] ) ? sanitize_key( wp_unslash( $_REQUEST['action'] ) ) : '';
	if ( is_user_logged_in() ) {
		do_action( '' === $wc_double_action ? 'admin_post' : 'admin_post_' . $wc_double_action );
	} else {
		do_action( '' === $wc_double_action ? 'admin_post_nopriv' : 'admin_post_nopriv_' . $wc_double_action );
	}
	return;
}

// --- wc-api ------------------------------------------------------------------
$wc_double_api = '';
if ( ! empty( $_GET['wc-api'] ) ) {
	$wc_double_api = sanitize_key( wp_unslash( $_GET['wc-api'] ) );
} elseif ( preg_match( '#^/wc-api/([^/]+)/?$#', $wc_double_path, $m ) ) {
	$wc_double_api = sanitize_key( $m[1] );
}
if ( '' !== $wc_double_api ) {
	wc_double_fire_load_sequence();
	$GLOBALS['wp']->query_vars['wc-api'] = $wc_double_api;
	ob_start();
	wc_nocache_headers();
	$api_request = strtolower( wc_clean( $wc_double_api ) );
	WC()->payment_gateways();
	do_action( 'woocommerce_api_request', $api_request );
	status_header( has_action( 'woocommerce_api_' . $api_request ) ? 200 : 400 );
	do_action( 'woocommerce_api_' . $api_request );
	ob_end_clean();
	die( '-1' );
}

// --- Test routes -------------------------------------------------------------
if ( '/test/run-scheduled-actions' === untrailingslashit( $wc_double_path ) ) {
	WC_Double_Runtime::$doing_cron = true;
	wc_double_fire_load_sequence();
	$ran = wc_double_run_due_actions();
	header( 'Content-Type: application/json; charset=UTF-8' );
	echo wp_json_encode( array( 'ran' => $ran ) );
	return;
}

// --- Checkout pages ------------------------------------------------------------
if ( preg_match( '#^/checkout/(order-pay|order-received)/(\d+)/?$#', $wc_double_path, $m ) ) {
	$endpoint = $m[1];
	$order_id = absint( $m[2] );
	$GLOBALS['wp']->query_vars[ $endpoint ]       = (string) $order_id;
	$GLOBALS['wp']->query_vars['wc_double_page']  = 'checkout';
	$GLOBALS['wc_double_page_title']              = 'Checkout';
	wc_double_fire_load_sequence();
	do_action( 'parse_request', $GLOBALS['wp'] );
	do_action( 'wp', $GLOBALS['wp'] );
	do_action( 'template_redirect' );
	if ( WC_Double_Runtime::$redirects ) {
		return;
	}
	$order_key = isset( $_GET['key'] ) ? wc_clean( wp_unslash( $_GET['key'] ) ) : '';
	// Gateways hook woocommerce_receipt_{id}/woocommerce_thankyou_{id} in their constructors.
	WC()->payment_gateways();

	if ( 'order-received' === $endpoint ) {
		$order_id  = apply_filters( 'woocommerce_thankyou_order_id', $order_id );
		$order_key = apply_filters( 'woocommerce_thankyou_order_key', $order_key );
		$order     = $order_id > 0 ? wc_get_order( $order_id ) : false;
		if ( ! $order || ! hash_equals( (string) $order->get_order_key(), (string) $order_key ) ) {
			$order = false;
		}
		unset( WC()->session->order_awaiting_payment );
		if ( $order && $order->is_created_via( 'admin' ) ) {
			$order->set_customer_ip_address( WC_Geolocation::get_ip_address() );
			$order->save();
		}
		wc_empty_cart();
		wc_double_render_page(
			__( 'Order received', 'woocommerce' ),
			static function () use ( $order ) {
				echo '<div class="woocommerce-order">';
				if ( $order ) {
					do_action( 'woocommerce_before_thankyou', $order->get_id() );
					if ( $order->has_status( 'failed' ) ) {
						echo '<p class="woocommerce-notice woocommerce-notice--error woocommerce-thankyou-order-failed">' . esc_html__( 'Unfortunately your order cannot be processed as the originating bank/merchant has declined your transaction. Please attempt your purchase again.', 'woocommerce' ) . '</p>';
					} else {
						echo '<p class="woocommerce-notice woocommerce-notice--success woocommerce-thankyou-order-received">' . esc_html( apply_filters( 'woocommerce_thankyou_order_received_text', __( 'Thank you. Your order has been received.', 'woocommerce' ), $order ) ) . '</p>';
						echo '<ul class="woocommerce-order-overview"><li class="order">' . esc_html__( 'Order number:', 'woocommerce' ) . ' <strong>' . esc_html( $order->get_order_number() ) . '</strong></li>';
						echo '<li class="status">Status: <strong>' . esc_html( wc_get_order_status_name( $order->get_status() ) ) . '</strong></li>';
						echo '<li class="total">' . esc_html__( 'Total:', 'woocommerce' ) . ' <strong>' . wp_kses_post( $order->get_formatted_order_total() ) . '</strong></li>';
						echo '<li class="method">' . esc_html__( 'Payment method:', 'woocommerce' ) . ' <strong>' . wp_kses_post( (string) $order->get_payment_method_title() ) . '</strong></li></ul>';
					}
					do_action( 'woocommerce_thankyou_' . $order->get_payment_method(), $order->get_id() );
					do_action( 'woocommerce_thankyou', $order->get_id() );
				} else {
					echo '<p class="woocommerce-notice woocommerce-notice--success woocommerce-thankyou-order-received">' . esc_html( apply_filters( 'woocommerce_thankyou_order_received_text', __( 'Thank you. Your order has been received.', 'woocommerce' ), null ) ) . '</p>';
				}
				echo '</div>';
			}
		);
		return;
	}

	// order-pay.
	$order = $order_id > 0 ? wc_get_order( $order_id ) : false;
	wc_double_render_page(
		__( 'Pay for order', 'woocommerce' ),
		static function () use ( $order, $order_id, $order_key ) {
			if ( ! $order_id ) {
				wc_add_notice( __( 'Invalid order.', 'woocommerce' ), 'error' );
				return;
			}
			if ( ! $order || $order->get_id() !== $order_id || ! hash_equals( (string) $order->get_order_key(), (string) $order_key ) ) {
				wc_add_notice( __( 'Sorry, this order is invalid and cannot be paid for.', 'woocommerce' ), 'error' );
				return;
			}
			if ( isset( $_GET['pay_for_order'] ) ) {
				if ( ! $order->needs_payment() ) {
					wc_add_notice( sprintf( __( 'This order&rsquo;s status is &ldquo;%s&rdquo;&mdash;it cannot be paid for. Please contact us if you need assistance.', 'woocommerce' ), wc_get_order_status_name( $order->get_status() ) ), 'error' );
					return;
				}
				$gateways = WC()->payment_gateways()->get_available_payment_gateways();
				WC()->payment_gateways()->set_current_gateway( $gateways );
				echo '<form id="order_review" method="post"><ul class="wc_payment_methods payment_methods methods">';
				foreach ( $gateways as $gateway ) {
					echo '<li class="wc_payment_method payment_method_' . esc_attr( $gateway->id ) . '"><input id="payment_method_' . esc_attr( $gateway->id ) . '" type="radio" class="input-radio" name="payment_method" value="' . esc_attr( $gateway->id ) . '" ' . checked( $gateway->chosen, true, false ) . ' /><label for="payment_method_' . esc_attr( $gateway->id ) . '">' . wp_kses_post( (string) $gateway->get_title() ) . ' ' . wp_kses_post( $gateway->get_icon() ) . '</label><div class="payment_box payment_method_' . esc_attr( $gateway->id ) . '">';
					$gateway->payment_fields();
					echo '</div></li>';
				}
				echo '</ul>';
				wp_nonce_field( 'woocommerce-pay', 'woocommerce-pay-nonce' );
				echo '<input type="hidden" name="woocommerce_pay" value="1" /><button type="submit" class="button alt" id="place_order">' . esc_html__( 'Pay for order', 'woocommerce' ) . '</button></form>';
				return;
			}
			if ( ! $order->needs_payment() ) {
				wc_add_notice( sprintf( __( 'This order&rsquo;s status is &ldquo;%s&rdquo;&mdash;it cannot be paid for. Please contact us if you need assistance.', 'woocommerce' ), wc_get_order_status_name( $order->get_status() ) ), 'error' );
				return;
			}
			echo '<ul class="order_details"><li class="order">' . esc_html__( 'Order number:', 'woocommerce' ) . ' <strong>' . esc_html( $order->get_order_number() ) . '</strong></li>';
			echo '<li class="total">' . esc_html__( 'Total:', 'woocommerce' ) . ' <strong>' . wp_kses_post( $order->get_formatted_order_total() ) . '</strong></li>';
			echo '<li class="method">' . esc_html__( 'Payment method:', 'woocommerce' ) . ' <strong>' . wp_kses_post( (string) $order->get_payment_method_title() ) . '</strong></li></ul>';
			do_action( 'woocommerce_receipt_' . $order->get_payment_method(), $order->get_id() );
			echo '<div class="clear"></div>';
		}
	);
	return;
}

// --- My Account → Payment methods ------------------------------------------------
// WooCommerce's endpoints of the My Account page (query vars from its rewrite
// rules): the form handler's actions run on wp_loaded (add) and wp (delete,
// set default), then the page (wc/wc-account-functions.php).
if ( preg_match( '#^/my-account/(payment-methods|add-payment-method|delete-payment-method|set-default-payment-method)(?:/(\d+))?/?$#', $wc_double_path, $m ) ) {
	$GLOBALS['wp']->query_vars[ $m[1] ]           = $m[2] ?? '';
	$GLOBALS['wp']->query_vars['wc_double_page'] = 'myaccount';
	$GLOBALS['wc_double_page_title']             = 'My account';
	wc_double_fire_load_sequence();
	do_action( 'parse_request', $GLOBALS['wp'] );
	do_action( 'wp', $GLOBALS['wp'] );
	do_action( 'template_redirect' );
	if ( WC_Double_Runtime::$redirects ) {
		return;
	}
	$wc_double_endpoint = 'add-payment-method' === $m[1] ? 'add-payment-method' : 'payment-methods';
	wc_double_render_page(
		'add-payment-method' === $wc_double_endpoint ? __( 'Add payment method', 'woocommerce' ) : __( 'Payment methods', 'woocommerce' ),
		static function () use ( $wc_double_endpoint ) {
			wc_double_render_account_page( $wc_double_endpoint );
		}
	);
	return;
}

wc_double_server_not_found();
