<?php
/**
 * Test double: how the Store API's checkout (the Checkout Block's "Place
 * order", POST /wc/store/v1/checkout) hands the order to a classic gateway.
 * Modelled on WooCommerce 7.9's bundled WooCommerce Blocks 10.4.6
 * (src/StoreApi/Legacy.php, Payments/PaymentContext.php,
 * Payments/PaymentResult.php, Utilities/NoticeHandler.php): the route fires
 * `woocommerce_rest_checkout_process_payment_with_context` ( PaymentContext,
 * &PaymentResult ); Legacy::process_legacy_payment (priority 999) puts the
 * request's payment_data in $_POST, defines WOOCOMMERCE_CHECKOUT, runs
 * validate_fields() (an error notice aborts), calls process_payment(),
 * restores $_POST, clears the notices (the API shows none of them) and sets
 * the result's status (success only for result "success"), payment details
 * and redirect. The route itself (cart → order, address validation, nonce)
 * is not modelled: TestCase::storeApiCheckout() stands for it with an order
 * already created. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

namespace Automattic\WooCommerce\StoreApi\Exceptions {

	class RouteException extends \Exception {

		public string $error_code;

		public function __construct( $error_code, $message, $http_status_code = 400 ) {
			$this->error_code = (string) $error_code;
			parent::__construct( (string) $message, (int) $http_status_code );
		}

		public function getErrorCode() {
			return $this->error_code;
		}
	}
}

namespace Automattic\WooCommerce\StoreApi\Payments {

	class PaymentContext {

		public string $payment_method = '';

		/** @var \WC_Order|null */
		public $order = null;

		/** @var array<string, string> */
		public array $payment_data = array();

		public function set_payment_method( $payment_method ) {
			$this->payment_method = (string) $payment_method;
		}

		public function set_order( \WC_Order $order ) {
			$this->order = $order;
		}

		/** @param array<string, mixed> $payment_data */
		public function set_payment_data( $payment_data = array() ) {
			$this->payment_data = array();
			foreach ( (array) $payment_data as $key => $value ) {
				$this->payment_data[ (string) $key ] = wc_clean( $value );
			}
		}

		public function get_payment_method_instance() {
			$gateways = WC()->payment_gateways()->payment_gateways();
			return $gateways[ $this->payment_method ] ?? null;
		}
	}

	class PaymentResult {

		public string $status = '';

		public string $redirect_url = '';

		/** @var array<string, mixed> */
		public array $payment_details = array();

		public function __construct( $status = '' ) {
			$this->status = (string) $status;
		}

		public function set_status( $status ) {
			$this->status = (string) $status;
		}

		public function set_payment_details( $payment_details = array() ) {
			$this->payment_details = array();
			foreach ( (array) $payment_details as $key => $value ) {
				$this->payment_details[ (string) $key ] = (string) ( is_scalar( $value ) ? $value : '' );
			}
		}

		public function set_redirect_url( $redirect_url ) {
			$this->redirect_url = (string) $redirect_url;
		}
	}
}

namespace Automattic\WooCommerce\StoreApi {

	use Automattic\WooCommerce\StoreApi\Exceptions\RouteException;
	use Automattic\WooCommerce\StoreApi\Payments\PaymentContext;
	use Automattic\WooCommerce\StoreApi\Payments\PaymentResult;

	class Legacy {

		public function init() {
			add_action( 'woocommerce_rest_checkout_process_payment_with_context', array( $this, 'process_legacy_payment' ), 999, 2 );
		}

		public function process_legacy_payment( PaymentContext $context, PaymentResult &$result ) {
			if ( $result->status ) {
				return;
			}
			$post_data = $_POST; // phpcs:ignore WordPress.Security.NonceVerification
			if ( ! defined( 'WOOCOMMERCE_CHECKOUT' ) ) {
				define( 'WOOCOMMERCE_CHECKOUT', true ); // wc_maybe_define_constant().
			}
			$_POST   = $context->payment_data;
			$gateway = $context->get_payment_method_instance();
			if ( ! $gateway instanceof \WC_Payment_Gateway ) {
				$_POST = $post_data;
				return;
			}
			$gateway->validate_fields();
			if ( wc_notice_count( 'error' ) > 0 ) {
				$notices = wc_get_notices( 'error' );
				wc_clear_notices();
				$_POST = $post_data;
				throw new RouteException( 'woocommerce_rest_payment_error', (string) ( $notices[0]['notice'] ?? '' ), 400 );
			}
			$gateway_result = $gateway->process_payment( $context->order->get_id() );
			$_POST          = $post_data;
			wc_clear_notices();
			$result->set_status( isset( $gateway_result['result'] ) && 'success' === $gateway_result['result'] ? 'success' : 'failure' );
			$result->set_payment_details( array_merge( $result->payment_details, (array) $gateway_result ) );
			$result->set_redirect_url( (string) ( $gateway_result['redirect'] ?? '' ) );
		}
	}
}
