<?php
// B2 (b): one create_order with a new curl handle (TCP + TLS handshake), as a
// PHP SDK does on every PHP request: php-fpm cannot keep a curl handle across
// requests (PHP 8.2 has no persistent curl handles). PHP signing, TLS verified.
declare(strict_types=1);

require dirname(__DIR__, 2) . '/b2/peers.php';

$t = hrtime(true);
$ch = curl_init();
$ok = b2_curl_call($ch, getenv('SANDBOX_HTTPS'), getenv('SANDBOX_CA'));
curl_close($ch);
$us = (hrtime(true) - $t) / 1000;
header('Content-Type: application/json');
echo json_encode(['us' => $us, 'ok' => $ok, 'pid' => getmypid()]);
