<?php
/**
 * Test double: WordPress options and transients, stored in `{prefix}options`.
 *
 * Modelled on WordPress 6.1 wp-includes/option.php. Reproduced: the filters
 * pre_option_{$option}, pre_option (6.1), default_option_{$option},
 * option_{$option}, pre_update_option(_{$option}); the actions add_option,
 * update_option, delete_option and their per-option/past-tense variants;
 * values serialized with maybe_serialize(); the per-request cache (object cache
 * group `options` plus `notoptions`), so a value changed by another process is
 * seen by the next request, not the current one (use wp_cache_flush() to
 * re-read); update_option() returning false when the value is unchanged or the
 * UPDATE changed no row; add_option() returning false when the option exists
 * (by a read) and otherwise using INSERT … ON DUPLICATE KEY UPDATE, so two
 * processes can both "add" the same option: it is not a lock. Autoload is
 * stored but not used. Transients are the _transient_/_transient_timeout_
 * options; their expiry uses the test clock iotpay_test_now(). Own
 * implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

function wp_protect_special_option( $option ) {
	if ( 'alloptions' === $option || 'notoptions' === $option ) {
		wp_die( sprintf( '%s is a protected WP option and may not be modified', esc_html( $option ) ) );
	}
}

function sanitize_option( $option, $value ) {
	$original = $value;
	if ( in_array( $option, array( 'home', 'siteurl' ), true ) ) {
		$value = untrailingslashit( esc_url_raw( (string) $value ) );
	}
	return apply_filters( "sanitize_option_{$option}", $value, $option, $original );
}

function get_option( $option, $default = false ) {
	global $wpdb;
	if ( is_scalar( $option ) ) {
		$option = trim( (string) $option );
	}
	if ( empty( $option ) ) {
		return false;
	}
	$pre = apply_filters( "pre_option_{$option}", false, $option, $default );
	$pre = apply_filters( 'pre_option', $pre, $option, $default );
	if ( false !== $pre ) {
		return $pre;
	}
	$passed_default = func_num_args() > 1;

	$notoptions = wp_cache_get( 'notoptions', 'options' );
	if ( is_array( $notoptions ) && isset( $notoptions[ $option ] ) ) {
		return apply_filters( "default_option_{$option}", $default, $option, $passed_default );
	}
	$value = wp_cache_get( $option, 'options', false, $found );
	if ( ! $found ) {
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT option_value FROM $wpdb->options WHERE option_name = %s LIMIT 1", $option ) );
		if ( is_object( $row ) ) {
			$value = $row->option_value;
			wp_cache_add( $option, $value, 'options' );
		} else {
			$notoptions            = is_array( $notoptions ) ? $notoptions : array();
			$notoptions[ $option ] = true;
			wp_cache_set( 'notoptions', $notoptions, 'options' );
			return apply_filters( "default_option_{$option}", $default, $option, $passed_default );
		}
	}
	return apply_filters( "option_{$option}", maybe_unserialize( $value ), $option );
}

function update_option( $option, $value, $autoload = null ) {
	global $wpdb;
	if ( is_scalar( $option ) ) {
		$option = trim( (string) $option );
	}
	if ( empty( $option ) ) {
		return false;
	}
	wp_protect_special_option( $option );
	if ( is_object( $value ) ) {
		$value = clone $value;
	}
	$value     = sanitize_option( $option, $value );
	$old_value = get_option( $option );
	$value     = apply_filters( "pre_update_option_{$option}", $value, $old_value, $option );
	$value     = apply_filters( 'pre_update_option', $value, $option, $old_value );

	if ( $value === $old_value || maybe_serialize( $value ) === maybe_serialize( $old_value ) ) {
		return false;
	}
	if ( apply_filters( "default_option_{$option}", false, $option, false ) === $old_value ) {
		return add_option( $option, $value, '', $autoload ?? 'yes' );
	}
	$serialized = maybe_serialize( $value );
	do_action( 'update_option', $option, $old_value, $value );
	$data = array( 'option_value' => $serialized );
	if ( null !== $autoload ) {
		$data['autoload'] = ( 'no' === $autoload || false === $autoload ) ? 'no' : 'yes';
	}
	$result = $wpdb->update( $wpdb->options, $data, array( 'option_name' => $option ) );
	if ( ! $result ) {
		return false;
	}
	$notoptions = wp_cache_get( 'notoptions', 'options' );
	if ( is_array( $notoptions ) && isset( $notoptions[ $option ] ) ) {
		unset( $notoptions[ $option ] );
		wp_cache_set( 'notoptions', $notoptions, 'options' );
	}
	wp_cache_set( $option, $serialized, 'options' );
	do_action( "update_option_{$option}", $old_value, $value, $option );
	do_action( 'updated_option', $option, $old_value, $value );
	return true;
}

function add_option( $option, $value = '', $deprecated = '', $autoload = 'yes' ) {
	global $wpdb;
	if ( is_scalar( $option ) ) {
		$option = trim( (string) $option );
	}
	if ( empty( $option ) ) {
		return false;
	}
	wp_protect_special_option( $option );
	if ( is_object( $value ) ) {
		$value = clone $value;
	}
	$value      = sanitize_option( $option, $value );
	$notoptions = wp_cache_get( 'notoptions', 'options' );
	if ( ! is_array( $notoptions ) || ! isset( $notoptions[ $option ] ) ) {
		if ( apply_filters( "default_option_{$option}", false, $option, false ) !== get_option( $option ) ) {
			return false;
		}
	}
	$serialized = maybe_serialize( $value );
	$autoload   = ( 'no' === $autoload || false === $autoload ) ? 'no' : 'yes';
	do_action( 'add_option', $option, $value );
	$result = $wpdb->query(
		$wpdb->prepare(
			"INSERT INTO `$wpdb->options` (`option_name`, `option_value`, `autoload`) VALUES (%s, %s, %s) ON DUPLICATE KEY UPDATE `option_name` = VALUES(`option_name`), `option_value` = VALUES(`option_value`), `autoload` = VALUES(`autoload`)",
			$option,
			$serialized,
			$autoload
		)
	);
	if ( ! $result ) {
		return false;
	}
	wp_cache_set( $option, $serialized, 'options' );
	$notoptions = wp_cache_get( 'notoptions', 'options' );
	if ( is_array( $notoptions ) && isset( $notoptions[ $option ] ) ) {
		unset( $notoptions[ $option ] );
		wp_cache_set( 'notoptions', $notoptions, 'options' );
	}
	do_action( "add_option_{$option}", $option, $value );
	do_action( 'added_option', $option, $value );
	return true;
}

function delete_option( $option ) {
	global $wpdb;
	if ( is_scalar( $option ) ) {
		$option = trim( (string) $option );
	}
	if ( empty( $option ) ) {
		return false;
	}
	wp_protect_special_option( $option );
	$row = $wpdb->get_row( $wpdb->prepare( "SELECT autoload FROM $wpdb->options WHERE option_name = %s", $option ) );
	if ( null === $row ) {
		return false;
	}
	do_action( 'delete_option', $option );
	$result = $wpdb->delete( $wpdb->options, array( 'option_name' => $option ) );
	wp_cache_delete( $option, 'options' );
	if ( $result ) {
		do_action( "delete_option_{$option}", $option );
		do_action( 'deleted_option', $option );
		return true;
	}
	return false;
}

function get_site_option( $option, $default = false, $deprecated = true ) {
	return get_option( $option, $default );
}

function update_site_option( $option, $value ) {
	return update_option( $option, $value );
}

function add_site_option( $option, $value ) {
	return add_option( $option, $value );
}

function delete_site_option( $option ) {
	return delete_option( $option );
}

function set_transient( $transient, $value, $expiration = 0 ) {
	$expiration = (int) $expiration;
	$value      = apply_filters( "pre_set_transient_{$transient}", $value, $expiration, $transient );
	$expiration = (int) apply_filters( "expiration_of_transient_{$transient}", $expiration, $value, $transient );
	$result     = _wc_double_store_transient( '_transient_', $transient, $value, $expiration );
	if ( $result ) {
		do_action( "set_transient_{$transient}", $value, $expiration, $transient );
		do_action( 'setted_transient', $transient, $value, $expiration );
	}
	return $result;
}

/**
 * Stores {$prefix}{$name} and, with an expiry, {$prefix}timeout_{$name}, as WordPress does.
 */
function _wc_double_store_transient( string $prefix, $transient, $value, int $expiration ): bool {
	$timeout_name = $prefix . 'timeout_' . $transient;
	$option_name  = $prefix . $transient;
	$now          = iotpay_test_now();
	if ( false === get_option( $option_name ) ) {
		$autoload = 'yes';
		if ( $expiration ) {
			$autoload = 'no';
			add_option( $timeout_name, $now + $expiration, '', 'no' );
		}
		return add_option( $option_name, $value, '', $autoload );
	}
	if ( $expiration ) {
		if ( false === get_option( $timeout_name ) ) {
			delete_option( $option_name );
			add_option( $timeout_name, $now + $expiration, '', 'no' );
			return add_option( $option_name, $value, '', 'no' );
		}
		update_option( $timeout_name, $now + $expiration );
	}
	return update_option( $option_name, $value );
}

/**
 * @return mixed false when missing or expired (an expired one is deleted).
 */
function _wc_double_read_transient( string $prefix, $transient ) {
	$option_name = $prefix . $transient;
	$timeout     = get_option( $prefix . 'timeout_' . $transient );
	if ( false !== $timeout && (int) $timeout < iotpay_test_now() ) {
		delete_option( $option_name );
		delete_option( $prefix . 'timeout_' . $transient );
		return false;
	}
	return get_option( $option_name );
}

function get_transient( $transient ) {
	$pre = apply_filters( "pre_transient_{$transient}", false, $transient );
	if ( false !== $pre ) {
		return $pre;
	}
	return apply_filters( "transient_{$transient}", _wc_double_read_transient( '_transient_', $transient ), $transient );
}

function delete_transient( $transient ) {
	do_action( "delete_transient_{$transient}", $transient );
	$result = delete_option( '_transient_' . $transient );
	if ( $result ) {
		delete_option( '_transient_timeout_' . $transient );
		do_action( 'deleted_transient', $transient );
	}
	return $result;
}

function set_site_transient( $transient, $value, $expiration = 0 ) {
	$expiration = (int) $expiration;
	$value      = apply_filters( "pre_set_site_transient_{$transient}", $value, $transient );
	$expiration = (int) apply_filters( "expiration_of_site_transient_{$transient}", $expiration, $value, $transient );
	$result     = _wc_double_store_transient( '_site_transient_', $transient, $value, $expiration );
	if ( $result ) {
		do_action( "set_site_transient_{$transient}", $value, $expiration, $transient );
		do_action( 'setted_site_transient', $transient, $value, $expiration );
	}
	return $result;
}

function get_site_transient( $transient ) {
	$pre = apply_filters( "pre_site_transient_{$transient}", false, $transient );
	if ( false !== $pre ) {
		return $pre;
	}
	return apply_filters( "site_transient_{$transient}", _wc_double_read_transient( '_site_transient_', $transient ), $transient );
}

function delete_site_transient( $transient ) {
	do_action( "delete_site_transient_{$transient}", $transient );
	$result = delete_option( '_site_transient_' . $transient );
	if ( $result ) {
		delete_option( '_site_transient_timeout_' . $transient );
		do_action( 'deleted_site_transient', $transient );
	}
	return $result;
}
