<?php
/**
 * Test double: WooCommerce core/formatting/page functions.
 *
 * Modelled on WooCommerce 7.9 includes/wc-core-functions.php,
 * wc-formatting-functions.php, wc-page-functions.php, wc-conditional-functions.php:
 * get_woocommerce_currency() (option woocommerce_currency + filter),
 * currency symbols, wc_get_price_decimals() (option woocommerce_price_num_decimals,
 * filter wc_get_price_decimals), wc_format_decimal( $number, $dp = false,
 * $trim_zeros = false ), wc_price() markup (woocommerce-Price-amount /
 * woocommerce-Price-currencySymbol / bdi), wc_clean(), wc_string_to_bool(),
 * wc_bool_to_string(), wc_string_to_timestamp(), wc_get_page_id() /
 * wc_get_page_permalink() (the shop's WordPress pages, options
 * woocommerce_{page}_page_id), wc_get_checkout_url(), wc_get_cart_url(),
 * wc_get_endpoint_url() (pretty permalinks: "/checkout/order-pay/123/",
 * plain: "?page_id=N&order-pay=123"), the conditional tags is_checkout(),
 * is_checkout_pay_page(), is_order_received_page(), is_account_page(),
 * is_add_payment_method_page(), is_wc_endpoint_url() on WordPress's main query, wc_doing_it_wrong()/wc_deprecated_*(),
 * wc_get_user_agent(), WC_Geolocation::get_ip_address(),
 * wc_nocache_headers() (no-cache constants + nocache_headers()),
 * wc_help_tip(), wc_back_link(), wc_get_container() (a tiny service
 * locator). Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

function get_woocommerce_currency() {
	return apply_filters( 'woocommerce_currency', get_option( 'woocommerce_currency' ) );
}

function get_woocommerce_currencies() {
	static $currencies = null;
	if ( null === $currencies ) {
		$currencies = array(
			'AUD' => 'Australian dollar',
			'CAD' => 'Canadian dollar',
			'CHF' => 'Swiss franc',
			'CNY' => 'Chinese yuan',
			'EUR' => 'Euro',
			'GBP' => 'Pound sterling',
			'HKD' => 'Hong Kong dollar',
			'JPY' => 'Japanese yen',
			'KRW' => 'South Korean won',
			'NZD' => 'New Zealand dollar',
			'SGD' => 'Singapore dollar',
			'USD' => 'United States (US) dollar',
		);
	}
	return array_unique( apply_filters( 'woocommerce_currencies', $currencies ) );
}

function get_woocommerce_currency_symbols() {
	return apply_filters(
		'woocommerce_currency_symbols',
		array(
			'AUD' => '&#36;',
			'CAD' => '&#36;',
			'CHF' => '&#67;&#72;&#70;',
			'CNY' => '&yen;',
			'EUR' => '&euro;',
			'GBP' => '&pound;',
			'HKD' => '&#36;',
			'JPY' => '&yen;',
			'KRW' => '&#8361;',
			'NZD' => '&#36;',
			'SGD' => '&#36;',
			'USD' => '&#36;',
		)
	);
}

function get_woocommerce_currency_symbol( $currency = '' ) {
	if ( ! $currency ) {
		$currency = get_woocommerce_currency();
	}
	$symbols = get_woocommerce_currency_symbols();
	return apply_filters( 'woocommerce_currency_symbol', $symbols[ $currency ] ?? '', $currency );
}

function get_woocommerce_price_format() {
	$pos    = get_option( 'woocommerce_currency_pos' );
	$format = '%1$s%2$s';
	switch ( $pos ) {
		case 'right':
			$format = '%2$s%1$s';
			break;
		case 'left_space':
			$format = '%1$s&nbsp;%2$s';
			break;
		case 'right_space':
			$format = '%2$s&nbsp;%1$s';
			break;
	}
	return apply_filters( 'woocommerce_price_format', $format, $pos );
}

function wc_get_price_thousand_separator() {
	return stripslashes( (string) apply_filters( 'wc_get_price_thousand_separator', get_option( 'woocommerce_price_thousand_sep' ) ) );
}

function wc_get_price_decimal_separator() {
	$separator = apply_filters( 'wc_get_price_decimal_separator', get_option( 'woocommerce_price_decimal_sep' ) );
	return $separator ? stripslashes( (string) $separator ) : '.';
}

function wc_get_price_decimals() {
	return absint( apply_filters( 'wc_get_price_decimals', get_option( 'woocommerce_price_num_decimals', 2 ) ) );
}

function wc_get_rounding_precision() {
	$precision = wc_get_price_decimals() + 2;
	return absint( max( 6, $precision ) );
}

function wc_format_decimal( $number, $dp = false, $trim_zeros = false ) {
	$locale   = localeconv();
	$decimals = array( wc_get_price_decimal_separator(), $locale['decimal_point'], $locale['mon_decimal_point'] );
	if ( ! is_float( $number ) ) {
		$number = str_replace( $decimals, '.', (string) ( $number ?? '' ) );
		$number = preg_replace( '/\.(?![^.]+$)|[^0-9.-]/', '', wc_clean( $number ) );
	}
	if ( false !== $dp ) {
		$dp     = intval( '' === $dp ? wc_get_price_decimals() : $dp );
		$number = number_format( floatval( $number ), $dp, '.', '' );
	} elseif ( is_float( $number ) ) {
		$number = str_replace( $decimals, '.', sprintf( '%.' . wc_get_rounding_precision() . 'f', $number ) );
		$trim_zeros = true;
	}
	if ( $trim_zeros && false !== strpos( (string) $number, '.' ) ) {
		$number = rtrim( rtrim( (string) $number, '0' ), '.' );
	}
	return $number;
}

function wc_format_localized_price( $value ) {
	return apply_filters( 'woocommerce_format_localized_price', str_replace( '.', wc_get_price_decimal_separator(), strval( $value ) ), $value );
}

function wc_format_localized_decimal( $value ) {
	return apply_filters( 'woocommerce_format_localized_decimal', str_replace( '.', wc_get_price_decimal_separator(), strval( $value ) ), $value );
}

function wc_format_refund_total( $amount ) {
	return wc_format_decimal( $amount ) * -1;
}

function wc_round_tax_total( $value, $precision = null ) {
	return round( (float) $value, null === $precision ? wc_get_price_decimals() : (int) $precision );
}

function wc_get_price_excluding_tax( $product, $args = array() ) {
	$args  = wp_parse_args(
		$args,
		array(
			'qty'   => 1,
			'price' => '',
		)
	);
	$price = '' !== $args['price'] ? max( 0.0, (float) $args['price'] ) : (float) $product->get_price();
	return apply_filters( 'woocommerce_get_price_excluding_tax', $price * (float) $args['qty'], (float) $args['qty'], $product );
}

function wc_price( $price, $args = array() ) {
	$args = apply_filters(
		'wc_price_args',
		wp_parse_args(
			$args,
			array(
				'ex_tax_label'       => false,
				'currency'           => '',
				'decimal_separator'  => wc_get_price_decimal_separator(),
				'thousand_separator' => wc_get_price_thousand_separator(),
				'decimals'           => wc_get_price_decimals(),
				'price_format'       => get_woocommerce_price_format(),
			)
		)
	);
	$original_price = $price;
	$price          = (float) $price;
	$unformatted    = $price;
	$negative       = $price < 0;
	$price          = apply_filters( 'raw_woocommerce_price', $negative ? $price * -1 : $price, $original_price );
	$price          = apply_filters( 'formatted_woocommerce_price', number_format( (float) $price, (int) $args['decimals'], $args['decimal_separator'], $args['thousand_separator'] ), $price, $args['decimals'], $args['decimal_separator'], $args['thousand_separator'], $original_price );
	if ( apply_filters( 'woocommerce_price_trim_zeros', false ) && $args['decimals'] > 0 ) {
		$price = preg_replace( '/' . preg_quote( $args['decimal_separator'], '/' ) . '0++$/', '', $price );
	}
	$formatted = ( $negative ? '-' : '' ) . sprintf( $args['price_format'], '<span class="woocommerce-Price-currencySymbol">' . get_woocommerce_currency_symbol( $args['currency'] ) . '</span>', $price );
	$return    = '<span class="woocommerce-Price-amount amount"><bdi>' . $formatted . '</bdi></span>';
	return apply_filters( 'wc_price', $return, $price, $args, $unformatted, $original_price );
}

function wc_clean( $var ) {
	if ( is_array( $var ) ) {
		return array_map( 'wc_clean', $var );
	}
	return is_scalar( $var ) ? sanitize_text_field( (string) $var ) : $var;
}

function wc_sanitize_textarea( $var ) {
	return implode( "\n", array_map( 'wc_clean', explode( "\n", (string) $var ) ) );
}

function wc_string_to_bool( $string ) {
	$string = $string ?? '';
	return is_bool( $string ) ? $string : ( 'yes' === strtolower( (string) $string ) || 1 === $string || 'true' === strtolower( (string) $string ) || '1' === $string );
}

function wc_bool_to_string( $bool ) {
	if ( ! is_bool( $bool ) ) {
		$bool = wc_string_to_bool( $bool );
	}
	return true === $bool ? 'yes' : 'no';
}

function wc_string_to_timestamp( $time_string, $from_timestamp = null ) {
	$original = date_default_timezone_get();
	date_default_timezone_set( 'UTC' ); // phpcs:ignore
	$ts = null === $from_timestamp ? strtotime( (string) $time_string ) : strtotime( (string) $time_string, (int) $from_timestamp );
	date_default_timezone_set( $original ); // phpcs:ignore
	return $ts;
}

function wc_string_to_datetime( $time_string ) {
	if ( is_numeric( $time_string ) ) {
		$dt = new WC_DateTime( "@{$time_string}", new DateTimeZone( 'UTC' ) );
	} else {
		$dt = new WC_DateTime( '@' . wc_string_to_timestamp( get_gmt_from_date( gmdate( 'Y-m-d H:i:s', wc_string_to_timestamp( $time_string ) ) ) ), new DateTimeZone( 'UTC' ) );
	}
	$dt->setTimezone( wp_timezone() );
	return $dt;
}

function wc_timezone_offset() {
	return (float) get_option( 'gmt_offset', 0 ) * HOUR_IN_SECONDS;
}

function wc_timezone_string() {
	return wp_timezone_string();
}

function wc_format_datetime( $date, $format = '' ) {
	if ( ! $format ) {
		$format = 'F j, Y';
	}
	if ( ! is_a( $date, 'WC_DateTime' ) ) {
		return '';
	}
	return $date->date_i18n( $format );
}

function wc_doing_it_wrong( $function, $message, $version ) {
	$message .= ' Backtrace: ' . wp_debug_backtrace_summary();
	_doing_it_wrong( $function, $message, $version );
}

function wc_deprecated_function( $function, $version, $replacement = null ) {
	_deprecated_function( $function, $version, (string) $replacement );
}

function wc_deprecated_argument( $argument, $version, $message = null ) {
	_deprecated_argument( $argument, $version, (string) $message );
}

function wc_deprecated_hook( $hook, $version, $replacement = null, $message = null ) {
	_deprecated_hook( $hook, $version, (string) $replacement, (string) $message );
}

function wc_do_deprecated_action( $tag, $args, $version, $replacement = null, $message = null ) {
	if ( ! has_action( $tag ) ) {
		return;
	}
	wc_deprecated_hook( $tag, $version, $replacement, $message );
	do_action_ref_array( $tag, $args );
}

function wc_get_page_id( $page ) {
	return apply_filters( 'woocommerce_get_' . $page . '_page_id', get_option( 'woocommerce_' . $page . '_page_id' ) ?: -1 );
}

function wc_get_page_permalink( $page, $fallback = null ) {
	$page_id   = wc_get_page_id( $page );
	$permalink = 0 < $page_id ? get_permalink( $page_id ) : '';
	if ( ! $permalink ) {
		$permalink = is_null( $fallback ) ? get_home_url() : $fallback;
	}
	return apply_filters( 'woocommerce_get_' . $page . '_page_permalink', $permalink );
}

function wc_get_checkout_url() {
	$url = wc_get_page_permalink( 'checkout' );
	if ( $url && is_ssl() ) {
		$url = str_replace( 'http:', 'https:', $url );
	}
	return apply_filters( 'woocommerce_get_checkout_url', $url );
}

function wc_get_cart_url() {
	return apply_filters( 'woocommerce_get_cart_url', wc_get_page_permalink( 'cart' ) );
}

function wc_get_endpoint_url( $endpoint, $value = '', $permalink = '' ) {
	if ( ! $permalink ) {
		$permalink = get_permalink();
	}
	$query_vars = WC()->query->get_query_vars();
	$endpoint   = ! empty( $query_vars[ $endpoint ] ) ? $query_vars[ $endpoint ] : $endpoint;
	$value      = ( get_option( 'woocommerce_myaccount_edit_address_endpoint', 'edit-address' ) === $endpoint ) ? wc_edit_address_i18n( $value ) : $value;
	if ( get_option( 'permalink_structure' ) ) {
		if ( strstr( (string) $permalink, '?' ) ) {
			$query_string = '?' . wp_parse_url( $permalink, PHP_URL_QUERY );
			$permalink    = current( explode( '?', $permalink ) );
		} else {
			$query_string = '';
		}
		$url = trailingslashit( $permalink );
		if ( $value ) {
			$url .= trailingslashit( $endpoint ) . user_trailingslashit( (string) $value );
		} else {
			$url .= user_trailingslashit( $endpoint );
		}
		$url .= $query_string;
	} else {
		$url = add_query_arg( $endpoint, $value, $permalink );
	}
	return apply_filters( 'woocommerce_get_endpoint_url', $url, $endpoint, $value, $permalink );
}

function wc_edit_address_i18n( $id, $flip = false ) {
	return $id;
}

function wc_post_content_has_shortcode( $tag = '' ) {
	global $post;
	return is_singular() && is_a( $post, 'WP_Post' ) && has_shortcode( $post->post_content, $tag );
}

function is_checkout() {
	$page_id = wc_get_page_id( 'checkout' );
	return ( $page_id && is_page( $page_id ) ) || wc_post_content_has_shortcode( 'woocommerce_checkout' ) || apply_filters( 'woocommerce_is_checkout', false ) || defined( 'WOOCOMMERCE_CHECKOUT' );
}

function is_cart() {
	$page_id = wc_get_page_id( 'cart' );
	return ( $page_id && is_page( $page_id ) ) || defined( 'WOOCOMMERCE_CART' ) || wc_post_content_has_shortcode( 'woocommerce_cart' );
}

function is_woocommerce() {
	return apply_filters( 'is_woocommerce', false );
}

function is_account_page() {
	$page_id = wc_get_page_id( 'myaccount' );
	return ( $page_id && is_page( $page_id ) ) || wc_post_content_has_shortcode( 'woocommerce_my_account' ) || apply_filters( 'woocommerce_is_account_page', false );
}

/**
 * The My account page on its payment-methods or add-payment-method endpoint.
 */
function is_add_payment_method_page() {
	global $wp;
	$page_id = wc_get_page_id( 'myaccount' );
	return ( $page_id && is_page( $page_id ) && $wp instanceof WP && ( isset( $wp->query_vars['payment-methods'] ) || isset( $wp->query_vars['add-payment-method'] ) ) );
}

function is_checkout_pay_page() {
	global $wp;
	return is_checkout() && ! empty( $wp->query_vars['order-pay'] );
}

function is_order_received_page() {
	global $wp;
	$page_id = wc_get_page_id( 'checkout' );
	return (bool) apply_filters( 'woocommerce_is_order_received_page', $page_id && is_page( $page_id ) && isset( $wp->query_vars['order-received'] ) );
}

function is_wc_endpoint_url( $endpoint = false ) {
	global $wp;
	$wc_endpoints = WC()->query->get_query_vars();
	if ( ! $wp instanceof WP ) {
		return false;
	}
	if ( false !== $endpoint ) {
		if ( ! isset( $wc_endpoints[ $endpoint ] ) ) {
			return false;
		}
		return isset( $wp->query_vars[ $wc_endpoints[ $endpoint ] ] );
	}
	foreach ( $wc_endpoints as $key => $value ) {
		if ( isset( $wp->query_vars[ $key ] ) ) {
			return true;
		}
	}
	return false;
}

/**
 * WC_Cache_Helper::set_nocache_constants() + nocache_headers().
 */
function wc_nocache_headers() {
	foreach ( array( 'DONOTCACHEPAGE', 'DONOTCACHEOBJECT', 'DONOTCACHEDB' ) as $constant ) {
		if ( ! defined( $constant ) ) {
			define( $constant, true );
		}
	}
	nocache_headers();
}

function wc_get_user_agent() {
	return isset( $_SERVER['HTTP_USER_AGENT'] ) ? wc_clean( wp_unslash( $_SERVER['HTTP_USER_AGENT'] ) ) : '';
}

function wc_help_tip( $tip, $allow_html = false ) {
	$sanitized = $allow_html ? htmlspecialchars( wp_kses( html_entity_decode( (string) $tip ), array( 'br' => array(), 'em' => array(), 'strong' => array(), 'small' => array(), 'span' => array(), 'ul' => array(), 'li' => array(), 'ol' => array(), 'p' => array() ) ) ) : esc_attr( $tip );
	return '<span class="woocommerce-help-tip" tabindex="0" aria-label="' . $sanitized . '" data-tip="' . $sanitized . '"></span>';
}

function wc_back_link( $label, $url ) {
	echo '<small class="wc-admin-breadcrumb"><a href="' . esc_url( $url ) . '" aria-label="' . esc_attr( $label ) . '">&#x2934;&#xfe0e;</a></small>';
}

function wc_get_template_html( $template_name, $args = array(), $template_path = '', $default_path = '' ) {
	return '';
}

function wc_get_template( $template_name, $args = array(), $template_path = '', $default_path = '' ) {
	do_action( 'woocommerce_before_template_part', $template_name, $template_path, '', $args );
	do_action( 'woocommerce_after_template_part', $template_name, $template_path, '', $args );
}

function wc_set_time_limit( $limit = 0 ) {
}

function wc_get_var( &$var, $default = null ) {
	return isset( $var ) ? $var : $default;
}

function wc_enqueue_js( $code ) {
	global $wc_queued_js;
	$wc_queued_js = ( $wc_queued_js ?? '' ) . "\n" . $code;
}

function wc_switch_to_site_locale() {
}

function wc_restore_locale() {
}

function wc_get_base_location() {
	$default = (string) get_option( 'woocommerce_default_country', 'CA' );
	$parts   = explode( ':', $default );
	return apply_filters(
		'woocommerce_get_base_location',
		array(
			'country' => $parts[0],
			'state'   => $parts[1] ?? '',
		)
	);
}

class WC_Geolocation {

	public static function get_ip_address() {
		if ( isset( $_SERVER['HTTP_X_REAL_IP'] ) ) {
			return sanitize_text_field( wp_unslash( $_SERVER['HTTP_X_REAL_IP'] ) );
		}
		if ( isset( $_SERVER['HTTP_X_FORWARDED_FOR'] ) ) {
			return (string) rest_is_ip_address( trim( current( preg_split( '/,/', sanitize_text_field( wp_unslash( $_SERVER['HTTP_X_FORWARDED_FOR'] ) ) ) ) ) );
		}
		if ( isset( $_SERVER['REMOTE_ADDR'] ) ) {
			return sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) );
		}
		return '';
	}
}

class WC_HTTPS {

	public static function force_https_url( $content ) {
		if ( is_ssl() ) {
			return is_array( $content ) ? array_map( array( __CLASS__, 'force_https_url' ), $content ) : str_replace( 'http:', 'https:', (string) $content );
		}
		return $content;
	}
}

/**
 * A small stand-in for WooCommerce's DI container: get( Class::class ) returns a shared instance.
 */
final class WC_Double_Container {

	private array $instances = array();

	public function get( string $id ) {
		if ( ! isset( $this->instances[ $id ] ) ) {
			$this->instances[ $id ] = new $id();
		}
		return $this->instances[ $id ];
	}

	public function has( string $id ): bool {
		return class_exists( $id );
	}
}

function wc_get_container() {
	static $container = null;
	if ( null === $container ) {
		$container = new WC_Double_Container();
	}
	return $container;
}
