<?php
/**
 * Test double: WC_Subscription (woocommerce-subscriptions-core 7.x
 * includes/class-wc-subscription.php). A subscription is an order of type
 * `shop_subscription` (stored like orders, HPOS or posts, and cached like
 * them: wc_get_order() returns it), with its own statuses, a parent order,
 * renewal orders (which carry `_subscription_renewal` = the subscription's
 * id), dates kept as `_schedule_{type}` meta, a payment method with
 * gateway-defined meta, and "requires manual renewal". Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Subscription extends WC_Order {

	public function get_type() {
		return 'shop_subscription';
	}

	protected function get_valid_statuses() {
		return array_keys( wcs_get_subscription_statuses() );
	}

	/** A subscription is never paid through checkout itself: its orders are. */
	public function needs_payment() {
		return false;
	}

	public function is_manual() {
		return $this->get_requires_manual_renewal() || '' === (string) $this->get_payment_method();
	}

	public function get_requires_manual_renewal() {
		return 'true' === (string) $this->get_meta( '_requires_manual_renewal' );
	}

	public function set_requires_manual_renewal( $value ) {
		$this->update_meta_data( '_requires_manual_renewal', wc_string_to_bool( $value ) ? 'true' : 'false' );
	}

	/**
	 * WC_Subscription::set_payment_method( $payment_method = '', $payment_meta = array() ):
	 * a gateway object or id; the meta (as the woocommerce_subscription_payment_meta
	 * filter shapes it) written where it says (post_meta/postmeta on the
	 * subscription, user_meta, options). No method: manual renewal.
	 *
	 * @param WC_Payment_Gateway|string $payment_method
	 * @param array<string, array<string, array{value: mixed}>> $payment_meta
	 */
	public function set_payment_method( $payment_method = '', $payment_meta = array() ) {
		$id = $payment_method instanceof WC_Payment_Gateway ? $payment_method->id : (string) $payment_method;
		if ( ! empty( $payment_meta ) ) {
			$this->set_payment_method_meta( $id, $payment_meta );
		}
		parent::set_payment_method( $id );
		if ( '' === $id ) {
			$this->set_requires_manual_renewal( true );
			$this->set_payment_method_title( '' );
		} else {
			$gateways = WC()->payment_gateways() ? WC()->payment_gateways()->payment_gateways() : array();
			if ( isset( $gateways[ $id ] ) ) {
				$this->set_payment_method_title( $gateways[ $id ]->get_title() );
			}
		}
	}

	/** @param array<string, array<string, array{value: mixed}>> $payment_meta */
	public function set_payment_method_meta( $payment_method, $payment_meta ) {
		foreach ( (array) $payment_meta as $table => $meta ) {
			foreach ( (array) $meta as $key => $data ) {
				$value = is_array( $data ) ? ( $data['value'] ?? '' ) : $data;
				switch ( $table ) {
					case 'user_meta':
					case 'usermeta':
						update_user_meta( $this->get_customer_id(), $key, $value );
						break;
					case 'options':
						update_option( $key, $value );
						break;
					default:
						$this->update_meta_data( $key, $value );
				}
			}
		}
	}

	/**
	 * "Visa ending in 4242" or the gateway's title; "Manual Renewal" when
	 * manual; filtered by woocommerce_subscription_payment_method_to_display.
	 */
	public function get_payment_method_to_display( $context = 'admin' ) {
		$display = $this->is_manual() ? __( 'Manual Renewal', 'woocommerce-subscriptions' ) : $this->get_payment_method_title();
		return apply_filters( 'woocommerce_subscription_payment_method_to_display', $display, $this, $context );
	}

	/* Dates ---------------------------------------------------------------- */

	/** @param array<string, string> $dates type (start, trial_end, next_payment, last_payment, end) => 'Y-m-d H:i:s' GMT. */
	public function update_dates( $dates, $timezone = 'gmt' ) {
		foreach ( $dates as $type => $date ) {
			$type = str_replace( '_date', '', (string) $type );
			$this->update_meta_data( '_schedule_' . $type, (string) $date );
		}
		$this->save();
		do_action( 'woocommerce_subscription_date_updated', $this, 'dates', $dates );
	}

	public function get_date( $date_type, $timezone = 'gmt' ) {
		$date_type = str_replace( '_date', '', (string) $date_type );
		return (string) $this->get_meta( '_schedule_' . $date_type );
	}

	public function get_time( $date_type, $timezone = 'gmt' ) {
		$date = $this->get_date( $date_type );
		return '' === $date ? 0 : (int) strtotime( $date . ' UTC' );
	}

	public function get_billing_period() {
		return (string) ( $this->get_meta( '_billing_period' ) ?: 'month' );
	}

	public function get_billing_interval() {
		return (int) ( $this->get_meta( '_billing_interval' ) ?: 1 );
	}

	/** The next payment one billing period after `$from` (the double's calendar: strtotime). */
	public function calculate_date( $date_type ) {
		$from = max( iotpay_test_now(), $this->get_time( 'next_payment' ) );
		return gmdate( 'Y-m-d H:i:s', (int) strtotime( '+' . $this->get_billing_interval() . ' ' . $this->get_billing_period(), $from ) );
	}

	/* Related orders ------------------------------------------------------- */

	/**
	 * @param string          $return_fields 'ids' or 'all'.
	 * @param string|string[] $order_types   parent, renewal, switch, resubscribe, any.
	 * @return array<int, int|WC_Order> newest first, keyed by id
	 */
	public function get_related_orders( $return_fields = 'ids', $order_types = array( 'parent', 'renewal', 'switch' ) ) {
		$order_types = (array) $order_types;
		$any         = in_array( 'any', $order_types, true );
		$ids         = array();
		if ( ( $any || in_array( 'parent', $order_types, true ) ) && $this->get_parent_id() ) {
			$ids[] = $this->get_parent_id();
		}
		if ( $any || in_array( 'renewal', $order_types, true ) ) {
			$ids = array_merge(
				$ids,
				wc_get_orders(
					array(
						'type'       => 'shop_order',
						'limit'      => -1,
						'return'     => 'ids',
						'meta_key'   => '_subscription_renewal', // phpcs:ignore WordPress.DB.SlowDBQuery
						'meta_value' => (string) $this->get_id(), // phpcs:ignore WordPress.DB.SlowDBQuery
						'status'     => array_keys( wc_get_order_statuses() ),
					)
				)
			);
		}
		$ids = array_values( array_unique( array_map( 'intval', $ids ) ) );
		rsort( $ids );
		$out = array();
		foreach ( $ids as $id ) {
			$out[ $id ] = 'ids' === $return_fields ? $id : wc_get_order( $id );
		}
		return $out;
	}

	/**
	 * @param string $return_fields 'ids' or 'all'.
	 * @param string|string[] $order_types
	 * @return int|WC_Order|false
	 */
	public function get_last_order( $return_fields = 'ids', $order_types = array( 'parent', 'renewal' ) ) {
		$related = $this->get_related_orders( 'ids', $order_types );
		if ( ! $related ) {
			return false;
		}
		$id = (int) reset( $related );
		return 'ids' === $return_fields ? $id : wc_get_order( $id );
	}

	public function get_payment_count( $payment_type = 'completed' ) {
		$n = 0;
		foreach ( $this->get_related_orders( 'all', array( 'parent', 'renewal' ) ) as $order ) {
			if ( $order instanceof WC_Order && ( 'completed' === $payment_type ? $order->is_paid() : $order->has_status( 'failed' ) ) ) {
				++$n;
			}
		}
		return $n;
	}

	/* Payments ------------------------------------------------------------- */

	/**
	 * WC_Subscription::payment_complete(): the last order, if a renewal
	 * still unpaid, is completed; "Payment received."; active again; the next
	 * payment moved one period on; woocommerce_subscription_payment_complete
	 * (and _renewal_payment_complete when the paid order is a renewal).
	 */
	public function payment_complete( $transaction_id = '' ) {
		$last = $this->get_last_order( 'all', array( 'parent', 'renewal' ) );
		if ( $last instanceof WC_Order && $last->needs_payment() && wcs_order_contains_renewal( $last ) ) {
			$last->payment_complete( $transaction_id );
		}
		$this->add_order_note( __( 'Payment received.', 'woocommerce-subscriptions' ) );
		$this->update_meta_data( '_schedule_next_payment', $this->calculate_date( 'next_payment' ) );
		$this->update_meta_data( '_schedule_last_payment', gmdate( 'Y-m-d H:i:s', iotpay_test_now() ) );
		if ( ! $this->has_status( 'active' ) ) {
			$this->update_status( 'active' );
		} else {
			$this->save();
		}
		do_action( 'woocommerce_subscription_payment_complete', $this );
		if ( $last instanceof WC_Order && wcs_order_contains_renewal( $last ) ) {
			do_action( 'woocommerce_subscription_renewal_payment_complete', $this, $last );
		}
		return true;
	}

	/**
	 * WC_Subscription::payment_failed( $new_status = 'on-hold' ): "Payment
	 * failed.", the last renewal order failed (if not already), the
	 * subscription on-hold; woocommerce_subscription_payment_failed and
	 * woocommerce_subscription_renewal_payment_failed.
	 */
	public function payment_failed( $new_status = 'on-hold' ) {
		$last = $this->get_last_order( 'all', array( 'renewal' ) );
		if ( $last instanceof WC_Order && ! $last->has_status( 'failed' ) ) {
			$last->update_status( 'failed' );
		}
		$this->update_meta_data( '_failed_payment_count', (string) ( (int) $this->get_meta( '_failed_payment_count' ) + 1 ) );
		$this->add_order_note( __( 'Payment failed.', 'woocommerce-subscriptions' ) );
		if ( ! $this->has_status( $new_status ) ) {
			$this->update_status( $new_status );
		} else {
			$this->save();
		}
		do_action( 'woocommerce_subscription_payment_failed', $this, $new_status );
		if ( $last instanceof WC_Order ) {
			do_action( 'woocommerce_subscription_renewal_payment_failed', $this, $last );
		}
	}

	/**
	 * A subscription's status change fires the subscription's hooks, not an
	 * order's: woocommerce_subscription_status_{to}, _{from}_to_{to},
	 * woocommerce_subscription_status_updated ( $subscription, $to, $from ),
	 * woocommerce_subscription_status_changed ( $id, $from, $to, $subscription ),
	 * with the note "Status changed from X to Y.".
	 */
	protected function status_transition() {
		$t                       = $this->status_transition;
		$this->status_transition = false;
		if ( ! $t ) {
			return;
		}
		$statuses = wcs_get_subscription_statuses();
		do_action( 'woocommerce_subscription_status_' . $t['to'], $this );
		if ( ! empty( $t['from'] ) ) {
			do_action( 'woocommerce_subscription_status_' . $t['from'] . '_to_' . $t['to'], $this );
			$this->add_order_note( trim( $t['note'] . ' ' . sprintf( __( 'Status changed from %1$s to %2$s.', 'woocommerce-subscriptions' ), $statuses[ 'wc-' . $t['from'] ] ?? $t['from'], $statuses[ 'wc-' . $t['to'] ] ?? $t['to'] ) ), 0, $t['manual'] );
		}
		do_action( 'woocommerce_subscription_status_updated', $this, $t['to'], $t['from'] );
		do_action( 'woocommerce_subscription_status_changed', $this->get_id(), $t['from'], $t['to'], $this );
	}

	public function get_view_order_url() {
		return wc_get_endpoint_url( 'view-subscription', (string) $this->get_id(), wc_get_page_permalink( 'myaccount' ) );
	}
}
