<?php
/**
 * WordPress Site Health (Tools → Site Health), the screen shop owners and
 * hosts already read: one test per thing that silently stops IOTPay
 * payments — the extension (loaded, API compatible, build), IOTPay's API
 * reachable over HTTPS from this server, notifications reaching the shop,
 * Action Scheduler running the background checks, the debug log left on in
 * live mode — each with a status, plain words and what to do; and an Info
 * section for support (versions, mode, URLs; never a key).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Admin;

use IotPay\Exception\GatewayException;
use IotPay\Exception\IotPayException;
use IotPay\Exception\TransportException;
use IotPay\WooCommerce\Api\Call;
use IotPay\WooCommerce\Api\ClientFactory;
use IotPay\WooCommerce\Notify\Health;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Schema;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Reconcile\Reconciler;
use IotPay\WooCommerce\Rest\Routes;
use IotPay\WooCommerce\Settings\SharedSettings;

final class SiteHealth {

	/** REST route (namespace iotpay/v1) of the asynchronous API test. */
	public const ROUTE = '/site-health/api';

	/** Notifications older than this, while payments were made since, are worth a look. */
	public const NOTIFY_STALE_DAYS = 7;

	/** A background check this late means Action Scheduler's runner is not running. */
	public const SCHEDULER_LATE_SECONDS = 3600;

	/**
	 * @param array<string, array<string, mixed>> $tests
	 * @return array<string, array<string, mixed>>
	 */
	public static function register_tests( $tests ): array {
		$tests = is_array( $tests ) ? $tests : array();
		$tests['direct']['iotpay_extension']     = array(
			'label' => __( 'The iotpay PHP extension', 'iotpay-for-woocommerce' ),
			'test'  => array( self::class, 'test_extension' ),
		);
		$tests['direct']['iotpay_notifications'] = array(
			'label' => __( 'IOTPay notifications reach the shop', 'iotpay-for-woocommerce' ),
			'test'  => array( self::class, 'test_notifications' ),
		);
		$tests['direct']['iotpay_scheduler']     = array(
			'label' => __( 'IOTPay background checks run', 'iotpay-for-woocommerce' ),
			'test'  => array( self::class, 'test_scheduler' ),
		);
		$tests['direct']['iotpay_debug_log']     = array(
			'label' => __( 'IOTPay debug log', 'iotpay-for-woocommerce' ),
			'test'  => array( self::class, 'test_debug_log' ),
		);
		// A network call: asynchronous, so the Site Health screen never waits on it.
		$tests['async']['iotpay_api'] = array(
			'label'             => __( 'IOTPay can be reached from this server', 'iotpay-for-woocommerce' ),
			'test'              => rest_url( 'iotpay/v1' . self::ROUTE ),
			'has_rest'          => true,
			'async_direct_test' => array( self::class, 'test_api' ),
		);
		return $tests;
	}

	public static function register_routes(): void {
		register_rest_route(
			'iotpay/v1',
			self::ROUTE,
			array(
				'methods'             => 'GET',
				'callback'            => static fn () => rest_ensure_response( self::test_api() ),
				'permission_callback' => static fn () => current_user_can( 'view_site_health_checks' ),
			)
		);
	}

	/** @return array<string, mixed> */
	public static function test_extension(): array {
		$ext    = Plugin::extension_status();
		$php    = PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION;
		$needed = Plugin::EXTENSION_API;
		if ( 'ok' === $ext['state'] ) {
			return self::result(
				'iotpay_extension',
				'good',
				__( 'The iotpay PHP extension is installed and compatible', 'iotpay-for-woocommerce' ),
				sprintf(
					/* translators: 1: extension version, 2: API version, 3: build (release/debug), 4: PHP version, 5: API version this plugin needs */
					__( 'IOTPay payments use the iotpay PHP extension %1$s (API %2$s, %3$s build) on PHP %4$s. This plugin needs API %5$s: they match.', 'iotpay-for-woocommerce' ),
					$ext['version'],
					$ext['api'],
					self::extension_build(),
					PHP_VERSION,
					$needed
				)
			);
		}
		if ( 'missing' === $ext['state'] ) {
			return self::result(
				'iotpay_extension',
				'critical',
				__( 'The iotpay PHP extension is missing: IOTPay payments are switched off', 'iotpay-for-woocommerce' ),
				sprintf(
					/* translators: 1: PHP version, e.g. 8.2.7, 2: PHP SAPI name */
					__( 'WeChat Pay, Alipay, UnionPay and cards are hidden at checkout because this server\'s PHP (%1$s, %2$s) does not load the iotpay extension. Settings and orders are kept.', 'iotpay-for-woocommerce' ),
					PHP_VERSION,
					PHP_SAPI
				),
				sprintf(
					/* translators: %s: PHP version, e.g. 8.2 */
					__( 'Ask your hosting provider: "Please install and enable the iotpay PHP extension for PHP %s on this site."', 'iotpay-for-woocommerce' ),
					$php
				)
			);
		}
		$ask = 'too_new' === $ext['state']
			? sprintf(
				/* translators: %s: API major version, e.g. 1 */
				__( 'Update IOTPay for WooCommerce. If no update supports this extension yet, ask your hosting provider for an iotpay PHP extension with API version %s.x.', 'iotpay-for-woocommerce' ),
				(string) strtok( $needed, '.' )
			)
			: sprintf(
				/* translators: 1: PHP version, 2: API version needed */
				__( 'Ask your hosting provider: "Please update the iotpay PHP extension for PHP %1$s to a version with API %2$s or later."', 'iotpay-for-woocommerce' ),
				$php,
				$needed
			);
		return self::result(
			'iotpay_extension',
			'critical',
			__( 'The iotpay PHP extension does not match this plugin: IOTPay payments are switched off', 'iotpay-for-woocommerce' ),
			sprintf(
				/* translators: 1: extension version, 2: API version found, 3: API version needed */
				__( 'This server has the iotpay PHP extension %1$s with API %2$s; this version of the plugin needs API %3$s. Until they match, WeChat Pay, Alipay, UnionPay and cards are hidden at checkout, as if the extension were missing. Settings and orders are kept.', 'iotpay-for-woocommerce' ),
				$ext['version'],
				'' !== $ext['api'] ? $ext['api'] : __( 'none', 'iotpay-for-woocommerce' ),
				$needed
			),
			$ask
		);
	}

	/** @return array<string, mixed> */
	public static function test_api(): array {
		$settings = SharedSettings::instance();
		if ( ! Plugin::extension_loaded() ) {
			return self::result( 'iotpay_api', 'recommended', __( 'IOTPay\'s API was not tried: the iotpay PHP extension is not usable', 'iotpay-for-woocommerce' ), __( 'The connection to IOTPay is made by the extension; see the test about it above.', 'iotpay-for-woocommerce' ) );
		}
		if ( ! $settings->is_configured() ) {
			return self::result( 'iotpay_api', 'recommended', __( 'IOTPay\'s API was not tried: no merchant ID and key yet', 'iotpay-for-woocommerce' ), __( 'The test asks IOTPay about an order that cannot exist, signed with your merchant key; it needs the merchant ID and key first.', 'iotpay-for-woocommerce' ), self::settings_action() );
		}
		// No override: IOTPay production, the extension's default.
		$host = '' !== $settings->base_url() ? (string) wp_parse_url( $settings->base_url(), PHP_URL_HOST ) : 'api.iotpaycloud.com';
		try {
			$no = 'HEALTH' . bin2hex( random_bytes( 6 ) );
			Call::run( 'query_order', array( 'siteHealth' => true ), static fn () => ClientFactory::client()->queryOrderByMchOrderNo( $no ) );
			$refused = null;
		} catch ( GatewayException $e ) {
			// "Order does not exist" (0112) is the answer expected: reached, signed, understood.
			$refused = '0112' === $e->getProviderCode() ? null : $e;
		} catch ( TransportException $e ) {
			return self::result(
				'iotpay_api',
				'critical',
				__( 'IOTPay\'s API cannot be reached from this server', 'iotpay-for-woocommerce' ),
				sprintf(
					/* translators: 1: host name, 2: error message */
					__( 'The shop could not talk to %1$s over HTTPS, so it can neither start payments nor check them: %2$s', 'iotpay-for-woocommerce' ),
					$host,
					$e->getMessage()
				),
				sprintf(
					/* translators: %s: host name */
					__( 'Ask your hosting provider: "Please allow outgoing HTTPS (port 443) from this site to %s, with the system\'s CA certificates."', 'iotpay-for-woocommerce' ),
					$host
				)
			);
		} catch ( IotPayException $e ) {
			return self::result(
				'iotpay_api',
				'critical',
				__( 'Something answers in IOTPay\'s place', 'iotpay-for-woocommerce' ),
				sprintf(
					/* translators: 1: host name, 2: error message */
					__( 'The connection to %1$s worked, but the answer was not IOTPay\'s: %2$s', 'iotpay-for-woocommerce' ),
					$host,
					$e->getMessage()
				),
				__( 'Check the API address overrides in the IOTPay settings, and ask your hosting provider whether a proxy or firewall rewrites outgoing HTTPS.', 'iotpay-for-woocommerce' )
			);
		}
		if ( null !== $refused ) {
			return self::result(
				'iotpay_api',
				'recommended',
				__( 'IOTPay can be reached, but refused this shop\'s credentials', 'iotpay-for-woocommerce' ),
				sprintf(
					/* translators: 1: host name, 2: IOTPay code, 3: IOTPay message */
					__( 'The connection to %1$s over HTTPS works. IOTPay answered %2$s: %3$s', 'iotpay-for-woocommerce' ),
					$host,
					$refused->getProviderCode(),
					$refused->getProviderMessage()
				),
				self::settings_action()
			);
		}
		return self::result(
			'iotpay_api',
			'good',
			__( 'IOTPay can be reached from this server', 'iotpay-for-woocommerce' ),
			sprintf(
				/* translators: 1: host name, 2: test or live */
				__( 'The shop talked to %1$s over HTTPS and IOTPay accepted the %2$s merchant ID and key.', 'iotpay-for-woocommerce' ),
				$host,
				$settings->is_test_mode() ? __( 'test', 'iotpay-for-woocommerce' ) : __( 'live', 'iotpay-for-woocommerce' )
			)
		);
	}

	/** @return array<string, mixed> */
	public static function test_notifications(): array {
		global $wpdb;
		$last  = Health::last();
		$since = gmdate( 'Y-m-d H:i:s', time() - self::NOTIFY_STALE_DAYS * DAY_IN_SECONDS );
		// Payments IOTPay should have told the shop about lately.
		$paid = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . Schema::attempts_table() . ' WHERE state = %s AND updated_at >= %s', Attempt::PAID, $since ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
		$url  = Routes::notify_url();
		if ( null !== $last && 'accepted' !== $last['result'] ) {
			return self::result(
				'iotpay_notifications',
				'error' === $last['result'] ? 'critical' : 'recommended',
				__( 'The last IOTPay notification was not accepted', 'iotpay-for-woocommerce' ),
				sprintf(
					/* translators: 1: date and time, 2: reason */
					__( 'On %1$s the shop did not accept a notification from IOTPay (%2$s). IOTPay sends it again for a while, and the background checks still find paid orders, but a payment may show late.', 'iotpay-for-woocommerce' ),
					self::when( $last['at'] ),
					$last['reason']
				),
				__( 'If this repeats, check that the merchant ID and key in the IOTPay settings are those of the account IOTPay pays into, then look at WooCommerce > Status > Logs (source iotpay).', 'iotpay-for-woocommerce' )
			);
		}
		if ( $paid > 0 && ( null === $last || $last['at'] < time() - self::NOTIFY_STALE_DAYS * DAY_IN_SECONDS ) ) {
			return self::result(
				'iotpay_notifications',
				'recommended',
				__( 'IOTPay notifications do not seem to reach the shop', 'iotpay-for-woocommerce' ),
				sprintf(
					/* translators: 1: number of payments, 2: number of days, 3: notification URL */
					_n(
						'%1$d IOTPay payment was completed in the last %2$d days, but no notification from IOTPay arrived in that time: the shop found out by asking IOTPay, which is slower. IOTPay notifies %3$s.',
						'%1$d IOTPay payments were completed in the last %2$d days, but no notification from IOTPay arrived in that time: the shop found out by asking IOTPay, which is slower. IOTPay notifies %3$s.',
						$paid,
						'iotpay-for-woocommerce'
					),
					$paid,
					self::NOTIFY_STALE_DAYS,
					$url
				),
				__( 'Ask your hosting provider whether a firewall or security plugin blocks POST requests from outside to that address.', 'iotpay-for-woocommerce' )
			);
		}
		if ( null === $last ) {
			return self::result(
				'iotpay_notifications',
				'good',
				__( 'No IOTPay notification expected yet', 'iotpay-for-woocommerce' ),
				sprintf(
					/* translators: %s: notification URL */
					__( 'No IOTPay payment was completed lately, so no notification was expected. IOTPay will notify %s.', 'iotpay-for-woocommerce' ),
					$url
				)
			);
		}
		return self::result(
			'iotpay_notifications',
			'good',
			__( 'IOTPay notifications reach the shop', 'iotpay-for-woocommerce' ),
			sprintf(
				/* translators: %s: date and time */
				__( 'The last notification from IOTPay arrived on %s and was accepted.', 'iotpay-for-woocommerce' ),
				self::when( $last['at'] )
			)
		);
	}

	/** @return array<string, mixed> */
	public static function test_scheduler(): array {
		$tools = admin_url( 'admin.php?page=wc-status&tab=action-scheduler&status=pending' );
		if ( ! function_exists( 'as_get_scheduled_actions' ) || ! function_exists( 'as_next_scheduled_action' ) ) {
			return self::result(
				'iotpay_scheduler',
				'critical',
				__( 'IOTPay\'s background checks cannot run', 'iotpay-for-woocommerce' ),
				__( 'Action Scheduler (part of WooCommerce) is not available, so unanswered payments and refunds are not checked again in the background.', 'iotpay-for-woocommerce' ),
				__( 'Update WooCommerce, or reinstall it.', 'iotpay-for-woocommerce' )
			);
		}
		$late = as_get_scheduled_actions(
			array(
				'group'        => Reconciler::GROUP,
				'status'       => 'pending',
				'date'         => time() - self::SCHEDULER_LATE_SECONDS,
				'date_compare' => '<=',
				'orderby'      => 'date',
				'order'        => 'ASC',
				'per_page'     => 100,
			),
			'ids'
		);
		if ( count( $late ) > 0 ) {
			return self::result(
				'iotpay_scheduler',
				'critical',
				__( 'IOTPay\'s background checks are not running', 'iotpay-for-woocommerce' ),
				sprintf(
					/* translators: 1: number of checks, 2: minutes */
					_n(
						'%1$d background check of an IOTPay payment or refund is more than %2$d minutes late. Action Scheduler, which runs them, does not seem to run: payments whose customer did not come back may stay unpaid in the shop.',
						'%1$d background checks of IOTPay payments or refunds are more than %2$d minutes late. Action Scheduler, which runs them, does not seem to run: payments whose customer did not come back may stay unpaid in the shop.',
						count( $late ),
						'iotpay-for-woocommerce'
					),
					count( $late ),
					(int) ( self::SCHEDULER_LATE_SECONDS / 60 )
				),
				sprintf(
					'<a href="%1$s">%2$s</a> %3$s',
					esc_url( $tools ),
					esc_html__( 'See the pending actions', 'iotpay-for-woocommerce' ),
					esc_html__( 'WP-Cron must run (a site visit triggers it; with DISABLE_WP_CRON a real cron job must call wp-cron.php): ask your hosting provider to check it.', 'iotpay-for-woocommerce' )
				),
				true
			);
		}
		if ( false === as_next_scheduled_action( Reconciler::HOOK_SWEEP, array(), Reconciler::GROUP ) ) {
			return self::result(
				'iotpay_scheduler',
				'recommended',
				__( 'IOTPay\'s periodic check is not scheduled', 'iotpay-for-woocommerce' ),
				__( 'The periodic check that looks again at unanswered IOTPay payments is not in Action Scheduler\'s queue. It is put back on the next page load; if this stays, Action Scheduler\'s tables may be damaged.', 'iotpay-for-woocommerce' ),
				sprintf( '<a href="%1$s">%2$s</a>', esc_url( $tools ), esc_html__( 'See the scheduled actions', 'iotpay-for-woocommerce' ) ),
				true
			);
		}
		return self::result(
			'iotpay_scheduler',
			'good',
			__( 'IOTPay\'s background checks run', 'iotpay-for-woocommerce' ),
			__( 'Action Scheduler runs the checks of unanswered IOTPay payments and refunds on time.', 'iotpay-for-woocommerce' )
		);
	}

	/** @return array<string, mixed> */
	public static function test_debug_log(): array {
		$settings = SharedSettings::instance();
		if ( $settings->debug() && ! $settings->is_test_mode() ) {
			return self::result(
				'iotpay_debug_log',
				'recommended',
				__( 'The IOTPay debug log is on in live mode', 'iotpay-for-woocommerce' ),
				__( 'Every call to IOTPay is written to WooCommerce\'s logs (keys are never written, but order numbers and amounts are). That helps while setting up; on a live shop it only fills the logs.', 'iotpay-for-woocommerce' ),
				esc_html__( 'Turn "Debug log" off in the IOTPay settings once payments work.', 'iotpay-for-woocommerce' ) . ' ' . self::settings_action(),
				true
			);
		}
		return self::result(
			'iotpay_debug_log',
			'good',
			__( 'The IOTPay debug log is off in live mode', 'iotpay-for-woocommerce' ),
			$settings->is_test_mode()
				? __( 'The shop is in IOTPay test mode, where the debug log may be on.', 'iotpay-for-woocommerce' )
				: __( 'Only errors are logged.', 'iotpay-for-woocommerce' )
		);
	}

	/**
	 * Tools → Site Health → Info: what support asks first. Never the key.
	 *
	 * @param array<string, mixed> $info
	 * @return array<string, mixed>
	 */
	public static function debug_information( $info ): array {
		$info     = is_array( $info ) ? $info : array();
		$ext      = Plugin::extension_status();
		$settings = SharedSettings::instance();
		$last     = Health::last();
		$next     = function_exists( 'as_next_scheduled_action' ) ? as_next_scheduled_action( Reconciler::HOOK_SWEEP, array(), Reconciler::GROUP ) : false;
		$states   = array(
			'ok'      => __( 'compatible', 'iotpay-for-woocommerce' ),
			'missing' => __( 'missing', 'iotpay-for-woocommerce' ),
			'too_old' => __( 'too old for this plugin', 'iotpay-for-woocommerce' ),
			'too_new' => __( 'too new for this plugin', 'iotpay-for-woocommerce' ),
		);
		$fields = array(
			'plugin_version'    => array( 'label' => __( 'Plugin version', 'iotpay-for-woocommerce' ), 'value' => IOTPAY_WC_VERSION ),
			'extension'         => array( 'label' => __( 'iotpay extension', 'iotpay-for-woocommerce' ), 'value' => $states[ $ext['state'] ] ?? $ext['state'], 'debug' => $ext['state'] ),
			'extension_version' => array( 'label' => __( 'iotpay extension version', 'iotpay-for-woocommerce' ), 'value' => '' !== $ext['version'] ? $ext['version'] : '-' ),
			'extension_api'     => array( 'label' => __( 'iotpay extension API', 'iotpay-for-woocommerce' ), 'value' => '' !== $ext['api'] ? $ext['api'] : '-' ),
			'api_needed'        => array( 'label' => __( 'Extension API needed', 'iotpay-for-woocommerce' ), 'value' => Plugin::EXTENSION_API ),
			'extension_build'   => array( 'label' => __( 'iotpay extension build', 'iotpay-for-woocommerce' ), 'value' => 'ok' === $ext['state'] ? self::extension_build() : '-' ),
			'php'               => array( 'label' => __( 'PHP', 'iotpay-for-woocommerce' ), 'value' => PHP_VERSION . ' (' . PHP_SAPI . ( PHP_ZTS ? ', ZTS' : '' ) . ')' ),
			'mode'              => array( 'label' => __( 'Mode', 'iotpay-for-woocommerce' ), 'value' => $settings->is_test_mode() ? __( 'test', 'iotpay-for-woocommerce' ) : __( 'live', 'iotpay-for-woocommerce' ), 'debug' => $settings->is_test_mode() ? 'test' : 'live' ),
			'configured'        => array( 'label' => __( 'Merchant ID and key entered', 'iotpay-for-woocommerce' ), 'value' => $settings->is_configured() ? __( 'yes', 'iotpay-for-woocommerce' ) : __( 'no', 'iotpay-for-woocommerce' ) ),
			'base_url'          => array( 'label' => __( 'API address (v1)', 'iotpay-for-woocommerce' ), 'value' => '' !== $settings->base_url() ? $settings->base_url() : __( 'IOTPay production (default)', 'iotpay-for-woocommerce' ) ),
			'cc_base_url'       => array( 'label' => __( 'API address (cards)', 'iotpay-for-woocommerce' ), 'value' => '' !== $settings->cc_base_url() ? $settings->cc_base_url() : __( 'IOTPay production (default)', 'iotpay-for-woocommerce' ) ),
			'notify_url'        => array( 'label' => __( 'Notification URL', 'iotpay-for-woocommerce' ), 'value' => Routes::notify_url() ),
			'last_notification' => array( 'label' => __( 'Last notification', 'iotpay-for-woocommerce' ), 'value' => null === $last ? __( 'none yet', 'iotpay-for-woocommerce' ) : self::when( $last['at'] ) . ' (' . $last['result'] . ')' ),
			'next_sweep'        => array( 'label' => __( 'Next background check', 'iotpay-for-woocommerce' ), 'value' => is_int( $next ) ? self::when( $next ) : __( 'not scheduled', 'iotpay-for-woocommerce' ) ),
			'debug_log'         => array( 'label' => __( 'Debug log', 'iotpay-for-woocommerce' ), 'value' => $settings->debug() ? __( 'on', 'iotpay-for-woocommerce' ) : __( 'off', 'iotpay-for-woocommerce' ) ),
		);
		$info['iotpay-for-woocommerce'] = array(
			'label'  => __( 'IOTPay for WooCommerce', 'iotpay-for-woocommerce' ),
			'fields' => $fields,
		);
		return $info;
	}

	/** "release" or "debug", as `php --ri iotpay` shows it. */
	private static function extension_build(): string {
		ob_start();
		( new \ReflectionExtension( 'iotpay' ) )->info();
		$text = wp_strip_all_tags( (string) ob_get_clean() );
		return preg_match( '/build\s*(?:=>)?\s*(release|debug)/', $text, $m ) ? $m[1] : '-';
	}

	private static function when( int $timestamp ): string {
		return wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $timestamp ) ?: gmdate( 'Y-m-d H:i', $timestamp ) . ' UTC';
	}

	private static function settings_action(): string {
		return sprintf( '<a href="%1$s">%2$s</a>', esc_url( SettingsScreen::url() ), esc_html__( 'Open the IOTPay settings', 'iotpay-for-woocommerce' ) );
	}

	/**
	 * One Site Health result. Descriptions are text (escaped here); `$actions`
	 * is text unless `$actions_html` (or it came from settings_action()).
	 *
	 * @return array<string, mixed>
	 */
	private static function result( string $test, string $status, string $label, string $description, string $actions = '', bool $actions_html = false ): array {
		if ( '' !== $actions && ! $actions_html && 0 !== strpos( $actions, '<a href=' ) ) {
			$actions = esc_html( $actions );
		}
		return array(
			'label'       => $label,
			'status'      => $status,
			'badge'       => array(
				'label' => __( 'IOTPay payments', 'iotpay-for-woocommerce' ),
				'color' => 'blue',
			),
			'description' => '<p>' . esc_html( $description ) . '</p>',
			'actions'     => '' !== $actions ? '<p>' . $actions . '</p>' : '',
			'test'        => $test,
		);
	}
}
