<?php
/**
 * Test double: WooCommerce stock functions.
 *
 * Modelled on WooCommerce 7.9 includes/wc-stock-functions.php:
 * - wc_maybe_reduce_stock_levels( $order_id ) — hooked to
 *   woocommerce_payment_complete and woocommerce_order_status_completed /
 *   processing / on-hold — loads the order again, reads the "stock reduced"
 *   flag from the database (data store get_stock_reduced()), applies
 *   woocommerce_payment_complete_reduce_order_stock, reduces, then sets the
 *   flag. Nothing makes this atomic: two processes that pass the check
 *   before either sets the flag both reduce stock, as in WooCommerce.
 * - wc_reduce_stock_levels( $order_or_id ) skips items whose
 *   _reduced_stock item meta is set on the order object it was given (a stale
 *   object reduces again), needs woocommerce_manage_stock = yes and the
 *   woocommerce_can_reduce_order_stock filter, decrements with one SQL
 *   statement per item, writes _reduced_stock, fires
 *   woocommerce_reduce_order_item_stock and woocommerce_reduce_order_stock
 *   and adds the "Stock levels reduced:" note.
 * - wc_maybe_increase_stock_levels() on cancelled/pending, wc_increase_stock_levels().
 * The double also records every per-item reduction in
 * {prefix}double_stock_reductions (order_id, product_id, qty) for
 * TestCase::countStockReductions(). Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

/**
 * @return bool|int|float|null New stock (false when no product).
 */
function wc_update_product_stock( $product, $stock_quantity = null, $operation = 'set', $updating = false ) {
	if ( ! is_a( $product, 'WC_Product' ) ) {
		$product = wc_get_product( $product );
	}
	if ( ! $product ) {
		return false;
	}
	if ( ! is_null( $stock_quantity ) && $product->managing_stock() ) {
		$product_with_stock = $product;
		$data_store         = new WC_Product_Data_Store_CPT();
		do_action( 'woocommerce_product_before_set_stock', $product_with_stock );
		$new_stock = $data_store->update_product_stock( $product_with_stock->get_id(), $stock_quantity, $operation );
		$data_store->read_stock_quantity( $product_with_stock, $new_stock );
		if ( ! $updating ) {
			$product_with_stock->save();
		}
		do_action( 'woocommerce_product_set_stock', $product_with_stock );
		return $product_with_stock->get_stock_quantity();
	}
	return $product->get_stock_quantity();
}

function wc_update_product_stock_status( $product_id, $status ) {
	$product = wc_get_product( $product_id );
	if ( $product ) {
		$product->set_stock_status( $status );
		$product->save();
	}
}

function wc_maybe_reduce_stock_levels( $order_id ) {
	$order = wc_get_order( $order_id );
	if ( ! $order ) {
		return;
	}
	$stock_reduced  = $order->get_data_store()->get_stock_reduced( $order_id );
	$trigger_reduce = apply_filters( 'woocommerce_payment_complete_reduce_order_stock', ! $stock_reduced, $order_id );
	if ( ! $trigger_reduce ) {
		return;
	}
	wc_reduce_stock_levels( $order );
	$order->get_data_store()->set_stock_reduced( $order_id, true );
}

function wc_maybe_increase_stock_levels( $order_id ) {
	$order = wc_get_order( $order_id );
	if ( ! $order ) {
		return;
	}
	$stock_reduced = $order->get_data_store()->get_stock_reduced( $order_id );
	if ( ! $stock_reduced ) {
		return;
	}
	wc_increase_stock_levels( $order );
	$order->get_data_store()->set_stock_reduced( $order_id, false );
}

function wc_reduce_stock_levels( $order_id ) {
	if ( is_a( $order_id, 'WC_Order' ) ) {
		$order    = $order_id;
		$order_id = $order->get_id();
	} else {
		$order = wc_get_order( $order_id );
	}
	if ( ! $order || 'yes' !== get_option( 'woocommerce_manage_stock' ) || ! apply_filters( 'woocommerce_can_reduce_order_stock', true, $order ) ) {
		return;
	}
	$changes = array();
	foreach ( $order->get_items() as $item ) {
		if ( ! $item->is_type( 'line_item' ) ) {
			continue;
		}
		$product            = $item->get_product();
		$item_stock_reduced = $item->get_meta( '_reduced_stock', true );
		if ( $item_stock_reduced || ! $product || ! $product->managing_stock() ) {
			continue;
		}
		$qty       = apply_filters( 'woocommerce_order_item_quantity', $item->get_quantity(), $order, $item );
		$item_name = $product->get_formatted_name();
		$new_stock = wc_update_product_stock( $product, $qty, 'decrease' );
		if ( is_wp_error( $new_stock ) ) {
			$order->add_order_note( sprintf( __( 'Unable to reduce stock for item %s.', 'woocommerce' ), $item_name ) );
			continue;
		}
		_wc_double_record_stock_reduction( (int) $order->get_id(), (int) $product->get_id(), $qty );
		$item->add_meta_data( '_reduced_stock', $qty, true );
		$item->save();
		$change    = array(
			'product' => $product,
			'from'    => $new_stock + $qty,
			'to'      => $new_stock,
		);
		$changes[] = $change;
		do_action( 'woocommerce_reduce_order_item_stock', $item, $change, $order );
	}
	wc_trigger_stock_change_notifications( $order, $changes );
	do_action( 'woocommerce_reduce_order_stock', $order );
}

function _wc_double_record_stock_reduction( int $order_id, int $product_id, $qty ): void {
	global $wpdb;
	$wpdb->insert(
		$wpdb->prefix . 'double_stock_reductions',
		array(
			'order_id'   => $order_id,
			'product_id' => $product_id,
			'qty'        => (float) $qty,
			'pid'        => getmypid(),
		)
	);
}

function wc_trigger_stock_change_notifications( $order, $changes ) {
	if ( empty( $changes ) ) {
		return;
	}
	$order_notes     = array();
	$no_stock_amount = absint( get_option( 'woocommerce_notify_no_stock_amount', 0 ) );
	foreach ( $changes as $change ) {
		$order_notes[]    = $change['product']->get_formatted_name() . ' ' . $change['from'] . '&rarr;' . $change['to'];
		$low_stock_amount = absint( wc_get_low_stock_amount( wc_get_product( $change['product']->get_id() ) ) );
		if ( $change['to'] <= $no_stock_amount ) {
			do_action( 'woocommerce_no_stock', wc_get_product( $change['product']->get_id() ) );
		} elseif ( $change['to'] <= $low_stock_amount ) {
			do_action( 'woocommerce_low_stock', wc_get_product( $change['product']->get_id() ) );
		}
		if ( $change['to'] < 0 ) {
			do_action(
				'woocommerce_product_on_backorder',
				array(
					'product'  => wc_get_product( $change['product']->get_id() ),
					'order_id' => $order->get_id(),
					'quantity' => abs( $change['from'] - $change['to'] ),
				)
			);
		}
	}
	$order->add_order_note( __( 'Stock levels reduced:', 'woocommerce' ) . ' ' . implode( ', ', $order_notes ) );
}

function wc_increase_stock_levels( $order_id ) {
	if ( is_a( $order_id, 'WC_Order' ) ) {
		$order    = $order_id;
		$order_id = $order->get_id();
	} else {
		$order = wc_get_order( $order_id );
	}
	if ( ! $order || 'yes' !== get_option( 'woocommerce_manage_stock' ) || ! apply_filters( 'woocommerce_can_restore_order_stock', true, $order ) ) {
		return;
	}
	$changes = array();
	foreach ( $order->get_items() as $item ) {
		if ( ! $item->is_type( 'line_item' ) ) {
			continue;
		}
		$product            = $item->get_product();
		$item_stock_reduced = $item->get_meta( '_reduced_stock', true );
		if ( ! $item_stock_reduced || ! $product || ! $product->managing_stock() ) {
			continue;
		}
		$item_name = $product->get_formatted_name();
		$new_stock = wc_update_product_stock( $product, $item_stock_reduced, 'increase' );
		$old_stock = $new_stock - $item_stock_reduced;
		if ( is_wp_error( $new_stock ) ) {
			$order->add_order_note( sprintf( __( 'Unable to restore stock for item %s.', 'woocommerce' ), $item_name ) );
			continue;
		}
		$item->delete_meta_data( '_reduced_stock' );
		$item->save();
		$changes[] = $item_name . ' ' . $old_stock . '&rarr;' . $new_stock;
		do_action( 'woocommerce_restore_order_item_stock', $item, $new_stock, $old_stock, $order );
	}
	if ( $changes ) {
		$order->add_order_note( __( 'Stock levels increased:', 'woocommerce' ) . ' ' . implode( ', ', $changes ) );
	}
	do_action( 'woocommerce_restore_order_stock', $order );
}

function wc_get_low_stock_amount( $product ) {
	$low_stock_amount = $product ? $product->get_low_stock_amount() : '';
	if ( '' === $low_stock_amount ) {
		$low_stock_amount = get_option( 'woocommerce_notify_low_stock_amount', 2 );
	}
	return (int) $low_stock_amount;
}

function wc_get_held_stock_quantity( $product, $exclude_order_id = 0 ) {
	return 0;
}
