<?php
/**
 * Test double: WordPress users, roles and capabilities (class-wp-user.php,
 * capabilities.php, user.php, pluggable.php).
 *
 * Modelled on WordPress 6.1 with WooCommerce 7.9's roles: users live in
 * {prefix}users / {prefix}usermeta; roles and direct capabilities are stored
 * in the `{prefix}capabilities` user meta (role => true, cap => bool) like
 * WordPress; WP_User::has_cap() runs map_meta_cap() (filter `map_meta_cap`),
 * then the `user_has_cap` filter, grants `exist`, and requires every mapped
 * capability. Role definitions (administrator, editor, author, contributor,
 * subscriber, shop_manager, customer) are PHP constants of the double, not the
 * `wp_user_roles` option; add_role()/remove_role() change them for the
 * process. current_user_can(), wp_set_current_user() (fires
 * set_current_user), get_user_by(), user meta functions. The server
 * authenticates a request from the double's own cookie (LOGGED_IN_COOKIE,
 * value from wc_double_auth_cookie()), through `determine_current_user`.
 * Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

final class WC_Double_Roles {

	/**
	 * @var array<string, array{name:string, capabilities:array<string,bool>}>|null
	 */
	public static ?array $roles = null;

	public static function all(): array {
		if ( null === self::$roles ) {
			self::$roles = self::defaults();
		}
		return self::$roles;
	}

	public static function defaults(): array {
		$subscriber  = array( 'read' => true, 'level_0' => true );
		$contributor = $subscriber + array( 'edit_posts' => true, 'delete_posts' => true, 'level_1' => true );
		$author      = $contributor + array( 'upload_files' => true, 'edit_published_posts' => true, 'publish_posts' => true, 'delete_published_posts' => true, 'level_2' => true );
		$editor      = $author + array(
			'moderate_comments'      => true,
			'manage_categories'      => true,
			'manage_links'           => true,
			'unfiltered_html'        => true,
			'edit_others_posts'      => true,
			'edit_pages'             => true,
			'edit_others_pages'      => true,
			'edit_published_pages'   => true,
			'publish_pages'          => true,
			'delete_pages'           => true,
			'delete_others_pages'    => true,
			'delete_published_pages' => true,
			'delete_others_posts'    => true,
			'delete_private_posts'   => true,
			'edit_private_posts'     => true,
			'read_private_posts'     => true,
			'delete_private_pages'   => true,
			'edit_private_pages'     => true,
			'read_private_pages'     => true,
			'level_7'                => true,
		);
		$wc_caps = array( 'manage_woocommerce' => true, 'view_woocommerce_reports' => true, 'view_admin_dashboard' => true );
		foreach ( array( 'product', 'shop_order', 'shop_coupon' ) as $type ) {
			foreach ( array( 'edit_%s', 'read_%s', 'delete_%s', 'edit_%ss', 'edit_others_%ss', 'publish_%ss', 'read_private_%ss', 'delete_%ss', 'delete_private_%ss', 'delete_published_%ss', 'delete_others_%ss', 'edit_private_%ss', 'edit_published_%ss', 'manage_%s_terms', 'edit_%s_terms', 'delete_%s_terms', 'assign_%s_terms' ) as $pattern ) {
				$wc_caps[ sprintf( $pattern, $type ) ] = true;
			}
		}
		$admin = $editor + $wc_caps + array(
			'switch_themes'          => true,
			'edit_themes'            => true,
			'activate_plugins'       => true,
			'edit_plugins'           => true,
			'edit_users'             => true,
			'edit_files'             => true,
			'manage_options'         => true,
			'import'                 => true,
			'list_users'             => true,
			'remove_users'           => true,
			'promote_users'          => true,
			'edit_theme_options'     => true,
			'delete_themes'          => true,
			'export'                 => true,
			'install_plugins'        => true,
			'update_plugins'         => true,
			'delete_plugins'         => true,
			'create_users'           => true,
			'delete_users'           => true,
			'edit_dashboard'         => true,
			'update_core'            => true,
			'install_themes'         => true,
			'update_themes'          => true,
			'customize'              => true,
			'level_10'               => true,
		);
		$shop_manager = $editor + $wc_caps + array( 'list_users' => true, 'edit_users' => true, 'edit_theme_options' => true );
		return array(
			'administrator' => array( 'name' => 'Administrator', 'capabilities' => $admin ),
			'editor'        => array( 'name' => 'Editor', 'capabilities' => $editor ),
			'author'        => array( 'name' => 'Author', 'capabilities' => $author ),
			'contributor'   => array( 'name' => 'Contributor', 'capabilities' => $contributor ),
			'subscriber'    => array( 'name' => 'Subscriber', 'capabilities' => $subscriber ),
			'shop_manager'  => array( 'name' => 'Shop manager', 'capabilities' => $shop_manager ),
			'customer'      => array( 'name' => 'Customer', 'capabilities' => array( 'read' => true ) ),
		);
	}
}

class WP_Role {

	public $name;

	public $capabilities;

	public function __construct( $role, $capabilities ) {
		$this->name         = $role;
		$this->capabilities = $capabilities;
	}

	public function has_cap( $cap ) {
		$caps = apply_filters( 'role_has_cap', $this->capabilities, $cap, $this->name );
		return ! empty( $caps[ $cap ] );
	}

	public function add_cap( $cap, $grant = true ) {
		$this->capabilities[ $cap ] = $grant;
		WC_Double_Roles::all();
		WC_Double_Roles::$roles[ $this->name ]['capabilities'][ $cap ] = $grant;
	}

	public function remove_cap( $cap ) {
		unset( $this->capabilities[ $cap ] );
		WC_Double_Roles::all();
		unset( WC_Double_Roles::$roles[ $this->name ]['capabilities'][ $cap ] );
	}
}

function get_role( $role ) {
	$roles = WC_Double_Roles::all();
	return isset( $roles[ $role ] ) ? new WP_Role( $role, $roles[ $role ]['capabilities'] ) : null;
}

function add_role( $role, $display_name, $capabilities = array() ) {
	$roles = WC_Double_Roles::all();
	if ( empty( $role ) || isset( $roles[ $role ] ) ) {
		return null;
	}
	WC_Double_Roles::$roles[ $role ] = array(
		'name'         => $display_name,
		'capabilities' => (array) $capabilities,
	);
	return new WP_Role( $role, (array) $capabilities );
}

function remove_role( $role ) {
	WC_Double_Roles::all();
	unset( WC_Double_Roles::$roles[ $role ] );
}

class WP_User {

	/** @var stdClass */
	public $data;

	public $ID = 0;

	public $caps = array();

	public $cap_key;

	public $roles = array();

	public $allcaps = array();

	public $filter = null;

	public function __construct( $id = 0, $name = '', $site_id = '' ) {
		global $wpdb;
		$this->cap_key = $wpdb->prefix . 'capabilities';
		$this->data    = new stdClass();
		if ( $id instanceof WP_User ) {
			$id = $id->ID;
		} elseif ( is_object( $id ) && isset( $id->ID ) ) {
			$id = $id->ID;
		}
		$row = null;
		if ( $id && is_numeric( $id ) ) {
			$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM $wpdb->users WHERE ID = %d", (int) $id ) );
		} elseif ( $name ) {
			$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM $wpdb->users WHERE user_login = %s", $name ) );
		}
		if ( $row ) {
			$this->data = $row;
			$this->ID   = (int) $row->ID;
			$this->get_role_caps();
		}
	}

	public function __get( $key ) {
		if ( 'id' === $key ) {
			return $this->ID;
		}
		if ( isset( $this->data->$key ) ) {
			return $this->data->$key;
		}
		if ( $this->ID ) {
			$value = get_user_meta( $this->ID, $key, true );
			return '' === $value ? null : $value;
		}
		return null;
	}

	public function __isset( $key ) {
		return isset( $this->data->$key ) || ( $this->ID && metadata_exists( 'user', $this->ID, $key ) );
	}

	public function __set( $key, $value ) {
		$this->data->$key = $value;
	}

	public function exists() {
		return ! empty( $this->ID );
	}

	public function get( $key ) {
		return $this->__get( $key );
	}

	public function has_prop( $key ) {
		return $this->__isset( $key );
	}

	public function to_array() {
		return get_object_vars( $this->data );
	}

	public function get_role_caps() {
		$this->caps = $this->ID ? get_user_meta( $this->ID, $this->cap_key, true ) : array();
		if ( ! is_array( $this->caps ) ) {
			$this->caps = array();
		}
		$roles         = WC_Double_Roles::all();
		$this->roles   = array_values( array_filter( array_keys( $this->caps ), static fn( $r ) => isset( $roles[ $r ] ) ) );
		$this->allcaps = array();
		foreach ( $this->roles as $role ) {
			$this->allcaps = array_merge( $this->allcaps, $roles[ $role ]['capabilities'] );
		}
		$this->allcaps = array_merge( $this->allcaps, $this->caps );
		return $this->allcaps;
	}

	protected function save_caps(): void {
		update_user_meta( $this->ID, $this->cap_key, $this->caps );
		$this->get_role_caps();
	}

	public function add_role( $role ) {
		if ( empty( $role ) ) {
			return;
		}
		$this->caps[ $role ] = true;
		$this->save_caps();
		do_action( 'add_user_role', $this->ID, $role );
	}

	public function remove_role( $role ) {
		if ( ! in_array( $role, $this->roles, true ) ) {
			return;
		}
		unset( $this->caps[ $role ] );
		$this->save_caps();
		do_action( 'remove_user_role', $this->ID, $role );
	}

	public function set_role( $role ) {
		$old = $this->roles;
		foreach ( $this->roles as $r ) {
			unset( $this->caps[ $r ] );
		}
		if ( ! empty( $role ) ) {
			$this->caps[ $role ] = true;
		}
		$this->save_caps();
		do_action( 'set_user_role', $this->ID, $role, $old );
	}

	public function add_cap( $cap, $grant = true ) {
		$this->caps[ $cap ] = $grant;
		$this->save_caps();
	}

	public function remove_cap( $cap ) {
		if ( ! isset( $this->caps[ $cap ] ) ) {
			return;
		}
		unset( $this->caps[ $cap ] );
		$this->save_caps();
	}

	public function remove_all_caps() {
		$this->caps = array();
		$this->save_caps();
	}

	public function has_cap( $cap, ...$args ) {
		if ( is_numeric( $cap ) ) {
			_deprecated_argument( __FUNCTION__, '2.0.0', 'Usage of user levels is deprecated. Use capabilities instead.' );
			$cap = 'level_' . $cap;
		}
		$caps         = map_meta_cap( $cap, $this->ID, ...$args );
		$capabilities = apply_filters( 'user_has_cap', $this->allcaps, $caps, array_merge( array( $cap, $this->ID ), $args ), $this );
		$capabilities['exist'] = true;
		unset( $capabilities['do_not_allow'] );
		foreach ( (array) $caps as $required ) {
			if ( empty( $capabilities[ $required ] ) ) {
				return false;
			}
		}
		return true;
	}
}

/**
 * Maps meta capabilities to primitive ones (the subset a gateway meets).
 */
function map_meta_cap( $cap, $user_id, ...$args ) {
	$caps = array();
	switch ( $cap ) {
		case 'edit_post':
		case 'read_post':
		case 'delete_post':
			$post = isset( $args[0] ) ? WP_Post::get_instance( (int) $args[0] ) : null;
			$type = $post ? $post->post_type : 'post';
			$verb = substr( $cap, 0, strpos( $cap, '_' ) );
			if ( in_array( $type, array( 'shop_order', 'shop_order_placehold', 'shop_order_refund' ), true ) ) {
				$caps[] = $verb . '_shop_orders';
			} elseif ( 'product' === $type ) {
				$caps[] = $verb . '_products';
			} else {
				$caps[] = 'read' === $verb ? 'read' : $verb . '_posts';
			}
			break;
		case 'edit_shop_order':
		case 'read_shop_order':
		case 'delete_shop_order':
		case 'edit_product':
		case 'read_product':
		case 'delete_product':
			$caps[] = $cap . 's';
			break;
		case 'manage_privacy_options':
			$caps[] = 'manage_options';
			break;
		case 'unfiltered_html':
			$caps[] = 'unfiltered_html';
			break;
		case 'exist':
			$caps[] = 'exist';
			break;
		default:
			$caps[] = $cap;
	}
	return apply_filters( 'map_meta_cap', $caps, $cap, $user_id, $args );
}

function wp_get_current_user() {
	global $current_user;
	if ( ! $current_user instanceof WP_User ) {
		$current_user = new WP_User( 0 );
	}
	return $current_user;
}

function _wp_get_current_user() {
	return wp_get_current_user();
}

function wp_set_current_user( $id, $name = '' ) {
	global $current_user;
	if ( $current_user instanceof WP_User && null !== $id && (int) $id === $current_user->ID && $id ) {
		return $current_user;
	}
	$current_user = new WP_User( $id, $name );
	do_action( 'set_current_user' );
	return $current_user;
}

function get_current_user_id() {
	return (int) wp_get_current_user()->ID;
}

function is_user_logged_in() {
	return wp_get_current_user()->exists();
}

function current_user_can( $capability, ...$args ) {
	return wp_get_current_user()->has_cap( $capability, ...$args );
}

function user_can( $user, $capability, ...$args ) {
	if ( ! is_object( $user ) ) {
		$user = get_userdata( $user );
	}
	if ( empty( $user ) ) {
		$user = new WP_User( 0 );
	}
	return $user->has_cap( $capability, ...$args );
}

function get_userdata( $user_id ) {
	return get_user_by( 'id', $user_id );
}

function get_user_by( $field, $value ) {
	global $wpdb;
	switch ( $field ) {
		case 'id':
		case 'ID':
			$id = (int) $value;
			break;
		case 'email':
			$id = (int) $wpdb->get_var( $wpdb->prepare( "SELECT ID FROM $wpdb->users WHERE user_email = %s", $value ) );
			break;
		case 'login':
			$id = (int) $wpdb->get_var( $wpdb->prepare( "SELECT ID FROM $wpdb->users WHERE user_login = %s", $value ) );
			break;
		case 'slug':
			$id = (int) $wpdb->get_var( $wpdb->prepare( "SELECT ID FROM $wpdb->users WHERE user_nicename = %s", $value ) );
			break;
		default:
			return false;
	}
	if ( $id <= 0 ) {
		return false;
	}
	$user = new WP_User( $id );
	return $user->exists() ? $user : false;
}

function username_exists( $username ) {
	$user = get_user_by( 'login', $username );
	return $user ? $user->ID : false;
}

function email_exists( $email ) {
	$user = get_user_by( 'email', $email );
	return $user ? $user->ID : false;
}

/**
 * Creates or updates a user (login, email, display name, role, password hash).
 *
 * @return int|WP_Error
 */
function wp_insert_user( $userdata ) {
	global $wpdb;
	if ( $userdata instanceof WP_User ) {
		$userdata = $userdata->to_array();
	}
	$userdata = (array) $userdata;
	$login    = sanitize_user( $userdata['user_login'] ?? '', true );
	if ( '' === $login ) {
		return new WP_Error( 'empty_user_login', __( 'Cannot create a user with an empty login name.' ) );
	}
	if ( empty( $userdata['ID'] ) && username_exists( $login ) ) {
		return new WP_Error( 'existing_user_login', __( 'Sorry, that username already exists!' ) );
	}
	$row = array(
		'user_login'      => $login,
		'user_pass'       => password_hash( (string) ( $userdata['user_pass'] ?? wp_generate_password() ), PASSWORD_DEFAULT ),
		'user_nicename'   => sanitize_title( $userdata['user_nicename'] ?? $login ),
		'user_email'      => (string) ( $userdata['user_email'] ?? '' ),
		'user_url'        => (string) ( $userdata['user_url'] ?? '' ),
		'user_registered' => gmdate( 'Y-m-d H:i:s', iotpay_test_now() ),
		'display_name'    => (string) ( $userdata['display_name'] ?? $login ),
	);
	if ( ! empty( $userdata['ID'] ) ) {
		unset( $row['user_registered'] );
		$wpdb->update( $wpdb->users, $row, array( 'ID' => (int) $userdata['ID'] ) );
		$user_id = (int) $userdata['ID'];
	} else {
		$wpdb->insert( $wpdb->users, $row );
		$user_id = (int) $wpdb->insert_id;
	}
	$user = new WP_User( $user_id );
	if ( isset( $userdata['role'] ) ) {
		$user->set_role( $userdata['role'] );
	} elseif ( empty( $userdata['ID'] ) ) {
		$user->set_role( get_option( 'default_role', 'subscriber' ) );
	}
	do_action( empty( $userdata['ID'] ) ? 'user_register' : 'profile_update', $user_id, $userdata );
	return $user_id;
}

function wp_create_user( $username, $password, $email = '' ) {
	return wp_insert_user(
		array(
			'user_login' => $username,
			'user_pass'  => $password,
			'user_email' => $email,
		)
	);
}

function wp_update_user( $userdata ) {
	return wp_insert_user( $userdata );
}

function wp_delete_user( $id, $reassign = null ) {
	global $wpdb;
	$id = (int) $id;
	do_action( 'delete_user', $id, $reassign, new WP_User( $id ) );
	$wpdb->delete( $wpdb->usermeta, array( 'user_id' => $id ) );
	$wpdb->delete( $wpdb->users, array( 'ID' => $id ) );
	do_action( 'deleted_user', $id, $reassign );
	return true;
}

function get_user_meta( $user_id, $key = '', $single = false ) {
	return get_metadata( 'user', $user_id, $key, $single );
}

function update_user_meta( $user_id, $meta_key, $meta_value, $prev_value = '' ) {
	return update_metadata( 'user', $user_id, $meta_key, $meta_value, $prev_value );
}

function add_user_meta( $user_id, $meta_key, $meta_value, $unique = false ) {
	return add_metadata( 'user', $user_id, $meta_key, $meta_value, $unique );
}

function delete_user_meta( $user_id, $meta_key, $meta_value = '' ) {
	return delete_metadata( 'user', $user_id, $meta_key, $meta_value );
}

/**
 * The double's login cookie: "{user_id}|{expiry}|{hmac}".
 */
function wc_double_auth_cookie( int $user_id, int $ttl = DAY_IN_SECONDS ): string {
	$expiry = time() + $ttl;
	return $user_id . '|' . $expiry . '|' . hash_hmac( 'sha256', $user_id . '|' . $expiry, wp_salt( 'logged_in' ) );
}

/**
 * `determine_current_user` callback used by server.php.
 *
 * @param int|false $user_id Already determined user.
 * @return int|false
 */
function wc_double_determine_user_from_cookie( $user_id ) {
	if ( $user_id ) {
		return $user_id;
	}
	$cookie = $_COOKIE[ LOGGED_IN_COOKIE ] ?? '';
	$parts  = explode( '|', (string) $cookie );
	if ( 3 !== count( $parts ) || (int) $parts[1] < time() ) {
		return false;
	}
	$expected = hash_hmac( 'sha256', $parts[0] . '|' . $parts[1], wp_salt( 'logged_in' ) );
	if ( ! hash_equals( $expected, $parts[2] ) ) {
		return false;
	}
	return (int) $parts[0];
}
