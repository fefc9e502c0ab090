<?php
/**
 * Test double: WC_Settings_API.
 *
 * Modelled on WooCommerce 7.9 includes/abstracts/abstract-wc-settings-api.php:
 * $plugin_id = 'woocommerce_', option key "{plugin_id}{id}_settings",
 * get_field_key( $key ) = "{plugin_id}{id}_{key}" (the $_POST names),
 * init_settings() (defaults from form fields when the option is not an
 * array), get_option( $key, $empty_value = null ) (field default when unset,
 * $empty_value when ''), update_option( $key, $value = '' ),
 * get_form_fields() with woocommerce_settings_api_form_fields_{id},
 * process_admin_options() reading get_post_data() ($_POST unless
 * set_post_data() was used), skipping "title" fields, collecting exceptions
 * as errors, firing woocommerce_update_option and saving through
 * woocommerce_settings_api_sanitized_fields_{id}; get_field_value() with
 * sanitize_callback, validate_{key}_field, validate_{type}_field, text
 * fallback; validators: text (wp_kses_post(trim(stripslashes))), password
 * (trim(stripslashes)), textarea (kses + iframe), checkbox (set → yes, unset
 * → no), select (wc_clean), multiselect, price/decimal (wc_format_decimal),
 * safe_text. generate_settings_html() produces labelled table rows for
 * text/password/email/number/color/price/decimal (inputs), textarea,
 * checkbox, select, multiselect and title, with the real field names and
 * ids; custom types go through woocommerce_generate_{type}_html. The HTML is
 * the double's own markup, close to WooCommerce's structure. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

abstract class WC_Settings_API {

	public $plugin_id = 'woocommerce_';

	public $id = '';

	public $errors = array();

	public $settings = array();

	public $form_fields = array();

	protected $data = array();

	public function get_form_fields() {
		return apply_filters( 'woocommerce_settings_api_form_fields_' . $this->id, array_map( array( $this, 'set_defaults' ), $this->form_fields ) );
	}

	protected function set_defaults( $field ) {
		if ( ! isset( $field['default'] ) ) {
			$field['default'] = '';
		}
		return $field;
	}

	public function admin_options() {
		echo '<table class="form-table">' . $this->generate_settings_html( $this->get_form_fields(), false ) . '</table>'; // phpcs:ignore
	}

	public function init_form_fields() {
	}

	public function get_option_key() {
		return $this->plugin_id . $this->id . '_settings';
	}

	public function get_field_type( $field ) {
		return empty( $field['type'] ) ? 'text' : $field['type'];
	}

	public function get_field_default( $field ) {
		return empty( $field['default'] ) ? '' : $field['default'];
	}

	public function get_field_value( $key, $field, $post_data = array() ) {
		$type      = $this->get_field_type( $field );
		$field_key = $this->get_field_key( $key );
		$post_data = empty( $post_data ) ? $_POST : $post_data; // phpcs:ignore
		$value     = isset( $post_data[ $field_key ] ) ? $post_data[ $field_key ] : null;
		if ( isset( $field['sanitize_callback'] ) && is_callable( $field['sanitize_callback'] ) ) {
			return call_user_func( $field['sanitize_callback'], $value );
		}
		if ( is_callable( array( $this, 'validate_' . $key . '_field' ) ) ) {
			return $this->{'validate_' . $key . '_field'}( $key, $value );
		}
		if ( is_callable( array( $this, 'validate_' . $type . '_field' ) ) ) {
			return $this->{'validate_' . $type . '_field'}( $key, $value );
		}
		return $this->validate_text_field( $key, $value );
	}

	public function set_post_data( $data = array() ) {
		$this->data = $data;
	}

	public function get_post_data() {
		if ( ! empty( $this->data ) && is_array( $this->data ) ) {
			return $this->data;
		}
		return $_POST; // phpcs:ignore
	}

	public function update_option( $key, $value = '' ) {
		if ( empty( $this->settings ) ) {
			$this->init_settings();
		}
		$this->settings[ $key ] = $value;
		return update_option( $this->get_option_key(), apply_filters( 'woocommerce_settings_api_sanitized_fields_' . $this->id, $this->settings ), 'yes' );
	}

	public function process_admin_options() {
		$this->init_settings();
		$post_data = $this->get_post_data();
		foreach ( $this->get_form_fields() as $key => $field ) {
			if ( 'title' !== $this->get_field_type( $field ) ) {
				try {
					$this->settings[ $key ] = $this->get_field_value( $key, $field, $post_data );
				} catch ( Exception $e ) {
					$this->add_error( $e->getMessage() );
				}
			}
		}
		$option_key = $this->get_option_key();
		do_action( 'woocommerce_update_option', array( 'id' => $option_key ) );
		return update_option( $option_key, apply_filters( 'woocommerce_settings_api_sanitized_fields_' . $this->id, $this->settings ), 'yes' );
	}

	public function add_error( $error ) {
		$this->errors[] = $error;
	}

	public function get_errors() {
		return $this->errors;
	}

	public function display_errors() {
		if ( $this->get_errors() ) {
			echo '<div id="woocommerce_errors" class="error notice is-dismissible">';
			foreach ( $this->get_errors() as $error ) {
				echo '<p>' . wp_kses_post( $error ) . '</p>';
			}
			echo '</div>';
		}
	}

	public function init_settings() {
		$this->settings = get_option( $this->get_option_key(), null );
		if ( ! is_array( $this->settings ) ) {
			$form_fields    = $this->get_form_fields();
			$this->settings = array_merge( array_fill_keys( array_keys( $form_fields ), '' ), wp_list_pluck( $form_fields, 'default' ) );
		}
	}

	public function get_option( $key, $empty_value = null ) {
		if ( empty( $this->settings ) ) {
			$this->init_settings();
		}
		if ( ! isset( $this->settings[ $key ] ) ) {
			$form_fields            = $this->get_form_fields();
			$this->settings[ $key ] = isset( $form_fields[ $key ] ) ? $this->get_field_default( $form_fields[ $key ] ) : '';
		}
		if ( ! is_null( $empty_value ) && '' === $this->settings[ $key ] ) {
			$this->settings[ $key ] = $empty_value;
		}
		return $this->settings[ $key ];
	}

	public function get_field_key( $key ) {
		return $this->plugin_id . $this->id . '_' . $key;
	}

	/* -------------------------------------------------------------------------
	 * HTML
	 * ---------------------------------------------------------------------- */

	public function generate_settings_html( $form_fields = array(), $echo = true ) {
		if ( empty( $form_fields ) ) {
			$form_fields = $this->get_form_fields();
		}
		$html = '';
		foreach ( $form_fields as $k => $v ) {
			$type = $this->get_field_type( $v );
			if ( method_exists( $this, 'generate_' . $type . '_html' ) ) {
				$html .= $this->{'generate_' . $type . '_html'}( $k, $v );
			} elseif ( has_filter( 'woocommerce_generate_' . $type . '_html' ) ) {
				$html .= apply_filters( 'woocommerce_generate_' . $type . '_html', '', $k, $v, $this );
			} else {
				$html .= $this->generate_text_html( $k, $v );
			}
		}
		if ( $echo ) {
			echo $html; // phpcs:ignore
			return null;
		}
		return $html;
	}

	public function get_tooltip_html( $data ) {
		if ( true === ( $data['desc_tip'] ?? false ) ) {
			$tip = $data['description'] ?? '';
		} elseif ( ! empty( $data['desc_tip'] ) ) {
			$tip = $data['desc_tip'];
		} else {
			$tip = '';
		}
		return $tip ? wc_help_tip( $tip, true ) : '';
	}

	public function get_description_html( $data ) {
		if ( true === ( $data['desc_tip'] ?? false ) ) {
			$description = '';
		} elseif ( ! empty( $data['desc_tip'] ) || ! empty( $data['description'] ) ) {
			$description = $data['description'] ?? '';
		} else {
			$description = '';
		}
		return $description ? '<p class="description">' . wp_kses_post( $description ) . "</p>\n" : '';
	}

	public function get_custom_attribute_html( $data ) {
		$custom = array();
		if ( ! empty( $data['custom_attributes'] ) && is_array( $data['custom_attributes'] ) ) {
			foreach ( $data['custom_attributes'] as $attribute => $value ) {
				$custom[] = esc_attr( $attribute ) . '="' . esc_attr( $value ) . '"';
			}
		}
		return implode( ' ', $custom );
	}

	protected function field_defaults(): array {
		return array(
			'title'             => '',
			'disabled'          => false,
			'class'             => '',
			'css'               => '',
			'placeholder'       => '',
			'type'              => 'text',
			'desc_tip'          => false,
			'description'       => '',
			'custom_attributes' => array(),
			'options'           => array(),
			'label'             => '',
		);
	}

	/**
	 * One settings row: label cell + field cell.
	 */
	protected function row_html( string $field_key, array $data, string $control ): string {
		return '<tr valign="top">'
			. '<th scope="row" class="titledesc"><label for="' . esc_attr( $field_key ) . '">' . wp_kses_post( $data['title'] ) . ' ' . $this->get_tooltip_html( $data ) . '</label></th>'
			. '<td class="forminp"><fieldset><legend class="screen-reader-text"><span>' . wp_kses_post( $data['title'] ) . '</span></legend>'
			. $control
			. $this->get_description_html( $data )
			. "</fieldset></td></tr>\n";
	}

	public function generate_text_html( $key, $data ) {
		$field_key = $this->get_field_key( $key );
		$data      = wp_parse_args( $data, $this->field_defaults() );
		$control   = '<input class="input-text regular-input ' . esc_attr( $data['class'] ) . '" type="' . esc_attr( $data['type'] ) . '" name="' . esc_attr( $field_key ) . '" id="' . esc_attr( $field_key ) . '" style="' . esc_attr( $data['css'] ) . '" value="' . esc_attr( $this->get_option( $key ) ) . '" placeholder="' . esc_attr( $data['placeholder'] ) . '" ' . disabled( $data['disabled'], true, false ) . ' ' . $this->get_custom_attribute_html( $data ) . ' />';
		return $this->row_html( $field_key, $data, $control );
	}

	public function generate_price_html( $key, $data ) {
		$data['class'] = trim( 'wc_input_price ' . ( $data['class'] ?? '' ) );
		$data['type']  = 'text';
		return $this->generate_text_html( $key, $data );
	}

	public function generate_decimal_html( $key, $data ) {
		$data['class'] = trim( 'wc_input_decimal ' . ( $data['class'] ?? '' ) );
		$data['type']  = 'text';
		return $this->generate_text_html( $key, $data );
	}

	public function generate_password_html( $key, $data ) {
		$data['type'] = 'password';
		return $this->generate_text_html( $key, $data );
	}

	public function generate_color_html( $key, $data ) {
		$data['type'] = 'text';
		return $this->generate_text_html( $key, $data );
	}

	public function generate_textarea_html( $key, $data ) {
		$field_key = $this->get_field_key( $key );
		$data      = wp_parse_args( $data, $this->field_defaults() );
		$control   = '<textarea rows="3" cols="20" class="input-text wide-input ' . esc_attr( $data['class'] ) . '" type="' . esc_attr( $data['type'] ) . '" name="' . esc_attr( $field_key ) . '" id="' . esc_attr( $field_key ) . '" style="' . esc_attr( $data['css'] ) . '" placeholder="' . esc_attr( $data['placeholder'] ) . '" ' . disabled( $data['disabled'], true, false ) . ' ' . $this->get_custom_attribute_html( $data ) . '>' . esc_textarea( $this->get_option( $key ) ) . '</textarea>';
		return $this->row_html( $field_key, $data, $control );
	}

	public function generate_checkbox_html( $key, $data ) {
		$field_key = $this->get_field_key( $key );
		$data      = wp_parse_args( $data, $this->field_defaults() );
		if ( ! $data['label'] ) {
			$data['label'] = $data['title'];
		}
		$control = '<label for="' . esc_attr( $field_key ) . '"><input ' . disabled( $data['disabled'], true, false ) . ' class="' . esc_attr( $data['class'] ) . '" type="checkbox" name="' . esc_attr( $field_key ) . '" id="' . esc_attr( $field_key ) . '" style="' . esc_attr( $data['css'] ) . '" value="1" ' . checked( $this->get_option( $key ), 'yes', false ) . ' ' . $this->get_custom_attribute_html( $data ) . ' /> ' . wp_kses_post( $data['label'] ) . '</label><br/>';
		return $this->row_html( $field_key, $data, $control );
	}

	public function generate_select_html( $key, $data ) {
		$field_key = $this->get_field_key( $key );
		$data      = wp_parse_args( $data, $this->field_defaults() );
		$value     = $this->get_option( $key );
		$options   = '';
		foreach ( (array) $data['options'] as $option_key => $option_value ) {
			if ( is_array( $option_value ) ) {
				$options .= '<optgroup label="' . esc_attr( $option_key ) . '">';
				foreach ( $option_value as $inner_key => $inner_value ) {
					$options .= '<option value="' . esc_attr( $inner_key ) . '" ' . selected( (string) $inner_key, esc_attr( $value ), false ) . '>' . esc_html( $inner_value ) . '</option>';
				}
				$options .= '</optgroup>';
			} else {
				$options .= '<option value="' . esc_attr( $option_key ) . '" ' . selected( (string) $option_key, esc_attr( $value ), false ) . '>' . esc_html( $option_value ) . '</option>';
			}
		}
		$control = '<select class="select ' . esc_attr( $data['class'] ) . '" name="' . esc_attr( $field_key ) . '" id="' . esc_attr( $field_key ) . '" style="' . esc_attr( $data['css'] ) . '" ' . disabled( $data['disabled'], true, false ) . ' ' . $this->get_custom_attribute_html( $data ) . '>' . $options . '</select>';
		return $this->row_html( $field_key, $data, $control );
	}

	public function generate_multiselect_html( $key, $data ) {
		$field_key = $this->get_field_key( $key );
		$data      = wp_parse_args( $data, $this->field_defaults() );
		$value     = (array) $this->get_option( $key, array() );
		$options   = '';
		foreach ( (array) $data['options'] as $option_key => $option_value ) {
			$options .= '<option value="' . esc_attr( $option_key ) . '" ' . selected( in_array( (string) $option_key, $value, true ), true, false ) . '>' . esc_html( $option_value ) . '</option>';
		}
		$control = '<select multiple="multiple" class="multiselect ' . esc_attr( $data['class'] ) . '" name="' . esc_attr( $field_key ) . '[]" id="' . esc_attr( $field_key ) . '" style="' . esc_attr( $data['css'] ) . '" ' . disabled( $data['disabled'], true, false ) . ' ' . $this->get_custom_attribute_html( $data ) . '>' . $options . '</select>';
		return $this->row_html( $field_key, $data, $control );
	}

	public function generate_title_html( $key, $data ) {
		$field_key = $this->get_field_key( $key );
		$data      = wp_parse_args(
			$data,
			array(
				'title' => '',
				'class' => '',
			)
		);
		$html  = '</table><h3 class="wc-settings-sub-title ' . esc_attr( $data['class'] ) . '" id="' . esc_attr( $field_key ) . '">' . wp_kses_post( $data['title'] ) . '</h3>';
		$html .= ! empty( $data['description'] ) ? '<p>' . wp_kses_post( $data['description'] ) . '</p>' : '';
		return $html . '<table class="form-table">';
	}

	/* -------------------------------------------------------------------------
	 * Validation
	 * ---------------------------------------------------------------------- */

	public function validate_text_field( $key, $value ) {
		$value = is_null( $value ) ? '' : $value;
		return wp_kses_post( trim( stripslashes( (string) $value ) ) );
	}

	public function validate_safe_text_field( string $key, ?string $value ): string {
		return wp_kses(
			(string) $value,
			array(
				'br'   => true,
				'img'  => array(
					'alt'   => true,
					'class' => true,
					'src'   => true,
					'title' => true,
				),
				'p'    => array( 'class' => true ),
				'span' => array(
					'class' => true,
					'title' => true,
				),
			)
		);
	}

	public function validate_price_field( $key, $value ) {
		$value = is_null( $value ) ? '' : $value;
		return ( '' === $value ) ? '' : wc_format_decimal( trim( stripslashes( (string) $value ) ) );
	}

	public function validate_decimal_field( $key, $value ) {
		$value = is_null( $value ) ? '' : $value;
		return ( '' === $value ) ? '' : wc_format_decimal( trim( stripslashes( (string) $value ) ) );
	}

	public function validate_password_field( $key, $value ) {
		$value = is_null( $value ) ? '' : $value;
		return trim( stripslashes( (string) $value ) );
	}

	public function validate_textarea_field( $key, $value ) {
		$value = is_null( $value ) ? '' : $value;
		return wp_kses(
			trim( stripslashes( (string) $value ) ),
			array_merge(
				array(
					'iframe' => array(
						'src'   => true,
						'style' => true,
						'id'    => true,
						'class' => true,
					),
				),
				wp_kses_allowed_html( 'post' )
			)
		);
	}

	public function validate_checkbox_field( $key, $value ) {
		return ! is_null( $value ) ? 'yes' : 'no';
	}

	public function validate_select_field( $key, $value ) {
		$value = is_null( $value ) ? '' : $value;
		return wc_clean( stripslashes( (string) $value ) );
	}

	public function validate_multiselect_field( $key, $value ) {
		return is_array( $value ) ? array_map( 'wc_clean', array_map( 'stripslashes', $value ) ) : '';
	}
}
