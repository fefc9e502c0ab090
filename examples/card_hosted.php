<?php
// A card payment on IOTPay's hosted page (Credit Card API V3) against the
// local sandbox: purchase → the customer pays on the card page → verified
// JSON notification → decision → partial refund; then a second order that
// is voided before it settles.
declare(strict_types=1);

require __DIR__ . '/demo_config.php';

use IotPay\CardNotification;
use IotPay\Client;
use IotPay\Decision;
use IotPay\Money;

$config = demo_config();
$client = new Client($config);
$notifyUrl = (string) getenv('IOTPAY_CARD_NOTIFY_URL');
$total = '25.00';

/** Starts a hosted purchase and has the customer pay it on the card page. */
function hosted_purchase(Client $client, string $mchOrderNo, string $total, string $notifyUrl): void
{
    $session = $client->ccPurchase([
        'mchOrderNo' => $mchOrderNo,
        'amount' => Money::toMinor($total, 'CAD'),
        'currency' => 'CAD',                         // Credit Card V3 takes CAD only
        'channel' => 'PF_CC',
        'notifyUrl' => $notifyUrl,
        'returnUrl' => 'https://shop.example/checkout/order-received/' . $mchOrderNo,
        'subject' => 'Demo card order',
    ]);
    printf("   redirect the customer to: %s\n   (embedded form instead: secureId %s)\n", $session->getRedirectUrl(), $session->getSecureId());
    if (getenv('IOTPAY_DEMO_INTERACTIVE') === '1' && stream_isatty(STDIN)) {
        echo "   Open that URL in a browser and press Pay, then press Enter here.\n";
        fgets(STDIN);
        return;
    }
    $back = sandbox_page_post($session->getRedirectUrl() . '/pay');
    printf("   (pressed Pay on the sandbox's card page; the browser returns to %s — unsigned, so the shop checks)\n", $back ?? '-');
}

$mchOrderNo = 'CARD' . date('YmdHis') . bin2hex(random_bytes(3));
step("1. Card purchase on IOTPay's hosted page (cc_purchase) for CAD $total");
hosted_purchase($client, $mchOrderNo, $total, $notifyUrl);

step('2. IOTPay notifies the shop (JSON); the endpoint verifies it and answers SUCCESS');
$n = wait_for_notification($mchOrderNo);
if ($n === null || !$n['verified']) {
    fwrite(STDERR, "   no verified card notification arrived\n");
    exit(1);
}
printf("   verified: payOrderId %s, %s CAD, status %s, card %s (%s), auth %s\n", $n['payOrderId'], Money::fromMinor((int) $n['amount'], 'CAD'), $n['status'], $n['cardNum'] ?? '-', $n['cardType'] ?? '-', $n['authNum'] ?? '-');
// What the shop knows about its order; the notification is checked against it.
$expected = [
    'mchId' => $config->getMchId(),
    'mchOrderNo' => $mchOrderNo,
    'amount' => Money::toMinor($total, 'CAD'),
    'currency' => 'CAD',
    'alreadyPaid' => false,
];
$notification = CardNotification::fromRequest($config, $n['raw'], 'application/json');
$decision = Decision::decide($expected, $notification);
printf("   decision: %s (%s) -> mark the order paid, then answer %s\n", $decision->getOutcome(), $decision->getReason(), CardNotification::ACK);

step('3. Query the transaction (what a shop does when no notification came)');
$q = $client->ccQueryByMchOrderNo($mchOrderNo);
printf("   status %d (%s), paid: %s, refundable %s CAD, decision on it: %s\n", $q->getStatus(), $q->getStatusName(), $q->isPaid() ? 'yes' : 'no', Money::fromMinor((int) $q->getRefundable(), 'CAD'), Decision::decide($expected, $q)->getOutcome());

step('4. Refund CAD 10.00 of it (cc_refund), and retry the same refund: it is not paid twice');
$refund = ['mchRefundNo' => 'CR' . substr($mchOrderNo, 4), 'payOrderId' => $q->getPayOrderId(), 'refundAmount' => Money::toMinor('10.00', 'CAD'), 'notifyUrl' => $notifyUrl];
$r1 = $client->ccRefund($refund);
$r2 = $client->ccRefund($refund);
printf("   refund %s -> %s, %s, %s; retry -> %s (%s)\n", $r1->getMchOrderNo(), $r1->getPayOrderId(), $r1->getStatusName(), $r1->isRefundRecord() ? 'a refund record, never a payment' : 'PAYMENT?', $r2->getPayOrderId(), $r1->getPayOrderId() === $r2->getPayOrderId() ? 'same refund' : 'DIFFERENT');
printf("   still refundable: %s CAD\n", Money::fromMinor((int) $client->ccQueryByPayOrderId($q->getPayOrderId())->getRefundable(), 'CAD'));
$rn = wait_for_notification($refund['mchRefundNo']);
if ($rn !== null && $rn['verified']) {
    $refundNews = CardNotification::fromRequest($config, $rn['raw'], 'application/json');
    printf("   the refund is notified too (payType %s, original %s): decision %s - it never completes an order\n", $refundNews->getPayType(), $refundNews->getOriginalOrderId(), Decision::decide(['alreadyPaid' => true, 'paidMchOrderNo' => $mchOrderNo] + $expected, $refundNews)->getOutcome());
}

$second = 'CARD' . date('YmdHis') . bin2hex(random_bytes(3));
step("5. A second card order (CAD 12.50), paid, then voided before it settles (cc_void)");
hosted_purchase($client, $second, '12.50', $notifyUrl);
$paid = $client->ccQueryByMchOrderNo($second);
$void = $client->ccVoid(['mchRefundNo' => 'CV' . substr($second, 4), 'payOrderId' => $paid->getPayOrderId()]);
printf("   void %s -> %s: %s, %s CAD back, original %s; refundable now %s CAD\n", $void->getMchOrderNo(), $void->getPayOrderId(), $void->getStatusName(), Money::fromMinor($void->getAmount(), 'CAD'), $void->getOriginalOrderId(), Money::fromMinor((int) $client->ccQueryByPayOrderId($paid->getPayOrderId())->getRefundable(), 'CAD'));

step('6. A refund of the voided order is refused by IOTPay');
try {
    $client->ccRefund(['mchRefundNo' => 'CR' . substr($second, 4), 'payOrderId' => $paid->getPayOrderId(), 'refundAmount' => 100]);
} catch (IotPay\Exception\GatewayException $e) {
    printf("   %s %s: %s (%s)\n", get_class($e), $e->getProviderCode(), $e->getProviderMessage(), $e->getClassification());
}
echo "\nCard demo finished.\n";
