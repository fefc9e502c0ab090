<?php
/**
 * Test double: the WordPress HTTP API (http.php, class-wp-http.php).
 *
 * Modelled on WordPress 6.1: wp_remote_request/get/post/head() with the
 * arguments method, timeout (5), redirection (5), headers, body (array bodies
 * are form-encoded), user-agent, sslverify, blocking; the
 * `pre_http_request` short-circuit filter (return an array or WP_Error to
 * fake a response without the network) and `http_response`/`http_api_debug`;
 * responses as arrays {headers, body, response{code,message}, cookies};
 * WP_Error 'http_request_failed' on transport failure; the
 * wp_remote_retrieve_* helpers. Transport: PHP streams (only loopback
 * addresses are reachable on the test machine). Every request is recorded in
 * WC_Double_Http::$requests. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

final class WC_Double_Http {

	/**
	 * @var array<int, array{url:string, args:array}>
	 */
	public static array $requests = array();
}

function wp_remote_request( $url, $args = array() ) {
	$defaults = array(
		'method'      => 'GET',
		'timeout'     => apply_filters( 'http_request_timeout', 5, $url ),
		'redirection' => apply_filters( 'http_request_redirection_count', 5, $url ),
		'httpversion' => '1.0',
		'user-agent'  => apply_filters( 'http_headers_useragent', 'WordPress/' . $GLOBALS['wp_version'] . '; ' . get_bloginfo( 'url' ), $url ),
		'blocking'    => true,
		'headers'     => array(),
		'cookies'     => array(),
		'body'        => null,
		'sslverify'   => true,
	);
	$args = wp_parse_args( $args, $defaults );
	$args = apply_filters( 'http_request_args', $args, $url );
	WC_Double_Http::$requests[] = array(
		'url'  => (string) $url,
		'args' => $args,
	);
	$pre = apply_filters( 'pre_http_request', false, $args, $url );
	if ( false !== $pre ) {
		return $pre;
	}
	if ( ! preg_match( '#^https?://#i', (string) $url ) ) {
		return new WP_Error( 'http_request_failed', __( 'A valid URL was not provided.' ) );
	}
	$headers = array();
	foreach ( (array) $args['headers'] as $name => $value ) {
		$headers[] = is_int( $name ) ? $value : $name . ': ' . $value;
	}
	$body = $args['body'];
	if ( is_array( $body ) || is_object( $body ) ) {
		$body      = http_build_query( (array) $body, '', '&' );
		$headers[] = 'Content-Type: application/x-www-form-urlencoded; charset=' . ( get_option( 'blog_charset' ) ?: 'UTF-8' );
	}
	$context = stream_context_create(
		array(
			'http' => array(
				'method'          => strtoupper( (string) $args['method'] ),
				'header'          => implode( "\r\n", $headers ),
				'content'         => null === $body ? '' : (string) $body,
				'timeout'         => (float) $args['timeout'],
				'ignore_errors'   => true,
				'follow_location' => $args['redirection'] > 0 ? 1 : 0,
				'max_redirects'   => max( 1, (int) $args['redirection'] ),
				'user_agent'      => (string) $args['user-agent'],
				'protocol_version' => (float) $args['httpversion'],
			),
			'ssl'  => array(
				'verify_peer'      => (bool) $args['sslverify'],
				'verify_peer_name' => (bool) $args['sslverify'],
			),
		)
	);
	$response_body = @file_get_contents( (string) $url, false, $context );
	$raw_headers   = $http_response_header ?? array();
	if ( false === $response_body && ! $raw_headers ) {
		$error = error_get_last();
		return new WP_Error( 'http_request_failed', $error['message'] ?? 'Request failed' );
	}
	$code          = 0;
	$message       = '';
	$parsed        = array();
	foreach ( $raw_headers as $line ) {
		if ( preg_match( '#^HTTP/\S+\s+(\d{3})\s*(.*)$#', $line, $m ) ) {
			$code    = (int) $m[1];
			$message = trim( $m[2] );
			$parsed  = array();
			continue;
		}
		if ( false !== strpos( $line, ':' ) ) {
			list( $name, $value )         = explode( ':', $line, 2 );
			$parsed[ strtolower( trim( $name ) ) ] = trim( $value );
		}
	}
	$response = array(
		'headers'  => $parsed,
		'body'     => false === $response_body ? '' : $response_body,
		'response' => array(
			'code'    => $code,
			'message' => $message,
		),
		'cookies'  => array(),
		'filename' => null,
	);
	do_action( 'http_api_debug', $response, 'response', 'Requests', $args, $url );
	return apply_filters( 'http_response', $response, $args, $url );
}

function wp_remote_get( $url, $args = array() ) {
	$args['method'] = 'GET';
	return wp_remote_request( $url, $args );
}

function wp_remote_post( $url, $args = array() ) {
	$args['method'] = 'POST';
	return wp_remote_request( $url, $args );
}

function wp_remote_head( $url, $args = array() ) {
	$args['method'] = 'HEAD';
	return wp_remote_request( $url, $args );
}

function wp_safe_remote_request( $url, $args = array() ) {
	return wp_remote_request( $url, $args );
}

function wp_safe_remote_get( $url, $args = array() ) {
	return wp_remote_get( $url, $args );
}

function wp_safe_remote_post( $url, $args = array() ) {
	return wp_remote_post( $url, $args );
}

function wp_remote_retrieve_headers( $response ) {
	if ( is_wp_error( $response ) || ! isset( $response['headers'] ) ) {
		return array();
	}
	return $response['headers'];
}

function wp_remote_retrieve_header( $response, $header ) {
	if ( is_wp_error( $response ) || ! isset( $response['headers'] ) ) {
		return '';
	}
	$headers = array_change_key_case( (array) $response['headers'], CASE_LOWER );
	return $headers[ strtolower( (string) $header ) ] ?? '';
}

function wp_remote_retrieve_response_code( $response ) {
	if ( is_wp_error( $response ) || ! isset( $response['response'] ) || ! is_array( $response['response'] ) ) {
		return '';
	}
	return $response['response']['code'];
}

function wp_remote_retrieve_response_message( $response ) {
	if ( is_wp_error( $response ) || ! isset( $response['response'] ) || ! is_array( $response['response'] ) ) {
		return '';
	}
	return $response['response']['message'];
}

function wp_remote_retrieve_body( $response ) {
	if ( is_wp_error( $response ) || ! isset( $response['body'] ) ) {
		return '';
	}
	return $response['body'];
}
