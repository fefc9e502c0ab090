<?php
// B2's four ways to make one create_order call over HTTPS (TLS verified),
// shared by the CLI loop (b2/cli.php) and the php-fpm pages (fpm/www/).
// The three PHP peers sign and verify in PHP (php_reference_signer.php, as
// PHP SDKs do); the extension does it natively. Each returns whether the
// answer was a verified SUCCESS.
declare(strict_types=1);

require_once dirname(__DIR__) . '/php_reference_signer.php';

const B2_KEY = 'test_merchant_key';

/** The same order every variant sends (a new mchOrderNo each time). */
function b2_order(string $prefix): array
{
    return [
        'mchOrderNo' => $prefix . getmypid() . bin2hex(random_bytes(6)), 'channelId' => 'WX_NATIVE', 'currency' => 'CAD',
        'amount' => 1234, 'clientIp' => '203.0.113.9', 'device' => 'WEB', 'notifyUrl' => 'http://127.0.0.1:9/notify',
        'subject' => 'Bench order', 'body' => 'Bench body',
    ];
}

/** The form body a PHP SDK posts: params=<signed JSON>. */
function b2_php_body(string $prefix): string
{
    $p = ['mchId' => '10000701'] + b2_order($prefix) + ['extra' => json_encode(['productId' => 'B1']), 'jobNo' => 'jack123'];
    $p['sign'] = php_reference_sign($p, B2_KEY);
    return http_build_query(['params' => json_encode($p)]);
}

/** Reads an answer as a PHP SDK does: JSON, SUCCESS, signature verified. */
function b2_php_answer_ok(string $raw): bool
{
    $r = json_decode($raw, true);
    if (!is_array($r) || ($r['retCode'] ?? '') !== 'SUCCESS' || ($r['resCode'] ?? '') !== 'SUCCESS') {
        return false;
    }
    $flat = [];
    foreach ($r as $k => $v) {
        $flat[$k] = is_array($v) ? json_encode($v, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) : (is_bool($v) ? ($v ? 'true' : 'false') : $v);
    }
    return php_reference_verify($flat, B2_KEY);
}

/** (a) and (b): PHP curl on the given handle (reused, or new per call). */
function b2_curl_call(\CurlHandle $ch, string $https, string $ca): bool
{
    curl_setopt_array($ch, [
        CURLOPT_URL => "$https/v1/create_order",
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => b2_php_body('BC'),
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_CAINFO => $ca,
        CURLOPT_SSL_VERIFYPEER => true,
        CURLOPT_SSL_VERIFYHOST => 2,
        CURLOPT_TIMEOUT => 30,
    ]);
    return b2_php_answer_ok((string) curl_exec($ch));
}

/** (c): WordPress's HTTP API, as a WooCommerce plugin calls it (needs b2/wp/bootstrap.php). */
function b2_wp_call(string $https, string $ca): bool
{
    $r = wp_remote_post("$https/v1/create_order", [
        'body' => b2_php_body('BW'),
        'headers' => ['Content-Type' => 'application/x-www-form-urlencoded'],
        'timeout' => 30,
        'sslverify' => true,
        'sslcertificates' => $ca,
    ]);
    return !is_wp_error($r) && wp_remote_retrieve_response_code($r) === 200 && b2_php_answer_ok(wp_remote_retrieve_body($r));
}

/** (d): the extension (connection kept alive in the process across requests). */
function b2_ext_client(string $https, string $ca): \IotPay\Client
{
    return new \IotPay\Client(new \IotPay\Config([
        'mchId' => '10000701', 'key' => B2_KEY, 'loginName' => 'jack123',
        'baseUrl' => "$https/v1/", 'caFile' => $ca,
    ]));
}

function b2_ext_call(\IotPay\Client $c): bool
{
    $r = $c->createOrder(b2_order('BN') + ['extra' => ['productId' => 'B1']]);
    return $r->getCodeUrl() !== null;
}

function b2_pct(array $v, float $p): float
{
    sort($v);
    return (float) $v[(int) floor(($p / 100) * (count($v) - 1))];
}
