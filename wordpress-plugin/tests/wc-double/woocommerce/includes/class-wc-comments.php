<?php
/**
 * Test double: WC_Comments — order notes are comments WordPress's own
 * comment queries do not list.
 *
 * Modelled on WooCommerce 7.9 includes/class-wc-comments.php:
 * `comments_clauses` adds "comment_type != 'order_note'" to every comment
 * query; wc_get_order_notes() takes the filter off while it queries the
 * notes. Comment counts, feeds and webhooks are not modelled.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Comments {

	public static function init(): void {
		add_filter( 'comments_clauses', array( self::class, 'exclude_order_comments' ), 10, 1 );
	}

	/**
	 * @param array<string, string> $clauses A WP_Comment_Query's clauses.
	 * @return array<string, string>
	 */
	public static function exclude_order_comments( $clauses ) {
		global $wpdb;
		$clauses['where'] .= ( $clauses['where'] ? ' AND ' : '' ) . " {$wpdb->comments}.comment_type != 'order_note' ";
		return $clauses;
	}
}
