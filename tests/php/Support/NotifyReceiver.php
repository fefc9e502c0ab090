<?php

declare(strict_types=1);

namespace IotPay\Tests\Support;

/**
 * A real PHP web server (php -S) that receives IOTPay notifications, verifies
 * them with the extension and records what it saw in a file.
 */
final class NotifyReceiver
{
    /** @var resource */
    private $process;
    public string $url;
    /** The same receiver's endpoint for Credit Card V3 (JSON) notifications. */
    public string $cardUrl;
    /** The same receiver's endpoint for Autodebit contract callbacks. */
    public string $contractUrl;
    /** The same receiver's endpoint for SUNBAY webhooks. */
    public string $sunbayUrl;
    private string $dir;

    public function __construct(string $mode = 'ack')
    {
        $this->dir = sys_get_temp_dir() . '/iotpay-notify-' . bin2hex(random_bytes(6));
        mkdir($this->dir);
        file_put_contents($this->dir . '/mode', $mode);
        $port = self::freePort();
        $router = __DIR__ . '/notify_router.php';
        $ext = (string) getenv('IOTPAY_EXTENSION');
        $cmd = [PHP_BINARY, '-n', '-d', 'extension=' . $ext, '-S', "127.0.0.1:$port", $router];
        $env = getenv() + ['IOTPAY_NOTIFY_DIR' => $this->dir, 'IOTPAY_KEY' => Sandbox::KEY, 'IOTPAY_MCH_ID' => Sandbox::MCH_ID,
            'IOTPAY_SUNBAY_WEBHOOK_SECRET' => Sandbox::SUNBAY_WEBHOOK_SECRET];
        $log = fopen($this->dir . '/server.log', 'w');
        $this->process = proc_open($cmd, [0 => ['pipe', 'r'], 1 => $log, 2 => $log], $pipes, null, $env);
        $this->url = "http://127.0.0.1:$port/notify";
        $this->cardUrl = "http://127.0.0.1:$port/card-notify";
        $this->contractUrl = "http://127.0.0.1:$port/contract-notify";
        $this->sunbayUrl = "http://127.0.0.1:$port/sunbay-notify";
        $deadline = microtime(true) + 10;
        while (microtime(true) < $deadline) {
            $s = @fsockopen('127.0.0.1', $port, $errno, $errstr, 0.2);
            if ($s) {
                fclose($s);
                return;
            }
            usleep(20_000);
        }
        throw new \RuntimeException('notify receiver did not start');
    }

    public static function freePort(): int
    {
        $s = stream_socket_server('tcp://127.0.0.1:0');
        $name = stream_socket_get_name($s, false);
        fclose($s);
        return (int) substr((string) strrchr((string) $name, ':'), 1);
    }

    /** @return list<array<string,mixed>> */
    public function received(): array
    {
        $f = $this->dir . '/received.jsonl';
        if (!is_file($f)) {
            return [];
        }
        $out = [];
        foreach (file($f, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) ?: [] as $line) {
            $out[] = json_decode($line, true);
        }
        return $out;
    }

    /** Waits until `$n` notifications arrived. */
    public function waitFor(int $n, float $seconds = 10.0): array
    {
        $deadline = microtime(true) + $seconds;
        do {
            $r = $this->received();
            if (count($r) >= $n) {
                return $r;
            }
            usleep(50_000);
        } while (microtime(true) < $deadline);
        return $this->received();
    }

    public function stop(): void
    {
        if (is_resource($this->process)) {
            proc_terminate($this->process);
            proc_close($this->process);
        }
    }

    public function __destruct()
    {
        $this->stop();
    }
}
