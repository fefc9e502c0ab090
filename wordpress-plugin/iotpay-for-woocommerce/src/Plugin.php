<?php
/**
 * Wiring: every hook the plugin uses is registered here, nowhere else.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce;

use IotPay\WooCommerce\Admin\ConnectionTest;
use IotPay\WooCommerce\Admin\Notices;
use IotPay\WooCommerce\Admin\OrderActions;
use IotPay\WooCommerce\Admin\OrderPanel;
use IotPay\WooCommerce\Admin\SettingsScreen;
use IotPay\WooCommerce\Admin\SiteHealth;
use IotPay\WooCommerce\Blocks\BlocksSupport;
use IotPay\WooCommerce\Checkout\CardPage;
use IotPay\WooCommerce\Checkout\CardSetup;
use IotPay\WooCommerce\Checkout\ContractPage;
use IotPay\WooCommerce\Checkout\PaymentPage;
use IotPay\WooCommerce\Checkout\ReturnHandler;
use IotPay\WooCommerce\Checkout\StatusController;
use IotPay\WooCommerce\Gateway\AlipayGateway;
use IotPay\WooCommerce\Gateway\CardGateway;
use IotPay\WooCommerce\Gateway\SunbayGateway;
use IotPay\WooCommerce\Gateway\UnionPayCardGateway;
use IotPay\WooCommerce\Gateway\UnionPayGateway;
use IotPay\WooCommerce\Gateway\WeChatGateway;
use IotPay\WooCommerce\Notify\NotifyController;
use IotPay\WooCommerce\Notify\SunbayWebhookController;
use IotPay\WooCommerce\Payment\Abandon;
use IotPay\WooCommerce\Payment\Schema;
use IotPay\WooCommerce\Reconcile\Reconciler;
use IotPay\WooCommerce\Recurring\Renewals;
use IotPay\WooCommerce\Recurring\Subscriptions;
use IotPay\WooCommerce\Refund\CardVoid;
use IotPay\WooCommerce\Refund\RefundContext;
use IotPay\WooCommerce\Rest\Routes;

final class Plugin {

	public const TEXT_DOMAIN = 'iotpay-for-woocommerce';

	/** Gateway classes, in the order they are listed at checkout. */
	public const GATEWAYS = array( WeChatGateway::class, AlipayGateway::class, UnionPayGateway::class, CardGateway::class, UnionPayCardGateway::class, SunbayGateway::class );

	/**
	 * The iotpay extension API this plugin is written against (IotPay\API_VERSION,
	 * "MAJOR.MINOR"): an extension is usable when its MAJOR is this MAJOR and its
	 * MINOR at least this MINOR. Raise MINOR when the plugin starts using something
	 * an extension added; MAJOR only with an extension that changed MAJOR.
	 */
	public const EXTENSION_API = '1.1';

	private static bool $booted = false;

	/** @var array{state: string, version: string, api: string}|null */
	private static ?array $extension = null;

	public static function boot(): void {
		if ( self::$booted ) {
			return;
		}
		self::$booted = true;
		add_action( 'init', array( self::class, 'load_textdomain' ), 0 );

		if ( ! class_exists( 'WooCommerce' ) && ! function_exists( 'WC' ) ) {
			add_action( 'admin_notices', array( Notices::class, 'woocommerce_missing' ) );
			return;
		}
		if ( ! self::extension_loaded() ) {
			// Gateways are still listed in the admin (so settings can be entered)
			// but is_available() is false everywhere: nothing can fail at checkout.
			// An extension of the wrong API version is treated exactly the same.
			add_action( 'admin_notices', array( Notices::class, 'missing' === self::extension_status()['state'] ? 'extension_missing' : 'extension_incompatible' ) );
		}
		// Site Health (Tools → Site Health): status tests and the Info section.
		add_filter( 'site_status_tests', array( SiteHealth::class, 'register_tests' ) );
		add_filter( 'debug_information', array( SiteHealth::class, 'debug_information' ) );
		add_action( 'rest_api_init', array( SiteHealth::class, 'register_routes' ) );

		Schema::maybe_upgrade();
		add_filter( 'woocommerce_payment_gateways', array( self::class, 'register_gateways' ) );
		add_action( 'rest_api_init', array( NotifyController::class, 'register_routes' ) );
		add_action( 'rest_api_init', array( SunbayWebhookController::class, 'register_routes' ) );
		add_action( 'rest_api_init', array( StatusController::class, 'register_routes' ) );
		add_filter( 'rest_pre_serve_request', array( NotifyController::class, 'serve_plain_text' ), 10, 4 );

		foreach ( self::GATEWAYS as $class ) {
			$id = $class::ID;
			if ( SunbayGateway::class !== $class ) {
				// SUNBAY's page is SUNBAY's own (checkoutUrl): the shop has no receipt page of its own for it.
				add_action( 'woocommerce_receipt_' . $id, is_a( $class, CardGateway::class, true ) ? array( CardPage::class, 'render' ) : array( PaymentPage::class, 'render' ) );
			}
			add_action( 'woocommerce_thankyou_' . $id, array( ReturnHandler::class, 'on_thank_you' ), 5 );
		}
		// Cards: back from IOTPay's add-card page; a paid card order cancelled before settlement is voided.
		// The order-received page of an unpaid IOTPay order: IOTPay asked before WooCommerce's heading.
		add_action( 'woocommerce_before_thankyou', array( ReturnHandler::class, 'before_thank_you' ), 5 );
		add_filter( 'woocommerce_thankyou_order_received_text', array( ReturnHandler::class, 'received_text' ), 10, 2 );
		add_filter( 'woocommerce_thankyou_order_received_title', array( ReturnHandler::class, 'received_title' ), 10, 2 );
		add_filter( 'woocommerce_endpoint_order-received_title', array( ReturnHandler::class, 'endpoint_title' ) );
		add_action( 'woocommerce_api_' . CardSetup::API, array( CardSetup::class, 'handle_return' ) );
		add_filter( 'woocommerce_get_customer_payment_tokens', array( \IotPay\WooCommerce\Checkout\CardAccount::class, 'filter_tokens' ), 10, 1 );
		add_action( 'woocommerce_order_status_cancelled', array( CardVoid::class, 'on_cancelled' ), 20, 2 );
		// Open attempts of a cancelled order are closed where the provider can (SUNBAY's expire-session).
		add_action( 'woocommerce_order_status_cancelled', array( Abandon::class, 'on_cancelled' ), 15, 1 );

		add_filter( 'woocommerce_cancel_unpaid_order', array( Reconciler::class, 'filter_cancel_unpaid_order' ), 10, 2 );
		add_action( Reconciler::HOOK_CHECK_ATTEMPT, array( Reconciler::class, 'check_attempt' ), 10, 1 );
		add_action( Reconciler::HOOK_CHECK_REFUND, array( Reconciler::class, 'check_refund' ), 10, 1 );
		add_action( Reconciler::HOOK_RECORD_REFUND, array( Reconciler::class, 'record_refund' ), 10, 1 );
		add_action( Reconciler::HOOK_VOID_ORDER, array( CardVoid::class, 'void_later' ), 10, 1 );
		add_action( 'woocommerce_create_refund', array( RefundContext::class, 'capture' ), 10, 1 );
		add_action( Reconciler::HOOK_SWEEP, array( Reconciler::class, 'sweep' ) );
		add_action( 'init', array( Reconciler::class, 'ensure_sweep_scheduled' ) );

		add_filter( 'woocommerce_order_actions', array( OrderActions::class, 'add_actions' ), 10, 2 );
		add_action( 'woocommerce_order_action_' . OrderActions::CHECK_STATUS, array( OrderActions::class, 'check_status' ) );
		add_action( 'add_meta_boxes', array( OrderPanel::class, 'add' ), 30, 2 );
		add_action( 'admin_post_' . OrderPanel::ACTION, array( OrderPanel::class, 'handle_check' ) );
		add_action( 'admin_post_' . ConnectionTest::ACTION, array( ConnectionTest::class, 'handle' ) );
		add_action( 'admin_notices', array( ConnectionTest::class, 'show_result' ) );

		if ( Subscriptions::active() ) {
			// WooCommerce Subscriptions: renewals without the customer, payment-method changes. Without it, none of this exists.
			Renewals::register();
			// WeChat auto-debit: where the customer signs the contract (Recurring\Contracts).
			ContractPage::register();
		}

		add_action( 'woocommerce_blocks_payment_method_type_registration', array( BlocksSupport::class, 'register' ) );

		// Customer-facing checkout and settings.
		add_action( 'parse_request', array( Routes::class, 'parse_request' ), 0 );
		add_filter( 'document_title_parts', array( PaymentPage::class, 'document_title' ) );
		add_filter( 'woocommerce_get_sections_checkout', array( SettingsScreen::class, 'add_section' ) );
		add_filter( 'woocommerce_get_settings_checkout', array( SettingsScreen::class, 'section_settings' ), 10, 2 );
		add_action( 'woocommerce_admin_field_' . SettingsScreen::FIELD_TYPE, array( SettingsScreen::class, 'render_section' ) );
		add_action( 'woocommerce_update_options_checkout_' . SettingsScreen::SECTION, array( SettingsScreen::class, 'save_section' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( IOTPAY_WC_FILE ), array( SettingsScreen::class, 'plugin_action_links' ) );
	}

	/**
	 * The shop's (or, in the admin, the user's) language: WP_LANG_DIR/plugins
	 * first (language packs), then the translations shipped in languages/.
	 * On `init`, before anything of the plugin is translated.
	 */
	public static function load_textdomain(): void {
		load_plugin_textdomain( 'iotpay-for-woocommerce', false, dirname( plugin_basename( IOTPAY_WC_FILE ) ) . '/languages' );
	}

	/**
	 * The single gate: true only when the iotpay extension is loaded AND speaks
	 * the API this plugin needs. No plugin code touches an IotPay\ class
	 * otherwise; an incompatible extension counts as a missing one.
	 */
	public static function extension_loaded(): bool {
		return 'ok' === self::extension_status()['state'];
	}

	/**
	 * Whether SUNBAY can be used: the extension is usable and has the SUNBAY
	 * client (API 1.1 and later). IOTPay's methods need only extension_loaded().
	 */
	public static function sunbay_loaded(): bool {
		return self::extension_loaded() && class_exists( \IotPay\Sunbay\Client::class );
	}

	/**
	 * What extension this PHP has: state 'ok', 'missing', 'too_old' (no API
	 * version, an older MAJOR, or a lower MINOR) or 'too_new' (a newer MAJOR),
	 * with the release version and API version it reports ('' when none).
	 * Read once per request: an extension cannot change while PHP runs.
	 *
	 * @return array{state: string, version: string, api: string}
	 */
	public static function extension_status(): array {
		if ( null === self::$extension ) {
			if ( ! extension_loaded( 'iotpay' ) ) {
				self::$extension = array( 'state' => 'missing', 'version' => '', 'api' => '' );
			} else {
				// Constants, not classes: reading them loads nothing of an unknown API.
				$api             = defined( 'IotPay\\API_VERSION' ) ? (string) constant( 'IotPay\\API_VERSION' ) : '';
				$state           = self::api_compatibility( $api, self::EXTENSION_API );
				self::$extension = array(
					'state'   => 'ok' === $state && ! class_exists( \IotPay\Client::class ) ? 'missing' : $state,
					'version' => (string) phpversion( 'iotpay' ),
					'api'     => $api,
				);
			}
		}
		return self::$extension;
	}

	/**
	 * Whether an extension reporting API `$found` serves a plugin needing `$needed`
	 * (both "MAJOR.MINOR"): 'ok', 'too_old' or 'too_new'. Anything unreadable
	 * (an extension from before IotPay\API_VERSION existed: '') is 'too_old'.
	 */
	public static function api_compatibility( string $found, string $needed ): string {
		if ( ! preg_match( '/^(\d+)\.(\d+)$/', $found, $f ) || ! preg_match( '/^(\d+)\.(\d+)$/', $needed, $n ) ) {
			return 'too_old';
		}
		if ( (int) $f[1] > (int) $n[1] ) {
			return 'too_new';
		}
		return ( (int) $f[1] === (int) $n[1] && (int) $f[2] >= (int) $n[2] ) ? 'ok' : 'too_old';
	}

	/**
	 * @param array<int|string, mixed> $gateways
	 * @return array<int|string, mixed>
	 */
	/**
	 * The payment methods' names in the current language, from the gateways
	 * the plugin registers (so a notice naming them never forgets one).
	 *
	 * @return list<string>
	 */
	public static function method_names( bool $iotpay_only = false ): array {
		$names = array();
		foreach ( self::GATEWAYS as $class ) {
			if ( $iotpay_only && SunbayGateway::class === $class ) {
				continue;
			}
			$names[] = ( new $class() )->wallet_name();
		}
		return $names;
	}

	/** The method names as one list in the current language ("A, B and C"); IOTPay's only, on request. */
	public static function method_list( bool $iotpay_only = false ): string {
		return wp_sprintf( '%l', self::method_names( $iotpay_only ) );
	}

	public static function register_gateways( array $gateways ): array {
		foreach ( self::GATEWAYS as $class ) {
			$gateways[] = $class;
		}
		return $gateways;
	}
}
