<?php
// B6 (SUNBAY webhook verification from PHP): the native IotPay\Sunbay\Webhook::verify
// vs a pure-PHP verifier of the same readings (D44: X-Signature or X-Sunbay-Signature,
// lowercase hex, uppercase hex or base64 of HMAC-SHA256 over the raw body, a 13-digit
// X-Timestamp within 5 minutes, then the JSON body), at three body sizes, measured
// side by side in one run. The native side borrows the body from PHP's string
// (BinarySlice) rather than copying it. A benchmark, not a test.
declare(strict_types=1);

require __DIR__ . '/lib/best_of.php';

const SECRET = 'test_webhook_secret';
const NOW = 1701234567890;

/** What a PHP SDK would write: the same checks, PHP's hash_hmac and hash_equals. */
function php_reference_verify(string $body, array $headers, string $secret, int $now): array
{
    $h = [];
    foreach ($headers as $k => $v) {
        if (is_string($k) && is_string($v)) {
            $k = str_replace('_', '-', strtolower($k));
            $h[str_starts_with($k, 'http-') ? substr($k, 5) : $k] = $v;
        }
    }
    $given = trim($h['x-signature'] ?? $h['x-sunbay-signature'] ?? '');
    if (0 === strncasecmp($given, 'sha256=', 7)) {
        $given = substr($given, 7);
    }
    $mac = hash_hmac('sha256', $body, $secret, true);
    $hex = bin2hex($mac);
    $ok = hash_equals($hex, $given) | hash_equals(strtoupper($hex), $given) | hash_equals(base64_encode($mac), $given);
    if (!$ok) {
        throw new RuntimeException('signature does not verify');
    }
    $ts = trim($h['x-timestamp'] ?? '');
    if (13 !== strlen($ts) || !ctype_digit($ts) || abs($now - (int) $ts) > 300000) {
        throw new RuntimeException('stale or missing timestamp');
    }
    $event = json_decode($body, true, 512, JSON_THROW_ON_ERROR);
    if (!is_array($event)) {
        throw new RuntimeException('not a JSON object');
    }
    return $event;
}

/** A webhook body of about $size bytes: the spec's event, padded with a description. */
function body_of(int $size): string
{
    $event = [
        'transactionId' => 'TXN20231119001', 'transactionRequestId' => 'WC-1234-A1', 'referenceOrderId' => 'WC-1234',
        'transactionType' => 'SALE', 'transactionStatus' => 'S', 'amount' => ['orderAmount' => 10.5, 'priceCurrency' => 'CAD'],
        'description' => '',
    ];
    $base = strlen(json_encode($event));
    $event['description'] = str_repeat('x', max(0, $size - $base));
    return json_encode($event);
}


$config = new IotPay\Sunbay\Config([
    'appId' => 'app', 'merchantId' => 'M1', 'apiKey' => 'k', 'webhookSecret' => SECRET,
]);
$n = (int) ($argv[1] ?? 100000);
$rounds = 5;
printf("PHP %s, load %s, %d calls x %d rounds (best round)\n", PHP_VERSION, implode(' ', array_map(fn ($l) => sprintf('%.2f', $l), sys_getloadavg())), $n, $rounds);
printf("%-28s %10s %12s %12s %10s\n", 'body', 'PHP ns/op', 'native ns/op', 'PHP/native', 'HMAC ns');
foreach ([400, 8 * 1024, 60 * 1024] as $size) {
    $body = body_of($size);
    $headers = [
        'HTTP_X_SIGNATURE' => base64_encode(hash_hmac('sha256', $body, SECRET, true)),
        'HTTP_X_TIMESTAMP' => (string) NOW,
        'HTTP_X_CLIENT_REQUEST_ID' => '550e8400-e29b-41d4-a716-446655440000',
        'REQUEST_METHOD' => 'POST', 0 => 'argv',
    ];
    // Both must accept the same signed body, and both refuse it once altered.
    $event = IotPay\Sunbay\Webhook::verify($body, $headers, $config, NOW);
    $ref = php_reference_verify($body, $headers, SECRET, NOW);
    if ('TXN20231119001' !== $event->getTransactionId() || 'TXN20231119001' !== $ref['transactionId']) {
        fwrite(STDERR, "verifiers disagree on a valid webhook\n");
        exit(1);
    }
    $altered = substr_replace($body, 'y', -3, 1);
    foreach ([fn () => IotPay\Sunbay\Webhook::verify($altered, $headers, $config, NOW), fn () => php_reference_verify($altered, $headers, SECRET, NOW)] as $f) {
        try {
            $f();
            fwrite(STDERR, "an altered body was accepted\n");
            exit(1);
        } catch (Throwable) {
        }
    }
    $k = max(1, intdiv($n * 400, max(400, strlen($body))));
    $p = bench(fn () => php_reference_verify($body, $headers, SECRET, NOW), $k, $rounds);
    $r = bench(fn () => IotPay\Sunbay\Webhook::verify($body, $headers, $config, NOW), $k, $rounds);
    $mac = bench(fn () => hash_hmac('sha256', $body, SECRET, true), $k, $rounds);
    printf("%-28s %10.0f %12.0f %11.2fx %10.0f\n", sprintf('%d bytes', strlen($body)), $p, $r, $p / $r, $mac);
}
