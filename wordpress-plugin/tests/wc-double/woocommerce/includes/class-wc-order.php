<?php
/**
 * Test double: WC_Order.
 *
 * Modelled on WooCommerce 7.9 includes/class-wc-order.php
 * (woocommerce/woocommerce plugins/woocommerce). Reproduced:
 * - payment_complete( $transaction_id = '' ): returns false without an ID;
 *   fires woocommerce_pre_payment_complete ( $order_id, $transaction_id );
 *   clears the session's order_awaiting_payment; if the order has a status in
 *   the woocommerce_valid_order_statuses_for_payment_complete filter (on-hold,
 *   pending, failed, cancelled) it sets the transaction ID (when given), the
 *   paid date (if unset), the status from woocommerce_payment_complete_order_status
 *   (processing, or completed when needs_processing() is false), saves, and
 *   fires woocommerce_payment_complete ( $order_id, $transaction_id ); otherwise
 *   fires woocommerce_payment_complete_order_status_{status}; exceptions are
 *   logged, noted on the order, and return false; returns true otherwise.
 *   The decision uses the status held by this object, so two objects loaded
 *   while the order was pending both "complete" it.
 * - set_status()/update_status() with status_transition() on save:
 *   woocommerce_order_status_{to}, the "Order status changed from X to Y."
 *   note, woocommerce_order_status_{from}_to_{to}, woocommerce_order_status_changed,
 *   woocommerce_order_payment_status_changed; maybe_set_date_paid/completed.
 * - add_order_note( $note, $is_customer_note = 0, $added_by_user = false )
 *   storing a comment of type order_note (author "WooCommerce" unless an
 *   editor added it), is_customer_note comment meta, returning the comment ID.
 * - URLs: get_checkout_payment_url( $on_checkout = false ),
 *   get_checkout_order_received_url(), get_cancel_order_url(_raw)(),
 *   get_view_order_url(), get_edit_order_url().
 * - needs_payment(), needs_processing() (transient, virtual+downloadable items
 *   do not need processing), is_paid(), key_is_valid() (hash_equals),
 *   get_total_refunded()/get_remaining_refund_amount()/get_refunds().
 * There is no get_user_agent(): WooCommerce's name is get_customer_user_agent().
 * Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Order extends WC_Abstract_Order {

	protected $status_transition = false;

	protected $extra_data = array(
		'customer_id'                  => 0,
		'order_key'                    => '',
		'billing'                      => array(
			'first_name' => '',
			'last_name'  => '',
			'company'    => '',
			'address_1'  => '',
			'address_2'  => '',
			'city'       => '',
			'state'      => '',
			'postcode'   => '',
			'country'    => '',
			'email'      => '',
			'phone'      => '',
		),
		'shipping'                     => array(
			'first_name' => '',
			'last_name'  => '',
			'company'    => '',
			'address_1'  => '',
			'address_2'  => '',
			'city'       => '',
			'state'      => '',
			'postcode'   => '',
			'country'    => '',
			'phone'      => '',
		),
		'payment_method'               => '',
		'payment_method_title'         => '',
		'transaction_id'               => '',
		'customer_ip_address'          => '',
		'customer_user_agent'          => '',
		'created_via'                  => '',
		'customer_note'                => '',
		'date_completed'               => null,
		'date_paid'                    => null,
		'cart_hash'                    => '',
		'order_stock_reduced'          => false,
		'download_permissions_granted' => false,
		'recorded_sales'               => false,
		'recorded_coupon_usage_counts' => false,
	);

	/**
	 * @deprecated 2.2.0
	 * @var mixed
	 */
	public $refunds;

	public function payment_complete( $transaction_id = '' ) {
		if ( ! $this->get_id() ) {
			return false;
		}
		try {
			do_action( 'woocommerce_pre_payment_complete', $this->get_id(), $transaction_id );
			if ( WC()->session ) {
				WC()->session->set( 'order_awaiting_payment', false );
			}
			if ( $this->has_status( apply_filters( 'woocommerce_valid_order_statuses_for_payment_complete', array( 'on-hold', 'pending', 'failed', 'cancelled' ), $this ) ) ) {
				if ( ! empty( $transaction_id ) ) {
					$this->set_transaction_id( $transaction_id );
				}
				if ( ! $this->get_date_paid( 'edit' ) ) {
					$this->set_date_paid( iotpay_test_now() );
				}
				$this->set_status( apply_filters( 'woocommerce_payment_complete_order_status', $this->needs_processing() ? 'processing' : 'completed', $this->get_id(), $this ) );
				$this->save();
				do_action( 'woocommerce_payment_complete', $this->get_id(), $transaction_id );
			} else {
				do_action( 'woocommerce_payment_complete_order_status_' . $this->get_status(), $this->get_id(), $transaction_id );
			}
		} catch ( Exception $e ) {
			wc_get_logger()->error(
				sprintf( 'Error completing payment for order #%d', $this->get_id() ),
				array(
					'order' => $this,
					'error' => $e,
				)
			);
			$this->add_order_note( __( 'Payment complete event failed.', 'woocommerce' ) . ' ' . $e->getMessage() );
			return false;
		}
		return true;
	}

	public function save() {
		$this->maybe_set_user_billing_email();
		parent::save();
		$this->status_transition();
		return $this->get_id();
	}

	protected function handle_exception( $e, $message = 'Error' ) {
		wc_get_logger()->error(
			$message,
			array(
				'order' => $this,
				'error' => $e,
			)
		);
		$this->add_order_note( $message . ' ' . $e->getMessage() );
	}

	public function set_status( $new_status, $note = '', $manual_update = false ) {
		$result = parent::set_status( $new_status );
		if ( true === $this->object_read && ! empty( $result['from'] ) && $result['from'] !== $result['to'] ) {
			$this->status_transition = array(
				'from'   => ! empty( $this->status_transition['from'] ) ? $this->status_transition['from'] : $result['from'],
				'to'     => $result['to'],
				'note'   => $note,
				'manual' => (bool) $manual_update,
			);
			if ( $manual_update ) {
				do_action( 'woocommerce_order_edit_status', $this->get_id(), $result['to'] );
			}
			$this->maybe_set_date_paid();
			$this->maybe_set_date_completed();
		}
		return $result;
	}

	public function maybe_set_date_paid() {
		if ( ! $this->get_date_paid( 'edit' ) ) {
			$payment_completed_status = apply_filters( 'woocommerce_payment_complete_order_status', $this->needs_processing() ? 'processing' : 'completed', $this->get_id(), $this );
			if ( $this->has_status( $payment_completed_status ) ) {
				$this->set_date_paid( iotpay_test_now() );
			} elseif ( 'processing' === $payment_completed_status && $this->has_status( 'completed' ) ) {
				$this->set_date_paid( iotpay_test_now() );
			}
		}
	}

	protected function maybe_set_date_completed() {
		if ( $this->has_status( 'completed' ) ) {
			$this->set_date_completed( iotpay_test_now() );
		}
	}

	public function update_status( $new_status, $note = '', $manual = false ) {
		if ( ! $this->get_id() ) {
			return false;
		}
		try {
			$this->set_status( $new_status, $note, $manual );
			$this->save();
		} catch ( Exception $e ) {
			wc_get_logger()->error(
				sprintf( 'Error updating status for order #%d', $this->get_id() ),
				array(
					'order' => $this,
					'error' => $e,
				)
			);
			$this->add_order_note( __( 'Update status event failed.', 'woocommerce' ) . ' ' . $e->getMessage() );
			return false;
		}
		return true;
	}

	protected function status_transition() {
		$status_transition       = $this->status_transition;
		$this->status_transition = false;
		if ( ! $status_transition ) {
			return;
		}
		try {
			do_action( 'woocommerce_order_status_' . $status_transition['to'], $this->get_id(), $this, $status_transition );
			if ( ! empty( $status_transition['from'] ) ) {
				$transition_note = sprintf( __( 'Order status changed from %1$s to %2$s.', 'woocommerce' ), wc_get_order_status_name( $status_transition['from'] ), wc_get_order_status_name( $status_transition['to'] ) );
				$this->add_status_transition_note( $transition_note, $status_transition );
				do_action( 'woocommerce_order_status_' . $status_transition['from'] . '_to_' . $status_transition['to'], $this->get_id(), $this );
				do_action( 'woocommerce_order_status_changed', $this->get_id(), $status_transition['from'], $status_transition['to'], $this );
				if ( in_array( $status_transition['from'], apply_filters( 'woocommerce_valid_order_statuses_for_payment', array( 'pending', 'failed' ), $this ), true ) && in_array( $status_transition['to'], wc_get_is_paid_statuses(), true ) ) {
					do_action( 'woocommerce_order_payment_status_changed', $this->get_id(), $this );
				}
			} else {
				$transition_note = sprintf( __( 'Order status set to %s.', 'woocommerce' ), wc_get_order_status_name( $status_transition['to'] ) );
				$this->add_status_transition_note( $transition_note, $status_transition );
			}
		} catch ( Exception $e ) {
			wc_get_logger()->error(
				sprintf( 'Status transition of order #%d errored!', $this->get_id() ),
				array(
					'order' => $this,
					'error' => $e,
				)
			);
			$this->add_order_note( __( 'Error during status transition.', 'woocommerce' ) . ' ' . $e->getMessage() );
		}
	}

	private function add_status_transition_note( $note, $transition ) {
		return $this->add_order_note( trim( $transition['note'] . ' ' . $note ), 0, $transition['manual'] );
	}

	/* -------------------------------------------------------------------------
	 * Getters
	 * ---------------------------------------------------------------------- */

	public function get_order_number() {
		return (string) apply_filters( 'woocommerce_order_number', $this->get_id(), $this );
	}

	public function get_order_key( $context = 'view' ) {
		return $this->get_prop( 'order_key', $context );
	}

	public function get_customer_id( $context = 'view' ) {
		return $this->get_prop( 'customer_id', $context );
	}

	public function get_user_id( $context = 'view' ) {
		return $this->get_customer_id( $context );
	}

	public function get_user() {
		return $this->get_user_id() ? get_user_by( 'id', $this->get_user_id() ) : false;
	}

	protected function get_address_prop( $prop, $address_type = 'billing', $context = 'view' ) {
		$value = null;
		if ( array_key_exists( $prop, $this->data[ $address_type ] ) ) {
			$value = $this->changes[ $address_type ][ $prop ] ?? $this->data[ $address_type ][ $prop ];
			if ( 'view' === $context ) {
				$value = apply_filters( $this->get_hook_prefix() . $address_type . '_' . $prop, $value, $this );
			}
		}
		return $value;
	}

	protected function set_address_prop( $prop, $address_type, $value ) {
		if ( array_key_exists( $prop, $this->data[ $address_type ] ) ) {
			if ( true === $this->object_read ) {
				if ( $value !== $this->data[ $address_type ][ $prop ] || ( isset( $this->changes[ $address_type ] ) && array_key_exists( $prop, $this->changes[ $address_type ] ) ) ) {
					$this->changes[ $address_type ][ $prop ] = $value;
				}
			} else {
				$this->data[ $address_type ][ $prop ] = $value;
			}
		}
	}

	public function get_address( $address_type = 'billing' ) {
		return apply_filters( 'woocommerce_get_order_address', array_merge( $this->data[ $address_type ], $this->changes[ $address_type ] ?? array() ), $address_type, $this );
	}

	public function get_billing_first_name( $context = 'view' ) {
		return $this->get_address_prop( 'first_name', 'billing', $context );
	}

	public function set_billing_first_name( $value ) {
		$this->set_address_prop( 'first_name', 'billing', $value );
	}

	public function get_billing_last_name( $context = 'view' ) {
		return $this->get_address_prop( 'last_name', 'billing', $context );
	}

	public function set_billing_last_name( $value ) {
		$this->set_address_prop( 'last_name', 'billing', $value );
	}

	public function get_billing_company( $context = 'view' ) {
		return $this->get_address_prop( 'company', 'billing', $context );
	}

	public function set_billing_company( $value ) {
		$this->set_address_prop( 'company', 'billing', $value );
	}

	public function get_billing_address_1( $context = 'view' ) {
		return $this->get_address_prop( 'address_1', 'billing', $context );
	}

	public function set_billing_address_1( $value ) {
		$this->set_address_prop( 'address_1', 'billing', $value );
	}

	public function get_billing_address_2( $context = 'view' ) {
		return $this->get_address_prop( 'address_2', 'billing', $context );
	}

	public function set_billing_address_2( $value ) {
		$this->set_address_prop( 'address_2', 'billing', $value );
	}

	public function get_billing_city( $context = 'view' ) {
		return $this->get_address_prop( 'city', 'billing', $context );
	}

	public function set_billing_city( $value ) {
		$this->set_address_prop( 'city', 'billing', $value );
	}

	public function get_billing_state( $context = 'view' ) {
		return $this->get_address_prop( 'state', 'billing', $context );
	}

	public function set_billing_state( $value ) {
		$this->set_address_prop( 'state', 'billing', $value );
	}

	public function get_billing_postcode( $context = 'view' ) {
		return $this->get_address_prop( 'postcode', 'billing', $context );
	}

	public function set_billing_postcode( $value ) {
		$this->set_address_prop( 'postcode', 'billing', $value );
	}

	public function get_billing_country( $context = 'view' ) {
		return $this->get_address_prop( 'country', 'billing', $context );
	}

	public function set_billing_country( $value ) {
		$this->set_address_prop( 'country', 'billing', $value );
	}

	public function get_billing_phone( $context = 'view' ) {
		return $this->get_address_prop( 'phone', 'billing', $context );
	}

	public function set_billing_phone( $value ) {
		$this->set_address_prop( 'phone', 'billing', $value );
	}

	public function get_shipping_first_name( $context = 'view' ) {
		return $this->get_address_prop( 'first_name', 'shipping', $context );
	}

	public function set_shipping_first_name( $value ) {
		$this->set_address_prop( 'first_name', 'shipping', $value );
	}

	public function get_shipping_last_name( $context = 'view' ) {
		return $this->get_address_prop( 'last_name', 'shipping', $context );
	}

	public function set_shipping_last_name( $value ) {
		$this->set_address_prop( 'last_name', 'shipping', $value );
	}

	public function get_shipping_company( $context = 'view' ) {
		return $this->get_address_prop( 'company', 'shipping', $context );
	}

	public function set_shipping_company( $value ) {
		$this->set_address_prop( 'company', 'shipping', $value );
	}

	public function get_shipping_address_1( $context = 'view' ) {
		return $this->get_address_prop( 'address_1', 'shipping', $context );
	}

	public function set_shipping_address_1( $value ) {
		$this->set_address_prop( 'address_1', 'shipping', $value );
	}

	public function get_shipping_address_2( $context = 'view' ) {
		return $this->get_address_prop( 'address_2', 'shipping', $context );
	}

	public function set_shipping_address_2( $value ) {
		$this->set_address_prop( 'address_2', 'shipping', $value );
	}

	public function get_shipping_city( $context = 'view' ) {
		return $this->get_address_prop( 'city', 'shipping', $context );
	}

	public function set_shipping_city( $value ) {
		$this->set_address_prop( 'city', 'shipping', $value );
	}

	public function get_shipping_state( $context = 'view' ) {
		return $this->get_address_prop( 'state', 'shipping', $context );
	}

	public function set_shipping_state( $value ) {
		$this->set_address_prop( 'state', 'shipping', $value );
	}

	public function get_shipping_postcode( $context = 'view' ) {
		return $this->get_address_prop( 'postcode', 'shipping', $context );
	}

	public function set_shipping_postcode( $value ) {
		$this->set_address_prop( 'postcode', 'shipping', $value );
	}

	public function get_shipping_country( $context = 'view' ) {
		return $this->get_address_prop( 'country', 'shipping', $context );
	}

	public function set_shipping_country( $value ) {
		$this->set_address_prop( 'country', 'shipping', $value );
	}

	public function get_shipping_phone( $context = 'view' ) {
		return $this->get_address_prop( 'phone', 'shipping', $context );
	}

	public function set_shipping_phone( $value ) {
		$this->set_address_prop( 'phone', 'shipping', $value );
	}

	public function get_billing_email( $context = 'view' ) {
		return $this->get_address_prop( 'email', 'billing', $context );
	}

	public function get_formatted_billing_full_name() {
		return sprintf( _x( '%1$s %2$s', 'full name', 'woocommerce' ), $this->get_address_prop( 'first_name' ), $this->get_address_prop( 'last_name' ) );
	}

	public function get_payment_method( $context = 'view' ) {
		return $this->get_prop( 'payment_method', $context );
	}

	public function get_payment_method_title( $context = 'view' ) {
		return $this->get_prop( 'payment_method_title', $context );
	}

	public function get_transaction_id( $context = 'view' ) {
		return $this->get_prop( 'transaction_id', $context );
	}

	public function get_customer_ip_address( $context = 'view' ) {
		return $this->get_prop( 'customer_ip_address', $context );
	}

	public function get_customer_user_agent( $context = 'view' ) {
		return $this->get_prop( 'customer_user_agent', $context );
	}

	public function get_created_via( $context = 'view' ) {
		return $this->get_prop( 'created_via', $context );
	}

	public function get_customer_note( $context = 'view' ) {
		return $this->get_prop( 'customer_note', $context );
	}

	public function get_date_completed( $context = 'view' ) {
		return $this->get_prop( 'date_completed', $context );
	}

	public function get_date_paid( $context = 'view' ) {
		return $this->get_prop( 'date_paid', $context );
	}

	public function get_cart_hash( $context = 'view' ) {
		return $this->get_prop( 'cart_hash', $context );
	}

	public function get_order_stock_reduced( $context = 'view' ) {
		return $this->get_prop( 'order_stock_reduced', $context );
	}

	public function get_download_permissions_granted( $context = 'view' ) {
		return $this->get_prop( 'download_permissions_granted', $context );
	}

	public function get_recorded_sales( $context = 'view' ) {
		return $this->get_prop( 'recorded_sales', $context );
	}

	public function get_recorded_coupon_usage_counts( $context = 'view' ) {
		return $this->get_prop( 'recorded_coupon_usage_counts', $context );
	}

	/* -------------------------------------------------------------------------
	 * Setters
	 * ---------------------------------------------------------------------- */

	public function set_order_key( $value ) {
		$this->set_prop( 'order_key', substr( (string) $value, 0, 22 ) );
	}

	public function set_customer_id( $value ) {
		$this->set_prop( 'customer_id', absint( $value ) );
	}

	public function set_billing_email( $value ) {
		if ( $value && ! is_email( $value ) ) {
			$this->error( 'order_invalid_billing_email', __( 'Invalid billing email address', 'woocommerce' ) );
		}
		$this->set_address_prop( 'email', 'billing', sanitize_email( (string) $value ) );
	}

	protected function maybe_set_user_billing_email() {
		$user = $this->get_user();
		if ( ! $this->get_billing_email() && $user ) {
			try {
				$this->set_billing_email( $user->user_email );
			} catch ( WC_Data_Exception $e ) {
				unset( $e );
			}
		}
	}

	public function set_payment_method( $payment_method = '' ) {
		if ( is_object( $payment_method ) ) {
			$this->set_payment_method( $payment_method->id );
			$this->set_payment_method_title( $payment_method->get_title() );
		} elseif ( '' === $payment_method ) {
			$this->set_prop( 'payment_method', '' );
			$this->set_prop( 'payment_method_title', '' );
		} else {
			$this->set_prop( 'payment_method', $payment_method );
		}
	}

	public function set_payment_method_title( $value ) {
		$this->set_prop( 'payment_method_title', $value );
	}

	public function set_transaction_id( $value ) {
		$this->set_prop( 'transaction_id', $value );
	}

	public function set_customer_ip_address( $value ) {
		$this->set_prop( 'customer_ip_address', $value );
	}

	public function set_customer_user_agent( $value ) {
		$this->set_prop( 'customer_user_agent', $value );
	}

	public function set_created_via( $value ) {
		$this->set_prop( 'created_via', $value );
	}

	public function set_customer_note( $value ) {
		$this->set_prop( 'customer_note', $value );
	}

	public function set_date_completed( $date = null ) {
		$this->set_date_prop( 'date_completed', $date );
	}

	public function set_date_paid( $date = null ) {
		$this->set_date_prop( 'date_paid', $date );
	}

	public function set_cart_hash( $value ) {
		$this->set_prop( 'cart_hash', $value );
	}

	public function set_order_stock_reduced( $value ) {
		$this->set_prop( 'order_stock_reduced', wc_string_to_bool( $value ) );
	}

	public function set_download_permissions_granted( $value ) {
		$this->set_prop( 'download_permissions_granted', wc_string_to_bool( $value ) );
	}

	public function set_recorded_sales( $value ) {
		$this->set_prop( 'recorded_sales', wc_string_to_bool( $value ) );
	}

	public function set_recorded_coupon_usage_counts( $value ) {
		$this->set_prop( 'recorded_coupon_usage_counts', wc_string_to_bool( $value ) );
	}

	/* -------------------------------------------------------------------------
	 * Conditionals
	 * ---------------------------------------------------------------------- */

	public function key_is_valid( $key ) {
		return hash_equals( (string) $this->get_order_key(), (string) $key );
	}

	public function has_cart_hash( $cart_hash = '' ) {
		return hash_equals( (string) $this->get_cart_hash(), (string) $cart_hash );
	}

	public function is_editable() {
		return apply_filters( 'wc_order_is_editable', in_array( $this->get_status(), array( 'pending', 'on-hold', 'auto-draft' ), true ), $this );
	}

	public function is_paid() {
		return apply_filters( 'woocommerce_order_is_paid', $this->has_status( wc_get_is_paid_statuses() ), $this );
	}

	public function is_download_permitted() {
		return apply_filters( 'woocommerce_order_is_download_permitted', $this->has_status( 'completed' ) || ( 'yes' === get_option( 'woocommerce_downloads_grant_access_after_payment' ) && $this->has_status( 'processing' ) ), $this );
	}

	public function needs_payment() {
		$valid = apply_filters( 'woocommerce_valid_order_statuses_for_payment', array( 'pending', 'failed' ), $this );
		return apply_filters( 'woocommerce_order_needs_payment', ( $this->has_status( $valid ) && $this->get_total() > 0 ), $this, $valid );
	}

	public function needs_processing() {
		$transient_name   = 'wc_order_' . $this->get_id() . '_needs_processing';
		$needs_processing = get_transient( $transient_name );
		if ( false === $needs_processing ) {
			$needs_processing = 0;
			foreach ( $this->get_items() as $item ) {
				if ( ! $item->is_type( 'line_item' ) ) {
					continue;
				}
				$product = $item->get_product();
				if ( ! $product ) {
					continue;
				}
				$virtual_downloadable_item = $product->is_downloadable() && $product->is_virtual();
				if ( apply_filters( 'woocommerce_order_item_needs_processing', ! $virtual_downloadable_item, $product, $this->get_id() ) ) {
					$needs_processing = 1;
					break;
				}
			}
			set_transient( $transient_name, $needs_processing, DAY_IN_SECONDS );
		}
		return 1 === absint( $needs_processing );
	}

	public function is_created_via( $modus ) {
		return apply_filters( 'woocommerce_order_is_created_via', $modus === $this->get_created_via(), $this, $modus );
	}

	public function needs_shipping_address() {
		return false;
	}

	public function has_downloadable_item() {
		return false;
	}

	/* -------------------------------------------------------------------------
	 * URLs
	 * ---------------------------------------------------------------------- */

	public function get_checkout_payment_url( $on_checkout = false ) {
		$pay_url = wc_get_endpoint_url( 'order-pay', $this->get_id(), wc_get_checkout_url() );
		if ( $on_checkout ) {
			$pay_url = add_query_arg( 'key', $this->get_order_key(), $pay_url );
		} else {
			$pay_url = add_query_arg(
				array(
					'pay_for_order' => 'true',
					'key'           => $this->get_order_key(),
				),
				$pay_url
			);
		}
		return apply_filters( 'woocommerce_get_checkout_payment_url', $pay_url, $this );
	}

	public function get_checkout_order_received_url() {
		$url = wc_get_endpoint_url( 'order-received', $this->get_id(), wc_get_checkout_url() );
		$url = add_query_arg( 'key', $this->get_order_key(), $url );
		return apply_filters( 'woocommerce_get_checkout_order_received_url', $url, $this );
	}

	public function get_cancel_endpoint() {
		$cancel_endpoint = wc_get_cart_url();
		if ( ! $cancel_endpoint ) {
			$cancel_endpoint = home_url();
		}
		if ( false === strpos( $cancel_endpoint, '?' ) ) {
			$cancel_endpoint = trailingslashit( $cancel_endpoint );
		}
		return $cancel_endpoint;
	}

	public function get_cancel_order_url( $redirect = '' ) {
		return apply_filters(
			'woocommerce_get_cancel_order_url',
			wp_nonce_url(
				add_query_arg(
					array(
						'cancel_order' => 'true',
						'order'        => $this->get_order_key(),
						'order_id'     => $this->get_id(),
						'redirect'     => $redirect,
					),
					$this->get_cancel_endpoint()
				),
				'woocommerce-cancel_order'
			),
			$this,
			$redirect
		);
	}

	public function get_cancel_order_url_raw( $redirect = '' ) {
		return apply_filters(
			'woocommerce_get_cancel_order_url_raw',
			add_query_arg(
				array(
					'cancel_order' => 'true',
					'order'        => $this->get_order_key(),
					'order_id'     => $this->get_id(),
					'redirect'     => $redirect,
					'_wpnonce'     => wp_create_nonce( 'woocommerce-cancel_order' ),
				),
				$this->get_cancel_endpoint()
			),
			$this,
			$redirect
		);
	}

	public function get_view_order_url() {
		return apply_filters( 'woocommerce_get_view_order_url', wc_get_endpoint_url( 'view-order', $this->get_id(), wc_get_page_permalink( 'myaccount' ) ), $this );
	}

	public function get_edit_order_url() {
		return apply_filters( 'woocommerce_get_edit_order_url', \Automattic\WooCommerce\Utilities\OrderUtil::get_order_admin_edit_url( $this->get_id() ), $this );
	}

	/* -------------------------------------------------------------------------
	 * Notes
	 * ---------------------------------------------------------------------- */

	public function add_order_note( $note, $is_customer_note = 0, $added_by_user = false ) {
		if ( ! $this->get_id() ) {
			return 0;
		}
		if ( is_user_logged_in() && current_user_can( 'edit_shop_orders', $this->get_id() ) && $added_by_user ) {
			$user                 = get_user_by( 'id', get_current_user_id() );
			$comment_author       = $user->display_name;
			$comment_author_email = $user->user_email;
		} else {
			$comment_author        = __( 'WooCommerce', 'woocommerce' );
			$comment_author_email  = strtolower( __( 'WooCommerce', 'woocommerce' ) ) . '@';
			$comment_author_email .= isset( $_SERVER['HTTP_HOST'] ) ? str_replace( 'www.', '', sanitize_text_field( wp_unslash( $_SERVER['HTTP_HOST'] ) ) ) : 'noreply.com';
			$comment_author_email  = sanitize_email( $comment_author_email );
		}
		$commentdata = apply_filters(
			'woocommerce_new_order_note_data',
			array(
				'comment_post_ID'      => $this->get_id(),
				'comment_author'       => $comment_author,
				'comment_author_email' => $comment_author_email,
				'comment_author_url'   => '',
				'comment_content'      => $note,
				'comment_agent'        => 'WooCommerce',
				'comment_type'         => 'order_note',
				'comment_parent'       => 0,
				'comment_approved'     => 1,
			),
			array(
				'order_id'         => $this->get_id(),
				'is_customer_note' => $is_customer_note,
			)
		);
		$comment_id = wp_insert_comment( $commentdata );
		WC_Double_Observations::forget_order_post( $this->get_id() );
		if ( $is_customer_note ) {
			add_comment_meta( $comment_id, 'is_customer_note', 1 );
			do_action(
				'woocommerce_new_customer_note',
				array(
					'order_id'      => $this->get_id(),
					'customer_note' => $commentdata['comment_content'],
				)
			);
		}
		do_action( 'woocommerce_order_note_added', $comment_id, $this );
		return $comment_id;
	}

	public function get_customer_order_notes() {
		$notes = array();
		remove_filter( 'comments_clauses', array( 'WC_Comments', 'exclude_order_comments' ), 10 );
		$comments = get_comments(
			array(
				'post_id' => $this->get_id(),
				'status'  => 'approve',
				'type'    => '',
			)
		);
		add_filter( 'comments_clauses', array( 'WC_Comments', 'exclude_order_comments' ), 10, 1 );
		foreach ( $comments as $comment ) {
			if ( get_comment_meta( $comment->comment_ID, 'is_customer_note', true ) ) {
				$notes[] = $comment;
			}
		}
		return $notes;
	}

	/* -------------------------------------------------------------------------
	 * Refunds
	 * ---------------------------------------------------------------------- */

	public function get_refunds() {
		$this->refunds = wc_get_orders(
			array(
				'type'   => 'shop_order_refund',
				'parent' => $this->get_id(),
				'limit'  => -1,
			)
		);
		return $this->refunds;
	}

	public function get_total_refunded() {
		return $this->data_store->get_total_refunded( $this );
	}

	public function get_total_tax_refunded() {
		return 0;
	}

	public function get_total_shipping_refunded() {
		return 0;
	}

	public function get_item_count_refunded( $item_type = '' ) {
		$count = 0;
		foreach ( $this->get_refunds() as $refund ) {
			foreach ( $refund->get_items( $item_type ?: 'line_item' ) as $item ) {
				$count += abs( (int) $item->get_quantity() );
			}
		}
		return apply_filters( 'woocommerce_get_item_count_refunded', $count, $item_type, $this );
	}

	public function get_qty_refunded_for_item( $item_id, $item_type = 'line_item' ) {
		$qty = 0;
		foreach ( $this->get_refunds() as $refund ) {
			foreach ( $refund->get_items( $item_type ) as $item ) {
				if ( absint( $item->get_meta( '_refunded_item_id' ) ) === (int) $item_id ) {
					$qty += $item->get_quantity();
				}
			}
		}
		return $qty;
	}

	public function get_remaining_refund_amount() {
		return wc_format_decimal( (float) $this->get_total() - (float) $this->get_total_refunded(), wc_get_price_decimals() );
	}

	public function get_remaining_refund_items() {
		return absint( $this->get_item_count() - $this->get_item_count_refunded() );
	}
}
