<?php
// B2 (a), the floor: a curl handle that is already connected. php-fpm cannot
// keep one across requests, so this request makes two calls on one handle and
// reports the second (one kept-alive round trip + the server's work + PHP
// curl). Its "request" time includes the first, untimed call.
declare(strict_types=1);

require dirname(__DIR__, 2) . '/b2/peers.php';

$https = getenv('SANDBOX_HTTPS');
$ca = getenv('SANDBOX_CA');
$ch = curl_init();
$ok = b2_curl_call($ch, $https, $ca);
// ?idle_us=N: the handle's connection idles first, as the extension's does
// between two php-fpm requests (the process and the server go quiet).
usleep(min(100000, (int) ($_GET['idle_us'] ?? 0)));
$t = hrtime(true);
$ok = b2_curl_call($ch, $https, $ca) && $ok;
$us = (hrtime(true) - $t) / 1000;
curl_close($ch);
header('Content-Type: application/json');
echo json_encode(['us' => $us, 'ok' => $ok, 'pid' => getmypid()]);
