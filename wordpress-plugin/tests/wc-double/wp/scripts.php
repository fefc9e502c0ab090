<?php
/**
 * Test double: WordPress script and style registration (functions.wp-scripts.php,
 * functions.wp-styles.php, class-wp-scripts.php, class-wp-dependencies.php).
 *
 * Modelled on WordPress 6.1 signatures (wp_register_script's fifth argument is
 * still the bool $in_footer, not the 6.3 $args array): registering an existing
 * handle returns false and keeps the first registration; wp_enqueue_script()
 * with a src registers first; wp_localize_script() needs a registered handle,
 * stores "var NAME = JSON;" in the `data` extra (HTML entities of scalar values
 * decoded like WordPress), and returns false otherwise; wp_add_inline_script()
 * appends to the before/after extras and strips a <script> wrapper with a
 * _doing_it_wrong; wp_set_script_translations() records the text domain and
 * path and adds wp-i18n to the dependencies, and the printed page carries the
 * script's JSON translations before it (print_translations());
 * wp-hooks/wp-i18n are registered like core's;
 * wp_script_is()/wp_style_is() answer registered / enqueued (queue, including
 * dependencies of enqueued handles) / done / to_do. Everything is recorded
 * in the $wp_scripts / $wp_styles globals for assertions;
 * wc_double_print_assets() prints the tags for server.php's pages.
 * Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class _WP_Dependency { // phpcs:ignore

	public $handle;
	public $src;
	public $deps = array();
	public $ver  = false;
	public $args = null;
	public $extra = array();
	public $textdomain;
	public $translations_path;

	public function __construct( ...$args ) {
		list( $this->handle, $this->src, $this->deps, $this->ver, $this->args ) = array_pad( $args, 5, null );
		if ( ! is_array( $this->deps ) ) {
			$this->deps = array();
		}
	}

	public function add_data( $name, $data ) {
		if ( ! is_scalar( $name ) ) {
			return false;
		}
		$this->extra[ $name ] = $data;
		return true;
	}

	public function set_translations( $domain, $path = '' ) {
		if ( ! is_string( $domain ) ) {
			return false;
		}
		$this->textdomain        = $domain;
		$this->translations_path = $path;
		return true;
	}
}

class WP_Dependencies {

	/** @var array<string, _WP_Dependency> */
	public $registered = array();

	public $queue = array();

	public $to_do = array();

	public $done = array();

	public $args = array();

	public function add( $handle, $src, $deps = array(), $ver = false, $args = null ) {
		if ( isset( $this->registered[ $handle ] ) ) {
			return false;
		}
		$this->registered[ $handle ] = new _WP_Dependency( $handle, $src, $deps, $ver, $args );
		return true;
	}

	public function add_data( $handle, $key, $value ) {
		if ( ! isset( $this->registered[ $handle ] ) ) {
			return false;
		}
		return $this->registered[ $handle ]->add_data( $key, $value );
	}

	public function get_data( $handle, $key ) {
		if ( ! isset( $this->registered[ $handle ] ) ) {
			return false;
		}
		return $this->registered[ $handle ]->extra[ $key ] ?? false;
	}

	public function remove( $handles ) {
		foreach ( (array) $handles as $handle ) {
			unset( $this->registered[ $handle ] );
		}
	}

	public function enqueue( $handles ) {
		foreach ( (array) $handles as $handle ) {
			$parts = explode( '?', (string) $handle );
			if ( ! in_array( $parts[0], $this->queue, true ) && isset( $this->registered[ $parts[0] ] ) ) {
				$this->queue[] = $parts[0];
			}
		}
	}

	public function dequeue( $handles ) {
		foreach ( (array) $handles as $handle ) {
			$parts = explode( '?', (string) $handle );
			$key   = array_search( $parts[0], $this->queue, true );
			if ( false !== $key ) {
				unset( $this->queue[ $key ] );
				$this->queue = array_values( $this->queue );
			}
		}
	}

	protected function recurse_deps( $queue, $handle, array $seen = array() ) {
		foreach ( (array) $queue as $queued ) {
			if ( isset( $seen[ $queued ] ) || ! isset( $this->registered[ $queued ] ) ) {
				continue;
			}
			$seen[ $queued ] = true;
			$deps            = $this->registered[ $queued ]->deps;
			if ( in_array( $handle, $deps, true ) || $this->recurse_deps( $deps, $handle, $seen ) ) {
				return true;
			}
		}
		return false;
	}

	public function query( $handle, $list = 'registered' ) {
		switch ( $list ) {
			case 'registered':
			case 'scripts':
				return $this->registered[ $handle ] ?? false;
			case 'enqueued':
			case 'queue':
				return in_array( $handle, $this->queue, true ) || $this->recurse_deps( $this->queue, $handle );
			case 'to_do':
			case 'to_print':
				return in_array( $handle, $this->to_do, true );
			case 'done':
			case 'printed':
				return in_array( $handle, $this->done, true );
		}
		return false;
	}
}

class WP_Scripts extends WP_Dependencies {

	public $base_url;

	public $content_url;

	public $default_dirs = array( '/wp-admin/js/', '/wp-includes/js/' );

	/**
	 * WordPress 6.1: print_translations() — the inline script that hands the
	 * script's JSON translations (load_script_textdomain()) to wp.i18n.
	 */
	public function print_translations( $handle, $display = true ) {
		if ( ! isset( $this->registered[ $handle ] ) || empty( $this->registered[ $handle ]->textdomain ) ) {
			return false;
		}
		$domain = $this->registered[ $handle ]->textdomain;
		$path   = (string) ( $this->registered[ $handle ]->translations_path ?? '' );
		$json   = load_script_textdomain( $handle, $domain, $path );
		if ( ! $json ) {
			return false;
		}
		$output = "( function( domain, translations ) {\n\tvar localeData = translations.locale_data[ domain ] || translations.locale_data.messages;\n\tlocaleData[\"\"].domain = domain;\n\twp.i18n.setLocaleData( localeData, domain );\n} )( \"{$domain}\", {$json} );";
		if ( $display ) {
			printf( "<script id='%s-js-translations'>\n%s\n</script>\n", esc_attr( $handle ), $output ); // phpcs:ignore
		}
		return $output;
	}

	public function localize( $handle, $object_name, $l10n ) {
		if ( ! isset( $this->registered[ $handle ] ) ) {
			return false;
		}
		if ( ! is_array( $l10n ) ) {
			_doing_it_wrong( 'WP_Scripts::localize', sprintf( 'The %1$s parameter must be an array. To pass arbitrary data to scripts, use the %2$s function instead.', '<code>$l10n</code>', '<code>wp_add_inline_script()</code>' ), '5.7.0' );
			if ( false === $l10n ) {
				$l10n = array();
			}
		}
		if ( is_string( $l10n ) ) {
			$l10n = html_entity_decode( $l10n, ENT_QUOTES, 'UTF-8' );
		} elseif ( is_array( $l10n ) ) {
			foreach ( $l10n as $key => $value ) {
				if ( is_scalar( $value ) ) {
					$l10n[ $key ] = html_entity_decode( (string) $value, ENT_QUOTES, 'UTF-8' );
				}
			}
		}
		$script = "var $object_name = " . wp_json_encode( $l10n ) . ';';
		$after  = $this->get_data( $handle, 'data' );
		if ( ! empty( $after ) ) {
			$script = "$after\n$script";
		}
		return $this->add_data( $handle, 'data', $script );
	}

	public function add_inline_script( $handle, $data, $position = 'after' ) {
		$position = 'before' === $position ? 'before' : 'after';
		if ( ! $data ) {
			return false;
		}
		$existing   = (array) $this->get_data( $handle, $position );
		$existing   = array_filter( $existing );
		$existing[] = $data;
		return $this->add_data( $handle, $position, $existing );
	}

	public function set_translations( $handle, $domain = 'default', $path = '' ) {
		if ( ! isset( $this->registered[ $handle ] ) ) {
			return false;
		}
		$obj = $this->registered[ $handle ];
		if ( ! in_array( 'wp-i18n', $obj->deps, true ) ) {
			$obj->deps[] = 'wp-i18n';
		}
		return $obj->set_translations( $domain, $path );
	}
}

class WP_Styles extends WP_Dependencies {

	public function add_inline_style( $handle, $code ) {
		if ( ! $code ) {
			return false;
		}
		$after   = (array) $this->get_data( $handle, 'after' );
		$after   = array_filter( $after );
		$after[] = $code;
		return $this->add_data( $handle, 'after', $after );
	}
}

function wp_scripts() {
	global $wp_scripts;
	if ( ! $wp_scripts instanceof WP_Scripts ) {
		$wp_scripts = new WP_Scripts();
		wc_double_default_scripts( $wp_scripts );
	}
	return $wp_scripts;
}

/**
 * The core handles a plugin script may depend on (wp_default_scripts() /
 * wp_default_packages_scripts() in 6.1): wp-hooks and wp-i18n, served from
 * /wp-includes/js/dist/ (the double's own small implementations of
 * @wordpress/hooks and @wordpress/i18n, in wc-double/wp-includes/js/dist/),
 * with the "text direction" locale data WordPress adds after wp-i18n.
 */
function wc_double_default_scripts( WP_Scripts $scripts ): void {
	$scripts->base_url    = site_url();
	$scripts->content_url = defined( 'WP_CONTENT_URL' ) ? WP_CONTENT_URL : '';
	$scripts->add( 'wp-hooks', '/wp-includes/js/dist/hooks.min.js', array(), '6.1.1' );
	$scripts->add( 'wp-i18n', '/wp-includes/js/dist/i18n.min.js', array( 'wp-hooks' ), '6.1.1' );
	$scripts->add_inline_script( 'wp-i18n', "wp.i18n.setLocaleData( { 'text direction\\u0004ltr': [ 'ltr' ] } );", 'after' );
}

function wp_styles() {
	global $wp_styles;
	if ( ! $wp_styles instanceof WP_Styles ) {
		$wp_styles = new WP_Styles();
	}
	return $wp_styles;
}

function wp_register_script( $handle, $src, $deps = array(), $ver = false, $in_footer = false ) {
	$wp_scripts = wp_scripts();
	$registered = $wp_scripts->add( $handle, $src, $deps, $ver );
	if ( $in_footer ) {
		$wp_scripts->add_data( $handle, 'group', 1 );
	}
	return $registered;
}

function wp_enqueue_script( $handle, $src = '', $deps = array(), $ver = false, $in_footer = false ) {
	$wp_scripts = wp_scripts();
	if ( $src || $in_footer ) {
		$parts = explode( '?', $handle );
		if ( $src ) {
			$wp_scripts->add( $parts[0], $src, $deps, $ver );
		}
		if ( $in_footer ) {
			$wp_scripts->add_data( $parts[0], 'group', 1 );
		}
	}
	$wp_scripts->enqueue( $handle );
}

function wp_dequeue_script( $handle ) {
	wp_scripts()->dequeue( $handle );
}

function wp_deregister_script( $handle ) {
	wp_scripts()->remove( $handle );
}

function wp_localize_script( $handle, $object_name, $l10n ) {
	return wp_scripts()->localize( $handle, $object_name, $l10n );
}

function wp_add_inline_script( $handle, $data, $position = 'after' ) {
	if ( false !== stripos( (string) $data, '</script>' ) ) {
		_doing_it_wrong( __FUNCTION__, sprintf( 'Do not pass %1$s tags to %2$s.', '<code>&lt;script&gt;</code>', '<code>wp_add_inline_script()</code>' ), '4.5.0' );
		$data = trim( preg_replace( '#<script[^>]*>(.*)</script>#is', '$1', (string) $data ) );
	}
	return wp_scripts()->add_inline_script( $handle, $data, $position );
}

function wp_set_script_translations( $handle, $domain = 'default', $path = '' ) {
	return wp_scripts()->set_translations( $handle, $domain, $path );
}

function wp_script_is( $handle, $list = 'enqueued' ) {
	return (bool) wp_scripts()->query( $handle, $list );
}

function wp_script_add_data( $handle, $key, $value ) {
	return wp_scripts()->add_data( $handle, $key, $value );
}

function wp_register_style( $handle, $src, $deps = array(), $ver = false, $media = 'all' ) {
	return wp_styles()->add( $handle, $src, $deps, $ver, $media );
}

function wp_enqueue_style( $handle, $src = '', $deps = array(), $ver = false, $media = 'all' ) {
	$wp_styles = wp_styles();
	if ( $src ) {
		$parts = explode( '?', $handle );
		$wp_styles->add( $parts[0], $src, $deps, $ver, $media );
	}
	$wp_styles->enqueue( $handle );
}

function wp_dequeue_style( $handle ) {
	wp_styles()->dequeue( $handle );
}

function wp_deregister_style( $handle ) {
	wp_styles()->remove( $handle );
}

function wp_style_is( $handle, $list = 'enqueued' ) {
	return (bool) wp_styles()->query( $handle, $list );
}

function wp_add_inline_style( $handle, $data ) {
	if ( false !== stripos( (string) $data, '</style>' ) ) {
		_doing_it_wrong( __FUNCTION__, 'Do not pass style tags to wp_add_inline_style().', '3.7.0' );
		$data = trim( preg_replace( '#<style[^>]*>(.*)</style>#is', '$1', (string) $data ) );
	}
	return wp_styles()->add_inline_style( $handle, $data );
}

/**
 * Resolves an enqueued queue into dependency order (dependencies first).
 *
 * @return string[]
 */
function _wc_double_resolve_queue( WP_Dependencies $deps ): array {
	$ordered = array();
	$visit   = static function ( string $handle ) use ( &$visit, &$ordered, $deps ) {
		if ( in_array( $handle, $ordered, true ) || in_array( $handle, $deps->done, true ) || ! isset( $deps->registered[ $handle ] ) ) {
			return;
		}
		foreach ( $deps->registered[ $handle ]->deps as $dep ) {
			$visit( (string) $dep );
		}
		$ordered[] = $handle;
	};
	foreach ( $deps->queue as $handle ) {
		$visit( (string) $handle );
	}
	return $ordered;
}

/**
 * Prints <link>/<script> tags for what is enqueued and not printed yet
 * (server.php's pages): in the head, styles and scripts not registered for
 * the footer; in the footer ($footer = true), everything left — as
 * wp_head()/wp_footer() do.
 */
function wc_double_print_assets( bool $footer = false ): void {
	$styles = wp_styles();
	foreach ( _wc_double_resolve_queue( $styles ) as $handle ) {
		$obj = $styles->registered[ $handle ];
		if ( $obj->src ) {
			$src = $obj->ver ? add_query_arg( 'ver', $obj->ver, $obj->src ) : $obj->src;
			echo '<link rel="stylesheet" id="' . esc_attr( $handle ) . '-css" href="' . esc_url( $src ) . '" media="' . esc_attr( $obj->args ?: 'all' ) . '" />' . "\n"; // phpcs:ignore
		}
		foreach ( (array) ( $obj->extra['after'] ?? array() ) as $css ) {
			echo '<style id="' . esc_attr( $handle ) . '-inline-css">' . $css . "</style>\n"; // phpcs:ignore
		}
		$styles->done[] = $handle;
	}
	$scripts = wp_scripts();
	foreach ( _wc_double_resolve_queue( $scripts ) as $handle ) {
		$obj = $scripts->registered[ $handle ];
		if ( ! $footer && 1 === (int) ( $obj->extra['group'] ?? 0 ) ) {
			continue;
		}
		if ( ! empty( $obj->extra['data'] ) ) {
			echo '<script id="' . esc_attr( $handle ) . '-js-extra">' . $obj->extra['data'] . "</script>\n"; // phpcs:ignore
		}
		$scripts->print_translations( $handle );
		foreach ( (array) ( $obj->extra['before'] ?? array() ) as $js ) {
			echo '<script id="' . esc_attr( $handle ) . '-js-before">' . $js . "</script>\n"; // phpcs:ignore
		}
		if ( $obj->src ) {
			$src = ( preg_match( '|^(https?:)?//|', (string) $obj->src ) ? '' : $scripts->base_url ) . $obj->src;
			$src = $obj->ver ? add_query_arg( 'ver', $obj->ver, $src ) : $src;
			echo '<script src="' . esc_url( $src ) . '" id="' . esc_attr( $handle ) . '-js"></script>' . "\n"; // phpcs:ignore
		}
		foreach ( (array) ( $obj->extra['after'] ?? array() ) as $js ) {
			echo '<script id="' . esc_attr( $handle ) . '-js-after">' . $js . "</script>\n"; // phpcs:ignore
		}
		$scripts->done[] = $handle;
	}
}
