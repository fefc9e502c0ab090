<?php
/**
 * The double's own observations (not WooCommerce), readable by the tests
 * from any process because they are stored in the database:
 *
 * - emails: wp_mail() is short-circuited through WordPress's `pre_wp_mail`
 *   filter and every message is recorded in {prefix}double_emails (the
 *   WooCommerce email id and order while a WC_Email sends, else `wp_mail`);
 *   nothing is handed to PHPMailer.
 * - stock reductions: wc_reduce_stock_levels() records one row per line item
 *   in {prefix}double_stock_reductions.
 * - the HPOS guard: while `woocommerce_custom_orders_table_enabled` is
 *   'yes', reading or writing an order's post meta (get_post_meta(),
 *   add_post_meta(), update_post_meta(), delete_post_meta() — WordPress's
 *   `{get,add,update,delete}_post_metadata` filters), loading an order's post
 *   (get_post(), get_post_status(), get_post_type() … — WP_Post::get_instance()'s
 *   query, seen through wpdb's `query` filter; a post WordPress already
 *   cached is not seen) or querying order post types (WP_Query, get_posts():
 *   `pre_get_posts`) from code outside WordPress and the double records a
 *   row in {prefix}double_violations (TestCase::assertNoHposViolations()),
 *   one per call.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

final class WC_Double_Mail {

	/** Set by WC_Email::send() while it sends: [email_id, order_id]. */
	public static ?array $context = null;

	/**
	 * `pre_wp_mail`: records the message and reports it sent.
	 *
	 * @param null|bool $return Short-circuit value.
	 * @param array     $atts   to, subject, message, headers, attachments.
	 */
	public static function capture( $return, $atts ) {
		global $wpdb;
		if ( null !== $return ) {
			return $return;
		}
		$to = is_array( $atts['to'] ) ? implode( ',', $atts['to'] ) : (string) $atts['to'];
		$wpdb->insert(
			$wpdb->prefix . 'double_emails',
			array(
				'email_id'  => self::$context[0] ?? 'wp_mail',
				'order_id'  => (int) ( self::$context[1] ?? 0 ),
				'recipient' => $to,
				'subject'   => (string) $atts['subject'],
				'message'   => is_string( $atts['message'] ) ? $atts['message'] : '',
				'sent_gmt'  => gmdate( 'Y-m-d H:i:s', iotpay_test_now() ),
				'pid'       => getmypid(),
			)
		);
		return true;
	}
}

final class WC_Double_Observations {

	public static function init(): void {
		add_filter( 'pre_wp_mail', array( WC_Double_Mail::class, 'capture' ), 10, 2 );
		foreach ( array( 'get', 'add', 'update', 'delete' ) as $op ) {
			add_filter( "{$op}_post_metadata", array( self::class, 'guard_meta' ), 0, 2 );
		}
		add_filter( 'query', array( self::class, 'guard_query' ) );
		add_action( 'pre_get_posts', array( self::class, 'guard_wp_query' ) );
	}

	/**
	 * Tables of the double's observations (created with WooCommerce's tables).
	 */
	public static function get_schema( string $collate ): string {
		global $wpdb;
		return "
CREATE TABLE {$wpdb->prefix}double_emails (
  id bigint(20) unsigned NOT NULL auto_increment,
  email_id varchar(100) NOT NULL,
  order_id bigint(20) unsigned NOT NULL default '0',
  recipient text NOT NULL,
  subject text NOT NULL,
  message longtext NOT NULL,
  sent_gmt datetime NOT NULL,
  pid int(11) NOT NULL default '0',
  PRIMARY KEY  (id),
  KEY order_id (order_id)
) $collate;
CREATE TABLE {$wpdb->prefix}double_violations (
  id bigint(20) unsigned NOT NULL auto_increment,
  kind varchar(50) NOT NULL,
  function varchar(100) NOT NULL,
  object_id bigint(20) unsigned NOT NULL default '0',
  detail text NOT NULL,
  caller text NOT NULL,
  pid int(11) NOT NULL default '0',
  PRIMARY KEY  (id)
) $collate;
CREATE TABLE {$wpdb->prefix}double_stock_reductions (
  id bigint(20) unsigned NOT NULL auto_increment,
  order_id bigint(20) unsigned NOT NULL,
  product_id bigint(20) unsigned NOT NULL,
  qty decimal(26,8) NOT NULL,
  pid int(11) NOT NULL default '0',
  PRIMARY KEY  (id),
  KEY order_id (order_id)
) $collate;
";
	}

	/* ---------------------------------------------------------------------
	 * HPOS guard
	 * ------------------------------------------------------------------ */

	private static bool $checking = false;

	/** The last violation recorded by this process (one per call site and order). */
	private static string $last = '';

	/**
	 * Drops an order's post from WordPress's object cache while HPOS is on,
	 * after the double itself made WordPress load it (wp_insert_post() of the
	 * placeholder, a note's comment count), so that a later get_post() on it
	 * reads the database and the guard sees it.
	 */
	public static function forget_order_post( int $id ): void {
		if ( $id > 0 && self::hpos_on() ) {
			wp_cache_delete( $id, 'posts' );
		}
	}

	/**
	 * `{get,add,update,delete}_post_metadata` (priority 0): never changes the result.
	 *
	 * @param mixed $check     Short-circuit value.
	 * @param int   $object_id Post ID.
	 */
	public static function guard_meta( $check, $object_id ) {
		self::check( (int) $object_id, 'direct post meta access on an order while HPOS is on' );
		return $check;
	}

	/**
	 * wpdb `query`: WP_Post::get_instance() loading an order's post.
	 */
	public static function guard_query( $query ) {
		global $wpdb;
		if ( ! self::$checking && is_string( $query ) && 0 === strncmp( $query, 'SELECT * FROM ' . $wpdb->posts . ' WHERE ID = ', strlen( 'SELECT * FROM ' . $wpdb->posts . ' WHERE ID = ' ) ) && preg_match( '/^SELECT \* FROM \S+ WHERE ID = (\d+) LIMIT 1$/', $query, $m ) ) {
			self::check( (int) $m[1], 'direct post access on an order while HPOS is on' );
		}
		return $query;
	}

	/**
	 * `pre_get_posts`: a query for order post types.
	 *
	 * @param WP_Query $query The query.
	 */
	public static function guard_wp_query( $query ): void {
		$types = array_intersect( (array) $query->get( 'post_type' ), array( 'shop_order', 'shop_order_refund' ) );
		if ( $types && ! self::$checking && self::hpos_on() ) {
			$caller = self::caller();
			if ( null !== $caller ) {
				self::record( 'hpos_post_access', $caller[0], 0, 'querying order posts while HPOS is on', $caller[1] );
			}
		}
	}

	private static function hpos_on(): bool {
		global $wpdb;
		self::$checking = true;
		try {
			return 'yes' === $wpdb->get_var( "SELECT option_value FROM {$wpdb->options} WHERE option_name = 'woocommerce_custom_orders_table_enabled'" );
		} finally {
			self::$checking = false;
		}
	}

	private static function check( int $object_id, string $detail ): void {
		global $wpdb;
		if ( self::$checking || $object_id <= 0 ) {
			return;
		}
		$caller = self::caller();
		if ( null === $caller || ! self::hpos_on() ) {
			return;
		}
		self::$checking = true;
		try {
			$is_order = (bool) $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$wpdb->prefix}wc_orders WHERE id = %d", $object_id ) )
				|| in_array( $wpdb->get_var( $wpdb->prepare( "SELECT post_type FROM {$wpdb->posts} WHERE ID = %d", $object_id ) ), array( 'shop_order', 'shop_order_refund', 'shop_order_placehold' ), true );
		} finally {
			self::$checking = false;
		}
		if ( $is_order ) {
			self::record( 'hpos_post_access', $caller[0], $object_id, $detail, $caller[1] );
		}
	}

	/**
	 * The call site that reached WordPress: [function called, "file:line"] of
	 * the innermost frame outside WordPress core; null when that frame is the
	 * double itself (WooCommerce's own storage) or nothing outside core is
	 * on the stack.
	 *
	 * @return array{0:string,1:string}|null
	 */
	private static function caller(): ?array {
		$double = wp_normalize_path( dirname( __DIR__ ) ) . '/';
		// WordPress: ABSPATH (front controllers) and where wp-includes really is.
		$core    = array( wp_normalize_path( ABSPATH ), wp_normalize_path( dirname( (string) realpath( ABSPATH . WPINC ) ) ) . '/' );
		$self    = wp_normalize_path( __FILE__ );
		foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) {
			if ( empty( $frame['file'] ) || wp_normalize_path( $frame['file'] ) === $self ) {
				continue;
			}
			$file = wp_normalize_path( $frame['file'] );
			if ( 0 === strpos( $file, $core[0] ) || 0 === strpos( $file, $core[1] ) ) {
				continue;
			}
			if ( 0 === strpos( $file, $double ) ) {
				return null;
			}
			return array( (string) ( $frame['function'] ?? '' ), $file . ':' . ( $frame['line'] ?? 0 ) );
		}
		return null;
	}

	private static function record( string $kind, string $function, int $object_id, string $detail, string $caller ): void {
		global $wpdb;
		// update_post_meta() also reads (and may add) the meta: one record per call.
		$key = "$function|$object_id|$caller";
		if ( self::$last === $key ) {
			return;
		}
		self::$last     = $key;
		self::$checking = true;
		try {
			$wpdb->insert(
				$wpdb->prefix . 'double_violations',
				array(
					'kind'      => $kind,
					'function'  => $function,
					'object_id' => $object_id,
					'detail'    => $detail,
					'caller'    => $caller,
					'pid'       => getmypid(),
				)
			);
		} finally {
			self::$checking = false;
		}
	}
}

/**
 * What a new request starts without, for the test harness that runs many
 * tests in one PHP process (TestCase): WC() (session, cart, customer,
 * gateways), the mailer, the logger, the clock's cached offset, and the
 * Blocks payment method registry, which is emptied and initialised again
 * (woocommerce_blocks_payment_method_type_registration) as on init.
 * WooCommerce's process-level state of a request (FeaturesUtil
 * declarations made on before_woocommerce_init, registered post types,
 * hooks) is kept.
 */
function wc_double_reset_request_state(): void {
	global $wc_double_logger;
	WooCommerce::reset_instance();
	WC_Emails::reset_instance();
	$wc_double_logger        = null;
	WC_Double_Mail::$context = null;
	WC_Double_Clock::$offset = null;
	$registry                = \Automattic\WooCommerce\Blocks\Package::container()->get( \Automattic\WooCommerce\Blocks\Payments\PaymentMethodRegistry::class );
	( function () {
		$this->registered_integrations = array();
	} )->call( $registry );
	if ( did_action( 'init' ) ) {
		$registry->initialize();
	}
}
