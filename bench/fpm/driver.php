<?php
// B2 under php-fpm: N sequential requests per variant through nginx (one
// kept-alive connection from this driver), one request of each variant in
// turn in a shuffled order (so they share the machine's noise and none
// always follows the same one). Prints p50/p95 of the time the API call took
// inside PHP ("call"), of the whole request seen here ("request"), and the
// ratios — measured in one run.
declare(strict_types=1);

[$_, $base, $n] = $argv + [null, 'http://127.0.0.1:8080', '200'];
$n = (int) $n;
$ch = curl_init();
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30]);

function pct(array $v, float $p): float
{
    sort($v);
    return (float) $v[(int) floor(($p / 100) * (count($v) - 1))];
}

$variants = [
    'curl_reused' => 'curl, reused handle (2nd call)',
    'curl' => 'curl, new handle per call',
    'wp' => 'WordPress wp_remote_post',
    'native2' => 'extension (2nd call)',
    'native' => 'extension (1st call)',
];
$get = static function (string $v) use ($ch, $base): array {
    curl_setopt($ch, CURLOPT_URL, "$base/$v/");
    $t = hrtime(true);
    $body = curl_exec($ch);
    $e2e = (hrtime(true) - $t) / 1000;
    $j = json_decode((string) $body, true);
    return [is_array($j) && $j['ok'] ? (float) $j['us'] : null, $e2e];
};
// Warm-up: OPcache, the extension's first call (TLS configuration, connection).
foreach (array_keys($variants) as $v) {
    for ($i = 0; $i < 5; $i++) {
        $get($v);
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
        [$us, $t] = $get($v);
        $e2e[$v][] = $t;
        if ($us === null) {
            $fail[$v]++;
            continue;
        }
        $in[$v][] = $us;
    }
}
printf("B2 php-fpm: create_order over HTTPS via nginx + php-fpm, %d sequential requests per variant, shuffled round robin\n", $n);
printf("%-31s %10s %10s %12s %12s %10s %6s\n", 'variant', 'call p50', 'call p95', 'request p50', 'request p95', 'p50/floor', 'fail');
$floor = pct($in['curl_reused'], 50);
foreach ($variants as $v => $label) {
    printf("%-31s %8.0fus %8.0fus %10.0fus %10.0fus %9.2fx %6d%s\n", $label, pct($in[$v], 50), pct($in[$v], 95),
        pct($e2e[$v], 50), pct($e2e[$v], 95), pct($in[$v], 50) / $floor, $fail[$v],
        in_array($v, ['curl_reused', 'native2'], true) ? '  (request: two calls)' : '');
}
foreach (['native2' => 'extension, 2nd call (the floor\'s position)', 'native' => 'extension, 1st call (one call per page)'] as $v => $label) {
    $x = pct($in[$v], 50);
    printf("%s: call p50 %.2fx the reused-handle floor, %.3fx a new handle per call, %.3fx wp_remote_post\n",
        $label, $x / $floor, $x / pct($in['curl'], 50), $x / pct($in['wp'], 50));
}
printf("one call per page, whole request p50: extension %.3fx a new handle per call, %.3fx wp_remote_post\n",
    pct($e2e['native'], 50) / pct($e2e['curl'], 50), pct($e2e['native'], 50) / pct($e2e['wp'], 50));
