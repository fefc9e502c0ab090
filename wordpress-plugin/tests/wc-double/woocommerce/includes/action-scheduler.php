<?php
/**
 * Test double: Action Scheduler (as bundled with WooCommerce 7.9: AS 3.6.x)
 * and WC()->queue().
 *
 * Modelled on woocommerce/action-scheduler functions.php and the DB store
 * (tables {prefix}actionscheduler_actions, _claims, _groups, _logs):
 * as_enqueue_async_action( $hook, $args = array(), $group = '', $unique = false, $priority = 10 ),
 * as_schedule_single_action( $timestamp, $hook, $args = array(), $group = '', $unique = false, $priority = 10 ),
 * as_schedule_recurring_action( $timestamp, $interval_in_seconds, $hook, $args = array(), $group = '', $unique = false, $priority = 10 ),
 * as_unschedule_action( $hook, $args = array(), $group = '' ) (first pending
 * match, returns its ID or null), as_unschedule_all_actions(),
 * as_next_scheduled_action( $hook, $args = null, $group = '' ) (true when
 * in-progress or async, else the timestamp, else false),
 * as_has_scheduled_action( $hook, $args = null, $group = '' ),
 * as_get_scheduled_actions(). The pre_as_* short-circuit filters are applied.
 * Args match by their JSON encoding (as AS does); $unique refuses a second
 * pending/in-progress action with the same hook and group (args are not
 * compared, as in AS 3.6) using one INSERT … SELECT … WHERE NOT EXISTS.
 * Statuses: pending, in-progress, complete, failed, canceled.
 * The runner (wc_double_run_due_actions(), used by TestCase, and the queue
 * runner on the WP-Cron event action_scheduler_run_queue, scheduled every
 * minute as AS does — wp-cron.php runs it) claims each due action with a
 * conditional UPDATE (only one runner wins), runs do_action_ref_array( $hook,
 * array_values( $args ) ) with action_scheduler_before_execute/
 * after_execute/failed_execution, records logs, and schedules the next
 * instance of a recurring action at now + interval. "Due" means
 * scheduled_date_gmt <= the test clock (iotpay_test_now()). The async
 * request runner (admin-ajax) is not modelled.
 * Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

abstract class ActionScheduler_Store {

	const STATUS_COMPLETE = 'complete';
	const STATUS_PENDING  = 'pending';
	const STATUS_RUNNING  = 'in-progress';
	const STATUS_FAILED   = 'failed';
	const STATUS_CANCELED = 'canceled';
}

/**
 * A scheduled action as returned by as_get_scheduled_actions() (OBJECT format).
 */
class ActionScheduler_Action {

	protected $hook;

	protected $args;

	protected $group;

	protected $schedule;

	protected $priority;

	public function __construct( $hook, array $args = array(), $schedule = null, $group = '', $priority = 10 ) {
		$this->hook     = $hook;
		$this->args     = $args;
		$this->schedule = $schedule;
		$this->group    = $group;
		$this->priority = $priority;
	}

	public function get_hook() {
		return $this->hook;
	}

	public function get_args() {
		return $this->args;
	}

	public function get_group() {
		return $this->group;
	}

	public function get_schedule() {
		return $this->schedule;
	}

	public function get_priority() {
		return $this->priority;
	}

	public function execute() {
		do_action_ref_array( $this->get_hook(), array_values( $this->get_args() ) );
	}
}

class ActionScheduler_Double_Schedule {

	public $timestamp;

	public $interval;

	public function __construct( ?int $timestamp, int $interval = 0 ) {
		$this->timestamp = $timestamp;
		$this->interval  = $interval;
	}

	public function get_date() {
		return null === $this->timestamp ? null : new DateTime( '@' . $this->timestamp );
	}

	public function is_recurring() {
		return $this->interval > 0;
	}

	public function get_recurrence() {
		return $this->interval;
	}
}

/**
 * The double's Action Scheduler store and runner.
 */
final class ActionScheduler {

	/** The WP-Cron event of Action Scheduler's queue runner. */
	public const WP_CRON_HOOK = 'action_scheduler_run_queue';

	/**
	 * ActionScheduler_QueueRunner::init() (on init): an `every_minute`
	 * WP-Cron schedule, the action_scheduler_run_queue event (args
	 * ['WP Cron']) when not scheduled yet, and the runner on that event.
	 */
	public static function init(): void {
		add_filter( 'cron_schedules', array( self::class, 'add_wp_cron_schedule' ) );
		add_action( self::WP_CRON_HOOK, array( self::class, 'run_queue' ) );
		add_action( 'init', array( self::class, 'schedule_queue_runner' ), 1 );
	}

	/**
	 * @param array<string, array{interval:int, display:string}> $schedules
	 */
	public static function add_wp_cron_schedule( $schedules ) {
		$schedules['every_minute'] = array(
			'interval' => 60,
			'display'  => __( 'Every minute', 'woocommerce' ),
		);
		return $schedules;
	}

	public static function schedule_queue_runner(): void {
		if ( ! wp_next_scheduled( self::WP_CRON_HOOK, array( 'WP Cron' ) ) ) {
			wp_schedule_event( time(), 'every_minute', self::WP_CRON_HOOK, array( 'WP Cron' ) );
		}
	}

	public static function run_queue( $context = 'WP Cron' ): int {
		return self::run_due( 25 );
	}

	public static function is_initialized( $function_name = null ) {
		return true;
	}

	public static function store() {
		return new self();
	}

	public static function table( string $name ): string {
		global $wpdb;
		return $wpdb->prefix . 'actionscheduler_' . $name;
	}

	public static function encode_args( $args ): string {
		return (string) wp_json_encode( $args );
	}

	public static function group_id( string $group, bool $create = true ): int {
		global $wpdb;
		if ( '' === $group ) {
			return 0;
		}
		$id = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT group_id FROM ' . self::table( 'groups' ) . ' WHERE slug = %s', $group ) );
		if ( ! $id && $create ) {
			$wpdb->query( $wpdb->prepare( 'INSERT IGNORE INTO ' . self::table( 'groups' ) . ' (slug) VALUES (%s)', $group ) );
			$id = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT group_id FROM ' . self::table( 'groups' ) . ' WHERE slug = %s', $group ) );
		}
		return $id;
	}

	public static function log( int $action_id, string $message ): void {
		global $wpdb;
		$now = gmdate( 'Y-m-d H:i:s', iotpay_test_now() );
		$wpdb->insert(
			self::table( 'logs' ),
			array(
				'action_id'      => $action_id,
				'message'        => $message,
				'log_date_gmt'   => $now,
				'log_date_local' => $now,
			)
		);
	}

	/**
	 * @return int Action ID, 0 when not created.
	 */
	public static function create( string $type, $hook, $args, ?int $timestamp, int $interval, $group, bool $unique, int $priority ): int {
		global $wpdb;
		$args     = (array) $args;
		$when     = null === $timestamp ? iotpay_test_now() : $timestamp;
		$date     = gmdate( 'Y-m-d H:i:s', $when );
		$group_id = self::group_id( (string) $group );
		$encoded  = self::encode_args( $args );
		$schedule = wp_json_encode(
			array(
				'type'      => $type,
				'timestamp' => $timestamp,
				'interval'  => $interval,
			)
		);
		$columns  = array(
			'hook'                 => (string) $hook,
			'status'               => ActionScheduler_Store::STATUS_PENDING,
			'scheduled_date_gmt'   => $date,
			'scheduled_date_local' => $date,
			'priority'             => max( 0, min( 255, $priority ) ),
			'args'                 => strlen( $encoded ) <= 191 ? $encoded : md5( $encoded ),
			'extended_args'        => strlen( $encoded ) > 191 ? $encoded : null,
			'schedule'             => $schedule,
			'group_id'             => $group_id,
			'attempts'             => 0,
			'claim_id'             => 0,
		);
		$table    = self::table( 'actions' );
		if ( $unique ) {
			$names  = implode( ', ', array_keys( $columns ) );
			$values = implode(
				', ',
				array_map(
					static function ( $v ) use ( $wpdb ) {
						return null === $v ? 'NULL' : $wpdb->prepare( '%s', (string) $v );
					},
					$columns
				)
			);
			$sql    = "INSERT INTO $table ($names) SELECT $values FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM $table WHERE hook = " . $wpdb->prepare( '%s', (string) $hook ) . " AND status IN ('pending','in-progress') AND group_id = " . (int) $group_id . ')';
			$wpdb->query( $sql );
			if ( 1 !== (int) $wpdb->rows_affected ) {
				return 0;
			}
			$id = (int) $wpdb->insert_id;
		} else {
			$wpdb->insert( $table, $columns );
			$id = (int) $wpdb->insert_id;
		}
		if ( $id ) {
			self::log( $id, 'action created' );
			do_action( 'action_scheduler_stored_action', $id );
		}
		return $id;
	}

	/**
	 * Finds action IDs.
	 *
	 * @param array $q hook, args (null = any), group ('' = any), status (string|array), orderby (date|none), order, per_page (-1 = all), offset, date + date_compare.
	 * @return int[]
	 */
	public static function find( array $q ): array {
		global $wpdb;
		$where = array( '1=1' );
		if ( isset( $q['hook'] ) && '' !== $q['hook'] ) {
			$where[] = $wpdb->prepare( 'a.hook = %s', $q['hook'] );
		}
		if ( array_key_exists( 'args', $q ) && null !== $q['args'] ) {
			$encoded = self::encode_args( $q['args'] );
			$where[] = strlen( $encoded ) <= 191 ? $wpdb->prepare( 'a.args = %s', $encoded ) : $wpdb->prepare( 'a.extended_args = %s', $encoded );
		}
		if ( ! empty( $q['group'] ) ) {
			$where[] = 'a.group_id = ' . self::group_id( (string) $q['group'], false );
		}
		if ( ! empty( $q['status'] ) ) {
			$statuses = (array) $q['status'];
			$where[]  = 'a.status IN (' . implode( ',', array_map( static fn( $s ) => $wpdb->prepare( '%s', $s ), $statuses ) ) . ')';
		}
		if ( ! empty( $q['date'] ) ) {
			$date    = $q['date'] instanceof DateTimeInterface ? $q['date']->getTimestamp() : ( is_numeric( $q['date'] ) ? (int) $q['date'] : strtotime( (string) $q['date'] ) );
			$cmp     = in_array( $q['date_compare'] ?? '<=', array( '!=', '>', '>=', '<', '<=', '=' ), true ) ? ( $q['date_compare'] ?? '<=' ) : '<=';
			$where[] = $wpdb->prepare( "a.scheduled_date_gmt $cmp %s", gmdate( 'Y-m-d H:i:s', $date ) );
		}
		$order = 'DESC' === strtoupper( (string) ( $q['order'] ?? 'ASC' ) ) ? 'DESC' : 'ASC';
		$sql   = 'SELECT a.action_id FROM ' . self::table( 'actions' ) . ' a WHERE ' . implode( ' AND ', $where );
		if ( 'none' !== ( $q['orderby'] ?? 'date' ) ) {
			$sql .= " ORDER BY a.scheduled_date_gmt $order, a.action_id $order";
		}
		$per_page = (int) ( $q['per_page'] ?? 5 );
		if ( $per_page > 0 ) {
			$sql .= ' LIMIT ' . (int) ( $q['offset'] ?? 0 ) . ', ' . $per_page;
		}
		return array_map( 'intval', (array) $wpdb->get_col( $sql ) );
	}

	public static function find_one( array $q ): ?int {
		$q['per_page'] = 1;
		$ids           = self::find( $q );
		return $ids ? $ids[0] : null;
	}

	/**
	 * @return array<string,mixed>|null
	 */
	public static function row( int $action_id ): ?array {
		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( 'SELECT a.*, g.slug AS group_slug FROM ' . self::table( 'actions' ) . ' a LEFT JOIN ' . self::table( 'groups' ) . ' g ON g.group_id = a.group_id WHERE a.action_id = %d', $action_id ), ARRAY_A );
		return $row ?: null;
	}

	public static function args_of( array $row ): array {
		$json = null !== $row['extended_args'] && '' !== $row['extended_args'] ? $row['extended_args'] : $row['args'];
		$args = json_decode( (string) $json, true );
		return is_array( $args ) ? $args : array();
	}

	public static function schedule_of( array $row ): array {
		$s = json_decode( (string) $row['schedule'], true );
		return is_array( $s ) ? $s : array(
			'type'      => 'single',
			'timestamp' => strtotime( $row['scheduled_date_gmt'] . ' UTC' ),
			'interval'  => 0,
		);
	}

	public static function fetch_action( int $action_id ): ?ActionScheduler_Action {
		$row = self::row( $action_id );
		if ( ! $row ) {
			return null;
		}
		$s = self::schedule_of( $row );
		return new ActionScheduler_Action( $row['hook'], self::args_of( $row ), new ActionScheduler_Double_Schedule( 'async' === $s['type'] ? null : (int) strtotime( $row['scheduled_date_gmt'] . ' UTC' ), (int) $s['interval'] ), (string) $row['group_slug'], (int) $row['priority'] );
	}

	public static function cancel( int $action_id ): void {
		global $wpdb;
		$wpdb->update( self::table( 'actions' ), array( 'status' => ActionScheduler_Store::STATUS_CANCELED ), array( 'action_id' => $action_id ) );
		self::log( $action_id, 'action canceled' );
		do_action( 'action_scheduler_canceled_action', $action_id );
	}

	/**
	 * Runs due actions until none is due (bounded). Returns how many ran.
	 */
	public static function run_due( int $max = 500, string $context = 'WC Double' ): int {
		global $wpdb;
		$ran   = 0;
		$table = self::table( 'actions' );
		for ( $pass = 0; $pass < 50 && $ran < $max; $pass++ ) {
			$now = gmdate( 'Y-m-d H:i:s', iotpay_test_now() );
			$ids = array_map(
				'intval',
				(array) $wpdb->get_col(
					$wpdb->prepare( "SELECT action_id FROM $table WHERE status = 'pending' AND claim_id = 0 AND scheduled_date_gmt <= %s ORDER BY priority ASC, scheduled_date_gmt ASC, action_id ASC LIMIT 25", $now )
				)
			);
			if ( ! $ids ) {
				break;
			}
			$wpdb->insert( self::table( 'claims' ), array( 'date_created_gmt' => $now ) );
			$claim_id = (int) $wpdb->insert_id;
			foreach ( $ids as $id ) {
				$wpdb->query(
					$wpdb->prepare(
						"UPDATE $table SET claim_id = %d, status = 'in-progress', attempts = attempts + 1, last_attempt_gmt = %s, last_attempt_local = %s WHERE action_id = %d AND status = 'pending' AND claim_id = 0",
						$claim_id,
						$now,
						$now,
						$id
					)
				);
				if ( 1 !== (int) $wpdb->rows_affected ) {
					continue;
				}
				self::execute( $id, $context );
				++$ran;
				if ( $ran >= $max ) {
					break;
				}
			}
		}
		return $ran;
	}

	protected static function execute( int $action_id, string $context ): void {
		global $wpdb;
		$table  = self::table( 'actions' );
		$row    = self::row( $action_id );
		$action = self::fetch_action( $action_id );
		if ( null === $row || null === $action ) {
			return; // Deleted meanwhile (e.g. a test reset the database).
		}
		self::log( $action_id, sprintf( 'action started via %s', $context ) );
		do_action( 'action_scheduler_before_execute', $action_id, $context );
		try {
			$action->execute();
			$wpdb->update( $table, array( 'status' => ActionScheduler_Store::STATUS_COMPLETE ), array( 'action_id' => $action_id ) );
			self::log( $action_id, sprintf( 'action complete via %s', $context ) );
			do_action( 'action_scheduler_after_execute', $action_id, $action, $context );
		} catch ( Throwable $e ) {
			$wpdb->update( $table, array( 'status' => ActionScheduler_Store::STATUS_FAILED ), array( 'action_id' => $action_id ) );
			self::log( $action_id, sprintf( 'action failed via %s: %s', $context, $e->getMessage() ) );
			do_action( 'action_scheduler_failed_execution', $action_id, $e, $context );
		}
		$schedule = self::schedule_of( $row );
		if ( 'recurring' === $schedule['type'] && (int) $schedule['interval'] > 0 ) {
			self::create( 'recurring', $row['hook'], self::args_of( $row ), iotpay_test_now() + (int) $schedule['interval'], (int) $schedule['interval'], (string) $row['group_slug'], false, (int) $row['priority'] );
		}
	}
}

function as_enqueue_async_action( $hook, $args = array(), $group = '', $unique = false, $priority = 10 ) {
	$pre = apply_filters( 'pre_as_enqueue_async_action', null, $hook, $args, $group, $priority, $unique );
	if ( null !== $pre ) {
		return is_int( $pre ) ? $pre : 0;
	}
	return ActionScheduler::create( 'async', $hook, $args, null, 0, $group, (bool) $unique, (int) $priority );
}

function as_schedule_single_action( $timestamp, $hook, $args = array(), $group = '', $unique = false, $priority = 10 ) {
	$pre = apply_filters( 'pre_as_schedule_single_action', null, $timestamp, $hook, $args, $group, $priority );
	if ( null !== $pre ) {
		return is_int( $pre ) ? $pre : 0;
	}
	return ActionScheduler::create( 'single', $hook, $args, (int) $timestamp, 0, $group, (bool) $unique, (int) $priority );
}

function as_schedule_recurring_action( $timestamp, $interval_in_seconds, $hook, $args = array(), $group = '', $unique = false, $priority = 10 ) {
	$interval = (int) $interval_in_seconds;
	if ( ! is_numeric( $interval_in_seconds ) || $interval_in_seconds != $interval ) { // phpcs:ignore
		_doing_it_wrong( __FUNCTION__, sprintf( 'An integer was expected but "%1$s" (%2$s) was received.', esc_html( (string) $interval_in_seconds ), esc_html( gettype( $interval_in_seconds ) ) ), '3.6.0' );
		return 0;
	}
	$pre = apply_filters( 'pre_as_schedule_recurring_action', null, $timestamp, $interval_in_seconds, $hook, $args, $group, $priority );
	if ( null !== $pre ) {
		return is_int( $pre ) ? $pre : 0;
	}
	return ActionScheduler::create( 'recurring', $hook, $args, (int) $timestamp, $interval, $group, (bool) $unique, (int) $priority );
}

function as_unschedule_action( $hook, $args = array(), $group = '' ) {
	$params = array(
		'hook'    => $hook,
		'status'  => ActionScheduler_Store::STATUS_PENDING,
		'orderby' => 'date',
		'order'   => 'ASC',
		'group'   => $group,
	);
	if ( is_array( $args ) ) {
		$params['args'] = $args;
	}
	$action_id = ActionScheduler::find_one( $params );
	if ( $action_id ) {
		ActionScheduler::cancel( $action_id );
	}
	return $action_id;
}

function as_unschedule_all_actions( $hook, $args = array(), $group = '' ) {
	if ( empty( $args ) ) {
		global $wpdb;
		if ( ( ! empty( $hook ) && empty( $group ) ) || ( ! empty( $group ) && empty( $hook ) ) ) {
			$params = array(
				'hook'     => $hook,
				'group'    => $group,
				'status'   => ActionScheduler_Store::STATUS_PENDING,
				'per_page' => -1,
			);
			foreach ( ActionScheduler::find( $params ) as $id ) {
				ActionScheduler::cancel( $id );
			}
			return;
		}
	}
	do {
		$unscheduled = as_unschedule_action( $hook, $args, $group );
	} while ( ! empty( $unscheduled ) );
}

function as_next_scheduled_action( $hook, $args = null, $group = '' ) {
	$params = array(
		'hook'    => $hook,
		'orderby' => 'date',
		'order'   => 'ASC',
		'group'   => $group,
	);
	if ( is_array( $args ) ) {
		$params['args'] = $args;
	}
	$params['status'] = ActionScheduler_Store::STATUS_RUNNING;
	if ( ActionScheduler::find_one( $params ) ) {
		return true;
	}
	$params['status'] = ActionScheduler_Store::STATUS_PENDING;
	$action_id        = ActionScheduler::find_one( $params );
	if ( null === $action_id ) {
		return false;
	}
	$action = ActionScheduler::fetch_action( $action_id );
	$date   = $action ? $action->get_schedule()->get_date() : false;
	if ( $date ) {
		return (int) $date->format( 'U' );
	}
	return null === $date ? true : false;
}

function as_has_scheduled_action( $hook, $args = null, $group = '' ) {
	$q = array(
		'hook'    => $hook,
		'status'  => array( ActionScheduler_Store::STATUS_RUNNING, ActionScheduler_Store::STATUS_PENDING ),
		'group'   => $group,
		'orderby' => 'none',
	);
	if ( null !== $args ) {
		$q['args'] = $args;
	}
	return null !== ActionScheduler::find_one( $q );
}

/**
 * @return array IDs ('ids'), rows (ARRAY_A) or ActionScheduler_Action objects keyed by ID (OBJECT).
 */
function as_get_scheduled_actions( $args = array(), $return_format = OBJECT ) {
	$args = wp_parse_args(
		$args,
		array(
			'hook'     => '',
			'args'     => null,
			'group'    => '',
			'status'   => '',
			'per_page' => 5,
			'offset'   => 0,
			'orderby'  => 'date',
			'order'    => 'ASC',
		)
	);
	$ids  = ActionScheduler::find( $args );
	if ( 'ids' === $return_format ) {
		return $ids;
	}
	$out = array();
	foreach ( $ids as $id ) {
		if ( ARRAY_A === $return_format ) {
			$row          = ActionScheduler::row( $id );
			$row['args']  = ActionScheduler::args_of( $row );
			$row['group'] = (string) $row['group_slug'];
			$out[ $id ]   = $row;
		} else {
			$out[ $id ] = ActionScheduler::fetch_action( $id );
		}
	}
	return $out;
}

/**
 * Runs due Action Scheduler actions (TestCase / server.php). Returns how many ran.
 */
function wc_double_run_due_actions( int $max = 500 ): int {
	return ActionScheduler::run_due( $max );
}

/**
 * WC()->queue(): WooCommerce's WC_Action_Queue over Action Scheduler.
 */
class WC_Action_Queue {

	protected static $instance = null;

	public static function instance() {
		if ( null === self::$instance ) {
			self::$instance = new self();
		}
		return self::$instance;
	}

	public function add( $hook, $args = array(), $group = '' ) {
		return as_enqueue_async_action( $hook, $args, $group );
	}

	public function schedule_single( $timestamp, $hook, $args = array(), $group = '' ) {
		return as_schedule_single_action( $timestamp, $hook, $args, $group );
	}

	public function schedule_recurring( $timestamp, $interval_in_seconds, $hook, $args = array(), $group = '' ) {
		return as_schedule_recurring_action( $timestamp, $interval_in_seconds, $hook, $args, $group );
	}

	public function cancel( $hook, $args = array(), $group = '' ) {
		as_unschedule_action( $hook, $args, $group );
	}

	public function cancel_all( $hook, $args = array(), $group = '' ) {
		as_unschedule_all_actions( $hook, $args, $group );
	}

	public function get_next( $hook, $args = null, $group = '' ) {
		$next = as_next_scheduled_action( $hook, $args, $group );
		if ( is_numeric( $next ) ) {
			return new WC_DateTime( '@' . $next, new DateTimeZone( 'UTC' ) );
		}
		return null;
	}

	public function search( $args = array(), $return_format = OBJECT ) {
		return as_get_scheduled_actions( $args, $return_format );
	}
}
