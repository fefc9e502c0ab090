<?php
/**
 * The plugin's own tables. Orders are only touched through WooCommerce's CRUD
 * API; attempts and refunds live here because they need unique keys and
 * atomic conditional updates that order meta cannot give. Each row records
 * its API family (`v1` General Order API, `v3` Credit Card API, `sunbay`
 * SUNBAY Nexus; version 5 widened `mch_id` to SUNBAY's 32), which picks
 * the Protocol that creates, queries and refunds it; a refund row also
 * records whether it is a refund or a void (cards).
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

final class Schema {

	public const VERSION = '5';
	public const OPTION  = 'iotpay_wc_db_version';

	public static function attempts_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'iotpay_attempts';
	}

	public static function refunds_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'iotpay_refunds';
	}

	public static function install(): void {
		global $wpdb;
		if ( ! function_exists( 'dbDelta' ) ) {
			require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		}
		$charset = $wpdb->get_charset_collate();
		$a       = self::attempts_table();
		$r       = self::refunds_table();
		dbDelta(
			"CREATE TABLE $a (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  order_id bigint(20) unsigned NOT NULL,
  mch_order_no varchar(30) NOT NULL,
  gateway varchar(40) NOT NULL,
  family varchar(8) NOT NULL DEFAULT 'v1',
  mch_id varchar(32) DEFAULT NULL,
  test_mode tinyint(1) DEFAULT NULL,
  channel varchar(24) NOT NULL,
  amount bigint(20) NOT NULL,
  currency char(3) NOT NULL,
  state varchar(16) NOT NULL,
  pay_order_id varchar(64) DEFAULT NULL,
  pay_data text DEFAULT NULL,
  note varchar(255) DEFAULT NULL,
  checks int(11) NOT NULL DEFAULT 0,
  last_checked_at datetime DEFAULT NULL,
  created_at datetime NOT NULL,
  updated_at datetime NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY mch_order_no (mch_order_no),
  KEY last_checked_at (last_checked_at),
  KEY order_id (order_id),
  KEY state (state)
) $charset;"
		);
		dbDelta(
			"CREATE TABLE $r (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  order_id bigint(20) unsigned NOT NULL,
  wc_refund_id bigint(20) unsigned DEFAULT NULL,
  mch_refund_no varchar(30) NOT NULL,
  family varchar(8) NOT NULL DEFAULT 'v1',
  method varchar(8) NOT NULL DEFAULT 'refund',
  mch_id varchar(32) DEFAULT NULL,
  test_mode tinyint(1) DEFAULT NULL,
  pay_order_id varchar(64) NOT NULL,
  amount bigint(20) NOT NULL,
  currency char(3) NOT NULL,
  state varchar(16) NOT NULL,
  refund_order_id varchar(64) DEFAULT NULL,
  reason varchar(255) DEFAULT NULL,
  message varchar(255) DEFAULT NULL,
  checks int(11) NOT NULL DEFAULT 0,
  last_sent_at datetime DEFAULT NULL,
  last_checked_at datetime DEFAULT NULL,
  created_at datetime NOT NULL,
  updated_at datetime NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY mch_refund_no (mch_refund_no),
  UNIQUE KEY wc_refund_id (wc_refund_id),
  KEY order_id (order_id),
  KEY state (state)
) $charset;"
		);
		update_option( self::OPTION, self::VERSION );
	}

	public static function maybe_upgrade(): void {
		$from = get_option( self::OPTION );
		if ( $from !== self::VERSION ) {
			self::install();
			if ( false !== $from && version_compare( (string) $from, '4', '<' ) ) {
				self::record_accounts();
			}
		}
	}

	/**
	 * Version 4 records on every row the merchant account it was made with.
	 * Older rows were made with the account the settings held then; the best
	 * knowledge left is the account they hold at the upgrade (a switch between
	 * test and live after those rows was exactly what could not be told
	 * apart). Rows left NULL (no account configured) are read as "the current
	 * account" (MerchantAccount::of_row).
	 */
	private static function record_accounts(): void {
		global $wpdb;
		$s  = \IotPay\WooCommerce\Settings\SharedSettings::instance();
		$id = $s->credentials()['mch_id'];
		if ( '' === $id ) {
			return;
		}
		foreach ( array( self::attempts_table(), self::refunds_table() ) as $table ) {
			$wpdb->query( $wpdb->prepare( "UPDATE $table SET mch_id = %s, test_mode = %d WHERE mch_id IS NULL", $id, $s->is_test_mode() ? 1 : 0 ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table name.
		}
	}

	public static function drop(): void {
		global $wpdb;
		$wpdb->query( 'DROP TABLE IF EXISTS ' . self::attempts_table() );
		$wpdb->query( 'DROP TABLE IF EXISTS ' . self::refunds_table() );
		delete_option( self::OPTION );
	}
}
