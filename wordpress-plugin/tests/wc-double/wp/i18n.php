<?php
/**
 * Test double: WordPress i18n (wp-includes/l10n.php).
 *
 * Modelled on WordPress 6.1: __(), _e(), _x(), _ex(), _n(), _nx(),
 * _n_noop()/translate_nooped_plural() and the esc_* variants run the gettext,
 * gettext_{$domain}, gettext_with_context(_{$domain}), ngettext(_{$domain})
 * filters on the untranslated text (the locale is en_US; no .mo file is
 * parsed, so the "translation" is the original). load_plugin_textdomain()
 * looks for {domain}-{locale}.mo in WP_LANG_DIR/plugins then in the plugin's
 * folder and returns whether one was found; each call is recorded in
 * WC_Double_I18n::$loaded for assertions. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

final class WC_Double_I18n {

	/**
	 * @var array<int, array{domain:string, mofile:string, loaded:bool}>
	 */
	public static array $loaded = array();

	/**
	 * @var array<string, bool>
	 */
	public static array $domains = array();
}

function translate( $text, $domain = 'default' ) {
	$translation = apply_filters( 'gettext', $text, $text, $domain );
	return apply_filters( "gettext_{$domain}", $translation, $text, $domain );
}

function translate_with_gettext_context( $text, $context, $domain = 'default' ) {
	$translation = apply_filters( 'gettext_with_context', $text, $text, $context, $domain );
	return apply_filters( "gettext_with_context_{$domain}", $translation, $text, $context, $domain );
}

function __( $text, $domain = 'default' ) {
	return translate( $text, $domain );
}

function _e( $text, $domain = 'default' ) {
	echo translate( $text, $domain ); // phpcs:ignore
}

function _x( $text, $context, $domain = 'default' ) {
	return translate_with_gettext_context( $text, $context, $domain );
}

function _ex( $text, $context, $domain = 'default' ) {
	echo _x( $text, $context, $domain ); // phpcs:ignore
}

function _n( $single, $plural, $number, $domain = 'default' ) {
	$translation = ( 1 === (int) $number ) ? $single : $plural;
	$translation = apply_filters( 'ngettext', $translation, $single, $plural, $number, $domain );
	return apply_filters( "ngettext_{$domain}", $translation, $single, $plural, $number, $domain );
}

function _nx( $single, $plural, $number, $context, $domain = 'default' ) {
	$translation = ( 1 === (int) $number ) ? $single : $plural;
	$translation = apply_filters( 'ngettext_with_context', $translation, $single, $plural, $number, $context, $domain );
	return apply_filters( "ngettext_with_context_{$domain}", $translation, $single, $plural, $number, $context, $domain );
}

function _n_noop( $singular, $plural, $domain = null ) {
	return array(
		0          => $singular,
		1          => $plural,
		'singular' => $singular,
		'plural'   => $plural,
		'context'  => null,
		'domain'   => $domain,
	);
}

function _nx_noop( $singular, $plural, $context, $domain = null ) {
	$noop            = _n_noop( $singular, $plural, $domain );
	$noop[2]         = $context;
	$noop['context'] = $context;
	return $noop;
}

function translate_nooped_plural( $nooped_plural, $count, $domain = 'default' ) {
	if ( $nooped_plural['domain'] ) {
		$domain = $nooped_plural['domain'];
	}
	if ( $nooped_plural['context'] ) {
		return _nx( $nooped_plural['singular'], $nooped_plural['plural'], $count, $nooped_plural['context'], $domain );
	}
	return _n( $nooped_plural['singular'], $nooped_plural['plural'], $count, $domain );
}

function esc_html__( $text, $domain = 'default' ) {
	return esc_html( translate( $text, $domain ) );
}

function esc_html_e( $text, $domain = 'default' ) {
	echo esc_html( translate( $text, $domain ) ); // phpcs:ignore
}

function esc_html_x( $text, $context, $domain = 'default' ) {
	return esc_html( translate_with_gettext_context( $text, $context, $domain ) );
}

function esc_attr__( $text, $domain = 'default' ) {
	return esc_attr( translate( $text, $domain ) );
}

function esc_attr_e( $text, $domain = 'default' ) {
	echo esc_attr( translate( $text, $domain ) ); // phpcs:ignore
}

function esc_attr_x( $text, $context, $domain = 'default' ) {
	return esc_attr( translate_with_gettext_context( $text, $context, $domain ) );
}

function load_textdomain( $domain, $mofile, $locale = null ) {
	$plugin_override = apply_filters( 'override_load_textdomain', false, $domain, $mofile, $locale );
	if ( true === $plugin_override ) {
		WC_Double_I18n::$domains[ $domain ] = true;
		return true;
	}
	do_action( 'load_textdomain', $domain, $mofile );
	$mofile = apply_filters( 'load_textdomain_mofile', $mofile, $domain );
	$ok     = is_readable( $mofile );
	WC_Double_I18n::$loaded[] = array(
		'domain' => (string) $domain,
		'mofile' => (string) $mofile,
		'loaded' => $ok,
	);
	if ( $ok ) {
		WC_Double_I18n::$domains[ $domain ] = true;
	}
	return $ok;
}

function load_plugin_textdomain( $domain, $deprecated = false, $plugin_rel_path = false ) {
	$locale = apply_filters( 'plugin_locale', determine_locale(), $domain );
	$mofile = $domain . '-' . $locale . '.mo';
	if ( load_textdomain( $domain, WP_LANG_DIR . '/plugins/' . $mofile, $locale ) ) {
		return true;
	}
	if ( false !== $plugin_rel_path ) {
		$path = WP_PLUGIN_DIR . '/' . trim( (string) $plugin_rel_path, '/' );
	} elseif ( false !== $deprecated ) {
		$path = ABSPATH . trim( (string) $deprecated, '/' );
	} else {
		$path = WP_PLUGIN_DIR;
	}
	return load_textdomain( $domain, $path . '/' . $mofile, $locale );
}

function unload_textdomain( $domain, $reloadable = false ) {
	$was = isset( WC_Double_I18n::$domains[ $domain ] );
	unset( WC_Double_I18n::$domains[ $domain ] );
	return $was;
}

function is_textdomain_loaded( $domain ) {
	return isset( WC_Double_I18n::$domains[ $domain ] );
}

function is_rtl() {
	return false;
}

function switch_to_locale( $locale ) {
	return false;
}

function restore_previous_locale() {
	return false;
}
