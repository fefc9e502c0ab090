<?php
/**
 * Test double: WordPress i18n (wp-includes/l10n.php, pomo/mo.php,
 * pomo/translations.php, class-wp-textdomain-registry.php,
 * class-wp-locale-switcher.php).
 *
 * Modelled on WordPress 6.1 (read in the Debian `wordpress` 6.1.9 package):
 * load_textdomain() parses the .mo file (both byte orders, contexts, plurals,
 * the Plural-Forms header) into an MO object kept in the $l10n global and
 * merged with one already loaded for the domain; translate(), _x(), _n(),
 * _nx() and the esc_* variants read it (get_translations_for_domain(), with
 * _load_textdomain_just_in_time() through the WP_Textdomain_Registry) and
 * then run the gettext / gettext_{$domain} … filters. load_plugin_textdomain()
 * tries WP_LANG_DIR/plugins first, then the plugin's folder (recorded as the
 * domain's custom path). WP_Locale_Switcher: switch_to_locale() refuses a
 * locale that is current or not installed (get_available_languages(): the
 * core .mo files in WP_LANG_DIR), otherwise reloads every loaded domain for
 * the new locale. load_script_textdomain() finds a script's JSON file by
 * handle, then by md5 of the script path relative to its plugin/theme, in the
 * given path and then in WP_LANG_DIR. Each load_textdomain() call is also
 * recorded in WC_Double_I18n::$loaded for assertions. Own implementation: no
 * WordPress code is copied.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

final class WC_Double_I18n {

	/**
	 * @var array<int, array{domain:string, mofile:string, loaded:bool}>
	 */
	public static array $loaded = array();

	/** Forgets every loaded domain, the registry and locale switches (a new request). */
	public static function reset(): void {
		self::$loaded                     = array();
		$GLOBALS['l10n']                  = array();
		$GLOBALS['l10n_unloaded']         = array();
		$GLOBALS['wp_textdomain_registry'] = new WP_Textdomain_Registry();
		$GLOBALS['wp_locale_switcher']    = null;
	}
}

/**
 * A Plural-Forms expression (C syntax: n, integers, ! * / % + - < <= > >= == !=
 * && || ?: and parentheses) evaluated for a count. Own recursive-descent parser.
 */
final class WC_Double_Plural_Forms {

	/** @var list<string> */
	private array $tokens;

	private int $pos = 0;

	private int $n = 0;

	public function __construct( string $expression ) {
		preg_match_all( '/\d+|n|&&|\|\||==|!=|<=|>=|[!*\/%+\-<>?:()]/', $expression, $m );
		if ( implode( '', $m[0] ) !== preg_replace( '/\s+/', '', $expression ) ) {
			throw new InvalidArgumentException( 'Invalid plural forms expression: ' . $expression );
		}
		$this->tokens = $m[0];
	}

	public function get( int $n ): int {
		$this->n   = $n;
		$this->pos = 0;
		$value     = $this->ternary();
		return (int) $value;
	}

	private function peek(): ?string {
		return $this->tokens[ $this->pos ] ?? null;
	}

	private function take(): ?string {
		return $this->tokens[ $this->pos++ ] ?? null;
	}

	private function ternary(): int {
		$cond = $this->binary( 0 );
		if ( '?' !== $this->peek() ) {
			return $cond;
		}
		$this->take();
		$yes = $this->ternary();
		$this->take(); // ':'
		$no = $this->ternary();
		return $cond ? $yes : $no;
	}

	private const LEVELS = array( array( '||' ), array( '&&' ), array( '==', '!=' ), array( '<', '<=', '>', '>=' ), array( '+', '-' ), array( '*', '/', '%' ) );

	private function binary( int $level ): int {
		if ( $level >= count( self::LEVELS ) ) {
			return $this->unary();
		}
		$left = $this->binary( $level + 1 );
		while ( in_array( $this->peek(), self::LEVELS[ $level ], true ) ) {
			$op    = $this->take();
			$right = $this->binary( $level + 1 );
			switch ( $op ) {
				case '||':
					$left = (int) ( $left || $right );
					break;
				case '&&':
					$left = (int) ( $left && $right );
					break;
				case '==':
					$left = (int) ( $left === $right );
					break;
				case '!=':
					$left = (int) ( $left !== $right );
					break;
				case '<':
					$left = (int) ( $left < $right );
					break;
				case '<=':
					$left = (int) ( $left <= $right );
					break;
				case '>':
					$left = (int) ( $left > $right );
					break;
				case '>=':
					$left = (int) ( $left >= $right );
					break;
				case '+':
					$left += $right;
					break;
				case '-':
					$left -= $right;
					break;
				case '*':
					$left *= $right;
					break;
				case '/':
					$left = 0 === $right ? 0 : intdiv( $left, $right );
					break;
				case '%':
					$left = 0 === $right ? 0 : $left % $right;
					break;
			}
		}
		return $left;
	}

	private function unary(): int {
		$t = $this->take();
		if ( '!' === $t ) {
			return (int) ! $this->unary();
		}
		if ( '(' === $t ) {
			$v = $this->ternary();
			$this->take(); // ')'
			return $v;
		}
		if ( 'n' === $t ) {
			return $this->n;
		}
		return (int) $t;
	}
}

/** One entry: singular, optional plural and context, its translations. */
class Translation_Entry {

	public $singular     = null;
	public $plural       = null;
	public $context      = null;
	public $translations = array();
	public $is_plural    = false;

	public function __construct( $args = array() ) {
		foreach ( (array) $args as $key => $value ) {
			$this->$key = $value;
		}
		$this->is_plural = null !== $this->plural;
	}

	public function key() {
		if ( null === $this->singular ) {
			return false;
		}
		$context = null === $this->context ? '' : $this->context . "\4";
		return $context . str_replace( "\r\n", "\n", (string) $this->singular );
	}
}

class NOOP_Translations {

	public $entries = array();
	public $headers = array();

	public function add_entry( $entry ) {
		return true;
	}

	public function set_header( $header, $value ) {}

	public function set_headers( $headers ) {}

	public function get_header( $header ) {
		return false;
	}

	public function translate_entry( &$entry ) {
		return false;
	}

	public function translate( $singular, $context = null ) {
		return $singular;
	}

	public function select_plural_form( $count ) {
		return 1 == $count ? 0 : 1; // phpcs:ignore
	}

	public function get_plural_forms_count() {
		return 2;
	}

	public function translate_plural( $singular, $plural, $count, $context = null ) {
		return 1 == $count ? $singular : $plural; // phpcs:ignore
	}

	public function merge_with( &$other ) {}
}

/** Translations read from a .mo file (pomo's MO, Gettext_Translations). */
class MO extends NOOP_Translations {

	private ?WC_Double_Plural_Forms $plural_forms = null;

	private int $nplurals = 2;

	private string $filename = '';

	public function get_filename() {
		return $this->filename;
	}

	public function add_entry( $entry ) {
		if ( is_array( $entry ) ) {
			$entry = new Translation_Entry( $entry );
		}
		$key = $entry->key();
		if ( false === $key ) {
			return false;
		}
		$this->entries[ $key ] = &$entry;
		return true;
	}

	public function set_header( $header, $value ) {
		$this->headers[ $header ] = $value;
		if ( 'Plural-Forms' === $header && preg_match( '/^\s*nplurals\s*=\s*(\d+)\s*;\s+plural\s*=\s*(.+)$/', (string) $value, $m ) ) {
			$this->nplurals     = (int) $m[1];
			$this->plural_forms = new WC_Double_Plural_Forms( rtrim( trim( $m[2] ), ';' ) );
		}
	}

	public function set_headers( $headers ) {
		foreach ( $headers as $header => $value ) {
			$this->set_header( $header, $value );
		}
	}

	public function get_header( $header ) {
		return $this->headers[ $header ] ?? false;
	}

	public function translate_entry( &$entry ) {
		$key = $entry->key();
		return $this->entries[ $key ] ?? false;
	}

	public function translate( $singular, $context = null ) {
		$entry      = new Translation_Entry( array( 'singular' => $singular, 'context' => $context ) );
		$translated = $this->translate_entry( $entry );
		return ( $translated && ! empty( $translated->translations ) ) ? $translated->translations[0] : $singular;
	}

	public function select_plural_form( $count ) {
		return null === $this->plural_forms ? parent::select_plural_form( $count ) : $this->plural_forms->get( (int) $count );
	}

	public function get_plural_forms_count() {
		return $this->nplurals;
	}

	public function translate_plural( $singular, $plural, $count, $context = null ) {
		$entry      = new Translation_Entry( array( 'singular' => $singular, 'plural' => $plural, 'context' => $context ) );
		$translated = $this->translate_entry( $entry );
		$index      = $this->select_plural_form( $count );
		if ( $translated && 0 <= $index && $index < $this->get_plural_forms_count() && isset( $translated->translations[ $index ] ) ) {
			return $translated->translations[ $index ];
		}
		return 1 == $count ? $singular : $plural; // phpcs:ignore
	}

	/** Entries of $other are added; on the same key $other's wins (WordPress: Translations::merge_with). */
	public function merge_with( &$other ) {
		foreach ( $other->entries as $entry ) {
			$this->entries[ $entry->key() ] = $entry;
		}
	}

	public function import_from_file( $filename ) {
		$data = @file_get_contents( $filename ); // phpcs:ignore
		if ( false === $data || strlen( $data ) < 28 ) {
			return false;
		}
		$this->filename = (string) $filename;
		$magic          = unpack( 'V', substr( $data, 0, 4 ) )[1];
		if ( 0x950412de === $magic ) {
			$f = 'V';
		} elseif ( 0xde120495 === $magic ) {
			$f = 'N';
		} else {
			return false;
		}
		$h = unpack( "{$f}revision/{$f}total/{$f}originals/{$f}translations", substr( $data, 4, 16 ) );
		if ( 0 !== $h['revision'] ) {
			return false;
		}
		for ( $i = 0; $i < $h['total']; $i++ ) {
			$o = unpack( "{$f}length/{$f}offset", substr( $data, $h['originals'] + 8 * $i, 8 ) );
			$t = unpack( "{$f}length/{$f}offset", substr( $data, $h['translations'] + 8 * $i, 8 ) );
			if ( $o['offset'] + $o['length'] > strlen( $data ) || $t['offset'] + $t['length'] > strlen( $data ) ) {
				return false;
			}
			$original    = substr( $data, $o['offset'], $o['length'] );
			$translation = substr( $data, $t['offset'], $t['length'] );
			if ( '' === $original ) {
				foreach ( explode( "\n", $translation ) as $line ) {
					$parts = explode( ':', $line, 2 );
					if ( 2 === count( $parts ) ) {
						$this->set_header( trim( $parts[0] ), trim( $parts[1] ) );
					}
				}
				continue;
			}
			$args = array();
			if ( false !== strpos( $original, "\4" ) ) {
				list( $args['context'], $original ) = explode( "\4", $original, 2 );
			}
			$forms            = explode( "\0", $original, 2 );
			$args['singular'] = $forms[0];
			if ( isset( $forms[1] ) ) {
				$args['plural'] = $forms[1];
			}
			$args['translations'] = explode( "\0", $translation );
			$this->add_entry( new Translation_Entry( $args ) );
		}
		return true;
	}
}

/** Where each domain's .mo files are, per locale (WordPress 6.1's registry). */
class WP_Textdomain_Registry {

	protected $all          = array();
	protected $current      = array();
	protected $custom_paths = array();
	protected $cached_mo_files = array();

	public function get( $domain, $locale ) {
		if ( isset( $this->all[ $domain ][ $locale ] ) ) {
			return $this->all[ $domain ][ $locale ];
		}
		return $this->get_path_from_lang_dir( $domain, $locale );
	}

	public function has( $domain ) {
		return ! empty( $this->current[ $domain ] ) || empty( $this->all[ $domain ] );
	}

	public function set( $domain, $locale, $path ) {
		$this->all[ $domain ][ $locale ] = $path ? trailingslashit( $path ) : false;
		$this->current[ $domain ]        = $this->all[ $domain ][ $locale ];
	}

	public function set_custom_path( $domain, $path ) {
		$this->custom_paths[ $domain ] = untrailingslashit( $path );
	}

	private function get_path_from_lang_dir( $domain, $locale ) {
		$locations = array( WP_LANG_DIR . '/plugins', WP_LANG_DIR . '/themes' );
		if ( isset( $this->custom_paths[ $domain ] ) ) {
			$locations[] = $this->custom_paths[ $domain ];
		}
		foreach ( $locations as $location ) {
			if ( ! isset( $this->cached_mo_files[ $location ] ) ) {
				$this->cached_mo_files[ $location ] = glob( $location . '/*.mo' ) ?: array();
			}
			if ( in_array( $location . "/$domain-$locale.mo", $this->cached_mo_files[ $location ], true ) ) {
				$this->set( $domain, $locale, $location );
				return trailingslashit( $location );
			}
		}
		if ( 'en_US' !== $locale && isset( $this->custom_paths[ $domain ] ) ) {
			$path = trailingslashit( $this->custom_paths[ $domain ] );
			$this->set( $domain, $locale, $path );
			return $path;
		}
		$this->set( $domain, $locale, false );
		return false;
	}
}

/** switch_to_locale() and friends (WordPress 6.1's WP_Locale_Switcher). */
class WP_Locale_Switcher {

	private $locales = array();
	private $original_locale;
	private $available_languages = array();

	public function __construct() {
		$this->original_locale     = determine_locale();
		$this->available_languages = array_merge( array( 'en_US' ), get_available_languages() );
	}

	public function init() {
		add_filter( 'locale', array( $this, 'filter_locale' ) );
	}

	public function switch_to_locale( $locale ) {
		if ( determine_locale() === $locale || ! in_array( $locale, $this->available_languages, true ) ) {
			return false;
		}
		$this->locales[] = $locale;
		$this->change_locale( $locale );
		do_action( 'switch_locale', $locale );
		return true;
	}

	public function restore_previous_locale() {
		$previous = array_pop( $this->locales );
		if ( null === $previous ) {
			return false;
		}
		$locale = end( $this->locales );
		if ( ! $locale ) {
			$locale = $this->original_locale;
		}
		$this->change_locale( $locale );
		do_action( 'restore_previous_locale', $locale, $previous );
		return $locale;
	}

	public function restore_current_locale() {
		if ( empty( $this->locales ) ) {
			return false;
		}
		$this->locales = array( $this->original_locale );
		return $this->restore_previous_locale();
	}

	public function is_switched() {
		return ! empty( $this->locales );
	}

	public function filter_locale( $locale ) {
		$switched = end( $this->locales );
		return $switched ? $switched : $locale;
	}

	private function change_locale( $locale ) {
		global $l10n;
		$domains = $l10n ? array_keys( $l10n ) : array();
		load_default_textdomain( $locale );
		foreach ( $domains as $domain ) {
			if ( 'default' === $domain ) {
				continue;
			}
			unload_textdomain( $domain, true );
			get_translations_for_domain( $domain );
		}
		do_action( 'change_locale', $locale );
	}
}

/** The locale switcher of this request: wp-settings.php builds it after plugins_loaded. */
function wc_double_locale_switcher(): WP_Locale_Switcher {
	if ( ! ( $GLOBALS['wp_locale_switcher'] ?? null ) instanceof WP_Locale_Switcher ) {
		$GLOBALS['wp_locale_switcher'] = new WP_Locale_Switcher();
		$GLOBALS['wp_locale_switcher']->init();
	}
	return $GLOBALS['wp_locale_switcher'];
}

function get_translations_for_domain( $domain ) {
	global $l10n;
	if ( isset( $l10n[ $domain ] ) || ( _load_textdomain_just_in_time( $domain ) && isset( $l10n[ $domain ] ) ) ) {
		return $l10n[ $domain ];
	}
	static $noop = null;
	if ( null === $noop ) {
		$noop = new NOOP_Translations();
	}
	return $noop;
}

function _load_textdomain_just_in_time( $domain ) {
	global $l10n_unloaded, $wp_textdomain_registry;
	$l10n_unloaded = (array) $l10n_unloaded;
	if ( 'default' === $domain || isset( $l10n_unloaded[ $domain ] ) || ! $wp_textdomain_registry->has( $domain ) ) {
		return false;
	}
	$locale = determine_locale();
	$path   = $wp_textdomain_registry->get( $domain, $locale );
	if ( ! $path ) {
		return false;
	}
	return load_textdomain( $domain, "{$path}{$domain}-{$locale}.mo", $locale );
}

function is_textdomain_loaded( $domain ) {
	global $l10n;
	return isset( $l10n[ $domain ] );
}

function translate( $text, $domain = 'default' ) {
	$translation = get_translations_for_domain( $domain )->translate( $text );
	$translation = apply_filters( 'gettext', $translation, $text, $domain );
	return apply_filters( "gettext_{$domain}", $translation, $text, $domain );
}

function translate_with_gettext_context( $text, $context, $domain = 'default' ) {
	$translation = get_translations_for_domain( $domain )->translate( $text, $context );
	$translation = apply_filters( 'gettext_with_context', $translation, $text, $context, $domain );
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
	$translation = get_translations_for_domain( $domain )->translate_plural( $single, $plural, $number );
	$translation = apply_filters( 'ngettext', $translation, $single, $plural, $number, $domain );
	return apply_filters( "ngettext_{$domain}", $translation, $single, $plural, $number, $domain );
}

function _nx( $single, $plural, $number, $context, $domain = 'default' ) {
	$translation = get_translations_for_domain( $domain )->translate_plural( $single, $plural, $number, $context );
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
	global $l10n, $l10n_unloaded, $wp_textdomain_registry;
	$l10n_unloaded   = (array) $l10n_unloaded;
	$plugin_override = apply_filters( 'override_load_textdomain', false, $domain, $mofile );
	if ( true === (bool) $plugin_override ) {
		unset( $l10n_unloaded[ $domain ] );
		return true;
	}
	do_action( 'load_textdomain', $domain, $mofile );
	$mofile = apply_filters( 'load_textdomain_mofile', $mofile, $domain );
	if ( ! is_readable( $mofile ) ) {
		WC_Double_I18n::$loaded[] = array( 'domain' => (string) $domain, 'mofile' => (string) $mofile, 'loaded' => false );
		return false;
	}
	if ( ! $locale ) {
		$locale = determine_locale();
	}
	$mo = new MO();
	if ( ! $mo->import_from_file( $mofile ) ) {
		$wp_textdomain_registry->set( $domain, $locale, false );
		WC_Double_I18n::$loaded[] = array( 'domain' => (string) $domain, 'mofile' => (string) $mofile, 'loaded' => false );
		return false;
	}
	if ( isset( $l10n[ $domain ] ) ) {
		$mo->merge_with( $l10n[ $domain ] );
	}
	unset( $l10n_unloaded[ $domain ] );
	$l10n[ $domain ] = $mo;
	$wp_textdomain_registry->set( $domain, $locale, dirname( $mofile ) );
	WC_Double_I18n::$loaded[] = array( 'domain' => (string) $domain, 'mofile' => (string) $mofile, 'loaded' => true );
	return true;
}

function unload_textdomain( $domain, $reloadable = false ) {
	global $l10n, $l10n_unloaded;
	$l10n_unloaded = (array) $l10n_unloaded;
	if ( apply_filters( 'override_unload_textdomain', false, $domain, $reloadable ) ) {
		if ( ! $reloadable ) {
			$l10n_unloaded[ $domain ] = true;
		}
		return true;
	}
	do_action( 'unload_textdomain', $domain, $reloadable );
	if ( isset( $l10n[ $domain ] ) ) {
		unset( $l10n[ $domain ] );
		if ( ! $reloadable ) {
			$l10n_unloaded[ $domain ] = true;
		}
		return true;
	}
	return false;
}

function load_default_textdomain( $locale = null ) {
	if ( null === $locale ) {
		$locale = determine_locale();
	}
	unload_textdomain( 'default' );
	$return = load_textdomain( 'default', WP_LANG_DIR . "/$locale.mo", $locale );
	if ( is_admin() ) {
		load_textdomain( 'default', WP_LANG_DIR . "/admin-$locale.mo", $locale );
	}
	return $return;
}

function load_plugin_textdomain( $domain, $deprecated = false, $plugin_rel_path = false ) {
	global $wp_textdomain_registry;
	$locale = apply_filters( 'plugin_locale', determine_locale(), $domain );
	$mofile = $domain . '-' . $locale . '.mo';
	if ( load_textdomain( $domain, WP_LANG_DIR . '/plugins/' . $mofile, $locale ) ) {
		return true;
	}
	if ( false !== $plugin_rel_path ) {
		$path = WP_PLUGIN_DIR . '/' . trim( (string) $plugin_rel_path, '/' );
	} elseif ( false !== $deprecated ) {
		_deprecated_argument( __FUNCTION__, '2.7.0' );
		$path = ABSPATH . trim( (string) $deprecated, '/' );
	} else {
		$path = WP_PLUGIN_DIR;
	}
	$wp_textdomain_registry->set_custom_path( $domain, $path );
	return load_textdomain( $domain, $path . '/' . $mofile, $locale );
}

function get_available_languages( $dir = null ) {
	$languages = array();
	foreach ( glob( ( is_null( $dir ) ? WP_LANG_DIR : $dir ) . '/*.mo' ) ?: array() as $file ) {
		$name = basename( $file, '.mo' );
		if ( 0 !== strpos( $name, 'continents-cities' ) && 0 !== strpos( $name, 'ms-' ) && 0 !== strpos( $name, 'admin-' ) ) {
			$languages[] = $name;
		}
	}
	return apply_filters( 'get_available_languages', $languages, $dir );
}

function load_script_textdomain( $handle, $domain = 'default', $path = '' ) {
	$wp_scripts = wp_scripts();
	if ( ! isset( $wp_scripts->registered[ $handle ] ) ) {
		return false;
	}
	$path      = untrailingslashit( (string) $path );
	$locale    = determine_locale();
	$file_base = 'default' === $domain ? $locale : $domain . '-' . $locale;
	if ( $path ) {
		$translations = load_script_translations( $path . '/' . $file_base . '-' . $handle . '.json', $handle, $domain );
		if ( $translations ) {
			return $translations;
		}
	}
	$src = (string) $wp_scripts->registered[ $handle ]->src;
	if ( ! preg_match( '|^(https?:)?//|', $src ) && ! ( $wp_scripts->content_url && 0 === strpos( $src, $wp_scripts->content_url ) ) ) {
		$src = $wp_scripts->base_url . $src;
	}
	$relative       = false;
	$languages_path = WP_LANG_DIR;
	$src_url        = wp_parse_url( $src );
	$content_url    = wp_parse_url( content_url() );
	$plugins_url    = wp_parse_url( plugins_url() );
	$site_url       = wp_parse_url( site_url() );
	$src_path       = (string) ( $src_url['path'] ?? '' );
	if ( ( ! isset( $content_url['path'] ) || 0 === strpos( $src_path, $content_url['path'] ) ) && ( ! isset( $src_url['host'] ) || ! isset( $content_url['host'] ) || $src_url['host'] === $content_url['host'] ) ) {
		// Relative to the plugin or theme: drop plugins/<plugin name> or themes/<theme name>.
		$relative       = explode( '/', trim( isset( $content_url['path'] ) ? substr( $src_path, strlen( $content_url['path'] ) ) : $src_path, '/' ) );
		$languages_path = WP_LANG_DIR . '/' . $relative[0];
		$relative       = implode( '/', array_slice( $relative, 2 ) );
	} elseif ( ( ! isset( $plugins_url['path'] ) || 0 === strpos( $src_path, $plugins_url['path'] ) ) && ( ! isset( $src_url['host'] ) || ! isset( $plugins_url['host'] ) || $src_url['host'] === $plugins_url['host'] ) ) {
		$relative       = explode( '/', trim( isset( $plugins_url['path'] ) ? substr( $src_path, strlen( $plugins_url['path'] ) ) : $src_path, '/' ) );
		$languages_path = WP_LANG_DIR . '/plugins';
		$relative       = implode( '/', array_slice( $relative, 1 ) );
	} elseif ( ! isset( $src_url['host'] ) || ! isset( $site_url['host'] ) || $src_url['host'] === $site_url['host'] ) {
		if ( ! isset( $site_url['path'] ) ) {
			$relative = trim( $src_path, '/' );
		} elseif ( 0 === strpos( $src_path, trailingslashit( $site_url['path'] ) ) ) {
			$relative = trim( substr( $src_path, strlen( $site_url['path'] ) ), '/' );
		}
	}
	$relative = apply_filters( 'load_script_textdomain_relative_path', $relative, $src );
	if ( false === $relative ) {
		return load_script_translations( false, $handle, $domain );
	}
	if ( '.min.js' === substr( $relative, -7 ) ) {
		$relative = substr( $relative, 0, -7 ) . '.js';
	}
	$md5_filename = $file_base . '-' . md5( $relative ) . '.json';
	if ( $path ) {
		$translations = load_script_translations( $path . '/' . $md5_filename, $handle, $domain );
		if ( $translations ) {
			return $translations;
		}
	}
	$translations = load_script_translations( $languages_path . '/' . $md5_filename, $handle, $domain );
	if ( $translations ) {
		return $translations;
	}
	return load_script_translations( false, $handle, $domain );
}

function load_script_translations( $file, $handle, $domain ) {
	$translations = apply_filters( 'pre_load_script_translations', null, $file, $handle, $domain );
	if ( null !== $translations ) {
		return $translations;
	}
	$file = apply_filters( 'load_script_translation_file', $file, $handle, $domain );
	if ( ! $file || ! is_readable( $file ) ) {
		return false;
	}
	$translations = file_get_contents( $file ); // phpcs:ignore
	return apply_filters( 'load_script_translations', $translations, $file, $handle, $domain );
}

function is_rtl() {
	return false;
}

function switch_to_locale( $locale ) {
	return wc_double_locale_switcher()->switch_to_locale( $locale );
}

function restore_previous_locale() {
	return wc_double_locale_switcher()->restore_previous_locale();
}

function restore_current_locale() {
	return wc_double_locale_switcher()->restore_current_locale();
}

function is_locale_switched() {
	return wc_double_locale_switcher()->is_switched();
}

WC_Double_I18n::reset();
