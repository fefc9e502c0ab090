<?php
/**
 * Test double: WordPress escaping and sanitising (formatting.php, kses.php).
 *
 * Modelled on WordPress 6.1 wp-includes/formatting.php and kses.php:
 * esc_html/esc_attr (ENT_QUOTES, no double encoding of valid entities),
 * esc_textarea (double encodes), esc_js, esc_url (scheme allow-list, http://
 * prepended to scheme-less hosts, & → &#038; and ' → &#039; in the display
 * context), esc_url_raw/sanitize_url (db context), sanitize_text_field (tags
 * stripped, whitespace collapsed, %XX octets removed), sanitize_key,
 * sanitize_title(_with_dashes), sanitize_email/is_email (simplified),
 * wp_strip_all_tags, and a kses that keeps only allowed tags and attributes
 * (the 'post' list is WordPress's allowedposttags plus global attributes;
 * URI attributes must use an allowed protocol; text inside removed tags
 * stays). CSS in style attributes is not filtered property by property.
 * Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

function wp_check_invalid_utf8( $string, $strip = false ) {
	$string = (string) $string;
	if ( '' === $string ) {
		return '';
	}
	if ( mb_check_encoding( $string, 'UTF-8' ) ) {
		return $string;
	}
	if ( $strip ) {
		return mb_convert_encoding( $string, 'UTF-8', 'UTF-8' );
	}
	return '';
}

function _wp_specialchars( $string, $quote_style = ENT_NOQUOTES, $charset = false, $double_encode = false ) {
	$string = (string) $string;
	if ( '' === $string || ! preg_match( '/[&<>"\']/', $string ) ) {
		return $string;
	}
	if ( 'single' === $quote_style ) {
		$flags = ENT_NOQUOTES;
		$out   = htmlspecialchars( $string, $flags, 'UTF-8', (bool) $double_encode );
		return str_replace( "'", '&#039;', $out );
	}
	if ( 'double' === $quote_style ) {
		$quote_style = ENT_COMPAT;
	} elseif ( ! in_array( $quote_style, array( ENT_NOQUOTES, ENT_COMPAT, ENT_QUOTES ), true ) ) {
		$quote_style = ENT_QUOTES;
	}
	return htmlspecialchars( $string, $quote_style | ENT_HTML401, 'UTF-8', (bool) $double_encode );
}

function esc_html( $text ) {
	$safe = _wp_specialchars( wp_check_invalid_utf8( $text ), ENT_QUOTES );
	return apply_filters( 'esc_html', $safe, $text );
}

function esc_attr( $text ) {
	$safe = _wp_specialchars( wp_check_invalid_utf8( $text ), ENT_QUOTES );
	return apply_filters( 'attribute_escape', $safe, $text );
}

function esc_textarea( $text ) {
	$safe = htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' );
	return apply_filters( 'esc_textarea', $safe, $text );
}

function esc_xml( $text ) {
	return apply_filters( 'esc_xml', htmlspecialchars( (string) $text, ENT_QUOTES | ENT_XML1, 'UTF-8', false ), $text );
}

function esc_js( $text ) {
	$safe = _wp_specialchars( wp_check_invalid_utf8( $text ), ENT_COMPAT );
	$safe = preg_replace( '/&#(x)?0*(?(1)27|39);?/i', "'", stripslashes( $safe ) );
	$safe = str_replace( "\r", '', $safe );
	$safe = str_replace( "\n", '\\n', addslashes( $safe ) );
	return apply_filters( 'js_escape', $safe, $text );
}

function wp_allowed_protocols() {
	static $protocols = null;
	if ( null === $protocols ) {
		$protocols = array( 'http', 'https', 'ftp', 'ftps', 'mailto', 'news', 'irc', 'irc6', 'ircs', 'gopher', 'nntp', 'feed', 'telnet', 'mms', 'rtsp', 'sms', 'svn', 'tel', 'fax', 'xmpp', 'webcal', 'urn' );
	}
	return array_unique( (array) apply_filters( 'kses_allowed_protocols', $protocols ) );
}

/**
 * Removes a disallowed scheme: "javascript:alert(1)" becomes "alert(1)".
 */
function wp_kses_bad_protocol( $string, $allowed_protocols ) {
	$string     = preg_replace( '/(&#0*58(?![;0-9])|&#x0*3a(?![;a-f0-9]))/i', '$1;', (string) $string );
	$iterations = 0;
	do {
		$before = $string;
		if ( preg_match( '/^([^\/?#:]+):/', $string, $m ) ) {
			$scheme = strtolower( trim( html_entity_decode( $m[1], ENT_QUOTES, 'UTF-8' ) ) );
			$scheme = preg_replace( '/[^a-z0-9+.-]/', '', $scheme );
			if ( ! in_array( $scheme, array_map( 'strtolower', (array) $allowed_protocols ), true ) ) {
				$string = substr( $string, strlen( $m[0] ) );
			}
		}
	} while ( $before !== $string && ++$iterations < 6 );
	return $string;
}

function esc_url( $url, $protocols = null, $_context = 'display' ) {
	$original = $url;
	$url      = (string) $url;
	if ( '' === $url ) {
		return $url;
	}
	$url = str_replace( ' ', '%20', ltrim( $url ) );
	$url = preg_replace( '|[^a-z0-9-~+_.?#=!&;,/:%@$\|*\'()\[\]\\x80-\\xff]|i', '', $url );
	if ( '' === $url ) {
		return $url;
	}
	if ( 0 !== stripos( $url, 'mailto:' ) ) {
		do {
			$before = $url;
			$url    = str_ireplace( array( '%0d', '%0a' ), '', $url );
		} while ( $before !== $url );
	}
	$url = str_replace( ';//', '://', $url );
	if ( false === strpos( $url, ':' ) && ! in_array( $url[0], array( '/', '#', '?' ), true ) && ! preg_match( '/^[a-z0-9-]+?\.php/i', $url ) ) {
		$url = 'http://' . $url;
	}
	if ( 'display' === $_context ) {
		$url = preg_replace( '/&(?!(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);)/i', '&amp;', $url );
		$url = str_replace( '&amp;', '&#038;', $url );
		$url = str_replace( "'", '&#039;', $url );
	}
	if ( '/' !== $url[0] ) {
		$protocols = is_array( $protocols ) ? $protocols : wp_allowed_protocols();
		$good      = wp_kses_bad_protocol( $url, $protocols );
		if ( strtolower( $good ) !== strtolower( $url ) ) {
			return '';
		}
		$url = $good;
	}
	return apply_filters( 'clean_url', $url, $original, $_context );
}

function esc_url_raw( $url, $protocols = null ) {
	return sanitize_url( $url, $protocols );
}

function sanitize_url( $url, $protocols = null ) {
	return esc_url( $url, $protocols, 'db' );
}

function wp_strip_all_tags( $string, $remove_breaks = false ) {
	$string = preg_replace( '@<(script|style)[^>]*?>.*?</\\1>@si', '', (string) $string );
	$string = strip_tags( $string );
	if ( $remove_breaks ) {
		$string = preg_replace( '/[\r\n\t ]+/', ' ', $string );
	}
	return trim( $string );
}

function wp_pre_kses_less_than( $text ) {
	return preg_replace_callback(
		'%<[^>]*?((?=<)|>|$)%',
		static function ( $m ) {
			if ( false === strpos( $m[0], '>' ) ) {
				return esc_html( $m[0] );
			}
			return $m[0];
		},
		(string) $text
	);
}

function _sanitize_text_fields( $str, $keep_newlines = false ) {
	if ( is_object( $str ) || is_array( $str ) ) {
		return '';
	}
	$filtered = wp_check_invalid_utf8( (string) $str );
	if ( false !== strpos( $filtered, '<' ) ) {
		$filtered = wp_pre_kses_less_than( $filtered );
		$filtered = wp_strip_all_tags( $filtered, false );
		$filtered = str_replace( "<\n", "&lt;\n", $filtered );
	}
	if ( ! $keep_newlines ) {
		$filtered = preg_replace( '/[\r\n\t ]+/', ' ', $filtered );
	}
	$filtered = trim( $filtered );
	$found    = false;
	while ( preg_match( '/%[a-f0-9]{2}/i', $filtered, $match ) ) {
		$filtered = str_replace( $match[0], '', $filtered );
		$found    = true;
	}
	if ( $found ) {
		$filtered = trim( preg_replace( '/ +/', ' ', $filtered ) );
	}
	return $filtered;
}

function sanitize_text_field( $str ) {
	return apply_filters( 'sanitize_text_field', _sanitize_text_fields( $str, false ), $str );
}

function sanitize_textarea_field( $str ) {
	return apply_filters( 'sanitize_textarea_field', _sanitize_text_fields( $str, true ), $str );
}

function sanitize_key( $key ) {
	$sanitized = '';
	if ( is_scalar( $key ) ) {
		$sanitized = strtolower( (string) $key );
		$sanitized = preg_replace( '/[^a-z0-9_\-]/', '', $sanitized );
	}
	return apply_filters( 'sanitize_key', $sanitized, $key );
}

function remove_accents( $string ) {
	$string = (string) $string;
	if ( ! preg_match( '/[\x80-\xff]/', $string ) ) {
		return $string;
	}
	if ( function_exists( 'iconv' ) ) {
		$converted = @iconv( 'UTF-8', 'ASCII//TRANSLIT//IGNORE', $string );
		if ( false !== $converted ) {
			return $converted;
		}
	}
	return $string;
}

function sanitize_title_with_dashes( $title, $raw_title = '', $context = 'display' ) {
	$title = strip_tags( (string) $title );
	$title = preg_replace( '|%([a-fA-F0-9][a-fA-F0-9])|', '---$1---', $title );
	$title = str_replace( '%', '', $title );
	$title = preg_replace( '|---([a-fA-F0-9][a-fA-F0-9])---|', '%$1', $title );
	$title = strtolower( $title );
	if ( 'save' === $context ) {
		$title = str_replace( array( '%c2%a0', '%e2%80%93', '%e2%80%94' ), '-', $title );
		$title = str_replace( '/', '-', $title );
	}
	$title = preg_replace( '/&.+?;/', '', $title );
	$title = str_replace( '.', '-', $title );
	$title = preg_replace( '/[^%a-z0-9 _-]/', '', $title );
	$title = preg_replace( '/\s+/', '-', $title );
	$title = preg_replace( '|-+|', '-', $title );
	return trim( $title, '-' );
}

function sanitize_title( $title, $fallback_title = '', $context = 'save' ) {
	$raw = $title;
	if ( 'save' === $context ) {
		$title = remove_accents( (string) $title );
	}
	$title = sanitize_title_with_dashes( $title, $raw, $context );
	$title = apply_filters( 'sanitize_title', $title, $raw, $context );
	if ( '' === $title || false === $title ) {
		$title = $fallback_title;
	}
	return $title;
}

function sanitize_html_class( $class, $fallback = '' ) {
	$sanitized = preg_replace( '|%[a-fA-F0-9][a-fA-F0-9]|', '', (string) $class );
	$sanitized = preg_replace( '/[^A-Za-z0-9_-]/', '', $sanitized );
	if ( '' === $sanitized && $fallback ) {
		return sanitize_html_class( $fallback );
	}
	return apply_filters( 'sanitize_html_class', $sanitized, $class, $fallback );
}

function sanitize_file_name( $filename ) {
	$raw      = $filename;
	$filename = remove_accents( (string) $filename );
	$filename = str_replace( array( '?', '[', ']', '/', '\\', '=', '<', '>', ':', ';', ',', "'", '"', '&', '$', '#', '*', '(', ')', '|', '~', '`', '!', '{', '}', '%', '+', chr( 0 ) ), '', $filename );
	$filename = preg_replace( '/[\r\n\t -]+/', '-', $filename );
	$filename = trim( $filename, '.-_' );
	return apply_filters( 'sanitize_file_name', $filename, $raw );
}

function sanitize_user( $username, $strict = false ) {
	$raw      = $username;
	$username = wp_strip_all_tags( (string) $username );
	$username = remove_accents( $username );
	$username = preg_replace( '|%([a-fA-F0-9][a-fA-F0-9])|', '', $username );
	$username = preg_replace( '/&.+?;/', '', $username );
	if ( $strict ) {
		$username = preg_replace( '|[^a-z0-9 _.\-@]|i', '', $username );
	}
	$username = trim( preg_replace( '|\s+|', ' ', $username ) );
	return apply_filters( 'sanitize_user', $username, $raw, $strict );
}

function is_email( $email, $deprecated = false ) {
	$email = (string) $email;
	if ( strlen( $email ) < 6 || false === strpos( $email, '@', 1 ) ) {
		return apply_filters( 'is_email', false, $email, 'email_too_short' );
	}
	list( $local, $domain ) = explode( '@', $email, 2 );
	if ( ! preg_match( '/^[a-zA-Z0-9!#$%&\'*+\/=?^_`{|}~\.-]+$/', $local ) ) {
		return apply_filters( 'is_email', false, $email, 'local_invalid_chars' );
	}
	if ( preg_match( '/\.{2,}/', $domain ) || trim( $domain, " \t\n\r\0\x0B." ) !== $domain ) {
		return apply_filters( 'is_email', false, $email, 'domain_period_sequence' );
	}
	$subs = explode( '.', $domain );
	if ( count( $subs ) < 2 ) {
		return apply_filters( 'is_email', false, $email, 'domain_no_periods' );
	}
	foreach ( $subs as $sub ) {
		if ( trim( $sub, " \t\n\r\0\x0B-" ) !== $sub || ! preg_match( '/^[a-z0-9-]+$/i', $sub ) ) {
			return apply_filters( 'is_email', false, $email, 'sub_invalid_chars' );
		}
	}
	return apply_filters( 'is_email', $email, $email, null );
}

function sanitize_email( $email ) {
	$email = (string) $email;
	if ( strlen( $email ) < 6 || false === strpos( $email, '@', 1 ) ) {
		return apply_filters( 'sanitize_email', '', $email, 'email_too_short' );
	}
	list( $local, $domain ) = explode( '@', $email, 2 );
	$local = preg_replace( '/[^a-zA-Z0-9!#$%&\'*+\/=?^_`{|}~\.-]/', '', $local );
	if ( '' === $local ) {
		return apply_filters( 'sanitize_email', '', $email, 'local_invalid_chars' );
	}
	$domain = trim( preg_replace( '/\.{2,}/', '', $domain ), " \t\n\r\0\x0B." );
	$subs   = array();
	foreach ( explode( '.', $domain ) as $sub ) {
		$sub = trim( preg_replace( '/[^a-z0-9-]+/i', '', $sub ), " \t\n\r\0\x0B-" );
		if ( '' !== $sub ) {
			$subs[] = $sub;
		}
	}
	if ( count( $subs ) < 2 ) {
		return apply_filters( 'sanitize_email', '', $email, 'domain_no_valid_subs' );
	}
	$sanitized = $local . '@' . implode( '.', $subs );
	return apply_filters( 'sanitize_email', $sanitized, $email, null );
}

function wp_normalize_path( $path ) {
	$path = str_replace( '\\', '/', (string) $path );
	$path = preg_replace( '|(?<=.)/+|', '/', $path );
	if ( ':' === substr( $path, 1, 1 ) ) {
		$path = ucfirst( $path );
	}
	return $path;
}

/* ---------------------------------------------------------------------------
 * kses
 * ------------------------------------------------------------------------- */

function _wc_double_kses_global_attributes(): array {
	return array(
		'aria-describedby' => true,
		'aria-details'     => true,
		'aria-label'       => true,
		'aria-labelledby'  => true,
		'aria-hidden'      => true,
		'class'            => true,
		'data-*'           => true,
		'dir'              => true,
		'id'               => true,
		'lang'             => true,
		'style'            => true,
		'title'            => true,
		'role'             => true,
		'xml:lang'         => true,
	);
}

function _wc_double_kses_post_tags(): array {
	$plain = array();
	$tags  = array(
		'a'          => array( 'href', 'rel', 'rev', 'name', 'target', 'download', 'hreflang', 'referrerpolicy' ),
		'abbr'       => array(),
		'address'    => array(),
		'area'       => array( 'alt', 'coords', 'href', 'nohref', 'shape', 'target' ),
		'article'    => array( 'align' ),
		'aside'      => array( 'align' ),
		'audio'      => array( 'autoplay', 'controls', 'loop', 'muted', 'preload', 'src' ),
		'b'          => array(),
		'bdo'        => array(),
		'big'        => array(),
		'blockquote' => array( 'cite' ),
		'br'         => array(),
		'button'     => array( 'disabled', 'name', 'type', 'value' ),
		'caption'    => array( 'align' ),
		'cite'       => array(),
		'code'       => array(),
		'col'        => array( 'align', 'char', 'charoff', 'span', 'valign', 'width' ),
		'colgroup'   => array( 'align', 'char', 'charoff', 'span', 'valign', 'width' ),
		'del'        => array( 'datetime' ),
		'dd'         => array(),
		'dfn'        => array(),
		'details'    => array( 'align', 'open' ),
		'div'        => array( 'align' ),
		'dl'         => array(),
		'dt'         => array(),
		'em'         => array(),
		'fieldset'   => array(),
		'figure'     => array( 'align' ),
		'figcaption' => array( 'align' ),
		'font'       => array( 'color', 'face', 'size' ),
		'footer'     => array( 'align' ),
		'h1'         => array( 'align' ),
		'h2'         => array( 'align' ),
		'h3'         => array( 'align' ),
		'h4'         => array( 'align' ),
		'h5'         => array( 'align' ),
		'h6'         => array( 'align' ),
		'header'     => array( 'align' ),
		'hgroup'     => array( 'align' ),
		'hr'         => array( 'align', 'noshade', 'size', 'width' ),
		'i'          => array(),
		'img'        => array( 'alt', 'align', 'border', 'height', 'hspace', 'loading', 'longdesc', 'vspace', 'src', 'usemap', 'width', 'decoding', 'srcset', 'sizes' ),
		'ins'        => array( 'datetime', 'cite' ),
		'kbd'        => array(),
		'label'      => array( 'for' ),
		'legend'     => array( 'align' ),
		'li'         => array( 'align', 'value' ),
		'main'       => array( 'align' ),
		'map'        => array( 'name' ),
		'mark'       => array(),
		'menu'       => array( 'type' ),
		'nav'        => array( 'align' ),
		'object'     => array( 'data', 'type' ),
		'p'          => array( 'align' ),
		'pre'        => array( 'width' ),
		'q'          => array( 'cite' ),
		'rb'         => array(),
		'rp'         => array(),
		'rt'         => array(),
		'rtc'        => array(),
		'ruby'       => array(),
		's'          => array(),
		'samp'       => array(),
		'span'       => array( 'align' ),
		'section'    => array( 'align' ),
		'small'      => array(),
		'strike'     => array(),
		'strong'     => array(),
		'sub'        => array(),
		'summary'    => array( 'align' ),
		'sup'        => array(),
		'table'      => array( 'align', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'rules', 'summary', 'width' ),
		'tbody'      => array( 'align', 'char', 'charoff', 'valign' ),
		'td'         => array( 'abbr', 'align', 'axis', 'bgcolor', 'char', 'charoff', 'colspan', 'headers', 'height', 'nowrap', 'rowspan', 'scope', 'valign', 'width' ),
		'textarea'   => array( 'cols', 'rows', 'disabled', 'name', 'readonly' ),
		'tfoot'      => array( 'align', 'char', 'charoff', 'valign' ),
		'th'         => array( 'abbr', 'align', 'axis', 'bgcolor', 'char', 'charoff', 'colspan', 'headers', 'height', 'nowrap', 'rowspan', 'scope', 'valign', 'width' ),
		'thead'      => array( 'align', 'char', 'charoff', 'valign' ),
		'title'      => array(),
		'tr'         => array( 'align', 'bgcolor', 'char', 'charoff', 'valign' ),
		'track'      => array( 'default', 'kind', 'label', 'src', 'srclang' ),
		'tt'         => array(),
		'u'          => array(),
		'ul'         => array( 'type' ),
		'ol'         => array( 'start', 'type', 'reversed' ),
		'var'        => array(),
		'video'      => array( 'autoplay', 'controls', 'height', 'loop', 'muted', 'playsinline', 'poster', 'preload', 'src', 'width' ),
	);
	foreach ( $tags as $tag => $attrs ) {
		$plain[ $tag ] = array_merge( array_fill_keys( $attrs, true ), _wc_double_kses_global_attributes() );
	}
	return $plain;
}

function _wc_double_kses_data_tags(): array {
	return array(
		'a'          => array(
			'href'  => true,
			'title' => true,
		),
		'abbr'       => array( 'title' => true ),
		'acronym'    => array( 'title' => true ),
		'b'          => array(),
		'blockquote' => array( 'cite' => true ),
		'cite'       => array(),
		'code'       => array(),
		'del'        => array( 'datetime' => true ),
		'em'         => array(),
		'i'          => array(),
		'q'          => array( 'cite' => true ),
		's'          => array(),
		'strike'     => array(),
		'strong'     => array(),
	);
}

function wp_kses_allowed_html( $context = '' ) {
	if ( is_array( $context ) ) {
		return apply_filters( 'wp_kses_allowed_html', $context, 'explicit' );
	}
	switch ( $context ) {
		case 'post':
			$tags = _wc_double_kses_post_tags();
			break;
		case 'user_description':
		case 'pre_user_description':
		case 'data':
			$tags = _wc_double_kses_data_tags();
			break;
		case 'strip':
			$tags = array();
			break;
		case 'entities':
			$tags = array();
			break;
		default:
			$tags = _wc_double_kses_data_tags();
	}
	return apply_filters( 'wp_kses_allowed_html', $tags, $context );
}

function wp_kses_uri_attributes() {
	return apply_filters( 'wp_kses_uri_attributes', array( 'action', 'archive', 'background', 'cite', 'classid', 'codebase', 'data', 'formaction', 'href', 'icon', 'longdesc', 'manifest', 'poster', 'profile', 'src', 'usemap', 'xmlns' ) );
}

function wp_kses( $string, $allowed_html, $allowed_protocols = array() ) {
	if ( empty( $allowed_protocols ) ) {
		$allowed_protocols = wp_allowed_protocols();
	}
	$string = str_replace( "\0", '', (string) $string );
	$string = preg_replace( '/\\\\+0+/', '', $string );
	$allowed = is_array( $allowed_html ) ? wp_kses_allowed_html( $allowed_html ) : wp_kses_allowed_html( $allowed_html );
	$allowed = array_change_key_case( (array) $allowed, CASE_LOWER );

	return preg_replace_callback(
		'%(<!--.*?(-->|$))|(<[^>]*(>|$)|>)%s',
		static function ( $m ) use ( $allowed, $allowed_protocols ) {
			return _wc_double_kses_token( $m[0], $allowed, $allowed_protocols );
		},
		$string
	);
}

function _wc_double_kses_token( string $token, array $allowed, array $protocols ): string {
	if ( '<!--' === substr( $token, 0, 4 ) ) {
		$inner = str_replace( array( '<!--', '-->' ), '', $token );
		$inner = preg_replace( '/--+/', '-', $inner );
		return '<!--' . rtrim( $inner, '-' ) . '-->';
	}
	if ( '>' === $token ) {
		return '&gt;';
	}
	if ( ! preg_match( '%^<\s*(/\s*)?([a-zA-Z0-9-]+)([^>]*)>?$%', $token, $m ) ) {
		return '';
	}
	$closing = '' !== trim( $m[1] );
	$tag     = strtolower( $m[2] );
	if ( ! isset( $allowed[ $tag ] ) ) {
		return '';
	}
	if ( $closing ) {
		return "</$tag>";
	}
	$attr_text  = $m[3];
	$self_close = (bool) preg_match( '%/\s*$%', $attr_text );
	$allowed_at = array_change_key_case( is_array( $allowed[ $tag ] ) ? $allowed[ $tag ] : array(), CASE_LOWER );
	$uri_attrs  = wp_kses_uri_attributes();
	$out_attrs  = array();
	preg_match_all( '/([\w:.-]+)(?:\s*=\s*("[^"]*"|\'[^\']*\'|[^\s"\'>]+))?/', rtrim( $attr_text, '/ ' ), $am, PREG_SET_ORDER );
	foreach ( $am as $a ) {
		$name  = strtolower( $a[1] );
		$valid = isset( $allowed_at[ $name ] ) || ( 0 === strpos( $name, 'data-' ) && isset( $allowed_at['data-*'] ) && preg_match( '/^data(?:-[a-z0-9_]+)+$/', $name ) );
		if ( ! $valid || 0 === strpos( $name, 'on' ) ) {
			continue;
		}
		if ( ! isset( $a[2] ) ) {
			$out_attrs[] = $name;
			continue;
		}
		$value = $a[2];
		if ( '"' === $value[0] || "'" === $value[0] ) {
			$value = substr( $value, 1, -1 );
		}
		if ( in_array( $name, $uri_attrs, true ) ) {
			$value = wp_kses_bad_protocol( $value, $protocols );
		}
		if ( 'style' === $name && preg_match( '/expression|javascript:|behaviou?r|\\\\/i', $value ) ) {
			continue;
		}
		$out_attrs[] = $name . '="' . str_replace( '"', '&quot;', $value ) . '"';
	}
	return '<' . $tag . ( $out_attrs ? ' ' . implode( ' ', $out_attrs ) : '' ) . ( $self_close ? ' /' : '' ) . '>';
}

function wp_kses_post( $data ) {
	return wp_kses( $data, 'post' );
}

function wp_kses_data( $data ) {
	return wp_kses( $data, 'data' );
}

function wp_kses_post_deep( $data ) {
	return map_deep( $data, 'wp_kses_post' );
}

function wp_filter_kses( $data ) {
	return addslashes( wp_kses( stripslashes( (string) $data ), 'data' ) );
}

function wp_filter_post_kses( $data ) {
	return addslashes( wp_kses( stripslashes( (string) $data ), 'post' ) );
}

function wpautop( $text, $br = true ) {
	$text = trim( (string) $text );
	if ( '' === $text ) {
		return '';
	}
	$paragraphs = preg_split( '/\n\s*\n/', str_replace( array( "\r\n", "\r" ), "\n", $text ) );
	$out        = '';
	foreach ( $paragraphs as $p ) {
		$p = trim( $p );
		if ( '' === $p ) {
			continue;
		}
		if ( preg_match( '/^<(div|p|table|ul|ol|h[1-6]|pre|blockquote|form|section)[\s>]/i', $p ) ) {
			$out .= $p . "\n";
			continue;
		}
		if ( $br ) {
			$p = preg_replace( '|(?<!<br />)\s*\n|', "<br />\n", $p );
		}
		$out .= '<p>' . $p . "</p>\n";
	}
	return $out;
}

function wptexturize( $text, $reset = false ) {
	return (string) $text;
}

function make_clickable( $text ) {
	return (string) $text;
}

function convert_smilies( $text ) {
	return (string) $text;
}

function trailingslashit( $string ) {
	return untrailingslashit( $string ) . '/';
}

function untrailingslashit( $string ) {
	return rtrim( (string) $string, '/\\' );
}

function zeroise( $number, $threshold ) {
	return sprintf( '%0' . $threshold . 's', $number );
}
