<?php
// The whole life of a WeChat Pay QR payment against the local sandbox:
// create → show QR → customer pays → verified notification → query →
// partial refund (retried safely) → query refund.
declare(strict_types=1);

require __DIR__ . '/demo_config.php';

use IotPay\Client;
use IotPay\Decision;
use IotPay\Money;
use IotPay\Qr;

$config = demo_config();
$client = new Client($config);
$mchOrderNo = 'DEMO' . date('YmdHis') . bin2hex(random_bytes(3));
$total = '12.34';

step('1. Create a WeChat Pay QR order (WX_NATIVE) for CAD ' . $total);
$order = $client->createOrder([
    'mchOrderNo' => $mchOrderNo,
    'channelId' => 'WX_NATIVE',
    'currency' => 'CAD',
    'amount' => Money::toMinor($total, 'CAD'),
    'clientIp' => '203.0.113.10',
    'device' => 'WEB',
    'notifyUrl' => (string) getenv('IOTPAY_NOTIFY_URL'),
    'subject' => 'Demo order',
    'body' => 'One demo item',
    'extra' => ['productId' => 'DEMO-1'],
]);
printf("   mchOrderNo %s -> payOrderId %s\n   codeUrl    %s\n", $mchOrderNo, $order->getPayOrderId(), $order->getCodeUrl());

step('2. The QR code the customer scans (SVG written too)');
echo Qr::text((string) $order->getCodeUrl()), "\n";
$svgPath = getenv('IOTPAY_DEMO_OUT') . '/wechat-qr.svg';
file_put_contents($svgPath, Qr::svg((string) $order->getCodeUrl()));
echo "   SVG: $svgPath\n";

step('3. The customer pays');
if (getenv('IOTPAY_DEMO_INTERACTIVE') === '1' && stream_isatty(STDIN)) {
    echo "   Open {$order->getCodeUrl()} in a browser and press Pay, then press Enter here.\n";
    fgets(STDIN);
} else {
    echo "   (pressing Pay through the sandbox's admin API; set IOTPAY_DEMO_INTERACTIVE=1 to do it in a browser)\n";
    sandbox_admin('POST', '/admin/orders/' . rawurlencode((string) $order->getPayOrderId()) . '/pay');
}

step('4. IOTPay notifies the shop; the endpoint verifies the signature');
$n = wait_for_notification($mchOrderNo);
if ($n === null || !$n['verified']) {
    fwrite(STDERR, "   no verified notification arrived\n");
    exit(1);
}
printf("   verified: payOrderId %s, amount %s %s, status %s, channelOrderNo %s\n", $n['payOrderId'], Money::fromMinor((int) $n['amount'], $n['currency']), $n['currency'], $n['status'], $n['channelOrderNo'] ?? '-');

step('5. Query the order and decide what it means for the shop');
$q = $client->queryOrderByMchOrderNo($mchOrderNo);
$decision = Decision::decide([
    'mchId' => $config->getMchId(),
    'mchOrderNo' => $mchOrderNo,
    'amount' => Money::toMinor($total, 'CAD'),
    'currency' => 'CAD',
    'alreadyPaid' => false,
], $q);
printf("   status %d (%s), paid: %s -> decision: %s (%s)\n", $q->getStatus(), $q->getStatusName(), $q->isPaid() ? 'yes' : 'no', $decision->getOutcome(), $decision->getReason());

step('6. Refund CAD 5.00 (and retry the same refund: it is not paid twice)');
$refundNo = 'RF' . substr($mchOrderNo, 4);
$refund = ['mchRefundNo' => $refundNo, 'refundAmount' => Money::toMinor('5.00', 'CAD'), 'payOrderId' => $q->getPayOrderId(), 'clientIp' => '203.0.113.10', 'currency' => 'CAD'];
$r1 = $client->refundOrder($refund);
$r2 = $client->refundOrder($refund);
printf("   refund %s -> refundOrderId %s, status %s; retry -> %s (%s)\n", $refundNo, $r1->getRefundOrderId(), $r1->getStatusName(), $r2->getRefundOrderId(), $r1->getRefundOrderId() === $r2->getRefundOrderId() ? 'same refund' : 'DIFFERENT');

step('7. Query the refund');
$qr = $client->queryRefundByMchRefundNo($refundNo);
printf("   %s: %s CAD, status %s\n", $qr->getMchRefundNo(), Money::fromMinor((int) $qr->getRefundAmount(), 'CAD'), $qr->getStatusName());

step('8. A refund above the remaining balance is refused by IOTPay');
try {
    $client->refundOrder(['refundAmount' => Money::toMinor('7.35', 'CAD'), 'mchRefundNo' => $refundNo . 'B'] + $refund);
} catch (IotPay\Exception\GatewayException $e) {
    printf("   %s %s: %s (%s)\n", get_class($e), $e->getProviderCode(), $e->getProviderMessage(), $e->getClassification());
}
echo "\nWeChat Pay QR demo finished.\n";
