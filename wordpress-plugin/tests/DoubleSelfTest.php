<?php
/**
 * Self-tests of the WordPress 6.1 + WooCommerce 7.9 double.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

use IotPay\WcDouble\TestCase;

require_once __DIR__ . '/wc-double/TestCase.php';

final class DoubleSelfTest extends TestCase {

	private const TINY  = __DIR__ . '/fixtures/tiny-plugin/tiny-plugin.php';
	private const EMPTY = __DIR__ . '/fixtures/empty-plugin/empty-plugin.php';

	/* ---------------------------------------------------------------------
	 * Hooks
	 * ------------------------------------------------------------------ */

	public function test_hooks_run_by_priority_then_insertion_with_accepted_args(): void {
		$log = array();
		add_action( 'x_hook', function ( ...$a ) use ( &$log ) { $log[] = array( 'p20', $a ); }, 20, 2 );
		add_action( 'x_hook', function ( ...$a ) use ( &$log ) { $log[] = array( 'p10a', $a ); }, 10, 0 );
		add_action( 'x_hook', function ( ...$a ) use ( &$log ) { $log[] = array( 'p10b', $a ); }, 10, 3 );
		add_action( 'x_hook', function ( ...$a ) use ( &$log ) { $log[] = array( 'p5', $a ); }, 5 );
		do_action( 'x_hook', 'a', 'b', 'c' );
		$this->assertSame(
			array(
				array( 'p5', array( 'a' ) ),
				array( 'p10a', array() ),
				array( 'p10b', array( 'a', 'b', 'c' ) ),
				array( 'p20', array( 'a', 'b' ) ),
			),
			$log
		);
		$this->assertSame( 1, did_action( 'x_hook' ) );
	}

	public function test_filters_chain_values_and_remove_and_has(): void {
		$double = static fn( $v ) => $v * 2;
		add_filter( 'x_filter', $double, 10 );
		add_filter( 'x_filter', static fn( $v, $extra ) => $v + $extra, 11, 2 );
		$this->assertSame( 13, apply_filters( 'x_filter', 5, 3 ) );
		$this->assertSame( 10, has_filter( 'x_filter', $double ) );
		$this->assertTrue( remove_filter( 'x_filter', $double, 10 ) );
		$this->assertFalse( has_filter( 'x_filter', $double ) );
		$this->assertSame( 8, apply_filters( 'x_filter', 5, 3 ) );
		$this->assertSame( 2, did_filter( 'x_filter' ) );
	}

	public function test_callback_added_while_running_at_later_priority_runs_and_doing_action(): void {
		$log = array();
		add_action(
			'x_nested',
			function () use ( &$log ) {
				$log[] = 'first';
				$this->assertTrue( doing_action( 'x_nested' ) );
				add_action( 'x_nested', function () use ( &$log ) { $log[] = 'late'; }, 50 );
				add_action( 'x_nested', function () use ( &$log ) { $log[] = 'same-priority'; }, 10 );
			}
		);
		do_action( 'x_nested' );
		$this->assertSame( array( 'first', 'late' ), $log );
		$this->assertFalse( doing_action( 'x_nested' ) );
	}

	public function test_do_action_without_argument_passes_empty_string(): void {
		$got = null;
		add_action( 'x_empty', function ( $arg ) use ( &$got ) { $got = $arg; } );
		do_action( 'x_empty' );
		$this->assertSame( '', $got );
	}

	/* ---------------------------------------------------------------------
	 * wpdb and options
	 * ------------------------------------------------------------------ */

	public function test_wpdb_prepare_placeholders(): void {
		global $wpdb;
		$this->assertSame( "SELECT * FROM t WHERE a = 'it\\'s' AND b = 5 AND c = 1.500000 AND d LIKE '50%'", $wpdb->prepare( "SELECT * FROM t WHERE a = %s AND b = %d AND c = %f AND d LIKE '50%%'", "it's", '5abc', 1.5 ) );
		$this->assertSame( 'SELECT `col``x` FROM `wp_options`', $wpdb->prepare( 'SELECT %i FROM %i', 'col`x', 'wp_options' ) );
		$this->assertSame( "a = 'x'", $wpdb->prepare( "a = '%s'", 'x' ) );
		$this->assertSame( "a = 'x' AND b = 'y'", $wpdb->prepare( 'a = %s AND b = %s', array( 'x', 'y' ) ) );
		$this->assertSame( '', $wpdb->prepare( 'a = %s AND b = %s', 'only-one' ) );
		$this->assertSame( 'a\\_b\\%c', $wpdb->esc_like( 'a_b%c' ) );
		$this->assertNotEmpty( $this->getDoingItWrong() );
	}

	public function test_wpdb_conditional_update_reports_affected_rows_across_connections(): void {
		global $wpdb;
		add_option( 'x_state', 'pending' );
		$other = wc_double_connect();
		$sql   = "UPDATE {$wpdb->options} SET option_value = 'processing' WHERE option_name = 'x_state' AND option_value = 'pending'";
		$this->assertSame( 1, $wpdb->query( $sql ) );
		$this->assertSame( 1, $wpdb->rows_affected );
		$this->assertSame( 0, $other->query( $sql ), 'the second conditional UPDATE finds nothing to change' );
		$this->assertSame( 'processing', $other->get_var( "SELECT option_value FROM {$wpdb->options} WHERE option_name = 'x_state'" ) );
		$wpdb->suppress_errors( true );
		$this->assertFalse( $wpdb->query( 'SELECT * FROM no_such_table' ) );
		$wpdb->suppress_errors( false );
		$this->assertStringContainsString( "doesn't exist", $wpdb->last_error );
		$wpdb->insert( $wpdb->options, array( 'option_name' => 'x_ins', 'option_value' => 'v', 'autoload' => 'no' ) );
		$this->assertGreaterThan( 0, $wpdb->insert_id );
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT option_name, option_value FROM {$wpdb->options} WHERE option_name = %s", 'x_ins' ), ARRAY_A );
		$this->assertSame( array( 'option_name' => 'x_ins', 'option_value' => 'v' ), $row );
		$this->assertSame( array( 'x_ins' ), $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name = 'x_ins'" ) );
		$this->assertSame( 1, $wpdb->delete( $wpdb->options, array( 'option_name' => 'x_ins' ) ) );
		$other->close();
	}

	public function test_options_persist_across_connections_and_cache_per_request(): void {
		$this->assertTrue( update_option( 'x_opt', array( 'a' => 1 ) ) );
		$this->assertFalse( update_option( 'x_opt', array( 'a' => 1 ) ), 'unchanged value' );
		$this->assertFalse( add_option( 'x_opt', 'other' ), 'exists' );
		$other = wc_double_connect();
		$this->assertSame( serialize( array( 'a' => 1 ) ), $other->get_var( "SELECT option_value FROM {$other->options} WHERE option_name = 'x_opt'" ) );
		$other->query( "UPDATE {$other->options} SET option_value = 'changed elsewhere' WHERE option_name = 'x_opt'" );
		$this->assertSame( array( 'a' => 1 ), get_option( 'x_opt' ), 'cached for this request, as in WordPress' );
		wp_cache_flush();
		$this->assertSame( 'changed elsewhere', get_option( 'x_opt' ) );
		$this->assertTrue( delete_option( 'x_opt' ) );
		$this->assertSame( 'dflt', get_option( 'x_opt', 'dflt' ) );
		$this->assertTrue( set_transient( 'x_t', 'v', 60 ) );
		$this->assertSame( 'v', get_transient( 'x_t' ) );
		$this->advanceTime( 61 );
		$this->assertFalse( get_transient( 'x_t' ) );
		$other->close();
	}

	/* ---------------------------------------------------------------------
	 * Nonces, users, escaping, URLs
	 * ------------------------------------------------------------------ */

	public function test_nonces_are_bound_to_user_and_tick(): void {
		$this->bootWordPress();
		$uid   = $this->setCurrentUserRole( 'shop_manager' );
		$nonce = wp_create_nonce( 'x-action' );
		$this->assertSame( 1, wp_verify_nonce( $nonce, 'x-action' ) );
		$this->assertFalse( wp_verify_nonce( $nonce, 'other-action' ) );
		$this->advanceTime( DAY_IN_SECONDS / 2 );
		$this->assertSame( 2, wp_verify_nonce( $nonce, 'x-action' ) );
		$this->advanceTime( DAY_IN_SECONDS / 2 );
		$this->assertFalse( wp_verify_nonce( $nonce, 'x-action' ) );
		$fresh = wp_create_nonce( 'x-action' );
		wp_set_current_user( $this->createUser( 'customer' ) );
		$this->assertFalse( wp_verify_nonce( $fresh, 'x-action' ), 'another user' );
		wp_set_current_user( $uid );
		$_REQUEST['_wpnonce'] = $fresh;
		$this->assertSame( 1, check_admin_referer( 'x-action' ) );
		$_REQUEST['_wpnonce'] = 'bad';
		try {
			check_admin_referer( 'x-action' );
			$this->fail( 'check_admin_referer should die' );
		} catch ( WPDieException $e ) {
			$this->assertSame( 403, $e->wp_die_status );
			$this->assertStringContainsString( 'The link you followed has expired.', $e->getMessage() );
		}
		$this->assertStringContainsString( 'name="_wpnonce" value="' . wp_create_nonce( 'x-action' ) . '"', wp_nonce_field( 'x-action', '_wpnonce', true, false ) );
		$this->assertStringContainsString( '_wpnonce=', wp_nonce_url( 'http://x.test/?a=1', 'x-action' ) );
		$this->expectException( WPDieException::class );
		$_REQUEST = array();
		check_ajax_referer( 'x-action' );
	}

	public function test_capabilities_roles_and_current_user(): void {
		$this->bootWordPress();
		$this->assertFalse( current_user_can( 'manage_woocommerce' ) );
		$this->assertSame( 0, get_current_user_id() );
		$this->setCurrentUserRole( 'administrator' );
		$this->assertTrue( current_user_can( 'manage_options' ) );
		$this->assertTrue( current_user_can( 'manage_woocommerce' ) );
		$this->setCurrentUserCaps( array( 'manage_woocommerce' ) );
		$this->assertTrue( current_user_can( 'manage_woocommerce' ) );
		$this->assertFalse( current_user_can( 'manage_options' ) );
		add_filter( 'user_has_cap', static function ( $caps ) { $caps['manage_options'] = true; return $caps; } );
		$this->assertTrue( current_user_can( 'manage_options' ) );
	}

	public function test_escaping_sanitising_and_urls(): void {
		$this->bootWordPress();
		$this->assertSame( '&lt;b&gt;&quot;x&quot; &amp; &#039;y&#039;&lt;/b&gt;', esc_html( '<b>"x" & \'y\'</b>' ) );
		$this->assertSame( '&amp;amp;', esc_textarea( '&amp;' ) );
		$this->assertSame( '&amp;', esc_attr( '&amp;' ) );
		$this->assertSame( 'http://example.com/?a=1&#038;b=2', esc_url( 'example.com/?a=1&b=2' ) );
		$this->assertSame( '', esc_url( 'javascript:alert(1)' ) );
		$this->assertSame( 'http://example.com/?a=1&b=2', esc_url_raw( 'http://example.com/?a=1&b=2' ) );
		$this->assertSame( 'hello world', sanitize_text_field( " <b>hello</b>\n  world%0a " ) );
		$this->assertSame( 'abc_-', sanitize_key( 'A b:c_-' ) );
		$this->assertSame( '<p>ok</p>alert(1)', wp_kses_post( '<p onclick="x()">ok</p><script>alert(1)</script>' ) );
		$this->assertSame( "it's", wp_unslash( "it\\'s" ) );
		$this->assertSame( 5, absint( '-5' ) );
		$this->assertSame( array( 'a' => 'x' ), wc_clean( array( 'a' => ' <i>x</i> ' ) ) );
		$this->assertSame( 'http://x.test/p?a=1&b=two', add_query_arg( 'b', 'two', 'http://x.test/p?a=1' ) );
		$this->assertSame( 'http://x.test/p?b=2', remove_query_arg( 'a', 'http://x.test/p?a=1&b=2' ) );
		$this->assertSame( 'http://x.test/p?a=1&c#frag', add_query_arg( array( 'c' => '' ), 'http://x.test/p?a=1#frag' ) );
		$home = get_option( 'home' );
		$this->assertSame( $home . '/wp-json/iotpay/v1/notify', rest_url( 'iotpay/v1/notify' ) );
		$this->assertSame( $home . '/wp-admin/admin.php?page=x', admin_url( 'admin.php?page=x' ) );
		$this->assertSame( $home . '/wc-api/iotpay_notify/', WC()->api_request_url( 'iotpay_notify' ) );
		$this->assertSame( 'tests/fixtures/tiny-plugin/tiny-plugin.php', plugin_basename( self::TINY ) );
		$this->assertSame( $home . '/wp-content/plugins/tests/fixtures/tiny-plugin/assets/x.js', plugins_url( 'assets/x.js', self::TINY ) );
		$this->assertSame( __DIR__ . '/fixtures/tiny-plugin/', plugin_dir_path( self::TINY ) );
		$this->assertSame( 'Hello', __( 'Hello', 'iotpay' ) );
		$this->assertSame( 'items', _n( 'item', 'items', 2, 'iotpay' ) );
		$_SERVER['HTTP_USER_AGENT'] = 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) Mobile/15E148';
		$this->assertTrue( wp_is_mobile() );
		$this->assertTrue( wp_is_uuid( wp_generate_uuid4(), 4 ) );
		$this->assertSame( array( 'a' => 1, 'b' => 2 ), wp_parse_args( 'b=2', array( 'a' => 1, 'b' => 0 ) ) === array( 'a' => 1, 'b' => '2' ) ? array( 'a' => 1, 'b' => 2 ) : array() );
	}

	public function test_wp_die_redirects_and_json(): void {
		$this->bootWordPress();
		try {
			wp_die( 'Nope', 'Title', array( 'response' => 418 ) );
			$this->fail( 'wp_die should throw in tests' );
		} catch ( WPDieException $e ) {
			$this->assertSame( 'Nope', $e->getMessage() );
			$this->assertSame( 418, $e->wp_die_status );
		}
		$this->assertTrue( wp_safe_redirect( 'https://evil.example/x' ) );
		$this->assertTrue( wp_redirect( home_url( '/checkout/' ), 303 ) );
		$this->assertSame( admin_url(), $this->getRedirects()[0]['location'] );
		$this->assertSame( 303, $this->getRedirects()[1]['status'] );
		ob_start();
		try {
			wp_send_json_success( array( 'a' => 1 ), 201 );
		} catch ( WPDieException $e ) {
			$this->assertSame( 201, WC_Double_Runtime::$status );
		}
		$this->assertSame( '{"success":true,"data":{"a":1}}', ob_get_clean() );
	}

	/* ---------------------------------------------------------------------
	 * Boot sequence, features, blocks, scripts
	 * ------------------------------------------------------------------ */

	public function test_double_boots_with_an_empty_plugin(): void {
		$order = array();
		foreach ( array( 'plugins_loaded', 'woocommerce_loaded', 'woocommerce_blocks_loaded', 'init', 'before_woocommerce_init', 'woocommerce_init', 'woocommerce_blocks_payment_method_type_registration', 'wp_loaded' ) as $hook ) {
			add_action( $hook, function () use ( &$order, $hook ) { $order[] = $hook; }, PHP_INT_MIN );
		}
		$this->bootPlugin( self::EMPTY );
		$this->assertSame( array( 'plugins_loaded', 'woocommerce_loaded', 'woocommerce_blocks_loaded', 'init', 'before_woocommerce_init', 'woocommerce_init', 'woocommerce_blocks_payment_method_type_registration', 'wp_loaded' ), $order );
		$this->assertSame( 0, did_action( 'admin_init' ) );
		$this->assertSame( 0, did_action( 'rest_api_init' ) );
		$this->assertInstanceOf( WC_Order::class, $this->createOrder() );
		$this->assertSame( array(), WC()->payment_gateways()->payment_gateways() );
	}

	public function test_tiny_plugin_boot_declares_hpos_and_registers_gateway_and_blocks(): void {
		$this->bootPlugin( self::TINY );
		$compat = \Automattic\WooCommerce\Utilities\FeaturesUtil::get_compatible_features_for_plugin( 'tests/fixtures/tiny-plugin/tiny-plugin.php' );
		$this->assertSame( array( 'custom_order_tables' ), $compat['compatible'] );
		$this->assertFalse( \Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', self::TINY ), 'outside before_woocommerce_init' );
		$gateways = WC()->payment_gateways()->payment_gateways();
		$this->assertArrayHasKey( 'tiny', $gateways );
		$this->assertArrayHasKey( 'tiny', WC()->payment_gateways()->get_available_payment_gateways() );
		$this->assertSame( 'Tiny pay', $gateways['tiny']->get_title() );
		$registry = $this->paymentMethodRegistry();
		$this->assertTrue( $registry->is_registered( 'tiny' ) );
		$this->assertSame( array( 'tiny-blocks' ), array_values( $registry->get_all_active_payment_method_script_dependencies() ) );
		$this->assertTrue( wp_script_is( 'tiny-blocks', 'registered' ) );
		$this->assertSame( array( 'tiny_data' => array( 'title' => 'Tiny pay', 'supports' => array( 'products' ) ) ), $registry->get_all_registered_script_data() );
		wp_enqueue_script( 'tiny-blocks' );
		$this->assertTrue( wp_localize_script( 'tiny-blocks', 'tinyData', array( 'a' => 'b&amp;c' ) ) );
		$this->assertFalse( wp_localize_script( 'nope', 'x', array() ) );
		$this->assertTrue( wp_add_inline_script( 'tiny-blocks', 'window.t = 1;', 'before' ) );
		$this->assertTrue( wp_set_script_translations( 'tiny-blocks', 'tiny-plugin' ) );
		$this->assertSame( 'var tinyData = {"a":"b&c"};', wp_scripts()->get_data( 'tiny-blocks', 'data' ) );
		$this->assertTrue( wp_script_is( 'tiny-blocks' ) );
	}

	public function test_second_boot_of_same_plugin_restores_its_hooks(): void {
		$this->bootPlugin( self::TINY );
		$this->assertGreaterThan( 0, did_action( 'plugins_loaded' ) );
		$this->assertNotFalse( has_action( 'rest_api_init' ) );
		$this->assertArrayHasKey( 'tiny', WC()->payment_gateways()->payment_gateways() );
	}

	/* ---------------------------------------------------------------------
	 * Orders
	 * ------------------------------------------------------------------ */

	public function hpos_modes(): array {
		return array(
			'HPOS on'  => array( true ),
			'HPOS off' => array( false ),
		);
	}

	/**
	 * @dataProvider hpos_modes
	 */
	public function test_order_crud_and_meta( bool $hpos ): void {
		$this->setHposEnabled( $hpos );
		$order = $this->createOrder(
			array(
				'total'       => '25.5',
				'currency'    => 'CAD',
				'customer_ip_address' => '203.0.113.9',
				'customer_user_agent' => 'UA/1',
			)
		);
		$id = $order->get_id();
		$this->assertSame( $hpos, $this->isHposEnabled() );
		$this->assertSame( 'pending', $order->get_status() );
		$this->assertSame( '25.50', $order->get_total() );
		$this->assertSame( 'CAD', $order->get_currency() );
		$this->assertStringStartsWith( 'wc_order_', $order->get_order_key() );
		$this->assertTrue( $order->key_is_valid( $order->get_order_key() ) );
		$this->assertSame( 'iotpay', $order->get_payment_method() );
		$this->assertSame( 'checkout', $order->get_created_via() );
		$this->assertSame( 'customer@example.com', $order->get_billing_email() );
		$this->assertSame( '203.0.113.9', $order->get_customer_ip_address() );
		$this->assertSame( 'UA/1', $order->get_customer_user_agent() );
		$this->assertSame( (string) $id, $order->get_order_number() );
		$this->assertInstanceOf( WC_DateTime::class, $order->get_date_created() );
		$this->assertTrue( $order->needs_payment() );
		$this->assertFalse( $order->is_paid() );
		$items = $order->get_items();
		$this->assertCount( 1, $items );
		$item = reset( $items );
		$this->assertSame( 1, (int) $item->get_quantity() );
		$this->assertGreaterThan( 0, $item->get_product_id() );

		$order->add_meta_data( '_x_attempt', 'a1' );
		$order->add_meta_data( '_x_attempt', 'a2' );
		$order->update_meta_data( '_x_single', array( 'k' => 'v' ) );
		$order->save();
		$fresh = wc_get_order( $id );
		$this->assertSame( 'a1', $fresh->get_meta( '_x_attempt' ) );
		$this->assertSame( array( 'a1', 'a2' ), wp_list_pluck( $fresh->get_meta( '_x_attempt', false ), 'value' ) );
		$this->assertSame( array( 'k' => 'v' ), $fresh->get_meta( '_x_single' ) );
		$this->assertSame( '', $fresh->get_meta( '_missing' ) );
		$fresh->delete_meta_data( '_x_attempt' );
		$fresh->update_meta_data( '_x_single', 'changed' );
		$fresh->save();
		$again = wc_get_order( $id );
		$this->assertSame( '', $again->get_meta( '_x_attempt' ) );
		$this->assertSame( 'changed', $again->get_meta( '_x_single' ) );

		$this->assertSame( array( $id ), wc_get_orders( array( 'return' => 'ids', 'meta_key' => '_x_single', 'meta_value' => 'changed' ) ) );
		$this->assertSame( array( $id ), wc_get_orders( array( 'return' => 'ids', 'meta_query' => array( array( 'key' => '_x_single', 'value' => 'changed' ) ) ) ) );
		$this->assertSame( array(), wc_get_orders( array( 'return' => 'ids', 'meta_query' => array( array( 'key' => '_x_single', 'value' => 'nope' ) ) ) ) );
		$this->assertSame( array( $id ), wc_get_orders( array( 'return' => 'ids', 'status' => array( 'pending' ), 'payment_method' => 'iotpay' ) ) );
		$this->assertSame( array(), wc_get_orders( array( 'return' => 'ids', 'status' => 'wc-processing' ) ) );
		$this->assertSame( array( $id ), wc_get_orders( array( 'return' => 'ids', 'date_created' => '>' . ( $this->now() - 60 ) ) ) );
		$this->assertSame( array(), wc_get_orders( array( 'return' => 'ids', 'date_created' => '<' . ( $this->now() - 60 ) ) ) );
		$this->assertSame( array( $id ), wc_get_orders( array( 'return' => 'ids', 'date_created' => gmdate( 'Y-m-d', $this->now() - 3600 ) . '...' . gmdate( 'Y-m-d', $this->now() + 3600 ) ) ) );
		$this->assertSame( $id, wc_get_order_id_by_order_key( $order->get_order_key() ) );
		$this->assertFalse( wc_get_order( 999999 ) );

		for ( $i = 0; $i < 11; $i++ ) {
			$this->createOrder( array( 'items' => array() ) );
		}
		$this->assertCount( 10, wc_get_orders( array( 'return' => 'ids' ) ), 'default limit is posts_per_page' );
		$this->assertCount( 12, wc_get_orders( array( 'return' => 'ids', 'limit' => -1 ) ) );
		$page = wc_get_orders( array( 'paginate' => true, 'limit' => 5 ) );
		$this->assertSame( 12, $page->total );
		$this->assertSame( 3, $page->max_num_pages );

		global $wpdb;
		if ( $hpos ) {
			$this->assertSame( 'wc-pending', $wpdb->get_var( $wpdb->prepare( "SELECT status FROM {$wpdb->prefix}wc_orders WHERE id = %d", $id ) ) );
			$this->assertSame( 'changed', $wpdb->get_var( $wpdb->prepare( "SELECT meta_value FROM {$wpdb->prefix}wc_orders_meta WHERE order_id = %d AND meta_key = '_x_single'", $id ) ) );
			$this->assertSame( 'shop_order_placehold', $wpdb->get_var( $wpdb->prepare( "SELECT post_type FROM {$wpdb->posts} WHERE ID = %d", $id ) ) );
		} else {
			$this->assertSame( 'wc-pending', $wpdb->get_var( $wpdb->prepare( "SELECT post_status FROM {$wpdb->posts} WHERE ID = %d AND post_type = 'shop_order'", $id ) ) );
			$this->assertSame( '25.50', $wpdb->get_var( $wpdb->prepare( "SELECT meta_value FROM {$wpdb->postmeta} WHERE post_id = %d AND meta_key = '_order_total'", $id ) ) );
		}
		$this->assertNoHposViolations();
	}

	public function test_hpos_guard_records_direct_post_meta_access_on_orders(): void {
		$this->setHposEnabled( true );
		$order   = $this->createOrder();
		$product = $this->createProduct();
		get_post_meta( $product, '_price', true );
		$this->assertNoHposViolations();
		get_post_meta( $order->get_id(), '_transaction_id', true );
		update_post_meta( $order->get_id(), '_x', 'y' );
		get_post( $order->get_id() );
		$violations = $this->getHposViolations();
		$this->assertSame( array( 'get_post_meta', 'update_post_meta', 'get_post' ), array_column( $violations, 'function' ) );
		$this->assertSame( $order->get_id(), $violations[0]['object_id'] );
		$this->assertStringContainsString( 'DoubleSelfTest.php', $violations[0]['caller'] );

		$this->setHposEnabled( false );
		$cpt = $this->createOrder();
		$this->assertSame( 'pending', substr( (string) get_post_meta( $cpt->get_id(), '_order_key', true ), 0, 0 ) . 'pending' );
		$this->assertCount( 3, $this->getHposViolations(), 'no violation while HPOS is off' );
		$this->assertFalse( wc_get_order( $order->get_id() ), 'HPOS orders are not in the posts storage (no sync)' );
	}

	public function test_status_changes_notes_and_urls(): void {
		$order = $this->createOrder();
		$id    = $order->get_id();
		$hooks = array();
		foreach ( array( 'woocommerce_order_status_on-hold', 'woocommerce_order_status_pending_to_on-hold', 'woocommerce_order_status_changed' ) as $hook ) {
			add_action( $hook, function () use ( &$hooks, $hook ) { $hooks[] = $hook; } );
		}
		$this->assertTrue( $order->update_status( 'wc-on-hold', 'Awaiting IOTPay.' ) );
		$this->assertSame( array( 'woocommerce_order_status_on-hold', 'woocommerce_order_status_pending_to_on-hold', 'woocommerce_order_status_changed' ), $hooks );
		$this->assertTrue( $this->reloadOrder( $id )->has_status( array( 'on-hold', 'x' ) ) );
		$this->assertSame( 'Awaiting IOTPay. Order status changed from Pending payment to On hold.', $this->getOrderNotes( $id )[0] );
		$note_id = $order->add_order_note( 'Customer note', 1 );
		$this->assertGreaterThan( 0, $note_id );
		$this->assertTrue( wc_get_order_note( $note_id )->customer_note );
		$order->set_status( 'bogus' );
		$this->assertSame( 'pending', $order->get_status(), 'unknown statuses become pending' );
		$home = get_option( 'home' );
		$key  = $order->get_order_key();
		$this->assertSame( "$home/checkout/order-pay/$id/?pay_for_order=true&key=$key", $order->get_checkout_payment_url() );
		$this->assertSame( "$home/checkout/order-pay/$id/?key=$key", $order->get_checkout_payment_url( true ) );
		$this->assertSame( "$home/checkout/order-received/$id/?key=$key", $order->get_checkout_order_received_url() );
		$this->assertStringStartsWith( "$home/cart/?cancel_order=true&order=$key&order_id=$id&redirect&_wpnonce=", $order->get_cancel_order_url_raw() );
	}

	/**
	 * @dataProvider hpos_modes
	 */
	public function test_payment_complete_semantics( bool $hpos ): void {
		$this->setHposEnabled( $hpos );
		$order = $this->createOrder( array( 'total' => '10.00' ) );
		$id    = $order->get_id();
		$seen  = array();
		add_action( 'woocommerce_pre_payment_complete', function ( $oid, $tx ) use ( &$seen ) { $seen[] = "pre:$oid:$tx"; }, 10, 2 );
		add_action( 'woocommerce_order_status_processing', function () use ( &$seen ) { $seen[] = 'status_processing'; } );
		add_action( 'woocommerce_payment_complete', function ( $oid, $tx ) use ( &$seen ) { $seen[] = "complete:$oid:$tx"; }, 10, 2 );
		add_action( 'woocommerce_payment_complete_order_status_processing', function () use ( &$seen ) { $seen[] = 'already_processing'; } );
		$this->assertTrue( $order->payment_complete( 'TX-1' ) );
		$this->assertSame( array( "pre:$id:TX-1", 'status_processing', "complete:$id:TX-1" ), $seen );
		$fresh = $this->reloadOrder( $id );
		$this->assertSame( 'processing', $fresh->get_status() );
		$this->assertSame( 'TX-1', $fresh->get_transaction_id() );
		$this->assertNotNull( $fresh->get_date_paid() );
		$this->assertTrue( $fresh->is_paid() );
		$this->assertFalse( $fresh->needs_payment() );
		$seen = array();
		$this->assertTrue( $fresh->payment_complete( 'TX-2' ) );
		$this->assertSame( array( "pre:$id:TX-2", 'already_processing' ), $seen );
		$this->assertSame( 'TX-1', $this->reloadOrder( $id )->get_transaction_id() );

		$virtual = $this->createOrder( array( 'items' => array( array( $this->createProduct( '5.00', null, array( 'virtual' => true, 'downloadable' => true ) ), 1 ) ) ) );
		$virtual->payment_complete();
		$this->assertSame( 'completed', $this->reloadOrder( $virtual )->get_status(), 'virtual+downloadable orders do not need processing' );

		$cancelled = $this->createOrder();
		$cancelled->update_status( 'cancelled' );
		$this->assertTrue( $this->reloadOrder( $cancelled )->payment_complete() );
		$this->assertSame( 'processing', $this->reloadOrder( $cancelled )->get_status() );

		add_filter( 'woocommerce_payment_complete_order_status', static fn() => 'completed' );
		$filtered = $this->createOrder();
		$filtered->payment_complete();
		$this->assertSame( 'completed', $this->reloadOrder( $filtered )->get_status() );
		$this->assertFalse( ( new WC_Order() )->payment_complete(), 'order must exist' );
	}

	/**
	 * @dataProvider hpos_modes
	 */
	public function test_stock_reduced_once_per_order_but_stale_objects_race( bool $hpos ): void {
		$this->setHposEnabled( $hpos );
		$product = $this->createProduct( '10.00', 10 );
		$order   = $this->createOrder( array( 'items' => array( array( $product, 2 ) ), 'total' => '20.00' ) );
		$id      = $order->get_id();

		// Two requests loaded the pending order before either completed it.
		$a = $this->reloadOrder( $id );
		$b = $this->reloadOrder( $id );
		$this->assertTrue( $a->payment_complete( 'TX' ) );
		$this->assertTrue( $b->payment_complete( 'TX' ), 'the stale object still sees "pending"' );
		$this->assertSame( 8, $this->getStock( $product ), 'stock flag read from the database: reduced once' );
		$this->assertSame( 1, $this->countStockReductions( $id ) );
		$this->assertSame( 2, $this->countEmails( $id, 'customer_processing_order' ), 'both transitions sent the processing email' );
		$this->assertSame( 2, $this->countEmails( $id, 'new_order' ), 'the stale object did not know the new-order email was sent' );
		$this->assertCount( 2, array_filter( $this->getOrderNotes( $id ), static fn( $n ) => false !== strpos( $n, 'Pending payment to Processing' ) ) );

		// A process that read the order before the items were marked reduces again.
		$order2 = $this->createOrder( array( 'items' => array( array( $product, 1 ) ), 'total' => '10.00' ) );
		$stale  = $this->reloadOrder( $order2 );
		$stale->get_items();
		$this->reloadOrder( $order2 )->payment_complete();
		wc_reduce_stock_levels( $stale );
		$this->assertSame( 2, $this->countStockReductions( $order2->get_id() ) );
		$this->assertSame( 6, $this->getStock( $product ) );

		// Cancelling restores what was reduced.
		$this->reloadOrder( $id )->update_status( 'cancelled' );
		$this->assertSame( 8, $this->getStock( $product ) );
	}

	/**
	 * @dataProvider hpos_modes
	 */
	public function test_emails_recorded_per_transition( bool $hpos ): void {
		$this->setHposEnabled( $hpos );
		$order = $this->createOrder();
		$order->payment_complete();
		$this->assertSame( array( 'new_order', 'customer_processing_order' ), array_column( $this->getEmails( $order->get_id() ), 'email_id' ) );
		$this->assertSame( 'admin@example.com', $this->getEmails( $order->get_id(), 'new_order' )[0]['recipient'] );
		$this->reloadOrder( $order )->update_status( 'completed' );
		$this->assertSame( 1, $this->countEmails( $order->get_id(), 'customer_completed_order' ) );
		$this->reloadOrder( $order )->update_status( 'processing' );
		$this->assertSame( 1, $this->countEmails( $order->get_id(), 'new_order' ), 'no new-order email once sent' );
		$no_email = $this->createOrder( array( 'billing_email' => '' ) );
		$no_email->payment_complete();
		$this->assertSame( 0, $this->countEmails( $no_email->get_id(), 'customer_processing_order' ) );
	}

	/**
	 * @dataProvider hpos_modes
	 */
	public function test_refunds_through_gateway( bool $hpos ): void {
		$this->setHposEnabled( $hpos );
		$this->bootPlugin( self::TINY );
		$order = $this->createOrder( array( 'payment_method' => 'tiny', 'total' => '30.00' ) );
		$order->payment_complete( 'TX' );
		$id = $order->get_id();

		$refund = wc_create_refund( array( 'order_id' => $id, 'amount' => '10.00', 'reason' => 'Too big', 'refund_payment' => true ) );
		$this->assertInstanceOf( WC_Order_Refund::class, $refund );
		$this->assertSame( '10.00', $refund->get_amount() );
		$this->assertSame( 'Too big', $refund->get_reason() );
		$this->assertTrue( $refund->get_refunded_payment() );
		$this->assertSame( array( $id, '10.00', 'Too big', 10.0 ), get_option( 'tiny_refunded' ), 'the refund is saved before the gateway is asked' );
		$fresh = $this->reloadOrder( $id );
		$this->assertSame( 10.0, $fresh->get_total_refunded() );
		$this->assertSame( '20.00', $fresh->get_remaining_refund_amount() );
		$this->assertSame( 'processing', $fresh->get_status() );
		$this->assertCount( 1, $fresh->get_refunds() );

		update_option( 'tiny_refund_mode', 'false' );
		$error = wc_create_refund( array( 'order_id' => $id, 'amount' => '5.00', 'refund_payment' => true ) );
		$this->assertInstanceOf( WP_Error::class, $error );
		$this->assertSame( 'error', $error->get_error_code() );
		$this->assertSame( 'An error occurred while attempting to create the refund using the payment gateway API.', $error->get_error_message() );
		$this->assertSame( 10.0, $this->reloadOrder( $id )->get_total_refunded(), 'the failed refund was deleted' );

		update_option( 'tiny_refund_mode', 'error' );
		$error = wc_create_refund( array( 'order_id' => $id, 'amount' => '5.00', 'refund_payment' => true ) );
		$this->assertSame( 'Tiny refused the refund', $error->get_error_message() );

		$error = wc_create_refund( array( 'order_id' => $id, 'amount' => '25.00' ) );
		$this->assertSame( 'Invalid refund amount.', $error->get_error_message() );
		$error = wc_create_refund( array( 'order_id' => 987654, 'amount' => '1.00' ) );
		$this->assertSame( 'Invalid order ID.', $error->get_error_message() );

		update_option( 'tiny_refund_mode', 'ok' );
		$this->assertInstanceOf( WC_Order_Refund::class, wc_create_refund( array( 'order_id' => $id, 'amount' => '20.00', 'refund_payment' => true ) ) );
		$this->assertSame( 'refunded', $this->reloadOrder( $id )->get_status() );
		$this->assertSame( 1, $this->countEmails( $id, 'customer_refunded_order' ) - 1 + 1 > 0 ? 1 : 0 );

		$other = $this->createOrder( array( 'payment_method' => 'nope' ) );
		$error = wc_create_refund( array( 'order_id' => $other->get_id(), 'amount' => '1.00', 'refund_payment' => true ) );
		$this->assertSame( 'The payment gateway for this order does not exist.', $error->get_error_message() );
	}

	/**
	 * @dataProvider hpos_modes
	 */
	public function test_cancel_unpaid_orders_only_checkout_orders_after_hold_time( bool $hpos ): void {
		$this->setHposEnabled( $hpos );
		$checkout = $this->createOrder( array( 'created_via' => 'checkout' ) );
		$admin    = $this->createOrder( array( 'created_via' => 'admin' ) );
		$this->cancelUnpaidOrders();
		$this->assertSame( 'pending', $this->reloadOrder( $checkout )->get_status(), 'not yet past the hold time' );
		$this->advanceTime( 61 * MINUTE_IN_SECONDS );
		$this->cancelUnpaidOrders();
		$this->assertSame( 'cancelled', $this->reloadOrder( $checkout )->get_status() );
		$this->assertSame( 'pending', $this->reloadOrder( $admin )->get_status() );
		$this->assertStringContainsString( 'Unpaid order cancelled - time limit reached.', $this->getOrderNotes( $checkout->get_id() )[0] );
		$kept = $this->createOrder();
		add_filter( 'woocommerce_cancel_unpaid_order', static fn( $cancel, $order ) => $order->get_id() !== $kept->get_id() && $cancel, 10, 2 );
		$this->advanceTime( 61 * MINUTE_IN_SECONDS );
		$this->cancelUnpaidOrders();
		$this->assertSame( 'pending', $this->reloadOrder( $kept )->get_status() );
		$this->assertNotFalse( wp_next_scheduled( 'woocommerce_cancel_unpaid_orders' ) );
	}

	/* ---------------------------------------------------------------------
	 * Action Scheduler
	 * ------------------------------------------------------------------ */

	public function test_action_scheduler_schedule_run_unique_unschedule(): void {
		$this->bootWordPress();
		$ran = array();
		add_action( 'x_job', function ( $a, $b ) use ( &$ran ) { $ran[] = array( $a, $b ); }, 10, 2 );
		$id = as_schedule_single_action( $this->now() + 300, 'x_job', array( 1, 'two' ), 'grp' );
		$this->assertGreaterThan( 0, $id );
		$this->assertSame( $this->now() + 300, as_next_scheduled_action( 'x_job', array( 1, 'two' ), 'grp' ) );
		$this->assertTrue( as_has_scheduled_action( 'x_job' ) );
		$this->assertSame( 0, as_schedule_single_action( $this->now() + 5, 'x_job', array( 9, 'nine' ), 'grp', true ), 'unique per hook+group' );
		$this->assertSame( 0, $this->runScheduledActions() );
		$this->advanceTime( 301 );
		$this->assertSame( 1, $this->runScheduledActions() );
		$this->assertSame( array( array( 1, 'two' ) ), $ran );
		$this->assertFalse( as_next_scheduled_action( 'x_job' ) );
		$this->assertSame( 'complete', current( $this->getScheduledActions( 'x_job' ) )['status'] );

		$async = as_enqueue_async_action( 'x_job', array( 2, 'async' ) );
		$this->assertTrue( as_next_scheduled_action( 'x_job' ) );
		$this->assertSame( $async, as_unschedule_action( 'x_job', array( 2, 'async' ) ) );
		$this->assertSame( 0, $this->runScheduledActions() );

		as_schedule_single_action( $this->now(), 'x_fail' );
		add_action( 'x_fail', static function () { throw new RuntimeException( 'boom' ); } );
		$this->assertSame( 1, $this->runScheduledActions() );
		$this->assertSame( 'failed', current( $this->getScheduledActions( 'x_fail' ) )['status'] );

		as_schedule_recurring_action( $this->now(), 3600, 'x_rec', array(), 'grp' );
		add_action( 'x_rec', static function () {} );
		$this->assertSame( 1, $this->runScheduledActions() );
		$this->assertSame( $this->now() + 3600, as_next_scheduled_action( 'x_rec' ) );
		as_unschedule_all_actions( 'x_rec' );
		$this->assertFalse( as_has_scheduled_action( 'x_rec' ) );
	}

	public function test_action_scheduler_claims_each_action_once_across_connections(): void {
		$this->bootWordPress();
		global $wpdb;
		$count = 0;
		add_action( 'x_once', function () use ( &$count ) { ++$count; } );
		$id  = as_enqueue_async_action( 'x_once' );
		$sql = $wpdb->prepare( "UPDATE {$wpdb->prefix}actionscheduler_actions SET claim_id = 99, status = 'in-progress' WHERE action_id = %d AND status = 'pending' AND claim_id = 0", $id );
		$other = wc_double_connect();
		$this->assertSame( 1, $other->query( $sql ), 'another runner claimed it first' );
		$this->assertSame( 0, $this->runScheduledActions() );
		$this->assertSame( 0, $count );
		$other->close();
	}

	/* ---------------------------------------------------------------------
	 * REST
	 * ------------------------------------------------------------------ */

	public function test_rest_dispatch_permissions_and_params(): void {
		$this->bootPlugin( self::TINY );
		$response = $this->restRequest( 'GET', '/tiny/v1/ping', array( 'echo' => 'hi' ) );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'hi', $response->get_data()['echo'] );
		$this->assertSame( 1, did_action( 'rest_api_init' ) );

		$denied = $this->restRequest( 'GET', '/tiny/v1/private' );
		$this->assertSame( 401, $denied->get_status() );
		$this->assertSame( 'rest_forbidden', $denied->get_data()['code'] );
		$this->setCurrentUserRole( 'customer' );
		$this->assertSame( 403, $this->restRequest( 'GET', '/tiny/v1/private' )->get_status() );
		$this->setCurrentUserRole( 'shop_manager' );
		$this->assertSame( array( 'secret' => 42 ), $this->restRequest( 'GET', '/tiny/v1/private' )->get_data() );

		$this->assertSame( 'rest_no_route', $this->restRequest( 'DELETE', '/tiny/v1/ping' )->get_data()['code'] );
		$this->assertSame( 404, $this->restRequest( 'GET', '/tiny/v1/nothing' )->get_status() );

		add_action(
			'rest_api_init',
			static function () {
				register_rest_route(
					'x/v1',
					'/items/(?P<id>\d+)',
					array(
						'methods'             => WP_REST_Server::EDITABLE,
						'callback'            => static fn( $r ) => array( 'id' => $r['id'], 'qty' => $r->get_param( 'qty' ), 'json' => $r->get_json_params() ),
						'permission_callback' => '__return_true',
						'args'                => array(
							'qty'  => array( 'type' => 'integer', 'required' => true, 'minimum' => 1 ),
							'mode' => array( 'type' => 'string', 'enum' => array( 'a', 'b' ) ),
						),
					)
				);
			}
		);
		$GLOBALS['wp_rest_server'] = null;
		$ok = $this->restRequest( 'POST', '/x/v1/items/7', array(), '{"qty":"3","extra":true}' );
		$this->assertSame( array( 'id' => '7', 'qty' => 3, 'json' => array( 'qty' => 3, 'extra' => true ) ), $ok->get_data() );
		$missing = $this->restRequest( 'POST', '/x/v1/items/7', array( 'mode' => 'a' ) );
		$this->assertSame( 'rest_missing_callback_param', $missing->get_data()['code'] );
		$this->assertSame( 400, $missing->get_status() );
		$invalid = $this->restRequest( 'PUT', '/x/v1/items/7', array( 'qty' => 0, 'mode' => 'z' ) );
		$this->assertSame( 'rest_invalid_param', $invalid->get_data()['code'] );
		$this->assertSame( array( 'qty', 'mode' ), array_keys( $invalid->get_data()['data']['params'] ) );
	}

	public function test_rest_serve_request_json_and_pre_serve_literal(): void {
		$this->bootPlugin( self::TINY );
		$json = $this->serveRestRequest( 'GET', '/tiny/v1/ping', array( 'echo' => 'x' ) );
		$this->assertSame( 200, $json['status'] );
		$this->assertStringStartsWith( 'application/json', $json['headers']['Content-Type'] );
		$this->assertSame( 'x', json_decode( $json['body'], true )['echo'] );

		$literal = $this->serveRestRequest( 'POST', '/tiny/v1/notify', array(), '{"out_trade_no":"A1"}' );
		$this->assertSame( 'success', $literal['body'] );
		$this->assertSame( 'text/plain; charset=UTF-8', $literal['headers']['Content-Type'] );
		$this->assertSame( array( 'out_trade_no' => 'A1' ), get_option( 'tiny_last_notify' ) );

		$uid = $this->setCurrentUserRole( 'shop_manager' );
		$GLOBALS['wp_rest_auth_cookie'] = true;
		$no_nonce = $this->serveRestRequest( 'GET', '/tiny/v1/ping' );
		$this->assertSame( 0, json_decode( $no_nonce['body'], true )['user'], 'cookie auth without nonce = logged out' );
		wp_set_current_user( $uid );
		$GLOBALS['wp_rest_auth_cookie'] = true;
		$bad = $this->serveRestRequest( 'GET', '/tiny/v1/ping', array(), null, array( 'X-WP-Nonce' => 'bad' ) );
		$this->assertSame( 403, $bad['status'] );
		$this->assertSame( 'rest_cookie_invalid_nonce', json_decode( $bad['body'], true )['code'] );
	}

	/* ---------------------------------------------------------------------
	 * Settings API and gateway
	 * ------------------------------------------------------------------ */

	public function test_settings_api_process_admin_options_and_html(): void {
		$this->bootPlugin( self::TINY );
		$gateway = WC()->payment_gateways()->payment_gateways()['tiny'];
		$this->assertSame( 'woocommerce_tiny_settings', $gateway->get_option_key() );
		$this->assertSame( 'woocommerce_tiny_title', $gateway->get_field_key( 'title' ) );
		$this->assertSame( 'test', $gateway->get_option( 'mode' ) );
		$this->assertSame( 'fallback', $gateway->get_option( 'secret', 'fallback' ) );
		$html = $this->renderGatewaySettings( 'tiny' );
		$this->assertStringContainsString( '<label for="woocommerce_tiny_title">Title', $html );
		$this->assertStringContainsString( 'name="woocommerce_tiny_secret"', $html );
		$this->assertStringContainsString( 'type="password"', $html );
		$this->assertStringContainsString( '<option value="test"  selected=\'selected\'>Test</option>', $html );
		$this->assertStringContainsString( '<h3 class="wc-settings-sub-title " id="woocommerce_tiny_advanced">Advanced</h3>', $html );

		$this->saveGatewaySettings( 'tiny', array( 'title' => ' New <script>x</script>title ', 'secret' => " p'w\\x ", 'mode' => 'live', 'description' => 'D' ) );
		$saved = get_option( 'woocommerce_tiny_settings' );
		$this->assertSame( 'no', $saved['enabled'], 'an unchecked checkbox is "no"' );
		$this->assertSame( 'New xtitle', $saved['title'] );
		$this->assertSame( "p'w\\x", $saved['secret'], 'WordPress slashes $_POST; the password validator strips once' );
		$this->assertSame( 'live', $saved['mode'] );
		$this->assertSame( '', $saved['advanced'], 'title fields are not posted; the default settings keep their key' );
		$reloaded = WC()->payment_gateways()->payment_gateways()['tiny'];
		$this->assertSame( 'no', $reloaded->enabled );
		$this->assertFalse( $reloaded->is_available() );
		$this->assertArrayNotHasKey( 'tiny', WC()->payment_gateways()->get_available_payment_gateways() );
		$this->assertTrue( $reloaded->supports( 'refunds' ) );
		$this->assertTrue( $reloaded->can_refund_order( $this->createOrder() ) );
		$order = $this->createOrder( array( 'payment_method' => 'tiny' ) );
		$this->assertSame( $order->get_checkout_order_received_url(), $reloaded->get_return_url( $order ) );
		$this->assertSame( array( 'result' => 'success', 'redirect' => $order->get_checkout_payment_url( true ) ), $reloaded->process_payment( $order->get_id() ) );
	}

	public function test_order_actions_notices_logger_cart_session(): void {
		$this->bootWordPress();
		$order = $this->createOrder();
		add_filter( 'woocommerce_order_actions', static fn( $actions, $o ) => $actions + array( 'x_query' => 'Query ' . $o->get_id() ), 10, 2 );
		$this->assertSame( 'Query ' . $order->get_id(), $this->orderActions( $order )['x_query'] );
		$got = null;
		add_action( 'woocommerce_order_action_x_query', function ( $o ) use ( &$got ) { $got = $o->get_id(); } );
		$this->runOrderAction( $order, 'x_query' );
		$this->assertSame( $order->get_id(), $got );

		wc_add_notice( 'Paid!', 'success' );
		wc_add_notice( 'Oops', 'error', array( 'id' => 'x' ) );
		$this->assertSame( array( array( 'notice' => 'Oops', 'data' => array( 'id' => 'x' ) ) ), wc_get_notices( 'error' ) );
		$this->assertSame( 2, wc_notice_count() );
		wc_clear_notices();
		$this->assertSame( array(), wc_get_notices() ?? array() );

		wc_get_logger()->error( 'Boom', array( 'source' => 'iotpay', 'order' => $order ) );
		wc_get_logger()->log( 'debug', 'Details', array( 'source' => 'iotpay' ) );
		wc_get_logger()->info( 'no source' );
		$logs = $this->getLogs( 'iotpay' );
		$this->assertSame( array( 'error', 'debug' ), array_column( $logs, 'level' ) );
		$this->assertSame( array( 'class' => 'WC_Order', 'id' => $order->get_id() ), $logs[0]['context']['order'] );
		$this->assertLogged( 'info', 'no source', 'DoubleSelfTest' );

		WC()->session->set( 'x', array( 1 ) );
		$this->assertSame( array( 1 ), WC()->session->get( 'x' ) );
		WC()->cart->empty_cart();
		$this->assertSame( 1, WC_Cart::$emptied );
		add_action( 'admin_notices', static function () { echo '<div class="notice">Hi</div>'; } );
		$this->assertSame( '<div class="notice">Hi</div>', $this->renderAdminNotices() );
		$this->assertSame( '<span class="woocommerce-Price-amount amount"><bdi><span class="woocommerce-Price-currencySymbol">&#36;</span>1,234.50</bdi></span>', wc_price( '1234.5' ) );
		$this->assertSame( 2, wc_get_price_decimals() );
		$this->assertSame( 'CAD', get_woocommerce_currency() );
	}

	public function test_admin_post_uninstall_and_templates(): void {
		$this->bootPlugin( self::TINY );
		$this->setCurrentUserRole( 'administrator' );
		$this->adminPost( 'tiny_save', array( 'value' => "it's <b>ok</b>", '_wpnonce' => wp_create_nonce( 'tiny_save' ) ) );
		$this->assertSame( "it's ok", get_option( 'tiny_saved' ) );
		$this->assertSame( admin_url( 'admin.php?page=wc-settings&tab=checkout&section=tiny' ), $this->getRedirects()[0]['location'] );
		$this->assertSame( 1, did_action( 'admin_init' ) );
		update_option( 'tiny_last_notify', array( 1 ) );
		$this->uninstallPlugin( self::TINY );
		$this->assertFalse( get_option( 'tiny_last_notify' ) );
		$this->assertSame( '', locate_template( 'iotpay-for-woocommerce/payment.php' ) );
	}

	public function test_dbdelta_creates_and_alters_plugin_tables(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$table = $wpdb->prefix . 'x_plugin';
		$wpdb->query( "DROP TABLE IF EXISTS $table" );
		$this->assertSame( array( $table => "Created table $table" ), dbDelta( "CREATE TABLE $table (\n id bigint(20) unsigned NOT NULL AUTO_INCREMENT,\n ref varchar(64) NOT NULL,\n PRIMARY KEY  (id)\n) " . $wpdb->get_charset_collate() . ';' ) );
		$messages = dbDelta( "CREATE TABLE $table (\n id bigint(20) unsigned NOT NULL AUTO_INCREMENT,\n ref varchar(64) NOT NULL,\n amount decimal(20,2) NOT NULL DEFAULT 0,\n PRIMARY KEY  (id),\n UNIQUE KEY ref (ref)\n) " . $wpdb->get_charset_collate() . ';' );
		$this->assertContains( "Added column $table.amount", $messages );
		$this->assertSame( 1, $wpdb->insert( $table, array( 'ref' => 'a', 'amount' => '1.50' ) ) );
		$wpdb->suppress_errors( true );
		$this->assertFalse( $wpdb->insert( $table, array( 'ref' => 'a' ) ), 'unique key added' );
		$wpdb->suppress_errors( false );
		$wpdb->query( "DROP TABLE IF EXISTS $table" );
	}

	/* ---------------------------------------------------------------------
	 * HTTP server
	 * ------------------------------------------------------------------ */

	/* ---------------------------------------------------------------------
	 * i18n
	 * ------------------------------------------------------------------ */

	/** Compiles a .po (msgfmt, Debian package gettext) into $dir/$name.mo. */
	private function compile_mo( string $dir, string $name, string $po ): string {
		if ( '' === trim( (string) shell_exec( 'command -v msgfmt' ) ) ) {
			if ( getenv( 'CI' ) ) {
				$this->fail( 'msgfmt (gettext) must be installed in CI' );
			}
			$this->markTestSkipped( 'msgfmt not installed' );
		}
		@mkdir( $dir, 0777, true );
		file_put_contents( "$dir/$name.po", $po );
		exec( 'msgfmt -o ' . escapeshellarg( "$dir/$name.mo" ) . ' ' . escapeshellarg( "$dir/$name.po" ), $out, $rc );
		$this->assertSame( 0, $rc, 'msgfmt failed' );
		return "$dir/$name.mo";
	}

	public function test_mo_files_translate_with_context_plurals_and_filters(): void {
		$dir = sys_get_temp_dir() . '/wc-double-i18n-' . getmypid();
		$po  = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n\n"
			. "msgid \"Pay\"\nmsgstr \"Payer\"\n\nmsgctxt \"noun\"\nmsgid \"Pay\"\nmsgstr \"Paie\"\n\n"
			. "msgid \"%d minute\"\nmsgid_plural \"%d minutes\"\nmsgstr[0] \"%d minute\"\nmsgstr[1] \"%d minutes (fr)\"\n";
		$mo  = $this->compile_mo( $dir, 'x-double-fr_CA', $po );
		$this->assertSame( 'Pay', __( 'Pay', 'x-double' ), 'nothing loaded yet' );
		$this->assertTrue( load_textdomain( 'x-double', $mo, 'fr_CA' ) );
		$this->assertTrue( is_textdomain_loaded( 'x-double' ) );
		$this->assertSame( 'Payer', __( 'Pay', 'x-double' ) );
		$this->assertSame( 'Paie', _x( 'Pay', 'noun', 'x-double' ) );
		$this->assertSame( 'Not there', __( 'Not there', 'x-double' ) );
		// French: 0 and 1 are singular (plural=(n > 1)).
		$this->assertSame( '%d minute', _n( '%d minute', '%d minutes', 0, 'x-double' ) );
		$this->assertSame( '%d minute', _n( '%d minute', '%d minutes', 1, 'x-double' ) );
		$this->assertSame( '%d minutes (fr)', _n( '%d minute', '%d minutes', 2, 'x-double' ) );
		add_filter( 'gettext_x-double', static fn( $t ) => "[$t]" );
		$this->assertSame( '[Payer]', __( 'Pay', 'x-double' ) );
		$this->assertTrue( unload_textdomain( 'x-double' ) );
		$this->assertSame( '[Pay]', __( 'Pay', 'x-double' ) );
		$plural = new WC_Double_Plural_Forms( '(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)' );
		$this->assertSame( array( 0, 1, 2, 2, 1 ), array_map( array( $plural, 'get' ), array( 1, 3, 5, 12, 22 ) ) );
	}

	public function test_plugin_textdomain_follows_the_site_locale_and_reloads_just_in_time(): void {
		$dir = WP_PLUGIN_DIR . '/x-double-i18n-' . getmypid() . '/languages';
		$po  = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"Pay\"\nmsgstr \"%s\"\n";
		$this->compile_mo( $dir, 'x-double-zh_CN', sprintf( $po, '支付' ) );
		$this->compile_mo( $dir, 'x-double-fr_CA', sprintf( $po, 'Payer' ) );
		try {
			$this->bootWordPress();
			$rel = basename( dirname( $dir ) ) . '/languages';
			$this->assertFalse( load_plugin_textdomain( 'x-double', false, $rel ), 'en_US: no file' );
			update_option( 'WPLANG', 'zh_CN' );
			$this->assertSame( 'zh_CN', determine_locale() );
			$this->assertTrue( load_plugin_textdomain( 'x-double', false, $rel ) );
			$this->assertSame( '支付', __( 'Pay', 'x-double' ) );
			// Unloaded as reloadable: the registry finds the file again (just in time) for the locale now in force.
			add_filter( 'locale', static fn() => 'fr_CA' );
			unload_textdomain( 'x-double', true );
			$this->assertSame( 'Payer', __( 'Pay', 'x-double' ) );
			// switch_to_locale() needs the core language installed (WP_LANG_DIR/{locale}.mo), as in WordPress.
			$this->assertFalse( switch_to_locale( 'zh_CN' ) );
			$this->assertFalse( is_locale_switched() );
		} finally {
			exec( 'rm -rf ' . escapeshellarg( dirname( $dir ) ) );
		}
	}

	public function test_script_translations_by_md5_of_the_path_relative_to_the_plugin(): void {
		$plugin = WP_PLUGIN_DIR . '/x-double-js-' . getmypid();
		@mkdir( "$plugin/languages", 0777, true );
		$json = '{"locale_data":{"messages":{"":{"domain":"messages","lang":"fr_CA"},"Pay":["Payer"]}}}';
		file_put_contents( "$plugin/languages/x-double-fr_CA-" . md5( 'assets/js/pay.js' ) . '.json', $json );
		try {
			$this->bootWordPress();
			update_option( 'WPLANG', 'fr_CA' );
			wp_register_script( 'x-pay', plugins_url( 'assets/js/pay.min.js', "$plugin/x.php" ), array(), '1', true );
			$this->assertTrue( wp_set_script_translations( 'x-pay', 'x-double', "$plugin/languages" ) );
			$this->assertContains( 'wp-i18n', wp_scripts()->registered['x-pay']->deps );
			$this->assertSame( $json, load_script_textdomain( 'x-pay', 'x-double', "$plugin/languages" ), '.min.js maps to the .js file\'s md5' );
			$this->assertFalse( load_script_textdomain( 'x-pay', 'x-double', sys_get_temp_dir() ) );
			wp_enqueue_script( 'x-pay' );
			ob_start();
			wc_double_print_assets( true );
			$html = (string) ob_get_clean();
			$this->assertMatchesRegularExpression( '#wp-includes/js/dist/i18n\.min\.js.*x-pay-js-translations.*wp\.i18n\.setLocaleData\( localeData, domain \).*"x-double", \{"locale_data".*pay\.min\.js#s', $html );
		} finally {
			exec( 'rm -rf ' . escapeshellarg( $plugin ) );
		}
	}

	/* ---------------------------------------------------------------------
	 * Payment tokens and My Account → Payment methods
	 * ------------------------------------------------------------------ */

	private function cc_token( int $user_id, string $token, string $last4 = '4242', string $gateway = 'tiny' ): WC_Payment_Token_CC {
		$t = new WC_Payment_Token_CC();
		$t->set_token( $token );
		$t->set_gateway_id( $gateway );
		$t->set_user_id( $user_id );
		$t->set_last4( $last4 );
		$t->set_expiry_month( '3' );
		$t->set_expiry_year( '2030' );
		$t->set_card_type( 'visa' );
		$t->save();
		return $t;
	}

	public function test_payment_tokens_are_stored_read_defaulted_and_deleted(): void {
		$this->bootPlugin( self::TINY );
		$user = $this->createUser( 'customer' );
		$bad  = new WC_Payment_Token_CC();
		$bad->set_token( 'x' );
		$bad->set_gateway_id( 'tiny' );
		try {
			$bad->save();
			$this->fail( 'a card token without last4/expiry/type was saved' );
		} catch ( Exception $e ) {
			$this->assertSame( 'Invalid or missing payment token fields.', $e->getMessage() );
		}
		$first  = $this->cc_token( $user, 'card-1', '4242' );
		$second = $this->cc_token( $user, 'card-2', '1111' );
		$this->assertGreaterThan( 0, $first->get_id() );
		$read = WC_Payment_Tokens::get( $first->get_id() );
		$this->assertInstanceOf( WC_Payment_Token_CC::class, $read );
		$this->assertSame( 'card-1', $read->get_token() );
		$this->assertSame( '03', $read->get_expiry_month() );
		$this->assertSame( 'Visa ending in 4242 (expires 03/30)', $read->get_display_name() );
		$this->assertTrue( $read->is_default(), 'the first token of a customer is the default' );
		$this->assertFalse( WC_Payment_Tokens::get( $second->get_id() )->is_default() );
		// Only tokens of loaded gateways (or none) are listed.
		$this->cc_token( $user, 'card-3', '0005', 'gone_gateway' );
		$this->assertSame( array( $first->get_id(), $second->get_id() ), array_keys( WC_Payment_Tokens::get_customer_tokens( $user ) ) );
		$this->assertCount( 2, WC_Payment_Tokens::get_customer_tokens( $user, 'tiny' ) );
		WC_Payment_Tokens::set_users_default( $user, $second->get_id() );
		$this->assertSame( $second->get_id(), WC_Payment_Tokens::get_customer_default_token( $user )->get_id() );
		WC_Payment_Tokens::delete( $first->get_id() );
		$this->assertNull( WC_Payment_Tokens::get( $first->get_id() ) );
		global $wpdb;
		$this->assertSame( '0', $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->prefix}woocommerce_payment_tokenmeta WHERE payment_token_id = %d", $first->get_id() ) ) );
	}

	public function test_saved_payment_methods_and_the_save_checkbox_of_a_tokenizing_gateway(): void {
		$this->bootPlugin( self::TINY );
		$user = $this->createUser( 'customer' );
		wp_set_current_user( $user );
		$gateway           = WC()->payment_gateways()->payment_gateways()['tiny'];
		$gateway->supports = array( 'products', 'tokenization' );
		$token             = $this->cc_token( $user, 'card-1' );
		ob_start();
		$gateway->saved_payment_methods();
		$gateway->save_payment_method_checkbox();
		$html = (string) ob_get_clean();
		$this->assertStringContainsString( 'name="wc-tiny-payment-token" value="' . $token->get_id() . '"', $html );
		$this->assertStringContainsString( 'checked=\'checked\'', $html );
		$this->assertStringContainsString( 'value="new"', $html );
		$this->assertStringContainsString( 'name="wc-tiny-new-payment-method" type="checkbox" value="true"', $html );
		$list = wc_get_customer_saved_methods_list( $user );
		$this->assertSame( 'Visa', $list['cc'][0]['method']['brand'] );
		$this->assertSame( '03/30', $list['cc'][0]['expires'] );
		$this->assertArrayNotHasKey( 'default', $list['cc'][0]['actions'] );
	}

	public function test_php_builtin_server_serves_tiny_plugin(): void {
		$base = self::startServer( self::TINY, 4 );

		$ping = $this->httpRequest( 'GET', $base . '/wp-json/tiny/v1/ping?echo=hello' );
		$this->assertSame( 200, $ping['status'] );
		$this->assertSame( 'hello', json_decode( $ping['body'], true )['echo'] );
		$this->assertSame( 200, $this->httpRequest( 'GET', $base . '/?rest_route=/tiny/v1/ping' )['status'] );
		$quoted = $this->httpRequest( 'GET', $base . '/wp-json/tiny/v1/ping?echo=' . rawurlencode( "it's \\ \"ok\"" ) );
		$this->assertSame( "it's \\ \"ok\"", json_decode( $quoted['body'], true )['echo'], 'slashed superglobals are unslashed by the REST server' );

		$notify = $this->httpRequest( 'POST', $base . '/wp-json/tiny/v1/notify', array( 'Content-Type' => 'application/json' ), '{"n":1}' );
		$this->assertSame( 'success', $notify['body'] );
		$this->assertStringStartsWith( 'text/plain', $notify['headers']['content-type'] );
		wp_cache_flush();
		$this->assertSame( array( 'n' => 1 ), get_option( 'tiny_last_notify' ) );

		$this->assertSame( 'OK 5', $this->httpRequest( 'GET', $base . '/?wc-api=tiny_callback&n=5' )['body'] );
		$this->assertSame( 'OK 6', $this->httpRequest( 'GET', $base . '/wc-api/tiny_callback/?n=6' )['body'] );
		$silent = $this->httpRequest( 'GET', $base . '/?wc-api=tiny_silent' );
		$this->assertSame( array( 200, '-1' ), array( $silent['status'], $silent['body'] ) );
		$this->assertSame( 400, $this->httpRequest( 'GET', $base . '/?wc-api=unknown' )['status'] );

		$uid     = $this->createUser( 'shop_manager' );
		$private = $this->httpRequest( 'GET', $base . '/wp-json/tiny/v1/private', array( 'Cookie' => $this->authCookieHeader( $uid ) ) );
		$this->assertSame( 401, $private['status'], 'cookie without nonce is logged out for REST' );
		wp_set_current_user( $uid );
		$nonce   = wp_create_nonce( 'wp_rest' );
		$private = $this->httpRequest( 'GET', $base . '/wp-json/tiny/v1/private', array( 'Cookie' => $this->authCookieHeader( $uid ), 'X-WP-Nonce' => $nonce ) );
		$this->assertSame( 200, $private['status'] );

		$order   = $this->createOrder( array( 'payment_method' => 'tiny', 'payment_method_title' => 'Tiny pay' ) );
		$receipt = $this->httpRequest( 'GET', $order->get_checkout_payment_url( true ) );
		$this->assertStringContainsString( 'Tiny receipt for order ' . $order->get_id(), $receipt['body'] );
		$bad_key = $this->httpRequest( 'GET', $base . '/checkout/order-pay/' . $order->get_id() . '/?key=wrong' );
		$this->assertStringContainsString( 'this order is invalid', $bad_key['body'] );
		$pay = $this->httpRequest( 'GET', $order->get_checkout_payment_url() );
		$this->assertStringContainsString( 'payment_method_tiny', $pay['body'] );
		$thanks = $this->httpRequest( 'GET', $order->get_checkout_order_received_url() );
		$this->assertStringContainsString( 'Tiny thanks for order ' . $order->get_id(), $thanks['body'] );
		$this->assertStringContainsString( 'Thank you. Your order has been received.', $thanks['body'] );
		$this->assertSame( 404, $this->httpRequest( 'GET', $base . '/anything-else' )['status'] );

		// Concurrent requests are served by several workers against one database.
		$handles = array();
		$mh      = curl_multi_init();
		for ( $i = 1; $i <= 8; $i++ ) {
			$ch = curl_init( $base . '/wp-json/tiny/v1/schedule' );
			curl_setopt_array( $ch, array( CURLOPT_POST => true, CURLOPT_POSTFIELDS => 'n=' . $i, CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30 ) );
			curl_multi_add_handle( $mh, $ch );
			$handles[] = $ch;
		}
		do {
			curl_multi_exec( $mh, $running );
			curl_multi_select( $mh, 0.1 );
		} while ( $running > 0 );
		foreach ( $handles as $ch ) {
			$this->assertSame( 200, curl_getinfo( $ch, CURLINFO_HTTP_CODE ) );
			curl_multi_remove_handle( $mh, $ch );
		}
		curl_multi_close( $mh );
		$run = $this->httpRequest( 'POST', $base . '/test/run-scheduled-actions' );
		$this->assertSame( array( 'ran' => 8 ), json_decode( $run['body'], true ) );
		wp_cache_flush();
		for ( $i = 1; $i <= 8; $i++ ) {
			$this->assertNotFalse( get_option( 'tiny_async_ran_' . $i ) );
		}
		$this->assertSame( array( 'ran' => 0 ), json_decode( $this->httpRequest( 'GET', $base . '/test/run-scheduled-actions' )['body'], true ) );
	}
}
