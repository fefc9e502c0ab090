<?php
/**
 * Test double: WC_Payment_Gateway and WC_Payment_Gateways.
 *
 * Modelled on WooCommerce 7.9 includes/abstracts/abstract-wc-payment-gateway.php
 * and includes/class-wc-payment-gateways.php:
 * - properties order_button_text, enabled ('yes'), title, description,
 *   chosen, method_title, method_description, has_fields, countries,
 *   availability, icon, supports (array( 'products' )), max_amount,
 *   view_transaction_url, new_method_label, pay_button_id, tokens;
 * - init_settings() sets $enabled from the settings; get_title()/
 *   get_description()/get_icon() with the woocommerce_gateway_title /
 *   _description / _icon filters (7.9: no kses in get_description);
 *   get_return_url( $order = null ) (order-received URL, filter
 *   woocommerce_get_return_url); is_available() ('yes' === enabled and the
 *   max_amount check against the order-pay / cart total); supports() with
 *   woocommerce_payment_gateway_supports; can_refund_order(); process_payment()
 *   returns array(); process_refund() returns false; validate_fields() true;
 *   payment_fields() prints wpautop( wptexturize( description ) );
 *   admin_options() prints the method title, a back link, the description and
 *   the settings table; get_order_total(); needs_setup() false.
 * - tokenization (7.9): get_tokens() (the logged-in customer's tokens of this
 *   gateway, WC_Payment_Tokens::get_customer_tokens(), when it supports
 *   'tokenization'; cached in $tokens), tokenization_script() (enqueues
 *   woocommerce-tokenization-form and localizes wc_tokenization_form_params),
 *   saved_payment_methods() (ul.woocommerce-SavedPaymentMethods with one radio
 *   wc-{id}-payment-token per token, the default checked, then "Use a new
 *   payment method" = value "new"; filters
 *   wc_payment_gateway_form_saved_payment_methods_html,
 *   woocommerce_payment_gateway_get_saved_payment_method_option_html,
 *   woocommerce_payment_gateway_get_new_payment_method_option_html(_label)),
 *   save_payment_method_checkbox() (checkbox wc-{id}-new-payment-method,
 *   value "true", "Save to account"; filter
 *   woocommerce_payment_gateway_save_new_payment_method_option_html),
 *   add_payment_method() returning failure + the payment-methods endpoint URL.
 *   WooCommerce's tokenization-form.js itself is not part of the double.
 * - WC_Payment_Gateways::instance(), init() loading woocommerce_payment_gateways
 *   (class names are instantiated; ordered by woocommerce_gateway_order),
 *   payment_gateways() keyed by id, get_available_payment_gateways() calling
 *   is_available() and the woocommerce_available_payment_gateways filter,
 *   get_payment_gateway_ids(), set_current_gateway(). WooCommerce's own BACS,
 *   cheque, COD and PayPal gateways are not part of the double.
 * Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

abstract class WC_Payment_Gateway extends WC_Settings_API {

	public $order_button_text;

	public $enabled = 'yes';

	public $title;

	public $description;

	public $chosen;

	public $method_title = '';

	public $method_description = '';

	public $has_fields;

	public $countries;

	public $availability;

	public $icon;

	public $supports = array( 'products' );

	public $max_amount = 0;

	public $view_transaction_url = '';

	public $new_method_label = '';

	public $pay_button_id = '';

	protected $tokens = array();

	public function get_tokens() {
		if ( count( $this->tokens ) > 0 ) {
			return $this->tokens;
		}
		if ( is_user_logged_in() && $this->supports( 'tokenization' ) ) {
			$this->tokens = WC_Payment_Tokens::get_customer_tokens( get_current_user_id(), $this->id );
		}
		return $this->tokens;
	}

	public function get_method_title() {
		return apply_filters( 'woocommerce_gateway_method_title', $this->method_title, $this );
	}

	public function get_method_description() {
		return apply_filters( 'woocommerce_gateway_method_description', $this->method_description, $this );
	}

	public function admin_options() {
		echo '<h2>' . esc_html( $this->get_method_title() );
		wc_back_link( __( 'Return to payments', 'woocommerce' ), admin_url( 'admin.php?page=wc-settings&tab=checkout' ) );
		echo '</h2>';
		echo wp_kses_post( wpautop( $this->get_method_description() ) );
		parent::admin_options();
	}

	public function init_settings() {
		parent::init_settings();
		$this->enabled = ! empty( $this->settings['enabled'] ) && 'yes' === $this->settings['enabled'] ? 'yes' : 'no';
	}

	public function needs_setup() {
		return false;
	}

	public function get_return_url( $order = null ) {
		if ( $order ) {
			$return_url = $order->get_checkout_order_received_url();
		} else {
			$return_url = wc_get_endpoint_url( 'order-received', '', wc_get_checkout_url() );
		}
		return apply_filters( 'woocommerce_get_return_url', $return_url, $order );
	}

	public function get_transaction_url( $order ) {
		$return_url     = '';
		$transaction_id = $order->get_transaction_id();
		if ( ! empty( $this->view_transaction_url ) && ! empty( $transaction_id ) ) {
			$return_url = sprintf( $this->view_transaction_url, $transaction_id );
		}
		return apply_filters( 'woocommerce_get_transaction_url', $return_url, $order, $this );
	}

	protected function get_order_total() {
		$total    = 0;
		$order_id = absint( get_query_var( 'order-pay' ) );
		if ( 0 < $order_id ) {
			$order = wc_get_order( $order_id );
			if ( $order ) {
				$total = (float) $order->get_total();
			}
		} elseif ( WC()->cart && 0 < WC()->cart->total ) {
			$total = (float) WC()->cart->total;
		}
		return $total;
	}

	public function is_available() {
		$is_available = ( 'yes' === $this->enabled );
		if ( WC()->cart && 0 < $this->get_order_total() && 0 < $this->max_amount && $this->max_amount < $this->get_order_total() ) {
			$is_available = false;
		}
		return $is_available;
	}

	public function has_fields() {
		return (bool) $this->has_fields;
	}

	/**
	 * 7.9.0 (read in its source): the title through HtmlSanitizer's
	 * LOW_HTML_BALANCED_TAGS_NO_LINKS rules — stripslashes, force_balance_tags,
	 * then wp_kses allowing only br, img (alt, class, src, title), p (class)
	 * and span (class, title) — before the filter.
	 */
	public function get_title() {
		$allowed = array(
			'br'   => true,
			'img'  => array( 'alt' => true, 'class' => true, 'src' => true, 'title' => true ),
			'p'    => array( 'class' => true ),
			'span' => array( 'class' => true, 'title' => true ),
		);
		$title   = wp_kses( force_balance_tags( stripslashes( (string) $this->title ) ), $allowed );
		return apply_filters( 'woocommerce_gateway_title', $title, $this->id );
	}

	public function get_description() {
		return apply_filters( 'woocommerce_gateway_description', $this->description, $this->id );
	}

	public function get_icon() {
		$icon = $this->icon ? '<img src="' . esc_url( WC_HTTPS::force_https_url( $this->icon ) ) . '" alt="' . esc_attr( $this->get_title() ) . '" />' : '';
		return apply_filters( 'woocommerce_gateway_icon', $icon, $this->id );
	}

	public function get_pay_button_id() {
		return sanitize_html_class( $this->pay_button_id );
	}

	public function set_current() {
		$this->chosen = true;
	}

	public function process_payment( $order_id ) {
		return array();
	}

	public function process_refund( $order_id, $amount = null, $reason = '' ) {
		return false;
	}

	public function validate_fields() {
		return true;
	}

	public function payment_fields() {
		$description = $this->get_description();
		if ( $description ) {
			echo wpautop( wptexturize( $description ) ); // phpcs:ignore
		}
		if ( $this->supports( 'default_credit_card_form' ) ) {
			wc_deprecated_function( 'credit_card_form', '2.6', 'WC_Payment_Gateway_CC->form' );
		}
	}

	public function supports( $feature ) {
		return apply_filters( 'woocommerce_payment_gateway_supports', in_array( $feature, $this->supports, true ), $feature, $this );
	}

	public function can_refund_order( $order ) {
		return $order && $this->supports( 'refunds' );
	}

	public function tokenization_script() {
		wp_enqueue_script(
			'woocommerce-tokenization-form',
			plugins_url( '/assets/js/frontend/tokenization-form.min.js', WC_PLUGIN_FILE ),
			array( 'jquery' ),
			WC()->version,
			false
		);
		wp_localize_script(
			'woocommerce-tokenization-form',
			'wc_tokenization_form_params',
			array(
				'is_registration_required' => WC()->checkout()->is_registration_required(),
				'is_logged_in'             => is_user_logged_in(),
			)
		);
	}

	public function saved_payment_methods() {
		$html = '<ul class="woocommerce-SavedPaymentMethods wc-saved-payment-methods" data-count="' . esc_attr( count( $this->get_tokens() ) ) . '">';
		foreach ( $this->get_tokens() as $token ) {
			$html .= $this->get_saved_payment_method_option_html( $token );
		}
		$html .= $this->get_new_payment_method_option_html();
		$html .= '</ul>';
		echo apply_filters( 'wc_payment_gateway_form_saved_payment_methods_html', $html, $this ); // phpcs:ignore
	}

	public function get_saved_payment_method_option_html( $token ) {
		$html = sprintf(
			'<li class="woocommerce-SavedPaymentMethods-token">
				<input id="wc-%1$s-payment-token-%2$s" type="radio" name="wc-%1$s-payment-token" value="%2$s" style="width:auto;" class="woocommerce-SavedPaymentMethods-tokenInput" %4$s />
				<label for="wc-%1$s-payment-token-%2$s">%3$s</label>
			</li>',
			esc_attr( $this->id ),
			esc_attr( $token->get_id() ),
			esc_html( $token->get_display_name() ),
			checked( $token->is_default(), true, false )
		);
		return apply_filters( 'woocommerce_payment_gateway_get_saved_payment_method_option_html', $html, $token, $this );
	}

	public function get_new_payment_method_option_html() {
		$label = apply_filters( 'woocommerce_payment_gateway_get_new_payment_method_option_html_label', $this->new_method_label ? $this->new_method_label : __( 'Use a new payment method', 'woocommerce' ), $this );
		$html  = sprintf(
			'<li class="woocommerce-SavedPaymentMethods-new">
				<input id="wc-%1$s-payment-token-new" type="radio" name="wc-%1$s-payment-token" value="new" style="width:auto;" class="woocommerce-SavedPaymentMethods-tokenInput" />
				<label for="wc-%1$s-payment-token-new">%2$s</label>
			</li>',
			esc_attr( $this->id ),
			esc_html( $label )
		);
		return apply_filters( 'woocommerce_payment_gateway_get_new_payment_method_option_html', $html, $this );
	}

	public function save_payment_method_checkbox() {
		$html = sprintf(
			'<p class="form-row woocommerce-SavedPaymentMethods-saveNew">
				<input id="wc-%1$s-new-payment-method" name="wc-%1$s-new-payment-method" type="checkbox" value="true" style="width:auto;" />
				<label for="wc-%1$s-new-payment-method" style="display:inline;">%2$s</label>
			</p>',
			esc_attr( $this->id ),
			esc_html__( 'Save to account', 'woocommerce' )
		);
		echo apply_filters( 'woocommerce_payment_gateway_save_new_payment_method_option_html', $html, $this ); // phpcs:ignore
	}

	public function add_payment_method() {
		return array(
			'result'   => 'failure',
			'redirect' => wc_get_endpoint_url( 'payment-methods' ),
		);
	}

	public function get_order_button_text() {
		return $this->order_button_text;
	}
}

class WC_Payment_Gateways {

	public $payment_gateways = array();

	protected static $_instance = null; // phpcs:ignore

	public static function instance() {
		if ( is_null( self::$_instance ) ) {
			self::$_instance = new self();
		}
		return self::$_instance;
	}

	/**
	 * Forgets the instance (the double's per-request reset).
	 */
	public static function reset_instance(): void {
		self::$_instance = null;
	}

	public function __construct() {
		$this->init();
	}

	public function init() {
		$load_gateways          = apply_filters( 'woocommerce_payment_gateways', array() );
		$ordering               = (array) get_option( 'woocommerce_gateway_order' );
		$order_end              = 999;
		$this->payment_gateways = array();
		foreach ( $load_gateways as $gateway ) {
			if ( is_string( $gateway ) && class_exists( $gateway ) ) {
				$gateway = new $gateway();
			}
			if ( ! is_a( $gateway, 'WC_Payment_Gateway' ) ) {
				continue;
			}
			if ( isset( $ordering[ $gateway->id ] ) && is_numeric( $ordering[ $gateway->id ] ) ) {
				$this->payment_gateways[ $ordering[ $gateway->id ] ] = $gateway;
			} else {
				$this->payment_gateways[ $order_end ] = $gateway;
				++$order_end;
			}
		}
		ksort( $this->payment_gateways );
	}

	public function payment_gateways() {
		$out = array();
		foreach ( $this->payment_gateways as $gateway ) {
			$out[ $gateway->id ] = $gateway;
		}
		return $out;
	}

	public function get_payment_gateway_ids() {
		return wp_list_pluck( $this->payment_gateways, 'id' );
	}

	public function get_available_payment_gateways() {
		$available = array();
		foreach ( $this->payment_gateways as $gateway ) {
			if ( $gateway->is_available() ) {
				if ( ! is_add_payment_method_page() ) {
					$available[ $gateway->id ] = $gateway;
				} elseif ( $gateway->supports( 'add_payment_method' ) || $gateway->supports( 'tokenization' ) ) {
					$available[ $gateway->id ] = $gateway;
				}
			}
		}
		return array_filter( (array) apply_filters( 'woocommerce_available_payment_gateways', $available ), array( $this, 'filter_valid_gateway_class' ) );
	}

	protected function filter_valid_gateway_class( $gateway ) {
		return $gateway && is_a( $gateway, 'WC_Payment_Gateway' );
	}

	public function set_current_gateway( $gateways ) {
		if ( empty( $gateways ) ) {
			return;
		}
		$current = null;
		$chosen  = WC()->session ? WC()->session->get( 'chosen_payment_method' ) : null;
		if ( $chosen && isset( $gateways[ $chosen ] ) ) {
			$current = $gateways[ $chosen ];
		}
		if ( ! $current ) {
			$current = current( $gateways );
		}
		if ( $current ) {
			$current->set_current();
		}
	}

	public function get_gateway_settings_url() {
		return admin_url( 'admin.php?page=wc-settings&tab=checkout' );
	}
}
