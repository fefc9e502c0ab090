<?php
// B2 under php-fpm: N sequential requests per variant through nginx (one
// kept-alive connection from this driver), one request of each variant in
// turn in a shuffled order (so they share the machine's noise and none
// always follows the same one). Prints p50/p95 of the time the API call took
// inside PHP ("call"), of the whole request seen here ("request"), and the
// ratios — measured in one run.
declare(strict_types=1);

[$_, $base, $n, $withBefore] = $argv + [null, 'http://127.0.0.1:8080', '200', ''];
$n = (int) $n;
$ch = curl_init();
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30]);

function pct(array $v, float $p): float
{
    sort($v);
    return (float) $v[(int) floor(($p / 100) * (count($v) - 1))];
}

// key => [label, path]
$variants = [
    'curl_reused' => ['curl, reused handle (2nd call)', 'curl_reused/'],
    'curl_idle' => ['  same, after 5 ms idle', 'curl_reused/?idle_us=5000'],
    'curl' => ['curl, new handle per call', 'curl/'],
    'wp' => ['WordPress wp_remote_post', 'wp/'],
    'native2' => ['extension (2nd call)', 'native2/'],
    'native' => ['extension (1st call)', 'native/'],
];
if ($withBefore === 'with-before') {
    $variants['native_before'] = ['extension before #10 (1st call)', 'native_before/'];
}
$get = static function (string $path) use ($ch, $base): array {
    curl_setopt($ch, CURLOPT_URL, "$base/$path");
    $t = hrtime(true);
    $body = curl_exec($ch);
    $e2e = (hrtime(true) - $t) / 1000;
    $j = json_decode((string) $body, true);
    return [is_array($j) && $j['ok'] ? (float) $j['us'] : null, $e2e];
};
// Warm-up: OPcache, the extension's first call (TLS configuration, connection).
foreach ($variants as [, $path]) {
    for ($i = 0; $i < 5; $i++) {
        $get($path);
    }
}
$in = $e2e = array_fill_keys(array_keys($variants), []);
$fail = array_fill_keys(array_keys($variants), 0);
$order = array_keys($variants);
mt_srand(10);
for ($i = 0; $i < $n; $i++) {
    shuffle($order);
    foreach ($order as $v) {
        usleep(1000); // as in the CLI loop: the previous request is over everywhere
        [$us, $t] = $get($variants[$v][1]);
        $e2e[$v][] = $t;
        if ($us === null) {
            $fail[$v]++;
            continue;
        }
        $in[$v][] = $us;
    }
}
printf("B2 php-fpm: create_order over HTTPS via nginx + php-fpm, %d sequential requests per variant, shuffled round robin\n", $n);
printf("%-33s %10s %10s %12s %12s %10s %6s\n", 'variant', 'call p50', 'call p95', 'request p50', 'request p95', 'p50/floor', 'fail');
$floor = pct($in['curl_reused'], 50);
foreach ($variants as $v => [$label]) {
    printf("%-33s %8.0fus %8.0fus %10.0fus %10.0fus %9.2fx %6d%s\n", $label, pct($in[$v], 50), pct($in[$v], 95),
        pct($e2e[$v], 50), pct($e2e[$v], 95), pct($in[$v], 50) / $floor, $fail[$v],
        in_array($v, ['curl_reused', 'curl_idle', 'native2'], true) ? '  (request: two calls)' : '');
}
$idleFloor = pct($in['curl_idle'], 50);
foreach (['native2' => 'extension, 2nd call (the floor\'s position)', 'native' => 'extension, 1st call (one call per page)'] as $v => $label) {
    $x = pct($in[$v], 50);
    printf("%s: call p50 %.2fx the reused-handle floor (%.2fx it after 5 ms idle), %.3fx a new handle per call, %.3fx wp_remote_post\n",
        $label, $x / $floor, $x / $idleFloor, $x / pct($in['curl'], 50), $x / pct($in['wp'], 50));
}
printf("one call per page, whole request p50: extension %.3fx a new handle per call, %.3fx wp_remote_post\n",
    pct($e2e['native'], 50) / pct($e2e['curl'], 50), pct($e2e['native'], 50) / pct($e2e['wp'], 50));
if (isset($variants['native_before'])) {
    printf("extension before #10, 1st call: call p50 %.2fx the extension now (1st call)\n", pct($in['native_before'], 50) / pct($in['native'], 50));
}
