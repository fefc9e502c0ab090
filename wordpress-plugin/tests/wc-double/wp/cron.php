<?php
/**
 * Test double: WP-Cron (wp-includes/cron.php), stored in the `cron` option.
 *
 * Modelled on WordPress 6.1: events keyed timestamp => hook => md5(serialize(args));
 * wp_schedule_single_event() refuses a duplicate of the same hook+args within
 * 10 minutes (returns false), the pre_schedule_event / schedule_event filters,
 * wp_schedule_event() with the hourly/twicedaily/daily/weekly schedules
 * (cron_schedules filter), wp_next_scheduled(), wp_unschedule_event(),
 * wp_clear_scheduled_hook() (returns the number removed), wp_unschedule_hook().
 * WordPress runs due events on page loads; the double runs them only when
 * asked: wc_double_run_cron() (TestCase::runCron()). Due = timestamp <= the
 * test clock. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

function _get_cron_array() {
	$cron = get_option( 'cron' );
	if ( ! is_array( $cron ) ) {
		return array();
	}
	unset( $cron['version'] );
	return $cron;
}

function _set_cron_array( $cron, $wp_error = false ) {
	if ( ! is_array( $cron ) ) {
		$cron = array();
	}
	ksort( $cron );
	$cron['version'] = 2;
	update_option( 'cron', $cron );
	return true;
}

function wp_get_schedules() {
	$schedules = array(
		'hourly'     => array( 'interval' => HOUR_IN_SECONDS, 'display' => __( 'Once Hourly' ) ),
		'twicedaily' => array( 'interval' => 12 * HOUR_IN_SECONDS, 'display' => __( 'Twice Daily' ) ),
		'daily'      => array( 'interval' => DAY_IN_SECONDS, 'display' => __( 'Once Daily' ) ),
		'weekly'     => array( 'interval' => WEEK_IN_SECONDS, 'display' => __( 'Once Weekly' ) ),
	);
	return array_merge( apply_filters( 'cron_schedules', array() ), $schedules );
}

function wp_schedule_single_event( $timestamp, $hook, $args = array(), $wp_error = false ) {
	if ( ! is_numeric( $timestamp ) || $timestamp <= 0 ) {
		return $wp_error ? new WP_Error( 'invalid_timestamp', __( 'Event timestamp must be a valid Unix timestamp.' ) ) : false;
	}
	$event = (object) array(
		'hook'      => $hook,
		'timestamp' => (int) $timestamp,
		'schedule'  => false,
		'args'      => (array) $args,
	);
	$pre = apply_filters( 'pre_schedule_event', null, $event, $wp_error );
	if ( null !== $pre ) {
		return $pre;
	}
	$key  = md5( serialize( $event->args ) ); // phpcs:ignore
	$cron = _get_cron_array();
	foreach ( $cron as $ts => $hooks ) {
		if ( isset( $hooks[ $hook ][ $key ] ) && abs( $ts - $event->timestamp ) < 10 * MINUTE_IN_SECONDS ) {
			return $wp_error ? new WP_Error( 'duplicate_event', __( 'A duplicate event already exists.' ) ) : false;
		}
	}
	$event = apply_filters( 'schedule_event', $event );
	if ( ! $event ) {
		return $wp_error ? new WP_Error( 'schedule_event_false', __( 'A plugin disallowed this event.' ) ) : false;
	}
	$cron[ $event->timestamp ][ $event->hook ][ $key ] = array(
		'schedule' => false,
		'args'     => $event->args,
	);
	return _set_cron_array( $cron, $wp_error );
}

function wp_schedule_event( $timestamp, $recurrence, $hook, $args = array(), $wp_error = false ) {
	$schedules = wp_get_schedules();
	if ( ! isset( $schedules[ $recurrence ] ) ) {
		return $wp_error ? new WP_Error( 'invalid_schedule', __( 'Event schedule does not exist.' ) ) : false;
	}
	$event = (object) array(
		'hook'      => $hook,
		'timestamp' => (int) $timestamp,
		'schedule'  => $recurrence,
		'args'      => (array) $args,
		'interval'  => $schedules[ $recurrence ]['interval'],
	);
	$pre = apply_filters( 'pre_schedule_event', null, $event, $wp_error );
	if ( null !== $pre ) {
		return $pre;
	}
	$event = apply_filters( 'schedule_event', $event );
	if ( ! $event ) {
		return false;
	}
	$key                                               = md5( serialize( $event->args ) ); // phpcs:ignore
	$cron                                              = _get_cron_array();
	$cron[ $event->timestamp ][ $event->hook ][ $key ] = array(
		'schedule' => $event->schedule,
		'args'     => $event->args,
		'interval' => $event->interval,
	);
	return _set_cron_array( $cron, $wp_error );
}

function wp_next_scheduled( $hook, $args = array() ) {
	$key = md5( serialize( (array) $args ) ); // phpcs:ignore
	foreach ( _get_cron_array() as $ts => $hooks ) {
		if ( isset( $hooks[ $hook ][ $key ] ) ) {
			return (int) $ts;
		}
	}
	return false;
}

function wp_unschedule_event( $timestamp, $hook, $args = array(), $wp_error = false ) {
	$key  = md5( serialize( (array) $args ) ); // phpcs:ignore
	$cron = _get_cron_array();
	if ( ! isset( $cron[ $timestamp ][ $hook ][ $key ] ) ) {
		return false;
	}
	unset( $cron[ $timestamp ][ $hook ][ $key ] );
	if ( empty( $cron[ $timestamp ][ $hook ] ) ) {
		unset( $cron[ $timestamp ][ $hook ] );
	}
	if ( empty( $cron[ $timestamp ] ) ) {
		unset( $cron[ $timestamp ] );
	}
	return _set_cron_array( $cron, $wp_error );
}

function wp_clear_scheduled_hook( $hook, $args = array(), $wp_error = false ) {
	$key     = md5( serialize( (array) $args ) ); // phpcs:ignore
	$removed = 0;
	foreach ( _get_cron_array() as $ts => $hooks ) {
		if ( isset( $hooks[ $hook ][ $key ] ) ) {
			wp_unschedule_event( $ts, $hook, $args );
			++$removed;
		}
	}
	return $removed;
}

function wp_unschedule_hook( $hook, $wp_error = false ) {
	$cron    = _get_cron_array();
	$removed = 0;
	foreach ( $cron as $ts => $hooks ) {
		if ( isset( $hooks[ $hook ] ) ) {
			$removed += count( $hooks[ $hook ] );
			unset( $cron[ $ts ][ $hook ] );
		}
		if ( empty( $cron[ $ts ] ) ) {
			unset( $cron[ $ts ] );
		}
	}
	_set_cron_array( $cron );
	return $removed;
}

/**
 * Runs due WP-Cron events. Returns how many ran.
 */
function wc_double_run_cron(): int {
	$ran = 0;
	$now = iotpay_test_now();
	foreach ( _get_cron_array() as $ts => $hooks ) {
		if ( $ts > $now ) {
			break;
		}
		foreach ( $hooks as $hook => $events ) {
			foreach ( $events as $event ) {
				wp_unschedule_event( $ts, $hook, $event['args'] );
				if ( ! empty( $event['schedule'] ) ) {
					wp_schedule_event( $ts + (int) $event['interval'], $event['schedule'], $hook, $event['args'] );
				}
				do_action_ref_array( $hook, $event['args'] );
				++$ran;
			}
		}
	}
	return $ran;
}
