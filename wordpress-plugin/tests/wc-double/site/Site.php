<?php
/**
 * The test site: a directory that is WordPress's ABSPATH and the web
 * server's document root (the Debian package's files — front controllers
 * copied, the rest linked —, our wp-config.php, a wp-content/ with the
 * plugins under test, the WooCommerce double and the test theme), installed by
 * WordPress's own installer into the private MariaDB once per test run, and
 * put back to that freshly installed state before every test.
 *
 * Used before WordPress is loaded (bootstrap.php, install.php, TestCase), so
 * it talks to MariaDB through its own mysqli connection.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

namespace IotPay\WcDouble;

final class Site {

	/** Where the Debian package `wordpress` puts WordPress. */
	public const CORE = '/usr/share/wordpress';

	/** Tables of the installed site are copied to "{SNAPSHOT}{table}" (same database). */
	public const SNAPSHOT = 'snap__';

	public const THEME = 'wc-double-theme';

	private static ?\mysqli $db = null;

	public static function dir(): string {
		return rtrim( (string) getenv( 'IOTPAY_TEST_WP_DIR' ), '/' );
	}

	public static function double_dir(): string {
		return dirname( __DIR__ );
	}

	public static function prefix(): string {
		return getenv( 'IOTPAY_TEST_DB_PREFIX' ) ?: 'wp_';
	}

	public static function default_home(): string {
		return rtrim( (string) ( getenv( 'IOTPAY_TEST_HOME_URL' ) ?: 'http://127.0.0.1:8080' ), '/' );
	}

	/**
	 * Makes the site directory (once per run), a document root as a web
	 * server would serve WordPress from: WordPress's front controllers
	 * (the PHP files at the top of /usr/share/wordpress and of its wp-admin/)
	 * are copied, so that their __DIR__ — from which wp-load.php takes
	 * ABSPATH and its wp-config.php — is this directory; everything else
	 * (wp-includes/, wp-admin/includes/, assets …) is linked. Then our
	 * wp-config.php and wp-content/{plugins,themes,mu-plugins,uploads,languages}.
	 */
	public static function create(): string {
		if ( ! is_file( self::CORE . '/wp-settings.php' ) ) {
			throw new \RuntimeException( 'WordPress is not installed in ' . self::CORE . ' (apt-get install -y --no-install-recommends wordpress; tools/install-deps.sh does it).' );
		}
		$dir = sys_get_temp_dir() . '/iotpay-wp-site-' . getmypid() . '-' . bin2hex( random_bytes( 3 ) );
		mkdir( $dir, 0755 );
		self::mirror( self::CORE, $dir, array( '.htaccess', 'wp-config.php', 'wp-content' ) );
		symlink( __DIR__ . '/wp-config.php', "$dir/wp-config.php" );
		foreach ( array( 'wp-content', 'wp-content/plugins', 'wp-content/themes', 'wp-content/mu-plugins', 'wp-content/uploads', 'wp-content/languages' ) as $sub ) {
			mkdir( "$dir/$sub", 0755 );
		}
		symlink( self::double_dir() . '/woocommerce', "$dir/wp-content/plugins/woocommerce" );
		symlink( __DIR__ . '/theme', "$dir/wp-content/themes/" . self::THEME );
		// Inert unless a process's environment names a drop-in (IOTPAY_TEST_DB_DROPIN): see db.php.
		symlink( __DIR__ . '/db.php', "$dir/wp-content/db.php" );
		return $dir;
	}

	/**
	 * $to gets a copy of $from's PHP files and links to its other entries;
	 * wp-admin/ is mirrored the same way.
	 *
	 * @param list<string> $skip Entries left out.
	 */
	private static function mirror( string $from, string $to, array $skip = array() ): void {
		foreach ( (array) scandir( $from ) as $entry ) {
			if ( in_array( $entry, array_merge( array( '.', '..' ), $skip ), true ) ) {
				continue;
			}
			if ( 'wp-admin' === $entry && self::CORE === $from ) {
				mkdir( "$to/$entry", 0755 );
				self::mirror( "$from/$entry", "$to/$entry" );
			} elseif ( is_file( "$from/$entry" ) && str_ends_with( $entry, '.php' ) ) {
				copy( "$from/$entry", "$to/$entry" );
			} else {
				symlink( "$from/$entry", "$to/$entry" );
			}
		}
	}

	/**
	 * Removes the site directory (links only; nothing they point to).
	 */
	public static function remove( string $dir ): void {
		if ( '' === $dir || ! is_dir( $dir ) || is_link( $dir ) ) {
			return;
		}
		$items = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( $dir, \FilesystemIterator::SKIP_DOTS ), \RecursiveIteratorIterator::CHILD_FIRST );
		foreach ( $items as $item ) {
			/** @var \SplFileInfo $item */
			if ( $item->isLink() || ! $item->isDir() ) {
				unlink( $item->getPathname() );
			} else {
				rmdir( $item->getPathname() );
			}
		}
		rmdir( $dir );
	}

	/**
	 * Links a plugin's folder into wp-content/plugins (if needed) and returns
	 * its basename ("folder/file.php"), as WordPress names active plugins.
	 */
	public static function link_plugin( string $file ): string {
		$real = realpath( $file );
		if ( false === $real ) {
			throw new \InvalidArgumentException( "Plugin file not found: $file" );
		}
		$folder = dirname( $real );
		$name   = basename( $folder );
		$link   = self::dir() . '/wp-content/plugins/' . $name;
		if ( is_link( $link ) ) {
			if ( realpath( $link ) !== $folder ) {
				throw new \RuntimeException( "wp-content/plugins/$name already links to " . realpath( $link ) );
			}
		} elseif ( ! @symlink( $folder, $link ) && realpath( $link ) !== $folder ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors -- another process may have made it.
			throw new \RuntimeException( "Cannot link $folder as wp-content/plugins/$name" );
		}
		return $name . '/' . basename( $real );
	}

	/* ---------------------------------------------------------------------
	 * Database
	 * ------------------------------------------------------------------ */

	public static function db(): \mysqli {
		if ( null === self::$db ) {
			mysqli_report( MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT );
			$socket = (string) getenv( 'IOTPAY_TEST_DB_SOCKET' );
			$host   = (string) getenv( 'IOTPAY_TEST_DB_HOST' );
			if ( '' === $socket && '' === $host ) {
				throw new \RuntimeException( 'Set IOTPAY_TEST_DB_SOCKET (or IOTPAY_TEST_DB_HOST); see wordpress-plugin/tests/README.md: eval "$(bash wordpress-plugin/tests/start-mariadb.sh)".' );
			}
			self::$db = new \mysqli(
				'' !== $socket ? 'localhost' : $host,
				getenv( 'IOTPAY_TEST_DB_USER' ) ?: 'iotpay',
				(string) getenv( 'IOTPAY_TEST_DB_PASSWORD' ),
				getenv( 'IOTPAY_TEST_DB_NAME' ) ?: 'iotpay_test',
				'' !== $socket ? 0 : (int) ( getenv( 'IOTPAY_TEST_DB_PORT' ) ?: 3306 ),
				'' !== $socket ? $socket : null
			);
			self::$db->set_charset( 'utf8mb4' );
			mysqli_report( MYSQLI_REPORT_OFF );
		}
		return self::$db;
	}

	/** @return list<string> tables whose name starts with $prefix */
	private static function tables( string $prefix ): array {
		$like = str_replace( array( '\\', '_', '%' ), array( '\\\\', '\\_', '\\%' ), $prefix ) . '%';
		$out  = array();
		$res  = self::query( "SHOW TABLES LIKE '" . self::db()->real_escape_string( $like ) . "'" );
		while ( $row = $res->fetch_row() ) {
			$out[] = (string) $row[0];
		}
		return $out;
	}

	/** @return \mysqli_result|bool */
	private static function query( string $sql ) {
		$result = self::db()->query( $sql );
		if ( false === $result ) {
			throw new \RuntimeException( 'Test site database: ' . self::db()->error . " ($sql)" );
		}
		return $result;
	}

	/** Drops the site's tables and their snapshot (before a fresh install). */
	public static function drop_tables(): void {
		foreach ( array_merge( self::tables( self::prefix() ), self::tables( self::SNAPSHOT . self::prefix() ) ) as $table ) {
			self::query( "DROP TABLE `$table`" );
		}
	}

	/** Copies every table of the installed site to its snapshot. */
	public static function take_snapshot(): void {
		foreach ( self::tables( self::SNAPSHOT . self::prefix() ) as $table ) {
			self::query( "DROP TABLE `$table`" );
		}
		foreach ( self::tables( self::prefix() ) as $table ) {
			$snap = self::SNAPSHOT . $table;
			self::query( "CREATE TABLE `$snap` LIKE `$table`" );
			self::query( "INSERT INTO `$snap` SELECT * FROM `$table`" );
		}
	}

	/**
	 * Puts the site back as it was right after installation: every table of
	 * the prefix gets the snapshot's rows back (tables created since — the
	 * plugin's own — are emptied, not dropped); then the active plugins and
	 * the site URL of this test are set.
	 *
	 * @param list<string> $active_plugins Plugin basenames (woocommerce/woocommerce.php is always active).
	 */
	public static function restore( array $active_plugins, ?string $home = null ): void {
		$snapshots = array_flip( self::tables( self::SNAPSHOT . self::prefix() ) );
		if ( ! $snapshots ) {
			throw new \RuntimeException( 'The test site has not been installed (no snapshot tables); run the tests through their PHPUnit bootstrap.' );
		}
		$sql = array();
		foreach ( self::tables( self::prefix() ) as $table ) {
			$sql[] = "DELETE FROM `$table`";
			if ( isset( $snapshots[ self::SNAPSHOT . $table ] ) ) {
				$sql[] = "INSERT INTO `$table` SELECT * FROM `" . self::SNAPSHOT . $table . '`';
			}
		}
		$options = self::prefix() . 'options';
		$plugins = array_values( array_unique( array_merge( array( 'woocommerce/woocommerce.php' ), $active_plugins ) ) );
		$sql[]   = "UPDATE `$options` SET option_value = '" . self::db()->real_escape_string( serialize( $plugins ) ) . "' WHERE option_name = 'active_plugins'";
		if ( null !== $home ) {
			$sql[] = "UPDATE `$options` SET option_value = '" . self::db()->real_escape_string( $home ) . "' WHERE option_name IN ('home', 'siteurl')";
		}
		self::multi( $sql );
	}

	/** @param list<string> $statements */
	private static function multi( array $statements ): void {
		$db = self::db();
		if ( ! $db->multi_query( implode( ";\n", $statements ) ) ) {
			throw new \RuntimeException( 'Test site database: ' . $db->error );
		}
		do {
			$result = $db->store_result();
			if ( $result instanceof \mysqli_result ) {
				$result->free();
			}
			if ( $db->errno ) {
				throw new \RuntimeException( 'Test site database: ' . $db->error );
			}
		} while ( $db->more_results() && $db->next_result() );
		if ( $db->errno ) {
			throw new \RuntimeException( 'Test site database: ' . $db->error );
		}
	}

	/* ---------------------------------------------------------------------
	 * Installation
	 * ------------------------------------------------------------------ */

	/**
	 * Once per test run (the PHPUnit process that has no IOTPAY_TEST_WP_DIR
	 * yet): makes the site directory, installs WordPress and WooCommerce (the
	 * double) with WordPress's installer in two PHP processes (install.php),
	 * exports IOTPAY_TEST_WP_DIR to every process started later (php -S
	 * workers, PHPUnit's isolated tests, fixtures) and removes the directory
	 * when the run ends.
	 */
	public static function ensure_installed(): void {
		$dir = self::dir();
		if ( '' !== $dir && is_file( $dir . '/.installed' ) ) {
			return;
		}
		$dir = self::create();
		putenv( 'IOTPAY_TEST_WP_DIR=' . $dir );
		$_ENV['IOTPAY_TEST_WP_DIR'] = $dir;
		$owner                      = getmypid();
		register_shutdown_function(
			static function () use ( $dir, $owner ): void {
				if ( getmypid() === $owner ) {
					self::remove( $dir );
				}
			}
		);
		foreach ( array( 'core', 'woocommerce' ) as $phase ) {
			$out  = array();
			$code = 0;
			exec( escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( __DIR__ . '/install.php' ) . ' ' . $phase . ' 2>&1', $out, $code );
			if ( 0 !== $code ) {
				throw new \RuntimeException( "Installing the test site ($phase) failed:\n" . implode( "\n", $out ) );
			}
		}
		touch( $dir . '/.installed' );
	}
}
