<?php
/**
 * Test double: database schema and default options.
 *
 * Tables modelled on WordPress 6.1 (wp-admin/includes/schema.php: options,
 * posts, postmeta, comments, commentmeta, users, usermeta), WooCommerce 7.9
 * (woocommerce_order_items, woocommerce_order_itemmeta, woocommerce_log, and
 * the HPOS tables wc_orders, wc_order_addresses, wc_order_operational_data,
 * wc_orders_meta as in OrdersTableDataStore::get_database_schema()) and
 * Action Scheduler 3.6 (actionscheduler_actions, _claims, _groups, _logs).
 * Column lists follow those sources; some indexes are omitted. The double
 * adds double_emails, double_violations, double_stock_reductions and
 * double_schema. All InnoDB, utf8mb4. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

const WC_DOUBLE_SCHEMA_VERSION = '2024.1';

/**
 * @return array<string,string> table => CREATE TABLE IF NOT EXISTS statement
 */
function wc_double_schema(): array {
	global $wpdb;
	$p       = $wpdb->prefix;
	$collate = 'ENGINE=InnoDB ' . $wpdb->get_charset_collate();
	return array(
		"{$p}double_schema"                => "CREATE TABLE IF NOT EXISTS {$p}double_schema ( version varchar(32) NOT NULL, PRIMARY KEY (version) ) $collate",
		"{$p}options"                      => "CREATE TABLE IF NOT EXISTS {$p}options (
			option_id bigint(20) unsigned NOT NULL auto_increment,
			option_name varchar(191) NOT NULL default '',
			option_value longtext NOT NULL,
			autoload varchar(20) NOT NULL default 'yes',
			PRIMARY KEY (option_id),
			UNIQUE KEY option_name (option_name),
			KEY autoload (autoload)
		) $collate",
		"{$p}users"                        => "CREATE TABLE IF NOT EXISTS {$p}users (
			ID bigint(20) unsigned NOT NULL auto_increment,
			user_login varchar(60) NOT NULL default '',
			user_pass varchar(255) NOT NULL default '',
			user_nicename varchar(50) NOT NULL default '',
			user_email varchar(100) NOT NULL default '',
			user_url varchar(100) NOT NULL default '',
			user_registered datetime NOT NULL default '0000-00-00 00:00:00',
			user_activation_key varchar(255) NOT NULL default '',
			user_status int(11) NOT NULL default '0',
			display_name varchar(250) NOT NULL default '',
			PRIMARY KEY (ID),
			KEY user_login_key (user_login),
			KEY user_nicename (user_nicename),
			KEY user_email (user_email)
		) $collate",
		"{$p}usermeta"                     => "CREATE TABLE IF NOT EXISTS {$p}usermeta (
			umeta_id bigint(20) unsigned NOT NULL auto_increment,
			user_id bigint(20) unsigned NOT NULL default '0',
			meta_key varchar(255) default NULL,
			meta_value longtext,
			PRIMARY KEY (umeta_id),
			KEY user_id (user_id),
			KEY meta_key (meta_key(191))
		) $collate",
		"{$p}posts"                        => "CREATE TABLE IF NOT EXISTS {$p}posts (
			ID bigint(20) unsigned NOT NULL auto_increment,
			post_author bigint(20) unsigned NOT NULL default '0',
			post_date datetime NOT NULL default '0000-00-00 00:00:00',
			post_date_gmt datetime NOT NULL default '0000-00-00 00:00:00',
			post_content longtext NOT NULL,
			post_title text NOT NULL,
			post_excerpt text NOT NULL,
			post_status varchar(20) NOT NULL default 'publish',
			comment_status varchar(20) NOT NULL default 'open',
			ping_status varchar(20) NOT NULL default 'open',
			post_password varchar(255) NOT NULL default '',
			post_name varchar(200) NOT NULL default '',
			to_ping text NOT NULL,
			pinged text NOT NULL,
			post_modified datetime NOT NULL default '0000-00-00 00:00:00',
			post_modified_gmt datetime NOT NULL default '0000-00-00 00:00:00',
			post_content_filtered longtext NOT NULL,
			post_parent bigint(20) unsigned NOT NULL default '0',
			guid varchar(255) NOT NULL default '',
			menu_order int(11) NOT NULL default '0',
			post_type varchar(20) NOT NULL default 'post',
			post_mime_type varchar(100) NOT NULL default '',
			comment_count bigint(20) NOT NULL default '0',
			PRIMARY KEY (ID),
			KEY post_name (post_name(191)),
			KEY type_status_date (post_type,post_status,post_date,ID),
			KEY post_parent (post_parent),
			KEY post_author (post_author)
		) $collate",
		"{$p}postmeta"                     => "CREATE TABLE IF NOT EXISTS {$p}postmeta (
			meta_id bigint(20) unsigned NOT NULL auto_increment,
			post_id bigint(20) unsigned NOT NULL default '0',
			meta_key varchar(255) default NULL,
			meta_value longtext,
			PRIMARY KEY (meta_id),
			KEY post_id (post_id),
			KEY meta_key (meta_key(191))
		) $collate",
		"{$p}comments"                     => "CREATE TABLE IF NOT EXISTS {$p}comments (
			comment_ID bigint(20) unsigned NOT NULL auto_increment,
			comment_post_ID bigint(20) unsigned NOT NULL default '0',
			comment_author tinytext NOT NULL,
			comment_author_email varchar(100) NOT NULL default '',
			comment_author_url varchar(200) NOT NULL default '',
			comment_author_IP varchar(100) NOT NULL default '',
			comment_date datetime NOT NULL default '0000-00-00 00:00:00',
			comment_date_gmt datetime NOT NULL default '0000-00-00 00:00:00',
			comment_content text NOT NULL,
			comment_karma int(11) NOT NULL default '0',
			comment_approved varchar(20) NOT NULL default '1',
			comment_agent varchar(255) NOT NULL default '',
			comment_type varchar(20) NOT NULL default 'comment',
			comment_parent bigint(20) unsigned NOT NULL default '0',
			user_id bigint(20) unsigned NOT NULL default '0',
			PRIMARY KEY (comment_ID),
			KEY comment_post_ID (comment_post_ID),
			KEY comment_approved_date_gmt (comment_approved,comment_date_gmt),
			KEY comment_date_gmt (comment_date_gmt),
			KEY comment_parent (comment_parent)
		) $collate",
		"{$p}commentmeta"                  => "CREATE TABLE IF NOT EXISTS {$p}commentmeta (
			meta_id bigint(20) unsigned NOT NULL auto_increment,
			comment_id bigint(20) unsigned NOT NULL default '0',
			meta_key varchar(255) default NULL,
			meta_value longtext,
			PRIMARY KEY (meta_id),
			KEY comment_id (comment_id),
			KEY meta_key (meta_key(191))
		) $collate",
		"{$p}woocommerce_order_items"      => "CREATE TABLE IF NOT EXISTS {$p}woocommerce_order_items (
			order_item_id bigint(20) unsigned NOT NULL auto_increment,
			order_item_name text NOT NULL,
			order_item_type varchar(200) NOT NULL default '',
			order_id bigint(20) unsigned NOT NULL,
			PRIMARY KEY (order_item_id),
			KEY order_id (order_id)
		) $collate",
		"{$p}woocommerce_order_itemmeta"   => "CREATE TABLE IF NOT EXISTS {$p}woocommerce_order_itemmeta (
			meta_id bigint(20) unsigned NOT NULL auto_increment,
			order_item_id bigint(20) unsigned NOT NULL,
			meta_key varchar(255) default NULL,
			meta_value longtext NULL,
			PRIMARY KEY (meta_id),
			KEY order_item_id (order_item_id),
			KEY meta_key (meta_key(32))
		) $collate",
		"{$p}woocommerce_log"              => "CREATE TABLE IF NOT EXISTS {$p}woocommerce_log (
			log_id bigint(20) unsigned NOT NULL auto_increment,
			timestamp datetime NOT NULL,
			level smallint(4) NOT NULL,
			source varchar(200) NOT NULL,
			message longtext NOT NULL,
			context longtext NULL,
			PRIMARY KEY (log_id),
			KEY level (level)
		) $collate",
		"{$p}wc_orders"                    => "CREATE TABLE IF NOT EXISTS {$p}wc_orders (
			id bigint(20) unsigned,
			status varchar(20) null,
			currency varchar(10) null,
			type varchar(20) null,
			tax_amount decimal(26,8) null,
			total_amount decimal(26,8) null,
			customer_id bigint(20) unsigned null,
			billing_email varchar(320) null,
			date_created_gmt datetime null,
			date_updated_gmt datetime null,
			parent_order_id bigint(20) unsigned null,
			payment_method varchar(100) null,
			payment_method_title text null,
			transaction_id varchar(100) null,
			ip_address varchar(100) null,
			user_agent text null,
			customer_note text null,
			PRIMARY KEY (id),
			KEY status (status),
			KEY date_created (date_created_gmt),
			KEY customer_id_billing_email (customer_id, billing_email(171)),
			KEY billing_email (billing_email(191)),
			KEY type_status (type, status),
			KEY parent_order_id (parent_order_id),
			KEY date_updated (date_updated_gmt)
		) $collate",
		"{$p}wc_order_addresses"           => "CREATE TABLE IF NOT EXISTS {$p}wc_order_addresses (
			id bigint(20) unsigned auto_increment primary key,
			order_id bigint(20) unsigned NOT NULL,
			address_type varchar(20) null,
			first_name text null,
			last_name text null,
			company text null,
			address_1 text null,
			address_2 text null,
			city text null,
			state text null,
			postcode text null,
			country text null,
			email varchar(320) null,
			phone varchar(100) null,
			KEY order_id (order_id),
			UNIQUE KEY address_type_order_id (address_type, order_id),
			KEY email (email(191)),
			KEY phone (phone)
		) $collate",
		"{$p}wc_order_operational_data"    => "CREATE TABLE IF NOT EXISTS {$p}wc_order_operational_data (
			id bigint(20) unsigned auto_increment primary key,
			order_id bigint(20) unsigned NULL,
			created_via varchar(100) NULL,
			woocommerce_version varchar(20) NULL,
			prices_include_tax tinyint(1) NULL,
			coupon_usages_are_counted tinyint(1) NULL,
			download_permission_granted tinyint(1) NULL,
			cart_hash varchar(100) NULL,
			new_order_email_sent tinyint(1) NULL,
			order_key varchar(100) NULL,
			order_stock_reduced tinyint(1) NULL,
			date_paid_gmt datetime NULL,
			date_completed_gmt datetime NULL,
			shipping_tax_amount decimal(26,8) NULL,
			shipping_total_amount decimal(26,8) NULL,
			discount_tax_amount decimal(26,8) NULL,
			discount_total_amount decimal(26,8) NULL,
			recorded_sales tinyint(1) NULL,
			UNIQUE KEY order_id (order_id),
			KEY order_key (order_key)
		) $collate",
		"{$p}wc_orders_meta"               => "CREATE TABLE IF NOT EXISTS {$p}wc_orders_meta (
			id bigint(20) unsigned auto_increment primary key,
			order_id bigint(20) unsigned null,
			meta_key varchar(255),
			meta_value text null,
			KEY meta_key_value (meta_key(100), meta_value(82)),
			KEY order_id_meta_key_meta_value (order_id, meta_key(100), meta_value(82))
		) $collate",
		"{$p}actionscheduler_actions"      => "CREATE TABLE IF NOT EXISTS {$p}actionscheduler_actions (
			action_id bigint(20) unsigned NOT NULL auto_increment,
			hook varchar(191) NOT NULL,
			status varchar(20) NOT NULL,
			scheduled_date_gmt datetime NULL default '0000-00-00 00:00:00',
			scheduled_date_local datetime NULL default '0000-00-00 00:00:00',
			priority tinyint unsigned NOT NULL default '10',
			args varchar(191),
			schedule longtext,
			group_id bigint(20) unsigned NOT NULL default '0',
			attempts int(11) NOT NULL default '0',
			last_attempt_gmt datetime NULL default '0000-00-00 00:00:00',
			last_attempt_local datetime NULL default '0000-00-00 00:00:00',
			claim_id bigint(20) unsigned NOT NULL default '0',
			extended_args varchar(8000) DEFAULT NULL,
			PRIMARY KEY (action_id),
			KEY hook_status_scheduled_date_gmt (hook(163), status, scheduled_date_gmt),
			KEY status_scheduled_date_gmt (status, scheduled_date_gmt),
			KEY scheduled_date_gmt (scheduled_date_gmt),
			KEY args (args),
			KEY group_id (group_id),
			KEY last_attempt_gmt (last_attempt_gmt),
			KEY `claim_id_status_scheduled_date_gmt` (`claim_id`, `status`, `scheduled_date_gmt`)
		) $collate",
		"{$p}actionscheduler_claims"       => "CREATE TABLE IF NOT EXISTS {$p}actionscheduler_claims (
			claim_id bigint(20) unsigned NOT NULL auto_increment,
			date_created_gmt datetime NULL default '0000-00-00 00:00:00',
			PRIMARY KEY (claim_id),
			KEY date_created_gmt (date_created_gmt)
		) $collate",
		"{$p}actionscheduler_groups"       => "CREATE TABLE IF NOT EXISTS {$p}actionscheduler_groups (
			group_id bigint(20) unsigned NOT NULL auto_increment,
			slug varchar(255) NOT NULL,
			PRIMARY KEY (group_id),
			UNIQUE KEY slug (slug(191))
		) $collate",
		"{$p}actionscheduler_logs"         => "CREATE TABLE IF NOT EXISTS {$p}actionscheduler_logs (
			log_id bigint(20) unsigned NOT NULL auto_increment,
			action_id bigint(20) unsigned NOT NULL,
			message text NOT NULL,
			log_date_gmt datetime NULL default '0000-00-00 00:00:00',
			log_date_local datetime NULL default '0000-00-00 00:00:00',
			PRIMARY KEY (log_id),
			KEY action_id (action_id),
			KEY log_date_gmt (log_date_gmt)
		) $collate",
		"{$p}double_emails"                => "CREATE TABLE IF NOT EXISTS {$p}double_emails (
			id bigint(20) unsigned NOT NULL auto_increment,
			email_id varchar(100) NOT NULL,
			order_id bigint(20) unsigned NOT NULL default '0',
			recipient text NOT NULL,
			subject text NOT NULL,
			message longtext NOT NULL,
			sent_gmt datetime NOT NULL,
			pid int(11) NOT NULL default '0',
			PRIMARY KEY (id),
			KEY order_id (order_id)
		) $collate",
		"{$p}double_violations"            => "CREATE TABLE IF NOT EXISTS {$p}double_violations (
			id bigint(20) unsigned NOT NULL auto_increment,
			kind varchar(50) NOT NULL,
			function varchar(100) NOT NULL,
			object_id bigint(20) unsigned NOT NULL default '0',
			detail text NOT NULL,
			caller text NOT NULL,
			pid int(11) NOT NULL default '0',
			PRIMARY KEY (id)
		) $collate",
		"{$p}double_stock_reductions"      => "CREATE TABLE IF NOT EXISTS {$p}double_stock_reductions (
			id bigint(20) unsigned NOT NULL auto_increment,
			order_id bigint(20) unsigned NOT NULL,
			product_id bigint(20) unsigned NOT NULL,
			qty decimal(26,8) NOT NULL,
			pid int(11) NOT NULL default '0',
			PRIMARY KEY (id),
			KEY order_id (order_id)
		) $collate",
	);
}

function wc_double_install_schema( bool $force = false ): void {
	global $wpdb;
	if ( ! $force ) {
		$suppress = $wpdb->suppress_errors( true );
		$version  = $wpdb->get_var( "SELECT version FROM {$wpdb->prefix}double_schema LIMIT 1" );
		$wpdb->suppress_errors( $suppress );
		if ( WC_DOUBLE_SCHEMA_VERSION === $version ) {
			return;
		}
	}
	foreach ( wc_double_schema() as $sql ) {
		$wpdb->double_query( $sql );
	}
	$wpdb->double_query( "DELETE FROM {$wpdb->prefix}double_schema" );
	$wpdb->double_query( $wpdb->prepare( "INSERT INTO {$wpdb->prefix}double_schema (version) VALUES (%s)", WC_DOUBLE_SCHEMA_VERSION ) );
}

/**
 * Options of a fresh "WordPress 6.1 + WooCommerce 7.9" site.
 *
 * @return array<string, mixed>
 */
function wc_double_default_options(): array {
	$home = rtrim( (string) ( getenv( 'IOTPAY_TEST_HOME_URL' ) ?: 'http://127.0.0.1:8080' ), '/' );
	$hpos = getenv( 'IOTPAY_TEST_HPOS' );
	return array(
		'siteurl'                                 => $home,
		'home'                                    => $home,
		'blogname'                                => 'IOTPay Test Shop',
		'blogdescription'                         => 'Just another WordPress site',
		'admin_email'                             => 'admin@example.com',
		'blog_charset'                            => 'UTF-8',
		'permalink_structure'                     => '/%postname%/',
		'posts_per_page'                          => 10,
		'gmt_offset'                              => 0,
		'timezone_string'                         => 'UTC',
		'default_role'                            => 'subscriber',
		'active_plugins'                          => array( 'woocommerce/woocommerce.php' ),
		'woocommerce_version'                     => WC_VERSION,
		'woocommerce_db_version'                  => WC_VERSION,
		'woocommerce_currency'                    => 'CAD',
		'woocommerce_currency_pos'                => 'left',
		'woocommerce_price_thousand_sep'          => ',',
		'woocommerce_price_decimal_sep'           => '.',
		'woocommerce_price_num_decimals'          => 2,
		'woocommerce_default_country'             => 'CA:ON',
		'woocommerce_manage_stock'                => 'yes',
		'woocommerce_hold_stock_minutes'          => '60',
		'woocommerce_notify_low_stock_amount'     => 2,
		'woocommerce_notify_no_stock_amount'      => 0,
		'woocommerce_prices_include_tax'          => 'no',
		'woocommerce_calc_taxes'                  => 'no',
		'woocommerce_checkout_pay_endpoint'       => 'order-pay',
		'woocommerce_checkout_order_received_endpoint' => 'order-received',
		'woocommerce_custom_orders_table_enabled' => false === $hpos ? 'yes' : ( in_array( strtolower( (string) $hpos ), array( '0', 'no', 'off', 'false' ), true ) ? 'no' : 'yes' ),
		'woocommerce_custom_orders_table_data_sync_enabled' => 'no',
		'woocommerce_feature_custom_order_tables_enabled' => 'yes',
	);
}

/**
 * Inserts the default options that are missing (direct SQL, no hooks).
 */
function wc_double_install_default_options(): void {
	global $wpdb;
	foreach ( wc_double_default_options() as $name => $value ) {
		$wpdb->double_query(
			$wpdb->prepare(
				"INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'yes')",
				$name,
				maybe_serialize( $value )
			)
		);
	}
}

/**
 * Empties every table of the double's prefix (the plugin's own tables included).
 */
function wc_double_truncate_all_tables(): void {
	global $wpdb;
	$tables = $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix ) . '%' ) );
	foreach ( $tables as $table ) {
		if ( $wpdb->prefix . 'double_schema' === $table ) {
			continue;
		}
		$wpdb->double_query( "TRUNCATE TABLE `$table`" );
	}
}
