<?php
/**
 * Test double: the WooCommerce admin entry points a gateway hooks into.
 *
 * Modelled on WooCommerce 7.9 includes/admin/meta-boxes/class-wc-meta-box-order-actions.php
 * and includes/admin/settings/class-wc-settings-payment-gateways.php:
 * - the order actions list is apply_filters( 'woocommerce_order_actions',
 *   array( send_order_details, send_order_details_admin,
 *   regenerate_download_permissions ), $order ); saving the meta box with a
 *   custom action fires woocommerce_order_action_{sanitize_title( action )}
 *   with the order (once per request);
 * - rendering a Payments settings section prints the gateway's
 *   admin_options() (gateway sections) and the fields from
 *   `woocommerce_get_settings_checkout` (custom field types through
 *   `woocommerce_admin_field_{type}`); sections come from
 *   `woocommerce_get_sections_checkout`;
 * - saving the Payments settings section of a gateway fires
 *   woocommerce_update_options_payment_gateways_{gateway id} (where gateways
 *   hook process_admin_options()), re-inits the gateways, then
 *   woocommerce_update_options_checkout_{section}, woocommerce_update_options_checkout
 *   and woocommerce_update_options.
 * The helpers below (wc_double_*) are the double's way to drive those
 * screens from tests and server.php; they are not WooCommerce functions.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

/**
 * @return array<string,string> action => label
 */
function wc_double_order_actions( WC_Order $order ): array {
	return (array) apply_filters(
		'woocommerce_order_actions',
		array(
			'send_order_details'              => __( 'Email invoice / order details to customer', 'woocommerce' ),
			'send_order_details_admin'        => __( 'Resend new order notification', 'woocommerce' ),
			'regenerate_download_permissions' => __( 'Regenerate download permissions', 'woocommerce' ),
		),
		$order
	);
}

/**
 * Runs an order action as the order edit screen does on save.
 */
function wc_double_run_order_action( WC_Order $order, string $action ): void {
	$action = wc_clean( $action );
	if ( 'send_order_details' === $action || 'send_order_details_admin' === $action || 'regenerate_download_permissions' === $action ) {
		do_action( 'woocommerce_before_resend_order_emails', $order, $action );
		do_action( 'woocommerce_after_resend_order_email', $order, $action );
		return;
	}
	if ( ! did_action( 'woocommerce_order_action_' . sanitize_title( $action ) ) ) {
		do_action( 'woocommerce_order_action_' . sanitize_title( $action ), $order );
	}
}

/**
 * Saves a gateway's settings section from posted fields (field keys as
 * generate_settings_html() names them, e.g. woocommerce_{id}_title).
 */
function wc_double_save_gateway_settings( string $section, array $post ): void {
	$_POST    = wp_slash( $post );
	$_REQUEST = array_merge( $_REQUEST, $_POST );
	$gateways = WC_Payment_Gateways::instance();
	foreach ( $gateways->payment_gateways() as $gateway ) {
		if ( in_array( $section, array( $gateway->id, sanitize_title( get_class( $gateway ) ) ), true ) ) {
			do_action( 'woocommerce_update_options_payment_gateways_' . $gateway->id );
			$gateways->init();
		}
	}
	do_action( 'woocommerce_update_options_checkout_' . $section );
	do_action( 'woocommerce_update_options_checkout' );
	do_action( 'woocommerce_update_options' );
}

/**
 * The sections of WooCommerce → Settings → Payments: WC_Settings_Page::get_sections()
 * — the page's own section ('' => Payment methods) plus those added by
 * `woocommerce_get_sections_checkout`.
 *
 * @return array<string,string>
 */
function wc_double_payment_settings_sections(): array {
	return (array) apply_filters( 'woocommerce_get_sections_checkout', array( '' => __( 'Payment methods', 'woocommerce' ) ) );
}

/**
 * What WooCommerce prints for a section of Settings → Payments
 * (WC_Settings_Payment_Gateways::output()): the gateway's admin_options()
 * when the section names a gateway, then WC_Settings_Page::output():
 * WC_Admin_Settings::output_fields() of the section's settings — for a
 * gateway or custom section none of WooCommerce's own, only what
 * `woocommerce_get_settings_checkout` ($settings, $section) returns.
 */
function wc_double_render_gateway_settings( string $section ): string {
	ob_start();
	foreach ( WC_Payment_Gateways::instance()->payment_gateways() as $gateway ) {
		if ( in_array( $section, array( $gateway->id, sanitize_title( get_class( $gateway ) ) ), true ) ) {
			$gateway->admin_options();
			break;
		}
	}
	wc_double_output_settings_fields( (array) apply_filters( 'woocommerce_get_settings_checkout', array(), $section ) );
	return (string) ob_get_clean();
}

/**
 * WC_Admin_Settings::output_fields(), for the field types a payment plugin's
 * section uses: `title` (heading, description, opens the form table),
 * `sectionend` (closes it) and any other type through the
 * `woocommerce_admin_field_{type}` action (WooCommerce's default case).
 * WooCommerce's own input types (text, checkbox, select …) are not modelled
 * and print nothing.
 *
 * @param array<int, array<string, mixed>> $options
 */
function wc_double_output_settings_fields( array $options ): void {
	$core = array( 'text', 'password', 'datetime', 'datetime-local', 'date', 'month', 'time', 'week', 'number', 'email', 'url', 'tel', 'color', 'textarea', 'select', 'multiselect', 'radio', 'checkbox', 'image_width', 'single_select_page', 'single_select_page_with_search', 'single_select_country', 'multi_select_countries', 'relative_date_selector', 'info' );
	foreach ( $options as $value ) {
		if ( ! isset( $value['type'] ) ) {
			continue;
		}
		$value['id']    = $value['id'] ?? '';
		$value['title'] = $value['title'] ?? ( $value['name'] ?? '' );
		$value['desc']  = $value['desc'] ?? '';
		switch ( $value['type'] ) {
			case 'title':
				if ( ! empty( $value['title'] ) ) {
					echo '<h2>' . esc_html( $value['title'] ) . '</h2>';
				}
				if ( ! empty( $value['desc'] ) ) {
					echo '<div id="' . esc_attr( sanitize_title( $value['id'] ) ) . '-description">' . wp_kses_post( wpautop( wptexturize( $value['desc'] ) ) ) . '</div>';
				}
				echo '<table class="form-table">' . "\n\n";
				break;
			case 'sectionend':
				echo '</table>';
				break;
			default:
				if ( ! in_array( $value['type'], $core, true ) ) {
					do_action( 'woocommerce_admin_field_' . $value['type'], $value );
				}
				break;
		}
	}
}

/**
 * What the admin_notices action prints.
 */
function wc_double_render_admin_notices(): string {
	ob_start();
	do_action( 'admin_notices' );
	do_action( 'all_admin_notices' );
	return (string) ob_get_clean();
}
