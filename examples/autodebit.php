<?php
// WeChat auto-debit (Autodebit, spec §13) against the local sandbox: a
// contract signed once, the verified contract callback, a debit decided like
// any payment, the WeChat limits refused before any request, termination.
declare(strict_types=1);

require __DIR__ . '/demo_config.php';

use IotPay\Autodebit\ContractDecision;
use IotPay\Autodebit\ContractNotification;
use IotPay\Autodebit\Limits;
use IotPay\Client;
use IotPay\Decision;
use IotPay\Exception\ValidationException;

$config = demo_config();
$client = new Client($config);
$contractId = 'DEMO-CT-' . bin2hex(random_bytes(6));

step('1. Ask the payer to sign a withholding contract (WX_JSAPI)');
$contract = $client->signContract([
    'mchContractId' => $contractId,
    'channelId' => 'WX_JSAPI',
    'currency' => 'CAD',
    'payerName' => 'Zhang San',
    'notifyUrl' => (string) getenv('IOTPAY_CONTRACT_NOTIFY_URL'),
]);
printf("   %s -> %s, status %s\n   sign at %s\n", $contractId, $contract->getIotpayContractId(), $contract->getStatusName(), $contract->getSignUrl());

step('2. The payer signs; the contract callback arrives and is verified');
sandbox_page_post((string) $contract->getSignUrl() . '/sign');
$cb = wait_for_notification($contractId, 15.0, 'mchContractId');
if ($cb === null || !$cb['verified']) {
    fwrite(STDERR, "no verified contract callback\n");
    exit(1);
}
$d = ContractDecision::decide(
    ['mchContractId' => $contractId, 'iotpayContractId' => $contract->getIotpayContractId(), 'status' => null],
    ContractNotification::fromRequest($config, $cb['raw'], 'application/json'),
);
printf("   callback status %s -> ContractDecision %s (usable: %s)\n", $cb['status'], $d->getOutcome(), $d->isUsable() ? 'yes' : 'no');

step('3. Debit CAD 25.00 on it (a payment: decided exactly once)');
$history = [];
$number = 'DEMOAD' . date('His') . bin2hex(random_bytes(3));
$r = $client->debit([
    'mchOrderNo' => $number,
    'mchContractId' => $contractId,
    'channelId' => 'WX_JSAPI',
    'currency' => 'CAD',
    'amount' => 2500,
    'body' => 'Demo subscription',
    'notifyUrl' => (string) getenv('IOTPAY_NOTIFY_URL'),
], $history);
$d = Decision::decide(['mchId' => $config->getMchId(), 'mchOrderNo' => $number, 'amount' => 2500, 'currency' => 'CAD'], $r);
printf("   %s -> %s, %s; Decision: %s\n", $number, $r->getPayOrderId(), $r->getStatusName(), $d->getOutcome());
$history[] = ['time' => (int) $r->getPaySuccTime(), 'amount' => 2500];
$n = wait_for_notification($number);
echo '   payment callback: ', $n !== null && $n['verified'] ? 'verified' : 'missing', "\n";

step('4. Limits: refused before any request');
$limits = Limits::wechat('CAD');
printf("   per debit %d, %d a day, %d a month (minor units, UTC and China days)\n", $limits->getPerDebit(), $limits->getDebitsPerDay(), $limits->getDebitsPerMonth());
foreach ([3500 => [], 500 => $history] as $amount => $h) {
    try {
        $client->debit(['mchOrderNo' => 'DEMOX' . bin2hex(random_bytes(4)), 'mchContractId' => $contractId, 'channelId' => 'WX_JSAPI',
            'currency' => 'CAD', 'amount' => $amount, 'body' => 'x', 'notifyUrl' => (string) getenv('IOTPAY_NOTIFY_URL')], $h);
        echo "   $amount: sent (unexpected)\n";
    } catch (ValidationException $e) {
        echo "   $amount: refused, {$e->getField()}\n";
    }
}

step('5. The payer terminates the contract: never debit it again');
sandbox_admin('POST', '/admin/contracts/' . rawurlencode((string) $contract->getIotpayContractId()) . '/terminate');
$deadline = microtime(true) + 15;
$term = null;
do {
    foreach (file((string) getenv('IOTPAY_DEMO_INBOX'), FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) ?: [] as $line) {
        $rec = json_decode($line, true);
        if (($rec['mchContractId'] ?? null) === $contractId && ($rec['status'] ?? null) === '9') {
            $term = $rec;
        }
    }
    usleep(100_000);
} while ($term === null && microtime(true) < $deadline);
echo '   termination callback: ', $term !== null ? 'verified, status 9' : 'missing', "\n";
