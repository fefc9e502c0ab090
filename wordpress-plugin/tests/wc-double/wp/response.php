<?php
/**
 * Test double: HTTP response functions — wp_die(), wp_send_json*(),
 * status_header(), nocache_headers(), wp_redirect(), wp_safe_redirect().
 *
 * Modelled on WordPress 6.1 wp-includes/functions.php and pluggable.php.
 * Handler selection in wp_die() (ajax / JSON / default, with the
 * wp_die_ajax_handler, wp_die_json_handler and wp_die_handler filters), the
 * redirect filters (wp_redirect, wp_redirect_status, x_redirect_by,
 * wp_safe_redirect_fallback, allowed_redirect_hosts) and the status/no-cache
 * headers follow WordPress. Differences, on purpose: outside server.php
 * (PHPUnit) the default handlers throw WPDieException instead of exiting, and
 * wp_send_json() throws it instead of die(); headers are recorded in
 * WC_Double_Runtime (and sent only under server.php); wp_redirect() records
 * every redirect and returns true like WordPress (it never exits; opt in to
 * WPRedirectException with WC_Double_Runtime::$redirect_throws). Own
 * implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

function get_status_header_desc( $code ) {
	$descriptions = array(
		200 => 'OK',
		201 => 'Created',
		202 => 'Accepted',
		204 => 'No Content',
		301 => 'Moved Permanently',
		302 => 'Found',
		303 => 'See Other',
		304 => 'Not Modified',
		307 => 'Temporary Redirect',
		308 => 'Permanent Redirect',
		400 => 'Bad Request',
		401 => 'Unauthorized',
		403 => 'Forbidden',
		404 => 'Not Found',
		405 => 'Method Not Allowed',
		409 => 'Conflict',
		410 => 'Gone',
		422 => 'Unprocessable Entity',
		429 => 'Too Many Requests',
		500 => 'Internal Server Error',
		501 => 'Not Implemented',
		502 => 'Bad Gateway',
		503 => 'Service Unavailable',
	);
	return $descriptions[ absint( $code ) ] ?? '';
}

function status_header( $code, $description = '' ) {
	$code = absint( $code );
	if ( ! $description ) {
		$description = get_status_header_desc( $code );
	}
	if ( empty( $description ) ) {
		return;
	}
	$protocol = $_SERVER['SERVER_PROTOCOL'] ?? 'HTTP/1.1';
	$header   = apply_filters( 'status_header', "$protocol $code $description", $code, $description, $protocol );
	WC_Double_Runtime::$status = $code;
	if ( WC_Double_Runtime::$web && ! headers_sent() ) {
		header( $header, true, $code );
	}
}

function wp_get_nocache_headers() {
	$headers = array(
		'Expires'       => 'Wed, 11 Jan 1984 05:00:00 GMT',
		'Cache-Control' => 'no-cache, must-revalidate, max-age=0',
	);
	$headers                  = (array) apply_filters( 'nocache_headers', $headers );
	$headers['Last-Modified'] = false;
	return $headers;
}

function nocache_headers() {
	foreach ( wp_get_nocache_headers() as $name => $value ) {
		if ( false === $value || '' === $value ) {
			WC_Double_Runtime::remove_header( $name );
		} else {
			WC_Double_Runtime::send_header( $name, (string) $value );
		}
	}
}

function send_nosniff_header() {
	WC_Double_Runtime::send_header( 'X-Content-Type-Options', 'nosniff' );
}

function send_origin_headers() {
	return false;
}

/**
 * Records or sends a header the way the REST server and gateways do with header().
 */
function wc_double_header( string $name, string $value, bool $replace = true ): void {
	WC_Double_Runtime::send_header( $name, $value, $replace );
}

function wp_die( $message = '', $title = '', $args = array() ) {
	global $wp_query;
	if ( is_int( $args ) ) {
		$args = array( 'response' => $args );
	} elseif ( is_int( $title ) ) {
		$args  = array( 'response' => $title );
		$title = '';
	}
	if ( wp_doing_ajax() ) {
		$function = apply_filters( 'wp_die_ajax_handler', '_ajax_wp_die_handler' );
	} elseif ( wp_is_json_request() ) {
		$function = apply_filters( 'wp_die_json_handler', '_json_wp_die_handler' );
	} else {
		$function = apply_filters( 'wp_die_handler', '_default_wp_die_handler' );
	}
	call_user_func( $function, $message, $title, $args );
}

/**
 * Normalises wp_die() arguments like WordPress's _wp_die_process_input().
 *
 * @return array{0:string,1:string,2:array}
 */
function _wp_die_process_input( $message, $title = '', $args = array() ) {
	$defaults = array(
		'response'          => 0,
		'code'              => '',
		'exit'              => true,
		'back_link'         => false,
		'link_url'          => '',
		'link_text'         => '',
		'text_direction'    => '',
		'charset'           => 'utf-8',
		'additional_errors' => array(),
	);
	$args = wp_parse_args( $args, $defaults );
	if ( $message instanceof WP_Error ) {
		$errors = $message;
		$data   = $errors->get_error_data();
		if ( is_array( $data ) ) {
			if ( ! empty( $data['status'] ) && empty( $args['response'] ) ) {
				$args['response'] = $data['status'];
			}
			if ( empty( $title ) && ! empty( $data['title'] ) ) {
				$title = $data['title'];
			}
		}
		$messages = $errors->get_error_messages();
		$message  = $messages ? array_shift( $messages ) : '';
		if ( ! $args['code'] ) {
			$args['code'] = $errors->get_error_code();
		}
		foreach ( $messages as $extra ) {
			$args['additional_errors'][] = array(
				'code'    => $errors->get_error_code(),
				'message' => $extra,
			);
		}
	}
	if ( empty( $args['response'] ) ) {
		$args['response'] = 500;
	}
	if ( empty( $title ) ) {
		$title = 'WordPress &rsaquo; Error';
	}
	if ( empty( $args['code'] ) ) {
		$args['code'] = 'wp_die';
	}
	return array( is_scalar( $message ) ? (string) $message : '', (string) $title, $args );
}

function _wc_double_throw_die( string $message, string $title, array $args, int $status ): void {
	$e                = new WPDieException( $message, $status );
	$e->wp_die_title  = $title;
	$e->wp_die_args   = $args;
	$e->wp_die_status = $status;
	throw $e;
}

function _default_wp_die_handler( $message, $title = '', $args = array() ) {
	list( $message, $title, $parsed ) = _wp_die_process_input( $message, $title, $args );
	$status                           = (int) $parsed['response'];
	if ( ! WC_Double_Runtime::$web ) {
		_wc_double_throw_die( $message, $title, $parsed, $status );
	}
	if ( ! headers_sent() ) {
		status_header( $status );
		nocache_headers();
		header( 'Content-Type: text/html; charset=utf-8' );
	}
	echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>' . $title . '</title></head><body id="error-page"><div class="wp-die-message">' . $message . '</div></body></html>'; // phpcs:ignore
	if ( $parsed['exit'] ) {
		exit;
	}
}

function _ajax_wp_die_handler( $message, $title = '', $args = array() ) {
	$defaults = array( 'response' => 200 );
	$args     = wp_parse_args( $args, $defaults );
	list( $message, $title, $parsed ) = _wp_die_process_input( $message, $title, $args );
	$status   = null === ( $args['response'] ?? 200 ) ? 200 : (int) $parsed['response'];
	if ( ! WC_Double_Runtime::$web ) {
		_wc_double_throw_die( $message, $title, $parsed, $status );
	}
	if ( ! headers_sent() && null !== ( $args['response'] ?? null ) ) {
		status_header( $status );
	}
	if ( is_scalar( $message ) ) {
		die( (string) $message );
	}
	die( '0' );
}

function _json_wp_die_handler( $message, $title = '', $args = array() ) {
	list( $message, $title, $parsed ) = _wp_die_process_input( $message, $title, $args );
	$status                           = (int) $parsed['response'];
	$data                             = array(
		'code'              => $parsed['code'],
		'message'           => $message,
		'data'              => array( 'status' => $status ),
		'additional_errors' => $parsed['additional_errors'],
	);
	if ( ! WC_Double_Runtime::$web ) {
		echo wp_json_encode( $data ); // phpcs:ignore
		_wc_double_throw_die( $message, $title, $parsed, $status );
	}
	if ( ! headers_sent() ) {
		header( 'Content-Type: application/json; charset=utf-8' );
		status_header( $status );
		nocache_headers();
	}
	echo wp_json_encode( $data ); // phpcs:ignore
	if ( $parsed['exit'] ) {
		exit;
	}
}

function wp_send_json( $response, $status_code = null, $options = 0 ) {
	WC_Double_Runtime::send_header( 'Content-Type', 'application/json; charset=' . ( get_option( 'blog_charset' ) ?: 'UTF-8' ) );
	if ( null !== $status_code ) {
		status_header( $status_code );
	}
	echo wp_json_encode( $response, $options ); // phpcs:ignore
	if ( wp_doing_ajax() ) {
		wp_die(
			'',
			'',
			array( 'response' => null )
		);
	}
	if ( ! WC_Double_Runtime::$web ) {
		_wc_double_throw_die( '', '', array( 'response' => $status_code ?? 200 ), (int) ( $status_code ?? 200 ) );
	}
	die;
}

function wp_send_json_success( $data = null, $status_code = null, $options = 0 ) {
	$response = array( 'success' => true );
	if ( isset( $data ) ) {
		$response['data'] = $data;
	}
	wp_send_json( $response, $status_code, $options );
}

function wp_send_json_error( $data = null, $status_code = null, $options = 0 ) {
	$response = array( 'success' => false );
	if ( isset( $data ) ) {
		if ( is_wp_error( $data ) ) {
			$result = array();
			foreach ( $data->errors as $code => $messages ) {
				foreach ( $messages as $message ) {
					$result[] = array(
						'code'    => $code,
						'message' => $message,
					);
				}
			}
			$response['data'] = $result;
		} else {
			$response['data'] = $data;
		}
	}
	wp_send_json( $response, $status_code, $options );
}

function wp_sanitize_redirect( $location ) {
	$location = preg_replace_callback(
		'/[^\x20-\x7e]/',
		static function ( $m ) {
			return rawurlencode( $m[0] );
		},
		(string) $location
	);
	$location = str_replace( ' ', '%20', $location );
	$location = preg_replace( '|[^a-z0-9-~+_.?#=&;,/:%!*\[\]()@]|i', '', $location );
	$location = str_ireplace( array( '%0d', '%0a', '%0D', '%0A' ), '', $location );
	return $location;
}

function wp_redirect( $location, $status = 302, $x_redirect_by = 'WordPress' ) {
	$location = apply_filters( 'wp_redirect', $location, $status );
	$status   = apply_filters( 'wp_redirect_status', $status, $location );
	if ( ! $location ) {
		return false;
	}
	if ( $status < 300 || 399 < $status ) {
		wp_die( 'HTTP redirect status code must be a redirection code, 3xx.' );
	}
	$location = wp_sanitize_redirect( $location );
	status_header( $status );
	$x_redirect_by = apply_filters( 'x_redirect_by', $x_redirect_by, $status, $location );
	if ( is_string( $x_redirect_by ) ) {
		WC_Double_Runtime::send_header( 'X-Redirect-By', $x_redirect_by );
	}
	WC_Double_Runtime::send_header( 'Location', $location );
	WC_Double_Runtime::$redirects[] = array(
		'location'      => $location,
		'status'        => (int) $status,
		'x_redirect_by' => is_string( $x_redirect_by ) ? $x_redirect_by : false,
	);
	if ( WC_Double_Runtime::$redirect_throws && ! WC_Double_Runtime::$web ) {
		$e           = new WPRedirectException( 'Redirect to ' . $location, (int) $status );
		$e->location = $location;
		$e->status   = (int) $status;
		throw $e;
	}
	return true;
}

function wp_validate_redirect( $location, $default = '' ) {
	$location = wp_sanitize_redirect( trim( (string) $location, " \t\n\r\0\x08\x0B" ) );
	if ( '//' === substr( $location, 0, 2 ) ) {
		$location = 'http:' . $location;
	}
	$cut  = strpos( $location, '?' );
	$test = $cut ? substr( $location, 0, $cut ) : $location;
	$lp   = parse_url( $test );
	if ( false === $lp ) {
		return $default;
	}
	if ( isset( $lp['scheme'] ) && ! ( 'http' === $lp['scheme'] || 'https' === $lp['scheme'] ) ) {
		return $default;
	}
	if ( ! isset( $lp['host'] ) && ! empty( $lp['path'] ) && '/' !== $lp['path'][0] ) {
		$path = '';
		if ( ! empty( $_SERVER['REQUEST_URI'] ) ) {
			$path = dirname( parse_url( 'http://placeholder' . $_SERVER['REQUEST_URI'], PHP_URL_PATH ) . '?' );
			$path = wp_normalize_path( $path );
		}
		$location = '/' . ltrim( $path . '/', '/' ) . $location;
	}
	if ( ! isset( $lp['host'] ) && ( isset( $lp['scheme'] ) || isset( $lp['user'] ) || isset( $lp['pass'] ) || isset( $lp['port'] ) ) ) {
		return $default;
	}
	foreach ( array( 'user', 'pass', 'host' ) as $component ) {
		if ( isset( $lp[ $component ] ) && strpbrk( $lp[ $component ], ':/?#@' ) ) {
			return $default;
		}
	}
	$wpp           = parse_url( home_url() );
	$allowed_hosts = (array) apply_filters( 'allowed_redirect_hosts', array( $wpp['host'] ?? '' ), $lp['host'] ?? '' );
	if ( isset( $lp['host'] ) && ( ! in_array( $lp['host'], $allowed_hosts, true ) && strtolower( $wpp['host'] ?? '' ) !== strtolower( $lp['host'] ) ) ) {
		$location = $default;
	}
	return $location;
}

function wp_safe_redirect( $location, $status = 302, $x_redirect_by = 'WordPress' ) {
	$location = wp_sanitize_redirect( $location );
	$fallback = apply_filters( 'wp_safe_redirect_fallback', admin_url(), $status );
	$location = wp_validate_redirect( $location, $fallback );
	return wp_redirect( $location, $status, $x_redirect_by );
}
