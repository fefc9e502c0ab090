<?php
/**
 * Test double: WC_Install — what activating WooCommerce does to a new shop.
 *
 * Modelled on WooCommerce 7.9 includes/class-wc-install.php (install():
 * create_tables() with dbDelta, create_options(), create_roles(),
 * create_pages() through wc_create_page(), create_cron_jobs(), version
 * options, and the queued rewrite-rules flush) and on
 * OrdersTableDataStore::get_database_schema() and Action Scheduler 3.6's
 * table schemas (the payment token tables and wc_rate_limits from
 * get_schema() in trunk-era copies). Column lists follow those sources; some indexes are
 * omitted. The double's own observation tables are created too
 * (WC_Double_Observations::get_schema()).
 *
 * A new shop's defaults depend on the WooCommerce version it models,
 * chosen when the test site is installed (see UNVERIFIED.md and
 * /work/shared/research/woocommerce-current.md):
 * - IOTPAY_TEST_WC_NEW_SHOP=7.9 (default): the checkout page holds the
 *   [woocommerce_checkout] shortcode;
 * - IOTPAY_TEST_WC_NEW_SHOP=11.0: it holds the Checkout block, and HPOS is
 *   on (wp_posts keeps only placeholders).
 * IOTPAY_TEST_HPOS=yes|no sets the order storage either way; without it the
 * double keeps its historical default, HPOS on (a real 7.9 shop starts on
 * the posts storage).
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Install {

	public static function install(): void {
		if ( ! is_blog_installed() ) {
			return;
		}
		self::create_tables();
		self::create_options();
		self::create_roles();
		self::create_pages();
		self::create_cron_jobs();
		update_option( 'woocommerce_version', WC_VERSION );
		update_option( 'woocommerce_db_version', WC_VERSION );
		update_option( 'woocommerce_queue_flush_rewrite_rules', 'yes' );
		do_action( 'woocommerce_installed' );
	}

	/** '7.9' or '11.0': the WooCommerce version whose new-shop defaults are modelled. */
	public static function new_shop_version(): string {
		return '11.0' === (string) getenv( 'IOTPAY_TEST_WC_NEW_SHOP' ) ? '11.0' : '7.9';
	}

	public static function hpos_by_default(): bool {
		$hpos = getenv( 'IOTPAY_TEST_HPOS' );
		if ( false !== $hpos && '' !== $hpos ) {
			return ! in_array( strtolower( (string) $hpos ), array( '0', 'no', 'off', 'false' ), true );
		}
		return true;
	}

	public static function create_tables(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$wpdb->hide_errors();
		dbDelta( self::get_schema() );
	}

	public static function get_schema(): string {
		global $wpdb;
		$collate = $wpdb->get_charset_collate();
		$p       = $wpdb->prefix;
		return "
CREATE TABLE {$p}woocommerce_order_items (
  order_item_id bigint(20) unsigned NOT NULL auto_increment,
  order_item_name text NOT NULL,
  order_item_type varchar(200) NOT NULL default '',
  order_id bigint(20) unsigned NOT NULL,
  PRIMARY KEY  (order_item_id),
  KEY order_id (order_id)
) $collate;
CREATE TABLE {$p}woocommerce_order_itemmeta (
  meta_id bigint(20) unsigned NOT NULL auto_increment,
  order_item_id bigint(20) unsigned NOT NULL,
  meta_key varchar(255) default NULL,
  meta_value longtext NULL,
  PRIMARY KEY  (meta_id),
  KEY order_item_id (order_item_id),
  KEY meta_key (meta_key(32))
) $collate;
CREATE TABLE {$p}woocommerce_payment_tokens (
  token_id bigint(20) unsigned NOT NULL auto_increment,
  gateway_id varchar(200) NOT NULL,
  token text NOT NULL,
  user_id bigint(20) unsigned NOT NULL DEFAULT '0',
  type varchar(200) NOT NULL,
  is_default tinyint(1) NOT NULL DEFAULT '0',
  PRIMARY KEY  (token_id),
  KEY user_id (user_id)
) $collate;
CREATE TABLE {$p}woocommerce_payment_tokenmeta (
  meta_id bigint(20) unsigned NOT NULL auto_increment,
  payment_token_id bigint(20) unsigned NOT NULL,
  meta_key varchar(255) NULL,
  meta_value longtext NULL,
  PRIMARY KEY  (meta_id),
  KEY payment_token_id (payment_token_id),
  KEY meta_key (meta_key(32))
) $collate;
CREATE TABLE {$p}wc_rate_limits (
  rate_limit_id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  rate_limit_key varchar(200) NOT NULL,
  rate_limit_expiry bigint(20) unsigned NOT NULL,
  rate_limit_remaining smallint(10) NOT NULL DEFAULT '0',
  PRIMARY KEY  (rate_limit_id),
  UNIQUE KEY rate_limit_key (rate_limit_key(191))
) $collate;
CREATE TABLE {$p}woocommerce_log (
  log_id bigint(20) unsigned NOT NULL auto_increment,
  timestamp datetime NOT NULL,
  level smallint(4) NOT NULL,
  source varchar(200) NOT NULL,
  message longtext NOT NULL,
  context longtext NULL,
  PRIMARY KEY  (log_id),
  KEY level (level)
) $collate;
CREATE TABLE {$p}wc_orders (
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
  PRIMARY KEY  (id),
  KEY status (status),
  KEY date_created (date_created_gmt),
  KEY customer_id_billing_email (customer_id, billing_email(171)),
  KEY billing_email (billing_email(191)),
  KEY type_status (type, status),
  KEY parent_order_id (parent_order_id),
  KEY date_updated (date_updated_gmt)
) $collate;
CREATE TABLE {$p}wc_order_addresses (
  id bigint(20) unsigned auto_increment,
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
  PRIMARY KEY  (id),
  KEY order_id (order_id),
  UNIQUE KEY address_type_order_id (address_type, order_id),
  KEY email (email(191)),
  KEY phone (phone)
) $collate;
CREATE TABLE {$p}wc_order_operational_data (
  id bigint(20) unsigned auto_increment,
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
  PRIMARY KEY  (id),
  UNIQUE KEY order_id (order_id),
  KEY order_key (order_key)
) $collate;
CREATE TABLE {$p}wc_orders_meta (
  id bigint(20) unsigned auto_increment,
  order_id bigint(20) unsigned null,
  meta_key varchar(255),
  meta_value text null,
  PRIMARY KEY  (id),
  KEY meta_key_value (meta_key(100), meta_value(82)),
  KEY order_id_meta_key_meta_value (order_id, meta_key(100), meta_value(82))
) $collate;
CREATE TABLE {$p}actionscheduler_actions (
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
  PRIMARY KEY  (action_id),
  KEY hook_status_scheduled_date_gmt (hook(163), status, scheduled_date_gmt),
  KEY status_scheduled_date_gmt (status, scheduled_date_gmt),
  KEY scheduled_date_gmt (scheduled_date_gmt),
  KEY args (args),
  KEY group_id (group_id),
  KEY last_attempt_gmt (last_attempt_gmt),
  KEY claim_id_status_scheduled_date_gmt (claim_id, status, scheduled_date_gmt)
) $collate;
CREATE TABLE {$p}actionscheduler_claims (
  claim_id bigint(20) unsigned NOT NULL auto_increment,
  date_created_gmt datetime NULL default '0000-00-00 00:00:00',
  PRIMARY KEY  (claim_id),
  KEY date_created_gmt (date_created_gmt)
) $collate;
CREATE TABLE {$p}actionscheduler_groups (
  group_id bigint(20) unsigned NOT NULL auto_increment,
  slug varchar(255) NOT NULL,
  PRIMARY KEY  (group_id),
  KEY slug (slug(191))
) $collate;
CREATE TABLE {$p}actionscheduler_logs (
  log_id bigint(20) unsigned NOT NULL auto_increment,
  action_id bigint(20) unsigned NOT NULL,
  message text NOT NULL,
  log_date_gmt datetime NULL default '0000-00-00 00:00:00',
  log_date_local datetime NULL default '0000-00-00 00:00:00',
  PRIMARY KEY  (log_id),
  KEY action_id (action_id),
  KEY log_date_gmt (log_date_gmt)
) $collate;
" . WC_Double_Observations::get_schema( $collate );
	}

	/**
	 * Options of a new shop (WC_Settings_* defaults the double uses), the
	 * order storage, and the "features" WooCommerce records.
	 */
	public static function create_options(): void {
		$options = array(
			'woocommerce_currency'                         => 'CAD',
			'woocommerce_currency_pos'                     => 'left',
			'woocommerce_price_thousand_sep'               => ',',
			'woocommerce_price_decimal_sep'                => '.',
			'woocommerce_price_num_decimals'               => 2,
			'woocommerce_default_country'                  => 'CA:ON',
			'woocommerce_manage_stock'                     => 'yes',
			'woocommerce_hold_stock_minutes'               => '60',
			'woocommerce_notify_low_stock_amount'          => 2,
			'woocommerce_notify_no_stock_amount'           => 0,
			'woocommerce_prices_include_tax'               => 'no',
			'woocommerce_calc_taxes'                       => 'no',
			'woocommerce_checkout_pay_endpoint'            => 'order-pay',
			'woocommerce_checkout_order_received_endpoint' => 'order-received',
			'woocommerce_myaccount_payment_methods_endpoint' => 'payment-methods',
			'woocommerce_myaccount_add_payment_method_endpoint' => 'add-payment-method',
			'woocommerce_myaccount_delete_payment_method_endpoint' => 'delete-payment-method',
			'woocommerce_myaccount_set_default_payment_method_endpoint' => 'set-default-payment-method',
			'woocommerce_custom_orders_table_enabled'      => self::hpos_by_default() ? 'yes' : 'no',
			'woocommerce_custom_orders_table_data_sync_enabled' => 'no',
			'woocommerce_feature_custom_order_tables_enabled' => 'yes',
		);
		foreach ( $options as $name => $value ) {
			add_option( $name, $value );
		}
	}

	/**
	 * shop_manager and customer, and WooCommerce's capabilities for
	 * administrators and shop managers (WC_Install::create_roles()).
	 */
	public static function create_roles(): void {
		$editor = get_role( 'editor' );
		remove_role( 'customer' );
		remove_role( 'shop_manager' );
		add_role( 'customer', 'Customer', array( 'read' => true ) );
		add_role( 'shop_manager', 'Shop manager', array_merge( $editor ? $editor->capabilities : array(), array( 'list_users' => true, 'edit_users' => true, 'edit_theme_options' => true ) ) );
		foreach ( self::get_core_capabilities() as $caps ) {
			foreach ( $caps as $cap ) {
				get_role( 'shop_manager' )->add_cap( $cap );
				get_role( 'administrator' )->add_cap( $cap );
			}
		}
	}

	/** @return array<string, string[]> */
	public static function get_core_capabilities(): array {
		$capabilities = array(
			'core' => array( 'manage_woocommerce', 'view_woocommerce_reports' ),
		);
		foreach ( array( 'product', 'shop_order', 'shop_coupon' ) as $type ) {
			$capabilities[ $type ] = array(
				"edit_{$type}",
				"read_{$type}",
				"delete_{$type}",
				"edit_{$type}s",
				"edit_others_{$type}s",
				"publish_{$type}s",
				"read_private_{$type}s",
				"delete_{$type}s",
				"delete_private_{$type}s",
				"delete_published_{$type}s",
				"delete_others_{$type}s",
				"edit_private_{$type}s",
				"edit_published_{$type}s",
				"manage_{$type}_terms",
				"edit_{$type}_terms",
				"delete_{$type}_terms",
				"assign_{$type}_terms",
			);
		}
		return $capabilities;
	}

	/**
	 * Shop, Cart, Checkout, My account pages (wc_create_page()); the checkout
	 * page's content follows the modelled version (shortcode or block).
	 */
	public static function create_pages(): void {
		$checkout = '11.0' === self::new_shop_version()
			? '<!-- wp:woocommerce/checkout /-->'
			: '<!-- wp:shortcode -->[woocommerce_checkout]<!-- /wp:shortcode -->';
		$pages    = array(
			'shop'      => array( 'shop', _x( 'Shop', 'Page title', 'woocommerce' ), '' ),
			'cart'      => array( 'cart', _x( 'Cart', 'Page title', 'woocommerce' ), '<!-- wp:shortcode -->[woocommerce_cart]<!-- /wp:shortcode -->' ),
			'checkout'  => array( 'checkout', _x( 'Checkout', 'Page title', 'woocommerce' ), $checkout ),
			'myaccount' => array( 'my-account', _x( 'My account', 'Page title', 'woocommerce' ), '<!-- wp:shortcode -->[woocommerce_my_account]<!-- /wp:shortcode -->' ),
		);
		foreach ( $pages as $key => $page ) {
			$existing = (int) get_option( 'woocommerce_' . $key . '_page_id' );
			if ( $existing > 0 && get_post( $existing ) ) {
				continue;
			}
			$page_id = wp_insert_post(
				array(
					'post_status'    => 'publish',
					'post_type'      => 'page',
					'post_author'    => 1,
					'post_name'      => $page[0],
					'post_title'     => $page[1],
					'post_content'   => $page[2],
					'comment_status' => 'closed',
				)
			);
			update_option( 'woocommerce_' . $key . '_page_id', $page_id );
		}
	}

	public static function create_cron_jobs(): void {
		wp_clear_scheduled_hook( 'woocommerce_cancel_unpaid_orders' );
		$held_duration = get_option( 'woocommerce_hold_stock_minutes', '60' );
		if ( '' !== $held_duration ) {
			wp_schedule_single_event( time() + ( absint( $held_duration ) * 60 ), 'woocommerce_cancel_unpaid_orders' );
		}
	}
}
