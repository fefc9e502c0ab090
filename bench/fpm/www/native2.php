<?php
// B2 (d), in the floor's position: two calls through the extension in one
// request, reporting the second — as curl_reused.php reports its second call
// (the extension's first call is kept alive too: native.php times it).
declare(strict_types=1);

require dirname(__DIR__, 2) . '/b2/peers.php';

$c = b2_ext_client(getenv('SANDBOX_HTTPS'), getenv('SANDBOX_CA'));
$ok = b2_ext_call($c);
$t = hrtime(true);
$ok = b2_ext_call($c) && $ok;
$us = (hrtime(true) - $t) / 1000;
header('Content-Type: application/json');
echo json_encode(['us' => $us, 'ok' => $ok, 'pid' => getmypid()]);
