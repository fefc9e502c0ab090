<?php
/**
 * Chinese under the main instructions of the payment page, for a customer
 * whose browser asks for Chinese first (Accept-Language zh…) on a shop that
 * is not in Chinese: WeChat Pay, Alipay and UnionPay customers very often
 * read Chinese first. The shop's locale is not switched: the plugin's own
 * Chinese translations are read into a separate MO object and used only for
 * the text produced inside line().
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

final class SecondLanguage {

	/** @var array<string, \MO|false> translations per locale, read once per request */
	private static array $cache = array();

	/**
	 * The Chinese locale to add, or null: the browser's preferred language is
	 * not Chinese, the shop already speaks Chinese, or no translation exists.
	 */
	public static function locale(): ?string {
		if ( 0 === strpos( determine_locale(), 'zh' ) ) {
			return null;
		}
		$tag = self::preferred_language( isset( $_SERVER['HTTP_ACCEPT_LANGUAGE'] ) ? sanitize_text_field( wp_unslash( (string) $_SERVER['HTTP_ACCEPT_LANGUAGE'] ) ) : '' );
		if ( 'zh' !== substr( $tag, 0, 2 ) ) {
			return null;
		}
		foreach ( self::candidates( $tag ) as $locale ) {
			if ( false !== self::translations( $locale ) ) {
				return $locale;
			}
		}
		return null;
	}

	/**
	 * What $produce returns, with the plugin's strings in the second language,
	 * wrapped in a <span lang> (escaped); '' when no second language is wanted
	 * or one of the strings has no translation (no half-English line).
	 */
	public static function line( callable $produce, string $class = 'iotpay-wc-qr__second-language' ): string {
		$locale = self::locale();
		if ( null === $locale ) {
			return '';
		}
		$mo      = self::translations( $locale );
		$missing = false;
		$single  = static function ( $translation, $text ) use ( $mo, &$missing ) {
			$zh = $mo->translate( (string) $text );
			if ( $zh === $text ) {
				$missing = true;
			}
			return $zh;
		};
		$plural  = static function ( $translation, $single_text, $plural_text, $number ) use ( $mo, &$missing ) {
			$zh = $mo->translate_plural( (string) $single_text, (string) $plural_text, (int) $number );
			if ( $zh === $single_text || $zh === $plural_text ) {
				$missing = true;
			}
			return $zh;
		};
		add_filter( 'gettext_iotpay-for-woocommerce', $single, PHP_INT_MAX, 2 );
		add_filter( 'ngettext_iotpay-for-woocommerce', $plural, PHP_INT_MAX, 4 );
		try {
			$text = (string) $produce();
		} finally {
			remove_filter( 'gettext_iotpay-for-woocommerce', $single, PHP_INT_MAX );
			remove_filter( 'ngettext_iotpay-for-woocommerce', $plural, PHP_INT_MAX );
		}
		if ( $missing || '' === trim( $text ) ) {
			return '';
		}
		return '<span class="' . esc_attr( $class ) . '" lang="' . esc_attr( str_replace( '_', '-', $locale ) ) . '">' . esc_html( $text ) . '</span>';
	}

	/** The language tag with the highest q value (the first of equals), lower-cased; '' if none. */
	public static function preferred_language( string $header ): string {
		$best   = '';
		$best_q = 0.0;
		foreach ( explode( ',', $header ) as $part ) {
			$bits = array_map( 'trim', explode( ';', $part ) );
			$tag  = strtolower( $bits[0] );
			if ( '' === $tag || '*' === $tag || ! preg_match( '/^[a-z]{1,8}(-[a-z0-9]{1,8})*$/', $tag ) ) {
				continue;
			}
			$q = 1.0;
			foreach ( array_slice( $bits, 1 ) as $param ) {
				if ( preg_match( '/^q\s*=\s*([01](?:\.\d{0,3})?)$/i', $param, $m ) ) {
					$q = (float) $m[1];
				}
			}
			if ( $q > $best_q ) {
				$best   = $tag;
				$best_q = $q;
			}
		}
		return $best;
	}

	/** Locales to try for a Chinese language tag: Traditional Chinese first where it is written, Simplified always last. @return list<string> */
	private static function candidates( string $tag ): array {
		if ( preg_match( '/^zh-(hant-)?(hk|mo)\b/', $tag ) ) {
			return array( 'zh_HK', 'zh_TW', 'zh_CN' );
		}
		if ( preg_match( '/^zh-(hant\b|(hant-)?tw\b)/', $tag ) ) {
			return array( 'zh_TW', 'zh_HK', 'zh_CN' );
		}
		return array( 'zh_CN' );
	}

	/** The plugin's translations for a locale, as load_plugin_textdomain() would find them (language packs first), or false. @return \MO|false */
	private static function translations( string $locale ) {
		if ( ! isset( self::$cache[ $locale ] ) ) {
			self::$cache[ $locale ] = false;
			$file                   = 'iotpay-for-woocommerce-' . $locale . '.mo';
			foreach ( array( WP_LANG_DIR . '/plugins/' . $file, IOTPAY_WC_DIR . '/languages/' . $file ) as $path ) {
				if ( is_readable( $path ) && class_exists( \MO::class ) ) {
					$mo = new \MO();
					if ( $mo->import_from_file( $path ) ) {
						self::$cache[ $locale ] = $mo;
						break;
					}
				}
			}
		}
		return self::$cache[ $locale ];
	}
}
