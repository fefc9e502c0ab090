<?php
// Sends N sequential requests per variant through nginx (one kept-alive
// connection from this driver) and prints p50/p95 of the time the API call
// took inside PHP, end-to-end latency, and the ratios — measured in one run.
declare(strict_types=1);

[$_, $base, $n] = $argv + [null, 'http://127.0.0.1:8080', '200'];
$n = (int) $n;
$ch = curl_init();
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30]);

function pct(array $v, float $p): float
{
    sort($v);
    return $v[(int) floor(($p / 100) * (count($v) - 1))];
}

$res = [];
foreach (['native', 'curl'] as $variant) {
    // Warm-up: the first native call builds the runtime and client in the worker.
    for ($i = 0; $i < 5; $i++) {
        curl_setopt($ch, CURLOPT_URL, "$base/$variant/");
        curl_exec($ch);
    }
    $in = $e2e = [];
    $fail = 0;
    for ($i = 0; $i < $n; $i++) {
        curl_setopt($ch, CURLOPT_URL, "$base/$variant/");
        $t = hrtime(true);
        $body = curl_exec($ch);
        $e2e[] = (hrtime(true) - $t) / 1000;
        $j = json_decode((string) $body, true);
        if (!is_array($j) || !$j['ok']) {
            $fail++;
            continue;
        }
        $in[] = $j['us'];
    }
    $res[$variant] = ['p50' => pct($in, 50), 'p95' => pct($in, 95), 'e2e50' => pct($e2e, 50), 'e2e95' => pct($e2e, 95), 'fail' => $fail];
}
printf("B2 create_order over HTTPS via nginx + php-fpm, %d sequential requests per variant\n", $n);
printf("%-8s %10s %10s %12s %12s %6s\n", 'variant', 'call p50', 'call p95', 'request p50', 'request p95', 'fail');
foreach ($res as $k => $r) {
    printf("%-8s %8.0fus %8.0fus %10.0fus %10.0fus %6d\n", $k, $r['p50'], $r['p95'], $r['e2e50'], $r['e2e95'], $r['fail']);
}
printf("ratio curl/native: call p50 %.2fx, call p95 %.2fx, request p50 %.2fx\n",
    $res['curl']['p50'] / $res['native']['p50'], $res['curl']['p95'] / $res['native']['p95'], $res['curl']['e2e50'] / $res['native']['e2e50']);
