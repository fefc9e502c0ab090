<?php
// B2 "PHP way": what a typical pure-PHP SDK does for one create_order — sign
// with ksort+md5, a fresh curl handle (TCP + TLS handshake) per call, verify
// the answer's signature in PHP. TLS verification is on, as in production.
declare(strict_types=1);

require dirname(__DIR__, 2) . '/php_reference_signer.php';

$key = 'test_merchant_key';
$t = hrtime(true);
$p = [
    'mchId' => '10000701', 'mchOrderNo' => 'BC' . getmypid() . bin2hex(random_bytes(6)), 'channelId' => 'WX_NATIVE',
    'currency' => 'CAD', 'amount' => 1234, 'clientIp' => '203.0.113.9', 'device' => 'WEB',
    'notifyUrl' => 'http://127.0.0.1:9/notify', 'subject' => 'Bench order', 'body' => 'Bench body',
    'extra' => json_encode(['productId' => 'B1']), 'jobNo' => 'jack123',
];
$p['sign'] = php_reference_sign($p, $key);
$ch = curl_init(getenv('SANDBOX_HTTPS') . '/v1/create_order');
curl_setopt_array($ch, [
    CURLOPT_POST => true,
    CURLOPT_POSTFIELDS => http_build_query(['params' => json_encode($p)]),
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_CAINFO => getenv('SANDBOX_CA'),
    CURLOPT_SSL_VERIFYPEER => true,
    CURLOPT_SSL_VERIFYHOST => 2,
    CURLOPT_TIMEOUT => 30,
]);
$raw = curl_exec($ch);
curl_close($ch);
$r = json_decode((string) $raw, true);
$flat = [];
foreach ((array) $r as $k => $v) {
    $flat[$k] = is_array($v) ? json_encode($v, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) : (is_bool($v) ? ($v ? 'true' : 'false') : $v);
}
$ok = is_array($r) && ($r['retCode'] ?? '') === 'SUCCESS' && ($r['resCode'] ?? '') === 'SUCCESS' && php_reference_verify($flat, $key);
$us = (hrtime(true) - $t) / 1000;
header('Content-Type: application/json');
echo json_encode(['us' => $us, 'ok' => $ok, 'pid' => getmypid()]);
