<?php
/**
 * Test double: My Account → Payment methods (functions and templates).
 *
 * Modelled on WooCommerce 7.9 (plugins/woocommerce):
 * - includes/wc-account-functions.php — wc_get_account_endpoint_url(),
 *   wc_get_account_payment_methods_columns() (method, expires, actions; filter
 *   woocommerce_account_payment_methods_columns),
 *   wc_get_account_payment_methods_types() (cc, echeck),
 *   wc_get_account_saved_payment_methods_list() on
 *   woocommerce_saved_payment_methods_list (per token: delete URL with the
 *   nonce delete-payment-method-{id}, "Make default" for a token that is not
 *   the default, both wc_get_endpoint_url() of the current page; filter
 *   woocommerce_payment_methods_list_item),
 *   wc_get_account_saved_payment_methods_list_item_cc() (last4, brand =
 *   ucfirst( card_type ), expires MM/YY) and _item_echeck().
 * - includes/wc-core-functions.php — wc_get_customer_saved_methods_list(),
 *   wc_get_credit_card_type_label() (lower-cased, '-'/'_' as spaces, the
 *   woocommerce_credit_card_type_labels list, else ucfirst).
 * - includes/wc-template-functions.php — woocommerce_account_content() (the
 *   first query var with a woocommerce_account_{var}_endpoint action runs it,
 *   else the dashboard), woocommerce_account_payment_methods(),
 *   woocommerce_account_add_payment_method() (WC_Shortcode_My_Account::
 *   add_payment_method(): before_/after_woocommerce_add_payment_method).
 * - templates/myaccount/payment-methods.php and form-add-payment-method.php —
 *   the table (woocommerce-MyAccount-paymentMethods, one tr.payment-method per
 *   method, "%1$s ending in %2$s", action links a.button.{key}), "No saved
 *   methods found.", the "Add payment method" link; the form#add_payment_method
 *   with one radio payment_method per available gateway and its
 *   payment_fields(), the nonce field and the hidden woocommerce_add_payment_method.
 * Differences: the templates are reproduced from memory as the double's own
 * markup (not loaded through wc_get_template(), so a theme cannot override
 * them); the dashboard is one paragraph. Own implementation.
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

/**
 * `woocommerce_account_content`: the endpoint's content, or the dashboard.
 */
function woocommerce_account_content() {
	global $wp;
	if ( ! empty( $wp->query_vars ) ) {
		foreach ( $wp->query_vars as $key => $value ) {
			if ( 'pagename' === $key ) {
				continue;
			}
			if ( has_action( 'woocommerce_account_' . $key . '_endpoint' ) ) {
				do_action( 'woocommerce_account_' . $key . '_endpoint', $value );
				return;
			}
		}
	}
	$current_user = get_user_by( 'id', get_current_user_id() );
	/* translators: %s: the customer's display name */
	echo '<p class="woocommerce-MyAccount-dashboard">' . esc_html( sprintf( __( 'Hello %s', 'woocommerce' ), $current_user ? $current_user->display_name : '' ) ) . '</p>';
}

/**
 * `woocommerce_account_payment-methods_endpoint`: templates/myaccount/payment-methods.php.
 */
function woocommerce_account_payment_methods() {
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

/**
 * `woocommerce_account_add-payment-method_endpoint`:
 * WC_Shortcode_My_Account::add_payment_method() and
 * templates/myaccount/form-add-payment-method.php.
 */
function woocommerce_account_add_payment_method() {
	if ( ! is_user_logged_in() ) {
		wp_safe_redirect( wc_get_page_permalink( 'myaccount' ) );
		exit();
	}
	do_action( 'before_woocommerce_add_payment_method' );
	$available_gateways = WC()->payment_gateways->get_available_payment_gateways();
	if ( ! $available_gateways ) {
		echo '<p class="woocommerce-notice woocommerce-notice--info woocommerce-info">' . esc_html__( 'New payment methods can only be added during checkout. Please contact us if you require assistance.', 'woocommerce' ) . '</p>';
	} else {
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
	do_action( 'after_woocommerce_add_payment_method' );
}
