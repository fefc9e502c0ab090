<?php
/**
 * The REST server WordPress builds in PHPUnit (TestCase registers it through
 * WordPress's `wp_rest_server_class` filter): records the headers and the
 * status serve_request() sends, which PHP's CLI does not keep. Loaded after
 * WordPress.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

namespace IotPay\WcDouble;

class RecordingRestServer extends \WP_REST_Server {

	public ?int $status = null;

	public function send_header( $key, $value ) {
		TestCase::recordHeader( (string) $key, (string) $value );
	}

	protected function set_status( $code ) {
		$this->status = (int) $code;
	}
}
