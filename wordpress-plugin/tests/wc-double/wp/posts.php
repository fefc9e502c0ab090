<?php
/**
 * Test double: WordPress posts, post meta and comments (post.php,
 * comment.php, class-wp-post.php, class-wp-comment.php) — the subset a
 * payment gateway touches.
 *
 * Modelled on WordPress 6.1: wp_insert_post()/wp_update_post() (the columns
 * of {prefix}posts, save_post/wp_insert_post actions), get_post() returning
 * WP_Post, get_post_meta()/update_post_meta()/add_post_meta()/
 * delete_post_meta() over the Metadata API, get_posts() with post_type,
 * post_status, numberposts, meta_key/meta_value, fields=ids, and order notes'
 * storage: wp_insert_comment(), get_comment(), get_comments() (post_id,
 * type, status=approve, number, orderby, order), comment meta.
 *
 * HPOS guard (the double's own addition): while
 * `woocommerce_custom_orders_table_enabled` is 'yes', calling get_post(),
 * get_post_meta(), update_post_meta(), add_post_meta(), delete_post_meta(),
 * get_post_status(), get_post_type(), wp_update_post() or get_posts() for an
 * order ID / order post type records a row in {prefix}double_violations;
 * TestCase::assertNoHposViolations() asserts there are none. Own
 * implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

final class WP_Post {

	public $ID = 0;
	public $post_author = '0';
	public $post_date = '0000-00-00 00:00:00';
	public $post_date_gmt = '0000-00-00 00:00:00';
	public $post_content = '';
	public $post_title = '';
	public $post_excerpt = '';
	public $post_status = 'publish';
	public $comment_status = 'open';
	public $ping_status = 'open';
	public $post_password = '';
	public $post_name = '';
	public $to_ping = '';
	public $pinged = '';
	public $post_modified = '0000-00-00 00:00:00';
	public $post_modified_gmt = '0000-00-00 00:00:00';
	public $post_content_filtered = '';
	public $post_parent = 0;
	public $guid = '';
	public $menu_order = 0;
	public $post_type = 'post';
	public $post_mime_type = '';
	public $comment_count = 0;
	public $filter = 'raw';

	public function __construct( $post ) {
		foreach ( get_object_vars( $post ) as $key => $value ) {
			$this->$key = $value;
		}
		$this->ID          = (int) $this->ID;
		$this->post_parent = (int) $this->post_parent;
		$this->menu_order  = (int) $this->menu_order;
	}

	public static function get_instance( $post_id ) {
		global $wpdb;
		$post_id = (int) $post_id;
		if ( ! $post_id ) {
			return false;
		}
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM $wpdb->posts WHERE ID = %d LIMIT 1", $post_id ) );
		return $row ? new WP_Post( $row ) : false;
	}

	public function to_array() {
		return get_object_vars( $this );
	}
}

final class WP_Comment {

	public $comment_ID;
	public $comment_post_ID = 0;
	public $comment_author = '';
	public $comment_author_email = '';
	public $comment_author_url = '';
	public $comment_author_IP = '';
	public $comment_date = '0000-00-00 00:00:00';
	public $comment_date_gmt = '0000-00-00 00:00:00';
	public $comment_content;
	public $comment_karma = 0;
	public $comment_approved = '1';
	public $comment_agent = '';
	public $comment_type = 'comment';
	public $comment_parent = 0;
	public $user_id = 0;

	public function __construct( $comment ) {
		foreach ( get_object_vars( $comment ) as $key => $value ) {
			$this->$key = $value;
		}
	}
}

/* ---------------------------------------------------------------------------
 * HPOS guard
 * ------------------------------------------------------------------------- */

function _wc_double_hpos_on(): bool {
	global $wpdb;
	$value = $wpdb->get_var( "SELECT option_value FROM $wpdb->options WHERE option_name = 'woocommerce_custom_orders_table_enabled'" );
	return 'yes' === $value;
}

function _wc_double_is_order_id( $post_id ): bool {
	global $wpdb;
	$post_id = (int) $post_id;
	if ( $post_id <= 0 ) {
		return false;
	}
	$in_table = $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$wpdb->prefix}wc_orders WHERE id = %d", $post_id ) );
	if ( $in_table ) {
		return true;
	}
	$type = $wpdb->get_var( $wpdb->prepare( "SELECT post_type FROM $wpdb->posts WHERE ID = %d", $post_id ) );
	return in_array( $type, array( 'shop_order', 'shop_order_refund', 'shop_order_placehold' ), true );
}

/**
 * First stack frame outside the double: "file:line function".
 */
function _wc_double_caller(): string {
	$double_dir = wp_normalize_path( dirname( __DIR__ ) );
	foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $i => $frame ) {
		$file = isset( $frame['file'] ) ? wp_normalize_path( $frame['file'] ) : '';
		if ( '' !== $file && 0 !== strpos( $file, $double_dir ) ) {
			return $file . ':' . ( $frame['line'] ?? 0 );
		}
	}
	return 'unknown';
}

function wc_double_record_violation( string $kind, string $function, int $object_id, string $detail = '' ): void {
	global $wpdb;
	$wpdb->insert(
		$wpdb->prefix . 'double_violations',
		array(
			'kind'      => $kind,
			'function'  => $function,
			'object_id' => $object_id,
			'detail'    => $detail,
			'caller'    => _wc_double_caller(),
			'pid'       => getmypid(),
		)
	);
}

function _wc_double_guard_order_post( $post_id, string $function ): void {
	if ( $post_id instanceof WP_Post ) {
		$post_id = $post_id->ID;
	}
	if ( ! is_numeric( $post_id ) || ! _wc_double_hpos_on() ) {
		return;
	}
	if ( _wc_double_is_order_id( (int) $post_id ) ) {
		wc_double_record_violation( 'hpos_post_access', $function, (int) $post_id, 'direct post/post meta access on an order while HPOS is on' );
	}
}

/* ---------------------------------------------------------------------------
 * Posts
 * ------------------------------------------------------------------------- */

function get_post( $post = null, $output = OBJECT, $filter = 'raw' ) {
	if ( empty( $post ) && isset( $GLOBALS['post'] ) ) {
		$post = $GLOBALS['post'];
	}
	_wc_double_guard_order_post( $post, 'get_post' );
	if ( $post instanceof WP_Post ) {
		$_post = $post;
	} elseif ( is_object( $post ) ) {
		$_post = new WP_Post( $post );
	} else {
		$_post = WP_Post::get_instance( $post );
	}
	if ( ! $_post ) {
		return null;
	}
	if ( ARRAY_A === $output ) {
		return $_post->to_array();
	}
	if ( ARRAY_N === $output ) {
		return array_values( $_post->to_array() );
	}
	return $_post;
}

function get_post_type( $post = null ) {
	_wc_double_guard_order_post( $post, 'get_post_type' );
	$p = is_numeric( $post ) ? WP_Post::get_instance( $post ) : ( $post instanceof WP_Post ? $post : null );
	return $p ? $p->post_type : false;
}

function get_post_status( $post = null ) {
	_wc_double_guard_order_post( $post, 'get_post_status' );
	$p = is_numeric( $post ) ? WP_Post::get_instance( $post ) : ( $post instanceof WP_Post ? $post : null );
	return $p ? $p->post_status : false;
}

/**
 * @return int|WP_Error Post ID, 0 (or WP_Error) on failure.
 */
function wp_insert_post( $postarr, $wp_error = false, $fire_after_hooks = true ) {
	global $wpdb;
	$postarr  = (array) $postarr;
	$now      = iotpay_test_now();
	$defaults = array(
		'post_author'    => get_current_user_id(),
		'post_content'   => '',
		'post_title'     => '',
		'post_excerpt'   => '',
		'post_status'    => 'draft',
		'post_type'      => 'post',
		'comment_status' => 'closed',
		'ping_status'    => 'closed',
		'post_password'  => '',
		'post_name'      => '',
		'post_parent'    => 0,
		'menu_order'     => 0,
		'post_mime_type' => '',
		'guid'           => '',
	);
	$update = ! empty( $postarr['ID'] );
	if ( $update ) {
		$existing = WP_Post::get_instance( (int) $postarr['ID'] );
		if ( ! $existing ) {
			return $wp_error ? new WP_Error( 'invalid_post', __( 'Invalid post ID.' ) ) : 0;
		}
		$postarr = array_merge( $existing->to_array(), $postarr );
	}
	$data                      = wp_parse_args( $postarr, $defaults );
	$data['post_date_gmt']     = $data['post_date_gmt'] ?? ( isset( $data['post_date'] ) ? get_gmt_from_date( $data['post_date'] ) : gmdate( 'Y-m-d H:i:s', $now ) );
	$data['post_date']         = $data['post_date'] ?? get_date_from_gmt( $data['post_date_gmt'] );
	$data['post_modified_gmt'] = gmdate( 'Y-m-d H:i:s', $now );
	$data['post_modified']     = get_date_from_gmt( $data['post_modified_gmt'] );
	$columns                   = array( 'post_author', 'post_date', 'post_date_gmt', 'post_content', 'post_title', 'post_excerpt', 'post_status', 'comment_status', 'ping_status', 'post_password', 'post_name', 'post_modified', 'post_modified_gmt', 'post_parent', 'menu_order', 'post_type', 'post_mime_type', 'guid' );
	$row                       = array();
	foreach ( $columns as $c ) {
		$row[ $c ] = is_scalar( $data[ $c ] ?? '' ) ? (string) ( $data[ $c ] ?? '' ) : '';
	}
	$row['to_ping']               = '';
	$row['pinged']                = '';
	$row['post_content_filtered'] = '';
	if ( $update ) {
		$post_id = (int) $postarr['ID'];
		$ok      = $wpdb->update( $wpdb->posts, $row, array( 'ID' => $post_id ) );
	} else {
		$ok      = $wpdb->insert( $wpdb->posts, $row );
		$post_id = (int) $wpdb->insert_id;
	}
	if ( false === $ok ) {
		return $wp_error ? new WP_Error( 'db_insert_error', __( 'Could not insert post into the database.' ), $wpdb->last_error ) : 0;
	}
	if ( ! empty( $postarr['meta_input'] ) && is_array( $postarr['meta_input'] ) ) {
		foreach ( $postarr['meta_input'] as $key => $value ) {
			update_metadata( 'post', $post_id, $key, $value );
		}
	}
	$post = WP_Post::get_instance( $post_id );
	if ( $fire_after_hooks ) {
		do_action( "save_post_{$post->post_type}", $post_id, $post, $update );
		do_action( 'save_post', $post_id, $post, $update );
		do_action( 'wp_insert_post', $post_id, $post, $update );
	}
	return $post_id;
}

function wp_update_post( $postarr = array(), $wp_error = false, $fire_after_hooks = true ) {
	if ( is_object( $postarr ) ) {
		$postarr = get_object_vars( $postarr );
	}
	_wc_double_guard_order_post( $postarr['ID'] ?? 0, 'wp_update_post' );
	if ( empty( $postarr['ID'] ) ) {
		return $wp_error ? new WP_Error( 'invalid_post', __( 'Invalid post ID.' ) ) : 0;
	}
	return wp_insert_post( $postarr, $wp_error, $fire_after_hooks );
}

function wp_delete_post( $postid = 0, $force_delete = false ) {
	global $wpdb;
	$post = WP_Post::get_instance( $postid );
	if ( ! $post ) {
		return false;
	}
	do_action( 'before_delete_post', $post->ID, $post );
	$wpdb->delete( $wpdb->postmeta, array( 'post_id' => $post->ID ) );
	$wpdb->delete( $wpdb->posts, array( 'ID' => $post->ID ) );
	do_action( 'deleted_post', $post->ID, $post );
	return $post;
}

function get_post_meta( $post_id, $key = '', $single = false ) {
	_wc_double_guard_order_post( $post_id, 'get_post_meta' );
	return get_metadata( 'post', $post_id, $key, $single );
}

function update_post_meta( $post_id, $meta_key, $meta_value, $prev_value = '' ) {
	_wc_double_guard_order_post( $post_id, 'update_post_meta' );
	return update_metadata( 'post', $post_id, $meta_key, $meta_value, $prev_value );
}

function add_post_meta( $post_id, $meta_key, $meta_value, $unique = false ) {
	_wc_double_guard_order_post( $post_id, 'add_post_meta' );
	return add_metadata( 'post', $post_id, $meta_key, $meta_value, $unique );
}

function delete_post_meta( $post_id, $meta_key, $meta_value = '' ) {
	_wc_double_guard_order_post( $post_id, 'delete_post_meta' );
	return delete_metadata( 'post', $post_id, $meta_key, $meta_value );
}

function get_post_custom( $post_id = 0 ) {
	return get_post_meta( $post_id );
}

/**
 * get_posts(): post_type, post_status, numberposts/posts_per_page, post_parent,
 * meta_key/meta_value, include, orderby=date|ID, order, fields=ids.
 */
function get_posts( $args = null ) {
	global $wpdb;
	$args = wp_parse_args(
		$args,
		array(
			'numberposts' => 5,
			'post_type'   => 'post',
			'post_status' => 'publish',
			'orderby'     => 'date',
			'order'       => 'DESC',
			'fields'      => '',
		)
	);
	$types = (array) $args['post_type'];
	if ( _wc_double_hpos_on() && array_intersect( $types, array( 'shop_order', 'shop_order_refund' ) ) ) {
		wc_double_record_violation( 'hpos_post_access', 'get_posts', 0, 'querying order posts while HPOS is on' );
	}
	$limit = (int) ( $args['posts_per_page'] ?? $args['numberposts'] );
	$where = array();
	$where[] = 'p.post_type IN (' . implode( ',', array_map( static fn( $t ) => "'" . esc_sql( $t ) . "'", $types ) ) . ')';
	if ( 'any' !== $args['post_status'] ) {
		$statuses = (array) $args['post_status'];
		$where[]  = 'p.post_status IN (' . implode( ',', array_map( static fn( $s ) => "'" . esc_sql( $s ) . "'", $statuses ) ) . ')';
	}
	if ( isset( $args['post_parent'] ) ) {
		$where[] = $wpdb->prepare( 'p.post_parent = %d', $args['post_parent'] );
	}
	if ( ! empty( $args['include'] ) ) {
		$where[] = 'p.ID IN (' . implode( ',', wp_parse_id_list( $args['include'] ) ) . ')';
	}
	$join = '';
	if ( isset( $args['meta_key'] ) ) {
		$join    = "INNER JOIN $wpdb->postmeta pm ON pm.post_id = p.ID";
		$where[] = $wpdb->prepare( 'pm.meta_key = %s', $args['meta_key'] );
		if ( isset( $args['meta_value'] ) ) {
			$where[] = $wpdb->prepare( 'pm.meta_value = %s', $args['meta_value'] );
		}
	}
	$order   = 'ASC' === strtoupper( $args['order'] ) ? 'ASC' : 'DESC';
	$orderby = 'ID' === $args['orderby'] ? 'p.ID' : 'p.post_date';
	$sql     = "SELECT DISTINCT p.ID FROM $wpdb->posts p $join WHERE " . implode( ' AND ', $where ) . " ORDER BY $orderby $order, p.ID $order";
	if ( $limit > 0 ) {
		$sql .= ' LIMIT ' . $limit;
	}
	$ids = array_map( 'intval', $wpdb->get_col( $sql ) );
	if ( 'ids' === $args['fields'] ) {
		return $ids;
	}
	return array_values( array_filter( array_map( array( 'WP_Post', 'get_instance' ), $ids ) ) );
}

function esc_sql( $data ) {
	global $wpdb;
	return $wpdb->_escape( $data );
}

function get_permalink( $post = 0, $leavename = false ) {
	$post = $post instanceof WP_Post ? $post : WP_Post::get_instance( $post );
	if ( ! $post ) {
		return false;
	}
	return apply_filters( 'post_link', home_url( '/?p=' . $post->ID ), $post, $leavename );
}

/* ---------------------------------------------------------------------------
 * Comments (order notes)
 * ------------------------------------------------------------------------- */

function wp_insert_comment( $commentdata ) {
	global $wpdb;
	$data     = wp_unslash( (array) $commentdata );
	$now      = iotpay_test_now();
	$date_gmt = $data['comment_date_gmt'] ?? gmdate( 'Y-m-d H:i:s', $now );
	$row      = array(
		'comment_post_ID'      => (int) ( $data['comment_post_ID'] ?? 0 ),
		'comment_author'       => (string) ( $data['comment_author'] ?? '' ),
		'comment_author_email' => (string) ( $data['comment_author_email'] ?? '' ),
		'comment_author_url'   => (string) ( $data['comment_author_url'] ?? '' ),
		'comment_author_IP'    => (string) ( $data['comment_author_IP'] ?? '' ),
		'comment_date'         => $data['comment_date'] ?? get_date_from_gmt( $date_gmt ),
		'comment_date_gmt'     => $date_gmt,
		'comment_content'      => (string) ( $data['comment_content'] ?? '' ),
		'comment_karma'        => (int) ( $data['comment_karma'] ?? 0 ),
		'comment_approved'     => (string) ( $data['comment_approved'] ?? '1' ),
		'comment_agent'        => (string) ( $data['comment_agent'] ?? '' ),
		'comment_type'         => (string) ( $data['comment_type'] ?? 'comment' ),
		'comment_parent'       => (int) ( $data['comment_parent'] ?? 0 ),
		'user_id'              => (int) ( $data['user_id'] ?? 0 ),
	);
	if ( ! $wpdb->insert( $wpdb->comments, $row ) ) {
		return false;
	}
	$id = (int) $wpdb->insert_id;
	if ( isset( $data['comment_meta'] ) && is_array( $data['comment_meta'] ) ) {
		foreach ( $data['comment_meta'] as $k => $v ) {
			add_comment_meta( $id, $k, $v, true );
		}
	}
	$comment = get_comment( $id );
	do_action( 'wp_insert_comment', $id, $comment );
	return $id;
}

function get_comment( $comment = null, $output = OBJECT ) {
	global $wpdb;
	if ( $comment instanceof WP_Comment ) {
		return $comment;
	}
	$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM $wpdb->comments WHERE comment_ID = %d", (int) $comment ) );
	if ( ! $row ) {
		return null;
	}
	$c = new WP_Comment( $row );
	return ARRAY_A === $output ? get_object_vars( $c ) : $c;
}

/**
 * get_comments(): post_id, post__in, type, status ('approve'|'all'|'hold'),
 * number, orderby (comment_ID|comment_date|comment_date_gmt), order, count.
 */
function get_comments( $args = '' ) {
	global $wpdb;
	$args  = wp_parse_args(
		$args,
		array(
			'post_id' => 0,
			'type'    => '',
			'status'  => 'all',
			'number'  => '',
			'orderby' => 'comment_date_gmt',
			'order'   => 'DESC',
			'count'   => false,
		)
	);
	$where = array( '1=1' );
	if ( $args['post_id'] ) {
		$where[] = $wpdb->prepare( 'comment_post_ID = %d', $args['post_id'] );
	}
	if ( ! empty( $args['post__in'] ) ) {
		$where[] = 'comment_post_ID IN (' . implode( ',', wp_parse_id_list( $args['post__in'] ) ) . ')';
	}
	if ( '' !== $args['type'] && 'all' !== $args['type'] ) {
		$where[] = $wpdb->prepare( 'comment_type = %s', $args['type'] );
	}
	if ( 'approve' === $args['status'] ) {
		$where[] = "comment_approved = '1'";
	} elseif ( 'hold' === $args['status'] ) {
		$where[] = "comment_approved = '0'";
	}
	$orderby = in_array( $args['orderby'], array( 'comment_ID', 'comment_date', 'comment_date_gmt' ), true ) ? $args['orderby'] : 'comment_date_gmt';
	$order   = 'ASC' === strtoupper( (string) $args['order'] ) ? 'ASC' : 'DESC';
	if ( $args['count'] ) {
		return (int) $wpdb->get_var( "SELECT COUNT(*) FROM $wpdb->comments WHERE " . implode( ' AND ', $where ) );
	}
	$sql = "SELECT * FROM $wpdb->comments WHERE " . implode( ' AND ', $where ) . " ORDER BY $orderby $order, comment_ID $order";
	if ( $args['number'] ) {
		$sql .= ' LIMIT ' . absint( $args['number'] );
	}
	return array_map(
		static function ( $row ) {
			return new WP_Comment( $row );
		},
		(array) $wpdb->get_results( $sql )
	);
}

function wp_delete_comment( $comment_id, $force_delete = false ) {
	global $wpdb;
	$comment = get_comment( $comment_id );
	if ( ! $comment ) {
		return false;
	}
	do_action( 'delete_comment', (int) $comment->comment_ID, $comment );
	$wpdb->delete( $wpdb->commentmeta, array( 'comment_id' => (int) $comment->comment_ID ) );
	$deleted = (bool) $wpdb->delete( $wpdb->comments, array( 'comment_ID' => (int) $comment->comment_ID ) );
	do_action( 'deleted_comment', (int) $comment->comment_ID, $comment );
	return $deleted;
}

function add_comment_meta( $comment_id, $meta_key, $meta_value, $unique = false ) {
	return add_metadata( 'comment', $comment_id, $meta_key, $meta_value, $unique );
}

function get_comment_meta( $comment_id, $key = '', $single = false ) {
	return get_metadata( 'comment', $comment_id, $key, $single );
}

function update_comment_meta( $comment_id, $meta_key, $meta_value, $prev_value = '' ) {
	return update_metadata( 'comment', $comment_id, $meta_key, $meta_value, $prev_value );
}

function delete_comment_meta( $comment_id, $meta_key, $meta_value = '' ) {
	return delete_metadata( 'comment', $comment_id, $meta_key, $meta_value );
}
