<?php
/**
 * Issue 20: the plugin checks the extension it finds (missing, too old, too
 * new, compatible) and reports it — with the API over TLS, notifications,
 * Action Scheduler and the debug log — in WordPress Site Health.
 *
 * The extension states other than "compatible" are real PHP servers: one
 * without the extension (its ini scan directory), and two with this build
 * told to report another API version by its test hook
 * (IOTPAY_ENABLE_TEST_HOOKS=1 IOTPAY_TEST_FAKE_API_VERSION=0.9 / 2.0, read
 * when PHP loads the module), not a second build. Their admin pages are
 * fetched logged in, as a shop owner sees them.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

use IotPay\Tests\Support\Sandbox;
use IotPay\WooCommerce\Admin\SiteHealth;
use IotPay\WooCommerce\Notify\Health;
use IotPay\WooCommerce\Plugin;
use IotPay\WooCommerce\Reconcile\Reconciler;

require_once __DIR__ . '/ExtraServers.php';

final class SiteHealthTest extends PluginTestCase {

	use ExtraServers;

	protected function tearDown(): void {
		$this->stop_extra_servers();
		parent::tearDown();
	}

	/** Every test WordPress's Site Health knows, ours among them. @return array{direct: array<string, mixed>, async: array<string, mixed>} */
	private function site_health_tests(): array {
		require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
		return \WP_Site_Health::get_tests();
	}

	/** Runs one of our tests the way WordPress does (direct, or the async one's direct form). @return array<string, mixed> */
	private function run_test( string $id ): array {
		$tests = $this->site_health_tests();
		$test  = $tests['direct'][ $id ] ?? $tests['async'][ $id ] ?? null;
		$this->assertIsArray( $test, "Site Health has no test $id" );
		// As a new request would: what the shop's server processes wrote, not this process's cache.
		wp_cache_flush();
		$result = call_user_func( $test['async_direct_test'] ?? $test['test'] );
		foreach ( array( 'label', 'status', 'badge', 'description', 'actions', 'test' ) as $key ) {
			$this->assertArrayHasKey( $key, $result, "$id result has no $key" );
		}
		$this->assertContains( $result['status'], array( 'good', 'recommended', 'critical' ) );
		$this->assertSame( $id, $result['test'] );
		$this->assertStringNotContainsString( Sandbox::KEY, (string) wp_json_encode( $result ), 'the key never appears in Site Health' );
		return $result;
	}

	/** A page of wp-admin, logged in as an administrator (auth + logged-in cookies, as a browser sends). */
	private function admin_page( string $base, string $path ): array {
		$user       = $this->createUser( 'administrator' );
		$expiration = time() + DAY_IN_SECONDS;
		$token      = \WP_Session_Tokens::get_instance( $user )->create( $expiration );
		$cookies    = AUTH_COOKIE . '=' . rawurlencode( wp_generate_auth_cookie( $user, $expiration, 'auth', $token ) ) . '; '
			. LOGGED_IN_COOKIE . '=' . rawurlencode( wp_generate_auth_cookie( $user, $expiration, 'logged_in', $token ) );
		$r = $this->httpRequest( 'GET', $base . $path, array( 'Cookie' => $cookies ) );
		$this->assertSame( 200, $r['status'], $path . ': ' . substr( $r['body'], 0, 800 ) );
		$this->assertStringNotContainsString( 'Fatal error', $r['body'] );
		return $r;
	}

	/** The direct test results WordPress put into the Site Health screen's script data. @return array<string, array<string, mixed>> */
	private function screen_results( string $html ): array {
		$this->assertSame( 1, preg_match( '/var SiteHealth = (\{.*?\});\s*\n/s', $html, $m ), 'no SiteHealth data on the page' );
		$data = json_decode( $m[1], true );
		$out  = array();
		foreach ( $data['site_status']['direct'] ?? array() as $result ) {
			$out[ $result['test'] ] = $result;
		}
		return $out;
	}

	/** The shop served by a PHP whose extension reports API `$api` (null: no extension at all). */
	private function shop_with_extension_api( ?string $api ): string {
		$env = array(
			'IOTPAY_PLUGIN_FILE'   => (string) realpath( self::plugin_file() ),
			'IOTPAY_TEST_HOME_URL' => '{url}',
		);
		if ( null === $api ) {
			$env['PHP_INI_SCAN_DIR'] = self::ini_dir_without_extension();
		} else {
			$env['IOTPAY_ENABLE_TEST_HOOKS']     = '1';
			$env['IOTPAY_TEST_FAKE_API_VERSION'] = $api;
		}
		return $this->start_extra_server( dirname( __DIR__ ) . '/wc-double/server.php', $env );
	}

	public function test_api_versions_are_compared_by_major_and_minor(): void {
		$this->assertSame( 'ok', Plugin::api_compatibility( '1.0', '1.0' ) );
		$this->assertSame( 'ok', Plugin::api_compatibility( '1.7', '1.0' ) );
		$this->assertSame( 'ok', Plugin::api_compatibility( '1.10', '1.9' ), 'numbers, not strings' );
		$this->assertSame( 'too_old', Plugin::api_compatibility( '1.1', '1.2' ) );
		$this->assertSame( 'too_old', Plugin::api_compatibility( '0.9', '1.0' ) );
		$this->assertSame( 'too_old', Plugin::api_compatibility( '', '1.0' ), 'an extension from before the API constant' );
		$this->assertSame( 'too_old', Plugin::api_compatibility( 'x', '1.0' ) );
		$this->assertSame( 'too_new', Plugin::api_compatibility( '2.0', '1.5' ) );
	}

	public function test_the_extension_found_here_is_compatible_and_reported(): void {
		$ext = Plugin::extension_status();
		$this->assertSame( 'ok', $ext['state'] );
		$this->assertSame( phpversion( 'iotpay' ), $ext['version'] );
		$this->assertSame( \IotPay\API_VERSION, $ext['api'] );
		$this->assertTrue( Plugin::extension_loaded() );

		$r = $this->run_test( 'iotpay_extension' );
		$this->assertSame( 'good', $r['status'] );
		$this->assertStringContainsString( 'iotpay PHP extension ' . phpversion( 'iotpay' ) . ' (API ' . \IotPay\API_VERSION . ', release build)', $r['description'] );
		$this->assertStringContainsString( 'needs API ' . Plugin::EXTENSION_API, $r['description'] );
		$this->assertStringNotContainsString( 'iotpay-wc-extension', $this->renderAdminNotices(), 'no extension notice when it is compatible' );
	}

	/** @return array<string, array{0: ?string, 1: string, 2: string}> */
	public static function incompatible_extensions(): array {
		return array(
			'missing'   => array( null, 'iotpay-wc-extension-missing', 'does not load the iotpay extension' ),
			'too old'   => array( '1.0', 'iotpay-wc-extension-incompatible', 'with API 1.0; this version of the plugin needs API 1.1' ),
			'too new'   => array( '2.0', 'iotpay-wc-extension-incompatible', 'with API 2.0; this version of the plugin needs API 1.1' ),
		);
	}

	/**
	 * @dataProvider incompatible_extensions
	 */
	public function test_an_incompatible_extension_is_treated_like_a_missing_one( ?string $api, string $notice_class, string $description ): void {
		$base = $this->shop_with_extension_api( $api );

		// The single gate is shut: the notify route answers as without an extension.
		$notify = $this->httpRequest( 'POST', $base . '/wp-json/iotpay/v1/notify', array( 'Content-Type' => 'application/x-www-form-urlencoded' ), 'a=1' );
		$this->assertSame( 503, $notify['status'], $notify['body'] );
		// And a customer's payment page says payment is unavailable instead of calling IOTPay.
		$order = $this->order_for( 'iotpay_wechat', '5.00' );
		$pay   = $this->httpRequest( 'GET', $base . substr( $order->get_checkout_payment_url( true ), strlen( $this->shop ) ) );
		$this->assertStringContainsString( 'Online payment is temporarily unavailable', $pay['body'] );

		// The shop owner's dashboard: the notice names what was found and what is needed.
		$dash = $this->admin_page( $base, '/wp-admin/index.php' );
		$this->assertStringContainsString( $notice_class, $dash['body'] );
		$this->assertStringContainsString( 'IOTPay payments are switched off on this site.', $dash['body'] );
		if ( null !== $api ) {
			$this->assertStringContainsString( 'version ' . phpversion( 'iotpay' ) . ' of the iotpay PHP extension (API ' . $api . '), but this version of IOTPay for WooCommerce needs API 1.1', html_entity_decode( $dash['body'] ) );
			$this->assertStringContainsString( '2.0' === $api ? 'update IOTPay for WooCommerce' : 'Please update the iotpay PHP extension', html_entity_decode( $dash['body'] ) );
		}

		// Site Health: critical, in the same words.
		$results = $this->screen_results( $this->admin_page( $base, '/wp-admin/site-health.php' )['body'] );
		$this->assertSame( 'critical', $results['iotpay_extension']['status'] ?? null, (string) wp_json_encode( $results['iotpay_extension'] ?? null ) );
		$this->assertStringContainsString( $description, html_entity_decode( $results['iotpay_extension']['description'] ) );
		$this->assertNotSame( '', $results['iotpay_extension']['actions'] );
	}

	public function test_the_compatible_shop_shows_no_notice_and_a_good_test(): void {
		$dash = $this->admin_page( $this->shop, '/wp-admin/index.php' );
		$this->assertStringNotContainsString( 'iotpay-wc-extension-', $dash['body'] );
		$results = $this->screen_results( $this->admin_page( $this->shop, '/wp-admin/site-health.php' )['body'] );
		foreach ( array( 'iotpay_extension', 'iotpay_notifications', 'iotpay_scheduler', 'iotpay_debug_log' ) as $id ) {
			$this->assertArrayHasKey( $id, $results, 'the Site Health screen runs ' . $id );
		}
		$this->assertSame( 'good', $results['iotpay_extension']['status'] );
	}

	public function test_api_reachable_over_tls_good_refused_and_unreachable(): void {
		$tests = $this->site_health_tests();
		$this->assertTrue( $tests['async']['iotpay_api']['has_rest'] );
		$this->assertSame( rest_url( 'iotpay/v1/site-health/api' ), $tests['async']['iotpay_api']['test'] );

		// Over HTTPS to the sandbox, trusting its CA (verification on, as always).
		$this->configure( array( 'api_base_url' => $this->sb->https . '/v1/', 'cc_base_url' => $this->sb->https . '/v3/', 'ca_file' => $this->sb->caFile ) );
		$r = $this->run_test( 'iotpay_api' );
		$this->assertSame( 'good', $r['status'], $r['description'] );
		$this->assertStringContainsString( 'over HTTPS and IOTPay accepted the test merchant ID and key', $r['description'] );

		// The same HTTPS server without trusting its CA: the TLS handshake fails.
		$this->configure( array( 'api_base_url' => $this->sb->https . '/v1/' ) );
		$r = $this->run_test( 'iotpay_api' );
		$this->assertSame( 'critical', $r['status'], $r['description'] );
		$this->assertStringContainsString( 'allow outgoing HTTPS (port 443)', $r['actions'] );

		// Nobody listening.
		$this->configure( array( 'api_base_url' => 'http://127.0.0.1:' . self::freeLoopbackPort() . '/v1/' ) );
		$this->assertSame( 'critical', $this->run_test( 'iotpay_api' )['status'] );

		// Reached, but the key is not the merchant's.
		$this->configure( array( 'test_key' => 'not-the-merchant-key' ) );
		$r = $this->run_test( 'iotpay_api' );
		$this->assertSame( 'recommended', $r['status'], $r['description'] );
		$this->assertStringContainsString( 'refused this shop', $r['label'] );
		$this->assertStringNotContainsString( 'not-the-merchant-key', (string) wp_json_encode( $r ) );

		// Not configured: nothing is sent.
		$this->configure( array( 'test_mch_id' => '' ) );
		$this->assertSame( 'recommended', $this->run_test( 'iotpay_api' )['status'] );
	}

	public function test_the_async_route_needs_the_site_health_capability(): void {
		$this->logOut();
		$this->assertContains( $this->restRequest( 'GET', '/iotpay/v1/site-health/api' )->get_status(), array( 401, 403 ) );
		$this->setCurrentUserRole( 'shop_manager' );
		$this->assertContains( $this->restRequest( 'GET', '/iotpay/v1/site-health/api' )->get_status(), array( 401, 403 ) );
		$this->setCurrentUserRole( 'administrator' );
		$r = $this->restRequest( 'GET', '/iotpay/v1/site-health/api' );
		$this->assertSame( 200, $r->get_status() );
		$this->assertSame( 'good', $r->get_data()['status'] );
	}

	public function test_notifications_good_refused_error_and_not_arriving(): void {
		delete_option( Health::OPTION );
		$r = $this->run_test( 'iotpay_notifications' );
		$this->assertSame( 'good', $r['status'] );
		$this->assertStringContainsString( 'No IOTPay notification expected yet', $r['label'] );

		// A real payment, notified by a real signed notification: accepted.
		$order = $this->order_for( 'iotpay_wechat', '9.00' );
		$this->assertSame( 'success', $this->checkout( $order )['result'] );
		$attempt = $this->attempt( $order );
		$this->assertSame( 200, $this->post_notification( $this->notification_body( $attempt ) )['status'] );
		$this->assertTrue( $this->reloadOrder( $order )->is_paid() );
		$r = $this->run_test( 'iotpay_notifications' );
		$this->assertSame( 'good', $r['status'], $r['description'] );
		$this->assertSame( 'IOTPay notifications reach the shop', $r['label'] );

		// A notification signed with another key: refused.
		$this->post_notification( $this->notification_body( $attempt, array(), 'another-key' ) );
		$r = $this->run_test( 'iotpay_notifications' );
		$this->assertSame( 'recommended', $r['status'], $r['description'] );
		$this->assertStringContainsString( 'did not accept a notification', $r['description'] );

		Health::record( 'error', 'database went away', $attempt->mch_order_no );
		$this->assertSame( 'critical', $this->run_test( 'iotpay_notifications' )['status'] );

		// Payments completed this week, the last notification eight days old: they do not arrive.
		Health::record( 'accepted', 'complete: paid', $attempt->mch_order_no );
		$h       = Health::last();
		$h['at'] = time() - 8 * DAY_IN_SECONDS;
		update_option( Health::OPTION, $h, false );
		$r = $this->run_test( 'iotpay_notifications' );
		$this->assertSame( 'recommended', $r['status'], $r['description'] );
		$this->assertStringContainsString( '1 IOTPay payment was completed in the last 7 days, but no notification', $r['description'] );
		$this->assertStringContainsString( 'firewall', $r['actions'] );
	}

	public function test_scheduler_good_not_scheduled_and_not_running(): void {
		Reconciler::ensure_sweep_scheduled();
		$this->assertSame( 'good', $this->run_test( 'iotpay_scheduler' )['status'] );

		as_unschedule_all_actions( Reconciler::HOOK_SWEEP, null, Reconciler::GROUP );
		$this->assertSame( 'recommended', $this->run_test( 'iotpay_scheduler' )['status'] );
		Reconciler::ensure_sweep_scheduled();

		// A check due two hours ago and still pending: the runner does not run.
		as_schedule_single_action( time() - 7200, Reconciler::HOOK_CHECK_ATTEMPT, array( 999999 ), Reconciler::GROUP );
		$r = $this->run_test( 'iotpay_scheduler' );
		$this->assertSame( 'critical', $r['status'] );
		$this->assertStringContainsString( '1 background check of an IOTPay payment or refund is more than 60 minutes late', $r['description'] );
		$this->assertStringContainsString( 'wp-cron.php', $r['actions'] );

		// Once Action Scheduler runs it, all is well again.
		$this->runScheduledActions();
		$this->assertSame( 'good', $this->run_test( 'iotpay_scheduler' )['status'] );
	}

	public function test_debug_log_left_on_in_live_mode(): void {
		$live = array(
			'testmode'     => 'no',
			'live_mch_id'  => Sandbox::MCH_ID,
			'live_key'     => Sandbox::KEY,
			'debug'        => 'yes',
		);
		$this->configure( $live );
		$r = $this->run_test( 'iotpay_debug_log' );
		$this->assertSame( 'recommended', $r['status'] );
		$this->assertStringContainsString( 'section=iotpay', $r['actions'] );
		$this->assertStringContainsString( 'Turn &quot;Debug log&quot; off', $r['actions'] );

		$this->configure( array( 'debug' => 'no' ) + $live );
		$this->assertSame( 'good', $this->run_test( 'iotpay_debug_log' )['status'] );
		$this->configure( array( 'debug' => 'yes' ) );
		$this->assertSame( 'good', $this->run_test( 'iotpay_debug_log' )['status'], 'on in test mode is fine' );
	}

	public function test_info_section_for_support_never_shows_a_key(): void {
		$this->configure( array( 'live_key' => 'live-secret-key-123' ) );
		require_once ABSPATH . 'wp-admin/includes/class-wp-debug-data.php';
		$info = apply_filters( 'debug_information', array() );
		$this->assertArrayHasKey( 'iotpay-for-woocommerce', $info );
		$fields = $info['iotpay-for-woocommerce']['fields'];
		$this->assertSame( IOTPAY_WC_VERSION, $fields['plugin_version']['value'] );
		$this->assertSame( phpversion( 'iotpay' ), $fields['extension_version']['value'] );
		$this->assertSame( \IotPay\API_VERSION, $fields['extension_api']['value'] );
		$this->assertSame( Plugin::EXTENSION_API, $fields['api_needed']['value'] );
		$this->assertSame( 'release', $fields['extension_build']['value'] );
		$this->assertSame( 'test', $fields['mode']['debug'] );
		$dump = (string) wp_json_encode( $info['iotpay-for-woocommerce'] );
		$this->assertStringNotContainsString( Sandbox::KEY, $dump );
		$this->assertStringNotContainsString( 'live-secret-key-123', $dump );

		// The Info tab as an administrator sees it.
		$page = $this->admin_page( $this->shop, '/wp-admin/site-health.php?tab=debug' );
		$this->assertStringContainsString( 'IOTPay for WooCommerce', $page['body'] );
		$this->assertStringContainsString( 'Extension API needed', $page['body'] );
		$this->assertStringNotContainsString( Sandbox::KEY, $page['body'] );
		$this->assertStringNotContainsString( 'live-secret-key-123', $page['body'] );
	}
}
