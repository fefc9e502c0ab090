<?php
/**
 * Any IOTPay gateway as a Checkout Block payment method: one class for every
 * gateway, because what the block needs is the same for all (title,
 * description, icon, the gateway's features, one plain script) and only two
 * things differ, which the gateway itself supplies: the script that registers
 * it (AbstractGateway::BLOCK_SCRIPT: assets/js/blocks.js for the wallets and
 * SUNBAY's page, card-blocks.js for the saved cards) and its own additions to
 * the block data (AbstractGateway::block_data(): WeChat Pay's auto-debit line,
 * the card's saved-cards options). The scripts share assets/js/blocks-method.js
 * (plain scripts, no build step). Payment itself runs through the gateway's
 * process_payment(), as for the classic checkout (the Store API calls it: a
 * subscription WeChat auto-debit cannot renew is refused there, D72).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Blocks;

use Automattic\WooCommerce\Blocks\Payments\Integrations\AbstractPaymentMethodType;
use IotPay\WooCommerce\Gateway\AbstractGateway;

final class PaymentMethod extends AbstractPaymentMethodType {

	/** The wallets' script (blocks.js); the card's is self::script_handle( 'card-blocks' ). */
	public const SCRIPT = 'iotpay-wc-blocks';

	/** What every method's script builds on (blocks-method.js): it registers one method from its block data. */
	public const SHARED_SCRIPT = 'iotpay-wc-blocks-method';

	/** What every block script needs from WooCommerce Blocks and WordPress. */
	private const SCRIPT_DEPS = array( 'wc-blocks-registry', 'wc-settings', 'wp-element', 'wp-html-entities', 'wp-i18n' );

	/** @var class-string<AbstractGateway> */
	private string $gateway_class;

	private ?AbstractGateway $gateway = null;

	/** @param class-string<AbstractGateway> $gateway_class */
	public function __construct( string $gateway_class ) {
		$this->gateway_class = $gateway_class;
		$this->name          = $gateway_class::ID;
	}

	/** The handle of assets/js/<file>.js. */
	public static function script_handle( string $file ): string {
		return 'iotpay-wc-' . $file;
	}

	public function initialize() {
		$this->settings = get_option( 'woocommerce_' . $this->name . '_settings', array() );
	}

	private function gateway(): AbstractGateway {
		return $this->gateway ??= new ( $this->gateway_class )();
	}

	public function is_active() {
		return $this->gateway()->is_available();
	}

	public function get_payment_method_script_handles() {
		if ( ! wp_script_is( self::SHARED_SCRIPT, 'registered' ) ) {
			wp_register_script( self::SHARED_SCRIPT, plugins_url( 'assets/js/blocks-method.js', IOTPAY_WC_FILE ), self::SCRIPT_DEPS, IOTPAY_WC_VERSION, true );
		}
		$file   = $this->gateway_class::BLOCK_SCRIPT;
		$handle = self::script_handle( $file );
		if ( ! wp_script_is( $handle, 'registered' ) ) {
			wp_register_script(
				$handle,
				plugins_url( 'assets/js/' . $file . '.js', IOTPAY_WC_FILE ),
				array_merge( self::SCRIPT_DEPS, array( self::SHARED_SCRIPT ) ),
				IOTPAY_WC_VERSION,
				true
			);
			wp_set_script_translations( $handle, 'iotpay-for-woocommerce', IOTPAY_WC_DIR . '/languages' );
		}
		return array( $handle );
	}

	/** The gateway's features, as WooCommerce's own gateways report them. @return list<string> */
	public function get_supported_features() {
		$g = $this->gateway();
		return array_values( array_filter( $g->supports, array( $g, 'supports' ) ) );
	}

	/** @return array<string, mixed> */
	public function get_payment_method_data() {
		$g = $this->gateway();
		return array_merge(
			array(
				'title'       => $g->get_title(),
				'description' => $g->get_description(),
				'icon'        => $g->icon,
				'supports'    => $this->get_supported_features(),
			),
			$g->block_data()
		);
	}
}
