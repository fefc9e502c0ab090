<?php
/**
 * PHPUnit base class for tests running against the WordPress 6.1 +
 * WooCommerce 7.9 double.
 *
 * Each test is one "request": setUp() empties every table, re-inserts the
 * default options, restores the hooks WooCommerce registered at load, resets
 * globals/singletons/superglobals and the test clock. A test then either
 * calls bootPlugin( $file ) (include the plugin and fire WordPress's load
 * sequence) or lets a helper boot WordPress without a plugin.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

namespace IotPay\WcDouble;

use Automattic\WooCommerce\Blocks\Package;
use Automattic\WooCommerce\Blocks\Payments\PaymentMethodRegistry;
use WC_Double_Runtime;

require_once __DIR__ . '/bootstrap.php';

abstract class TestCase extends \PHPUnit\Framework\TestCase {

	/** Hook state right after the double loaded (WooCommerce's own hooks). */
	private static ?array $core_snapshot = null;

	/**
	 * Hooks each plugin file added during its first boot, by file.
	 *
	 * @var array<string, array>
	 */
	private static array $plugin_snapshots = array();

	/** @var resource|null */
	private static $server_process = null;

	private static ?string $server_url = null;

	private bool $booted = false;

	protected function setUp(): void {
		parent::setUp();
		if ( null === self::$core_snapshot ) {
			self::$core_snapshot = wc_double_snapshot_hooks();
		}
		$this->resetDatabase();
		wc_double_restore_hooks( self::$core_snapshot );
		wc_double_reset_request_state();
		$this->booted = false;
	}

	protected function tearDown(): void {
		wc_double_reset_request_state();
		parent::tearDown();
	}

	public static function tearDownAfterClass(): void {
		self::stopServer();
		parent::tearDownAfterClass();
	}

	/**
	 * Empties all tables of the prefix and re-inserts the default options.
	 */
	protected function resetDatabase(): void {
		global $wpdb;
		$tables = $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix ) . '%' ) );
		foreach ( $tables as $table ) {
			if ( $wpdb->prefix . 'double_schema' !== $table ) {
				$wpdb->double_query( "DELETE FROM `$table`" );
			}
		}
		wp_cache_flush();
		wc_double_install_default_options();
		if ( null !== self::$server_url ) {
			$wpdb->update( $wpdb->options, array( 'option_value' => self::$server_url ), array( 'option_name' => 'home' ) );
			$wpdb->update( $wpdb->options, array( 'option_value' => self::$server_url ), array( 'option_name' => 'siteurl' ) );
		}
		WC_Double_Runtime::$clock_offset = null;
	}

	/* ---------------------------------------------------------------------
	 * Boot
	 * ------------------------------------------------------------------ */

	/**
	 * Includes the plugin main file and fires WordPress's load sequence
	 * (muplugins_loaded, plugins_loaded … init … wp_loaded, admin_init when
	 * $admin). PHP can include a file only once per process, so the first
	 * boot records the hooks the plugin added (at file level and while
	 * loading); later boots re-add them and fire the sequence again, like a
	 * new request. Callbacks bound to gateway/email objects are not kept:
	 * WooCommerce builds those again in each request. Call it before adding
	 * your own hooks or creating data.
	 */
	public function bootPlugin( string $file, bool $admin = false ): void {
		if ( $this->booted ) {
			throw new \LogicException( 'WordPress is already loaded in this test: call bootPlugin() before any helper that needs WordPress.' );
		}
		$real = realpath( $file );
		if ( false === $real ) {
			throw new \InvalidArgumentException( "Plugin file not found: $file" );
		}
		WC_Double_Runtime::$is_admin = $admin;
		$this->booted                = true;
		if ( isset( self::$plugin_snapshots[ $real ] ) ) {
			wc_double_add_hook_entries( self::$plugin_snapshots[ $real ] );
			wc_double_fire_load_sequence( $admin );
			return;
		}
		$before = wc_double_snapshot_hooks();
		require_once $real;
		wc_double_fire_load_sequence( $admin );
		self::$plugin_snapshots[ $real ] = wc_double_hooks_added( $before['filters'], wc_double_snapshot_hooks()['filters'] );
	}

	/**
	 * Fires the load sequence with no plugin (WordPress + WooCommerce only).
	 */
	public function bootWordPress( bool $admin = false ): void {
		if ( $this->booted ) {
			return;
		}
		WC_Double_Runtime::$is_admin = $admin;
		wc_double_fire_load_sequence( $admin );
		$this->booted = true;
	}

	protected function ensureBooted(): void {
		if ( ! $this->booted ) {
			$this->bootWordPress( WC_Double_Runtime::$is_admin );
		}
	}

	/**
	 * Runs the plugin's activation hook and marks it active.
	 */
	public function activatePlugin( string $file ): void {
		$this->ensureBooted();
		activate_plugin( $file );
	}

	/**
	 * Runs the plugin's uninstall.php (WP_UNINSTALL_PLUGIN defined) or its uninstall hook.
	 */
	public function uninstallPlugin( string $file ): void {
		$this->ensureBooted();
		uninstall_plugin( $file );
	}

	/**
	 * What wp-admin/admin-post.php does for action=$action: admin request,
	 * admin_init, then admin_post_{$action} (or admin_post_nopriv_{$action}
	 * when logged out). A handler that redirects and exits would end PHPUnit:
	 * set WC_Double_Runtime::$redirect_throws = true to turn wp_redirect()
	 * into a WPRedirectException first.
	 */
	public function adminPost( string $action, array $fields = array() ): void {
		$this->ensureBooted();
		WC_Double_Runtime::$is_admin = true;
		$_POST                       = wp_slash( array_merge( $fields, array( 'action' => $action ) ) );
		$_REQUEST                    = array_merge( $_GET, $_POST );
		$_SERVER['REQUEST_METHOD']   = 'POST';
		do_action( 'admin_init' );
		if ( is_user_logged_in() ) {
			do_action( "admin_post_{$action}" );
		} else {
			do_action( "admin_post_nopriv_{$action}" );
		}
	}

	public function setAdminRequest( bool $is_admin = true ): void {
		WC_Double_Runtime::$is_admin = $is_admin;
	}

	public function setAjaxRequest( bool $doing_ajax = true ): void {
		WC_Double_Runtime::$doing_ajax = $doing_ajax;
	}

	/* ---------------------------------------------------------------------
	 * Clock
	 * ------------------------------------------------------------------ */

	/**
	 * Moves the test clock (iotpay_test_now()) forward for every process.
	 */
	public function advanceTime( int $seconds ): void {
		iotpay_test_set_clock_offset( iotpay_test_clock_offset() + $seconds );
	}

	public function now(): int {
		return iotpay_test_now();
	}

	/* ---------------------------------------------------------------------
	 * Users
	 * ------------------------------------------------------------------ */

	/**
	 * @param array<string,bool> $caps Extra capabilities granted directly.
	 */
	public function createUser( string $role = 'administrator', array $caps = array(), array $data = array() ): int {
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
		wp_set_current_user( 0 );
	}

	/* ---------------------------------------------------------------------
	 * HPOS
	 * ------------------------------------------------------------------ */

	public function setHposEnabled( bool $enabled ): void {
		update_option( 'woocommerce_custom_orders_table_enabled', $enabled ? 'yes' : 'no' );
	}

	public function isHposEnabled(): bool {
		return \Automattic\WooCommerce\Utilities\OrderUtil::custom_orders_table_usage_is_enabled();
	}

	/**
	 * @return array<int, array{kind:string,function:string,object_id:int,caller:string}>
	 */
	public function getHposViolations(): array {
		global $wpdb;
		return array_map(
			static function ( $row ) {
				$row['object_id'] = (int) $row['object_id'];
				return $row;
			},
			(array) $wpdb->get_results( "SELECT kind, function, object_id, caller FROM {$wpdb->prefix}double_violations ORDER BY id", ARRAY_A )
		);
	}

	public function assertNoHposViolations( string $message = '' ): void {
		$violations = $this->getHposViolations();
		$lines      = array_map(
			static function ( $v ) {
				return sprintf( '%s(%d) at %s', $v['function'], $v['object_id'], $v['caller'] );
			},
			$violations
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

	public function getStock( int $product_id ): ?int {
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
		$args  = array_merge(
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
	 * A fresh copy of the order from the database.
	 *
	 * @param int|\WC_Abstract_Order $order Order or ID.
	 * @return \WC_Order|\WC_Order_Refund
	 */
	public function reloadOrder( $order ) {
		$this->ensureBooted();
		return wc_get_order( $order instanceof \WC_Abstract_Order ? $order->get_id() : (int) $order );
	}

	/**
	 * Order notes, newest first.
	 *
	 * @return string[]
	 */
	public function getOrderNotes( int $order_id ): array {
		$this->ensureBooted();
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
		$this->fail( "No $level log entry containing \"$needle\"" . ( $source ? " from source $source" : '' ) . '.' );
	}

	/**
	 * @return array<int, array{function:string,message:string,version:string}>
	 */
	public function getDoingItWrong(): array {
		return WC_Double_Runtime::$doing_it_wrong;
	}

	/**
	 * @return array<int, array{location:string,status:int,x_redirect_by:string|false}>
	 */
	public function getRedirects(): array {
		return WC_Double_Runtime::$redirects;
	}

	/**
	 * @return array<int, array{0:string,1:string}>
	 */
	public function getSentHeaders(): array {
		return WC_Double_Runtime::$headers;
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
		return as_get_scheduled_actions(
			array(
				'hook'     => $hook,
				'status'   => $status ?? '',
				'per_page' => -1,
			),
			ARRAY_A
		);
	}

	public function runCron(): int {
		$this->ensureBooted();
		return wc_double_run_cron();
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
	 * Dispatches a REST request in-process like rest_do_request() (no
	 * authentication check, no rest_pre_serve_request).
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
	 * Serves a REST request in-process the way the front controller does
	 * (authentication, rest_post_dispatch, rest_pre_serve_request, JSON echo).
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
		if ( null !== $body && isset( $_SERVER['CONTENT_TYPE'] ) && 0 === stripos( $_SERVER['CONTENT_TYPE'], 'application/x-www-form-urlencoded' ) && 'POST' === strtoupper( $method ) ) {
			parse_str( $body, $_POST );
			$_POST = wp_slash( $_POST );
		}
		$_REQUEST = array_merge( $_GET, $_POST );
		WC_Double_Runtime::$headers = array();
		WC_Double_Runtime::$status  = null;
		ob_start();
		try {
			rest_get_server()->serve_request( $route, $body ?? '' );
		} finally {
			$output = (string) ob_get_clean();
		}
		$sent = array();
		foreach ( WC_Double_Runtime::$headers as $h ) {
			$sent[ $h[0] ] = $h[1];
		}
		return array(
			'status'  => WC_Double_Runtime::$status ?? 200,
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
		WC_Double_Runtime::$is_admin = true;
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
	 * The order edit screen's meta boxes, as WooCommerce builds them: classic
	 * (post.php) fires `add_meta_boxes` with ('shop_order', WP_Post) and hands
	 * boxes the WP_Post; HPOS (admin.php?page=wc-orders, WooCommerce 7.9
	 * Internal\Admin\Orders\Edit::setup()) fires it with
	 * ('woocommerce_page_wc-orders', WC_Order) and hands boxes the WC_Order.
	 */
	public function renderOrderEditScreen( \WC_Order $order ): string {
		global $wp_meta_boxes;
		$wp_meta_boxes = array();
		WC_Double_Runtime::$is_admin = true;
		if ( $this->isHposEnabled() ) {
			$screen = 'woocommerce_page_wc-orders';
			$object = wc_get_order( $order->get_id() );
		} else {
			$screen = 'shop_order';
			$object = get_post( $order->get_id() );
		}
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

	public function paymentMethodRegistry(): PaymentMethodRegistry {
		return Package::container()->get( PaymentMethodRegistry::class );
	}

	/**
	 * Fires wp_enqueue_scripts (front) or admin_enqueue_scripts (admin).
	 */
	public function enqueueScripts( string $hook_suffix = '' ): void {
		$this->ensureBooted();
		if ( WC_Double_Runtime::$is_admin ) {
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
	 * workers serving $plugin_file; returns the base URL. One server per test
	 * class (stopped in tearDownAfterClass).
	 */
	public static function startServer( ?string $plugin_file = null, int $workers = 4 ): string {
		if ( null !== self::$server_url ) {
			return self::$server_url;
		}
		$probe = stream_socket_server( 'tcp://127.0.0.1:0', $errno, $errstr );
		$name  = stream_socket_get_name( $probe, false );
		fclose( $probe );
		$port = (int) substr( (string) strrchr( (string) $name, ':' ), 1 );
		$url  = 'http://127.0.0.1:' . $port;
		$env  = getenv();
		$env['PHP_CLI_SERVER_WORKERS'] = (string) $workers;
		$env['IOTPAY_TEST_HOME_URL']   = $url;
		if ( null !== $plugin_file ) {
			$env['IOTPAY_PLUGIN_FILE'] = (string) realpath( $plugin_file );
		}
		$log = sys_get_temp_dir() . '/wc-double-server-' . $port . '.log';
		$cmd = array( 'setsid', PHP_BINARY, '-d', 'variables_order=EGPCS', '-S', '127.0.0.1:' . $port, __DIR__ . '/server.php' );
		self::$server_process = proc_open( $cmd, array( 0 => array( 'file', '/dev/null', 'r' ), 1 => array( 'file', $log, 'a' ), 2 => array( 'file', $log, 'a' ) ), $pipes, dirname( __DIR__, 2 ), $env );
		if ( ! is_resource( self::$server_process ) ) {
			throw new \RuntimeException( 'Could not start php -S' );
		}
		self::$server_url = $url;
		global $wpdb;
		$wpdb->update( $wpdb->options, array( 'option_value' => $url ), array( 'option_name' => 'home' ) );
		$wpdb->update( $wpdb->options, array( 'option_value' => $url ), array( 'option_name' => 'siteurl' ) );
		wp_cache_flush();
		$deadline = microtime( true ) + 10;
		while ( microtime( true ) < $deadline ) {
			$sock = @fsockopen( '127.0.0.1', $port, $errno, $errstr, 0.2 );
			if ( $sock ) {
				fclose( $sock );
				return $url;
			}
			usleep( 50000 );
		}
		self::stopServer();
		throw new \RuntimeException( "php -S did not start; see $log" );
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
				list( $n, $v )                    = explode( ':', $line, 2 );
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
	 * Cookie header that logs a request to server.php in as $user_id.
	 */
	public function authCookieHeader( int $user_id ): string {
		return LOGGED_IN_COOKIE . '=' . rawurlencode( wc_double_auth_cookie( $user_id ) );
	}
}
