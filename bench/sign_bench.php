<?php
// B1 (signing from PHP): the native Signer vs a pure-PHP implementation of the
// same spec, on a 14-field create_order payload and a 17-field notification,
// measured side by side in one run. A benchmark, not a test: it prints figures.
declare(strict_types=1);

require __DIR__ . '/php_reference_signer.php';
require __DIR__ . '/lib/best_of.php';

$key = 'test_merchant_key';
$create = [
    'mchId' => '10000701', 'mchOrderNo' => '20160427210604000490', 'channelId' => 'WX_NATIVE', 'currency' => 'CAD',
    'amount' => 100, 'clientIp' => '210.73.10.148', 'device' => 'WEB', 'notifyUrl' => 'http://xxx.com/notify.php',
    'subject' => 'test product', 'body' => 'this product is for fun', 'extra' => '{"productId":"120989823"}',
    'jobNo' => 'jack123', 'param1' => '', 'param2' => '',
];
$notify = json_decode('{"payOrderId":"P20160427210604000490","mchId":"20001222","mchOrderNo":"20160427210604000490","channelId":"WX_NATIVE","currency":"CAD","amount":"100","status":"2","clientIp":"210.73.10.148","device":"WEB","subject":"product title","body":"product description","channelOrderNo":"wx2016081611532915ae15beab0167893571","param1":"","param2":"","paySuccTime":"1505049094262","backType":"2"}', true);
$notify['sign'] = '3677837E9B7858B4E771ACE021625D59';

// Both implementations must agree with the spec vectors before anything is timed.
if (php_reference_sign($create, $key) !== '6B46287A0731B0C2CA97290211170886' || IotPay\Signer::sign($create, $key) !== '6B46287A0731B0C2CA97290211170886') {
    fwrite(STDERR, "signers disagree with spec vector V2\n");
    exit(1);
}
if (!php_reference_verify($notify, $key) || !IotPay\Signer::verify($notify, $key)) {
    fwrite(STDERR, "verifiers disagree with spec vector V3\n");
    exit(1);
}

$n = (int) ($argv[1] ?? 200000);
$rounds = 5;


$canon = 'amount=100&body=this product is for fun&channelId=WX_NATIVE&clientIp=210.73.10.148&currency=CAD&device=WEB&extra={"productId":"120989823"}&jobNo=jack123&mchId=10000701&mchOrderNo=20160427210604000490&notifyUrl=http://xxx.com/notify.php&subject=test product&key=' . $key;
$rows = [
    ['sign create_order (14 fields)', fn () => php_reference_sign($create, $key), fn () => IotPay\Signer::sign($create, $key)],
    ['verify notification (17 fields)', fn () => php_reference_verify($notify, $key), fn () => IotPay\Signer::verify($notify, $key)],
];
printf("PHP %s, %d calls x %d rounds (best round)\n", PHP_VERSION, $n, $rounds);
printf("%-34s %12s %12s %8s\n", 'operation', 'PHP ns/op', 'native ns/op', 'PHP/native');
foreach ($rows as [$name, $php, $native]) {
    $p = bench($php, $n, $rounds);
    $r = bench($native, $n, $rounds);
    printf("%-34s %12.0f %12.0f %7.2fx\n", $name, $p, $r, $p / $r);
}
$md5 = bench(fn () => md5($canon), $n, $rounds);
printf("%-34s %12.0f %12s\n", 'PHP md5() of the canonical bytes', $md5, '-');
