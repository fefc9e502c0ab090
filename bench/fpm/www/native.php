<?php
// B2 (d): one create_order through the extension. The extension keeps its
// TLS connection alive in this worker across requests.
declare(strict_types=1);

require dirname(__DIR__, 2) . '/b2/peers.php';

$c = b2_ext_client(getenv('SANDBOX_HTTPS'), getenv('SANDBOX_CA'));
$t = hrtime(true);
$ok = b2_ext_call($c);
$us = (hrtime(true) - $t) / 1000;
header('Content-Type: application/json');
echo json_encode(['us' => $us, 'ok' => $ok, 'pid' => getmypid(), 'stats' => IotPay\Debug::transportStats()]);
