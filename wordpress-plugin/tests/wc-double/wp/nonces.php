<?php
/**
 * Test double: WordPress nonces (pluggable.php, functions.php).
 *
 * Modelled on WordPress 6.1: a nonce is 10 hex characters of
 * wp_hash("{tick}|{action}|{uid}|{session token}", 'nonce'); the tick is
 * ceil(now / (nonce_life / 2)) with nonce_life = DAY_IN_SECONDS (filter
 * `nonce_life`, which receives $action since 6.1); wp_verify_nonce() returns 1
 * for the current tick, 2 for the previous one, false otherwise (and fires
 * wp_verify_nonce_failed); logged-out users use `nonce_user_logged_out`.
 * check_admin_referer() wp_die()s with 403 "The link you followed has
 * expired."; check_ajax_referer() looks at $query_arg, then _ajax_nonce, then
 * _wpnonce, and on failure wp_die( -1, 403 ) under AJAX or die( '-1' )
 * otherwise (in PHPUnit both throw WPDieException). "now" is the test clock,
 * so TestCase::advanceTime() expires nonces. The session token is '' (the
 * double has no session cookies). Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

function wp_get_session_token() {
	return '';
}

function wp_nonce_tick( $action = -1 ) {
	$nonce_life = apply_filters( 'nonce_life', DAY_IN_SECONDS, $action );
	return (int) ceil( iotpay_test_now() / ( $nonce_life / 2 ) );
}

function _wc_double_nonce_for_tick( int $tick, $action, int $uid, string $token ): string {
	return substr( wp_hash( $tick . '|' . $action . '|' . $uid . '|' . $token, 'nonce' ), -12, 10 );
}

function wp_create_nonce( $action = -1 ) {
	$user = wp_get_current_user();
	$uid  = (int) $user->ID;
	if ( ! $uid ) {
		$uid = (int) apply_filters( 'nonce_user_logged_out', $uid, $action );
	}
	return _wc_double_nonce_for_tick( wp_nonce_tick( $action ), $action, $uid, wp_get_session_token() );
}

function wp_verify_nonce( $nonce, $action = -1 ) {
	$nonce = (string) $nonce;
	$user  = wp_get_current_user();
	$uid   = (int) $user->ID;
	if ( ! $uid ) {
		$uid = (int) apply_filters( 'nonce_user_logged_out', $uid, $action );
	}
	if ( empty( $nonce ) ) {
		return false;
	}
	$token = wp_get_session_token();
	$tick  = wp_nonce_tick( $action );
	if ( hash_equals( _wc_double_nonce_for_tick( $tick, $action, $uid, $token ), $nonce ) ) {
		return 1;
	}
	if ( hash_equals( _wc_double_nonce_for_tick( $tick - 1, $action, $uid, $token ), $nonce ) ) {
		return 2;
	}
	do_action( 'wp_verify_nonce_failed', $nonce, $action, $user, $token );
	return false;
}

function wp_referer_field( $echo = true ) {
	$field = '<input type="hidden" name="_wp_http_referer" value="' . esc_attr( wp_unslash( $_SERVER['REQUEST_URI'] ?? '' ) ) . '" />';
	if ( $echo ) {
		echo $field; // phpcs:ignore
	}
	return $field;
}

function wp_nonce_field( $action = -1, $name = '_wpnonce', $referer = true, $echo = true ) {
	$name  = esc_attr( $name );
	$field = '<input type="hidden" id="' . $name . '" name="' . $name . '" value="' . wp_create_nonce( $action ) . '" />';
	if ( $referer ) {
		$field .= wp_referer_field( false );
	}
	if ( $echo ) {
		echo $field; // phpcs:ignore
	}
	return $field;
}

function wp_nonce_url( $actionurl, $action = -1, $name = '_wpnonce' ) {
	$actionurl = str_replace( '&amp;', '&', (string) $actionurl );
	return esc_html( add_query_arg( $name, wp_create_nonce( $action ), $actionurl ) );
}

function wp_nonce_ays( $action ) {
	$html = __( 'The link you followed has expired.' );
	if ( wp_get_referer() ) {
		$html .= '</p><p><a href="' . esc_url( remove_query_arg( 'updated', wp_get_referer() ) ) . '">' . __( 'Please try again.' ) . '</a>';
	}
	wp_die( $html, __( 'Something went wrong.' ), 403 );
}

function check_admin_referer( $action = -1, $query_arg = '_wpnonce' ) {
	if ( -1 === $action ) {
		_doing_it_wrong( __FUNCTION__, 'You should specify an action to be verified by using the first parameter.', '3.2.0' );
	}
	$adminurl = strtolower( admin_url() );
	$referer  = strtolower( (string) wp_get_referer() );
	$result   = isset( $_REQUEST[ $query_arg ] ) ? wp_verify_nonce( wp_unslash( $_REQUEST[ $query_arg ] ), $action ) : false;
	do_action( 'check_admin_referer', $action, $result );
	if ( ! $result && ! ( -1 === $action && 0 === strpos( $referer, $adminurl ) ) ) {
		wp_nonce_ays( $action );
		die();
	}
	return $result;
}

function check_ajax_referer( $action = -1, $query_arg = false, $stop = true ) {
	if ( -1 == $action ) { // phpcs:ignore -- WordPress compares loosely.
		_doing_it_wrong( __FUNCTION__, 'You should specify an action to be verified by using the first parameter.', '4.7.0' );
	}
	$nonce = '';
	if ( $query_arg && isset( $_REQUEST[ $query_arg ] ) ) {
		$nonce = $_REQUEST[ $query_arg ];
	} elseif ( isset( $_REQUEST['_ajax_nonce'] ) ) {
		$nonce = $_REQUEST['_ajax_nonce'];
	} elseif ( isset( $_REQUEST['_wpnonce'] ) ) {
		$nonce = $_REQUEST['_wpnonce'];
	}
	$result = wp_verify_nonce( $nonce, $action );
	do_action( 'check_ajax_referer', $action, $result );
	if ( $stop && false === $result ) {
		if ( wp_doing_ajax() ) {
			wp_die( -1, 403 );
		} elseif ( ! WC_Double_Runtime::$web ) {
			_wc_double_throw_die( '-1', '', array( 'response' => 200 ), 200 );
		} else {
			die( '-1' );
		}
	}
	return $result;
}
