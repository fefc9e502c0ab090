<?php
/**
 * wp-content/db.php of the test site. Does nothing unless the process's
 * environment asks for a database drop-in (IOTPAY_TEST_DB_DROPIN), so that
 * one test can run one PHP process behind a read/write-splitting wpdb while
 * every other process uses WordPress's own wpdb:
 *
 *   replicas          a HyperDB/LudicrousDB-like splitter: a query that
 *                     starts with SELECT/SHOW/DESCRIBE/EXPLAIN is a read and
 *                     goes to a replica, unless send_reads_to_masters() was
 *                     called (their public API).
 *   replicas-unknown  the same routing, without send_reads_to_masters().
 *
 * @package IotPay\WcDouble
 */

$iotpay_dropin = (string) getenv( 'IOTPAY_TEST_DB_DROPIN' );
if ( in_array( $iotpay_dropin, array( 'replicas', 'replicas-unknown' ), true ) ) {
	require_once __DIR__ . '/db-replicas.php';
	$GLOBALS['wpdb'] = 'replicas' === $iotpay_dropin
		? new \IotPay\WcDouble\ReplicaWpdb( DB_USER, DB_PASSWORD, DB_NAME, DB_HOST )
		: new \IotPay\WcDouble\UnknownSplitterWpdb( DB_USER, DB_PASSWORD, DB_NAME, DB_HOST );
}
unset( $iotpay_dropin );
