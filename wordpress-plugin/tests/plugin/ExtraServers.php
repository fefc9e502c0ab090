<?php
/**
 * Extra `php -S` processes a test needs besides the shop: a fake IOTPay in
 * front of the sandbox, or the shop served by a PHP without the extension.
 * Stopped at the end of each test.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

trait ExtraServers {

	/** @var list<resource> */
	private array $extra_servers = array();

	/**
	 * Starts `php -S` on a free loopback port with `$router`; returns its base URL.
	 *
	 * @param array<string, string> $env Added to this process's environment.
	 */
	protected function start_extra_server( string $router, array $env = array(), int $workers = 2 ): string {
		$port = self::freeLoopbackPort();
		$url  = 'http://127.0.0.1:' . $port;
		$all  = array_merge( getenv(), array( 'PHP_CLI_SERVER_WORKERS' => (string) $workers ), $env );
		foreach ( $all as $k => $v ) {
			$all[ $k ] = str_replace( '{url}', $url, (string) $v );
		}
		$log  = sys_get_temp_dir() . '/iotpay-extra-server-' . $port . '.log';
		$proc = proc_open( array( 'setsid', PHP_BINARY, '-d', 'variables_order=EGPCS', '-S', '127.0.0.1:' . $port, $router ), array( 0 => array( 'file', '/dev/null', 'r' ), 1 => array( 'file', $log, 'a' ), 2 => array( 'file', $log, 'a' ) ), $pipes, dirname( __DIR__, 2 ), $all );
		$this->assertIsResource( $proc, 'cannot start php -S' );
		$this->extra_servers[] = $proc;
		if ( self::waitForPort( $port, 10.0 ) ) {
			return $url;
		}
		$this->fail( "php -S $router did not start: " . @file_get_contents( $log ) );
	}

	protected function stop_extra_servers(): void {
		foreach ( $this->extra_servers as $proc ) {
			if ( is_resource( $proc ) ) {
				$status = proc_get_status( $proc );
				if ( $status['running'] && function_exists( 'posix_kill' ) ) {
					posix_kill( -$status['pid'], 15 );
					posix_kill( $status['pid'], 15 );
				}
				proc_close( $proc );
			}
		}
		$this->extra_servers = array();
	}

	/** The system's ini scan directory, without this build's iotpay extension. */
	protected static function ini_dir_without_extension(): string {
		return (string) shell_exec( 'php -n -r "echo PHP_CONFIG_FILE_SCAN_DIR;"' );
	}
}
