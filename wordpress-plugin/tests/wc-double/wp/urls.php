<?php
/**
 * Test double: WordPress URL functions (link-template.php, functions.php,
 * rest-api.php, plugin.php).
 *
 * Modelled on WordPress 6.1: home_url/site_url/admin_url built from the
 * `home`/`siteurl` options (overridden by WP_HOME/WP_SITEURL when defined, as
 * WordPress's _config_wp_home does) with set_url_scheme() rules; rest_url()
 * with pretty permalinks ("/wp-json/…") or ?rest_route= without;
 * add_query_arg()/remove_query_arg() (existing query re-encoded with
 * urlencode, new values added as given, false removes, "key=" becomes "key");
 * plugins_url/plugin_dir_url/plugin_dir_path/plugin_basename relative to
 * WP_PLUGIN_DIR. The double's site lives at IOTPAY_TEST_HOME_URL
 * (default http://127.0.0.1:8080). Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

function set_url_scheme( $url, $scheme = null ) {
	$orig_scheme = $scheme;
	if ( ! $scheme ) {
		$scheme = is_ssl() ? 'https' : 'http';
	} elseif ( in_array( $scheme, array( 'admin', 'login', 'login_post', 'rpc' ), true ) ) {
		$scheme = is_ssl() ? 'https' : 'http';
	} elseif ( ! in_array( $scheme, array( 'http', 'https', 'relative' ), true ) ) {
		$scheme = is_ssl() ? 'https' : 'http';
	}
	$url = trim( (string) $url );
	if ( '//' === substr( $url, 0, 2 ) ) {
		$url = 'http:' . $url;
	}
	if ( 'relative' === $scheme ) {
		$url = ltrim( preg_replace( '#^\w+://[^/]*#', '', $url ) );
		if ( '' !== $url && '/' === $url[0] ) {
			$url = '/' . ltrim( $url, "/ \t\n\r\0\x0B" );
		}
	} else {
		$url = preg_replace( '#^\w+://#', $scheme . '://', $url );
	}
	return apply_filters( 'set_url_scheme', $url, $scheme, $orig_scheme );
}

function get_home_url( $blog_id = null, $path = '', $scheme = null ) {
	$orig_scheme = $scheme;
	$url         = (string) get_option( 'home' );
	if ( ! in_array( $scheme, array( 'http', 'https', 'relative' ), true ) ) {
		$scheme = is_ssl() ? 'https' : (string) parse_url( $url, PHP_URL_SCHEME );
	}
	$url = set_url_scheme( $url, $scheme );
	if ( $path && is_string( $path ) ) {
		$url .= '/' . ltrim( $path, '/' );
	}
	return apply_filters( 'home_url', $url, $path, $orig_scheme, $blog_id );
}

function home_url( $path = '', $scheme = null ) {
	return get_home_url( null, $path, $scheme );
}

function get_site_url( $blog_id = null, $path = '', $scheme = null ) {
	$url = (string) get_option( 'siteurl' );
	$url = set_url_scheme( $url, $scheme ?? (string) parse_url( $url, PHP_URL_SCHEME ) );
	if ( $path && is_string( $path ) ) {
		$url .= '/' . ltrim( $path, '/' );
	}
	return apply_filters( 'site_url', $url, $path, $scheme, $blog_id );
}

function site_url( $path = '', $scheme = null ) {
	return get_site_url( null, $path, $scheme );
}

function get_admin_url( $blog_id = null, $path = '', $scheme = 'admin' ) {
	$url = get_site_url( $blog_id, 'wp-admin/', $scheme );
	if ( $path && is_string( $path ) ) {
		$url .= ltrim( $path, '/' );
	}
	return apply_filters( 'admin_url', $url, $path, $blog_id, $scheme );
}

function admin_url( $path = '', $scheme = 'admin' ) {
	return get_admin_url( null, $path, $scheme );
}

function network_home_url( $path = '', $scheme = null ) {
	return home_url( $path, $scheme );
}

function network_site_url( $path = '', $scheme = null ) {
	return site_url( $path, $scheme );
}

function network_admin_url( $path = '', $scheme = 'admin' ) {
	return admin_url( 'network/' . ltrim( (string) $path, '/' ), $scheme );
}

function content_url( $path = '' ) {
	$url = site_url( 'wp-content' );
	if ( $path && is_string( $path ) ) {
		$url .= '/' . ltrim( $path, '/' );
	}
	return apply_filters( 'content_url', $url, $path );
}

function includes_url( $path = '', $scheme = null ) {
	$url = site_url( '/wp-includes/', $scheme );
	if ( $path && is_string( $path ) ) {
		$url .= ltrim( $path, '/' );
	}
	return apply_filters( 'includes_url', $url, $path, $scheme );
}

function rest_get_url_prefix() {
	return apply_filters( 'rest_url_prefix', 'wp-json' );
}

function get_rest_url( $blog_id = null, $path = '/', $scheme = 'rest' ) {
	if ( empty( $path ) ) {
		$path = '/';
	}
	$path = '/' . ltrim( (string) $path, '/' );
	if ( get_option( 'permalink_structure' ) ) {
		$url  = get_home_url( $blog_id, rest_get_url_prefix(), $scheme );
		$url .= $path;
	} else {
		$url = trailingslashit( get_home_url( $blog_id, '', $scheme ) );
		if ( 'index.php' !== substr( $url, 9 ) ) {
			$url .= 'index.php';
		}
		$url = add_query_arg( 'rest_route', $path, $url );
	}
	return apply_filters( 'rest_url', $url, $path, $blog_id, $scheme );
}

function rest_url( $path = '', $scheme = 'rest' ) {
	return get_rest_url( null, $path, $scheme );
}

function wp_parse_url( $url, $component = -1 ) {
	return parse_url( (string) $url, $component );
}

function urlencode_deep( $value ) {
	return map_deep( $value, 'urlencode' );
}

function rawurlencode_deep( $value ) {
	return map_deep( $value, 'rawurlencode' );
}

function urldecode_deep( $value ) {
	return map_deep( $value, 'urldecode' );
}

function _http_build_query( $data, $prefix = null, $sep = null, $key = '', $urlencode = true ) {
	$ret = array();
	foreach ( (array) $data as $k => $v ) {
		if ( $urlencode ) {
			$k = urlencode( (string) $k );
		}
		if ( is_int( $k ) && null !== $prefix ) {
			$k = $prefix . $k;
		}
		if ( ! empty( $key ) ) {
			$k = $key . '%5B' . $k . '%5D';
		}
		if ( null === $v ) {
			continue;
		} elseif ( false === $v ) {
			$v = '0';
		}
		if ( is_array( $v ) || is_object( $v ) ) {
			$ret[] = _http_build_query( $v, '', $sep, $k, $urlencode );
		} elseif ( $urlencode ) {
			$ret[] = $k . '=' . urlencode( (string) $v );
		} else {
			$ret[] = $k . '=' . $v;
		}
	}
	if ( null === $sep ) {
		$sep = ini_get( 'arg_separator.output' );
	}
	return implode( $sep, $ret );
}

function build_query( $data ) {
	return _http_build_query( $data, null, '&', '', false );
}

function add_query_arg( ...$args ) {
	if ( is_array( $args[0] ) ) {
		$uri = ( count( $args ) < 2 || false === $args[1] ) ? ( $_SERVER['REQUEST_URI'] ?? '' ) : $args[1];
	} else {
		$uri = ( count( $args ) < 3 || false === $args[2] ) ? ( $_SERVER['REQUEST_URI'] ?? '' ) : $args[2];
	}
	$uri = (string) $uri;

	$frag = '';
	if ( false !== ( $hash = strpos( $uri, '#' ) ) ) {
		$frag = substr( $uri, $hash );
		$uri  = substr( $uri, 0, $hash );
	}
	$protocol = '';
	if ( 0 === stripos( $uri, 'http://' ) ) {
		$protocol = 'http://';
		$uri      = substr( $uri, 7 );
	} elseif ( 0 === stripos( $uri, 'https://' ) ) {
		$protocol = 'https://';
		$uri      = substr( $uri, 8 );
	}
	if ( false !== strpos( $uri, '?' ) ) {
		list( $base, $query ) = explode( '?', $uri, 2 );
		$base                .= '?';
	} elseif ( $protocol || false === strpos( $uri, '=' ) ) {
		$base  = $uri . '?';
		$query = '';
	} else {
		$base  = '';
		$query = $uri;
	}

	wp_parse_str( $query, $qs );
	$qs = urlencode_deep( $qs );
	if ( is_array( $args[0] ) ) {
		foreach ( $args[0] as $k => $v ) {
			$qs[ $k ] = $v;
		}
	} else {
		$qs[ $args[0] ] = $args[1];
	}
	foreach ( $qs as $k => $v ) {
		if ( false === $v ) {
			unset( $qs[ $k ] );
		}
	}
	$ret = build_query( $qs );
	$ret = trim( $ret, '?' );
	$ret = preg_replace( '#=(&|$)#', '$1', $ret );
	$ret = $protocol . $base . $ret . $frag;
	$ret = rtrim( $ret, '?' );
	return str_replace( '?#', '#', $ret );
}

function remove_query_arg( $key, $query = false ) {
	if ( is_array( $key ) ) {
		foreach ( $key as $k ) {
			$query = add_query_arg( $k, false, $query );
		}
		return $query;
	}
	return add_query_arg( $key, false, $query );
}

function wp_removable_query_args() {
	return apply_filters( 'removable_query_args', array( 'activate', 'activated', 'settings-updated', 'updated', '_wpnonce' ) );
}

function user_trailingslashit( $string, $type_of_url = '' ) {
	$string = get_option( 'permalink_structure' ) && '/' === substr( (string) get_option( 'permalink_structure' ), -1 ) ? trailingslashit( $string ) : untrailingslashit( $string );
	return apply_filters( 'user_trailingslashit', $string, $type_of_url );
}

/* ---------------------------------------------------------------------------
 * Plugin paths
 * ------------------------------------------------------------------------- */

function plugin_basename( $file ) {
	$file       = wp_normalize_path( (string) $file );
	$plugin_dir = wp_normalize_path( WP_PLUGIN_DIR );
	$mu_dir     = wp_normalize_path( WPMU_PLUGIN_DIR );
	$real       = realpath( $file );
	if ( false !== $real ) {
		$real_plugin_dir = realpath( $plugin_dir );
		if ( false !== $real_plugin_dir && 0 === strpos( wp_normalize_path( $real ), wp_normalize_path( $real_plugin_dir ) . '/' ) ) {
			$file       = wp_normalize_path( $real );
			$plugin_dir = wp_normalize_path( $real_plugin_dir );
		}
	}
	$file = preg_replace( '#^' . preg_quote( $plugin_dir, '#' ) . '/|^' . preg_quote( $mu_dir, '#' ) . '/#', '', $file );
	return trim( $file, '/' );
}

function plugin_dir_path( $file ) {
	return trailingslashit( dirname( (string) $file ) );
}

function plugin_dir_url( $file ) {
	return trailingslashit( plugins_url( '', $file ) );
}

function plugins_url( $path = '', $plugin = '' ) {
	$path   = wp_normalize_path( (string) $path );
	$plugin = wp_normalize_path( (string) $plugin );
	$url    = set_url_scheme( site_url( 'wp-content/plugins' ) );
	if ( ! empty( $plugin ) ) {
		$folder = dirname( plugin_basename( $plugin ) );
		if ( '.' !== $folder ) {
			$url .= '/' . ltrim( $folder, '/' );
		}
	}
	if ( $path ) {
		$url .= '/' . ltrim( $path, '/' );
	}
	return apply_filters( 'plugins_url', $url, $path, $plugin );
}

function is_plugin_active( $plugin ) {
	return in_array( $plugin, (array) get_option( 'active_plugins', array() ), true ) || is_plugin_active_for_network( $plugin );
}

function is_plugin_inactive( $plugin ) {
	return ! is_plugin_active( $plugin );
}

function is_plugin_active_for_network( $plugin ) {
	return false;
}

function get_file_data( $file, $default_headers, $context = '' ) {
	$data = (string) @file_get_contents( $file, false, null, 0, 8 * KB_IN_BYTES );
	$data = str_replace( "\r", "\n", $data );
	$out  = array();
	foreach ( $default_headers as $field => $regex ) {
		if ( preg_match( '/^(?:[ \t]*<\?php)?[ \t\/*#@]*' . preg_quote( $regex, '/' ) . ':(.*)$/mi', $data, $m ) && $m[1] ) {
			$out[ $field ] = trim( preg_replace( '/\s*(?:\*\/|\?>).*/', '', $m[1] ) );
		} else {
			$out[ $field ] = '';
		}
	}
	return $out;
}

function get_plugin_data( $plugin_file, $markup = true, $translate = true ) {
	$headers = array(
		'Name'        => 'Plugin Name',
		'PluginURI'   => 'Plugin URI',
		'Version'     => 'Version',
		'Description' => 'Description',
		'Author'      => 'Author',
		'AuthorURI'   => 'Author URI',
		'TextDomain'  => 'Text Domain',
		'DomainPath'  => 'Domain Path',
		'Network'     => 'Network',
		'RequiresWP'  => 'Requires at least',
		'RequiresPHP' => 'Requires PHP',
		'UpdateURI'   => 'Update URI',
		'WC requires at least' => 'WC requires at least',
		'WC tested up to'      => 'WC tested up to',
	);
	$data            = get_file_data( $plugin_file, $headers, 'plugin' );
	$data['Network'] = 'true' === strtolower( $data['Network'] );
	$data['Title']   = $data['Name'];
	$data['AuthorName'] = $data['Author'];
	return $data;
}
