<?php
// B2 (c): one create_order through WordPress's HTTP API (wp_remote_post:
// Requests over curl, a new connection per call), as a WooCommerce plugin
// makes it. WordPress is booted just enough (b2/wp/bootstrap.php) before the
// timed call. PHP signing, TLS verified.
declare(strict_types=1);

require dirname(__DIR__, 2) . '/b2/peers.php';
require dirname(__DIR__, 2) . '/b2/wp/bootstrap.php';

$t = hrtime(true);
$ok = b2_wp_call(getenv('SANDBOX_HTTPS'), getenv('SANDBOX_CA'));
$us = (hrtime(true) - $t) / 1000;
header('Content-Type: application/json');
echo json_encode(['us' => $us, 'ok' => $ok, 'pid' => getmypid()]);
