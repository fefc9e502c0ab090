<?php
/**
 * Test double: connection, WordPress load sequence and per-request state.
 *
 * The load sequence follows WordPress 6.1 wp-settings.php for a front-end
 * request: muplugins_loaded, (plugins are included), plugins_loaded,
 * load_default_textdomain() and the WP_Locale_Switcher,
 * wp_magic_quotes() (server.php only), sanitize_comment_cookies, setup_theme, after_setup_theme, init, wp_loaded;
 * then admin_init for an admin request (wp-admin/admin.php). rest_api_init
 * fires when the REST server is first used (rest_get_server()), as in
 * WordPress. These helpers are the double's own (used by TestCase and
 * server.php).
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

/**
 * Connects to the MariaDB given by the environment.
 */
function wc_double_connect(): wpdb {
	$socket = getenv( 'IOTPAY_TEST_DB_SOCKET' ) ?: '';
	$host   = getenv( 'IOTPAY_TEST_DB_HOST' ) ?: '';
	$port   = getenv( 'IOTPAY_TEST_DB_PORT' ) ?: '';
	if ( '' !== $socket ) {
		$dbhost = 'localhost:' . $socket;
	} elseif ( '' !== $host ) {
		$dbhost = $host . ( '' !== $port ? ':' . $port : '' );
	} else {
		throw new RuntimeException( 'WC double: set IOTPAY_TEST_DB_SOCKET (or IOTPAY_TEST_DB_HOST/IOTPAY_TEST_DB_PORT); see wordpress-plugin/tests/README.md (eval "$(bash wordpress-plugin/tests/start-mariadb.sh)").' );
	}
	return new wpdb(
		getenv( 'IOTPAY_TEST_DB_USER' ) ?: 'iotpay',
		getenv( 'IOTPAY_TEST_DB_PASSWORD' ) ?: '',
		getenv( 'IOTPAY_TEST_DB_NAME' ) ?: 'iotpay_test',
		$dbhost
	);
}

/**
 * Fires WordPress's load sequence (call after including the plugin file(s)).
 */
function wc_double_fire_load_sequence( bool $admin = false ): void {
	do_action( 'muplugins_loaded' );
	do_action( 'plugins_loaded' );
	// wp-settings.php: the default text domain, then the locale switcher.
	load_default_textdomain();
	$GLOBALS['wp_locale_switcher'] = new WP_Locale_Switcher();
	$GLOBALS['wp_locale_switcher']->init();
	if ( WC_Double_Runtime::$web ) {
		// Real requests (server.php): superglobals are slashed like WordPress does.
		// In PHPUnit the test sets them itself (TestCase helpers slash what they post).
		wp_magic_quotes();
	}
	do_action( 'sanitize_comment_cookies' );
	do_action( 'setup_theme' );
	do_action( 'after_setup_theme' );
	wp_set_current_user( (int) apply_filters( 'determine_current_user', false ) );
	do_action( 'init' );
	do_action( 'wp_loaded' );
	if ( $admin ) {
		do_action( 'admin_init' );
	}
}

/**
 * Hook state: $wp_filter (deep copy), $wp_actions, $wp_filters.
 *
 * @return array{filters:array, actions:array, counts:array}
 */
function wc_double_snapshot_hooks(): array {
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

function wc_double_restore_hooks( array $snapshot ): void {
	global $wp_filter, $wp_actions, $wp_filters, $wp_current_filter;
	$wp_filter = array();
	foreach ( $snapshot['filters'] as $name => $hook ) {
		$wp_filter[ $name ] = clone $hook;
	}
	$wp_actions        = $snapshot['actions'];
	$wp_filters        = $snapshot['counts'];
	$wp_current_filter = array();
}

/**
 * Flattens hooks into "hook|priority|id" => [hook, priority, entry].
 *
 * @param array<string, WP_Hook> $filters
 * @return array<string, array{0:string,1:int,2:array}>
 */
function wc_double_hook_entries( array $filters ): array {
	$out = array();
	foreach ( $filters as $name => $hook ) {
		foreach ( $hook->callbacks as $priority => $callbacks ) {
			foreach ( $callbacks as $id => $entry ) {
				$out[ $name . '|' . $priority . '|' . $id ] = array( (string) $name, (int) $priority, $entry );
			}
		}
	}
	return $out;
}

/**
 * Hook entries of $after that $before does not have, without callbacks bound
 * to per-request objects (gateways, emails and other WC_Settings_API
 * instances), which are rebuilt by each request.
 *
 * @return array<string, array{0:string,1:int,2:array}>
 */
function wc_double_hooks_added( array $before, array $after ): array {
	$added = array_diff_key( wc_double_hook_entries( $after ), wc_double_hook_entries( $before ) );
	return array_filter(
		$added,
		static function ( $e ) {
			$fn = $e[2]['function'];
			return ! ( is_array( $fn ) && is_object( $fn[0] ?? null ) && $fn[0] instanceof WC_Settings_API );
		}
	);
}

/**
 * Re-adds hook entries (in their recorded order).
 *
 * @param array<string, array{0:string,1:int,2:array}> $entries
 */
function wc_double_add_hook_entries( array $entries ): void {
	foreach ( $entries as $e ) {
		add_filter( $e[0], $e[2]['function'], $e[1], $e[2]['accepted_args'] );
	}
}

/**
 * Forgets the payment methods registered with the (process-wide) Blocks registry.
 */
function wc_double_reset_blocks_registry(): void {
	$registry = \Automattic\WooCommerce\Blocks\Package::container()->get( \Automattic\WooCommerce\Blocks\Payments\PaymentMethodRegistry::class );
	( function () {
		$this->registered_integrations = array();
	} )->call( $registry );
}

/**
 * Resets what lives for one request: caches, globals, singletons, superglobals.
 */
function wc_double_reset_request_state(): void {
	global $wp_rest_server, $wp_scripts, $wp_styles, $current_user, $wp, $post, $wc_double_logger, $wp_rest_auth_cookie;
	WC_Double_Runtime::reset_request();
	wp_cache_flush();
	$wp_rest_server      = null;
	$wp_scripts          = null;
	$wp_styles           = null;
	$current_user        = null;
	$post                = null;
	$wc_double_logger    = null;
	$wp_rest_auth_cookie = null;
	$wp                  = new WP();
	WooCommerce::reset_instance();
	WC_Emails::reset_instance();
	wc_double_reset_blocks_registry();
	\Automattic\WooCommerce\Utilities\FeaturesUtil::$compatibility = array();
	WC_Double_Http::$requests   = array();
	WC_Double_I18n::reset();
	WC_Double_Admin::$pages     = array();
	WC_Double_Admin::$settings_errors = array();
	WC_Double_Roles::$roles     = null;
	WC_Double_Mail::$context    = null;
	$_GET                       = array();
	$_POST                      = array();
	$_REQUEST                   = array();
	$_COOKIE                    = array();
	$_FILES                     = array();
	foreach ( array_keys( $_SERVER ) as $key ) {
		if ( 0 === strpos( (string) $key, 'HTTP_' ) || in_array( $key, array( 'CONTENT_TYPE', 'CONTENT_LENGTH', 'REQUEST_METHOD', 'REQUEST_URI', 'QUERY_STRING', 'HTTPS', 'REMOTE_ADDR' ), true ) ) {
			unset( $_SERVER[ $key ] );
		}
	}
	$_SERVER['REQUEST_METHOD'] = 'GET';
	$_SERVER['REQUEST_URI']    = '/';
	$_SERVER['REMOTE_ADDR']    = '127.0.0.1';
	$_SERVER['HTTP_HOST']      = (string) parse_url( (string) get_option( 'home' ), PHP_URL_HOST );
}
