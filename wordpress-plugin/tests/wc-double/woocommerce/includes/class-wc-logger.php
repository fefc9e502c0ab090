<?php
/**
 * Test double: WooCommerce logging (WC_Logger, WC_Log_Levels,
 * WC_Log_Handler_Interface, WC_Log_Handler_DB, wc_get_logger()).
 *
 * Modelled on WooCommerce 7.9 includes/class-wc-logger.php,
 * class-wc-log-levels.php, log-handlers/class-wc-log-handler-db.php:
 * log( $level, $message, $context = array() ) with wc_doing_it_wrong for an
 * invalid level, the WC_LOG_THRESHOLD threshold, the
 * woocommerce_logger_log_message filter (null drops the entry), the eight
 * PSR-3 level methods, the legacy add( $handle, $message, $level ), clear().
 * wc_get_logger() returns one instance per process of the class named by
 * the woocommerce_logging_class filter. WooCommerce's default handler writes
 * files; the double always uses the database handler (table
 * {prefix}woocommerce_log with log_id, timestamp, level (severity number),
 * source, message, context) so every process's logs can be read by tests.
 * The source is $context['source'] or, like WC_Log_Handler_DB::get_log_source(),
 * the name of the calling file. Context is stored as JSON (objects reduced to
 * their class name and, for throwables, message) instead of PHP serialize().
 * Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

abstract class WC_Log_Levels {

	const EMERGENCY = 'emergency';
	const ALERT     = 'alert';
	const CRITICAL  = 'critical';
	const ERROR     = 'error';
	const WARNING   = 'warning';
	const NOTICE    = 'notice';
	const INFO      = 'info';
	const DEBUG     = 'debug';

	protected static $level_to_severity = array(
		self::EMERGENCY => 800,
		self::ALERT     => 700,
		self::CRITICAL  => 600,
		self::ERROR     => 500,
		self::WARNING   => 400,
		self::NOTICE    => 300,
		self::INFO      => 200,
		self::DEBUG     => 100,
	);

	public static function is_valid_level( $level ) {
		return array_key_exists( strtolower( (string) $level ), self::$level_to_severity );
	}

	public static function get_level_severity( $level ) {
		return self::is_valid_level( $level ) ? self::$level_to_severity[ strtolower( (string) $level ) ] : 0;
	}

	public static function get_severity_level( $severity ) {
		$flipped = array_flip( self::$level_to_severity );
		return $flipped[ (int) $severity ] ?? false;
	}
}

interface WC_Logger_Interface {

	public function add( $handle, $message, $level = WC_Log_Levels::NOTICE );

	public function log( $level, $message, $context = array() );

	public function emergency( $message, $context = array() );

	public function alert( $message, $context = array() );

	public function critical( $message, $context = array() );

	public function error( $message, $context = array() );

	public function warning( $message, $context = array() );

	public function notice( $message, $context = array() );

	public function info( $message, $context = array() );

	public function debug( $message, $context = array() );
}

interface WC_Log_Handler_Interface {

	public function handle( $timestamp, $level, $message, $context );
}

abstract class WC_Log_Handler implements WC_Log_Handler_Interface {

	protected static function format_time( $timestamp ) {
		return gmdate( 'c', $timestamp );
	}

	protected static function format_entry( $timestamp, $level, $message, $context ) {
		$time_string  = self::format_time( $timestamp );
		$level_string = strtoupper( $level );
		$entry        = "{$time_string} {$level_string} {$message}";
		return apply_filters(
			'woocommerce_format_log_entry',
			$entry,
			array(
				'timestamp' => $timestamp,
				'level'     => $level,
				'message'   => $message,
				'context'   => $context,
			)
		);
	}
}

class WC_Log_Handler_DB extends WC_Log_Handler {

	public function handle( $timestamp, $level, $message, $context ) {
		if ( isset( $context['source'] ) && $context['source'] ) {
			$source = $context['source'];
		} else {
			$source = $this->get_log_source();
		}
		return $this->add( $timestamp, $level, $message, $source, $context );
	}

	protected static function add( $timestamp, $level, $message, $source, $context ) {
		global $wpdb;
		$insert = array(
			'timestamp' => gmdate( 'Y-m-d H:i:s', $timestamp ),
			'level'     => WC_Log_Levels::get_level_severity( $level ),
			'message'   => (string) $message,
			'source'    => (string) $source,
		);
		if ( ! empty( $context ) ) {
			$insert['context'] = wp_json_encode( self::jsonable( $context ) );
		}
		return false !== $wpdb->insert( "{$wpdb->prefix}woocommerce_log", $insert );
	}

	/**
	 * Reduces a context to JSON-safe data.
	 *
	 * @param mixed $value Context value.
	 * @return mixed
	 */
	protected static function jsonable( $value, int $depth = 0 ) {
		if ( $depth > 5 ) {
			return '…';
		}
		if ( $value instanceof Throwable ) {
			return array(
				'class'   => get_class( $value ),
				'message' => $value->getMessage(),
				'code'    => $value->getCode(),
			);
		}
		if ( $value instanceof WC_Data ) {
			return array(
				'class' => get_class( $value ),
				'id'    => $value->get_id(),
			);
		}
		if ( $value instanceof WP_Error ) {
			return array(
				'class'   => 'WP_Error',
				'code'    => $value->get_error_code(),
				'message' => $value->get_error_message(),
			);
		}
		if ( is_object( $value ) ) {
			return $value instanceof JsonSerializable || $value instanceof stdClass ? $value : array( 'class' => get_class( $value ) );
		}
		if ( is_array( $value ) ) {
			$out = array();
			foreach ( $value as $k => $v ) {
				$out[ $k ] = self::jsonable( $v, $depth + 1 );
			}
			return $out;
		}
		if ( is_resource( $value ) ) {
			return 'resource';
		}
		return $value;
	}

	public static function flush( $source = '' ) {
		global $wpdb;
		if ( $source ) {
			return $wpdb->delete( "{$wpdb->prefix}woocommerce_log", array( 'source' => $source ) );
		}
		return $wpdb->query( "TRUNCATE TABLE {$wpdb->prefix}woocommerce_log" );
	}

	public function delete_logs_before_timestamp( $timestamp = 0 ) {
		global $wpdb;
		if ( ! $timestamp ) {
			return;
		}
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->prefix}woocommerce_log WHERE timestamp < %s", gmdate( 'Y-m-d H:i:s', $timestamp ) ) );
	}

	protected static function get_log_source() {
		$double_dir = wp_normalize_path( dirname( __DIR__ ) );
		foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) {
			if ( empty( $frame['file'] ) ) {
				continue;
			}
			$file = wp_normalize_path( $frame['file'] );
			if ( 0 === strpos( $file, $double_dir ) ) {
				continue;
			}
			$parts = explode( '.', basename( $file ) );
			return $parts[0];
		}
		return 'log';
	}
}

class WC_Logger implements WC_Logger_Interface {

	protected $handlers;

	protected $threshold;

	public function __construct( $handlers = null, $threshold = null ) {
		if ( null === $handlers ) {
			$handlers = apply_filters( 'woocommerce_register_log_handlers', array() );
		}
		$register = array();
		foreach ( (array) $handlers as $handler ) {
			if ( is_object( $handler ) && $handler instanceof WC_Log_Handler_Interface ) {
				$register[] = $handler;
			}
		}
		if ( ! $register ) {
			$register[] = new WC_Log_Handler_DB();
		}
		if ( null !== $threshold ) {
			$threshold = WC_Log_Levels::get_level_severity( $threshold );
		} elseif ( defined( 'WC_LOG_THRESHOLD' ) && WC_Log_Levels::is_valid_level( WC_LOG_THRESHOLD ) ) {
			$threshold = WC_Log_Levels::get_level_severity( WC_LOG_THRESHOLD );
		} else {
			$threshold = null;
		}
		$this->handlers  = $register;
		$this->threshold = $threshold;
	}

	protected function should_handle( $level ) {
		if ( null === $this->threshold ) {
			return true;
		}
		return $this->threshold <= WC_Log_Levels::get_level_severity( $level );
	}

	public function add( $handle, $message, $level = WC_Log_Levels::NOTICE ) {
		$message = apply_filters( 'woocommerce_logger_add_message', $message, $handle );
		$this->log(
			$level,
			$message,
			array(
				'source'  => $handle,
				'_legacy' => true,
			)
		);
		wc_do_deprecated_action( 'woocommerce_log_add', array( $handle, $message ), '3.0', 'This action has been deprecated with no alternative.' );
		return true;
	}

	public function log( $level, $message, $context = array() ) {
		if ( ! WC_Log_Levels::is_valid_level( $level ) ) {
			wc_doing_it_wrong( __METHOD__, sprintf( __( '%1$s was called with an invalid level "%2$s".', 'woocommerce' ), '<code>WC_Logger::log</code>', $level ), '3.0' );
		}
		if ( $this->should_handle( $level ) ) {
			$timestamp = iotpay_test_now();
			foreach ( $this->handlers as $handler ) {
				$filtered = apply_filters( 'woocommerce_logger_log_message', $message, $level, $context, $handler );
				if ( null !== $filtered ) {
					$handler->handle( $timestamp, $level, $filtered, $context );
				}
			}
		}
	}

	public function emergency( $message, $context = array() ) {
		$this->log( WC_Log_Levels::EMERGENCY, $message, $context );
	}

	public function alert( $message, $context = array() ) {
		$this->log( WC_Log_Levels::ALERT, $message, $context );
	}

	public function critical( $message, $context = array() ) {
		$this->log( WC_Log_Levels::CRITICAL, $message, $context );
	}

	public function error( $message, $context = array() ) {
		$this->log( WC_Log_Levels::ERROR, $message, $context );
	}

	public function warning( $message, $context = array() ) {
		$this->log( WC_Log_Levels::WARNING, $message, $context );
	}

	public function notice( $message, $context = array() ) {
		$this->log( WC_Log_Levels::NOTICE, $message, $context );
	}

	public function info( $message, $context = array() ) {
		$this->log( WC_Log_Levels::INFO, $message, $context );
	}

	public function debug( $message, $context = array() ) {
		$this->log( WC_Log_Levels::DEBUG, $message, $context );
	}

	public function clear( $source = '' ) {
		return (bool) WC_Log_Handler_DB::flush( $source );
	}

	public function clear_expired_logs() {
		$days      = absint( apply_filters( 'woocommerce_logger_days_to_retain_logs', 30 ) );
		$timestamp = strtotime( "-{$days} days", iotpay_test_now() );
		foreach ( $this->handlers as $handler ) {
			if ( is_callable( array( $handler, 'delete_logs_before_timestamp' ) ) ) {
				$handler->delete_logs_before_timestamp( $timestamp );
			}
		}
	}
}

/**
 * @return WC_Logger_Interface
 */
function wc_get_logger() {
	global $wc_double_logger;
	$class = apply_filters( 'woocommerce_logging_class', 'WC_Logger' );
	if ( null !== $wc_double_logger && is_string( $class ) && is_a( $wc_double_logger, $class ) ) {
		return $wc_double_logger;
	}
	$implements = is_string( $class ) ? class_implements( $class ) : class_implements( get_class( $class ) );
	if ( is_array( $implements ) && in_array( 'WC_Logger_Interface', $implements, true ) ) {
		$wc_double_logger = is_object( $class ) ? $class : new $class();
	} else {
		wc_doing_it_wrong( __FUNCTION__, sprintf( __( 'The class %s provided by woocommerce_logging_class filter must implement WC_Logger_Interface.', 'woocommerce' ), is_object( $class ) ? get_class( $class ) : $class ), '3.0' );
		$wc_double_logger = is_a( $wc_double_logger, 'WC_Logger' ) ? $wc_double_logger : new WC_Logger();
	}
	return $wc_double_logger;
}

function wc_print_r( $expression, $return = false ) {
	$out = print_r( $expression, true ); // phpcs:ignore
	if ( $return ) {
		return $out;
	}
	echo $out; // phpcs:ignore
	return true;
}
