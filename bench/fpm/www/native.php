<?php
// B2 "native": one create_order through the extension. The extension keeps
// its HTTPS client (and the TLS connection) alive across requests in this worker.
declare(strict_types=1);

$c = new IotPay\Client(new IotPay\Config([
    'mchId' => '10000701', 'key' => 'test_merchant_key', 'loginName' => 'jack123',
    'baseUrl' => getenv('SANDBOX_HTTPS') . '/v1/', 'caFile' => getenv('SANDBOX_CA'),
]));
$t = hrtime(true);
$r = $c->createOrder([
    'mchOrderNo' => 'BN' . getmypid() . bin2hex(random_bytes(6)), 'channelId' => 'WX_NATIVE', 'currency' => 'CAD',
    'amount' => 1234, 'clientIp' => '203.0.113.9', 'device' => 'WEB', 'notifyUrl' => 'http://127.0.0.1:9/notify',
    'subject' => 'Bench order', 'body' => 'Bench body', 'extra' => ['productId' => 'B1'],
]);
$us = (hrtime(true) - $t) / 1000;
header('Content-Type: application/json');
echo json_encode(['us' => $us, 'ok' => $r->getCodeUrl() !== null, 'pid' => getmypid(), 'stats' => IotPay\Debug::transportStats()]);
