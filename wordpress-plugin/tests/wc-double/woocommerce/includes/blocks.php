<?php
/**
 * Test double: WooCommerce Blocks payment method integration API.
 *
 * Modelled on WooCommerce 7.9's bundled WooCommerce Blocks
 * (packages/woocommerce-blocks/src: Integrations/IntegrationInterface.php,
 * Integrations/IntegrationRegistry.php, Payments/PaymentMethodTypeInterface.php,
 * Payments/PaymentMethodRegistry.php,
 * Payments/Integrations/AbstractPaymentMethodType.php, Payments/Api.php):
 * the registry's initialize() (hooked on `init` at priority 5 by Payments\Api)
 * fires woocommerce_blocks_payment_method_type_registration with the
 * PaymentMethodRegistry and then calls initialize() on every registered
 * method; register() refuses a duplicate name with _doing_it_wrong and
 * returns false; get_all_active_registered(),
 * get_all_active_payment_method_script_dependencies() (admin handles when
 * is_admin()), get_all_registered_script_data() ("{name}_data" of active
 * methods). woocommerce_blocks_loaded fires during plugins_loaded like the
 * Blocks package bootstrap. Package::container()->get( PaymentMethodRegistry::class )
 * returns the shared registry. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

namespace Automattic\WooCommerce\Blocks\Integrations {

	interface IntegrationInterface {

		public function get_name();

		public function initialize();

		public function get_script_handles();

		public function get_editor_script_handles();

		public function get_script_data();
	}

	abstract class IntegrationRegistry {

		protected $registry_identifier = '';

		protected $registered_integrations = array();

		public function initialize( $registry_identifier = '' ) {
			if ( $registry_identifier ) {
				$this->registry_identifier = $registry_identifier;
			}
			if ( empty( $this->registry_identifier ) ) {
				_doing_it_wrong( __METHOD__, esc_html( __( 'Integration registry requires an identifier.', 'woocommerce' ) ), '4.6.0' );
				return false;
			}
			do_action( 'woocommerce_blocks_' . $this->registry_identifier . '_registration', $this );
			foreach ( $this->get_all_registered() as $registered_integration ) {
				$registered_integration->initialize();
			}
		}

		public function register( IntegrationInterface $integration ) {
			$name = $integration->get_name();
			if ( $this->is_registered( $name ) ) {
				_doing_it_wrong( __METHOD__, esc_html( sprintf( __( '"%s" is already registered.', 'woocommerce' ), $name ) ), '4.6.0' );
				return false;
			}
			$this->registered_integrations[ $name ] = $integration;
			return true;
		}

		public function is_registered( $name ) {
			return isset( $this->registered_integrations[ $name ] );
		}

		public function unregister( $name ) {
			if ( $name instanceof IntegrationInterface ) {
				$name = $name->get_name();
			}
			if ( ! $this->is_registered( $name ) ) {
				_doing_it_wrong( __METHOD__, esc_html( sprintf( __( 'Integration "%s" is not registered.', 'woocommerce' ), $name ) ), '4.6.0' );
				return false;
			}
			$unregistered = $this->registered_integrations[ $name ];
			unset( $this->registered_integrations[ $name ] );
			return $unregistered;
		}

		public function get_registered( $name ) {
			return $this->is_registered( $name ) ? $this->registered_integrations[ $name ] : null;
		}

		public function get_all_registered() {
			return $this->registered_integrations;
		}

		public function get_all_registered_editor_script_handles() {
			$handles = array();
			foreach ( $this->get_all_registered() as $integration ) {
				$handles = array_merge( $handles, $integration->get_editor_script_handles() );
			}
			return array_unique( array_filter( $handles ) );
		}

		public function get_all_registered_script_handles() {
			$handles = array();
			foreach ( $this->get_all_registered() as $integration ) {
				$handles = array_merge( $handles, $integration->get_script_handles() );
			}
			return array_unique( array_filter( $handles ) );
		}

		public function get_all_registered_script_data() {
			$data = array();
			foreach ( $this->get_all_registered() as $integration ) {
				$data[ $integration->get_name() . '_data' ] = $integration->get_script_data();
			}
			return array_filter( $data );
		}
	}
}

namespace Automattic\WooCommerce\Blocks\Payments {

	use Automattic\WooCommerce\Blocks\Integrations\IntegrationInterface;
	use Automattic\WooCommerce\Blocks\Integrations\IntegrationRegistry;

	interface PaymentMethodTypeInterface extends IntegrationInterface {

		public function is_active();

		public function get_payment_method_script_handles();

		public function get_payment_method_script_handles_for_admin();

		public function get_supported_features();

		public function get_payment_method_data();
	}

	final class PaymentMethodRegistry extends IntegrationRegistry {

		protected $registry_identifier = 'payment_method_type';

		public function get_all_active_registered() {
			return array_filter(
				$this->get_all_registered(),
				function ( $payment_method ) {
					return $payment_method->is_active();
				}
			);
		}

		public function get_all_active_payment_method_script_dependencies() {
			$handles = array();
			foreach ( $this->get_all_active_registered() as $payment_method ) {
				$handles = array_merge(
					$handles,
					is_admin() ? $payment_method->get_payment_method_script_handles_for_admin() : $payment_method->get_payment_method_script_handles()
				);
			}
			return array_unique( array_filter( $handles ) );
		}

		public function get_all_registered_script_data() {
			$data = array();
			foreach ( $this->get_all_active_registered() as $payment_method ) {
				$data[ $payment_method->get_name() . '_data' ] = $payment_method->get_payment_method_data();
			}
			return array_filter( $data );
		}
	}
}

namespace Automattic\WooCommerce\Blocks\Payments\Integrations {

	use Automattic\WooCommerce\Blocks\Payments\PaymentMethodTypeInterface;

	abstract class AbstractPaymentMethodType implements PaymentMethodTypeInterface {

		protected $name = '';

		protected $settings = array();

		protected function get_setting( $name, $default = '' ) {
			return isset( $this->settings[ $name ] ) ? $this->settings[ $name ] : $default;
		}

		public function get_name() {
			return $this->name;
		}

		public function is_active() {
			return true;
		}

		public function get_payment_method_script_handles() {
			return array();
		}

		public function get_payment_method_script_handles_for_admin() {
			return $this->get_payment_method_script_handles();
		}

		public function get_supported_features() {
			return array( 'products' );
		}

		public function get_payment_method_data() {
			return array();
		}

		public function get_script_handles() {
			return $this->get_payment_method_script_handles();
		}

		public function get_editor_script_handles() {
			return $this->get_payment_method_script_handles_for_admin();
		}

		public function get_script_data() {
			return $this->get_payment_method_data();
		}
	}
}

namespace Automattic\WooCommerce\Blocks {

	use Automattic\WooCommerce\Blocks\Payments\PaymentMethodRegistry;

	/**
	 * The Blocks package entry point (only container() is modelled).
	 */
	class Package {

		protected static $container = null;

		public static function container( $reset = false ) {
			if ( null === self::$container || $reset ) {
				self::$container = new \WC_Double_Container();
			}
			return self::$container;
		}

		public static function get_version() {
			return '10.4.6';
		}

		/**
		 * The double's Blocks bootstrap: registry on init (5), woocommerce_blocks_loaded.
		 */
		public static function init() {
			$registry = self::container()->get( PaymentMethodRegistry::class );
			add_action( 'init', array( $registry, 'initialize' ), 5 );
			do_action( 'woocommerce_blocks_loaded' );
		}
	}
}
