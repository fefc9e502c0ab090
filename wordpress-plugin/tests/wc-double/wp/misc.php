<?php
/**
 * Test double: general WordPress functions (wp-includes/functions.php,
 * load.php, pluggable.php, general-template.php and friends).
 *
 * Modelled on WordPress 6.1 (WordPress/wordpress-develop src/wp-includes).
 * Serialization (maybe_serialize/maybe_unserialize/is_serialized),
 * wp_parse_args, wp_json_encode, wp_generate_uuid4/password, current_time
 * (on the test clock), wp_is_mobile (User-Agent rules of 6.1), get_bloginfo,
 * wp_salt/wp_hash (HMAC-MD5 with the *_KEY/*_SALT constants), the request
 * predicates (is_admin, wp_doing_ajax, wp_doing_cron, is_ssl …), the
 * _doing_it_wrong/_deprecated_* recorders (recorded, never triggered as PHP
 * notices), date helpers with the site timezone (UTC in the double). Own
 * implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

if ( ! defined( 'MINUTE_IN_SECONDS' ) ) {
	define( 'MINUTE_IN_SECONDS', 60 );
	define( 'HOUR_IN_SECONDS', 60 * MINUTE_IN_SECONDS );
	define( 'DAY_IN_SECONDS', 24 * HOUR_IN_SECONDS );
	define( 'WEEK_IN_SECONDS', 7 * DAY_IN_SECONDS );
	define( 'MONTH_IN_SECONDS', 30 * DAY_IN_SECONDS );
	define( 'YEAR_IN_SECONDS', 365 * DAY_IN_SECONDS );
}
if ( ! defined( 'KB_IN_BYTES' ) ) {
	define( 'KB_IN_BYTES', 1024 );
	define( 'MB_IN_BYTES', 1024 * KB_IN_BYTES );
}

/* ---------------------------------------------------------------------------
 * Serialization
 * ------------------------------------------------------------------------- */

function is_serialized( $data, $strict = true ) {
	if ( ! is_string( $data ) ) {
		return false;
	}
	$data = trim( $data );
	if ( 'N;' === $data ) {
		return true;
	}
	if ( strlen( $data ) < 4 || ':' !== $data[1] ) {
		return false;
	}
	if ( $strict ) {
		$last = substr( $data, -1 );
		if ( ';' !== $last && '}' !== $last ) {
			return false;
		}
	} else {
		$semicolon = strpos( $data, ';' );
		$brace     = strpos( $data, '}' );
		if ( false === $semicolon && false === $brace ) {
			return false;
		}
		if ( false !== $semicolon && $semicolon < 3 ) {
			return false;
		}
		if ( false !== $brace && $brace < 4 ) {
			return false;
		}
	}
	$token = $data[0];
	switch ( $token ) {
		case 's':
			if ( $strict ) {
				if ( '"' !== substr( $data, -2, 1 ) ) {
					return false;
				}
			} elseif ( false === strpos( $data, '"' ) ) {
				return false;
			}
			// Fall through.
		case 'a':
		case 'O':
		case 'E':
			return (bool) preg_match( "/^{$token}:[0-9]+:/s", $data );
		case 'b':
		case 'i':
		case 'd':
			$end = $strict ? '$' : '';
			return (bool) preg_match( "/^{$token}:[0-9.E+-]+;$end/", $data );
	}
	return false;
}

function is_serialized_string( $data ) {
	if ( ! is_string( $data ) ) {
		return false;
	}
	$data = trim( $data );
	return strlen( $data ) >= 4 && 's' === $data[0] && ':' === $data[1] && ';' === substr( $data, -1 ) && '"' === substr( $data, -2, 1 );
}

function maybe_serialize( $data ) {
	if ( is_array( $data ) || is_object( $data ) ) {
		return serialize( $data ); // phpcs:ignore
	}
	if ( is_serialized( $data, false ) ) {
		return serialize( $data ); // phpcs:ignore
	}
	return $data;
}

function maybe_unserialize( $data ) {
	if ( is_serialized( $data ) ) {
		return @unserialize( trim( $data ) ); // phpcs:ignore
	}
	return $data;
}

/* ---------------------------------------------------------------------------
 * Arrays and parsing
 * ------------------------------------------------------------------------- */

function wp_parse_str( $string, &$array ) {
	parse_str( (string) $string, $array );
	$array = apply_filters( 'wp_parse_str', $array );
}

function wp_parse_args( $args, $defaults = array() ) {
	if ( is_object( $args ) ) {
		$parsed = get_object_vars( $args );
	} elseif ( is_array( $args ) ) {
		$parsed = &$args;
	} else {
		wp_parse_str( $args, $parsed );
	}
	if ( is_array( $defaults ) && $defaults ) {
		return array_merge( $defaults, $parsed );
	}
	return $parsed;
}

function wp_parse_list( $list ) {
	if ( ! is_array( $list ) ) {
		return preg_split( '/[\s,]+/', (string) $list, -1, PREG_SPLIT_NO_EMPTY );
	}
	return $list;
}

function wp_parse_id_list( $list ) {
	return array_unique( array_map( 'absint', wp_parse_list( $list ) ) );
}

function wp_list_pluck( $list, $field, $index_key = null ) {
	$out = array();
	foreach ( (array) $list as $key => $item ) {
		if ( is_object( $item ) ) {
			$value = $item->$field ?? null;
			$index = null === $index_key ? null : ( $item->$index_key ?? null );
		} elseif ( is_array( $item ) ) {
			$value = $item[ $field ] ?? null;
			$index = null === $index_key ? null : ( $item[ $index_key ] ?? null );
		} else {
			_doing_it_wrong( 'WP_List_Util::pluck', 'Values for the input array must be either objects or arrays.', '6.2.0' );
			continue;
		}
		if ( null === $index_key ) {
			$out[ $key ] = $value;
		} elseif ( null === $index ) {
			$out[] = $value;
		} else {
			$out[ $index ] = $value;
		}
	}
	return $out;
}

function wp_filter_object_list( $list, $args = array(), $operator = 'and', $field = false ) {
	$list = wp_list_filter( $list, $args, $operator );
	if ( $field ) {
		$list = wp_list_pluck( $list, $field );
	}
	return $list;
}

function wp_list_filter( $list, $args = array(), $operator = 'AND' ) {
	if ( ! is_array( $list ) ) {
		return array();
	}
	if ( empty( $args ) ) {
		return $list;
	}
	$operator = strtoupper( $operator );
	$count    = count( $args );
	$out      = array();
	foreach ( $list as $key => $obj ) {
		$matched = 0;
		foreach ( $args as $k => $v ) {
			$value = is_object( $obj ) ? ( $obj->$k ?? null ) : ( $obj[ $k ] ?? null );
			if ( null !== $value && $value == $v ) { // phpcs:ignore -- WordPress compares loosely.
				++$matched;
			}
		}
		if ( ( 'AND' === $operator && $matched === $count ) || ( 'OR' === $operator && $matched > 0 ) || ( 'NOT' === $operator && 0 === $matched ) ) {
			$out[ $key ] = $obj;
		}
	}
	return $out;
}

function wp_array_slice_assoc( $array, $keys ) {
	$slice = array();
	foreach ( $keys as $key ) {
		if ( isset( $array[ $key ] ) ) {
			$slice[ $key ] = $array[ $key ];
		}
	}
	return $slice;
}

function wp_is_numeric_array( $data ) {
	if ( ! is_array( $data ) ) {
		return false;
	}
	foreach ( array_keys( $data ) as $key ) {
		if ( ! is_numeric( $key ) ) {
			return false;
		}
	}
	return true;
}

function absint( $maybeint ) {
	return abs( (int) $maybeint );
}

function map_deep( $value, $callback ) {
	if ( is_array( $value ) ) {
		foreach ( $value as $index => $item ) {
			$value[ $index ] = map_deep( $item, $callback );
		}
	} elseif ( is_object( $value ) ) {
		foreach ( get_object_vars( $value ) as $name => $item ) {
			$value->$name = map_deep( $item, $callback );
		}
	} else {
		$value = call_user_func( $callback, $value );
	}
	return $value;
}

function stripslashes_deep( $value ) {
	return map_deep(
		$value,
		static function ( $v ) {
			return is_string( $v ) ? stripslashes( $v ) : $v;
		}
	);
}

function wp_unslash( $value ) {
	return stripslashes_deep( $value );
}

function addslashes_gpc( $gpc ) {
	return wp_slash( $gpc );
}

function wp_slash( $value ) {
	if ( is_array( $value ) ) {
		return array_map( 'wp_slash', $value );
	}
	if ( is_string( $value ) ) {
		return addslashes( $value );
	}
	return $value;
}

/**
 * Adds slashes to every string of an array (WordPress's add_magic_quotes()).
 */
function add_magic_quotes( $array ) {
	foreach ( (array) $array as $k => $v ) {
		if ( is_array( $v ) ) {
			$array[ $k ] = add_magic_quotes( $v );
		} elseif ( is_string( $v ) ) {
			$array[ $k ] = addslashes( $v );
		}
	}
	return $array;
}

/**
 * WordPress slashes $_GET, $_POST, $_COOKIE and $_SERVER after plugins_loaded
 * and rebuilds $_REQUEST from $_GET + $_POST (wp-settings.php).
 */
function wp_magic_quotes() {
	$_GET     = add_magic_quotes( $_GET );
	$_POST    = add_magic_quotes( $_POST );
	$_COOKIE  = add_magic_quotes( $_COOKIE );
	$_SERVER  = add_magic_quotes( $_SERVER );
	$_REQUEST = array_merge( $_GET, $_POST );
}

/* ---------------------------------------------------------------------------
 * JSON
 * ------------------------------------------------------------------------- */

function wp_json_encode( $data, $options = 0, $depth = 512 ) {
	$json = json_encode( $data, $options, $depth );
	if ( false !== $json ) {
		return $json;
	}
	$json = json_encode( _wp_json_sanity_check( $data, $depth ), $options, $depth );
	return false === $json ? false : $json;
}

function _wp_json_sanity_check( $data, $depth ) {
	if ( is_array( $data ) ) {
		$out = array();
		foreach ( $data as $k => $v ) {
			$out[ is_string( $k ) ? _wp_json_convert_string( $k ) : $k ] = _wp_json_sanity_check( $v, $depth - 1 );
		}
		return $out;
	}
	if ( is_object( $data ) ) {
		$out = new stdClass();
		foreach ( get_object_vars( $data ) as $k => $v ) {
			$out->$k = _wp_json_sanity_check( $v, $depth - 1 );
		}
		return $out;
	}
	return is_string( $data ) ? _wp_json_convert_string( $data ) : $data;
}

function _wp_json_convert_string( $string ) {
	if ( function_exists( 'mb_convert_encoding' ) && ! mb_check_encoding( $string, 'UTF-8' ) ) {
		return mb_convert_encoding( $string, 'UTF-8', 'UTF-8' );
	}
	return $string;
}

function wp_check_jsonp_callback( $callback ) {
	if ( ! is_string( $callback ) ) {
		return false;
	}
	preg_replace( '/[^\w\.]/', '', $callback, -1, $illegal );
	return 0 === $illegal;
}

function wp_is_json_media_type( $media_type ) {
	static $cache = array();
	if ( ! isset( $cache[ $media_type ] ) ) {
		$cache[ $media_type ] = (bool) preg_match( '/(^|\s|,)application\/([\w!#\$&-\^\.\+]+\+)?json(\+oembed)?($|\s|;|,)/i', (string) $media_type );
	}
	return $cache[ $media_type ];
}

function wp_is_json_request() {
	if ( isset( $_SERVER['HTTP_ACCEPT'] ) && wp_is_json_media_type( $_SERVER['HTTP_ACCEPT'] ) ) {
		return true;
	}
	if ( isset( $_SERVER['CONTENT_TYPE'] ) && wp_is_json_media_type( $_SERVER['CONTENT_TYPE'] ) ) {
		return true;
	}
	return false;
}

function wp_is_jsonp_request() {
	if ( ! isset( $_GET['_jsonp'] ) ) {
		return false;
	}
	return (bool) apply_filters( 'rest_jsonp_enabled', true ) && wp_check_jsonp_callback( $_GET['_jsonp'] );
}

/* ---------------------------------------------------------------------------
 * Randomness, salts, hashes
 * ------------------------------------------------------------------------- */

function wp_rand( $min = null, $max = null ) {
	$min = null === $min ? 0 : (int) $min;
	$max = null === $max ? 4294967295 : (int) $max;
	if ( $max < $min ) {
		list( $min, $max ) = array( $max, $min );
	}
	return random_int( $min, min( $max, PHP_INT_MAX ) );
}

function wp_generate_password( $length = 12, $special_chars = true, $extra_special_chars = false ) {
	$chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
	if ( $special_chars ) {
		$chars .= '!@#$%^&*()';
	}
	if ( $extra_special_chars ) {
		$chars .= '-_ []{}<>~`+=,.;:/?|';
	}
	$password = '';
	for ( $i = 0; $i < $length; $i++ ) {
		$password .= $chars[ random_int( 0, strlen( $chars ) - 1 ) ];
	}
	return apply_filters( 'random_password', $password, $length, $special_chars, $extra_special_chars );
}

function wp_generate_uuid4() {
	$b    = random_bytes( 16 );
	$b[6] = chr( ( ord( $b[6] ) & 0x0f ) | 0x40 );
	$b[8] = chr( ( ord( $b[8] ) & 0x3f ) | 0x80 );
	$hex  = bin2hex( $b );
	return sprintf( '%s-%s-%s-%s-%s', substr( $hex, 0, 8 ), substr( $hex, 8, 4 ), substr( $hex, 12, 4 ), substr( $hex, 16, 4 ), substr( $hex, 20, 12 ) );
}

function wp_is_uuid( $uuid, $version = null ) {
	if ( ! is_string( $uuid ) ) {
		return false;
	}
	if ( is_numeric( $version ) ) {
		if ( 4 !== (int) $version ) {
			return false;
		}
		return (bool) preg_match( '/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/', $uuid );
	}
	return (bool) preg_match( '/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/', $uuid );
}

function wp_unique_id( $prefix = '' ) {
	static $id_counter = 0;
	return $prefix . (string) ++$id_counter;
}

function wp_salt( $scheme = 'auth' ) {
	$scheme = (string) $scheme;
	$upper  = strtoupper( $scheme );
	$key    = defined( $upper . '_KEY' ) ? constant( $upper . '_KEY' ) : '';
	$salt   = defined( $upper . '_SALT' ) ? constant( $upper . '_SALT' ) : '';
	if ( '' === $key && '' === $salt ) {
		$key  = 'iotpay-double-' . $scheme . '-key';
		$salt = 'iotpay-double-' . $scheme . '-salt';
	}
	return apply_filters( 'salt', $key . $salt, $scheme );
}

function wp_hash( $data, $scheme = 'auth' ) {
	return hash_hmac( 'md5', (string) $data, wp_salt( $scheme ) );
}

/* ---------------------------------------------------------------------------
 * Time
 * ------------------------------------------------------------------------- */

function wp_timezone_string() {
	$tz = get_option( 'timezone_string' );
	if ( $tz ) {
		return $tz;
	}
	$offset  = (float) get_option( 'gmt_offset' );
	$hours   = (int) $offset;
	$minutes = abs( ( $offset - $hours ) * 60 );
	return sprintf( '%s%02d:%02d', $offset < 0 ? '-' : '+', abs( $hours ), $minutes );
}

function wp_timezone() {
	return new DateTimeZone( wp_timezone_string() );
}

function current_time( $type, $gmt = 0 ) {
	$now = iotpay_test_now();
	if ( 'timestamp' === $type || 'U' === $type ) {
		return $gmt ? $now : $now + (int) ( (float) get_option( 'gmt_offset' ) * HOUR_IN_SECONDS );
	}
	if ( 'mysql' === $type ) {
		$type = 'Y-m-d H:i:s';
	}
	$timezone = $gmt ? new DateTimeZone( 'UTC' ) : wp_timezone();
	$datetime = ( new DateTimeImmutable( '@' . $now ) )->setTimezone( $timezone );
	return $datetime->format( $type );
}

function current_datetime() {
	return ( new DateTimeImmutable( '@' . iotpay_test_now() ) )->setTimezone( wp_timezone() );
}

function wp_date( $format, $timestamp = null, $timezone = null ) {
	$timestamp = null === $timestamp ? iotpay_test_now() : (int) $timestamp;
	$timezone  = $timezone ?: wp_timezone();
	return ( new DateTimeImmutable( '@' . $timestamp ) )->setTimezone( $timezone )->format( $format );
}

function date_i18n( $format, $timestamp_with_offset = false, $gmt = false ) {
	$timestamp = $timestamp_with_offset ? (int) $timestamp_with_offset : current_time( 'timestamp', $gmt );
	return gmdate( $format, $timestamp );
}

function mysql2date( $format, $date, $translate = true ) {
	if ( empty( $date ) ) {
		return false;
	}
	$dt = date_create( $date, wp_timezone() );
	if ( false === $dt ) {
		return false;
	}
	if ( 'G' === $format || 'U' === $format ) {
		return $dt->getTimestamp();
	}
	return $dt->format( $format );
}

function get_gmt_from_date( $string, $format = 'Y-m-d H:i:s' ) {
	$dt = date_create( $string, wp_timezone() );
	if ( false === $dt ) {
		return gmdate( $format, 0 );
	}
	return $dt->setTimezone( new DateTimeZone( 'UTC' ) )->format( $format );
}

function get_date_from_gmt( $string, $format = 'Y-m-d H:i:s' ) {
	$dt = date_create( $string, new DateTimeZone( 'UTC' ) );
	if ( false === $dt ) {
		return gmdate( $format, 0 );
	}
	return $dt->setTimezone( wp_timezone() )->format( $format );
}

function number_format_i18n( $number, $decimals = 0 ) {
	return apply_filters( 'number_format_i18n', number_format( (float) $number, absint( $decimals ), '.', ',' ), $number, $decimals );
}

/* ---------------------------------------------------------------------------
 * Request context
 * ------------------------------------------------------------------------- */

function is_admin() {
	return WC_Double_Runtime::$is_admin;
}

function is_blog_admin() {
	return WC_Double_Runtime::$is_admin;
}

function is_network_admin() {
	return false;
}

function is_user_admin() {
	return false;
}

function is_multisite() {
	return false;
}

function is_main_site( $site_id = null, $network_id = null ) {
	return true;
}

function get_current_blog_id() {
	return 1;
}

function wp_doing_ajax() {
	return apply_filters( 'wp_doing_ajax', WC_Double_Runtime::$doing_ajax || ( defined( 'DOING_AJAX' ) && DOING_AJAX ) );
}

function wp_doing_cron() {
	return apply_filters( 'wp_doing_cron', WC_Double_Runtime::$doing_cron || ( defined( 'DOING_CRON' ) && DOING_CRON ) );
}

function wp_installing( $is_installing = null ) {
	return false;
}

function is_ssl() {
	if ( isset( $_SERVER['HTTPS'] ) ) {
		if ( 'on' === strtolower( (string) $_SERVER['HTTPS'] ) || '1' === (string) $_SERVER['HTTPS'] ) {
			return true;
		}
	} elseif ( isset( $_SERVER['SERVER_PORT'] ) && '443' === (string) $_SERVER['SERVER_PORT'] ) {
		return true;
	}
	return false;
}

function wp_get_environment_type() {
	return 'local';
}

function wp_is_mobile() {
	if ( empty( $_SERVER['HTTP_USER_AGENT'] ) ) {
		$is_mobile = false;
	} else {
		$ua        = (string) $_SERVER['HTTP_USER_AGENT'];
		$is_mobile = false;
		foreach ( array( 'Mobile', 'Android', 'Silk/', 'Kindle', 'BlackBerry', 'Opera Mini', 'Opera Mobi' ) as $needle ) {
			if ( false !== strpos( $ua, $needle ) ) {
				$is_mobile = true;
				break;
			}
		}
	}
	return apply_filters( 'wp_is_mobile', $is_mobile );
}

/**
 * WordPress 6.1 general-template.php wp_get_document_title(), for the pages
 * the double serves: `pre_get_document_title`; the singular page's title
 * (server.php sets $GLOBALS['wc_double_page_title']: "Checkout" on the
 * checkout endpoints, the title of WooCommerce's checkout page — WooCommerce
 * 7.9 renames the endpoint only through `the_title`; its own
 * `document_title_parts` filter for endpoints came with 9.3, PR #50900)
 * else the site name; the
 * site name as `site`; `document_title_separator` ("-"),
 * `document_title_parts`, then `document_title` (WordPress's default filters
 * there escape the result with esc_html; wptexturize is a no-op in the double).
 */
function wp_get_document_title() {
	$title = apply_filters( 'pre_get_document_title', '' );
	if ( ! empty( $title ) ) {
		return $title;
	}
	$page_title = (string) ( $GLOBALS['wc_double_page_title'] ?? '' );
	$title      = array( 'title' => '' !== $page_title ? $page_title : get_bloginfo( 'name', 'display' ) );
	if ( '' !== $page_title ) {
		$title['site'] = get_bloginfo( 'name', 'display' );
	} else {
		$title['tagline'] = get_bloginfo( 'description', 'display' );
	}
	$sep   = apply_filters( 'document_title_separator', '-' );
	$title = apply_filters( 'document_title_parts', $title );
	$title = implode( " $sep ", array_filter( $title ) );
	$title = esc_html( wptexturize( $title ) );
	return apply_filters( 'document_title', $title );
}

function get_bloginfo( $show = '', $filter = 'raw' ) {
	switch ( $show ) {
		case 'home':
		case 'siteurl':
		case 'url':
			$output = home_url();
			break;
		case 'wpurl':
			$output = site_url();
			break;
		case 'description':
			$output = get_option( 'blogdescription' );
			break;
		case 'admin_email':
			$output = get_option( 'admin_email' );
			break;
		case 'charset':
			$output = get_option( 'blog_charset' ) ?: 'UTF-8';
			break;
		case 'version':
			$output = $GLOBALS['wp_version'];
			break;
		case 'language':
			$output = str_replace( '_', '-', determine_locale() );
			break;
		case 'html_type':
			$output = 'text/html';
			break;
		case 'name':
		default:
			$output = get_option( 'blogname' );
			break;
	}
	if ( 'display' === $filter ) {
		$output = apply_filters( 'bloginfo', $output, $show );
	}
	return $output;
}

function bloginfo( $show = '' ) {
	echo get_bloginfo( $show, 'display' ); // phpcs:ignore
}

/* ---------------------------------------------------------------------------
 * Developer notices (recorded, not raised)
 * ------------------------------------------------------------------------- */

function _doing_it_wrong( $function, $message, $version ) {
	do_action( 'doing_it_wrong_run', $function, $message, $version );
	WC_Double_Runtime::$doing_it_wrong[] = array(
		'function' => (string) $function,
		'message'  => (string) $message,
		'version'  => (string) $version,
	);
}

function _deprecated_function( $function, $version, $replacement = '' ) {
	do_action( 'deprecated_function_run', $function, $replacement, $version );
	WC_Double_Runtime::$deprecated[] = array(
		'function'    => (string) $function,
		'version'     => (string) $version,
		'replacement' => (string) $replacement,
	);
}

function _deprecated_argument( $function, $version, $message = '' ) {
	do_action( 'deprecated_argument_run', $function, $message, $version );
	WC_Double_Runtime::$deprecated[] = array(
		'function'    => (string) $function . ' (argument)',
		'version'     => (string) $version,
		'replacement' => (string) $message,
	);
}

function _deprecated_hook( $hook, $version, $replacement = '', $message = '' ) {
	do_action( 'deprecated_hook_run', $hook, $replacement, $version, $message );
	WC_Double_Runtime::$deprecated[] = array(
		'function'    => 'hook ' . (string) $hook,
		'version'     => (string) $version,
		'replacement' => (string) $replacement,
	);
}

function _deprecated_file( $file, $version, $replacement = '', $message = '' ) {
	WC_Double_Runtime::$deprecated[] = array(
		'function'    => 'file ' . (string) $file,
		'version'     => (string) $version,
		'replacement' => (string) $replacement,
	);
}

/* ---------------------------------------------------------------------------
 * Form helpers
 * ------------------------------------------------------------------------- */

function __checked_selected_helper( $helper, $current, $echo, $type ) { // phpcs:ignore
	$result = ( (string) $helper === (string) $current ) ? " $type='$type'" : '';
	if ( $echo ) {
		echo $result; // phpcs:ignore
	}
	return $result;
}

function checked( $checked, $current = true, $echo = true ) {
	return __checked_selected_helper( $checked, $current, $echo, 'checked' );
}

function selected( $selected, $current = true, $echo = true ) {
	return __checked_selected_helper( $selected, $current, $echo, 'selected' );
}

function disabled( $disabled, $current = true, $echo = true ) {
	return __checked_selected_helper( $disabled, $current, $echo, 'disabled' );
}

function wp_readonly( $readonly, $current = true, $echo = true ) {
	return __checked_selected_helper( $readonly, $current, $echo, 'readonly' );
}

/* ---------------------------------------------------------------------------
 * Query vars (global $wp)
 * ------------------------------------------------------------------------- */

if ( ! class_exists( 'WP', false ) ) {
	/**
	 * The parts of WordPress's WP class a gateway touches.
	 */
	class WP {

		public $query_vars = array();

		public $request = '';

		public $matched_rule = '';

		public $public_query_vars = array();
	}
}

function get_query_var( $var, $default = '' ) {
	global $wp;
	if ( $wp instanceof WP && isset( $wp->query_vars[ $var ] ) && '' !== $wp->query_vars[ $var ] ) {
		return $wp->query_vars[ $var ];
	}
	return $default;
}

function set_query_var( $var, $value ) {
	global $wp;
	if ( ! $wp instanceof WP ) {
		$wp = new WP();
	}
	$wp->query_vars[ $var ] = $value;
}

function is_feed( $feeds = '' ) {
	return false;
}

function is_404() {
	return false;
}

function wp_get_raw_referer() {
	if ( ! empty( $_REQUEST['_wp_http_referer'] ) ) {
		return wp_unslash( $_REQUEST['_wp_http_referer'] );
	}
	if ( ! empty( $_SERVER['HTTP_REFERER'] ) ) {
		return wp_unslash( $_SERVER['HTTP_REFERER'] );
	}
	return false;
}

function wp_get_referer() {
	$ref = wp_get_raw_referer();
	if ( $ref && wp_unslash( $_SERVER['REQUEST_URI'] ?? '' ) !== $ref && home_url() . wp_unslash( $_SERVER['REQUEST_URI'] ?? '' ) !== $ref ) {
		return wp_validate_redirect( $ref, false );
	}
	return false;
}

/** WordPress 6.1: pre_determine_locale, the site locale, the user's in the admin and for `_locale=user` JSON requests, wp_lang on wp-login.php. */
function determine_locale() {
	$determined = apply_filters( 'pre_determine_locale', null );
	if ( ! empty( $determined ) && is_string( $determined ) ) {
		return $determined;
	}
	$determined = get_locale();
	if ( is_admin() ) {
		$determined = get_user_locale();
	}
	if ( isset( $_GET['_locale'] ) && 'user' === $_GET['_locale'] && wp_is_json_request() ) { // phpcs:ignore
		$determined = get_user_locale();
	}
	$wp_lang = '';
	if ( ! empty( $_GET['wp_lang'] ) ) { // phpcs:ignore
		$wp_lang = sanitize_locale_name( wp_unslash( $_GET['wp_lang'] ) ); // phpcs:ignore
	} elseif ( ! empty( $_COOKIE['wp_lang'] ) ) {
		$wp_lang = sanitize_locale_name( wp_unslash( $_COOKIE['wp_lang'] ) );
	}
	if ( ! empty( $wp_lang ) && ! empty( $GLOBALS['pagenow'] ) && 'wp-login.php' === $GLOBALS['pagenow'] ) {
		$determined = $wp_lang;
	}
	return apply_filters( 'determine_locale', $determined );
}

/** The site locale: the WPLANG option (the double reads it on every call; WordPress keeps the $locale global). */
function get_locale() {
	$locale = defined( 'WPLANG' ) ? WPLANG : '';
	$db     = get_option( 'WPLANG' );
	if ( false !== $db ) {
		$locale = $db;
	}
	if ( empty( $locale ) ) {
		$locale = 'en_US';
	}
	return apply_filters( 'locale', $locale );
}

function get_user_locale( $user = 0 ) {
	$user_object = false;
	if ( 0 === $user && function_exists( 'wp_get_current_user' ) ) {
		$user_object = wp_get_current_user();
	} elseif ( $user instanceof WP_User ) {
		$user_object = $user;
	} elseif ( $user && is_numeric( $user ) ) {
		$user_object = get_user_by( 'id', $user );
	}
	if ( ! $user_object || ! $user_object->exists() ) {
		return get_locale();
	}
	$locale = $user_object->locale;
	return $locale ? $locale : get_locale();
}

function sanitize_locale_name( $locale_name ) {
	$sanitized = preg_replace( '/[^a-zA-Z0-9_-]/', '', (string) $locale_name );
	return apply_filters( 'sanitize_locale_name', $sanitized, $locale_name );
}

function wp_mail( $to, $subject, $message, $headers = '', $attachments = array() ) {
	$atts = apply_filters( 'wp_mail', compact( 'to', 'subject', 'message', 'headers', 'attachments' ) );
	$pre  = apply_filters( 'pre_wp_mail', null, $atts );
	if ( null !== $pre ) {
		return $pre;
	}
	WC_Double_Mail::record( $atts );
	do_action( 'wp_mail_succeeded', $atts );
	return true;
}

/**
 * Records what wp_mail() "sends" in `{prefix}double_emails`.
 */
final class WC_Double_Mail {

	/** Set by the WooCommerce email double while it sends: [email_id, order_id]. */
	public static ?array $context = null;

	public static function record( array $atts ): void {
		global $wpdb;
		$to = is_array( $atts['to'] ) ? implode( ',', $atts['to'] ) : (string) $atts['to'];
		$wpdb->insert(
			$wpdb->prefix . 'double_emails',
			array(
				'email_id'  => self::$context[0] ?? 'wp_mail',
				'order_id'  => (int) ( self::$context[1] ?? 0 ),
				'recipient' => $to,
				'subject'   => (string) $atts['subject'],
				'message'   => is_string( $atts['message'] ) ? $atts['message'] : '',
				'sent_gmt'  => gmdate( 'Y-m-d H:i:s', iotpay_test_now() ),
				'pid'       => getmypid(),
			)
		);
	}
}

/* ---------------------------------------------------------------------------
 * Themes (the double has none)
 * ------------------------------------------------------------------------- */

function get_stylesheet_directory() {
	return apply_filters( 'stylesheet_directory', WP_CONTENT_DIR . '/themes/double', 'double', WP_CONTENT_DIR . '/themes' );
}

function get_template_directory() {
	return apply_filters( 'template_directory', WP_CONTENT_DIR . '/themes/double', 'double', WP_CONTENT_DIR . '/themes' );
}

/**
 * Finds a template in the child theme, the theme, then wp-includes/theme-compat (none exist in the double).
 */
function locate_template( $template_names, $load = false, $require_once = true, $args = array() ) {
	$located = '';
	foreach ( (array) $template_names as $name ) {
		if ( ! $name ) {
			continue;
		}
		foreach ( array( get_stylesheet_directory(), get_template_directory() ) as $dir ) {
			if ( file_exists( $dir . '/' . $name ) ) {
				$located = $dir . '/' . $name;
				break 2;
			}
		}
	}
	if ( $load && '' !== $located ) {
		if ( $require_once ) {
			require_once $located;
		} else {
			require $located;
		}
	}
	return $located;
}
