<?php
/**
 * Test double: dbDelta() (wp-admin/includes/upgrade.php).
 *
 * Modelled on WordPress 6.1's documented behaviour: takes one or more
 * CREATE TABLE (and INSERT/UPDATE) statements; creates missing tables;
 * for existing tables adds missing columns, changes the type of columns whose
 * type differs, adds missing indexes; never drops anything; returns the list
 * of messages ("Created table …", "Added column …", "Changed type of … from …
 * to …", "Added index …"); filters dbdelta_queries, dbdelta_create_queries,
 * dbdelta_insert_queries. WordPress's strict formatting rules (two spaces after
 * PRIMARY KEY, one definition per line) are not enforced: the double parses
 * definitions by commas at parenthesis depth 0. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

/**
 * Splits "a, b(1,2), KEY k (x,y)" at depth-0 commas.
 *
 * @return string[]
 */
function _wc_double_split_definitions( string $body ): array {
	$parts = array();
	$depth = 0;
	$cur   = '';
	$quote = '';
	$len   = strlen( $body );
	for ( $i = 0; $i < $len; $i++ ) {
		$ch = $body[ $i ];
		if ( '' !== $quote ) {
			$cur .= $ch;
			if ( $ch === $quote ) {
				$quote = '';
			}
			continue;
		}
		if ( "'" === $ch || '"' === $ch || '`' === $ch ) {
			$quote = $ch;
			$cur  .= $ch;
			continue;
		}
		if ( '(' === $ch ) {
			++$depth;
		} elseif ( ')' === $ch ) {
			--$depth;
		} elseif ( ',' === $ch && 0 === $depth ) {
			$parts[] = trim( $cur );
			$cur     = '';
			continue;
		}
		$cur .= $ch;
	}
	if ( '' !== trim( $cur ) ) {
		$parts[] = trim( $cur );
	}
	return $parts;
}

function dbDelta( $queries = '', $execute = true ) { // phpcs:ignore
	global $wpdb;
	if ( in_array( $queries, array( '', 'all', 'blog', 'global', 'ms_global' ), true ) ) {
		return array();
	}
	if ( ! is_array( $queries ) ) {
		$queries = explode( ';', (string) $queries );
	}
	$queries = array_filter( array_map( 'trim', $queries ) );
	$queries = apply_filters( 'dbdelta_queries', $queries );

	$creates = array();
	$inserts = array();
	foreach ( $queries as $qry ) {
		if ( preg_match( '|CREATE TABLE (?:IF NOT EXISTS )?`?([^ `(]*)`?|i', $qry, $m ) ) {
			$creates[ trim( $m[1], '`' ) ] = $qry;
		} elseif ( preg_match( '|^\s*(INSERT|UPDATE)\s|i', $qry ) ) {
			$inserts[] = $qry;
		}
	}
	$creates = apply_filters( 'dbdelta_create_queries', $creates );
	$inserts = apply_filters( 'dbdelta_insert_queries', $inserts );

	$messages = array();
	foreach ( $creates as $table => $qry ) {
		$exists = $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) );
		if ( ! $exists ) {
			if ( $execute ) {
				$wpdb->query( $qry );
			}
			$messages[ $table ] = "Created table $table";
			continue;
		}
		$open  = strpos( $qry, '(' );
		$close = strrpos( $qry, ')' );
		if ( false === $open || false === $close ) {
			continue;
		}
		$definitions = _wc_double_split_definitions( substr( $qry, $open + 1, $close - $open - 1 ) );
		$columns     = array();
		foreach ( (array) $wpdb->get_results( "DESCRIBE `$table`" ) as $col ) {
			$columns[ strtolower( $col->Field ) ] = $col; // phpcs:ignore
		}
		$indexes = array();
		foreach ( (array) $wpdb->get_results( "SHOW INDEX FROM `$table`" ) as $idx ) {
			$indexes[ strtolower( $idx->Key_name ) ] = true; // phpcs:ignore
		}
		foreach ( $definitions as $def ) {
			$def = preg_replace( '/\s+/', ' ', $def );
			if ( preg_match( '/^(PRIMARY KEY|(?:UNIQUE |FULLTEXT |SPATIAL )?(?:KEY|INDEX))\s*(`?[\w]+`?)?\s*\(/i', $def, $km ) ) {
				$is_primary = 0 === stripos( $km[1], 'PRIMARY' );
				$name       = $is_primary ? 'primary' : strtolower( trim( $km[2] ?? '', '`' ) );
				if ( '' === $name || isset( $indexes[ $name ] ) ) {
					continue;
				}
				if ( $execute ) {
					$wpdb->query( "ALTER TABLE `$table` ADD $def" );
				}
				$messages[] = "Added index $table $def";
				continue;
			}
			if ( ! preg_match( '/^`?(\w+)`?\s+(\S+)/', $def, $cm ) ) {
				continue;
			}
			$col  = strtolower( $cm[1] );
			$type = strtolower( $cm[2] );
			if ( ! isset( $columns[ $col ] ) ) {
				if ( $execute ) {
					$wpdb->query( "ALTER TABLE `$table` ADD COLUMN $def" );
				}
				$messages[ "$table.$col" ] = "Added column $table.$col";
				continue;
			}
			$current = strtolower( $columns[ $col ]->Type ); // phpcs:ignore
			$want    = preg_replace( '/\s+unsigned$/', ' unsigned', $type );
			if ( $current !== $want && preg_replace( '/\(\d+\)/', '', $current ) !== preg_replace( '/\(\d+\)/', '', $want ) ) {
				if ( $execute ) {
					$wpdb->query( "ALTER TABLE `$table` CHANGE COLUMN `{$cm[1]}` $def" );
				}
				$messages[ "$table.$col" ] = "Changed type of $table.$col from $current to $type";
			}
		}
	}
	foreach ( $inserts as $qry ) {
		if ( $execute ) {
			$wpdb->query( $qry );
		}
		$messages[] = $qry;
	}
	return $messages;
}

function maybe_create_table( $table_name, $create_ddl ) {
	global $wpdb;
	if ( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table_name ) ) ) === $table_name ) {
		return true;
	}
	$wpdb->query( $create_ddl );
	return $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table_name ) ) ) === $table_name;
}
