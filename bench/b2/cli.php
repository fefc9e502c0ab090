<?php
// B2 in a CLI loop: one PHP process, the four peers side by side, one call
// of each in turn, in a shuffled order (so they share the machine's noise
// and none always follows the same one), each after a 1 ms pause, N calls x
// ROUNDS.
// Usage (bench/fpm/run.sh does this): php-with-ext.sh libiotpay.so b2/cli.php HTTPS_URL CA_FILE [N] [ROUNDS]
declare(strict_types=1);

require __DIR__ . '/peers.php';
require __DIR__ . '/wp/bootstrap.php';

[$_, $https, $ca, $n, $rounds] = $argv + [null, '', '', '300', '3'];
$n = (int) $n;
$rounds = (int) $rounds;
$reused = curl_init();
$client = b2_ext_client($https, $ca);
$variants = [
    'curl, one reused handle' => static fn (): bool => b2_curl_call($reused, $https, $ca),
    'curl, new handle per call' => static function () use ($https, $ca): bool {
        $ch = curl_init();
        $ok = b2_curl_call($ch, $https, $ca);
        curl_close($ch);
        return $ok;
    },
    'WordPress wp_remote_post' => static fn (): bool => b2_wp_call($https, $ca),
    'extension' => static fn (): bool => b2_ext_call($client),
];
foreach ($variants as $name => $f) {
    for ($i = 0; $i < 10; $i++) {
        if (!$f()) {
            fwrite(STDERR, "$name: warm-up call failed\n");
            exit(1);
        }
    }
}
$t = array_fill_keys(array_keys($variants), []);
$fail = array_fill_keys(array_keys($variants), 0);
$names = array_keys($variants);
mt_srand(10);
for ($i = 0; $i < $n * $rounds; $i++) {
    // A new order every time (seeded): what runs just before a call matters
    // (right after a TLS handshake and close the server is busier), so no
    // variant may always follow the same one.
    shuffle($names);
    foreach ($names as $name) {
        $f = $variants[$name];
        // Every call starts on a quiet machine: the previous call's
        // connection teardown (new handle, WordPress) is over on the server.
        usleep(1000);
        $s = hrtime(true);
        $ok = $f();
        $t[$name][] = (hrtime(true) - $s) / 1000;
        $fail[$name] += $ok ? 0 : 1;
    }
}
$floor = b2_pct($t['curl, one reused handle'], 50);
$ext = b2_pct($t['extension'], 50);
printf("B2 CLI loop: create_order over HTTPS, %d calls per variant, round robin, one PHP process\n", $n * $rounds);
printf("%-27s %9s %9s %10s %6s\n", 'variant', 'p50', 'p95', 'p50/floor', 'fail');
foreach ($t as $name => $v) {
    printf("%-27s %7.0fus %7.0fus %9.2fx %6d\n", $name, b2_pct($v, 50), b2_pct($v, 95), b2_pct($v, 50) / $floor, $fail[$name]);
}
printf("extension p50: %.2fx the reused-handle floor, %.3fx a new handle per call, %.3fx wp_remote_post\n",
    $ext / $floor, $ext / b2_pct($t['curl, new handle per call'], 50), $ext / b2_pct($t['WordPress wp_remote_post'], 50));
