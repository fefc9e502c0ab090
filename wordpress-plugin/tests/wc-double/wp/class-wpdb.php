<?php
/**
 * Test double: WordPress's database class `wpdb`, over mysqli (InnoDB tables).
 *
 * Modelled on WordPress 6.1 wp-includes/class-wpdb.php (WordPress/wordpress-develop):
 * the public properties (prefix, insert_id, rows_affected, num_rows, last_error,
 * last_query, last_result, table names), prepare() placeholder rules (%s quoted
 * and escaped, %d integer, %f locale-independent float, %% literal, numbered or
 * formatted %s left unquoted, quoted '%s' unquoted first, too few arguments =>
 * '' with _doing_it_wrong), %i identifiers (added in WordPress 6.2; provided
 * here because the project asked for it), query() return values (rows for
 * SELECT, affected rows for INSERT/UPDATE/DELETE/REPLACE, true for DDL, false
 * on error with last_error set), the get_* readers and their output types
 * (OBJECT, OBJECT_K, ARRAY_A, ARRAY_N) and the insert/update/delete/replace
 * helpers with their format arrays. mysqli runs with MYSQLI_REPORT_OFF, as
 * WordPress does, so SQL errors are returned, not thrown. affected rows are
 * "changed rows" (no CLIENT_FOUND_ROWS), as with WordPress: an UPDATE that
 * changes nothing returns 0. Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

if ( ! defined( 'OBJECT' ) ) {
	define( 'OBJECT', 'OBJECT' );
	define( 'object', 'OBJECT' ); // phpcs:ignore -- WordPress defines the lowercase alias too.
	define( 'OBJECT_K', 'OBJECT_K' );
	define( 'ARRAY_A', 'ARRAY_A' );
	define( 'ARRAY_N', 'ARRAY_N' );
}

class wpdb { // phpcs:ignore -- WordPress's class name.

	public $show_errors     = false;
	public $suppress_errors = false;
	public $last_error      = '';
	public $num_queries     = 0;
	public $num_rows        = 0;
	public $rows_affected   = 0;
	public $insert_id       = 0;
	public $last_query      = '';
	public $last_result     = array();
	public $col_info        = null;
	public $queries         = array();
	public $prefix          = '';
	public $base_prefix     = '';
	public $ready           = false;
	public $blogid          = 1;
	public $siteid          = 1;
	public $charset         = 'utf8mb4';
	public $collate         = 'utf8mb4_unicode_520_ci';
	public $dbname          = '';
	public $func_call       = '';

	public $tables        = array( 'posts', 'comments', 'options', 'postmeta', 'terms', 'term_taxonomy', 'term_relationships', 'termmeta', 'commentmeta' );
	public $global_tables = array( 'users', 'usermeta' );

	public $posts;
	public $postmeta;
	public $comments;
	public $commentmeta;
	public $options;
	public $users;
	public $usermeta;
	public $terms;
	public $term_taxonomy;
	public $term_relationships;
	public $termmeta;

	/**
	 * @var mysqli|null
	 */
	protected $dbh;

	protected $dbuser;
	protected $dbpassword;
	protected $dbhost;

	/**
	 * @var mysqli_result|bool|null
	 */
	protected $result;

	/**
	 * @param string $dbuser     User.
	 * @param string $dbpassword Password.
	 * @param string $dbname     Database.
	 * @param string $dbhost     'host', 'host:port' or 'localhost:/path/to/socket'.
	 */
	public function __construct( $dbuser, $dbpassword, $dbname, $dbhost ) {
		$this->dbuser     = $dbuser;
		$this->dbpassword = $dbpassword;
		$this->dbname     = $dbname;
		$this->dbhost     = $dbhost;
		$this->set_prefix( $GLOBALS['table_prefix'] ?? 'wp_' );
		$this->db_connect();
	}

	public function set_prefix( $prefix, $set_table_names = true ) {
		$old               = $this->prefix;
		$this->prefix      = $prefix;
		$this->base_prefix = $prefix;
		if ( $set_table_names ) {
			foreach ( array_merge( $this->tables, $this->global_tables ) as $table ) {
				$this->$table = $prefix . $table;
			}
		}
		return $old;
	}

	public function get_blog_prefix( $blog_id = null ) {
		return $this->prefix;
	}

	public function tables( $scope = 'all', $prefix = true, $blog_id = 0 ) {
		$names = array_merge( $this->tables, $this->global_tables );
		$out   = array();
		foreach ( $names as $name ) {
			$out[ $name ] = $prefix ? $this->prefix . $name : $name;
		}
		return $out;
	}

	/**
	 * Parses 'host', 'host:port', 'host:/socket', ':/socket' like WordPress.
	 *
	 * @return array{0:string,1:?int,2:?string}
	 */
	public function parse_db_host( $host ) {
		$socket = null;
		$port   = null;
		if ( false !== ( $pos = strpos( $host, ':/' ) ) ) {
			$socket = substr( $host, $pos + 1 );
			$host   = substr( $host, 0, $pos );
		} elseif ( preg_match( '/^(.*):(\d+)$/', $host, $m ) ) {
			$host = $m[1];
			$port = (int) $m[2];
		}
		if ( '' === $host ) {
			$host = 'localhost';
		}
		return array( $host, $port, $socket );
	}

	public function db_connect( $allow_bail = true ) {
		mysqli_report( MYSQLI_REPORT_OFF );
		list( $host, $port, $socket ) = $this->parse_db_host( (string) $this->dbhost );
		$this->dbh                    = mysqli_init();
		$ok                           = @mysqli_real_connect( $this->dbh, $host, $this->dbuser, $this->dbpassword, $this->dbname, $port ?? 3306, $socket );
		if ( ! $ok ) {
			$error     = mysqli_connect_error();
			$this->dbh = null;
			$this->ready = false;
			if ( $allow_bail ) {
				throw new RuntimeException( 'wpdb (test double): cannot connect to the test database: ' . $error . '. Start it with tests/start-mariadb.sh and export its variables.' );
			}
			return false;
		}
		mysqli_set_charset( $this->dbh, $this->charset );
		mysqli_query( $this->dbh, "SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION', time_zone = '+00:00'" );
		$this->ready = true;
		return true;
	}

	public function check_connection( $allow_bail = true ) {
		if ( $this->dbh && @mysqli_ping( $this->dbh ) ) {
			return true;
		}
		return $this->db_connect( $allow_bail );
	}

	public function close() {
		if ( $this->dbh ) {
			mysqli_close( $this->dbh );
			$this->dbh   = null;
			$this->ready = false;
			return true;
		}
		return false;
	}

	public function db_version() {
		return preg_replace( '/[^0-9.].*/', '', (string) $this->db_server_info() );
	}

	public function db_server_info() {
		return $this->dbh ? mysqli_get_server_info( $this->dbh ) : '';
	}

	public function get_charset_collate() {
		$out = '';
		if ( $this->charset ) {
			$out = "DEFAULT CHARACTER SET $this->charset";
		}
		if ( $this->collate ) {
			$out .= " COLLATE $this->collate";
		}
		return $out;
	}

	public function has_cap( $db_cap ) {
		return in_array( strtolower( $db_cap ), array( 'collation', 'group_concat', 'subqueries', 'set_charset', 'utf8mb4', 'utf8mb4_520', 'identifier_placeholders' ), true );
	}

	public function hide_errors() {
		$was               = $this->show_errors;
		$this->show_errors = false;
		return $was;
	}

	public function show_errors( $show = true ) {
		$was               = $this->show_errors;
		$this->show_errors = $show;
		return $was;
	}

	public function suppress_errors( $suppress = true ) {
		$was                   = $this->suppress_errors;
		$this->suppress_errors = (bool) $suppress;
		return $was;
	}

	public function print_error( $str = '' ) {
		if ( ! $str ) {
			$str = $this->last_error;
		}
		if ( $this->suppress_errors ) {
			return false;
		}
		error_log( "WordPress database error $str for query $this->last_query" ); // phpcs:ignore
		if ( $this->show_errors ) {
			echo '<div id="error"><p class="wpdberror"><strong>WordPress database error:</strong> [' . htmlspecialchars( $str ) . ']<br /><code>' . htmlspecialchars( $this->last_query ) . '</code></p></div>';
		}
		return true;
	}

	public function _real_escape( $string ) { // phpcs:ignore
		if ( ! is_scalar( $string ) ) {
			return '';
		}
		if ( $this->dbh ) {
			return mysqli_real_escape_string( $this->dbh, (string) $string );
		}
		return addslashes( (string) $string );
	}

	public function _escape( $data ) { // phpcs:ignore
		if ( is_array( $data ) ) {
			foreach ( $data as $k => $v ) {
				$data[ $k ] = is_array( $v ) ? $this->_escape( $v ) : $this->_real_escape( $v );
			}
			return $data;
		}
		return $this->_real_escape( $data );
	}

	public function escape( $data ) {
		return $this->_escape( $data );
	}

	public function escape_by_ref( &$string ) {
		if ( ! is_float( $string ) ) {
			$string = $this->_real_escape( $string );
		}
	}

	public function esc_like( $text ) {
		return addcslashes( (string) $text, '_%\\' );
	}

	public function placeholder_escape() {
		return '%';
	}

	public function add_placeholder_escape( $query ) {
		return $query;
	}

	public function remove_placeholder_escape( $query ) {
		return $query;
	}

	public function quote_identifier( $identifier ) {
		return '`' . str_replace( '`', '``', (string) $identifier ) . '`';
	}

	/**
	 * Prepares a SQL query for safe execution.
	 *
	 * @param string $query   Query with placeholders.
	 * @param mixed  ...$args Values, or one array of values.
	 * @return string|void
	 */
	public function prepare( $query, ...$args ) {
		if ( null === $query ) {
			return;
		}
		$query = (string) $query;
		if ( false === strpos( $query, '%' ) ) {
			_doing_it_wrong( 'wpdb::prepare', 'The query argument of wpdb::prepare() must have a placeholder.', '3.9.0' );
		}
		$passed_as_array = false;
		if ( 1 === count( $args ) && is_array( $args[0] ) ) {
			$passed_as_array = true;
			$args            = $args[0];
		}
		$args = array_values( $args );
		foreach ( $args as $arg ) {
			if ( ! is_scalar( $arg ) && null !== $arg ) {
				_doing_it_wrong( 'wpdb::prepare', sprintf( 'Unsupported value type (%s).', gettype( $arg ) ), '4.8.2' );
				return;
			}
		}

		// '%s' and "%s" are unquoted first: the value gets its own quotes.
		$query = str_replace( array( "'%s'", '"%s"' ), '%s', $query );

		$pattern = '/%(?:(%)|(?:(\d+)\$)?([-+ 0]*\d*(?:\.\d+)?)?([sdfFi]))/';
		preg_match_all( $pattern, $query, $found, PREG_SET_ORDER );
		$placeholders = 0;
		$max_numbered = 0;
		foreach ( $found as $m ) {
			if ( '%' === ( $m[1] ?? '' ) ) {
				continue;
			}
			++$placeholders;
			if ( '' !== ( $m[2] ?? '' ) ) {
				$max_numbered = max( $max_numbered, (int) $m[2] );
			}
		}

		if ( count( $args ) !== $placeholders ) {
			if ( 1 === $placeholders && $passed_as_array ) {
				_doing_it_wrong( 'wpdb::prepare', 'The query only expected one placeholder, but an array of multiple placeholders was sent.', '4.9.0' );
				return;
			}
			_doing_it_wrong(
				'wpdb::prepare',
				sprintf( 'The query does not contain the correct number of placeholders (%1$d) for the number of arguments passed (%2$d).', $placeholders, count( $args ) ),
				'4.8.3'
			);
			if ( count( $args ) < $placeholders && ( ! $max_numbered || count( $args ) < $max_numbered ) ) {
				return '';
			}
		}

		$next = 0;
		return preg_replace_callback(
			$pattern,
			function ( array $m ) use ( $args, &$next ) {
				if ( '%' === ( $m[1] ?? '' ) ) {
					return '%';
				}
				$numbered = '' !== ( $m[2] ?? '' );
				$format   = $m[3] ?? '';
				$type     = $m[4];
				if ( $numbered ) {
					$value = $args[ (int) $m[2] - 1 ] ?? null;
				} else {
					$value = $args[ $next ] ?? null;
					++$next;
				}
				switch ( $type ) {
					case 'd':
						return sprintf( '%' . $format . 'd', (int) $value );
					case 'f':
					case 'F':
						return sprintf( '%' . $format . 'F', (float) $value );
					case 'i':
						return $this->quote_identifier( (string) $value );
					case 's':
					default:
						$escaped = $this->_real_escape( $value );
						if ( $numbered || '' !== $format ) {
							// WordPress 6.1 does not add quotes to numbered/formatted %s.
							return sprintf( '%' . $format . 's', $escaped );
						}
						return "'" . $escaped . "'";
				}
			},
			$query
		);
	}

	public function flush() {
		$this->last_result   = array();
		$this->col_info      = null;
		$this->last_query    = '';
		$this->rows_affected = 0;
		$this->num_rows      = 0;
		$this->last_error    = '';
		if ( $this->result instanceof mysqli_result ) {
			mysqli_free_result( $this->result );
		}
		$this->result = null;
	}

	/**
	 * Runs a query.
	 *
	 * @return int|bool Rows selected or affected, true for DDL, false on error.
	 */
	public function query( $query ) {
		if ( ! $this->ready ) {
			$this->check_connection();
		}
		$query = apply_filters( 'query', $query );
		if ( ! $query ) {
			$this->insert_id = 0;
			return false;
		}
		$this->flush();
		$this->func_call  = "\$db->query(\"$query\")";
		$this->last_query = $query;

		$this->result = @mysqli_query( $this->dbh, $query );
		++$this->num_queries;
		if ( ! $this->result && in_array( mysqli_errno( $this->dbh ), array( 2006, 2013 ), true ) ) {
			// Server gone away: reconnect once, as WordPress does.
			if ( $this->check_connection( false ) ) {
				$this->result = @mysqli_query( $this->dbh, $query );
			}
		}
		$this->last_error = $this->dbh ? mysqli_error( $this->dbh ) : 'No database connection';
		if ( $this->last_error ) {
			if ( $this->result instanceof mysqli_result ) {
				mysqli_free_result( $this->result );
			}
			$this->result = null;
			$this->print_error();
			return false;
		}

		if ( preg_match( '/^\s*(create|alter|truncate|drop)\s/i', $query ) ) {
			return (bool) $this->result;
		}
		if ( preg_match( '/^\s*(insert|delete|update|replace)\s/i', $query ) ) {
			$this->rows_affected = mysqli_affected_rows( $this->dbh );
			if ( preg_match( '/^\s*(insert|replace)\s/i', $query ) ) {
				$this->insert_id = mysqli_insert_id( $this->dbh );
			}
			return $this->rows_affected;
		}
		$num_rows = 0;
		if ( $this->result instanceof mysqli_result ) {
			$this->col_info = mysqli_fetch_fields( $this->result );
			while ( $row = mysqli_fetch_object( $this->result ) ) {
				$this->last_result[ $num_rows ] = $row;
				++$num_rows;
			}
			mysqli_free_result( $this->result );
			$this->result = null;
		}
		$this->num_rows = $num_rows;
		return $num_rows;
	}

	public function get_var( $query = null, $x = 0, $y = 0 ) {
		if ( $query ) {
			$this->query( $query );
		}
		if ( ! empty( $this->last_result[ $y ] ) ) {
			$values = array_values( get_object_vars( $this->last_result[ $y ] ) );
		}
		return ( isset( $values[ $x ] ) && '' !== $values[ $x ] ) ? $values[ $x ] : null;
	}

	public function get_row( $query = null, $output = OBJECT, $y = 0 ) {
		if ( $query ) {
			$this->query( $query );
		} else {
			return null;
		}
		if ( ! isset( $this->last_result[ $y ] ) ) {
			return null;
		}
		$row = $this->last_result[ $y ];
		if ( ARRAY_A === $output ) {
			return get_object_vars( $row );
		}
		if ( ARRAY_N === $output ) {
			return array_values( get_object_vars( $row ) );
		}
		if ( OBJECT === strtoupper( (string) $output ) ) {
			return $row;
		}
		$this->print_error( ' $db->get_row(string query, output type, int offset) -- Output type must be one of: OBJECT, ARRAY_A, ARRAY_N' );
		return null;
	}

	public function get_col( $query = null, $x = 0 ) {
		if ( $query ) {
			$this->query( $query );
		}
		$out = array();
		foreach ( $this->last_result as $i => $row ) {
			$values    = array_values( get_object_vars( $row ) );
			$out[ $i ] = $values[ $x ] ?? null;
		}
		return $out;
	}

	public function get_results( $query = null, $output = OBJECT ) {
		if ( $query ) {
			if ( false === $this->query( $query ) ) {
				return null;
			}
		} else {
			return null;
		}
		$out = array();
		if ( OBJECT === $output ) {
			return $this->last_result;
		}
		if ( OBJECT_K === $output ) {
			foreach ( $this->last_result as $row ) {
				$vars = get_object_vars( $row );
				$key  = array_shift( $vars );
				if ( ! isset( $out[ $key ] ) ) {
					$out[ $key ] = $row;
				}
			}
			return $out;
		}
		if ( ARRAY_A === $output || ARRAY_N === $output ) {
			foreach ( $this->last_result as $row ) {
				$out[] = ARRAY_N === $output ? array_values( get_object_vars( $row ) ) : get_object_vars( $row );
			}
			return $out;
		}
		if ( 'OBJECT' === strtoupper( (string) $output ) ) {
			return $this->last_result;
		}
		return null;
	}

	public function get_col_info( $info_type = 'name', $col_offset = -1 ) {
		if ( ! $this->col_info ) {
			return null;
		}
		if ( -1 === $col_offset ) {
			return array_map(
				static function ( $col ) use ( $info_type ) {
					return $col->{$info_type} ?? null;
				},
				$this->col_info
			);
		}
		return $this->col_info[ $col_offset ]->{$info_type} ?? null;
	}

	public function insert( $table, $data, $format = null ) {
		return $this->_insert_replace_helper( $table, $data, $format, 'INSERT' );
	}

	public function replace( $table, $data, $format = null ) {
		return $this->_insert_replace_helper( $table, $data, $format, 'REPLACE' );
	}

	public function _insert_replace_helper( $table, $data, $format = null, $type = 'INSERT' ) { // phpcs:ignore
		$this->insert_id = 0;
		if ( ! in_array( strtoupper( $type ), array( 'REPLACE', 'INSERT' ), true ) ) {
			return false;
		}
		$fields = $this->process_fields( $data, $format );
		$names  = array();
		$values = array();
		foreach ( $fields as $field => $value ) {
			$names[]  = $this->quote_identifier( $field );
			$values[] = $value;
		}
		$sql = "$type INTO " . $this->quote_identifier( $table ) . ' (' . implode( ', ', $names ) . ') VALUES (' . implode( ', ', $values ) . ')';
		return $this->query( $sql );
	}

	public function update( $table, $data, $where, $format = null, $where_format = null ) {
		if ( ! is_array( $data ) || ! is_array( $where ) ) {
			return false;
		}
		$set   = array();
		$conds = array();
		foreach ( $this->process_fields( $data, $format ) as $field => $value ) {
			$set[] = $this->quote_identifier( $field ) . ' = ' . $value;
		}
		foreach ( $this->process_fields( $where, $where_format ) as $field => $value ) {
			$conds[] = 'NULL' === $value ? $this->quote_identifier( $field ) . ' IS NULL' : $this->quote_identifier( $field ) . ' = ' . $value;
		}
		$sql = 'UPDATE ' . $this->quote_identifier( $table ) . ' SET ' . implode( ', ', $set ) . ' WHERE ' . implode( ' AND ', $conds );
		return $this->query( $sql );
	}

	public function delete( $table, $where, $where_format = null ) {
		if ( ! is_array( $where ) ) {
			return false;
		}
		$conds = array();
		foreach ( $this->process_fields( $where, $where_format ) as $field => $value ) {
			$conds[] = 'NULL' === $value ? $this->quote_identifier( $field ) . ' IS NULL' : $this->quote_identifier( $field ) . ' = ' . $value;
		}
		$sql = 'DELETE FROM ' . $this->quote_identifier( $table ) . ' WHERE ' . implode( ' AND ', $conds );
		return $this->query( $sql );
	}

	/**
	 * Turns data + formats into SQL literals (null => NULL; default format %s).
	 *
	 * @return array<string,string>
	 */
	protected function process_fields( array $data, $format ): array {
		$formats = is_array( $format ) ? array_values( $format ) : array();
		$out     = array();
		$i       = 0;
		foreach ( $data as $field => $value ) {
			if ( is_array( $format ) ) {
				$f = $formats[ $i ] ?? '%s';
			} elseif ( is_string( $format ) && '' !== $format ) {
				$f = $format;
			} else {
				$f = '%s';
			}
			++$i;
			if ( null === $value ) {
				$out[ $field ] = 'NULL';
				continue;
			}
			switch ( $f ) {
				case '%d':
					$out[ $field ] = (string) (int) $value;
					break;
				case '%f':
					$out[ $field ] = sprintf( '%F', (float) $value );
					break;
				default:
					$out[ $field ] = "'" . $this->_real_escape( $value ) . "'";
			}
		}
		return $out;
	}

	/**
	 * The double's own queries: throw on SQL errors so double bugs are loud.
	 *
	 * @return int|bool
	 */
	public function double_query( string $sql ) {
		$r = $this->query( $sql );
		if ( false === $r && $this->last_error ) {
			throw new RuntimeException( 'wpdb (test double) query failed: ' . $this->last_error . ' -- ' . $sql );
		}
		return $r;
	}

	public function get_dbh() {
		return $this->dbh;
	}
}
