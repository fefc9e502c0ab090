<?php
/**
 * A read/write-splitting wpdb for tests, as HyperDB and LudicrousDB route
 * queries: a statement starting with SELECT, SHOW, DESCRIBE or EXPLAIN
 * (after leading blanks and parentheses) is a read; every other is a write
 * and goes to the primary (this object's own connection). A read goes to a
 * "replica": a fresh connection to the same server for every read, as a pool
 * of replicas behind a balancer would give — so a named lock taken by a read
 * lives on a connection that is closed at once and excludes nobody.
 *
 * ReplicaWpdb offers send_reads_to_masters() (HyperDB's and LudicrousDB's
 * public method: every later read of the request goes to the primary);
 * UnknownSplitterWpdb is a splitter without it.
 *
 * @package IotPay\WcDouble
 */

namespace IotPay\WcDouble;

class UnknownSplitterWpdb extends \wpdb {

	/** Reads sent to a replica (a fresh connection). */
	public int $replica_reads = 0;

	protected bool $reads_to_primary = false;

	public static function is_read( string $query ): bool {
		return (bool) preg_match( '/^(?:SELECT|SHOW|DESCRIBE|DESC|EXPLAIN)\s/i', ltrim( $query, "\r\n\t (" ) );
	}

	// phpcs:ignore -- wpdb's signature.
	public function query( $query ) {
		if ( $this->reads_to_primary || ! $this->ready || ! self::is_read( (string) $query ) ) {
			return parent::query( $query );
		}
		++$this->replica_reads;
		$replica = new \wpdb( DB_USER, DB_PASSWORD, DB_NAME, DB_HOST );
		$replica->suppress_errors( true );
		$result            = $replica->query( $query );
		$this->last_query  = $replica->last_query;
		$this->last_error  = $replica->last_error;
		$this->last_result = $replica->last_result;
		$this->num_rows    = $replica->num_rows;
		$this->col_info    = $replica->col_info;
		$replica->close();
		return $result;
	}
}

final class ReplicaWpdb extends UnknownSplitterWpdb {

	/** HyperDB / LudicrousDB: from now on, this request's reads go to the primary. */
	public function send_reads_to_masters() {
		$this->reads_to_primary = true;
	}
}
