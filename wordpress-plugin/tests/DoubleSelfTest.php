<?php
/**
 * Self-tests of the WooCommerce 7.9 double, running as the `woocommerce`
 * plugin on real WordPress 6.1 (the test site).
 *
 * The double's WordPress half is gone, and its tests with it: WordPress
 * itself is what runs now. Each test runs in its own PHP process because
 * WordPress is loaded once per process with the plugins active then, and
 * these tests boot WooCommerce alone, with the empty fixture plugin or with
 * the tiny one.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

use IotPay\WcDouble\TestCase;

require_once __DIR__ . '/wc-double/TestCase.php';

/**
 * @runTestsInSeparateProcesses
 * @preserveGlobalState disabled
 */
final class DoubleSelfTest extends TestCase {

	private const TINY  = __DIR__ . '/fixtures/tiny-plugin/tiny-plugin.php';
	private const EMPTY = __DIR__ . '/fixtures/empty-plugin/empty-plugin.php';

	/* ---------------------------------------------------------------------
	 * Boot sequence, features, blocks
	 * ------------------------------------------------------------------ */

	public function test_double_boots_with_an_empty_plugin(): void {
		$this->bootPlugin( self::EMPTY );
		// WordPress fired its load sequence; $wp_actions lists each action the
		// first time it fired, in order.
		$expected = array( 'plugins_loaded', 'woocommerce_loaded', 'woocommerce_blocks_loaded', 'init', 'before_woocommerce_init', 'woocommerce_init', 'woocommerce_register_post_type', 'woocommerce_after_register_post_type', 'woocommerce_blocks_payment_method_type_registration', 'wp_loaded' );
		$this->assertSame( $expected, array_values( array_intersect( array_keys( $GLOBALS['wp_actions'] ), $expected ) ) );
		$this->assertSame( 0, did_action( 'admin_init' ) );
		$this->assertSame( 0, did_action( 'rest_api_init' ) );
		$this->assertTrue( is_plugin_active( 'empty-plugin/empty-plugin.php' ) );
		$this->assertTrue( is_plugin_active( 'woocommerce/woocommerce.php' ) );
		$this->assertSame( '7.9.0', WC()->version );
		foreach ( array( 'product', 'shop_order', 'shop_order_refund' ) as $type ) {
			$this->assertTrue( post_type_exists( $type ), "post type $type" );
		}
		$this->assertContains( 'wc-pending', get_post_stati() );
		$this->assertTrue( shortcode_exists( 'woocommerce_checkout' ) );
		$this->assertTrue( WP_Block_Type_Registry::get_instance()->is_registered( 'woocommerce/checkout' ) );
		$this->assertArrayHasKey( '(.?.+?)/order-pay(/(.*))?/?$', get_option( 'rewrite_rules' ), 'the checkout endpoints are rewrite rules' );
		$this->assertNotFalse( wp_next_scheduled( 'woocommerce_cancel_unpaid_orders' ), 'scheduled on activation' );
		$this->assertSame( get_permalink( wc_get_page_id( 'checkout' ) ), wc_get_checkout_url() );
		$this->assertInstanceOf( WC_Order::class, $this->createOrder() );
		$this->assertSame( array(), WC()->payment_gateways()->payment_gateways() );
	}

	public function test_tiny_plugin_boot_declares_hpos_and_registers_gateway_and_blocks(): void {
		$this->bootPlugin( self::TINY );
		$compat = \Automattic\WooCommerce\Utilities\FeaturesUtil::get_compatible_features_for_plugin( 'tiny-plugin/tiny-plugin.php' );
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
		// WordPress's meta functions loaded the post themselves (get_object_subtype());
		// the guard sees get_post() when it reads the database, not its object cache.
		wp_cache_delete( $order->get_id(), 'posts' );
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
		$this->assertSame( $home . '/wc-api/iotpay_notify/', WC()->api_request_url( 'iotpay_notify' ) );
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
		$this->bootPlugin( self::TINY );
		$this->setHposEnabled( $hpos );
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

		$before = $this->now();
		as_schedule_recurring_action( $before, 3600, 'x_rec', array(), 'grp' );
		add_action( 'x_rec', static function () {} );
		$this->assertSame( 1, $this->runScheduledActions() );
		// The next run is an hour after the run (the clock may tick a second meanwhile).
		$next = as_next_scheduled_action( 'x_rec' );
		$this->assertGreaterThanOrEqual( $before + 3600, $next );
		$this->assertLessThanOrEqual( $this->now() + 3600, $next );
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
		$other = new wpdb( DB_USER, DB_PASSWORD, DB_NAME, DB_HOST );
		$this->assertSame( 1, $other->query( $sql ), 'another runner claimed it first' );
		$this->assertSame( 0, $this->runScheduledActions() );
		$this->assertSame( 0, $count );
		$other->close();
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

	/* ---------------------------------------------------------------------
	 * HTTP server
	 * ------------------------------------------------------------------ */

	/** The TestCase's in-process REST and admin-post helpers on real WordPress (the harness, not WooCommerce). */
	public function test_harness_rest_and_admin_post_helpers(): void {
		$this->bootPlugin( self::TINY );
		$this->assertSame( 'hi', $this->restRequest( 'GET', '/tiny/v1/ping', array( 'echo' => 'hi' ) )->get_data()['echo'] );
		$json = $this->serveRestRequest( 'GET', '/tiny/v1/ping', array( 'echo' => 'x' ) );
		$this->assertSame( 200, $json['status'] );
		$this->assertStringStartsWith( 'application/json', $json['headers']['Content-Type'] );
		$literal = $this->serveRestRequest( 'POST', '/tiny/v1/notify', array(), '{"out_trade_no":"A1"}' );
		$this->assertSame( 'success', $literal['body'] );
		$this->assertSame( 'text/plain; charset=UTF-8', $literal['headers']['Content-Type'] );
		$this->assertSame( array( 'out_trade_no' => 'A1' ), get_option( 'tiny_last_notify' ) );
		$this->assertSame( 401, $this->serveRestRequest( 'GET', '/tiny/v1/private' )['status'] );

		$this->setCurrentUserRole( 'administrator' );
		$this->adminPost( 'tiny_save', array( 'value' => "it's <b>ok</b>", '_wpnonce' => wp_create_nonce( 'tiny_save' ) ) );
		$this->assertSame( "it's ok", get_option( 'tiny_saved' ) );
		$this->assertSame( admin_url( 'admin.php?page=wc-settings&tab=checkout&section=tiny' ), $this->getRedirects()[0]['location'] );
		$this->expectException( WPDieException::class );
		$this->adminPost( 'tiny_save', array( 'value' => 'forged', '_wpnonce' => 'forged' ) );
	}

	public function test_order_notes_are_comments_wordpress_does_not_list(): void {
		$order = $this->createOrder();
		$order->add_order_note( 'A private note.' );
		$this->assertContains( 'A private note.', $this->getOrderNotes( $order->get_id() ) );
		$this->assertSame( array(), get_comments( array( 'post_id' => $order->get_id() ) ), 'WordPress lists an order note' );
	}

	/**
	 * What IOTPAY_TEST_WC_NEW_SHOP=11.0 installs (a new shop on WooCommerce
	 * 8.3 and later): the Checkout block on the checkout page, which renders
	 * its endpoints through the shortcode.
	 */
	public function test_the_checkout_block_page_serves_the_endpoints_like_the_shortcode(): void {
		$this->bootPlugin( self::TINY );
		$base = self::startServer( self::TINY, 2 );
		$this->assertTrue( has_shortcode( get_post( wc_get_page_id( 'checkout' ) )->post_content, 'woocommerce_checkout' ), 'a 7.9 shop by default' );
		wp_delete_post( wc_get_page_id( 'checkout' ), true );
		delete_option( 'woocommerce_checkout_page_id' );
		putenv( 'IOTPAY_TEST_WC_NEW_SHOP=11.0' );
		try {
			WC_Install::create_pages();
		} finally {
			putenv( 'IOTPAY_TEST_WC_NEW_SHOP' );
		}
		$this->assertTrue( has_block( 'woocommerce/checkout', wc_get_page_id( 'checkout' ) ) );
		$this->assertSame( $base . '/checkout/', wc_get_checkout_url() );

		$order   = $this->createOrder( array( 'payment_method' => 'tiny' ) );
		$receipt = $this->httpRequest( 'GET', $order->get_checkout_payment_url( true ) );
		$this->assertStringContainsString( 'Tiny receipt for order ' . $order->get_id(), $receipt['body'] );
		$this->assertStringNotContainsString( 'wp-block-woocommerce-checkout', $receipt['body'] );
		$thanks = $this->httpRequest( 'GET', $order->get_checkout_order_received_url() );
		$this->assertStringContainsString( 'Tiny thanks for order ' . $order->get_id(), $thanks['body'] );
		$this->assertStringContainsString( 'wp-block-woocommerce-checkout', $this->httpRequest( 'GET', wc_get_checkout_url() )['body'], 'the block itself (rendered in the browser) on the checkout page' );
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
		// Token meta goes through WordPress's Metadata API, on the table WooCommerce registers.
		global $wpdb;
		$this->assertSame( $wpdb->prefix . 'woocommerce_payment_tokenmeta', $wpdb->payment_tokenmeta );
		$this->assertSame( '4242', get_metadata( 'payment_token', $first->get_id(), 'last4', true ) );
		$read->update_meta_data( 'nickname', 'work card' );
		$read->save();
		$this->assertSame( 'work card', get_metadata( 'payment_token', $first->get_id(), 'nickname', true ) );
		$this->assertSame( 'work card', WC_Payment_Tokens::get( $first->get_id() )->get_meta( 'nickname' ) );
		// Only tokens of loaded gateways (or none) are listed.
		$this->cc_token( $user, 'card-3', '0005', 'gone_gateway' );
		$this->assertSame( array( $first->get_id(), $second->get_id() ), array_keys( WC_Payment_Tokens::get_customer_tokens( $user ) ) );
		$this->assertCount( 2, WC_Payment_Tokens::get_customer_tokens( $user, 'tiny' ) );
		WC_Payment_Tokens::set_users_default( $user, $second->get_id() );
		$this->assertSame( $second->get_id(), WC_Payment_Tokens::get_customer_default_token( $user )->get_id() );
		WC_Payment_Tokens::delete( $first->get_id() );
		$this->assertNull( WC_Payment_Tokens::get( $first->get_id() ) );
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

	/**
	 * My account → Payment methods on real WordPress: the My account page
	 * WC_Install created, its endpoints as rewrite endpoints, the
	 * [woocommerce_my_account] shortcode, WC_Form_Handler's actions on
	 * wp_loaded / wp with their nonces, ownership checks and rate limit.
	 */
	public function test_my_account_payment_methods_pages_and_forms(): void {
		$this->bootPlugin( self::TINY );
		update_option( 'tiny_tokenization', 'yes' );
		$base = self::startServer( self::TINY, 2 );
		$this->assertSame( $base . '/my-account/payment-methods/', wc_get_account_endpoint_url( 'payment-methods' ) );
		$this->assertSame( $base . '/my-account/', wc_get_account_endpoint_url( 'dashboard' ) );
		$user   = $this->createUser( 'customer' );
		$cookie = array( 'Cookie' => $this->authCookieHeader( $user ) );
		$get    = fn ( string $path, array $headers = array() ) => $this->httpRequest( 'GET', $base . $path, $headers );
		$post   = fn ( array $form ) => $this->httpRequest( 'POST', $base . '/my-account/add-payment-method/', $cookie + array( 'Content-Type' => 'application/x-www-form-urlencoded' ), http_build_query( $form ) );
		$where  = static function ( array $r ): string {
			$location = $r['headers']['location'] ?? '';
			return is_array( $location ) ? (string) end( $location ) : (string) $location;
		};

		$guest = $get( '/my-account/payment-methods/' );
		$this->assertSame( 200, $guest['status'] );
		$this->assertStringContainsString( 'woocommerce-form-login', $guest['body'] );
		$empty = $get( '/my-account/payment-methods/', $cookie );
		$this->assertSame( 200, $empty['status'] );
		$this->assertStringContainsString( '<h1 class="entry-title">Payment methods</h1>', $empty['body'], 'the endpoint title in the main loop' );
		$this->assertStringContainsString( 'No saved methods found.', $empty['body'] );
		$this->assertStringContainsString( 'href="' . $base . '/my-account/add-payment-method/"', $empty['body'] );

		$form = $get( '/my-account/add-payment-method/', $cookie );
		$this->assertStringContainsString( '<h1 class="entry-title">Add payment method</h1>', $form['body'] );
		$this->assertStringContainsString( 'name="payment_method" value="tiny"', $form['body'] );
		$this->assertSame( 1, preg_match( '/name="woocommerce-add-payment-method-nonce" value="([0-9a-f]{10})"/', $form['body'], $m ) );
		$fields = array( 'payment_method' => 'tiny', 'woocommerce-add-payment-method-nonce' => $m[1], 'woocommerce_add_payment_method' => '1', 'tiny_last4' => '1111' );

		$forged = $post( array( 'woocommerce-add-payment-method-nonce' => 'forged' ) + $fields );
		$this->assertSame( 200, $forged['status'] );
		$this->assertSame( array(), WC_Payment_Tokens::get_customer_tokens( $user ), 'a forged nonce adds nothing' );
		$added = $post( $fields );
		$this->assertSame( 302, $added['status'] );
		$this->assertSame( $base . '/my-account/payment-methods/', $where( $added ) );
		$this->assertCount( 1, WC_Payment_Tokens::get_customer_tokens( $user ) );
		$again = $post( array( 'tiny_last4' => '2222' ) + $fields );
		$this->assertSame( 200, $again['status'] );
		$this->assertStringContainsString( 'You cannot add a new payment method so soon after the previous one. Please wait for 20 seconds.', $again['body'] );
		$this->assertCount( 1, WC_Payment_Tokens::get_customer_tokens( $user ), 'rate limited' );
		$this->advanceTime( 21 );
		$this->assertSame( 302, $post( array( 'tiny_last4' => '2222' ) + $fields )['status'] );
		$tokens = array_values( WC_Payment_Tokens::get_customer_tokens( $user ) );
		$this->assertSame( array( '1111', '2222' ), array_map( static fn ( $t ) => $t->get_last4(), $tokens ) );
		$this->assertTrue( $tokens[0]->is_default() );

		$list = $get( '/my-account/payment-methods/', $cookie )['body'];
		$this->assertStringContainsString( 'Visa ending in 1111', $list );
		$this->assertStringContainsString( '03/30', $list );
		$this->assertSame( 1, preg_match( '#href="([^"]*/my-account/set-default-payment-method/' . $tokens[1]->get_id() . '/\?_wpnonce=[0-9a-f]{10})" class="button default"#', $list, $default ) );
		$this->assertSame( 1, preg_match( '#href="([^"]*/my-account/delete-payment-method/' . $tokens[0]->get_id() . '/\?_wpnonce=[0-9a-f]{10})" class="button delete"#', $list, $delete ) );
		$default = html_entity_decode( $default[1] );
		$delete  = html_entity_decode( $delete[1] );

		$made = $this->httpRequest( 'GET', $default, $cookie );
		$this->assertSame( 302, $made['status'] );
		$this->assertSame( $base . '/my-account/payment-methods/', $where( $made ) );
		wp_cache_flush();
		$this->assertSame( $tokens[1]->get_id(), WC_Payment_Tokens::get_customer_default_token( $user )->get_id() );

		$other = $this->createUser( 'customer' );
		$this->assertSame( 302, $this->httpRequest( 'GET', $delete, array( 'Cookie' => $this->authCookieHeader( $other ) ) )['status'] );
		$this->assertNotNull( WC_Payment_Tokens::get( $tokens[0]->get_id() ), 'another customer cannot delete it' );
		$this->assertSame( 302, $this->httpRequest( 'GET', $base . '/my-account/delete-payment-method/' . $tokens[0]->get_id() . '/?_wpnonce=0123456789', $cookie )['status'] );
		$this->assertNotNull( WC_Payment_Tokens::get( $tokens[0]->get_id() ), 'a wrong nonce deletes nothing' );
		$gone = $this->httpRequest( 'GET', $delete, $cookie );
		$this->assertSame( $base . '/my-account/payment-methods/', $where( $gone ) );
		$this->assertNull( WC_Payment_Tokens::get( $tokens[0]->get_id() ) );
		global $wpdb;
		$this->assertSame( '0', $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->payment_tokenmeta} WHERE payment_token_id = %d", $tokens[0]->get_id() ) ) );
		$this->assertStringNotContainsString( 'Visa ending in 1111', $get( '/my-account/payment-methods/', $cookie )['body'] );
	}

	public function test_php_builtin_server_serves_tiny_plugin(): void {
		$this->bootPlugin( self::TINY );
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
		// Action Scheduler's queue runner is a WP-Cron event: wp-cron.php runs it.
		$this->assertCount( 8, $this->getScheduledActions( 'tiny_async', 'pending' ) );
		$this->assertNotFalse( wp_next_scheduled( 'action_scheduler_run_queue', array( 'WP Cron' ) ), 'scheduled by the requests' );
		$this->assertSame( 200, $this->httpRequest( 'GET', $base . '/wp-cron.php' )['status'] );
		wp_cache_flush();
		for ( $i = 1; $i <= 8; $i++ ) {
			$this->assertNotFalse( get_option( 'tiny_async_ran_' . $i ) );
		}
		$this->assertCount( 8, $this->getScheduledActions( 'tiny_async', 'complete' ) );
	}

	/* ---------------------------------------------------------------------
	 * The WooCommerce Subscriptions double
	 * ------------------------------------------------------------------ */

	/** Absent unless a test activates it; with it: subscriptions are orders of their own type, cached like orders; renewals link back. */
	public function test_subscriptions_double_is_an_order_type_with_renewals(): void {
		$this->bootPlugin( self::EMPTY, false, array( self::subscriptionsDouble() ) );
		$this->assertTrue( class_exists( 'WC_Subscriptions' ) );
		$this->assertTrue( is_plugin_active( 'woocommerce-subscriptions/woocommerce-subscriptions.php' ) );
		$parent = $this->createOrder( array( 'total' => '9.00', 'currency' => 'CAD', 'status' => 'pending' ) );
		$sub    = wcs_create_subscription( array( 'order_id' => $parent->get_id(), 'status' => 'active' ) );
		$sub->set_payment_method( 'cheque' );
		$sub->set_total( '9.00' );
		$sub->save();
		$this->assertInstanceOf( WC_Subscription::class, wc_get_order( $sub->get_id() ) );
		$this->assertSame( 'shop_subscription', wc_get_order( $sub->get_id() )->get_type() );
		$this->assertTrue( wcs_is_subscription( $sub->get_id() ) );
		$this->assertTrue( wcs_order_contains_subscription( $parent ) );
		$this->assertSame( array( $sub->get_id() ), array_keys( wcs_get_subscriptions_for_order( $parent ) ) );
		// Not among ordinary orders.
		$this->assertNotContains( $sub->get_id(), wc_get_orders( array( 'limit' => -1, 'return' => 'ids' ) ) );

		// HPOS: the copy read first in a request is what later reads get, as for orders.
		$copy = wc_get_order( $sub->get_id() );
		\IotPay\WcDouble\Site::db()->query( 'UPDATE ' . \IotPay\WcDouble\Site::prefix() . "wc_orders SET status = 'wc-cancelled' WHERE id = " . (int) $sub->get_id() );
		$this->assertSame( 'active', wc_get_order( $sub->get_id() )->get_status(), 'the subscription was not cached like an order' );
		unset( $copy );
		\IotPay\WcDouble\Site::db()->query( 'UPDATE ' . \IotPay\WcDouble\Site::prefix() . "wc_orders SET status = 'wc-active' WHERE id = " . (int) $sub->get_id() );

		$fired = array();
		add_action( 'woocommerce_scheduled_subscription_payment_cheque', static function ( $amount, $order ) use ( &$fired ) {
			$fired[] = array( $amount, $order->get_id() );
		}, 10, 2 );
		do_action( 'woocommerce_scheduled_subscription_payment', $sub->get_id() );
		$renewal = wcs_get_subscription( $sub->get_id() )->get_last_order( 'all', 'renewal' );
		$this->assertInstanceOf( WC_Order::class, $renewal );
		$this->assertSame( (string) $sub->get_id(), $renewal->get_meta( '_subscription_renewal' ) );
		$this->assertTrue( wcs_order_contains_renewal( $renewal ) );
		$this->assertSame( array( $sub->get_id() ), array_keys( wcs_get_subscriptions_for_renewal_order( $renewal ) ) );
		$this->assertSame( array( array( '9.00', $renewal->get_id() ) ), $fired );
		$this->assertSame( 'on-hold', wcs_get_subscription( $sub->get_id() )->get_status() );
		// Paid renewal: the subscription active again; failed renewal: on hold.
		$renewal->payment_complete( 'T1' );
		$this->assertSame( 'active', wcs_get_subscription( $sub->get_id() )->get_status() );
		// A manual subscription's job fires no gateway hook.
		$manual = wcs_get_subscription( $sub->get_id() );
		$manual->set_requires_manual_renewal( true );
		$manual->save();
		do_action( 'woocommerce_scheduled_subscription_payment', $sub->get_id() );
		$this->assertCount( 1, $fired );
	}

	/** Without it activated: nothing of Subscriptions exists. */
	public function test_subscriptions_double_absent_by_default(): void {
		$this->bootPlugin( self::EMPTY );
		$this->assertFalse( class_exists( 'WC_Subscriptions' ) );
		$this->assertFalse( function_exists( 'wcs_get_subscriptions_for_order' ) );
		$this->assertFalse( has_action( 'woocommerce_scheduled_subscription_payment' ) );
	}
}
