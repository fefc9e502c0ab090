<?php
// B5 driver: a real browser (headless Chromium) waits on the WeChat Pay QR
// page while the sandbox takes the payment and notifies the shop (nginx +
// php-fpm). Measures, for today's design (the page polls the REST status
// endpoint every 2.5 s) and for the status document (a static file polled
// every 0.5 s, REST every 20 s as the fallback):
// - notification → page moved on: from the sandbox's "pay" (which sends the
//   notification) to the navigation start of the thank-you page
//   (performance.timeOrigin), p50 and max over the orders;
// - PHP time per waiting customer: php-fpm's own access log (%{mili}d per
//   request) summed over a window in which one customer waits on the page
//   and nobody pays, divided by the window.
declare(strict_types=1);

require dirname(__DIR__, 2) . '/tests/php/Support/NotifyReceiver.php';
require dirname(__DIR__, 2) . '/tests/php/Support/WebDriver.php';

use IotPay\Tests\Support\WebDriver;

[$_, $sandbox, $orders_file, $flag, $fpm_log, $window] = $argv + [null, '', '', '', '', '30'];
$orders = json_decode((string) file_get_contents($orders_file), true);
$window = (int) $window;

function p50(array $v): float
{
    sort($v);
    return $v[intdiv(count($v) - 1, 2)];
}

function pay(string $sandbox, string $pay_order_id): void
{
    $ch = curl_init($sandbox . '/admin/orders/' . rawurlencode($pay_order_id) . '/pay');
    curl_setopt_array($ch, [CURLOPT_POST => true, CURLOPT_POSTFIELDS => '', CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30]);
    curl_exec($ch);
    curl_close($ch);
}

/** Sum of php-fpm request durations (ms) logged between two file offsets, and their count. */
function php_ms(string $log, int $from): array
{
    $fh = fopen($log, 'r');
    fseek($fh, $from);
    $ms = 0.0;
    $n = 0;
    while (($line = fgets($fh)) !== false) {
        if (preg_match('/^(\d+(?:\.\d+)?) /', $line, $m)) {
            $ms += (float) $m[1];
            $n++;
        }
    }
    fclose($fh);
    return [$ms, $n];
}

$per_design = intdiv(count($orders) - 2, 2);
$designs = ['today (REST every 2.5 s)' => true, 'status document (0.5 s static, REST 5 s then 20 s)' => false];
$rows = [];
$wd = new WebDriver();
$next = 0;
foreach ($designs as $name => $old) {
    if ($old) {
        touch($flag);
    } else {
        @unlink($flag);
    }
    // PHP time while one customer waits and nobody pays.
    $o = $orders[$next++];
    $wd->open($o['page']);
    usleep(1_500_000);
    clearstatcache();
    $from = filesize($fpm_log);
    sleep($window);
    clearstatcache();
    [$ms, $requests] = php_ms($fpm_log, $from);
    // Notification → page moved on.
    $lat = [];
    for ($i = 0; $i < $per_design; $i++) {
        $o = $orders[$next++];
        $wd->open($o['page']);
        if (getenv('IOTPAY_BENCH_DEBUG')) {
            fwrite(STDERR, 'opened ' . $wd->url() . ' title ' . $wd->title() . "\n");
        }
        usleep(random_int(700_000, 2_700_000)); // Pay at a random moment of the polling cycle.
        $t0 = microtime(true) * 1000;
        pay($sandbox, $o['payOrderId']);
        $wd->waitForUrl(static fn (string $u): bool => str_contains($u, 'order-received'), 30.0);
        $t1 = (float) $wd->execute('return performance.timeOrigin;');
        if (getenv('IOTPAY_BENCH_DEBUG')) {
            fwrite(STDERR, sprintf("t0 %.0f t1 %.0f now %.0f url %s\n", $t0, $t1, microtime(true) * 1000, $wd->url()));
        }
        $lat[] = $t1 - $t0;
    }
    $rows[] = [$name, p50($lat), max($lat), $ms / $window, $requests];
}
$wd->quit();
printf("\nB5 — the waiting customer's page (real Chromium, nginx + php-fpm, real WordPress + WooCommerce double, sandbox notifying)\n");
printf("%-44s %12s %12s %22s %14s\n", 'design', 'p50 ms', 'max ms', 'PHP ms / customer / s', 'PHP requests');
foreach ($rows as [$name, $p50, $max, $cost, $n]) {
    printf("%-44s %12.0f %12.0f %22.1f %14d\n", $name, $p50, $max, $cost, $n);
}
printf("(%d payments per design; PHP time over %d s of one customer waiting, from php-fpm's access log)\n", $per_design, $window);
