<?php

declare(strict_types=1);

namespace IotPay\Tests\Support;

/**
 * Starts the real iotpay-sandbox binary on free loopback ports (HTTP and
 * HTTPS with its own CA) and stops it at exit. One instance per test run.
 */
final class Sandbox
{
    public const MCH_ID = '10000701';
    public const KEY = 'test_merchant_key';
    public const LOGIN = 'jack123';
    /** A second merchant account at the same sandbox (a shop's live account beside its test one). */
    public const MCH_ID_2 = '10000702';
    public const KEY_2 = 'second_merchant_key';
    public const LOGIN_2 = 'jill456';
    /** The SUNBAY Nexus account the sandbox serves by default (sandbox/src/config.rs). */
    public const SUNBAY_APP_ID = 'app_sandbox';
    public const SUNBAY_MERCHANT_ID = 'M1260231004';
    public const SUNBAY_API_KEY = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';
    public const SUNBAY_WEBHOOK_SECRET = 'test_webhook_secret';

    private static ?self $instance = null;

    /** @var resource */
    private $process;
    public string $http;
    public string $https;
    public string $caFile;
    private string $dir;

    public static function get(): self
    {
        return self::$instance ??= new self();
    }

    private function __construct()
    {
        $bin = getenv('IOTPAY_SANDBOX_BIN') ?: dirname(__DIR__, 3) . '/target/release/iotpay-sandbox';
        if (!is_executable($bin)) {
            throw new \RuntimeException("sandbox binary not found at $bin (run `make`)");
        }
        $this->dir = sys_get_temp_dir() . '/iotpay-sandbox-' . getmypid() . '-' . bin2hex(random_bytes(4));
        mkdir($this->dir);
        $ready = $this->dir . '/ready.json';
        $this->caFile = $this->dir . '/ca.pem';
        $cmd = [
            $bin,
            '--http', '127.0.0.1:0',
            '--https', '127.0.0.1:0',
            '--ca-out', $this->caFile,
            '--ready-file', $ready,
            '--notify-backoff-ms', '50',
            '--seed', '7',
            '--merchant', self::MCH_ID . ':' . self::KEY . ':' . self::LOGIN,
            '--merchant', self::MCH_ID_2 . ':' . self::KEY_2 . ':' . self::LOGIN_2,
        ];
        $log = fopen($this->dir . '/sandbox.log', 'w');
        $this->process = proc_open($cmd, [0 => ['pipe', 'r'], 1 => $log, 2 => $log], $pipes);
        if (!is_resource($this->process)) {
            throw new \RuntimeException('cannot start sandbox');
        }
        $deadline = microtime(true) + 20;
        while (!is_file($ready) && microtime(true) < $deadline) {
            usleep(20_000);
        }
        $info = is_file($ready) ? json_decode((string) file_get_contents($ready), true) : null;
        if (!is_array($info) || empty($info['http']) || empty($info['https'])) {
            throw new \RuntimeException('sandbox did not become ready: ' . @file_get_contents($this->dir . '/sandbox.log'));
        }
        $this->http = rtrim($info['http'], '/');
        $this->https = rtrim($info['https'], '/');
        register_shutdown_function(function (): void {
            $this->stop();
        });
    }

    public function stop(): void
    {
        if (is_resource($this->process)) {
            proc_terminate($this->process);
            proc_close($this->process);
        }
    }

    /** @param array<string,mixed> $extra */
    public function config(bool $tls = false, array $extra = []): \IotPay\Config
    {
        $opts = [
            'mchId' => self::MCH_ID,
            'key' => self::KEY,
            'loginName' => self::LOGIN,
            'baseUrl' => ($tls ? $this->https : $this->http) . '/v1/',
            'ccBaseUrl' => ($tls ? $this->https : $this->http) . '/v3/',
            'autodebitBaseUrl' => ($tls ? $this->https : $this->http) . '/contract/',
            'connectTimeoutMs' => 2000,
            'timeoutMs' => 5000,
        ];
        if ($tls) {
            $opts['caFile'] = $this->caFile;
        }
        return new \IotPay\Config($extra + $opts);
    }

    /** @param array<string,mixed> $extra */
    public function sunbayConfig(bool $tls = false, array $extra = []): \IotPay\Sunbay\Config
    {
        $opts = [
            'appId' => self::SUNBAY_APP_ID,
            'merchantId' => self::SUNBAY_MERCHANT_ID,
            'apiKey' => self::SUNBAY_API_KEY,
            'webhookSecret' => self::SUNBAY_WEBHOOK_SECRET,
            'baseUrl' => $tls ? $this->https : $this->http,
            'connectTimeoutMs' => 2000,
            'timeoutMs' => 5000,
        ];
        if ($tls) {
            $opts['caFile'] = $this->caFile;
        }
        return new \IotPay\Sunbay\Config($extra + $opts);
    }

    /**
     * Pays (`pay`), declines (`decline`) or cancels (`cancel`) a SUNBAY
     * hosted-page session on the admin API, as the shopper would on the page.
     *
     * @return array<string,mixed> the session as the sandbox shows it
     */
    public function sunbaySession(string $sessionId, string $action): array
    {
        return $this->admin('POST', '/admin/sunbay/sessions/' . rawurlencode($sessionId) . '/' . $action);
    }

    /**
     * Calls the sandbox's admin API with PHP's own HTTP client.
     *
     * @return array<string,mixed>
     */
    public function admin(string $method, string $path, ?array $body = null): array
    {
        $ctx = stream_context_create(['http' => [
            'method' => $method,
            'header' => "Content-Type: application/json\r\n",
            'content' => $body === null ? '' : json_encode($body),
            'ignore_errors' => true,
            'timeout' => 10,
        ]]);
        $raw = file_get_contents($this->http . $path, false, $ctx);
        $status = 0;
        foreach ($http_response_header ?? [] as $h) {
            if (preg_match('#^HTTP/\S+ (\d+)#', $h, $m)) {
                $status = (int) $m[1];
            }
        }
        if ($status >= 400) {
            throw new \RuntimeException("admin $method $path -> $status: $raw");
        }
        $data = json_decode((string) $raw, true);
        return is_array($data) ? $data : [];
    }

    public function setFaults(array $faults): void
    {
        $this->admin('POST', '/admin/faults', $faults);
    }

    public function clearFaults(): void
    {
        $this->admin('DELETE', '/admin/faults');
    }

    public function pay(string $payOrderId): void
    {
        $this->admin('POST', '/admin/orders/' . rawurlencode($payOrderId) . '/pay');
    }

    public function cancel(string $payOrderId): void
    {
        $this->admin('POST', '/admin/orders/' . rawurlencode($payOrderId) . '/cancel');
    }

    /**
     * Submits one of the sandbox's HTML forms (the hosted card page's Pay,
     * the add-card page) as a browser would, without following the redirect.
     *
     * @param array<string,string> $form
     * @return array{status: int, location: ?string}
     */
    public function submitPage(string $url, array $form = []): array
    {
        $ctx = stream_context_create(['http' => [
            'method' => 'POST',
            'header' => "Content-Type: application/x-www-form-urlencoded\r\n",
            'content' => http_build_query($form),
            'ignore_errors' => true,
            'follow_location' => 0,
            'timeout' => 10,
        ]]);
        file_get_contents($url, false, $ctx);
        $status = 0;
        $location = null;
        foreach ($http_response_header ?? [] as $h) {
            if (preg_match('#^HTTP/\S+ (\d+)#', $h, $m)) {
                $status = (int) $m[1];
            } elseif (stripos($h, 'Location:') === 0) {
                $location = trim(substr($h, 9));
            }
        }
        return ['status' => $status, 'location' => $location];
    }

    /**
     * How many requests the sandbox has received at an API endpoint
     * (`contract`, `contract_create_order`, `create_order`, ...), whatever
     * their outcome: the proof that a refused call never left the extension.
     */
    public function requestCount(string $endpoint): int
    {
        $counts = $this->admin('GET', '/admin/requests')['counts'] ?? [];
        return (int) ($counts[$endpoint] ?? 0);
    }

    /** Signs (2) or terminates (9) a contract as the payer would; the sandbox sends the callback. */
    public function setContract(string $iotpayContractId, string $action): array
    {
        return $this->admin('POST', '/admin/contracts/' . rawurlencode($iotpayContractId) . '/' . $action);
    }

    public function log(): string
    {
        return (string) @file_get_contents($this->dir . '/sandbox.log');
    }

    /** Sends a raw POST to a sandbox endpoint (for protocol checks the client refuses to make). */
    public function rawPost(string $path, string $body, string $method = 'POST'): array
    {
        $ctx = stream_context_create(['http' => [
            'method' => $method,
            'header' => "Content-Type: application/x-www-form-urlencoded\r\n",
            'content' => $body,
            'ignore_errors' => true,
            'timeout' => 10,
        ]]);
        $raw = file_get_contents($this->http . $path, false, $ctx);
        return json_decode((string) $raw, true) ?? ['raw' => $raw];
    }

    public static function orderNo(string $prefix = 'T'): string
    {
        return $prefix . bin2hex(random_bytes(8));
    }
}
