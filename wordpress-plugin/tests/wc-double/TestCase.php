<?php
/**
 * PHPUnit base class for tests running on real WordPress 6.1 (the Debian
 * package) with the WooCommerce 7.9 double as the `woocommerce` plugin.
 *
 * WordPress is loaded once per PHP process, by the first bootPlugin() (or
 * bootWordPress()) call, with WooCommerce and that plugin active — the real
 * wp-settings.php: plugins included from `active_plugins`, muplugins_loaded
 * … init … wp_loaded. Its hooks are recorded then. Every test is a new
 * request on a freshly installed site: setUp() puts the database back to
 * the state WordPress's installer left (Site::restore()), the hooks back to
 * those recorded after loading, and resets the per-request globals of
 * WordPress and the WooCommerce double, the superglobals, the current user
 * and the test clock. A process can load only one plugin under test: a test
 * class booting another plugin runs its tests in separate processes
 * (@runTestsInSeparateProcesses, as DoubleSelfTest does).
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

namespace IotPay\WcDouble;

use Automattic\WooCommerce\Blocks\Package;
use Automattic\WooCommerce\Blocks\Payments\PaymentMethodRegistry;

require_once __DIR__ . '/bootstrap.php';

abstract class TestCase extends \PHPUnit\Framework\TestCase {

	/** @var list<string>|null Basenames of the plugins loaded with WordPress in this process (null: not loaded). */
	private static ?array $plugins = null;

	/** Hook state right after WordPress loaded. */
	private static ?array $hooks = null;

	/** @var resource|null */
	private static $server_process = null;

	private static ?string $server_url = null;

	/** @var list<array{function:string,message:string,version:string}> */
	private static array $doing_it_wrong = array();

	/** @var list<array{location:string,status:int,x_redirect_by:string|false}> */
	private static array $redirects = array();

	/** @var list<array{0:string,1:string}> */
	private static array $headers = array();

	/** @var array<int, string> user ID => logged-in cookie of this test's session */
	private static array $sessions = array();

	private bool $booted = false;

	protected function setUp(): void {
		parent::setUp();
		$this->booted = false;
		if ( null !== self::$plugins ) {
			$this->startRequest();
		}
	}

	protected function tearDown(): void {
		if ( null !== self::$plugins ) {
			$this->resetGlobals();
		}
		parent::tearDown();
	}

	public static function tearDownAfterClass(): void {
		self::stopServer();
		parent::tearDownAfterClass();
	}

	/* ---------------------------------------------------------------------
	 * Loading WordPress
	 * ------------------------------------------------------------------ */

	/**
	 * Loads WordPress (once per process) with WooCommerce and $plugins
	 * active, through our wp-config.php and the real wp-settings.php.
	 *
	 * @param list<string> $plugins Basenames.
	 */
	private static function loadWordPress( array $plugins ): void {
		Site::restore( $plugins, self::$server_url );
		$home = self::$server_url ?? Site::default_home();
		$url  = (array) parse_url( $home );
		$_SERVER['HTTP_HOST']       = ( $url['host'] ?? '127.0.0.1' ) . ( isset( $url['port'] ) ? ':' . $url['port'] : '' );
		$_SERVER['SERVER_NAME']     = $url['host'] ?? '127.0.0.1';
		$_SERVER['SERVER_PORT']     = (string) ( $url['port'] ?? 80 );
		$_SERVER['REQUEST_URI']     = '/';
		$_SERVER['REQUEST_METHOD']  = 'GET';
		$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
		$_SERVER['REMOTE_ADDR']     = '127.0.0.1';
		if ( ! defined( 'ABSPATH' ) ) {
			define( 'ABSPATH', Site::dir() . '/' );
		}
		self::$plugins = $plugins;
		self::requireWordPress();
		require_once ABSPATH . 'wp-admin/includes/admin.php';
		require_once __DIR__ . '/RecordingRestServer.php';

		// What WordPress's own test suite does in PHPUnit: wp_die() throws.
		foreach ( array( 'wp_die_handler', 'wp_die_ajax_handler', 'wp_die_json_handler', 'wp_die_jsonp_handler', 'wp_die_xml_handler', 'wp_die_xmlrpc_handler' ) as $filter ) {
			add_filter( $filter, static fn () => array( self::class, 'throwWpDie' ), PHP_INT_MAX );
		}
		add_action(
			'doing_it_wrong_run',
			static function ( $function, $message, $version ) {
				self::$doing_it_wrong[] = array(
					'function' => (string) $function,
					'message'  => (string) $message,
					'version'  => (string) $version,
				);
			},
			10,
			3
		);
		add_filter(
			'wp_redirect_status',
			static function ( $status, $location ) {
				self::$redirects[] = array(
					'location'      => (string) $location,
					'status'        => (int) $status,
					'x_redirect_by' => false,
				);
				if ( \WC_Double_Runtime::$redirect_throws ) {
					$e           = new \WPRedirectException( 'Redirect to ' . $location );
					$e->location = (string) $location;
					$e->status   = (int) $status;
					throw $e;
				}
				return $status;
			},
			PHP_INT_MAX,
			2
		);
		add_filter(
			'x_redirect_by',
			static function ( $by ) {
				if ( self::$redirects ) {
					self::$redirects[ count( self::$redirects ) - 1 ]['x_redirect_by'] = $by;
				}
				return $by;
			},
			PHP_INT_MAX
		);
		// The test's browser session: the current user's logged-in cookie is set
		// in $_COOKIE, so nonces made here are those of the cookie that
		// authCookieHeader() sends to the web server.
		add_action(
			'set_current_user',
			static function () {
				$id = get_current_user_id();
				if ( $id > 0 ) {
					$_COOKIE[ LOGGED_IN_COOKIE ] = self::sessionCookie( $id );
				} else {
					unset( $_COOKIE[ LOGGED_IN_COOKIE ] );
				}
			}
		);
		add_filter( 'wp_rest_server_class', static fn () => RecordingRestServer::class, PHP_INT_MAX );
		// WordPress fixes WP_CONTENT_URL and WP_PLUGIN_URL from `siteurl` once,
		// when it loads; each test class serves the site on its own port, so
		// in this long-lived process content and plugin URLs follow the
		// current `siteurl`, as they would in a new request.
		$loaded_site = untrailingslashit( (string) get_option( 'siteurl' ) );
		foreach ( array( 'content_url', 'plugins_url' ) as $filter ) {
			add_filter(
				$filter,
				static function ( $url ) use ( $loaded_site ) {
					$site = untrailingslashit( (string) get_option( 'siteurl' ) );
					return $site !== $loaded_site && 0 === strpos( (string) $url, $loaded_site . '/' ) ? $site . substr( (string) $url, strlen( $loaded_site ) ) : $url;
				},
				0
			);
		}
		foreach ( array( 'add_option_WPLANG', 'update_option_WPLANG', 'delete_option_WPLANG' ) as $hook ) {
			add_action( $hook, array( self::class, 'syncLocale' ) );
		}

		self::$hooks = self::snapshotHooks();
		// Anything loading wrote (scheduled events, caches) goes: every test
		// starts from the installed site.
		Site::restore( $plugins, self::$server_url );
		wp_cache_flush();
	}

	/**
	 * Our wp-config.php + wp-settings.php, with the globals WordPress's files
	 * expect at file scope made global (as WordPress's own PHPUnit bootstrap
	 * leaves them).
	 */
	private static function requireWordPress(): void {
		global $wpdb, $table_prefix, $wp_version, $wp_db_version, $tinymce_version, $required_php_version, $required_mysql_version, $wp_local_package, $wp_filter, $wp_actions, $wp_filters, $wp_current_filter;
		require ABSPATH . 'wp-config.php';
		foreach ( get_defined_vars() as $name => $value ) {
			if ( ! array_key_exists( $name, $GLOBALS ) ) {
				$GLOBALS[ $name ] = $value;
			}
		}
	}

	/**
	 * @param string|\WP_Error $message
	 * @param string|int       $title
	 * @param array|int        $args
	 */
	public static function throwWpDie( $message, $title = '', $args = array() ): void {
		if ( is_int( $args ) ) {
			$args = array( 'response' => $args );
		} elseif ( is_int( $title ) ) {
			$args  = array( 'response' => $title );
			$title = '';
		}
		$args   = (array) $args;
		$status = isset( $args['response'] ) && null !== $args['response'] ? (int) $args['response'] : 500;
		if ( is_wp_error( $message ) ) {
			$data = $message->get_error_data();
			if ( is_array( $data ) && isset( $data['status'] ) && ! isset( $args['response'] ) ) {
				$status = (int) $data['status'];
			}
			$message = $message->get_error_message();
		}
		$e                = new \WPDieException( is_scalar( $message ) ? (string) $message : '' );
		$e->wp_die_title  = $title;
		$e->wp_die_args   = $args;
		$e->wp_die_status = $status;
		throw $e;
	}

	private static function snapshotHooks(): array {
		global $wp_filter, $wp_actions, $wp_filters;
		$copy = array();
		foreach ( (array) $wp_filter as $name => $hook ) {
			$copy[ $name ] = clone $hook;
		}
		return array(
			'filters' => $copy,
			'actions' => (array) $wp_actions,
			'counts'  => (array) $wp_filters,
		);
	}

	private static function restoreHooks(): void {
		global $wp_filter, $wp_actions, $wp_filters, $wp_current_filter;
		$wp_filter = array();
		foreach ( self::$hooks['filters'] as $name => $hook ) {
			$wp_filter[ $name ] = clone $hook;
		}
		$wp_actions        = self::$hooks['actions'];
		$wp_filters        = self::$hooks['counts'];
		$wp_current_filter = array();
	}

	/**
	 * A new request: the installed site's database, the hooks as after
	 * loading, WordPress's and the WooCommerce double's per-request state.
	 */
	private function startRequest(): void {
		Site::restore( self::$plugins, self::$server_url );
		self::restoreHooks();
		$this->resetGlobals();
	}

	/**
	 * The site language (the WPLANG option, as Settings → General saves it)
	 * for the rest of this test's request: WordPress reads it once per
	 * request, so when a test sets it — or the next test starts on the
	 * installed site again — the locale, WP_Locale, the default text domain
	 * and every text domain loaded so far are set up again as the next
	 * request would (the others through WordPress's just-in-time loading
	 * from the paths they were loaded from).
	 */
	public static function syncLocale(): void {
		global $locale, $l10n;
		$site = (string) get_option( 'WPLANG' );
		$site = '' === $site ? 'en_US' : $site;
		if ( isset( $locale ) && $locale === $site ) {
			return;
		}
		unset( $GLOBALS['locale'] );
		// Loaded domains, and those load_plugin_textdomain() registered a path
		// for; the registry starts afresh (it remembers "no file" per domain).
		$paths   = ( fn () => $this->custom_paths )->call( $GLOBALS['wp_textdomain_registry'] );
		$domains = array_values( array_diff( array_unique( array_merge( array_keys( (array) $l10n ), array_keys( $paths ) ) ), array( 'default' ) ) );
		$GLOBALS['wp_textdomain_registry'] = new \WP_Textdomain_Registry();
		foreach ( $paths as $domain => $path ) {
			$GLOBALS['wp_textdomain_registry']->set_custom_path( $domain, $path );
		}
		foreach ( array_merge( array( 'default' ), $domains ) as $domain ) {
			unload_textdomain( $domain, true );
		}
		load_default_textdomain();
		$GLOBALS['wp_locale'] = new \WP_Locale();
		foreach ( $domains as $domain ) {
			_load_textdomain_just_in_time( $domain );
		}
	}

	private function resetGlobals(): void {
		wp_cache_flush();
		self::$doing_it_wrong = array();
		self::$redirects      = array();
		self::$headers        = array();
		self::$sessions       = array();
		\WC_Double_Runtime::$redirect_throws = false;
		$GLOBALS['wp_rest_server']      = null;
		$GLOBALS['wp_rest_auth_cookie'] = null;
		$GLOBALS['wp_scripts']          = null;
		$GLOBALS['wp_styles']           = null;
		$GLOBALS['post']                = null;
		$GLOBALS['current_screen']      = null;
		$GLOBALS['wp_meta_boxes']       = null;
		$GLOBALS['wp_settings_errors']  = array();
		$GLOBALS['wp_the_query']        = new \WP_Query();
		$GLOBALS['wp_query']            = $GLOBALS['wp_the_query'];
		$GLOBALS['wp']                  = new \WP();
		$_GET     = array();
		$_POST    = array();
		$_REQUEST = array();
		$_COOKIE  = array();
		$_FILES   = array();
		foreach ( array_keys( $_SERVER ) as $key ) {
			if ( 0 === strpos( (string) $key, 'HTTP_' ) || in_array( $key, array( 'CONTENT_TYPE', 'CONTENT_LENGTH', 'REQUEST_METHOD', 'REQUEST_URI', 'QUERY_STRING', 'HTTPS', 'REMOTE_ADDR' ), true ) ) {
				unset( $_SERVER[ $key ] );
			}
		}
		$_SERVER['REQUEST_METHOD'] = 'GET';
		$_SERVER['REQUEST_URI']    = '/';
		$_SERVER['REMOTE_ADDR']    = '127.0.0.1';
		$_SERVER['HTTP_HOST']      = (string) parse_url( (string) get_option( 'home' ), PHP_URL_HOST ) . ( parse_url( (string) get_option( 'home' ), PHP_URL_PORT ) ? ':' . parse_url( (string) get_option( 'home' ), PHP_URL_PORT ) : '' );
		$GLOBALS['current_user'] = null;
		wp_set_current_user( 0 );
		wp_roles()->for_site();
		$GLOBALS['wp_rewrite']->init();
		self::syncLocale();
		wc_double_reset_request_state();
	}

	/* ---------------------------------------------------------------------
	 * Boot
	 * ------------------------------------------------------------------ */

	/**
	 * Makes sure WordPress runs with WooCommerce and this plugin active (the
	 * first call in a process loads WordPress with it); with $admin, the
	 * request is an admin one and admin_init fires. Call it first in the
	 * test. Loading WordPress fires its whole sequence once per process;
	 * later tests start from the hooks recorded then (nothing is fired again).
	 */
	public function bootPlugin( string $file, bool $admin = false, array $with = array() ): void {
		if ( $this->booted ) {
			throw new \LogicException( 'WordPress is already booted in this test: call bootPlugin() before any helper that needs WordPress.' );
		}
		$basename = Site::link_plugin( $file );
		// Other plugins active beside it (e.g. the WooCommerce Subscriptions double): part of the process's set.
		$set = array_merge( array( $basename ), array_map( array( Site::class, 'link_plugin' ), $with ) );
		if ( null === self::$plugins ) {
			self::loadWordPress( $set );
		} elseif ( ! in_array( $basename, self::$plugins, true ) || array() !== array_diff( self::$plugins, $set ) || array() !== array_diff( $set, self::$plugins ) ) {
			throw new \LogicException( "WordPress was loaded in this process with " . ( implode( ', ', self::$plugins ) ?: 'no plugin' ) . '; ' . implode( ', ', $set ) . ' needs its own process (@runTestsInSeparateProcesses).' );
		}
		$this->booted = true;
		if ( $admin ) {
			$this->setAdminRequest( true );
			do_action( 'admin_init' );
		}
	}

	/** The WooCommerce Subscriptions double's main file (a plugin a test may activate beside its own: bootPlugin()'s $with). */
	public static function subscriptionsDouble(): string {
		return __DIR__ . '/woocommerce-subscriptions/woocommerce-subscriptions.php';
	}

	/**
	 * WordPress with WooCommerce (and whatever plugin this process loaded).
	 */
	public function bootWordPress( bool $admin = false ): void {
		if ( $this->booted ) {
			return;
		}
		if ( null === self::$plugins ) {
			self::loadWordPress( array() );
		}
		$this->booted = true;
		if ( $admin ) {
			$this->setAdminRequest( true );
			do_action( 'admin_init' );
		}
	}

	protected function ensureBooted(): void {
		if ( ! $this->booted ) {
			$this->bootWordPress();
		}
	}

	/**
	 * activate_plugin(): its activation hook runs and it is added to active_plugins.
	 */
	public function activatePlugin( string $file ): void {
		$this->ensureBooted();
		activate_plugin( Site::link_plugin( $file ) );
	}

	/**
	 * uninstall_plugin() in its own PHP process, as the Plugins screen's
	 * delete request runs it (uninstall.php is included once and defines
	 * WP_UNINSTALL_PLUGIN, so it cannot run twice in one process).
	 */
	public function uninstallPlugin( string $file ): void {
		$this->ensureBooted();
		$basename = Site::link_plugin( $file );
		$code     = 'define( "WP_ADMIN", true ); define( "ABSPATH", getenv( "IOTPAY_TEST_WP_DIR" ) . "/" ); $_SERVER["HTTP_HOST"] = ' . var_export( (string) $_SERVER['HTTP_HOST'], true ) . '; $_SERVER["REQUEST_URI"] = "/wp-admin/plugins.php"; require ABSPATH . "wp-load.php"; require_once ABSPATH . "wp-admin/includes/plugin.php"; wp_set_current_user( 1 ); exit( uninstall_plugin( ' . var_export( $basename, true ) . ' ) ? 0 : 3 );';
		$proc     = proc_open( array( PHP_BINARY, '-r', $code ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
		$out      = stream_get_contents( $pipes[1] ) . stream_get_contents( $pipes[2] );
		$status   = proc_close( $proc );
		if ( 0 !== $status ) {
			throw new \RuntimeException( "uninstall_plugin( $basename ) failed ($status): $out" );
		}
		wp_cache_flush();
	}

	/**
	 * What wp-admin/admin-post.php does for action=$action: admin request,
	 * admin_init, then admin_post_{$action} (or admin_post_nopriv_{$action}
	 * when logged out). A handler that redirects and exits would end PHPUnit:
	 * set \WC_Double_Runtime::$redirect_throws = true to make wp_redirect()
	 * throw a WPRedirectException first.
	 */
	public function adminPost( string $action, array $fields = array() ): void {
		$this->ensureBooted();
		$this->setAdminRequest( true );
		$_POST                     = wp_slash( array_merge( $fields, array( 'action' => $action ) ) );
		$_REQUEST                  = array_merge( $_GET, $_POST );
		$_SERVER['REQUEST_METHOD'] = 'POST';
		do_action( 'admin_init' );
		if ( is_user_logged_in() ) {
			do_action( "admin_post_{$action}" );
		} else {
			do_action( "admin_post_nopriv_{$action}" );
		}
	}

	/**
	 * is_admin() as on an admin screen (WordPress's current screen), or not.
	 */
	public function setAdminRequest( bool $is_admin = true ): void {
		$this->ensureBooted();
		if ( $is_admin ) {
			set_current_screen( 'dashboard' );
		} else {
			$GLOBALS['current_screen'] = null;
		}
	}

	/**
	 * Installs a WordPress language pack for $locale in WP_LANG_DIR, so that
	 * WordPress accepts it as the site language (sanitize_option() keeps
	 * WPLANG to installed languages) and loads it. The test site cannot
	 * download WordPress's packs: this one is an empty catalogue, so
	 * WordPress's own strings stay English; plugins' translations are
	 * their own files.
	 */
	public function installLanguage( string $locale ): void {
		$this->ensureBooted();
		$file = WP_LANG_DIR . '/' . $locale . '.mo';
		if ( ! is_file( $file ) ) {
			wp_mkdir_p( WP_LANG_DIR );
			$header = "Language: $locale\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n";
			// MO: magic, revision, 1 string, originals at 28, translations at 36, no hash table; "" => header.
			file_put_contents( $file, pack( 'V7', 0x950412de, 0, 1, 28, 36, 0, 44 ) . pack( 'V2', 0, 44 ) . pack( 'V2', strlen( $header ), 45 ) . "\0" . $header . "\0" );
		}
	}

	/**
	 * The site language, as Settings → General sets it: the language pack
	 * installed (installLanguage()) and WPLANG saved; '' or 'en_US' for
	 * English. The rest of the test runs in it (syncLocale()).
	 */
	public function setSiteLanguage( string $locale ): void {
		$this->ensureBooted();
		if ( '' !== $locale && 'en_US' !== $locale ) {
			$this->installLanguage( $locale );
		}
		update_option( 'WPLANG', 'en_US' === $locale ? '' : $locale );
	}

	public function setAjaxRequest( bool $doing_ajax = true ): void {
		$this->ensureBooted();
		remove_filter( 'wp_doing_ajax', '__return_true' );
		if ( $doing_ajax ) {
			add_filter( 'wp_doing_ajax', '__return_true' );
		}
	}

	/* ---------------------------------------------------------------------
	 * Clock
	 * ------------------------------------------------------------------ */

	/**
	 * Moves the WooCommerce double's test clock (iotpay_test_now()) forward
	 * for every process. WordPress's own clock (nonces, transients,
	 * WP-Cron) is not moved.
	 */
	public function advanceTime( int $seconds ): void {
		$this->ensureBooted();
		iotpay_test_set_clock_offset( iotpay_test_clock_offset() + $seconds );
	}

	public function now(): int {
		$this->ensureBooted();
		return iotpay_test_now();
	}

	/* ---------------------------------------------------------------------
	 * Users
	 * ------------------------------------------------------------------ */

	/**
	 * @param array<string,bool> $caps Extra capabilities granted directly.
	 */
	public function createUser( string $role = 'administrator', array $caps = array(), array $data = array() ): int {
		$this->ensureBooted();
		static $n = 0;
		++$n;
		$login = $data['user_login'] ?? ( 'user' . $n . '_' . substr( md5( (string) microtime( true ) ), 0, 6 ) );
		$id    = wp_insert_user(
			array_merge(
				array(
					'user_login' => $login,
					'user_email' => $login . '@example.com',
					'user_pass'  => 'password',
					'role'       => $role,
				),
				$data
			)
		);
		if ( is_wp_error( $id ) ) {
			throw new \RuntimeException( $id->get_error_message() );
		}
		$user = new \WP_User( $id );
		foreach ( $caps as $cap => $grant ) {
			$user->add_cap( is_int( $cap ) ? $grant : $cap, is_int( $cap ) ? true : (bool) $grant );
		}
		return (int) $id;
	}

	/**
	 * Logs in a new user with a role; returns the user ID.
	 */
	public function setCurrentUserRole( string $role ): int {
		$id = $this->createUser( $role );
		wp_set_current_user( $id );
		return $id;
	}

	/**
	 * Logs in a new user who has exactly these capabilities (no role).
	 *
	 * @param string[] $caps
	 */
	public function setCurrentUserCaps( array $caps ): int {
		$id   = $this->createUser( '', array() );
		$user = new \WP_User( $id );
		$user->set_role( '' );
		foreach ( $caps as $cap ) {
			$user->add_cap( $cap );
		}
		wp_set_current_user( 0 );
		wp_set_current_user( $id );
		return $id;
	}

	public function logOut(): void {
		$this->ensureBooted();
		wp_set_current_user( 0 );
	}

	/* ---------------------------------------------------------------------
	 * HPOS
	 * ------------------------------------------------------------------ */

	public function setHposEnabled( bool $enabled ): void {
		$this->ensureBooted();
		update_option( 'woocommerce_custom_orders_table_enabled', $enabled ? 'yes' : 'no' );
	}

	public function isHposEnabled(): bool {
		$this->ensureBooted();
		return \Automattic\WooCommerce\Utilities\OrderUtil::custom_orders_table_usage_is_enabled();
	}

	/**
	 * @return array<int, array{kind:string,function:string,object_id:int,caller:string}>
	 */
	public function getHposViolations(): array {
		global $wpdb;
		$this->ensureBooted();
		return array_map(
			static function ( $row ) {
				$row['object_id'] = (int) $row['object_id'];
				return $row;
			},
			(array) $wpdb->get_results( "SELECT kind, function, object_id, caller FROM {$wpdb->prefix}double_violations ORDER BY id", ARRAY_A )
		);
	}

	public function assertNoHposViolations( string $message = '' ): void {
		$lines = array_map(
			static function ( $v ) {
				return sprintf( '%s(%d) at %s', $v['function'], $v['object_id'], $v['caller'] );
			},
			$this->getHposViolations()
		);
		$this->assertSame( array(), $lines, $message ?: 'Direct post/post meta access on orders while HPOS is on.' );
	}

	/* ---------------------------------------------------------------------
	 * Products and orders
	 * ------------------------------------------------------------------ */

	/**
	 * Creates a published simple product; $stock null = stock not managed.
	 *
	 * @param array $args name, sku, virtual, downloadable, backorders.
	 */
	public function createProduct( string $price = '10.00', ?int $stock = 10, array $args = array() ): int {
		$this->ensureBooted();
		$product = new \WC_Product_Simple();
		$product->set_name( $args['name'] ?? 'Test product' );
		$product->set_regular_price( $price );
		$product->set_price( $price );
		if ( isset( $args['sku'] ) ) {
			$product->set_sku( $args['sku'] );
		}
		$product->set_virtual( $args['virtual'] ?? false );
		$product->set_downloadable( $args['downloadable'] ?? false );
		$product->set_backorders( $args['backorders'] ?? 'no' );
		if ( null !== $stock ) {
			$product->set_manage_stock( true );
			$product->set_stock_quantity( $stock );
		}
		$product->save();
		return $product->get_id();
	}

	/**
	 * The product's stock as stored now (WordPress's cache of its meta is
	 * dropped first: another process may have changed it).
	 */
	public function getStock( int $product_id ): ?int {
		$this->ensureBooted();
		clean_post_cache( $product_id );
		$product = wc_get_product( $product_id );
		$stock   = $product ? $product->get_stock_quantity() : null;
		return null === $stock ? null : (int) $stock;
	}

	/**
	 * Creates an order like checkout does.
	 *
	 * @param array $args status ('pending'), payment_method ('iotpay'),
	 *   payment_method_title, currency ('CAD'), total ('12.34', decimal string),
	 *   items (list of [product_id, qty]; default: one new product priced at the
	 *   total with 10 in stock; array() for none), created_via ('checkout'),
	 *   billing_email ('customer@example.com'), customer_id (0),
	 *   customer_ip_address, customer_user_agent, order_key, meta (key => value).
	 */
	public function createOrder( array $args = array() ): \WC_Order {
		$this->ensureBooted();
		$args = array_merge(
			array(
				'status'               => 'pending',
				'payment_method'       => 'iotpay',
				'payment_method_title' => 'IOTPay',
				'currency'             => 'CAD',
				'total'                => '12.34',
				'created_via'          => 'checkout',
				'billing_email'        => 'customer@example.com',
				'customer_id'          => 0,
				'meta'                 => array(),
			),
			$args
		);
		if ( ! array_key_exists( 'items', $args ) ) {
			$args['items'] = array( array( $this->createProduct( (string) $args['total'], 10 ), 1 ) );
		}
		$order = wc_create_order(
			array(
				'status'      => $args['status'],
				'created_via' => $args['created_via'],
				'customer_id' => $args['customer_id'],
			)
		);
		if ( is_wp_error( $order ) ) {
			throw new \RuntimeException( $order->get_error_message() );
		}
		foreach ( $args['items'] as $item ) {
			$order->add_product( wc_get_product( (int) $item[0] ), (int) ( $item[1] ?? 1 ) );
		}
		$order->set_payment_method( $args['payment_method'] );
		$order->set_payment_method_title( $args['payment_method_title'] );
		$order->set_currency( $args['currency'] );
		$order->set_billing_email( $args['billing_email'] );
		if ( isset( $args['customer_ip_address'] ) ) {
			$order->set_customer_ip_address( $args['customer_ip_address'] );
		}
		if ( isset( $args['customer_user_agent'] ) ) {
			$order->set_customer_user_agent( $args['customer_user_agent'] );
		}
		if ( isset( $args['order_key'] ) ) {
			$order->set_order_key( $args['order_key'] );
		}
		foreach ( $args['meta'] as $key => $value ) {
			$order->update_meta_data( $key, $value );
		}
		$order->set_total( $args['total'] );
		$order->save();
		return wc_get_order( $order->get_id() );
	}

	/**
	 * A fresh copy of the order from the database, as a new request would
	 * read it: WooCommerce caches orders inside a request (and WordPress
	 * caches posts and meta), so the test's earlier reads are dropped first.
	 *
	 * @param int|\WC_Abstract_Order $order Order or ID.
	 * @return \WC_Order|\WC_Order_Refund
	 */
	public function reloadOrder( $order ) {
		$this->ensureBooted();
		wp_cache_flush();
		return wc_get_order( $order instanceof \WC_Abstract_Order ? $order->get_id() : (int) $order );
	}

	/**
	 * Order notes, newest first, as stored now (WordPress's cached comment
	 * queries are dropped first: another process may have added notes).
	 *
	 * @return string[]
	 */
	public function getOrderNotes( int $order_id ): array {
		$this->ensureBooted();
		wp_cache_set( 'last_changed', microtime(), 'comment' );
		return array_map(
			static function ( $note ) {
				return $note->content;
			},
			wc_get_order_notes( array( 'order_id' => $order_id ) )
		);
	}

	/* ---------------------------------------------------------------------
	 * Observations
	 * ------------------------------------------------------------------ */

	public function countStockReductions( ?int $order_id = null, ?int $product_id = null ): int {
		global $wpdb;
		$this->ensureBooted();
		$sql = "SELECT COUNT(*) FROM {$wpdb->prefix}double_stock_reductions WHERE 1=1";
		if ( null !== $order_id ) {
			$sql .= $wpdb->prepare( ' AND order_id = %d', $order_id );
		}
		if ( null !== $product_id ) {
			$sql .= $wpdb->prepare( ' AND product_id = %d', $product_id );
		}
		return (int) $wpdb->get_var( $sql );
	}

	/**
	 * Emails "sent" (WooCommerce emails have their email id, other wp_mail() calls 'wp_mail').
	 *
	 * @return array<int, array{email_id:string,order_id:int,recipient:string,subject:string}>
	 */
	public function getEmails( ?int $order_id = null, ?string $email_id = null ): array {
		global $wpdb;
		$this->ensureBooted();
		$sql = "SELECT email_id, order_id, recipient, subject FROM {$wpdb->prefix}double_emails WHERE 1=1";
		if ( null !== $order_id ) {
			$sql .= $wpdb->prepare( ' AND order_id = %d', $order_id );
		}
		if ( null !== $email_id ) {
			$sql .= $wpdb->prepare( ' AND email_id = %s', $email_id );
		}
		return array_map(
			static function ( $row ) {
				$row['order_id'] = (int) $row['order_id'];
				return $row;
			},
			(array) $wpdb->get_results( $sql . ' ORDER BY id', ARRAY_A )
		);
	}

	public function countEmails( ?int $order_id = null, ?string $email_id = null ): int {
		return count( $this->getEmails( $order_id, $email_id ) );
	}

	/**
	 * Everything logged through wc_get_logger(), oldest first.
	 *
	 * @return array<int, array{level:string,source:string,message:string,context:mixed,timestamp:string}>
	 */
	public function getLogs( ?string $source = null, ?string $level = null ): array {
		global $wpdb;
		$this->ensureBooted();
		$sql = "SELECT timestamp, level, source, message, context FROM {$wpdb->prefix}woocommerce_log WHERE 1=1";
		if ( null !== $source ) {
			$sql .= $wpdb->prepare( ' AND source = %s', $source );
		}
		if ( null !== $level ) {
			$sql .= $wpdb->prepare( ' AND level = %d', \WC_Log_Levels::get_level_severity( $level ) );
		}
		return array_map(
			static function ( $row ) {
				return array(
					'level'     => (string) \WC_Log_Levels::get_severity_level( (int) $row['level'] ),
					'source'    => $row['source'],
					'message'   => $row['message'],
					'context'   => null === $row['context'] ? array() : json_decode( (string) $row['context'], true ),
					'timestamp' => $row['timestamp'],
				);
			},
			(array) $wpdb->get_results( $sql . ' ORDER BY log_id', ARRAY_A )
		);
	}

	public function assertLogged( string $level, string $needle, ?string $source = null ): void {
		foreach ( $this->getLogs( $source, $level ) as $entry ) {
			if ( false !== strpos( $entry['message'], $needle ) ) {
				$this->addToAssertionCount( 1 );
				return;
			}
		}
		// What was logged, so that a failure (a timing flake on a loaded CI machine above all) explains itself.
		$seen = array_map( static fn ( array $e ): string => $e['level'] . ' ' . $e['message'] . ' ' . wp_json_encode( $e['context'] ), $this->getLogs( $source ) );
		$this->fail( "No $level log entry containing \"$needle\"" . ( $source ? " from source $source" : '' ) . ".\nLogged:\n" . implode( "\n", array_slice( $seen, -40 ) ) );
	}

	/**
	 * _doing_it_wrong() calls of this test (WordPress's doing_it_wrong_run action).
	 *
	 * @return array<int, array{function:string,message:string,version:string}>
	 */
	public function getDoingItWrong(): array {
		return self::$doing_it_wrong;
	}

	/**
	 * wp_redirect() calls of this test (seen through its filters).
	 *
	 * @return array<int, array{location:string,status:int,x_redirect_by:string|false}>
	 */
	public function getRedirects(): array {
		return self::$redirects;
	}

	/**
	 * Headers sent by the REST server during serveRestRequest() (PHP's CLI
	 * keeps no record of header() calls).
	 *
	 * @return array<int, array{0:string,1:string}>
	 */
	public function getSentHeaders(): array {
		return self::$headers;
	}

	/** @internal RecordingRestServer */
	public static function recordHeader( string $name, string $value ): void {
		self::$headers[] = array( $name, $value );
	}

	/* ---------------------------------------------------------------------
	 * Action Scheduler, WP-Cron
	 * ------------------------------------------------------------------ */

	/**
	 * Runs due Action Scheduler actions (scheduled at or before the test clock).
	 */
	public function runScheduledActions( int $max = 500 ): int {
		$this->ensureBooted();
		return wc_double_run_due_actions( $max );
	}

	/**
	 * @return array<int, array> Rows keyed by action ID (hook, status, args, group, scheduled_date_gmt …).
	 */
	public function getScheduledActions( string $hook = '', ?string $status = null ): array {
		$this->ensureBooted();
		return as_get_scheduled_actions(
			array(
				'hook'     => $hook,
				'status'   => $status ?? '',
				'per_page' => -1,
			),
			ARRAY_A
		);
	}

	/**
	 * Runs the WP-Cron events due by the test clock, as wp-cron.php does
	 * (recurring ones rescheduled first).
	 */
	public function runCron(): int {
		$this->ensureBooted();
		$ran = 0;
		foreach ( (array) _get_cron_array() as $timestamp => $hooks ) {
			if ( $timestamp > iotpay_test_now() ) {
				continue;
			}
			foreach ( (array) $hooks as $hook => $events ) {
				foreach ( (array) $events as $event ) {
					if ( ! empty( $event['schedule'] ) ) {
						wp_reschedule_event( $timestamp, $event['schedule'], $hook, $event['args'] );
					}
					wp_unschedule_event( $timestamp, $hook, $event['args'] );
					do_action_ref_array( $hook, $event['args'] );
					++$ran;
				}
			}
		}
		return $ran;
	}

	/**
	 * What the woocommerce_cancel_unpaid_orders event does.
	 */
	public function cancelUnpaidOrders(): void {
		$this->ensureBooted();
		do_action( 'woocommerce_cancel_unpaid_orders' );
	}

	/* ---------------------------------------------------------------------
	 * REST
	 * ------------------------------------------------------------------ */

	/**
	 * rest_do_request() (no authentication check, no rest_pre_serve_request).
	 *
	 * @param array       $params  Query params (GET) or body params (other methods).
	 * @param string|null $body    Raw body (JSON unless a content-type header says otherwise).
	 * @param array       $headers name => value.
	 */
	public function restRequest( string $method, string $route, array $params = array(), ?string $body = null, array $headers = array() ): \WP_REST_Response {
		$this->ensureBooted();
		$request = new \WP_REST_Request( $method, $route );
		if ( 'GET' === strtoupper( $method ) ) {
			$request->set_query_params( $params );
		} else {
			$request->set_body_params( $params );
		}
		if ( null !== $body ) {
			$request->set_body( $body );
			if ( ! isset( array_change_key_case( $headers )['content-type'] ) ) {
				$request->set_header( 'content-type', 'application/json' );
			}
		}
		foreach ( $headers as $name => $value ) {
			$request->set_header( $name, $value );
		}
		return rest_do_request( $request );
	}

	/**
	 * WP_REST_Server::serve_request() in this process (authentication,
	 * rest_post_dispatch, rest_pre_serve_request, JSON echo), the headers and
	 * status it sent recorded.
	 *
	 * @return array{status:int, headers:array<string,string>, body:string}
	 */
	public function serveRestRequest( string $method, string $route, array $query = array(), ?string $body = null, array $headers = array() ): array {
		$this->ensureBooted();
		$_SERVER['REQUEST_METHOD'] = strtoupper( $method );
		$_SERVER['REQUEST_URI']    = '/' . rest_get_url_prefix() . $route . ( $query ? '?' . http_build_query( $query ) : '' );
		$_GET                      = wp_slash( $query );
		$_POST                     = array();
		foreach ( $headers as $name => $value ) {
			$key = strtoupper( str_replace( '-', '_', $name ) );
			if ( in_array( $key, array( 'CONTENT_TYPE', 'CONTENT_LENGTH' ), true ) ) {
				$_SERVER[ $key ] = $value;
			} else {
				$_SERVER[ 'HTTP_' . $key ] = $value;
			}
		}
		if ( null !== $body && ! isset( $_SERVER['CONTENT_TYPE'] ) ) {
			$_SERVER['CONTENT_TYPE'] = 'application/json';
		}
		if ( null !== $body && 0 === stripos( (string) $_SERVER['CONTENT_TYPE'], 'application/x-www-form-urlencoded' ) && 'POST' === strtoupper( $method ) ) {
			parse_str( $body, $_POST );
			$_POST = wp_slash( $_POST );
		}
		$_REQUEST      = array_merge( $_GET, $_POST );
		self::$headers = array();
		$server        = rest_get_server();
		if ( ! $server instanceof RecordingRestServer ) {
			throw new \LogicException( 'The REST server is not the recording one.' );
		}
		$server->status                = null;
		$GLOBALS['HTTP_RAW_POST_DATA'] = $body ?? '';
		ob_start();
		try {
			$server->serve_request( $route );
		} finally {
			$output = (string) ob_get_clean();
			unset( $GLOBALS['HTTP_RAW_POST_DATA'] );
		}
		$sent = array();
		foreach ( self::$headers as $h ) {
			$sent[ $h[0] ] = $h[1];
		}
		return array(
			'status'  => $server->status ?? 200,
			'headers' => $sent,
			'body'    => $output,
		);
	}

	/* ---------------------------------------------------------------------
	 * Admin screens
	 * ------------------------------------------------------------------ */

	/**
	 * Saves the gateway's settings as WooCommerce > Settings > Payments does.
	 *
	 * @param array $fields Posted fields by field key (woocommerce_{id}_{key}) or by bare key.
	 */
	public function saveGatewaySettings( string $gateway_id, array $fields ): void {
		$this->ensureBooted();
		$this->setAdminRequest( true );
		$post = array();
		foreach ( $fields as $key => $value ) {
			$post[ 0 === strpos( (string) $key, 'woocommerce_' ) ? $key : 'woocommerce_' . $gateway_id . '_' . $key ] = $value;
		}
		wc_double_save_gateway_settings( $gateway_id, $post );
	}

	public function renderGatewaySettings( string $gateway_id ): string {
		$this->ensureBooted();
		return wc_double_render_gateway_settings( $gateway_id );
	}

	/**
	 * @return array<string,string>
	 */
	public function orderActions( \WC_Order $order ): array {
		return wc_double_order_actions( $order );
	}

	public function runOrderAction( \WC_Order $order, string $action ): void {
		wc_double_run_order_action( $order, $action );
	}

	/**
	 * The order edit screen's meta boxes, as WooCommerce builds them with
	 * WordPress's meta box API: classic (post.php) fires `add_meta_boxes`
	 * with ('shop_order', WP_Post) and hands boxes the WP_Post; HPOS
	 * (admin.php?page=wc-orders, WooCommerce 7.9
	 * Internal\Admin\Orders\Edit::setup()) fires it with
	 * ('woocommerce_page_wc-orders', WC_Order) and hands boxes the WC_Order.
	 */
	public function renderOrderEditScreen( \WC_Order $order ): string {
		global $wp_meta_boxes;
		$this->ensureBooted();
		$wp_meta_boxes = array();
		if ( $this->isHposEnabled() ) {
			$screen = 'woocommerce_page_wc-orders';
			$object = wc_get_order( $order->get_id() );
		} else {
			$screen = 'shop_order';
			$object = get_post( $order->get_id() );
		}
		set_current_screen( $screen );
		do_action( 'add_meta_boxes', $screen, $object );
		do_action( 'add_meta_boxes_' . $screen, $object );
		ob_start();
		foreach ( array( 'normal', 'side', 'advanced' ) as $context ) {
			do_meta_boxes( $screen, $context, $object );
		}
		return (string) ob_get_clean();
	}

	public function renderAdminNotices(): string {
		$this->ensureBooted();
		return wc_double_render_admin_notices();
	}

	/**
	 * The Checkout Block's "Place order" for an order already created from the
	 * cart: the Store API checkout's payment step
	 * (`woocommerce_rest_checkout_process_payment_with_context`, the legacy
	 * handler calling the gateway's process_payment() with $payment_data as
	 * $_POST). A RouteException (validate_fields() notices) propagates.
	 *
	 * @param array<string, string> $payment_data The request's payment_data ({key, value} pairs, as a map).
	 */
	public function storeApiCheckout( \WC_Order $order, string $payment_method, array $payment_data = array() ): \Automattic\WooCommerce\StoreApi\Payments\PaymentResult {
		$this->ensureBooted();
		$context = new \Automattic\WooCommerce\StoreApi\Payments\PaymentContext();
		$context->set_payment_method( $payment_method );
		$context->set_order( $order );
		$context->set_payment_data( $payment_data );
		$result = new \Automattic\WooCommerce\StoreApi\Payments\PaymentResult();
		try {
			do_action_ref_array( 'woocommerce_rest_checkout_process_payment_with_context', array( $context, &$result ) );
		} catch ( \Exception $e ) {
			// WordPress leaves the hook on its "current filter" stack when a callback
			// throws; a real request ends with this error response, the test process goes on.
			global $wp_current_filter;
			if ( 'woocommerce_rest_checkout_process_payment_with_context' === end( $wp_current_filter ) ) {
				array_pop( $wp_current_filter );
			}
			// CheckoutTrait::process_payment (7.9 and 11.0.1): an exception of the payment
			// step becomes the checkout's error response, its message shown to the customer.
			throw new \Automattic\WooCommerce\StoreApi\Exceptions\RouteException( 'woocommerce_rest_checkout_process_payment_error', $e->getMessage(), 400 );
		}
		return $result;
	}

	public function paymentMethodRegistry(): PaymentMethodRegistry {
		$this->ensureBooted();
		return Package::container()->get( PaymentMethodRegistry::class );
	}

	/**
	 * Fires wp_enqueue_scripts (front) or admin_enqueue_scripts (admin).
	 */
	public function enqueueScripts( string $hook_suffix = '' ): void {
		$this->ensureBooted();
		if ( is_admin() ) {
			do_action( 'admin_enqueue_scripts', $hook_suffix );
		} else {
			do_action( 'wp_enqueue_scripts' );
		}
	}

	/* ---------------------------------------------------------------------
	 * HTTP server (php -S wc-double/server.php)
	 * ------------------------------------------------------------------ */

	/**
	 * Starts `php -S 127.0.0.1:PORT server.php` with PHP_CLI_SERVER_WORKERS
	 * workers, serving the test site through WordPress's own front
	 * controllers, with WooCommerce and $plugin_file active; returns the base
	 * URL and points `home`/`siteurl` at it. One server per test class
	 * (stopped in tearDownAfterClass).
	 */
	public static function startServer( ?string $plugin_file = null, int $workers = 4 ): string {
		if ( null !== self::$server_url ) {
			return self::$server_url;
		}
		if ( null !== $plugin_file ) {
			Site::link_plugin( $plugin_file );
		}
		$port = self::freeLoopbackPort();
		$url  = 'http://127.0.0.1:' . $port;
		$env  = getenv();
		$env['PHP_CLI_SERVER_WORKERS'] = (string) $workers;
		$env['IOTPAY_TEST_HOME_URL']   = $url;
		$log = sys_get_temp_dir() . '/wc-double-server-' . $port . '.log';
		$cmd = array( 'setsid', PHP_BINARY, '-d', 'variables_order=EGPCS', '-S', '127.0.0.1:' . $port, __DIR__ . '/server.php' );
		self::$server_process = proc_open( $cmd, array( 0 => array( 'file', '/dev/null', 'r' ), 1 => array( 'file', $log, 'a' ), 2 => array( 'file', $log, 'a' ) ), $pipes, dirname( __DIR__, 2 ), $env );
		if ( ! is_resource( self::$server_process ) ) {
			throw new \RuntimeException( 'Could not start php -S' );
		}
		self::$server_url = $url;
		$options          = ( getenv( 'IOTPAY_TEST_DB_PREFIX' ) ?: 'wp_' ) . 'options';
		Site::db()->query( "UPDATE `$options` SET option_value = '" . Site::db()->real_escape_string( $url ) . "' WHERE option_name IN ('home', 'siteurl')" );
		if ( function_exists( 'wp_cache_flush' ) ) {
			wp_cache_flush();
		}
		if ( self::waitForPort( $port, 10.0 ) ) {
			return $url;
		}
		self::stopServer();
		throw new \RuntimeException( "php -S did not start; see $log" );
	}

	/**
	 * A loopback port nobody listens on now (the system picks it), for a
	 * server a test starts (the shop, the tests' extra servers) or for a
	 * connection that must be refused.
	 */
	public static function freeLoopbackPort(): int {
		$probe = stream_socket_server( 'tcp://127.0.0.1:0', $errno, $errstr );
		$name  = stream_socket_get_name( $probe, false );
		fclose( $probe );
		return (int) substr( (string) strrchr( (string) $name, ':' ), 1 );
	}

	/** Whether a server started on loopback `$port` accepts connections within `$seconds`. */
	public static function waitForPort( int $port, float $seconds ): bool {
		$deadline = microtime( true ) + $seconds;
		while ( microtime( true ) < $deadline ) {
			$sock = @fsockopen( '127.0.0.1', $port, $errno, $errstr, 0.2 );
			if ( $sock ) {
				fclose( $sock );
				return true;
			}
			usleep( 50000 );
		}
		return false;
	}

	public static function stopServer(): void {
		if ( is_resource( self::$server_process ) ) {
			$status = proc_get_status( self::$server_process );
			if ( $status['running'] && function_exists( 'posix_kill' ) ) {
				posix_kill( -$status['pid'], 15 );
				posix_kill( $status['pid'], 15 );
			}
			proc_close( self::$server_process );
		}
		self::$server_process = null;
		self::$server_url     = null;
	}

	public static function serverUrl(): ?string {
		return self::$server_url;
	}

	/**
	 * A plain HTTP request (no redirects followed).
	 *
	 * @param array<string,string> $headers
	 * @return array{status:int, headers:array<string,string>, body:string}
	 */
	public function httpRequest( string $method, string $url, array $headers = array(), ?string $body = null, float $timeout = 30.0 ): array {
		$lines = array();
		foreach ( $headers as $name => $value ) {
			$lines[] = $name . ': ' . $value;
		}
		$context  = stream_context_create(
			array(
				'http' => array(
					'method'          => strtoupper( $method ),
					'header'          => implode( "\r\n", $lines ),
					'content'         => (string) $body,
					'ignore_errors'   => true,
					'follow_location' => 0,
					'timeout'         => $timeout,
				),
			)
		);
		$response = @file_get_contents( $url, false, $context );
		$raw      = $http_response_header ?? array();
		$status   = 0;
		$parsed   = array();
		foreach ( $raw as $line ) {
			if ( preg_match( '#^HTTP/\S+\s+(\d{3})#', $line, $m ) ) {
				$status = (int) $m[1];
				continue;
			}
			if ( false !== strpos( $line, ':' ) ) {
				list( $n, $v )                      = explode( ':', $line, 2 );
				$parsed[ strtolower( trim( $n ) ) ] = trim( $v );
			}
		}
		return array(
			'status'  => $status,
			'headers' => $parsed,
			'body'    => false === $response ? '' : $response,
		);
	}

	/**
	 * `Cookie:` header value that logs a request to the web server in as
	 * $user_id: WordPress's logged-in cookie for a session of this test (a
	 * real session token). While that user is the current user here, nonces
	 * made by wp_create_nonce() belong to the same session.
	 */
	public function authCookieHeader( int $user_id ): string {
		$this->ensureBooted();
		$cookie = self::sessionCookie( $user_id );
		if ( get_current_user_id() === $user_id ) {
			$_COOKIE[ LOGGED_IN_COOKIE ] = $cookie;
		}
		return LOGGED_IN_COOKIE . '=' . rawurlencode( $cookie );
	}

	private static function sessionCookie( int $user_id ): string {
		if ( ! isset( self::$sessions[ $user_id ] ) ) {
			$expiration                  = time() + 2 * DAY_IN_SECONDS;
			$token                       = \WP_Session_Tokens::get_instance( $user_id )->create( $expiration );
			self::$sessions[ $user_id ] = wp_generate_auth_cookie( $user_id, $expiration, 'logged_in', $token );
		}
		return self::$sessions[ $user_id ];
	}
}
