<?php
// The Alipay mobile (WAP) redirect flow: create → redirect the browser to the
// wallet → the customer pays → the browser comes back to returnUrl → the shop
// confirms by query (the return redirect alone never proves payment).
declare(strict_types=1);

require __DIR__ . '/demo_config.php';

use IotPay\Client;
use IotPay\Money;

$client = new Client(demo_config());
$mchOrderNo = 'WAP' . date('YmdHis') . bin2hex(random_bytes(3));
$returnUrl = 'https://shop.example/checkout/order-received/' . $mchOrderNo;

step('1. Create an Alipay WAP order for CAD 8.88');
$order = $client->createOrder([
    'mchOrderNo' => $mchOrderNo,
    'channelId' => 'ALIPAY_WAP',
    'osType' => 'IOS',
    'currency' => 'CAD',
    'amount' => Money::toMinor('8.88', 'CAD'),
    'clientIp' => '203.0.113.11',
    'notifyUrl' => (string) getenv('IOTPAY_NOTIFY_URL'),
    'returnUrl' => $returnUrl,
    'subject' => 'Demo order (mobile)',
    'body' => 'One demo item',
]);
printf("   redirect the phone's browser to: %s\n", $order->getRedirectUrl());

step('2. The customer presses Pay on the wallet page (a real form POST)');
$pay = rtrim((string) $order->getRedirectUrl(), '/') . '/pay';
$ctx = stream_context_create(['http' => ['method' => 'POST', 'follow_location' => 0, 'ignore_errors' => true, 'header' => "Content-Type: application/x-www-form-urlencoded\r\n", 'content' => '']]);
file_get_contents($pay, false, $ctx);
$location = '';
foreach ($http_response_header ?? [] as $h) {
    if (stripos($h, 'Location:') === 0) {
        $location = trim(substr($h, 9));
    }
}
printf("   the wallet sends the browser back to: %s\n", $location);

step('3. The shop confirms by query, not by the redirect');
$q = $client->queryOrderByMchOrderNo($mchOrderNo);
printf("   status %d (%s): %s\n", $q->getStatus(), $q->getStatusName(), $q->isPaid() ? 'paid' : 'not paid');
$n = wait_for_notification($mchOrderNo);
printf("   notification: %s\n", $n !== null && $n['verified'] ? 'verified, ' . $n['amount'] . ' cents' : 'none');
echo "\nAlipay WAP demo finished.\n";
exit($q->isPaid() && $location === $returnUrl ? 0 : 1);
