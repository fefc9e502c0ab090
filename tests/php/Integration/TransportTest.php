<?php

declare(strict_types=1);

namespace IotPay\Tests\Integration;

use IotPay\Client;
use IotPay\Debug;
use IotPay\Exception\GatewayException;
use IotPay\Tests\Support\Sandbox;
use PHPUnit\Framework\TestCase;

/** The runtime and HTTP client are per process, lazy, reused, and rebuilt after fork. */
final class TransportTest extends TestCase
{
    private function touch(Client $c): void
    {
        try {
            $c->queryOrderByMchOrderNo('NOPE1');
        } catch (GatewayException $e) {
            self::assertSame('0112', $e->getProviderCode());
        }
    }

    public function testReusedAcrossCallsAndClients(): void
    {
        $sb = Sandbox::get();
        $this->touch(new Client($sb->config(true)));
        $s0 = Debug::transportStats();
        for ($i = 0; $i < 20; $i++) {
            $this->touch(new Client($sb->config(true)));
        }
        $s1 = Debug::transportStats();
        self::assertTrue($s1['initialised']);
        self::assertSame($s0['runtimesBuilt'], $s1['runtimesBuilt']);
        self::assertSame($s0['clientsBuilt'], $s1['clientsBuilt']);
        self::assertSame($s0['requests'] + 20, $s1['requests']);
        self::assertSame($s0['connectionsOpened'], $s1['connectionsOpened'], 'the kept-alive connection was not reused');
    }

    public function testNothingIsBuiltAtModuleLoad(): void
    {
        $out = shell_exec(escapeshellarg(PHP_BINARY) . ' -n -d extension=' . escapeshellarg((string) getenv('IOTPAY_EXTENSION'))
            . ' -r ' . escapeshellarg('echo json_encode(IotPay\Debug::transportStats());'));
        $s = json_decode((string) $out, true);
        self::assertFalse($s['initialised']);
        self::assertSame(0, $s['runtimesBuilt']);
        self::assertSame(0, $s['clientsBuilt']);
    }

    public function testForkedChildBuildsItsOwnRuntime(): void
    {
        if (!function_exists('pcntl_fork')) {
            self::markTestSkipped('pcntl not available');
        }
        $sb = Sandbox::get();
        $this->touch(new Client($sb->config()));
        $parent = Debug::transportStats();
        $file = tempnam(sys_get_temp_dir(), 'fork');
        $pid = pcntl_fork();
        if ($pid === 0) {
            $before = Debug::transportStats();
            try {
                (new Client($sb->config()))->queryOrderByMchOrderNo('NOPE1');
                $ok = 'no-exception';
            } catch (GatewayException $e) {
                $ok = $e->getProviderCode();
            } catch (\Throwable $e) {
                $ok = get_class($e) . ': ' . $e->getMessage();
            }
            file_put_contents($file, json_encode(['before' => $before, 'after' => Debug::transportStats(), 'result' => $ok]));
            posix_kill(getmypid(), SIGKILL); // leave without running the parent's shutdown handlers
        }
        pcntl_waitpid($pid, $status);
        $child = json_decode((string) file_get_contents($file), true);
        unlink($file);
        self::assertFalse($child['before']['initialised'], 'the child must not use the parent runtime');
        self::assertSame('0112', $child['result']);
        self::assertSame($parent['runtimesBuilt'] + 1, $child['after']['runtimesBuilt']);
        self::assertNotSame($parent['pid'], $child['after']['pid']);
        // The parent still works with its own runtime.
        $this->touch(new Client($sb->config()));
        self::assertSame($parent['runtimesBuilt'], Debug::transportStats()['runtimesBuilt']);
    }
}
