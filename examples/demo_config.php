<?php
// The sandbox's documented default test merchant; no real credentials.
declare(strict_types=1);

/** @param array<string, mixed> $over settings that differ, e.g. a shorter timeoutMs */
function demo_config(array $over = []): IotPay\Config
{
    return new IotPay\Config($over + [
        'mchId' => '10000701',
        'key' => 'test_merchant_key',
        'loginName' => 'jack123',
        'baseUrl' => (getenv('IOTPAY_SANDBOX_URL') ?: 'http://127.0.0.1:8580') . '/v1/',
        'ccBaseUrl' => (getenv('IOTPAY_SANDBOX_URL') ?: 'http://127.0.0.1:8580') . '/v3/',
        'autodebitBaseUrl' => (getenv('IOTPAY_SANDBOX_URL') ?: 'http://127.0.0.1:8580') . '/contract/',
        'timeoutMs' => 10000,
    ]);
}

function step(string $title): void
{
    echo "\n== $title\n";
}

/** Waits for the demo notify endpoint to record a notification for $mchOrderNo. */
function wait_for_notification(string $mchOrderNo, float $seconds = 15.0, string $key = 'mchOrderNo'): ?array
{
    $deadline = microtime(true) + $seconds;
    $inbox = (string) getenv('IOTPAY_DEMO_INBOX');
    do {
        foreach (is_file($inbox) ? file($inbox, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) : [] as $line) {
            $r = json_decode($line, true);
            if (($r[$key] ?? null) === $mchOrderNo) {
                return $r;
            }
        }
        usleep(100_000);
    } while (microtime(true) < $deadline);
    return null;
}

/**
 * Presses a button of one of the sandbox's pages (stands in for the customer's browser),
 * sending $form as the page's fields; answers where the page sends the browser next.
 */
function sandbox_page_post(string $url, array $form = []): ?string
{
    $ctx = stream_context_create(['http' => ['method' => 'POST', 'ignore_errors' => true, 'follow_location' => 0, 'timeout' => 10,
        'header' => "Content-Type: application/x-www-form-urlencoded\r\n", 'content' => http_build_query($form)]]);
    file_get_contents($url, false, $ctx);
    foreach ($http_response_header ?? [] as $h) {
        if (stripos($h, 'Location:') === 0) {
            return trim(substr($h, 9));
        }
    }
    return null;
}

/** Calls the sandbox's admin API (stands in for the customer's wallet or bank, or arranges a fault). */
function sandbox_admin(string $method, string $path, ?array $body = null): array
{
    $ctx = stream_context_create(['http' => ['method' => $method, 'ignore_errors' => true, 'timeout' => 10,
        'header' => "Content-Type: application/json\r\n", 'content' => $body === null ? '' : json_encode($body)]]);
    $raw = file_get_contents((getenv('IOTPAY_SANDBOX_URL') ?: '') . $path, false, $ctx);
    return json_decode((string) $raw, true) ?: [];
}
