<?php
/**
 * Password fields of a settings page that hold secrets (merchant keys, API
 * keys, webhook secrets): the saved value is never rendered back into the
 * page, and an empty submission keeps it. Used by every account settings
 * page (IOTPay, SUNBAY); the class lists its secret keys in SECRET_FIELDS.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Settings;

trait SecretFields {

	/**
	 * Renders a password field without its saved value.
	 *
	 * @param string               $key  Field key.
	 * @param array<string, mixed> $data Field definition.
	 */
	public function generate_password_html( $key, $data ) {
		$saved               = '' !== (string) $this->get_option( $key );
		$data['placeholder'] = $saved ? __( '(saved - enter a new key to replace it)', 'iotpay-for-woocommerce' ) : '';
		$field_key           = $this->get_field_key( $key );
		ob_start();
		?>
		<tr valign="top">
			<th scope="row" class="titledesc">
				<label for="<?php echo esc_attr( $field_key ); ?>"><?php echo esc_html( (string) $data['title'] ); ?></label>
			</th>
			<td class="forminp">
				<input class="input-text regular-input" type="password" autocomplete="new-password"
					name="<?php echo esc_attr( $field_key ); ?>" id="<?php echo esc_attr( $field_key ); ?>"
					value="" placeholder="<?php echo esc_attr( (string) $data['placeholder'] ); ?>" />
				<?php if ( ! empty( $data['description'] ) ) : ?>
					<p class="description"><?php echo esc_html( (string) $data['description'] ); ?></p>
				<?php endif; ?>
			</td>
		</tr>
		<?php
		return (string) ob_get_clean();
	}

	/**
	 * An empty password submission keeps the saved secret.
	 *
	 * @param string      $key   Field key.
	 * @param string|null $value Posted value.
	 */
	public function validate_password_field( $key, $value ) {
		$value = is_null( $value ) ? '' : trim( wp_unslash( (string) $value ) );
		if ( '' === $value && in_array( $key, self::SECRET_FIELDS, true ) ) {
			return (string) $this->get_option( $key );
		}
		return $value;
	}
}
