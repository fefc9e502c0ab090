<?php
// B3 driver: sequential p50 and concurrent throughput of the plugin's notify
// endpoint (first delivery = completes the order; replay = already settled)
// against a bare PHP request and a bare WordPress (+ WooCommerce + plugin boot)
// request on the same nginx + php-fpm server.
declare(strict_types=1);

[$_, $base, $file, $conc] = $argv + [null, '', '/tmp/notifications.txt', '4'];
$bodies = array_values(array_filter(explode("\n", (string) file_get_contents($file))));
$conc = (int) $conc;

function pct(array $v, float $p): float
{
    sort($v);
    return $v[(int) floor(($p / 100) * (count($v) - 1))];
}

/** Sequential requests; returns [p50 µs, p95 µs, failures]. */
function seq(string $url, array $bodies, ?string $expect): array
{
    $ch = curl_init();
    $lat = [];
    $fail = 0;
    foreach ($bodies as $b) {
        curl_setopt_array($ch, [CURLOPT_URL => $url, CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30]);
        if ($b !== null) {
            curl_setopt_array($ch, [CURLOPT_POST => true, CURLOPT_POSTFIELDS => $b, CURLOPT_HTTPHEADER => ['Content-Type: application/x-www-form-urlencoded']]);
        } else {
            curl_setopt($ch, CURLOPT_HTTPGET, true);
        }
        $t = hrtime(true);
        $r = curl_exec($ch);
        $lat[] = (hrtime(true) - $t) / 1000;
        if ($expect !== null && $r !== $expect) {
            $fail++;
        }
    }
    return [pct($lat, 50), pct($lat, 95), $fail];
}

/** `$conc` parallel keep-alive clients; returns requests per second. */
function throughput(string $url, array $bodies, int $conc): float
{
    $mh = curl_multi_init();
    $queue = $bodies;
    $active = [];
    $t = hrtime(true);
    $done = 0;
    $start = function () use (&$queue, &$active, $mh, $url) {
        $b = array_shift($queue);
        $ch = curl_init($url);
        curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30]);
        if ($b !== null) {
            curl_setopt_array($ch, [CURLOPT_POST => true, CURLOPT_POSTFIELDS => $b]);
        }
        curl_multi_add_handle($mh, $ch);
        $active[(int) $ch] = $ch;
    };
    for ($i = 0; $i < $conc && $queue; $i++) {
        $start();
    }
    while ($active) {
        curl_multi_exec($mh, $running);
        curl_multi_select($mh, 0.05);
        while ($info = curl_multi_info_read($mh)) {
            $ch = $info['handle'];
            curl_multi_remove_handle($mh, $ch);
            unset($active[(int) $ch]);
            $done++;
            if ($queue) {
                $start();
            }
        }
    }
    return $done / ((hrtime(true) - $t) / 1e9);
}

$n = count($bodies);
$half = intdiv($n, 2);
$first = array_slice($bodies, 0, $half);
$second = array_slice($bodies, $half);
$nulls = array_fill(0, $n, null);
$rows = [
    'bare PHP request' => [seq("$base/bare.php", $nulls, null), throughput("$base/bare.php", $nulls, $conc)],
    'bare WordPress request' => [seq("$base/nothing-here", $nulls, null), throughput("$base/nothing-here", $nulls, $conc)],
    'notify, first delivery (completes)' => [seq("$base/wp-json/iotpay/v1/notify", $first, 'success'), throughput("$base/wp-json/iotpay/v1/notify", $second, $conc)],
    'notify, replay (already settled)' => [seq("$base/wp-json/iotpay/v1/notify", $bodies, 'success'), throughput("$base/wp-json/iotpay/v1/notify", $bodies, $conc)],
];
printf("B3 notification endpoint, nginx + php-fpm (4 workers), MariaDB; %d orders; throughput with %d concurrent clients\n", $n, $conc);
printf("%-36s %9s %9s %9s %6s\n", 'request', 'p50', 'p95', 'req/s', 'fail');
foreach ($rows as $name => [[$p50, $p95, $fail], $rps]) {
    printf("%-36s %7.0fus %7.0fus %9.0f %6d\n", $name, $p50, $p95, $rps, $fail);
}
$wp = $rows['bare WordPress request'][0][0];
printf("overhead over a bare WordPress request (p50): first delivery %.2fx, replay %.2fx\n",
    $rows['notify, first delivery (completes)'][0][0] / $wp, $rows['notify, replay (already settled)'][0][0] / $wp);
