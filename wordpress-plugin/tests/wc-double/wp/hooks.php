<?php
/**
 * Test double: the WordPress Plugin API (actions and filters).
 *
 * Modelled on WordPress 6.1: wp-includes/plugin.php and class-wp-hook.php
 * (WordPress/wordpress-develop, src/wp-includes). Behaviour reproduced:
 * priorities (ascending, insertion order within a priority), accepted_args
 * (0 = no argument, N = first N arguments), callbacks added at a later
 * priority while a hook runs are run in the same pass, nesting, the `all`
 * hook, do_action() with no argument passing one empty string, and the
 * did_action()/did_filter() counters. Own implementation; names and
 * signatures are WordPress's.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

if ( ! class_exists( 'WP_Hook', false ) ) {
	/**
	 * One hook's registered callbacks.
	 */
	final class WP_Hook implements ArrayAccess, IteratorAggregate {

		/**
		 * priority => [ unique id => [ 'function' => callable, 'accepted_args' => int ] ].
		 *
		 * @var array<int, array<string, array{function: callable, accepted_args: int}>>
		 */
		public $callbacks = array();

		/**
		 * For each running nesting level, the priorities still to visit.
		 *
		 * @var array<int, int[]>
		 */
		private array $pending = array();

		/**
		 * For each running nesting level, the priority being run.
		 *
		 * @var array<int, int>
		 */
		private array $running = array();

		private int $depth = 0;

		private bool $doing_action = false;

		public function add_filter( $hook_name, $callback, $priority, $accepted_args ): void {
			$priority = (int) $priority;
			$id       = _wp_filter_build_unique_id( $hook_name, $callback, $priority );
			$is_new   = ! isset( $this->callbacks[ $priority ] );

			$this->callbacks[ $priority ][ $id ] = array(
				'function'      => $callback,
				'accepted_args' => (int) $accepted_args,
			);
			if ( $is_new ) {
				ksort( $this->callbacks, SORT_NUMERIC );
				// A priority added while the hook runs is visited in this same pass
				// when it comes after the priority being run.
				foreach ( $this->running as $level => $current ) {
					if ( $priority > $current && ! in_array( $priority, $this->pending[ $level ], true ) ) {
						$this->pending[ $level ][] = $priority;
						sort( $this->pending[ $level ], SORT_NUMERIC );
					}
				}
			}
		}

		public function remove_filter( $hook_name, $callback, $priority ): bool {
			$priority = (int) $priority;
			$id       = _wp_filter_build_unique_id( $hook_name, $callback, $priority );
			if ( ! isset( $this->callbacks[ $priority ][ $id ] ) ) {
				return false;
			}
			unset( $this->callbacks[ $priority ][ $id ] );
			if ( ! $this->callbacks[ $priority ] ) {
				unset( $this->callbacks[ $priority ] );
			}
			return true;
		}

		/**
		 * @return bool|int
		 */
		public function has_filter( $hook_name = '', $callback = false ) {
			if ( false === $callback ) {
				return $this->has_filters();
			}
			$id = _wp_filter_build_unique_id( $hook_name, $callback, false );
			if ( ! $id ) {
				return false;
			}
			foreach ( $this->callbacks as $priority => $callbacks ) {
				if ( isset( $callbacks[ $id ] ) ) {
					return $priority;
				}
			}
			return false;
		}

		public function has_filters(): bool {
			foreach ( $this->callbacks as $callbacks ) {
				if ( $callbacks ) {
					return true;
				}
			}
			return false;
		}

		public function remove_all_filters( $priority = false ): void {
			if ( false === $priority ) {
				$this->callbacks = array();
			} else {
				unset( $this->callbacks[ (int) $priority ] );
			}
		}

		/**
		 * Runs the callbacks; the return value of each is the first argument of the next.
		 *
		 * @param mixed $value Value being filtered.
		 * @param array $args  All arguments, the value included as $args[0].
		 * @return mixed
		 */
		public function apply_filters( $value, $args ) {
			if ( ! $this->callbacks ) {
				return $value;
			}
			$level                   = $this->depth++;
			$this->pending[ $level ] = array_keys( $this->callbacks );
			$arg_count               = count( $args );

			try {
				while ( $this->pending[ $level ] ) {
					$priority                = array_shift( $this->pending[ $level ] );
					$this->running[ $level ] = $priority;
					if ( ! isset( $this->callbacks[ $priority ] ) ) {
						continue;
					}
					// Iterate a copy: callbacks added at this priority now run next time.
					$at_priority = $this->callbacks[ $priority ];
					foreach ( $at_priority as $entry ) {
						if ( ! $this->doing_action ) {
							$args[0] = $value;
						}
						$wanted = $entry['accepted_args'];
						if ( 0 === $wanted ) {
							$result = call_user_func( $entry['function'] );
						} elseif ( $wanted >= $arg_count ) {
							$result = call_user_func_array( $entry['function'], $args );
						} else {
							$result = call_user_func_array( $entry['function'], array_slice( $args, 0, $wanted ) );
						}
						if ( ! $this->doing_action ) {
							$value = $result;
						}
					}
				}
			} finally {
				unset( $this->pending[ $level ], $this->running[ $level ] );
				--$this->depth;
			}
			return $value;
		}

		public function do_action( $args ): void {
			$was                = $this->doing_action;
			$this->doing_action = true;
			try {
				$this->apply_filters( '', $args );
			} finally {
				$this->doing_action = $was;
			}
		}

		public function do_all_hook( &$args ): void {
			$this->do_action( $args );
		}

		public function current_priority() {
			if ( ! $this->running ) {
				return false;
			}
			return end( $this->running );
		}

		public function offsetExists( $offset ): bool {
			return isset( $this->callbacks[ $offset ] );
		}

		#[\ReturnTypeWillChange]
		public function offsetGet( $offset ) {
			return $this->callbacks[ $offset ] ?? null;
		}

		public function offsetSet( $offset, $value ): void {
			if ( null === $offset ) {
				$this->callbacks[] = $value;
			} else {
				$this->callbacks[ $offset ] = $value;
			}
		}

		public function offsetUnset( $offset ): void {
			unset( $this->callbacks[ $offset ] );
		}

		public function getIterator(): ArrayIterator {
			return new ArrayIterator( $this->callbacks );
		}

		public function __clone() {
			$this->pending = array();
			$this->running = array();
			$this->depth   = 0;
		}
	}
}

/**
 * Unique key of a callback, as WordPress computes it (string, Closure/object,
 * [object, method], [class, method]).
 *
 * @return string|false
 */
function _wp_filter_build_unique_id( $hook_name, $callback, $priority ) {
	if ( is_string( $callback ) ) {
		return $callback;
	}
	if ( is_object( $callback ) ) {
		return spl_object_hash( $callback );
	}
	if ( is_array( $callback ) && isset( $callback[0], $callback[1] ) ) {
		$callback = array_values( $callback );
		if ( is_object( $callback[0] ) ) {
			return spl_object_hash( $callback[0] ) . $callback[1];
		}
		if ( is_string( $callback[0] ) ) {
			return $callback[0] . '::' . $callback[1];
		}
	}
	return false;
}

function add_filter( $hook_name, $callback, $priority = 10, $accepted_args = 1 ) {
	global $wp_filter;
	if ( ! isset( $wp_filter[ $hook_name ] ) ) {
		$wp_filter[ $hook_name ] = new WP_Hook();
	}
	$wp_filter[ $hook_name ]->add_filter( $hook_name, $callback, $priority, $accepted_args );
	return true;
}

function add_action( $hook_name, $callback, $priority = 10, $accepted_args = 1 ) {
	return add_filter( $hook_name, $callback, $priority, $accepted_args );
}

function remove_filter( $hook_name, $callback, $priority = 10 ) {
	global $wp_filter;
	if ( ! isset( $wp_filter[ $hook_name ] ) ) {
		return false;
	}
	$removed = $wp_filter[ $hook_name ]->remove_filter( $hook_name, $callback, $priority );
	if ( ! $wp_filter[ $hook_name ]->callbacks ) {
		unset( $wp_filter[ $hook_name ] );
	}
	return $removed;
}

function remove_action( $hook_name, $callback, $priority = 10 ) {
	return remove_filter( $hook_name, $callback, $priority );
}

function remove_all_filters( $hook_name, $priority = false ) {
	global $wp_filter;
	if ( isset( $wp_filter[ $hook_name ] ) ) {
		$wp_filter[ $hook_name ]->remove_all_filters( $priority );
		if ( ! $wp_filter[ $hook_name ]->has_filters() ) {
			unset( $wp_filter[ $hook_name ] );
		}
	}
	return true;
}

function remove_all_actions( $hook_name, $priority = false ) {
	return remove_all_filters( $hook_name, $priority );
}

/**
 * @return bool|int
 */
function has_filter( $hook_name, $callback = false ) {
	global $wp_filter;
	if ( ! isset( $wp_filter[ $hook_name ] ) ) {
		return false;
	}
	return $wp_filter[ $hook_name ]->has_filter( $hook_name, $callback );
}

/**
 * @return bool|int
 */
function has_action( $hook_name, $callback = false ) {
	return has_filter( $hook_name, $callback );
}

function _wp_call_all_hook( $args ) {
	global $wp_filter;
	$wp_filter['all']->do_all_hook( $args );
}

function apply_filters( $hook_name, $value, ...$args ) {
	global $wp_filter, $wp_filters, $wp_current_filter;

	$wp_filters[ $hook_name ] = ( $wp_filters[ $hook_name ] ?? 0 ) + 1;

	if ( isset( $wp_filter['all'] ) ) {
		$wp_current_filter[] = $hook_name;
		_wp_call_all_hook( array_merge( array( $hook_name, $value ), $args ) );
	}
	if ( ! isset( $wp_filter[ $hook_name ] ) ) {
		if ( isset( $wp_filter['all'] ) ) {
			array_pop( $wp_current_filter );
		}
		return $value;
	}
	if ( ! isset( $wp_filter['all'] ) ) {
		$wp_current_filter[] = $hook_name;
	}
	array_unshift( $args, $value );
	try {
		$filtered = $wp_filter[ $hook_name ]->apply_filters( $value, $args );
	} finally {
		array_pop( $wp_current_filter );
	}
	return $filtered;
}

function apply_filters_ref_array( $hook_name, $args ) {
	$args = array_values( $args );
	$value = array_shift( $args );
	return apply_filters( $hook_name, $value, ...$args );
}

function apply_filters_deprecated( $hook_name, $args, $version, $replacement = '', $message = '' ) {
	if ( ! has_filter( $hook_name ) ) {
		return $args[0];
	}
	_deprecated_hook( $hook_name, $version, $replacement, $message );
	return apply_filters_ref_array( $hook_name, $args );
}

function do_action( $hook_name, ...$arg ) {
	global $wp_filter, $wp_actions, $wp_current_filter;

	$wp_actions[ $hook_name ] = ( $wp_actions[ $hook_name ] ?? 0 ) + 1;

	if ( isset( $wp_filter['all'] ) ) {
		$wp_current_filter[] = $hook_name;
		$all_args            = func_get_args();
		_wp_call_all_hook( $all_args );
	}
	if ( ! isset( $wp_filter[ $hook_name ] ) ) {
		if ( isset( $wp_filter['all'] ) ) {
			array_pop( $wp_current_filter );
		}
		return;
	}
	if ( ! isset( $wp_filter['all'] ) ) {
		$wp_current_filter[] = $hook_name;
	}
	if ( ! $arg ) {
		$arg[] = '';
	} elseif ( is_array( $arg[0] ) && 1 === count( $arg[0] ) && isset( $arg[0][0] ) && is_object( $arg[0][0] ) ) {
		// PHP4-era `array( &$this )` passed as the argument: WordPress unwraps it.
		$arg[0] = $arg[0][0];
	}
	try {
		$wp_filter[ $hook_name ]->do_action( $arg );
	} finally {
		array_pop( $wp_current_filter );
	}
}

function do_action_ref_array( $hook_name, $args ) {
	do_action( $hook_name, ...array_values( (array) $args ) );
}

function do_action_deprecated( $hook_name, $args, $version, $replacement = '', $message = '' ) {
	if ( ! has_action( $hook_name ) ) {
		return;
	}
	_deprecated_hook( $hook_name, $version, $replacement, $message );
	do_action_ref_array( $hook_name, $args );
}

function did_action( $hook_name ) {
	global $wp_actions;
	return (int) ( $wp_actions[ $hook_name ] ?? 0 );
}

function did_filter( $hook_name ) {
	global $wp_filters;
	return (int) ( $wp_filters[ $hook_name ] ?? 0 );
}

function current_filter() {
	global $wp_current_filter;
	return $wp_current_filter ? end( $wp_current_filter ) : false;
}

function current_action() {
	return current_filter();
}

function doing_filter( $hook_name = null ) {
	global $wp_current_filter;
	if ( null === $hook_name ) {
		return ! empty( $wp_current_filter );
	}
	return in_array( $hook_name, (array) $wp_current_filter, true );
}

function doing_action( $hook_name = null ) {
	return doing_filter( $hook_name );
}

/**
 * Registers the activation callback: WordPress fires `activate_{plugin_basename}`.
 */
function register_activation_hook( $file, $callback ) {
	add_action( 'activate_' . plugin_basename( $file ), $callback );
}

function register_deactivation_hook( $file, $callback ) {
	add_action( 'deactivate_' . plugin_basename( $file ), $callback );
}

/**
 * WordPress stores the uninstall callback in the `uninstall_plugins` option
 * (it must be a function name or a static method, never a closure).
 */
function register_uninstall_hook( $file, $callback ) {
	if ( is_array( $callback ) && is_object( $callback[0] ) ) {
		_doing_it_wrong( __FUNCTION__, 'Only a static class method or function can be used in an uninstall hook.', '3.1.0' );
		return;
	}
	if ( $callback instanceof Closure ) {
		_doing_it_wrong( __FUNCTION__, 'Only a static class method or function can be used in an uninstall hook.', '3.1.0' );
		return;
	}
	$uninstallable                                = (array) get_option( 'uninstall_plugins' );
	$plugin_basename                              = plugin_basename( $file );
	$uninstallable[ $plugin_basename ]            = $callback;
	update_option( 'uninstall_plugins', $uninstallable );
}
