<?php
/**
 * Test double: WP_Error and is_wp_error().
 *
 * Modelled on WordPress 6.1 wp-includes/class-wp-error.php: error codes with
 * one or more messages each, per-code data (add_data() keeps earlier data in
 * additional_data since 5.6), get_error_code() returning the first code or '',
 * has_errors(), merge_from()/export_to(). is_wp_error() fires the
 * `is_wp_error_instance` action (5.6). Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WP_Error {

	/**
	 * @var array<string|int, string[]>
	 */
	public $errors = array();

	/**
	 * @var array<string|int, mixed>
	 */
	public $error_data = array();

	/**
	 * @var array<string|int, array>
	 */
	protected $additional_data = array();

	public function __construct( $code = '', $message = '', $data = '' ) {
		if ( empty( $code ) ) {
			return;
		}
		$this->add( $code, $message, $data );
	}

	public function get_error_codes() {
		return $this->has_errors() ? array_keys( $this->errors ) : array();
	}

	public function get_error_code() {
		$codes = $this->get_error_codes();
		return $codes ? $codes[0] : '';
	}

	public function get_error_messages( $code = '' ) {
		if ( empty( $code ) ) {
			$all = array();
			foreach ( $this->errors as $messages ) {
				$all = array_merge( $all, $messages );
			}
			return $all;
		}
		return $this->errors[ $code ] ?? array();
	}

	public function get_error_message( $code = '' ) {
		if ( empty( $code ) ) {
			$code = $this->get_error_code();
		}
		$messages = $this->get_error_messages( $code );
		return $messages ? $messages[0] : '';
	}

	public function get_error_data( $code = '' ) {
		if ( empty( $code ) ) {
			$code = $this->get_error_code();
		}
		return $this->error_data[ $code ] ?? null;
	}

	public function has_errors() {
		return ! empty( $this->errors );
	}

	public function add( $code, $message, $data = '' ) {
		$this->errors[ $code ][] = $message;
		if ( ! empty( $data ) ) {
			$this->add_data( $data, $code );
		}
		do_action( 'wp_error_added', $code, $message, $data, $this );
	}

	public function add_data( $data, $code = '' ) {
		if ( empty( $code ) ) {
			$code = $this->get_error_code();
		}
		if ( isset( $this->error_data[ $code ] ) ) {
			$this->additional_data[ $code ][] = $this->error_data[ $code ];
		}
		$this->error_data[ $code ] = $data;
	}

	public function get_all_error_data( $code = '' ) {
		if ( empty( $code ) ) {
			$code = $this->get_error_code();
		}
		$data = $this->additional_data[ $code ] ?? array();
		if ( isset( $this->error_data[ $code ] ) ) {
			$data[] = $this->error_data[ $code ];
		}
		return $data;
	}

	public function remove( $code ) {
		unset( $this->errors[ $code ], $this->error_data[ $code ], $this->additional_data[ $code ] );
	}

	public function merge_from( WP_Error $error ) {
		foreach ( $error->get_error_codes() as $code ) {
			foreach ( $error->get_error_messages( $code ) as $message ) {
				$this->errors[ $code ][] = $message;
			}
			foreach ( $error->get_all_error_data( $code ) as $data ) {
				$this->add_data( $data, $code );
			}
		}
	}

	public function export_to( WP_Error $error ) {
		$error->merge_from( $this );
	}
}

function is_wp_error( $thing ) {
	$is = ( $thing instanceof WP_Error );
	if ( $is ) {
		do_action( 'is_wp_error_instance', $thing );
	}
	return $is;
}
