<?php
/**
 * Test double: the WordPress REST API (rest-api.php, class-wp-rest-server.php,
 * class-wp-rest-request.php, class-wp-rest-response.php,
 * class-wp-http-response.php).
 *
 * Modelled on WordPress 6.1 (WordPress/wordpress-develop src/wp-includes/rest-api):
 * register_rest_route() (namespace required, `callback` shorthand, methods as
 * string/array, _doing_it_wrong without permission_callback or outside
 * rest_api_init), rest_get_server() firing rest_api_init once per request,
 * WP_REST_Server::dispatch() (rest_pre_dispatch, route regex with named
 * groups, rest_no_route 404, required args → rest_missing_callback_param 400,
 * validate_callback → rest_invalid_param 400, sanitize_callback with
 * rest_parse_request_arg as the default for typed args, permission_callback
 * false/null → rest_forbidden 401/403, rest_request_before/after_callbacks,
 * rest_dispatch_request), WP_REST_Server::serve_request() (JSON headers,
 * rest_authentication_errors with rest_cookie_check_errors at priority 100,
 * rest_post_dispatch, then `rest_pre_serve_request` with ($served, $result,
 * $request, $server) — when it returns true nothing else is echoed —, then
 * rest_pre_echo_response and wp_json_encode; 204/HEAD have no body),
 * WP_REST_Request parameter order (JSON, POST for body methods, GET, URL,
 * defaults), header canonicalisation, get_json_params/get_content_type, and
 * error_to_response ({code, message, data}). Schema validation covers type,
 * enum, minimum/maximum, minLength/maxLength, pattern and the email/uuid
 * formats only. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WP_HTTP_Response {

	public $data;

	public $headers = array();

	public $status = 200;

	public function __construct( $data = null, $status = 200, $headers = array() ) {
		$this->set_data( $data );
		$this->set_status( $status );
		$this->set_headers( $headers );
	}

	public function get_headers() {
		return $this->headers;
	}

	public function set_headers( $headers ) {
		$this->headers = $headers;
	}

	public function header( $key, $value, $replace = true ) {
		if ( $replace || ! isset( $this->headers[ $key ] ) ) {
			$this->headers[ $key ] = $value;
		} else {
			$this->headers[ $key ] .= ', ' . $value;
		}
	}

	public function get_status() {
		return $this->status;
	}

	public function set_status( $code ) {
		$this->status = absint( $code );
	}

	public function get_data() {
		return $this->data;
	}

	public function set_data( $data ) {
		$this->data = $data;
	}

	public function jsonSerialize() { // phpcs:ignore
		return $this->get_data();
	}
}

class WP_REST_Response extends WP_HTTP_Response {

	protected $links = array();

	protected $matched_route = '';

	protected $matched_handler = null;

	public function add_link( $rel, $href, $attributes = array() ) {
		$this->links[ $rel ][] = array(
			'href'       => $href,
			'attributes' => $attributes,
		);
	}

	public function remove_link( $rel, $href = null ) {
		unset( $this->links[ $rel ] );
	}

	public function add_links( $links ) {
		foreach ( $links as $rel => $set ) {
			if ( isset( $set['href'] ) ) {
				$set = array( $set );
			}
			foreach ( $set as $attributes ) {
				$this->add_link( $rel, $attributes['href'], $attributes );
			}
		}
	}

	public function get_links() {
		return $this->links;
	}

	public function link_header( $rel, $link, $other = array() ) {
		$header = '<' . $link . '>; rel="' . $rel . '"';
		foreach ( $other as $key => $value ) {
			$header .= '; ' . $key . '="' . $value . '"';
		}
		$this->header( 'Link', $header, false );
	}

	public function get_matched_route() {
		return $this->matched_route;
	}

	public function set_matched_route( $route ) {
		$this->matched_route = $route;
	}

	public function get_matched_handler() {
		return $this->matched_handler;
	}

	public function set_matched_handler( $handler ) {
		$this->matched_handler = $handler;
	}

	public function is_error() {
		return $this->get_status() >= 400;
	}

	public function as_error() {
		if ( ! $this->is_error() ) {
			return null;
		}
		$error = new WP_Error();
		$data  = $this->get_data();
		if ( is_array( $data ) && isset( $data['code'], $data['message'] ) ) {
			$error->add( $data['code'], $data['message'], $data['data'] ?? '' );
		} else {
			$error->add( 'rest_error', 'Error', array( 'status' => $this->get_status() ) );
		}
		return $error;
	}

	public function get_curies() {
		return array();
	}
}

class WP_REST_Request implements ArrayAccess {

	protected $method = '';

	protected $params;

	protected $headers = array();

	protected $body = null;

	protected $route;

	protected $attributes = array();

	protected $parsed_json = false;

	protected $parsed_body = false;

	public function __construct( $method = '', $route = '', $attributes = array() ) {
		$this->params = array(
			'URL'      => array(),
			'GET'      => array(),
			'POST'     => array(),
			'FILES'    => array(),
			'JSON'     => null,
			'defaults' => array(),
		);
		$this->set_method( $method );
		$this->set_route( $route );
		$this->set_attributes( $attributes );
	}

	public function get_method() {
		return $this->method;
	}

	public function set_method( $method ) {
		$this->method = strtoupper( (string) $method );
	}

	public function get_headers() {
		return $this->headers;
	}

	public static function canonicalize_header_name( $key ) {
		return str_replace( '-', '_', strtolower( (string) $key ) );
	}

	public function get_header( $key ) {
		$key = self::canonicalize_header_name( $key );
		if ( ! isset( $this->headers[ $key ] ) ) {
			return null;
		}
		return implode( ',', $this->headers[ $key ] );
	}

	public function get_header_as_array( $key ) {
		$key = self::canonicalize_header_name( $key );
		return $this->headers[ $key ] ?? null;
	}

	public function set_header( $key, $value ) {
		$key                   = self::canonicalize_header_name( $key );
		$this->headers[ $key ] = (array) $value;
	}

	public function add_header( $key, $value ) {
		$key = self::canonicalize_header_name( $key );
		if ( ! isset( $this->headers[ $key ] ) ) {
			$this->headers[ $key ] = array();
		}
		$this->headers[ $key ] = array_merge( $this->headers[ $key ], (array) $value );
	}

	public function remove_header( $key ) {
		unset( $this->headers[ self::canonicalize_header_name( $key ) ] );
	}

	public function set_headers( $headers, $override = true ) {
		if ( true === $override ) {
			$this->headers = array();
		}
		foreach ( $headers as $key => $value ) {
			$this->set_header( $key, $value );
		}
	}

	public function get_content_type() {
		$value = $this->get_header( 'content-type' );
		if ( empty( $value ) ) {
			return null;
		}
		$parameters = '';
		if ( strpos( $value, ';' ) ) {
			list( $value, $parameters ) = explode( ';', $value, 2 );
		}
		$value = strtolower( trim( $value ) );
		if ( false === strpos( $value, '/' ) ) {
			return null;
		}
		list( $type, $subtype ) = explode( '/', $value, 2 );
		return array(
			'value'      => $value,
			'type'       => $type,
			'subtype'    => $subtype,
			'parameters' => trim( $parameters ),
		);
	}

	public function is_json_content_type() {
		$content_type = $this->get_content_type();
		return isset( $content_type['value'] ) && wp_is_json_media_type( $content_type['value'] );
	}

	protected function get_parameter_order() {
		$order = array();
		if ( $this->is_json_content_type() ) {
			$order[] = 'JSON';
		}
		$this->parse_json_params();
		$body = $this->get_body();
		if ( 'POST' !== $this->method && ! empty( $body ) ) {
			$this->parse_body_params();
		}
		if ( in_array( $this->method, array( 'POST', 'PUT', 'PATCH', 'DELETE' ), true ) ) {
			$order[] = 'POST';
		}
		$order[] = 'GET';
		$order[] = 'URL';
		$order[] = 'defaults';
		return apply_filters( 'rest_request_parameter_order', $order, $this );
	}

	public function get_param( $key ) {
		foreach ( $this->get_parameter_order() as $type ) {
			if ( is_array( $this->params[ $type ] ) && array_key_exists( $key, $this->params[ $type ] ) ) {
				return $this->params[ $type ][ $key ];
			}
		}
		return null;
	}

	public function has_param( $key ) {
		foreach ( $this->get_parameter_order() as $type ) {
			if ( is_array( $this->params[ $type ] ) && array_key_exists( $key, $this->params[ $type ] ) ) {
				return true;
			}
		}
		return false;
	}

	public function set_param( $key, $value ) {
		$order     = $this->get_parameter_order();
		$found_key = false;
		foreach ( $order as $type ) {
			if ( 'defaults' !== $type && is_array( $this->params[ $type ] ) && array_key_exists( $key, $this->params[ $type ] ) ) {
				$this->params[ $type ][ $key ] = $value;
				$found_key                     = true;
			}
		}
		if ( ! $found_key ) {
			$this->params[ $order[0] ][ $key ] = $value;
		}
	}

	public function get_params() {
		$order  = array_reverse( $this->get_parameter_order(), true );
		$params = array();
		foreach ( $order as $type ) {
			foreach ( (array) $this->params[ $type ] as $key => $value ) {
				$params[ $key ] = $value;
			}
		}
		return $params;
	}

	public function get_url_params() {
		return $this->params['URL'];
	}

	public function set_url_params( $params ) {
		$this->params['URL'] = $params;
	}

	public function get_query_params() {
		return $this->params['GET'];
	}

	public function set_query_params( $params ) {
		$this->params['GET'] = $params;
	}

	public function get_body_params() {
		return $this->params['POST'];
	}

	public function set_body_params( $params ) {
		$this->params['POST'] = $params;
	}

	public function get_file_params() {
		return $this->params['FILES'];
	}

	public function set_file_params( $params ) {
		$this->params['FILES'] = $params;
	}

	public function get_default_params() {
		return $this->params['defaults'];
	}

	public function set_default_params( $params ) {
		$this->params['defaults'] = $params;
	}

	public function get_body() {
		return $this->body;
	}

	public function set_body( $data ) {
		$this->body                 = $data;
		$this->parsed_json          = false;
		$this->parsed_body          = false;
		$this->params['JSON']       = null;
	}

	public function get_json_params() {
		$this->parse_json_params();
		return $this->params['JSON'];
	}

	protected function parse_json_params() {
		if ( $this->parsed_json ) {
			return true;
		}
		$this->parsed_json = true;
		if ( ! $this->is_json_content_type() ) {
			return true;
		}
		$body = $this->get_body();
		if ( empty( $body ) ) {
			return true;
		}
		$params = json_decode( $body, true );
		if ( null === $params && JSON_ERROR_NONE !== json_last_error() ) {
			$this->parsed_json = false;
			return new WP_Error(
				'rest_invalid_json',
				__( 'Invalid JSON body passed.' ),
				array(
					'status'             => 400,
					'json_error_code'    => json_last_error(),
					'json_error_message' => json_last_error_msg(),
				)
			);
		}
		$this->params['JSON'] = $params;
		return true;
	}

	protected function parse_body_params() {
		if ( $this->parsed_body ) {
			return;
		}
		$this->parsed_body = true;
		$content_type      = $this->get_content_type();
		if ( ! empty( $content_type ) && 'application/x-www-form-urlencoded' !== $content_type['value'] ) {
			return;
		}
		parse_str( (string) $this->get_body(), $params );
		$this->params['POST'] = array_merge( $params, $this->params['POST'] );
	}

	public function get_route() {
		return $this->route;
	}

	public function set_route( $route ) {
		$this->route = $route;
	}

	public function get_attributes() {
		return $this->attributes;
	}

	public function set_attributes( $attributes ) {
		$this->attributes = $attributes;
	}

	public function sanitize_params() {
		$attributes = $this->get_attributes();
		if ( empty( $attributes['args'] ) ) {
			return true;
		}
		$invalid = array();
		$details = array();
		foreach ( $this->get_parameter_order() as $type ) {
			if ( empty( $this->params[ $type ] ) ) {
				continue;
			}
			foreach ( $this->params[ $type ] as $key => $value ) {
				if ( ! isset( $attributes['args'][ $key ] ) ) {
					continue;
				}
				$param_args = $attributes['args'][ $key ];
				if ( ! array_key_exists( 'sanitize_callback', $param_args ) && ! empty( $param_args['type'] ) ) {
					$param_args['sanitize_callback'] = 'rest_parse_request_arg';
				}
				if ( empty( $param_args['sanitize_callback'] ) ) {
					continue;
				}
				$sanitized = call_user_func( $param_args['sanitize_callback'], $value, $this, $key );
				if ( is_wp_error( $sanitized ) ) {
					$invalid[ $key ] = implode( ' ', $sanitized->get_error_messages() );
					$details[ $key ] = rest_convert_error_to_response( $sanitized )->get_data();
				} else {
					$this->params[ $type ][ $key ] = $sanitized;
				}
			}
		}
		if ( $invalid ) {
			return new WP_Error(
				'rest_invalid_param',
				sprintf( __( 'Invalid parameter(s): %s' ), implode( ', ', array_keys( $invalid ) ) ),
				array(
					'status'  => 400,
					'params'  => $invalid,
					'details' => $details,
				)
			);
		}
		return true;
	}

	public function has_valid_params() {
		$json_error = $this->parse_json_params();
		if ( is_wp_error( $json_error ) ) {
			return $json_error;
		}
		$attributes = $this->get_attributes();
		$args       = empty( $attributes['args'] ) ? array() : $attributes['args'];
		$required   = array();
		foreach ( $args as $key => $arg ) {
			if ( isset( $arg['required'] ) && true === $arg['required'] && null === $this->get_param( $key ) ) {
				$required[] = $key;
			}
		}
		if ( $required ) {
			return new WP_Error(
				'rest_missing_callback_param',
				sprintf( __( 'Missing parameter(s): %s' ), implode( ', ', $required ) ),
				array(
					'status' => 400,
					'params' => $required,
				)
			);
		}
		$invalid = array();
		$details = array();
		foreach ( $args as $key => $arg ) {
			$param = $this->get_param( $key );
			if ( null !== $param && ! empty( $arg['validate_callback'] ) ) {
				$check = call_user_func( $arg['validate_callback'], $param, $this, $key );
				if ( false === $check ) {
					$invalid[ $key ] = __( 'Invalid parameter.' );
				}
				if ( is_wp_error( $check ) ) {
					$invalid[ $key ] = implode( ' ', $check->get_error_messages() );
					$details[ $key ] = rest_convert_error_to_response( $check )->get_data();
				}
			}
		}
		if ( $invalid ) {
			return new WP_Error(
				'rest_invalid_param',
				sprintf( __( 'Invalid parameter(s): %s' ), implode( ', ', array_keys( $invalid ) ) ),
				array(
					'status'  => 400,
					'params'  => $invalid,
					'details' => $details,
				)
			);
		}
		if ( isset( $attributes['validate_callback'] ) ) {
			$valid = call_user_func( $attributes['validate_callback'], $this );
			if ( is_wp_error( $valid ) ) {
				return $valid;
			}
			if ( false === $valid ) {
				return new WP_Error( 'rest_invalid_params', __( 'Invalid parameters.' ), array( 'status' => 400 ) );
			}
		}
		return true;
	}

	public function offsetExists( $offset ): bool {
		foreach ( $this->get_parameter_order() as $type ) {
			if ( is_array( $this->params[ $type ] ) && isset( $this->params[ $type ][ $offset ] ) ) {
				return true;
			}
		}
		return false;
	}

	#[\ReturnTypeWillChange]
	public function offsetGet( $offset ) {
		return $this->get_param( $offset );
	}

	public function offsetSet( $offset, $value ): void {
		$this->set_param( $offset, $value );
	}

	public function offsetUnset( $offset ): void {
		foreach ( $this->get_parameter_order() as $type ) {
			if ( is_array( $this->params[ $type ] ) ) {
				unset( $this->params[ $type ][ $offset ] );
			}
		}
	}

	public static function from_url( $url ) {
		$bits         = parse_url( $url );
		$query_params = array();
		if ( ! empty( $bits['query'] ) ) {
			wp_parse_str( $bits['query'], $query_params );
		}
		$api_root = rest_url();
		if ( get_option( 'permalink_structure' ) && 0 === strpos( $url, $api_root ) ) {
			$api_url_part = substr( $url, strlen( untrailingslashit( $api_root ) ) );
			$route        = parse_url( $api_url_part, PHP_URL_PATH );
		} elseif ( ! empty( $query_params['rest_route'] ) ) {
			$route = $query_params['rest_route'];
			unset( $query_params['rest_route'] );
		}
		if ( empty( $route ) ) {
			return false;
		}
		$request = new WP_REST_Request( 'GET', $route );
		$request->set_query_params( $query_params );
		return apply_filters( 'rest_request_from_url', $request, $url );
	}
}

class WP_REST_Server {

	const METHOD_GET    = 'GET';
	const METHOD_POST   = 'POST';
	const METHOD_PUT    = 'PUT';
	const METHOD_PATCH  = 'PATCH';
	const METHOD_DELETE = 'DELETE';
	const READABLE      = 'GET';
	const CREATABLE     = 'POST';
	const EDITABLE      = 'POST, PUT, PATCH';
	const DELETABLE     = 'DELETE';
	const ALLMETHODS    = 'GET, POST, PUT, PATCH, DELETE';

	protected $namespaces = array();

	protected $endpoints = array();

	protected $route_options = array();

	public function __construct() {
		$this->endpoints = array(
			'/' => array(
				'callback' => array( $this, 'get_index' ),
				'methods'  => 'GET',
				'args'     => array(
					'context' => array( 'default' => 'view' ),
				),
			),
		);
	}

	public function check_authentication() {
		return apply_filters( 'rest_authentication_errors', null );
	}

	protected function error_to_response( $error ) {
		return rest_convert_error_to_response( $error );
	}

	protected function json_error( $code, $message, $status = null ) {
		if ( $status ) {
			$this->set_status( $status );
		}
		return wp_json_encode(
			array(
				'code'    => $code,
				'message' => $message,
				'data'    => array( 'status' => $status ),
			)
		);
	}

	public function send_header( $key, $value ) {
		$value = preg_replace( '/\s+/', ' ', (string) $value );
		WC_Double_Runtime::send_header( (string) $key, $value );
	}

	public function send_headers( $headers ) {
		foreach ( $headers as $key => $value ) {
			$this->send_header( $key, $value );
		}
	}

	public function remove_header( $key ) {
		WC_Double_Runtime::remove_header( (string) $key );
	}

	protected function set_status( $code ) {
		status_header( $code );
	}

	public static function get_raw_data() {
		return (string) file_get_contents( 'php://input' );
	}

	public function get_headers( $server ) {
		$headers    = array();
		$additional = array(
			'CONTENT_LENGTH' => true,
			'CONTENT_MD5'    => true,
			'CONTENT_TYPE'   => true,
		);
		foreach ( $server as $key => $value ) {
			if ( 0 === strpos( (string) $key, 'HTTP_' ) ) {
				$headers[ substr( $key, 5 ) ] = $value;
			} elseif ( 'REDIRECT_HTTP_AUTHORIZATION' === $key && empty( $server['HTTP_AUTHORIZATION'] ) ) {
				$headers['AUTHORIZATION'] = $value;
			} elseif ( isset( $additional[ $key ] ) ) {
				$headers[ $key ] = $value;
			}
		}
		return $headers;
	}

	/**
	 * Serves the current HTTP request ($_SERVER, $_GET, $_POST, php://input).
	 *
	 * @param string|null $path     Route.
	 * @param string|null $raw_body Body to use instead of php://input (tests).
	 */
	public function serve_request( $path = null, $raw_body = null ) {
		$content_type = isset( $_GET['_jsonp'] ) ? 'application/javascript' : 'application/json';
		$this->send_header( 'Content-Type', $content_type . '; charset=' . ( get_option( 'blog_charset' ) ?: 'UTF-8' ) );
		$this->send_header( 'X-Robots-Tag', 'noindex' );
		$api_root = get_rest_url();
		if ( ! empty( $api_root ) ) {
			$this->send_header( 'Link', '<' . sanitize_url( $api_root ) . '>; rel="https://api.w.org/"' );
		}
		$this->send_header( 'X-Content-Type-Options', 'nosniff' );
		$expose = apply_filters( 'rest_exposed_cors_headers', array( 'X-WP-Total', 'X-WP-TotalPages', 'Link' ) );
		$this->send_header( 'Access-Control-Expose-Headers', implode( ', ', $expose ) );
		$allow = apply_filters( 'rest_allowed_cors_headers', array( 'Authorization', 'X-WP-Nonce', 'Content-Disposition', 'Content-MD5', 'Content-Type' ) );
		$this->send_header( 'Access-Control-Allow-Headers', implode( ', ', $allow ) );
		if ( apply_filters( 'rest_send_nocache_headers', is_user_logged_in() ) ) {
			foreach ( wp_get_nocache_headers() as $header => $value ) {
				if ( empty( $value ) ) {
					$this->remove_header( $header );
				} else {
					$this->send_header( $header, $value );
				}
			}
		}
		$jsonp_callback = null;
		if ( isset( $_GET['_jsonp'] ) ) {
			if ( ! apply_filters( 'rest_jsonp_enabled', true ) ) {
				echo $this->json_error( 'rest_callback_disabled', __( 'JSONP support is disabled on this site.' ), 400 ); // phpcs:ignore
				return false;
			}
			$jsonp_callback = $_GET['_jsonp'];
			if ( ! wp_check_jsonp_callback( $jsonp_callback ) ) {
				echo $this->json_error( 'rest_callback_invalid', __( 'Invalid JSONP callback function.' ), 400 ); // phpcs:ignore
				return false;
			}
		}
		if ( empty( $path ) ) {
			$path = $_SERVER['PATH_INFO'] ?? '/';
		}
		$request = new WP_REST_Request( $_SERVER['REQUEST_METHOD'] ?? 'GET', $path );
		$request->set_query_params( wp_unslash( $_GET ) );
		$request->set_body_params( wp_unslash( $_POST ) );
		$request->set_file_params( $_FILES );
		$request->set_headers( $this->get_headers( wp_unslash( $_SERVER ) ) );
		$request->set_body( null === $raw_body ? self::get_raw_data() : $raw_body );
		if ( isset( $_GET['_method'] ) ) {
			$request->set_method( $_GET['_method'] );
		} elseif ( isset( $_SERVER['HTTP_X_HTTP_METHOD_OVERRIDE'] ) ) {
			$request->set_method( $_SERVER['HTTP_X_HTTP_METHOD_OVERRIDE'] );
		}

		$result = $this->check_authentication();
		if ( ! is_wp_error( $result ) ) {
			$result = $this->dispatch( $request );
		}
		$result = rest_ensure_response( $result );
		if ( is_wp_error( $result ) ) {
			$result = $this->error_to_response( $result );
		}
		$result = apply_filters( 'rest_post_dispatch', rest_ensure_response( $result ), $this, $request );
		if ( isset( $_GET['_envelope'] ) ) {
			$result = rest_ensure_response(
				apply_filters(
					'rest_envelope_response',
					array(
						'body'    => $this->response_to_data( $result, false ),
						'status'  => $result->get_status(),
						'headers' => $result->get_headers(),
					),
					$result
				)
			);
		}
		$this->send_headers( $result->get_headers() );
		$code = $result->get_status();
		$this->set_status( $code );

		$served = apply_filters( 'rest_pre_serve_request', false, $result, $request, $this );
		if ( ! $served ) {
			if ( 'HEAD' === $request->get_method() ) {
				return null;
			}
			$data = $this->response_to_data( $result, false );
			$data = apply_filters( 'rest_pre_echo_response', $data, $this, $request );
			if ( 204 === $code || null === $data ) {
				return null;
			}
			$json = wp_json_encode( $data );
			if ( false === $json ) {
				$json = wp_json_encode(
					$this->error_to_response( new WP_Error( 'rest_encode_error', json_last_error_msg(), array( 'status' => 500 ) ) )->get_data()
				);
			}
			if ( $jsonp_callback ) {
				echo '/**/' . $jsonp_callback . '(' . $json . ')'; // phpcs:ignore
			} else {
				echo $json; // phpcs:ignore
			}
		}
		return null;
	}

	public function response_to_data( $response, $embed ) {
		$data  = $response->get_data();
		$links = array();
		foreach ( $response->get_links() as $rel => $items ) {
			foreach ( $items as $item ) {
				$attributes         = $item['attributes'];
				$attributes['href'] = $item['href'];
				$links[ $rel ][]    = $attributes;
			}
		}
		if ( $links && is_array( $data ) ) {
			$data['_links'] = $links;
		}
		return $data;
	}

	public function register_route( $route_namespace, $route, $route_args, $override = false ) {
		if ( ! isset( $this->namespaces[ $route_namespace ] ) ) {
			$this->namespaces[ $route_namespace ] = array();
			$this->register_route(
				$route_namespace,
				'/' . $route_namespace,
				array(
					array(
						'methods'             => self::READABLE,
						'callback'            => array( $this, 'get_namespace_index' ),
						'permission_callback' => '__return_true',
						'args'                => array(
							'namespace' => array( 'default' => $route_namespace ),
							'context'   => array( 'default' => 'view' ),
						),
					),
				)
			);
		}
		$this->namespaces[ $route_namespace ][ $route ] = true;
		$route_args['namespace']                        = $route_namespace;
		if ( $override || empty( $this->endpoints[ $route ] ) ) {
			$this->endpoints[ $route ] = $route_args;
		} else {
			$this->endpoints[ $route ] = array_merge( $this->endpoints[ $route ], $route_args );
		}
	}

	public function get_routes( $route_namespace = '' ) {
		$endpoints = apply_filters( 'rest_endpoints', $this->endpoints );
		$defaults  = array(
			'methods'       => '',
			'accept_json'   => false,
			'accept_raw'    => false,
			'show_in_index' => true,
			'args'          => array(),
		);
		foreach ( $endpoints as $route => &$handlers ) {
			if ( $route_namespace && ( $handlers['namespace'] ?? '' ) !== $route_namespace ) {
				unset( $endpoints[ $route ] );
				continue;
			}
			if ( isset( $handlers['callback'] ) ) {
				$handlers = array( $handlers );
			}
			if ( ! isset( $this->route_options[ $route ] ) ) {
				$this->route_options[ $route ] = array();
			}
			foreach ( $handlers as $key => &$handler ) {
				if ( ! is_numeric( $key ) ) {
					$this->route_options[ $route ][ $key ] = $handler;
					unset( $handlers[ $key ] );
					continue;
				}
				$handler = wp_parse_args( $handler, $defaults );
				if ( is_string( $handler['methods'] ) ) {
					$methods = explode( ',', $handler['methods'] );
				} elseif ( is_array( $handler['methods'] ) ) {
					$methods = $handler['methods'];
				} else {
					$methods = array();
				}
				$handler['methods'] = array();
				foreach ( $methods as $method ) {
					$handler['methods'][ strtoupper( trim( $method ) ) ] = true;
				}
			}
			unset( $handler );
		}
		unset( $handlers );
		return $endpoints;
	}

	public function get_namespaces() {
		return array_keys( $this->namespaces );
	}

	public function get_route_options( $route ) {
		return $this->route_options[ $route ] ?? null;
	}

	/**
	 * @return array{0:string,1:array}|WP_Error
	 */
	protected function match_request_to_handler( $request ) {
		$method = $request->get_method();
		$path   = (string) $request->get_route();
		foreach ( $this->get_routes() as $route => $handlers ) {
			if ( ! preg_match( '@^' . $route . '$@i', $path, $matches ) ) {
				continue;
			}
			$args = array();
			foreach ( $matches as $param => $value ) {
				if ( ! is_int( $param ) ) {
					$args[ $param ] = $value;
				}
			}
			foreach ( $handlers as $handler ) {
				$callback = $handler['callback'];
				$checked  = $method;
				if ( 'HEAD' === $method && empty( $handler['methods']['HEAD'] ) ) {
					$checked = 'GET';
				}
				if ( empty( $handler['methods'][ $checked ] ) ) {
					continue;
				}
				if ( ! is_callable( $callback ) ) {
					return array( $route, $handler );
				}
				$request->set_url_params( $args );
				$request->set_attributes( $handler );
				$defaults = array();
				foreach ( $handler['args'] as $arg => $options ) {
					if ( is_array( $options ) && array_key_exists( 'default', $options ) ) {
						$defaults[ $arg ] = $options['default'];
					}
				}
				$request->set_default_params( $defaults );
				return array( $route, $handler );
			}
		}
		return new WP_Error( 'rest_no_route', __( 'No route was found matching the URL and request method.' ), array( 'status' => 404 ) );
	}

	public function dispatch( $request ) {
		$result = apply_filters( 'rest_pre_dispatch', null, $this, $request );
		if ( ! empty( $result ) ) {
			return $result;
		}
		$error   = null;
		$matched = $this->match_request_to_handler( $request );
		if ( is_wp_error( $matched ) ) {
			return $this->error_to_response( $matched );
		}
		list( $route, $handler ) = $matched;
		if ( ! is_callable( $handler['callback'] ) ) {
			$error = new WP_Error( 'rest_invalid_handler', __( 'The handler for the route is invalid.' ), array( 'status' => 500 ) );
		}
		if ( ! is_wp_error( $error ) ) {
			$check_required = $request->has_valid_params();
			if ( is_wp_error( $check_required ) ) {
				$error = $check_required;
			} else {
				$check_sanitized = $request->sanitize_params();
				if ( is_wp_error( $check_sanitized ) ) {
					$error = $check_sanitized;
				}
			}
		}
		return $this->respond_to_request( $request, $route, $handler, $error );
	}

	protected function respond_to_request( $request, $route, $handler, $response ) {
		$response = apply_filters( 'rest_request_before_callbacks', $response, $handler, $request );
		if ( ! is_wp_error( $response ) && ! empty( $handler['permission_callback'] ) ) {
			$permission = call_user_func( $handler['permission_callback'], $request );
			if ( is_wp_error( $permission ) ) {
				$response = $permission;
			} elseif ( false === $permission || null === $permission ) {
				$response = new WP_Error( 'rest_forbidden', __( 'Sorry, you are not allowed to do that.' ), array( 'status' => rest_authorization_required_code() ) );
			}
		}
		if ( ! is_wp_error( $response ) ) {
			$dispatch_result = apply_filters( 'rest_dispatch_request', null, $request, $route, $handler );
			$response        = null !== $dispatch_result ? $dispatch_result : call_user_func( $handler['callback'], $request );
		}
		$response = apply_filters( 'rest_request_after_callbacks', $response, $handler, $request );
		if ( is_wp_error( $response ) ) {
			$response = $this->error_to_response( $response );
		} else {
			$response = rest_ensure_response( $response );
		}
		$response->set_matched_route( $route );
		$response->set_matched_handler( $handler );
		return $response;
	}

	public function get_index( $request ) {
		return new WP_REST_Response(
			array(
				'name'       => get_option( 'blogname' ),
				'url'        => get_option( 'siteurl' ),
				'home'       => home_url(),
				'namespaces' => array_keys( $this->namespaces ),
				'routes'     => array_keys( $this->get_routes() ),
			)
		);
	}

	public function get_namespace_index( $request ) {
		$namespace = $request['namespace'];
		if ( ! isset( $this->namespaces[ $namespace ] ) ) {
			return new WP_Error( 'rest_invalid_namespace', __( 'The specified namespace could not be found.' ), array( 'status' => 404 ) );
		}
		return new WP_REST_Response(
			array(
				'namespace' => $namespace,
				'routes'    => array_keys( $this->get_routes( $namespace ) ),
			)
		);
	}
}

/* ---------------------------------------------------------------------------
 * Functions
 * ------------------------------------------------------------------------- */

function rest_get_server() {
	global $wp_rest_server;
	if ( empty( $wp_rest_server ) ) {
		$class          = apply_filters( 'wp_rest_server_class', 'WP_REST_Server' );
		$wp_rest_server = new $class();
		do_action( 'rest_api_init', $wp_rest_server );
	}
	return $wp_rest_server;
}

/**
 * WordPress 6.1 rest-api.php rest_api_loaded(), hooked on `parse_request`
 * (default-filters.php): serves the request when the parsed query has a
 * `rest_route` (from ?rest_route=, the /wp-json/ rewrite rules, or a plugin's
 * parse_request callback running first) and ends the request.
 */
function rest_api_loaded() {
	if ( empty( $GLOBALS['wp']->query_vars['rest_route'] ) ) {
		return;
	}
	define( 'REST_REQUEST', true );
	$server = rest_get_server();
	$route  = untrailingslashit( $GLOBALS['wp']->query_vars['rest_route'] );
	if ( empty( $route ) ) {
		$route = '/';
	}
	$server->serve_request( $route );
	die();
}

function register_rest_route( $route_namespace, $route, $args = array(), $override = false ) {
	if ( empty( $route_namespace ) ) {
		_doing_it_wrong( 'register_rest_route', 'Routes must be namespaced with plugin or theme name and version.', '4.4.0' );
		return false;
	}
	if ( empty( $route ) ) {
		_doing_it_wrong( 'register_rest_route', 'Route must be specified.', '4.4.0' );
		return false;
	}
	$clean_namespace = trim( $route_namespace, '/' );
	if ( $clean_namespace !== $route_namespace ) {
		_doing_it_wrong( __FUNCTION__, 'Namespace must not start or end with a slash.', '5.4.2' );
	}
	if ( ! did_action( 'rest_api_init' ) ) {
		_doing_it_wrong( 'register_rest_route', sprintf( 'REST API routes must be registered on the %s action.', 'rest_api_init' ), '5.1.0' );
	}
	if ( isset( $args['args'] ) ) {
		$common_args = $args['args'];
		unset( $args['args'] );
	} else {
		$common_args = array();
	}
	if ( isset( $args['callback'] ) ) {
		$args = array( $args );
	}
	$defaults = array(
		'methods'  => 'GET',
		'callback' => null,
		'args'     => array(),
	);
	foreach ( $args as $key => &$arg_group ) {
		if ( ! is_numeric( $key ) ) {
			continue;
		}
		$arg_group         = array_merge( $defaults, $arg_group );
		$arg_group['args'] = array_merge( $common_args, $arg_group['args'] );
		if ( ! isset( $arg_group['permission_callback'] ) ) {
			_doing_it_wrong(
				__FUNCTION__,
				sprintf( 'The REST API route definition for %1$s is missing the required %2$s argument. For REST API routes that are intended to be public, use %3$s as the permission callback.', '<code>' . $clean_namespace . '/' . trim( $route, '/' ) . '</code>', '<code>permission_callback</code>', '<code>__return_true</code>' ),
				'5.5.0'
			);
		}
		foreach ( $arg_group['args'] as $arg ) {
			if ( ! is_array( $arg ) ) {
				_doing_it_wrong( __FUNCTION__, 'REST API $args should be an array of arrays.', '5.1.0' );
				break;
			}
		}
	}
	unset( $arg_group );
	$full_route = '/' . $clean_namespace . '/' . trim( $route, '/' );
	rest_get_server()->register_route( $clean_namespace, $full_route, $args, $override );
	return true;
}

function rest_ensure_response( $response ) {
	if ( is_wp_error( $response ) ) {
		return $response;
	}
	if ( $response instanceof WP_REST_Response ) {
		return $response;
	}
	if ( $response instanceof WP_HTTP_Response ) {
		return new WP_REST_Response( $response->get_data(), $response->get_status(), $response->get_headers() );
	}
	return new WP_REST_Response( $response );
}

function rest_convert_error_to_response( $error ) {
	$status = array_reduce(
		$error->get_all_error_data(),
		static function ( $status, $data ) {
			return is_array( $data ) && isset( $data['status'] ) ? $data['status'] : $status;
		},
		500
	);
	$errors = array();
	foreach ( (array) $error->errors as $code => $messages ) {
		$all_data  = $error->get_all_error_data( $code );
		$last_data = $all_data ? $all_data[ count( $all_data ) - 1 ] : null;
		foreach ( (array) $messages as $message ) {
			$formatted = array(
				'code'    => $code,
				'message' => $message,
				'data'    => $last_data,
			);
			if ( count( $all_data ) > 1 ) {
				$formatted['additional_data'] = array_slice( $all_data, 0, -1 );
			}
			$errors[] = $formatted;
		}
	}
	$data = $errors[0] ?? array(
		'code'    => '',
		'message' => '',
		'data'    => null,
	);
	if ( count( $errors ) > 1 ) {
		array_shift( $errors );
		$data['additional_errors'] = $errors;
	}
	return new WP_REST_Response( $data, $status );
}

function rest_authorization_required_code() {
	return is_user_logged_in() ? 403 : 401;
}

function rest_do_request( $request ) {
	$request = rest_ensure_request( $request );
	return rest_get_server()->dispatch( $request );
}

function rest_ensure_request( $request ) {
	if ( $request instanceof WP_REST_Request ) {
		return $request;
	}
	if ( is_string( $request ) ) {
		return new WP_REST_Request( 'GET', $request );
	}
	return new WP_REST_Request( 'GET', '', $request );
}

function rest_cookie_check_errors( $result ) {
	if ( ! empty( $result ) ) {
		return $result;
	}
	global $wp_rest_auth_cookie;
	if ( true !== $wp_rest_auth_cookie && is_user_logged_in() ) {
		return $result;
	}
	$nonce = null;
	if ( isset( $_REQUEST['_wpnonce'] ) ) {
		$nonce = $_REQUEST['_wpnonce'];
	} elseif ( isset( $_SERVER['HTTP_X_WP_NONCE'] ) ) {
		$nonce = $_SERVER['HTTP_X_WP_NONCE'];
	}
	if ( null === $nonce ) {
		wp_set_current_user( 0 );
		return true;
	}
	$valid = wp_verify_nonce( $nonce, 'wp_rest' );
	if ( ! $valid ) {
		return new WP_Error( 'rest_cookie_invalid_nonce', __( 'Cookie check failed' ), array( 'status' => 403 ) );
	}
	rest_get_server()->send_header( 'X-WP-Nonce', wp_create_nonce( 'wp_rest' ) );
	return true;
}

function rest_is_boolean( $maybe_bool ) {
	if ( is_bool( $maybe_bool ) ) {
		return true;
	}
	if ( is_string( $maybe_bool ) ) {
		return in_array( strtolower( $maybe_bool ), array( 'false', 'true', '0', '1' ), true );
	}
	if ( is_int( $maybe_bool ) ) {
		return in_array( $maybe_bool, array( 0, 1 ), true );
	}
	return false;
}

function rest_sanitize_boolean( $value ) {
	if ( is_string( $value ) ) {
		$value = strtolower( $value );
		if ( in_array( $value, array( 'false', '0' ), true ) ) {
			$value = false;
		}
	}
	return (bool) $value;
}

function rest_is_integer( $maybe_integer ) {
	return is_numeric( $maybe_integer ) && round( (float) $maybe_integer ) === (float) $maybe_integer;
}

function rest_is_array( $maybe_array ) {
	if ( is_scalar( $maybe_array ) ) {
		$maybe_array = wp_parse_list( $maybe_array );
	}
	return wp_is_numeric_array( $maybe_array );
}

function rest_is_object( $maybe_object ) {
	if ( '' === $maybe_object ) {
		return true;
	}
	if ( $maybe_object instanceof stdClass || $maybe_object instanceof JsonSerializable ) {
		return true;
	}
	return is_array( $maybe_object );
}

/**
 * @return true|WP_Error
 */
function rest_validate_value_from_schema( $value, $args, $param = '' ) {
	if ( isset( $args['type'] ) && is_array( $args['type'] ) ) {
		foreach ( $args['type'] as $type ) {
			$sub         = $args;
			$sub['type'] = $type;
			if ( true === rest_validate_value_from_schema( $value, $sub, $param ) ) {
				return true;
			}
		}
		return new WP_Error( 'rest_invalid_type', sprintf( __( '%1$s is not of type %2$s.' ), $param, implode( ',', $args['type'] ) ), array( 'param' => $param ) );
	}
	$type = $args['type'] ?? '';
	switch ( $type ) {
		case 'null':
			if ( null !== $value ) {
				return new WP_Error( 'rest_invalid_type', sprintf( __( '%1$s is not of type %2$s.' ), $param, 'null' ), array( 'param' => $param ) );
			}
			break;
		case 'boolean':
			if ( ! rest_is_boolean( $value ) ) {
				return new WP_Error( 'rest_invalid_type', sprintf( __( '%1$s is not of type %2$s.' ), $param, 'boolean' ), array( 'param' => $param ) );
			}
			break;
		case 'integer':
			if ( ! rest_is_integer( $value ) ) {
				return new WP_Error( 'rest_invalid_type', sprintf( __( '%1$s is not of type %2$s.' ), $param, 'integer' ), array( 'param' => $param ) );
			}
			break;
		case 'number':
			if ( ! is_numeric( $value ) ) {
				return new WP_Error( 'rest_invalid_type', sprintf( __( '%1$s is not of type %2$s.' ), $param, 'number' ), array( 'param' => $param ) );
			}
			break;
		case 'string':
			if ( ! is_string( $value ) ) {
				return new WP_Error( 'rest_invalid_type', sprintf( __( '%1$s is not of type %2$s.' ), $param, 'string' ), array( 'param' => $param ) );
			}
			break;
		case 'array':
			if ( ! rest_is_array( $value ) ) {
				return new WP_Error( 'rest_invalid_type', sprintf( __( '%1$s is not of type %2$s.' ), $param, 'array' ), array( 'param' => $param ) );
			}
			if ( isset( $args['items'] ) ) {
				foreach ( wp_parse_list( $value ) as $i => $item ) {
					$check = rest_validate_value_from_schema( $item, $args['items'], $param . '[' . $i . ']' );
					if ( is_wp_error( $check ) ) {
						return $check;
					}
				}
			}
			break;
		case 'object':
			if ( ! rest_is_object( $value ) ) {
				return new WP_Error( 'rest_invalid_type', sprintf( __( '%1$s is not of type %2$s.' ), $param, 'object' ), array( 'param' => $param ) );
			}
			break;
	}
	if ( isset( $args['enum'] ) && ! in_array( $value, (array) $args['enum'], in_array( $type, array( 'string', '' ), true ) ) ) {
		return new WP_Error( 'rest_not_in_enum', sprintf( __( '%1$s is not one of %2$s.' ), $param, implode( ', ', (array) $args['enum'] ) ), array( 'param' => $param ) );
	}
	if ( in_array( $type, array( 'integer', 'number' ), true ) ) {
		if ( isset( $args['minimum'] ) && $value < $args['minimum'] ) {
			return new WP_Error( 'rest_out_of_bounds', sprintf( __( '%1$s must be greater than or equal to %2$d' ), $param, $args['minimum'] ), array( 'param' => $param ) );
		}
		if ( isset( $args['maximum'] ) && $value > $args['maximum'] ) {
			return new WP_Error( 'rest_out_of_bounds', sprintf( __( '%1$s must be less than or equal to %2$d' ), $param, $args['maximum'] ), array( 'param' => $param ) );
		}
	}
	if ( 'string' === $type ) {
		if ( isset( $args['minLength'] ) && mb_strlen( $value ) < $args['minLength'] ) {
			return new WP_Error( 'rest_too_short', sprintf( __( '%1$s must be at least %2$s characters long.' ), $param, $args['minLength'] ), array( 'param' => $param ) );
		}
		if ( isset( $args['maxLength'] ) && mb_strlen( $value ) > $args['maxLength'] ) {
			return new WP_Error( 'rest_too_long', sprintf( __( '%1$s must be at most %2$s characters long.' ), $param, $args['maxLength'] ), array( 'param' => $param ) );
		}
		if ( isset( $args['pattern'] ) && ! preg_match( '#' . str_replace( '#', '\\#', $args['pattern'] ) . '#u', $value ) ) {
			return new WP_Error( 'rest_invalid_pattern', sprintf( __( '%1$s does not match pattern %2$s.' ), $param, $args['pattern'] ), array( 'param' => $param ) );
		}
		if ( isset( $args['format'] ) ) {
			if ( 'email' === $args['format'] && ! is_email( $value ) ) {
				return new WP_Error( 'rest_invalid_email', __( 'Invalid email address.' ), array( 'param' => $param ) );
			}
			if ( 'uuid' === $args['format'] && ! wp_is_uuid( $value ) ) {
				return new WP_Error( 'rest_invalid_uuid', sprintf( __( '%s is not a valid UUID.' ), $param ), array( 'param' => $param ) );
			}
		}
	}
	return true;
}

function rest_sanitize_value_from_schema( $value, $args, $param = '' ) {
	$type = $args['type'] ?? '';
	if ( is_array( $type ) ) {
		foreach ( $type as $t ) {
			$sub         = $args;
			$sub['type'] = $t;
			if ( true === rest_validate_value_from_schema( $value, $sub, $param ) ) {
				return rest_sanitize_value_from_schema( $value, $sub, $param );
			}
		}
		return $value;
	}
	switch ( $type ) {
		case 'array':
			$value = wp_parse_list( $value );
			if ( isset( $args['items'] ) ) {
				foreach ( $value as $i => $item ) {
					$value[ $i ] = rest_sanitize_value_from_schema( $item, $args['items'], $param . '[' . $i . ']' );
				}
			}
			return array_values( $value );
		case 'object':
			return '' === $value ? array() : (array) $value;
		case 'null':
			return null;
		case 'integer':
			return (int) $value;
		case 'number':
			return (float) $value;
		case 'boolean':
			return rest_sanitize_boolean( $value );
		case 'string':
			if ( isset( $args['format'] ) && 'email' === $args['format'] ) {
				return sanitize_email( $value );
			}
			return (string) $value;
	}
	return $value;
}

function rest_validate_request_arg( $value, $request, $param ) {
	$attributes = $request->get_attributes();
	if ( ! isset( $attributes['args'][ $param ] ) || ! is_array( $attributes['args'][ $param ] ) ) {
		return true;
	}
	return rest_validate_value_from_schema( $value, $attributes['args'][ $param ], $param );
}

function rest_sanitize_request_arg( $value, $request, $param ) {
	$attributes = $request->get_attributes();
	if ( ! isset( $attributes['args'][ $param ] ) || ! is_array( $attributes['args'][ $param ] ) ) {
		return $value;
	}
	return rest_sanitize_value_from_schema( $value, $attributes['args'][ $param ], $param );
}

function rest_parse_request_arg( $value, $request, $param ) {
	$valid = rest_validate_request_arg( $value, $request, $param );
	if ( is_wp_error( $valid ) ) {
		return $valid;
	}
	return rest_sanitize_request_arg( $value, $request, $param );
}

function __return_true() { // phpcs:ignore
	return true;
}

function __return_false() { // phpcs:ignore
	return false;
}

function __return_zero() { // phpcs:ignore
	return 0;
}

function __return_empty_array() { // phpcs:ignore
	return array();
}

function __return_null() { // phpcs:ignore
	return null;
}

function __return_empty_string() { // phpcs:ignore
	return '';
}
