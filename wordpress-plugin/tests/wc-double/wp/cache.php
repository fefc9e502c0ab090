<?php
/**
 * Test double: the WordPress object cache (non-persistent, per process).
 *
 * Modelled on WordPress 6.1 wp-includes/cache.php + class-wp-object-cache.php
 * without a persistent backend: values live for one request (one PHP process
 * in server.php; one test in TestCase, which flushes it in setUp). Objects are
 * cloned on set/get like WP_Object_Cache. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

final class WC_Double_Object_Cache {

	/**
	 * @var array<string, array<string, mixed>>
	 */
	public static array $data = array();

	public static function key_group( $group ): string {
		return '' === (string) $group ? 'default' : (string) $group;
	}

	public static function copy( $value ) {
		return is_object( $value ) ? clone $value : $value;
	}
}

function wp_cache_init() {
	WC_Double_Object_Cache::$data = array();
}

function wp_cache_get( $key, $group = '', $force = false, &$found = null ) {
	$g = WC_Double_Object_Cache::key_group( $group );
	if ( isset( WC_Double_Object_Cache::$data[ $g ] ) && array_key_exists( (string) $key, WC_Double_Object_Cache::$data[ $g ] ) ) {
		$found = true;
		return WC_Double_Object_Cache::copy( WC_Double_Object_Cache::$data[ $g ][ (string) $key ] );
	}
	$found = false;
	return false;
}

function wp_cache_set( $key, $data, $group = '', $expire = 0 ) {
	WC_Double_Object_Cache::$data[ WC_Double_Object_Cache::key_group( $group ) ][ (string) $key ] = WC_Double_Object_Cache::copy( $data );
	return true;
}

function wp_cache_add( $key, $data, $group = '', $expire = 0 ) {
	wp_cache_get( $key, $group, false, $found );
	if ( $found ) {
		return false;
	}
	return wp_cache_set( $key, $data, $group, $expire );
}

function wp_cache_replace( $key, $data, $group = '', $expire = 0 ) {
	wp_cache_get( $key, $group, false, $found );
	if ( ! $found ) {
		return false;
	}
	return wp_cache_set( $key, $data, $group, $expire );
}

function wp_cache_delete( $key, $group = '' ) {
	$g = WC_Double_Object_Cache::key_group( $group );
	if ( ! isset( WC_Double_Object_Cache::$data[ $g ] ) || ! array_key_exists( (string) $key, WC_Double_Object_Cache::$data[ $g ] ) ) {
		return false;
	}
	unset( WC_Double_Object_Cache::$data[ $g ][ (string) $key ] );
	return true;
}

function wp_cache_incr( $key, $offset = 1, $group = '' ) {
	$value = wp_cache_get( $key, $group, false, $found );
	if ( ! $found ) {
		return false;
	}
	$value = max( 0, (int) $value + (int) $offset );
	wp_cache_set( $key, $value, $group );
	return $value;
}

function wp_cache_decr( $key, $offset = 1, $group = '' ) {
	return wp_cache_incr( $key, -1 * (int) $offset, $group );
}

function wp_cache_flush() {
	WC_Double_Object_Cache::$data = array();
	return true;
}

function wp_cache_flush_group( $group ) {
	unset( WC_Double_Object_Cache::$data[ WC_Double_Object_Cache::key_group( $group ) ] );
	return true;
}

function wp_cache_get_multiple( $keys, $group = '', $force = false ) {
	$out = array();
	foreach ( $keys as $key ) {
		$out[ $key ] = wp_cache_get( $key, $group, $force );
	}
	return $out;
}

function wp_cache_add_non_persistent_groups( $groups ) {
}

function wp_cache_add_global_groups( $groups ) {
}
