<?php
/**
 * Test double: WooCommerce order functions.
 *
 * Modelled on WooCommerce 7.9 includes/wc-order-functions.php and
 * class-wc-order-query.php:
 * - wc_get_order( $the_order = false ): false (with wc_doing_it_wrong) before
 *   woocommerce_after_register_post_type has fired; accepts an ID, a
 *   WC_Order or a WP_Post; reads a fresh object from the database on every
 *   call (no object cache), WC_Order or WC_Order_Refund by type; false when
 *   missing.
 * - wc_get_orders( $args ) through WC_Order_Query: legacy arg mapping,
 *   default limit = posts_per_page (10) — pass 'limit' => -1 for all —,
 *   default type shop_order, default statuses = all registered, return
 *   'objects'|'ids', paginate; filters woocommerce_order_query_args and
 *   woocommerce_order_query.
 * - wc_create_order(), wc_get_order_statuses() (incl. wc-checkout-draft),
 *   wc_get_is_paid_statuses(), wc_get_order_status_name(),
 *   wc_generate_order_key() ("wc_order_" + 13 chars),
 *   wc_get_order_id_by_order_key().
 * - wc_create_refund(): saves the refund before asking the gateway
 *   (refund_payment), on gateway failure deletes the refund and returns the
 *   WP_Error('error', message) of wc_refund_payment(); wc_refund_payment()
 *   errors: 'The payment gateway for this order does not exist.', '… does not
 *   support automatic refunds.', 'An error occurred while attempting to create
 *   the refund using the payment gateway API.' (gateway returned false), or the
 *   gateway's WP_Error message; validation 'Invalid order ID.' and 'Invalid
 *   refund amount.'; then woocommerce_order_partially_refunded or
 *   woocommerce_order_fully_refunded + status "refunded", then
 *   woocommerce_refund_created and woocommerce_order_refunded.
 * - wc_cancel_unpaid_orders() (see its comment), order notes functions.
 * Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Order_Query {

	protected $query_vars = array();

	public function __construct( $query = array() ) {
		$this->query_vars = wp_parse_args( $query, $this->get_default_query_vars() );
	}

	protected function get_default_query_vars() {
		return array(
			'status'   => array_keys( wc_get_order_statuses() ),
			'type'     => wc_get_order_types( 'view-orders' ),
			'limit'    => get_option( 'posts_per_page' ),
			'page'     => 1,
			'offset'   => '',
			'paginate' => false,
			'order'    => 'DESC',
			'orderby'  => 'date',
			'return'   => 'objects',
		);
	}

	public function get_query_vars() {
		return $this->query_vars;
	}

	public function get( $query_var, $default = '' ) {
		return $this->query_vars[ $query_var ] ?? $default;
	}

	public function set( $query_var, $value ) {
		$this->query_vars[ $query_var ] = $value;
	}

	public function get_orders() {
		$args    = apply_filters( 'woocommerce_order_query_args', $this->get_query_vars() );
		$results = WC_Double_Order_Stores::load()->query( $args );
		return apply_filters( 'woocommerce_order_query', $results, $args );
	}
}

/**
 * @return WC_Order|WC_Order_Refund|false
 */
function wc_get_order( $the_order = false ) {
	if ( ! did_action( 'woocommerce_after_register_post_type' ) ) {
		wc_doing_it_wrong( __FUNCTION__, 'wc_get_order should not be called before post types are registered (woocommerce_after_register_post_type action)', '2.5' );
		return false;
	}
	global $post;
	if ( false === $the_order && $post instanceof WP_Post ) {
		$order_id = $post->ID;
	} elseif ( is_numeric( $the_order ) ) {
		$order_id = (int) $the_order;
	} elseif ( $the_order instanceof WC_Abstract_Order ) {
		$order_id = $the_order->get_id();
	} elseif ( $the_order instanceof WP_Post || ( is_object( $the_order ) && ! empty( $the_order->ID ) ) ) {
		$order_id = (int) $the_order->ID;
	} else {
		return false;
	}
	if ( $order_id <= 0 ) {
		return false;
	}
	// WC_Order_Factory::get_order(): with HPOS on, the copy cached earlier in
	// this request (or in a persistent object cache) is returned as it was.
	$use_cache = \Automattic\WooCommerce\Utilities\OrderUtil::orders_cache_usage_is_enabled();
	$cache     = wc_get_container()->get( \Automattic\WooCommerce\Caches\OrderCache::class );
	if ( $use_cache ) {
		$cached = $cache->get( $order_id );
		if ( null !== $cached ) {
			return $cached;
		}
	}
	$store = WC_Double_Order_Stores::load();
	$type  = $store->get_order_type( $order_id );
	if ( ! in_array( $type, WC_Double_Order_Stores::order_types(), true ) ) {
		return false;
	}
	$class = WC_Double_Order_Stores::class_for_type( (string) $type, $order_id );
	if ( ! class_exists( $class ) ) {
		return false;
	}
	try {
		$order = new $class( $order_id );
		if ( $use_cache ) {
			$cache->set( $order, $order_id );
		}
		return $order;
	} catch ( Exception $e ) {
		wc_caught_exception( $e, __FUNCTION__, array( $the_order ) );
		return false;
	}
}

function wc_caught_exception( $exception_object, $function = '', $args = array() ) {
	do_action( 'woocommerce_caught_exception', $exception_object, $function, $args );
}

function wc_get_orders( $args ) {
	$map_legacy = array(
		'numberposts'    => 'limit',
		'post_type'      => 'type',
		'post_status'    => 'status',
		'post_parent'    => 'parent',
		'author'         => 'customer',
		'email'          => 'billing_email',
		'posts_per_page' => 'limit',
		'paged'          => 'page',
	);
	foreach ( $map_legacy as $from => $to ) {
		if ( isset( $args[ $from ] ) ) {
			$args[ $to ] = $args[ $from ];
		}
	}
	if ( isset( $args['date_before'] ) ) {
		$args['date_created'] = '<' . strtotime( $args['date_before'] );
	}
	if ( isset( $args['date_after'] ) ) {
		$args['date_created'] = '>' . strtotime( $args['date_after'] );
	}
	return ( new WC_Order_Query( $args ) )->get_orders();
}

function wc_get_order_statuses() {
	return apply_filters(
		'wc_order_statuses',
		array(
			'wc-pending'        => _x( 'Pending payment', 'Order status', 'woocommerce' ),
			'wc-processing'     => _x( 'Processing', 'Order status', 'woocommerce' ),
			'wc-on-hold'        => _x( 'On hold', 'Order status', 'woocommerce' ),
			'wc-completed'      => _x( 'Completed', 'Order status', 'woocommerce' ),
			'wc-cancelled'      => _x( 'Cancelled', 'Order status', 'woocommerce' ),
			'wc-refunded'       => _x( 'Refunded', 'Order status', 'woocommerce' ),
			'wc-failed'         => _x( 'Failed', 'Order status', 'woocommerce' ),
			'wc-checkout-draft' => _x( 'Draft', 'Order status', 'woocommerce' ),
		)
	);
}

function wc_is_order_status( $maybe_status ) {
	return isset( wc_get_order_statuses()[ $maybe_status ] );
}

function wc_get_is_paid_statuses() {
	return apply_filters( 'woocommerce_order_is_paid_statuses', array( 'processing', 'completed' ) );
}

function wc_get_is_pending_statuses() {
	return apply_filters( 'woocommerce_order_is_pending_statuses', array( 'pending' ) );
}

function wc_get_order_status_name( $status ) {
	$statuses = wc_get_order_statuses();
	$status   = 'wc-' === substr( (string) $status, 0, 3 ) ? substr( (string) $status, 3 ) : (string) $status;
	return $statuses[ 'wc-' . $status ] ?? $status;
}

function wc_get_order_types( $for = '' ) {
	switch ( $for ) {
		case 'view-orders':
		case 'order-count':
		case 'order-meta-boxes':
		case 'reports':
		case 'sales-reports':
		case 'order-webhooks':
			$types = array( 'shop_order' );
			if ( 'sales-reports' === $for ) {
				$types[] = 'shop_order_refund';
			}
			break;
		default:
			$types = array( 'shop_order', 'shop_order_refund' );
	}
	return apply_filters( 'wc_order_types', $types, $for );
}

function wc_generate_order_key( $key = '' ) {
	if ( '' === $key ) {
		$key = wp_generate_password( 13, false );
	}
	return 'wc_' . apply_filters( 'woocommerce_generate_order_key', 'order_' . $key );
}

function wc_get_order_id_by_order_key( $order_key ) {
	return WC_Double_Order_Stores::load()->get_order_id_by_order_key( $order_key );
}

/**
 * @return WC_Order|WP_Error
 */
function wc_create_order( $args = array() ) {
	$default_args = array(
		'status'        => null,
		'customer_id'   => null,
		'customer_note' => null,
		'parent'        => null,
		'created_via'   => null,
		'cart_hash'     => null,
		'order_id'      => 0,
	);
	try {
		$args  = wp_parse_args( $args, $default_args );
		$order = new WC_Order( $args['order_id'] );
		if ( ! is_null( $args['parent'] ) ) {
			$order->set_parent_id( absint( $args['parent'] ) );
		}
		if ( ! is_null( $args['status'] ) ) {
			$order->set_status( $args['status'] );
		}
		if ( ! is_null( $args['customer_note'] ) ) {
			$order->set_customer_note( $args['customer_note'] );
		}
		if ( ! is_null( $args['customer_id'] ) ) {
			$order->set_customer_id( is_numeric( $args['customer_id'] ) ? absint( $args['customer_id'] ) : 0 );
		}
		if ( ! is_null( $args['created_via'] ) ) {
			$order->set_created_via( sanitize_text_field( $args['created_via'] ) );
		}
		if ( ! is_null( $args['cart_hash'] ) ) {
			$order->set_cart_hash( sanitize_text_field( $args['cart_hash'] ) );
		}
		if ( ! $args['order_id'] ) {
			$order->set_currency( get_woocommerce_currency() );
			$order->set_prices_include_tax( 'yes' === get_option( 'woocommerce_prices_include_tax' ) );
			$order->set_customer_ip_address( WC_Geolocation::get_ip_address() );
			$order->set_customer_user_agent( wc_get_user_agent() );
		}
		$order->save();
	} catch ( Exception $e ) {
		return new WP_Error( 'error', $e->getMessage() );
	}
	return $order;
}

function wc_update_order( $args ) {
	if ( empty( $args['order_id'] ) ) {
		return new WP_Error( __( 'Invalid order ID.', 'woocommerce' ) );
	}
	return wc_create_order( $args );
}

/**
 * @return WC_Order_Refund|WP_Error
 */
function wc_create_refund( $args = array() ) {
	$default_args = array(
		'amount'         => 0,
		'reason'         => null,
		'order_id'       => 0,
		'refund_id'      => 0,
		'line_items'     => array(),
		'refund_payment' => false,
		'restock_items'  => false,
	);
	try {
		$args  = wp_parse_args( $args, $default_args );
		$order = wc_get_order( $args['order_id'] );
		if ( ! $order ) {
			throw new Exception( __( 'Invalid order ID.', 'woocommerce' ) );
		}
		$remaining_refund_amount = $order->get_remaining_refund_amount();
		$remaining_refund_items  = $order->get_remaining_refund_items();
		$refund_item_count       = 0;
		$refund                  = new WC_Order_Refund( $args['refund_id'] );

		if ( 0 > $args['amount'] || $args['amount'] > $remaining_refund_amount ) {
			throw new Exception( __( 'Invalid refund amount.', 'woocommerce' ) );
		}
		$refund->set_currency( $order->get_currency() );
		$refund->set_amount( $args['amount'] );
		$refund->set_parent_id( absint( $args['order_id'] ) );
		$refund->set_refunded_by( get_current_user_id() ? get_current_user_id() : 1 );
		$refund->set_prices_include_tax( $order->get_prices_include_tax() );
		if ( ! is_null( $args['reason'] ) ) {
			$refund->set_reason( $args['reason'] );
		}
		if ( is_array( $args['line_items'] ) && count( $args['line_items'] ) > 0 ) {
			$items = $order->get_items( array( 'line_item', 'fee', 'shipping' ) );
			foreach ( $items as $item_id => $item ) {
				if ( ! isset( $args['line_items'][ $item_id ] ) ) {
					continue;
				}
				$qty          = $args['line_items'][ $item_id ]['qty'] ?? 0;
				$refund_total = $args['line_items'][ $item_id ]['refund_total'] ?? 0;
				if ( empty( $qty ) && empty( $refund_total ) ) {
					continue;
				}
				$class         = get_class( $item );
				$refunded_item = new $class();
				if ( $item instanceof WC_Order_Item_Product ) {
					$refunded_item->set_product_id( $item->get_product_id() );
					$refunded_item->set_quantity( $qty * -1 );
				}
				$refunded_item->set_name( $item->get_name() );
				$refunded_item->add_meta_data( '_refunded_item_id', $item_id, true );
				$refunded_item->set_total( wc_format_refund_total( $refund_total ) );
				$refund->add_item( $refunded_item );
				$refund_item_count += (int) $qty;
			}
		}
		$refund->set_total( $args['amount'] * -1 );
		if ( isset( $args['date_created'] ) ) {
			$refund->set_date_created( $args['date_created'] );
		}
		do_action( 'woocommerce_create_refund', $refund, $args );

		if ( $refund->save() ) {
			if ( $args['refund_payment'] ) {
				$result = wc_refund_payment( $order, $refund->get_amount(), $refund->get_reason() );
				if ( is_wp_error( $result ) ) {
					$refund->delete();
					return $result;
				}
				$refund->set_refunded_payment( true );
				$refund->save();
			}
			if ( $args['restock_items'] ) {
				wc_restock_refunded_items( $order, $args['line_items'] );
			}
			if ( (bool) apply_filters(
				'woocommerce_order_is_partially_refunded',
				( $remaining_refund_amount - $args['amount'] ) > 0 || ( $order->has_free_item() && ( $remaining_refund_items - $refund_item_count ) > 0 ),
				$order->get_id(),
				$refund->get_id()
			) ) {
				do_action( 'woocommerce_order_partially_refunded', $order->get_id(), $refund->get_id() );
			} else {
				do_action( 'woocommerce_order_fully_refunded', $order->get_id(), $refund->get_id() );
				$parent_status = apply_filters( 'woocommerce_order_fully_refunded_status', 'refunded', $order->get_id(), $refund->get_id() );
				if ( $parent_status ) {
					$order->update_status( $parent_status );
				}
			}
		}
		$order->set_date_modified( iotpay_test_now() );
		$order->save();
		do_action( 'woocommerce_refund_created', $refund->get_id(), $args );
		do_action( 'woocommerce_order_refunded', $order->get_id(), $refund->get_id() );
	} catch ( Exception $e ) {
		if ( isset( $refund ) && is_a( $refund, 'WC_Order_Refund' ) && $refund->get_id() ) {
			$refund->delete( true );
		}
		return new WP_Error( 'error', $e->getMessage() );
	}
	return $refund;
}

/**
 * @return bool|WP_Error
 */
function wc_refund_payment( $order, $amount, $reason = '' ) {
	try {
		if ( ! is_a( $order, 'WC_Order' ) ) {
			throw new Exception( __( 'Invalid order.', 'woocommerce' ) );
		}
		$all_gateways   = WC_Payment_Gateways::instance()->payment_gateways();
		$payment_method = $order->get_payment_method();
		$gateway        = isset( $all_gateways[ $payment_method ] ) ? $all_gateways[ $payment_method ] : false;
		if ( ! $gateway ) {
			throw new Exception( __( 'The payment gateway for this order does not exist.', 'woocommerce' ) );
		}
		if ( ! $gateway->supports( 'refunds' ) ) {
			throw new Exception( __( 'The payment gateway for this order does not support automatic refunds.', 'woocommerce' ) );
		}
		$result = $gateway->process_refund( $order->get_id(), $amount, $reason );
		if ( ! $result ) {
			throw new Exception( __( 'An error occurred while attempting to create the refund using the payment gateway API.', 'woocommerce' ) );
		}
		if ( is_wp_error( $result ) ) {
			throw new Exception( $result->get_error_message() );
		}
		return true;
	} catch ( Exception $e ) {
		return new WP_Error( 'error', $e->getMessage() );
	}
}

function wc_restock_refunded_items( $order, $refunded_line_items ) {
	if ( ! apply_filters( 'woocommerce_can_restock_refunded_items', true, $order, $refunded_line_items ) ) {
		return;
	}
	foreach ( $order->get_items() as $item_id => $item ) {
		if ( ! isset( $refunded_line_items[ $item_id ], $refunded_line_items[ $item_id ]['qty'] ) ) {
			continue;
		}
		$product            = $item->get_product();
		$item_stock_reduced = $item->get_meta( '_reduced_stock', true );
		$qty_to_refund      = $refunded_line_items[ $item_id ]['qty'];
		if ( ! $item_stock_reduced || ! $qty_to_refund || ! $product || ! $product->managing_stock() ) {
			continue;
		}
		$old_stock = $product->get_stock_quantity();
		$new_stock = wc_update_product_stock( $product, $qty_to_refund, 'increase' );
		$item->update_meta_data( '_reduced_stock', $item_stock_reduced - $qty_to_refund );
		$item->update_meta_data( '_restock_refunded_items', $qty_to_refund + (int) $item->get_meta( '_restock_refunded_items', true ) );
		$note = apply_filters( 'woocommerce_refund_restock_note', sprintf( __( 'Item #%1$s stock increased from %2$s to %3$s.', 'woocommerce' ), $product->get_id(), $old_stock, $new_stock ), $old_stock, $new_stock, $order, $product );
		$order->add_order_note( $note );
		$item->save();
		do_action( 'woocommerce_restock_refunded_item', $product->get_id(), $old_stock, $new_stock, $order, $product );
	}
}

/**
 * An order marked "refunded" by hand gets a refund for what is left (no gateway call).
 */
function wc_order_fully_refunded( $order_id ) {
	$order      = wc_get_order( $order_id );
	$max_refund = wc_format_decimal( (float) $order->get_total() - (float) $order->get_total_refunded() );
	if ( ! $max_refund || 0.0 === (float) $max_refund ) {
		return;
	}
	wc_create_refund(
		array(
			'amount'     => $max_refund,
			'reason'     => __( 'Order fully refunded.', 'woocommerce' ),
			'order_id'   => $order_id,
			'line_items' => array(),
		)
	);
	$order->add_order_note( __( 'Order status set to refunded. To return funds to the customer you will need to issue a refund through your payment gateway.', 'woocommerce' ) );
}

/**
 * WooCommerce 7.9 shape: clear and re-schedule the WP-Cron event first (interval
 * filter woocommerce_cancel_unpaid_orders_interval_minutes), bail unless
 * woocommerce_hold_stock_minutes >= 1 and stock management is on, then
 * cancel each pending order last modified before now - hold minutes when
 * apply_filters( 'woocommerce_cancel_unpaid_order', 'checkout' === created_via, $order )
 * (read in 7.9.0). When the test models WooCommerce 11
 * (IOTPAY_TEST_WC_NEW_SHOP=11.0) the default is 11.0.1's
 * in_array( created_via, array( 'checkout', 'store-api' ) ): block checkout
 * orders too. 11.0.1's Action Scheduler run is not modelled.
 */
function wc_cancel_unpaid_orders() {
	$held_duration = get_option( 'woocommerce_hold_stock_minutes' );
	wp_clear_scheduled_hook( 'woocommerce_cancel_unpaid_orders' );
	$cancel_unpaid_interval = apply_filters( 'woocommerce_cancel_unpaid_orders_interval_minutes', absint( $held_duration ) );
	wp_schedule_single_event( iotpay_test_now() + ( absint( $cancel_unpaid_interval ) * 60 ), 'woocommerce_cancel_unpaid_orders' );
	if ( $held_duration < 1 || 'yes' !== get_option( 'woocommerce_manage_stock' ) ) {
		return;
	}
	$unpaid_orders = WC_Double_Order_Stores::load()->get_unpaid_orders( strtotime( '-' . absint( $held_duration ) . ' MINUTES', iotpay_test_now() ) ); // WooCommerce: current_time( 'timestamp' ); the double's clock here (UTC site).
	foreach ( $unpaid_orders as $unpaid_order ) {
		$order = wc_get_order( $unpaid_order );
		if ( ! $order ) {
			continue;
		}
		$offered = '11.0' === WC_Install::new_shop_version() ? array( 'checkout', 'store-api' ) : array( 'checkout' );
		if ( apply_filters( 'woocommerce_cancel_unpaid_order', in_array( $order->get_created_via(), $offered, true ), $order ) ) {
			$order->update_status( 'cancelled', __( 'Unpaid order cancelled - time limit reached.', 'woocommerce' ) );
		}
	}
}

function wc_update_total_sales_counts( $order_id ) {
	$order = wc_get_order( $order_id );
	if ( ! $order ) {
		return;
	}
	$recorded_sales  = $order->get_data_store()->get_recorded_sales( $order );
	$reflected_order = in_array( $order->get_status(), array( 'cancelled', 'trash' ), true );
	if ( $recorded_sales xor $reflected_order ) {
		return;
	}
	$operation = $recorded_sales && $reflected_order ? 'decrease' : 'increase';
	$store     = new WC_Product_Data_Store_CPT();
	foreach ( $order->get_items() as $item ) {
		if ( $item->get_product_id() ) {
			$store->update_product_sales( $item->get_product_id(), absint( $item->get_quantity() ), $operation );
		}
	}
	$order->get_data_store()->set_recorded_sales( $order, 'increase' === $operation );
	do_action( 'woocommerce_recorded_sales', $order_id );
}

function wc_get_order_note( $data ) {
	if ( is_numeric( $data ) ) {
		$data = get_comment( $data );
	}
	if ( ! is_a( $data, 'WP_Comment' ) ) {
		return null;
	}
	return (object) apply_filters(
		'woocommerce_get_order_note',
		array(
			'id'            => (int) $data->comment_ID,
			'date_created'  => wc_string_to_datetime( $data->comment_date_gmt . ' UTC' ),
			'content'       => $data->comment_content,
			'customer_note' => (bool) get_comment_meta( $data->comment_ID, 'is_customer_note', true ),
			'added_by'      => __( 'WooCommerce', 'woocommerce' ) === $data->comment_author ? 'system' : $data->comment_author,
			'order_id'      => absint( $data->comment_post_ID ),
		),
		$data
	);
}

function wc_get_order_notes( $args ) {
	$query = array(
		'type'    => 'order_note',
		'status'  => 'approve',
		'orderby' => 'comment_ID',
		'order'   => $args['order'] ?? 'DESC',
	);
	if ( isset( $args['order_id'] ) ) {
		$query['post_id'] = $args['order_id'];
	}
	if ( isset( $args['order__in'] ) ) {
		$query['post__in'] = $args['order__in'];
	}
	if ( isset( $args['limit'] ) ) {
		$query['number'] = $args['limit'];
	}
	if ( ! empty( $args['orderby'] ) && in_array( $args['orderby'], array( 'date_created', 'date_created_gmt', 'id' ), true ) ) {
		$query['orderby'] = array(
			'date_created'     => 'comment_date',
			'date_created_gmt' => 'comment_date_gmt',
			'id'               => 'comment_ID',
		)[ $args['orderby'] ];
	}
	remove_filter( 'comments_clauses', array( 'WC_Comments', 'exclude_order_comments' ), 10 );
	$comments = get_comments( $query );
	add_filter( 'comments_clauses', array( 'WC_Comments', 'exclude_order_comments' ), 10, 1 );
	$notes = array_filter( array_map( 'wc_get_order_note', $comments ) );
	if ( isset( $args['type'] ) && 'customer' === $args['type'] ) {
		$notes = array_filter( $notes, static fn( $n ) => $n->customer_note );
	} elseif ( isset( $args['type'] ) && 'internal' === $args['type'] ) {
		$notes = array_filter( $notes, static fn( $n ) => ! $n->customer_note );
	}
	return array_values( $notes );
}

function wc_create_order_note( $order_id, $note, $is_customer_note = false, $added_by_user = false ) {
	$order = wc_get_order( $order_id );
	if ( ! $order ) {
		return new WP_Error( 'invalid_order_id', __( 'Invalid order ID.', 'woocommerce' ), array( 'status' => 400 ) );
	}
	return $order->add_order_note( $note, (int) $is_customer_note, $added_by_user );
}

function wc_delete_order_note( $note_id ) {
	return wp_delete_comment( $note_id, true );
}

function wc_get_payment_gateway_by_order( $order ) {
	$gateways = WC()->payment_gateways() ? WC()->payment_gateways()->payment_gateways() : array();
	if ( ! is_object( $order ) ) {
		$order = wc_get_order( absint( $order ) );
	}
	return is_a( $order, 'WC_Order' ) && isset( $gateways[ $order->get_payment_method() ] ) ? $gateways[ $order->get_payment_method() ] : false;
}

function wc_reserve_stock_for_order( $order ) {
}

function wc_release_stock_for_order( $order ) {
}

function wc_downloadable_product_permissions( $order_id, $force = false ) {
}
