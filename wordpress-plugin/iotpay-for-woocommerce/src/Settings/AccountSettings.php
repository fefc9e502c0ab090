<?php
/**
 * A provider account's settings (IOTPay: SharedSettings, SUNBAY:
 * SunbaySettings), shared because every account is kept the same way: stored
 * once under its own option (ID), read through one cached instance, and with
 * password fields that hold secrets (merchant keys, API keys, webhook
 * secrets): the saved value is never rendered back into the page, an empty
 * submission keeps it, and every saved one is redacted from the logs
 * (secrets()). The class lists its secret keys in SECRET_FIELDS.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Settings;

abstract class AccountSettings extends \WC_Settings_API {

	/** The settings' id: option `woocommerce_<ID>_settings`. */
	protected const ID = '';

	/** Keys whose values are secrets: never rendered back into the page, redacted from logs. */
	protected const SECRET_FIELDS = array();

	/** @var array<class-string<self>, self> One instance per account. */
	private static array $instances = array();

	public static function instance(): static {
		return self::$instances[ static::class ] ??= new static();
	}

	/** For tests and after saving: forget the cached settings. */
	public static function reset(): void {
		unset( self::$instances[ static::class ] );
	}

	final public function __construct() {
		$this->id = static::ID;
		$this->init_form_fields();
		$this->init_settings();
	}

	/** The secrets to redact from anything logged. @return list<string> */
	public function secrets(): array {
		return array_values( array_filter( array_map( fn( string $key ): string => (string) $this->get_option( $key ), static::SECRET_FIELDS ) ) );
	}

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
		if ( '' === $value && in_array( $key, static::SECRET_FIELDS, true ) ) {
			return (string) $this->get_option( $key );
		}
		return $value;
	}
}
