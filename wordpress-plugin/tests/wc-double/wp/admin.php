<?php
/**
 * Test double: WordPress admin API bits a plugin calls while loading
 * (plugin.php admin menu functions, settings errors, get_current_screen()).
 *
 * Modelled on WordPress 6.1 signatures: add_menu_page(), add_submenu_page(),
 * add_options_page() and add_management_page() record the page and return a
 * hook suffix; add_settings_error()/get_settings_errors()/settings_errors();
 * get_current_screen() returns null (no screen in the double);
 * deactivate_plugins()/activate_plugin() maintain the active_plugins option
 * and fire (de)activate_{basename}; uninstall_plugin() defines
 * WP_UNINSTALL_PLUGIN and runs the plugin's uninstall.php (with include, not
 * include_once, so every test can run it) or its registered uninstall
 * callback and `uninstall_{basename}`. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

final class WC_Double_Admin {

	/**
	 * @var array<string, array>
	 */
	public static array $pages = array();

	/**
	 * @var array<int, array{setting:string,code:string,message:string,type:string}>
	 */
	public static array $settings_errors = array();
}

function add_menu_page( $page_title, $menu_title, $capability, $menu_slug, $callback = '', $icon_url = '', $position = null ) {
	$hook                                = 'toplevel_page_' . plugin_basename( $menu_slug );
	WC_Double_Admin::$pages[ $menu_slug ] = compact( 'page_title', 'menu_title', 'capability', 'menu_slug', 'callback', 'hook' );
	if ( $callback ) {
		add_action( $hook, $callback );
	}
	return $hook;
}

function add_submenu_page( $parent_slug, $page_title, $menu_title, $capability, $menu_slug, $callback = '', $position = null ) {
	$hook                                = sanitize_title( $parent_slug ) . '_page_' . plugin_basename( $menu_slug );
	WC_Double_Admin::$pages[ $menu_slug ] = compact( 'parent_slug', 'page_title', 'menu_title', 'capability', 'menu_slug', 'callback', 'hook' );
	if ( $callback ) {
		add_action( $hook, $callback );
	}
	return $hook;
}

function add_options_page( $page_title, $menu_title, $capability, $menu_slug, $callback = '', $position = null ) {
	return add_submenu_page( 'options-general.php', $page_title, $menu_title, $capability, $menu_slug, $callback, $position );
}

function add_management_page( $page_title, $menu_title, $capability, $menu_slug, $callback = '', $position = null ) {
	return add_submenu_page( 'tools.php', $page_title, $menu_title, $capability, $menu_slug, $callback, $position );
}

function add_settings_error( $setting, $code, $message, $type = 'error' ) {
	WC_Double_Admin::$settings_errors[] = array(
		'setting' => $setting,
		'code'    => $code,
		'message' => $message,
		'type'    => $type,
	);
}

function get_settings_errors( $setting = '', $sanitize = false ) {
	if ( ! $setting ) {
		return WC_Double_Admin::$settings_errors;
	}
	return array_values( array_filter( WC_Double_Admin::$settings_errors, static fn( $e ) => $e['setting'] === $setting ) );
}

function settings_errors( $setting = '', $sanitize = false, $hide_on_update = false ) {
	foreach ( get_settings_errors( $setting, $sanitize ) as $error ) {
		echo '<div id="setting-error-' . esc_attr( $error['code'] ) . '" class="notice notice-' . esc_attr( $error['type'] ) . ' settings-error is-dismissible"><p><strong>' . $error['message'] . '</strong></p></div>'; // phpcs:ignore
	}
}

function get_current_screen() {
	return null;
}

function activate_plugin( $plugin, $redirect = '', $network_wide = false, $silent = false ) {
	$plugin  = plugin_basename( trim( (string) $plugin ) );
	$current = (array) get_option( 'active_plugins', array() );
	if ( ! in_array( $plugin, $current, true ) ) {
		if ( ! $silent ) {
			do_action( 'activate_plugin', $plugin, $network_wide );
			do_action( "activate_{$plugin}", $network_wide );
		}
		$current[] = $plugin;
		sort( $current );
		update_option( 'active_plugins', $current );
		if ( ! $silent ) {
			do_action( 'activated_plugin', $plugin, $network_wide );
		}
	}
	return null;
}

function deactivate_plugins( $plugins, $silent = false, $network_wide = null ) {
	$current = (array) get_option( 'active_plugins', array() );
	foreach ( (array) $plugins as $plugin ) {
		$plugin = plugin_basename( trim( (string) $plugin ) );
		if ( ! in_array( $plugin, $current, true ) ) {
			continue;
		}
		if ( ! $silent ) {
			do_action( 'deactivate_plugin', $plugin, false );
		}
		$current = array_values( array_diff( $current, array( $plugin ) ) );
		if ( ! $silent ) {
			do_action( "deactivate_{$plugin}", false );
			do_action( 'deactivated_plugin', $plugin, false );
		}
	}
	update_option( 'active_plugins', $current );
}

/**
 * Runs a plugin's uninstall routine (wp-admin/includes/plugin.php).
 *
 * @return true|void
 */
function uninstall_plugin( $plugin ) {
	$file          = plugin_basename( $plugin );
	$uninstallable = (array) get_option( 'uninstall_plugins' );
	do_action( 'pre_uninstall_plugin', $plugin, $uninstallable );
	$uninstall_file = WP_PLUGIN_DIR . '/' . dirname( $file ) . '/uninstall.php';
	if ( '.' !== dirname( $file ) && file_exists( $uninstall_file ) ) {
		if ( isset( $uninstallable[ $file ] ) ) {
			unset( $uninstallable[ $file ] );
			update_option( 'uninstall_plugins', $uninstallable );
		}
		if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
			define( 'WP_UNINSTALL_PLUGIN', $file );
		}
		include $uninstall_file;
		return true;
	}
	if ( isset( $uninstallable[ $file ] ) ) {
		$callable = $uninstallable[ $file ];
		unset( $uninstallable[ $file ] );
		update_option( 'uninstall_plugins', $uninstallable );
		include_once WP_PLUGIN_DIR . '/' . $file;
		add_action( "uninstall_{$file}", $callable );
		do_action( "uninstall_{$file}" );
	}
}

/**
 * add_meta_box() / do_meta_boxes() (wp-admin/includes/template.php, WordPress
 * 6.1): boxes recorded per screen id (a list of screens registers on each),
 * context and priority; do_meta_boxes() prints each box as
 * `<div id="{id}" class="postbox"><h2 class="hndle">{title}</h2><div class="inside">`
 * and calls `callback( $data_object, $box )`. Own implementation.
 */
function add_meta_box( $id, $title, $callback, $screen = null, $context = 'advanced', $priority = 'default', $callback_args = null ) {
	global $wp_meta_boxes;
	foreach ( (array) $screen as $s ) {
		$wp_meta_boxes[ $s ][ $context ][ $priority ][ $id ] = array(
			'id'       => $id,
			'title'    => $title,
			'callback' => $callback,
			'args'     => $callback_args,
		);
	}
}

function do_meta_boxes( $screen, $context, $data_object ) {
	global $wp_meta_boxes;
	$count = 0;
	foreach ( array( 'high', 'core', 'default', 'low' ) as $priority ) {
		foreach ( $wp_meta_boxes[ $screen ][ $context ][ $priority ] ?? array() as $box ) {
			++$count;
			echo '<div id="' . esc_attr( $box['id'] ) . '" class="postbox"><h2 class="hndle">' . esc_html( $box['title'] ) . '</h2><div class="inside">';
			call_user_func( $box['callback'], $data_object, $box );
			echo "</div></div>\n";
		}
	}
	return $count;
}
