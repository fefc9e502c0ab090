<?php
/**
 * Test double: My Account → Payment methods.
 *
 * Modelled on WooCommerce 7.9 (plugins/woocommerce):
 * - includes/wc-account-functions.php — wc_get_account_endpoint_url(),
 *   wc_get_account_payment_methods_columns() (method, expires, actions; filter
 *   woocommerce_account_payment_methods_columns),
 *   wc_get_account_payment_methods_types() (cc, echeck),
 *   wc_get_account_saved_payment_methods_list() on
 *   woocommerce_saved_payment_methods_list (per token: delete URL with the
 *   nonce delete-payment-method-{id}, "Make default" for a token that is not
 *   the default, filter woocommerce_payment_methods_list_item),
 *   wc_get_account_saved_payment_methods_list_item_cc() (last4, brand =
 *   ucfirst( card_type ), expires MM/YY) and _item_echeck().
 * - includes/wc-core-functions.php — wc_get_customer_saved_methods_list(),
 *   wc_get_credit_card_type_label() (lower-cased, '-'/'_' as spaces, the
 *   woocommerce_credit_card_type_labels list, else ucfirst).
 * - includes/class-wc-form-handler.php — add_payment_method_action() on
 *   wp_loaded (20): POST woocommerce_add_payment_method + payment_method, nonce
 *   woocommerce-add-payment-method (woocommerce-add-payment-method-nonce or
 *   _wpnonce), woocommerce_add_payment_method_form_is_valid, the per-user rate
 *   limit (filter woocommerce_payment_gateway_add_payment_method_delay, 20 s),
 *   the gateway must be available and support add_payment_method or
 *   tokenization, validate_fields(), add_payment_method(), "Payment method
 *   successfully added." / "Unable to add payment method to your account."
 *   notices, wp_redirect( $result['redirect'] ) + exit; delete_payment_method_action()
 *   and set_default_payment_method_action() on wp (20): the token must belong
 *   to the current user and the nonce delete-payment-method-{id} /
 *   set-default-payment-method-{id} verify, then WC_Payment_Tokens::delete() /
 *   set_users_default(), a notice, wp_safe_redirect() to the payment-methods
 *   endpoint + exit.
 * - includes/class-wc-rate-limiter.php — retried_too_soon() / set_rate_limit().
 * - templates/myaccount/payment-methods.php and form-add-payment-method.php —
 *   the table (woocommerce-MyAccount-paymentMethods, one tr.payment-method per
 *   method, "%1$s ending in %2$s", action links a.button.{key}), "No saved
 *   methods found.", the "Add payment method" link; the form#add_payment_method
 *   with one radio payment_method per available gateway and its
 *   payment_fields(), the nonce field and the hidden woocommerce_add_payment_method.
 * Differences: WC_Rate_Limiter keeps its times in a transient (7.9: its own
 * wc_rate_limits table); the pages are rendered by the double's own markup
 * (wc_double_render_account_page()) without the account navigation; a
 * logged-out visitor gets a short "log in" paragraph instead of the login form.
 * Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

function wc_get_account_endpoint_url( $endpoint ) {
	if ( 'dashboard' === $endpoint ) {
		return wc_get_page_permalink( 'myaccount' );
	}
	return wc_get_endpoint_url( $endpoint, '', wc_get_page_permalink( 'myaccount' ) );
}

function wc_get_account_payment_methods_columns() {
	return apply_filters(
		'woocommerce_account_payment_methods_columns',
		array(
			'method'  => __( 'Method', 'woocommerce' ),
			'expires' => __( 'Expires', 'woocommerce' ),
			'actions' => '&nbsp;',
		)
	);
}

function wc_get_account_payment_methods_types() {
	return apply_filters(
		'woocommerce_payment_methods_types',
		array(
			'cc'     => __( 'Credit card', 'woocommerce' ),
			'echeck' => __( 'eCheck', 'woocommerce' ),
		)
	);
}

function wc_get_customer_saved_methods_list( $customer_id ) {
	return apply_filters( 'woocommerce_saved_payment_methods_list', array(), $customer_id );
}

function wc_get_account_saved_payment_methods_list( $list, $customer_id ) {
	$payment_tokens = WC_Payment_Tokens::get_customer_tokens( $customer_id );
	foreach ( $payment_tokens as $payment_token ) {
		$delete_url      = wp_nonce_url( wc_get_endpoint_url( 'delete-payment-method', $payment_token->get_id() ), 'delete-payment-method-' . $payment_token->get_id() );
		$set_default_url = wp_nonce_url( wc_get_endpoint_url( 'set-default-payment-method', $payment_token->get_id() ), 'set-default-payment-method-' . $payment_token->get_id() );
		$type            = strtolower( $payment_token->get_type() );
		$list[ $type ][] = array(
			'method'     => array(
				'gateway' => $payment_token->get_gateway_id(),
			),
			'expires'    => esc_html__( 'N/A', 'woocommerce' ),
			'is_default' => $payment_token->is_default(),
			'actions'    => array(
				'delete' => array(
					'url'  => $delete_url,
					'name' => esc_html__( 'Delete', 'woocommerce' ),
				),
			),
		);
		$key = key( array_slice( $list[ $type ], -1, 1, true ) );
		if ( ! $payment_token->is_default() ) {
			$list[ $type ][ $key ]['actions']['default'] = array(
				'url'  => $set_default_url,
				'name' => esc_html__( 'Make default', 'woocommerce' ),
			);
		}
		$list[ $type ][ $key ] = apply_filters( 'woocommerce_payment_methods_list_item', $list[ $type ][ $key ], $payment_token );
	}
	return $list;
}

function wc_get_account_saved_payment_methods_list_item_cc( $item, $payment_token ) {
	if ( 'cc' !== strtolower( $payment_token->get_type() ) ) {
		return $item;
	}
	$card_type               = $payment_token->get_card_type();
	$item['method']['last4'] = $payment_token->get_last4();
	$item['method']['brand'] = ( ! empty( $card_type ) ? ucfirst( $card_type ) : esc_html__( 'Credit card', 'woocommerce' ) );
	$item['expires']         = $payment_token->get_expiry_month() . '/' . substr( (string) $payment_token->get_expiry_year(), -2 );
	return $item;
}

function wc_get_account_saved_payment_methods_list_item_echeck( $item, $payment_token ) {
	if ( 'echeck' !== strtolower( $payment_token->get_type() ) ) {
		return $item;
	}
	$item['method']['last4'] = is_callable( array( $payment_token, 'get_last4' ) ) ? $payment_token->get_last4() : '';
	$item['method']['brand'] = esc_html__( 'eCheck', 'woocommerce' );
	return $item;
}

function wc_get_credit_card_type_label( $type ) {
	$type   = strtolower( (string) $type );
	$type   = str_replace( array( '-', '_' ), ' ', $type );
	$labels = apply_filters(
		'woocommerce_credit_card_type_labels',
		array(
			'mastercard'       => __( 'MasterCard', 'woocommerce' ),
			'visa'             => __( 'Visa', 'woocommerce' ),
			'discover'         => __( 'Discover', 'woocommerce' ),
			'american express' => __( 'American Express', 'woocommerce' ),
			'diners'           => __( 'Diners', 'woocommerce' ),
			'jcb'              => __( 'JCB', 'woocommerce' ),
		)
	);
	return apply_filters( 'woocommerce_get_credit_card_type_label', ( array_key_exists( $type, $labels ) ? $labels[ $type ] : ucfirst( $type ) ) );
}

class WC_Rate_Limiter {

	private static function key( $action_id ): string {
		return 'wc_double_rate_limit_' . md5( (string) $action_id );
	}

	public static function retried_too_soon( $action_id ) {
		$next = get_transient( self::key( $action_id ) );
		return false !== $next && (int) $next > iotpay_test_now();
	}

	public static function set_rate_limit( $action_id, $delay ) {
		$delay = (int) $delay;
		if ( $delay <= 0 ) {
			delete_transient( self::key( $action_id ) );
			return true;
		}
		return set_transient( self::key( $action_id ), iotpay_test_now() + $delay, $delay );
	}
}

class WC_Form_Handler {

	public static function add_payment_method_action() {
		if ( isset( $_POST['woocommerce_add_payment_method'], $_POST['payment_method'] ) ) {
			wc_nocache_headers();
			$nonce_value = wc_get_var( $_REQUEST['woocommerce-add-payment-method-nonce'], wc_get_var( $_REQUEST['_wpnonce'], '' ) ); // phpcs:ignore
			if ( ! wp_verify_nonce( $nonce_value, 'woocommerce-add-payment-method' ) ) {
				return;
			}
			if ( ! apply_filters( 'woocommerce_add_payment_method_form_is_valid', true ) ) {
				return;
			}
			$rate_limit_id = 'add_payment_method_' . get_current_user_id();
			$delay         = (int) apply_filters( 'woocommerce_payment_gateway_add_payment_method_delay', 20 );
			if ( WC_Rate_Limiter::retried_too_soon( $rate_limit_id ) ) {
				wc_add_notice(
					sprintf(
						/* translators: %d number of seconds */
						_n( 'You cannot add a new payment method so soon after the previous one. Please wait for %d second.', 'You cannot add a new payment method so soon after the previous one. Please wait for %d seconds.', $delay, 'woocommerce' ),
						$delay
					),
					'error'
				);
				return;
			}
			WC_Rate_Limiter::set_rate_limit( $rate_limit_id, $delay );
			ob_start();
			$payment_method_id  = wc_clean( wp_unslash( $_POST['payment_method'] ) ); // phpcs:ignore
			$available_gateways = WC()->payment_gateways->get_available_payment_gateways();
			if ( isset( $available_gateways[ $payment_method_id ] ) ) {
				$gateway = $available_gateways[ $payment_method_id ];
				if ( ! $gateway->supports( 'add_payment_method' ) && ! $gateway->supports( 'tokenization' ) ) {
					wc_add_notice( __( 'Invalid payment gateway.', 'woocommerce' ), 'error' );
					return;
				}
				$gateway->validate_fields();
				if ( wc_notice_count( 'error' ) > 0 ) {
					return;
				}
				$result = $gateway->add_payment_method();
				if ( 'success' === $result['result'] ) {
					wc_add_notice( __( 'Payment method successfully added.', 'woocommerce' ) );
				}
				if ( 'failure' === $result['result'] ) {
					wc_add_notice( __( 'Unable to add payment method to your account.', 'woocommerce' ), 'error' );
				}
				if ( ! empty( $result['redirect'] ) ) {
					wp_redirect( $result['redirect'] ); // phpcs:ignore
					exit();
				}
			}
		}
	}

	public static function delete_payment_method_action() {
		global $wp;
		if ( isset( $wp->query_vars['delete-payment-method'] ) ) {
			wc_nocache_headers();
			$token_id = absint( $wp->query_vars['delete-payment-method'] );
			$token    = WC_Payment_Tokens::get( $token_id );
			if ( is_null( $token ) || get_current_user_id() !== $token->get_user_id() || ! isset( $_REQUEST['_wpnonce'] ) || false === wp_verify_nonce( wp_unslash( $_REQUEST['_wpnonce'] ), 'delete-payment-method-' . $token_id ) ) { // phpcs:ignore
				wc_add_notice( __( 'Invalid payment method.', 'woocommerce' ), 'error' );
			} else {
				WC_Payment_Tokens::delete( $token_id );
				wc_add_notice( __( 'Payment method deleted.', 'woocommerce' ) );
			}
			wp_safe_redirect( wc_get_account_endpoint_url( 'payment-methods' ) );
			exit();
		}
	}

	public static function set_default_payment_method_action() {
		global $wp;
		if ( isset( $wp->query_vars['set-default-payment-method'] ) ) {
			wc_nocache_headers();
			$token_id = absint( $wp->query_vars['set-default-payment-method'] );
			$token    = WC_Payment_Tokens::get( $token_id );
			if ( is_null( $token ) || get_current_user_id() !== $token->get_user_id() || ! isset( $_REQUEST['_wpnonce'] ) || false === wp_verify_nonce( wp_unslash( $_REQUEST['_wpnonce'] ), 'set-default-payment-method-' . $token_id ) ) { // phpcs:ignore
				wc_add_notice( __( 'Invalid payment method.', 'woocommerce' ), 'error' );
			} else {
				WC_Payment_Tokens::set_users_default( $token->get_user_id(), intval( $token_id ) );
				wc_add_notice( __( 'This payment method was successfully set as your default.', 'woocommerce' ) );
			}
			wp_safe_redirect( wc_get_account_endpoint_url( 'payment-methods' ) );
			exit();
		}
	}
}

/**
 * The body of a My Account page for one endpoint (payment-methods,
 * add-payment-method), as WooCommerce's templates print it.
 */
function wc_double_render_account_page( string $endpoint ): void {
	if ( ! is_user_logged_in() ) {
		echo '<p class="woocommerce-form-login">' . esc_html__( 'Log in', 'woocommerce' ) . '</p>';
		return;
	}
	if ( 'add-payment-method' === $endpoint ) {
		wc_double_render_add_payment_method_form();
		return;
	}
	$saved_methods = wc_get_customer_saved_methods_list( get_current_user_id() );
	$has_methods   = (bool) $saved_methods;
	do_action( 'woocommerce_before_account_payment_methods', $has_methods );
	if ( $has_methods ) {
		$columns = wc_get_account_payment_methods_columns();
		echo '<table class="woocommerce-MyAccount-paymentMethods shop_table shop_table_responsive account-payment-methods-table"><thead><tr>';
		foreach ( $columns as $column_id => $column_name ) {
			echo '<th class="woocommerce-PaymentMethod woocommerce-PaymentMethod--' . esc_attr( $column_id ) . ' payment-method-' . esc_attr( $column_id ) . '"><span class="nobr">' . esc_html( $column_name ) . '</span></th>';
		}
		echo '</tr></thead>';
		foreach ( $saved_methods as $methods ) {
			foreach ( $methods as $method ) {
				echo '<tr class="payment-method' . ( ! empty( $method['is_default'] ) ? ' default-payment-method' : '' ) . '">';
				foreach ( $columns as $column_id => $column_name ) {
					echo '<td class="woocommerce-PaymentMethod woocommerce-PaymentMethod--' . esc_attr( $column_id ) . ' payment-method-' . esc_attr( $column_id ) . '" data-title="' . esc_attr( $column_name ) . '">';
					if ( has_action( 'woocommerce_account_payment_methods_column_' . $column_id ) ) {
						do_action( 'woocommerce_account_payment_methods_column_' . $column_id, $method );
					} elseif ( 'method' === $column_id ) {
						if ( ! empty( $method['method']['last4'] ) ) {
							/* translators: 1: credit card type 2: last 4 digits */
							echo sprintf( esc_html__( '%1$s ending in %2$s', 'woocommerce' ), esc_html( wc_get_credit_card_type_label( $method['method']['brand'] ) ), esc_html( $method['method']['last4'] ) );
						} else {
							echo esc_html( wc_get_credit_card_type_label( $method['method']['brand'] ?? '' ) );
						}
					} elseif ( 'expires' === $column_id ) {
						echo esc_html( $method['expires'] );
					} elseif ( 'actions' === $column_id ) {
						foreach ( $method['actions'] as $key => $action ) {
							echo '<a href="' . esc_url( $action['url'] ) . '" class="button ' . sanitize_html_class( $key ) . '">' . esc_html( $action['name'] ) . '</a>&nbsp;';
						}
					}
					echo '</td>';
				}
				echo '</tr>';
			}
		}
		echo '</table>';
	} else {
		echo '<p class="woocommerce-Message woocommerce-Message--info woocommerce-info">' . esc_html__( 'No saved methods found.', 'woocommerce' ) . '</p>';
	}
	do_action( 'woocommerce_after_account_payment_methods', $has_methods );
	if ( WC()->payment_gateways->get_available_payment_gateways() ) {
		echo '<a class="button" href="' . esc_url( wc_get_endpoint_url( 'add-payment-method' ) ) . '">' . esc_html__( 'Add payment method', 'woocommerce' ) . '</a>';
	}
}

function wc_double_render_add_payment_method_form(): void {
	$available_gateways = WC()->payment_gateways->get_available_payment_gateways();
	if ( ! $available_gateways ) {
		echo '<p class="woocommerce-notice woocommerce-notice--info woocommerce-info">' . esc_html__( 'New payment methods can only be added during checkout. Please contact us if you require assistance.', 'woocommerce' ) . '</p>';
		return;
	}
	echo '<form id="add_payment_method" method="post"><div id="payment" class="woocommerce-Payment"><ul class="woocommerce-PaymentMethods payment_methods methods">';
	current( $available_gateways )->set_current();
	foreach ( $available_gateways as $gateway ) {
		echo '<li class="woocommerce-PaymentMethod woocommerce-PaymentMethod--' . esc_attr( $gateway->id ) . ' payment_method_' . esc_attr( $gateway->id ) . '">';
		echo '<input id="payment_method_' . esc_attr( $gateway->id ) . '" type="radio" class="input-radio" name="payment_method" value="' . esc_attr( $gateway->id ) . '" ' . checked( $gateway->chosen, true, false ) . ' />';
		echo '<label for="payment_method_' . esc_attr( $gateway->id ) . '">' . wp_kses_post( (string) $gateway->get_title() ) . ' ' . wp_kses_post( $gateway->get_icon() ) . '</label>';
		if ( $gateway->has_fields() || $gateway->get_description() ) {
			echo '<div class="woocommerce-PaymentBox woocommerce-PaymentBox--' . esc_attr( $gateway->id ) . ' payment_box payment_method_' . esc_attr( $gateway->id ) . '">';
			$gateway->payment_fields();
			echo '</div>';
		}
		echo '</li>';
	}
	echo '</ul>';
	do_action( 'woocommerce_add_payment_method_form_bottom' );
	echo '<div class="form-row">';
	wp_nonce_field( 'woocommerce-add-payment-method', 'woocommerce-add-payment-method-nonce' );
	echo '<button type="submit" class="woocommerce-Button woocommerce-Button--alt button alt" id="place_order" value="' . esc_attr__( 'Add payment method', 'woocommerce' ) . '">' . esc_html__( 'Add payment method', 'woocommerce' ) . '</button>';
	echo '<input type="hidden" name="woocommerce_add_payment_method" id="woocommerce_add_payment_method" value="1" /></div></div></form>';
}
