<?php

declare(strict_types=1);

namespace IotPay\Tests\Support;

/**
 * A minimal W3C WebDriver client over curl, driving Debian's headless
 * Chromium through chromedriver: enough to open a page, click, read the URL
 * and take screenshots.
 */
final class WebDriver
{
    /** @var resource */
    private $driver;
    private string $base;
    private string $session;
    private string $profile;
    private ?string $acceptLanguage;

    public static function available(): bool
    {
        return is_executable(self::chromedriver()) && is_executable(self::chromium());
    }

    private static function chromedriver(): string
    {
        return getenv('CHROMEDRIVER') ?: '/usr/bin/chromedriver';
    }

    private static function chromium(): string
    {
        return getenv('CHROMIUM') ?: '/usr/bin/chromium';
    }

    /** @param string|null $acceptLanguage the browser's languages (Accept-Language), e.g. "zh-CN,zh" */
    public function __construct(?string $acceptLanguage = null)
    {
        $this->acceptLanguage = $acceptLanguage;
        $port = NotifyReceiver::freePort();
        $this->driver = proc_open([self::chromedriver(), "--port=$port"], [0 => ['pipe', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
        $this->base = "http://127.0.0.1:$port";
        $deadline = microtime(true) + 15;
        while (microtime(true) < $deadline) {
            $s = @fsockopen('127.0.0.1', $port, $e, $es, 0.2);
            if ($s) {
                fclose($s);
                break;
            }
            usleep(50_000);
        }
        $this->profile = sys_get_temp_dir() . '/iotpay-chromium-' . bin2hex(random_bytes(4));
        $r = $this->call('POST', '/session', ['capabilities' => ['alwaysMatch' => [
            'browserName' => 'chrome',
            'goog:chromeOptions' => [
                'binary' => self::chromium(),
                'args' => ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                    '--disable-quic', '--no-first-run', '--disable-background-networking',
                    '--disable-component-update', '--disable-sync', '--window-size=800,700',
                    '--user-data-dir=' . $this->profile],
            ] + ($acceptLanguage !== null ? ['prefs' => ['intl.accept_languages' => $acceptLanguage]] : []),
        ]]]);
        $this->session = (string) ($r['value']['sessionId'] ?? '');
        if ($this->session === '') {
            throw new \RuntimeException('cannot start a browser session: ' . json_encode($r));
        }
    }

    /** @return array<string,mixed> */
    private function call(string $method, string $path, array|object|null $body = null): array
    {
        $ch = curl_init($this->base . $path);
        curl_setopt_array($ch, [
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_TIMEOUT => 60,
            CURLOPT_HTTPHEADER => ['Content-Type: application/json'],
        ]);
        if ($body !== null) {
            curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($body));
        }
        $raw = curl_exec($ch);
        curl_close($ch);
        $data = json_decode((string) $raw, true);
        return is_array($data) ? $data : [];
    }

    private function s(string $path): string
    {
        return '/session/' . $this->session . $path;
    }

    public function open(string $url): void
    {
        $this->call('POST', $this->s('/url'), ['url' => $url]);
    }

    public function url(): string
    {
        return (string) ($this->call('GET', $this->s('/url'))['value'] ?? '');
    }

    public function text(string $css): string
    {
        $id = $this->find($css);
        return (string) ($this->call('GET', $this->s("/element/$id/text"))['value'] ?? '');
    }

    public function click(string $css): void
    {
        $id = $this->find($css);
        // WebDriver wants a JSON object here; [] would encode as a list.
        $r = $this->call('POST', $this->s("/element/$id/click"), new \stdClass());
        if (isset($r['value']['error'])) {
            throw new \RuntimeException("click on $css failed: " . json_encode($r));
        }
    }

    /** Sets a cookie for the current page's site (W3C Add Cookie): open a page of that site first. */
    public function addCookie(string $name, string $value): void
    {
        $this->call('POST', $this->s('/cookie'), ['cookie' => ['name' => $name, 'value' => $value, 'path' => '/']]);
    }

    /** Types text into an element, key by key (W3C Element Send Keys). */
    public function type(string $css, string $text): void
    {
        $id = $this->find($css);
        $r = $this->call('POST', $this->s("/element/$id/value"), ['text' => $text]);
        if (isset($r['value']['error'])) {
            throw new \RuntimeException("typing into $css failed: " . json_encode($r));
        }
    }

    private function find(string $css): string
    {
        $r = $this->call('POST', $this->s('/element'), ['using' => 'css selector', 'value' => $css]);
        $el = $r['value'] ?? [];
        $id = is_array($el) ? (string) (reset($el) ?: '') : '';
        if ($id === '' || isset($el['error'])) {
            throw new \RuntimeException("no element $css: " . json_encode($r));
        }
        return $id;
    }

    public function screenshot(string $file): void
    {
        $png = base64_decode((string) ($this->call('GET', $this->s('/screenshot'))['value'] ?? ''), true);
        if ($png !== false && $png !== '') {
            @mkdir(dirname($file), 0777, true);
            file_put_contents($file, $png);
        }
    }

    /** Resizes the window (W3C Set Window Rect). */
    public function resize(int $width, int $height): void
    {
        $this->call('POST', $this->s('/window/rect'), ['width' => $width, 'height' => $height]);
    }

    /** Runs a script in the page (W3C Execute Script) and returns its value. */
    public function execute(string $script, array $args = []): mixed
    {
        return $this->call('POST', $this->s('/execute/sync'), ['script' => $script, 'args' => $args])['value'] ?? null;
    }

    /**
     * Emulates a phone: viewport, touch/mobile flag and user agent, through
     * chromedriver's Chrome DevTools bridge (goog/cdp/execute).
     */
    public function emulatePhone(string $userAgent, int $width = 390, int $height = 844): void
    {
        $this->call('POST', $this->s('/goog/cdp/execute'), ['cmd' => 'Network.setUserAgentOverride', 'params' => ['userAgent' => $userAgent]
            + ($this->acceptLanguage !== null ? ['acceptLanguage' => $this->acceptLanguage] : [])]);
        $this->call('POST', $this->s('/goog/cdp/execute'), ['cmd' => 'Emulation.setDeviceMetricsOverride', 'params' => [
            'width' => $width, 'height' => $height, 'deviceScaleFactor' => 2, 'mobile' => true,
        ]]);
    }

    /**
     * Makes the browser fail every request whose URL matches one of the
     * patterns (`*` wildcards), as a blocked or unreachable host would
     * (Chrome DevTools Network.setBlockedURLs).
     *
     * @param list<string> $patterns
     */
    public function blockUrls(array $patterns): void
    {
        $this->call('POST', $this->s('/goog/cdp/execute'), ['cmd' => 'Network.enable', 'params' => new \stdClass()]);
        $this->call('POST', $this->s('/goog/cdp/execute'), ['cmd' => 'Network.setBlockedURLs', 'params' => ['urls' => $patterns]]);
    }

    /** A screenshot of the whole page, not just the viewport (Chrome DevTools Page.captureScreenshot). */
    public function screenshotFullPage(string $file): void
    {
        $r = $this->call('POST', $this->s('/goog/cdp/execute'), ['cmd' => 'Page.captureScreenshot', 'params' => ['format' => 'png', 'captureBeyondViewport' => true]]);
        $png = base64_decode((string) ($r['value']['data'] ?? ''), true);
        if ($png !== false && $png !== '') {
            @mkdir(dirname($file), 0777, true);
            file_put_contents($file, $png);
        }
    }

    public function title(): string
    {
        return (string) ($this->call('GET', $this->s('/title'))['value'] ?? '');
    }

    public function waitForUrl(callable $ok, float $seconds = 10.0): string
    {
        $deadline = microtime(true) + $seconds;
        do {
            $u = $this->url();
            if ($ok($u)) {
                return $u;
            }
            usleep(100_000);
        } while (microtime(true) < $deadline);
        return $this->url();
    }

    public function quit(): void
    {
        if (isset($this->session) && $this->session !== '') {
            $this->call('DELETE', $this->s(''));
            $this->session = '';
        }
        if (is_resource($this->driver)) {
            proc_terminate($this->driver);
            proc_close($this->driver);
        }
        if (is_dir($this->profile)) {
            exec('rm -rf ' . escapeshellarg($this->profile));
        }
    }

    public function __destruct()
    {
        $this->quit();
    }
}
