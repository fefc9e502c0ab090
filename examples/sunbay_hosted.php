<?php
// A SUNBAY Nexus card payment on the hosted payment page against the local
// sandbox's SUNBAY simulator: create-session → the shopper pays on the page
// → the shop asks SUNBAY (transaction/query; a webhook is only a hint) →
// decision → a partial refund under its own transactionRequestId, asked
// about the same way. Skipped when the extension has no SUNBAY client.
declare(strict_types=1);

require __DIR__ . '/demo_config.php';

use IotPay\Decision;
use IotPay\Money;

if (!class_exists(IotPay\Sunbay\Client::class)) {
    echo "SUNBAY: this build of the extension has no IotPay\\Sunbay\\Client; skipped.\n";
    exit(0);
}

$config = new IotPay\Sunbay\Config([
    'appId' => getenv('IOTPAY_SUNBAY_APP_ID') ?: 'app_sandbox',
    'merchantId' => getenv('IOTPAY_SUNBAY_MERCHANT_ID') ?: 'M1260231004',
    'apiKey' => getenv('IOTPAY_SUNBAY_API_KEY') ?: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
    'baseUrl' => (string) getenv('IOTPAY_SANDBOX_URL'),
]);
$client = new IotPay\Sunbay\Client($config);
$total = '25.00';
$requestId = 'DEMO-' . date('YmdHis') . bin2hex(random_bytes(3));

step("1. SUNBAY hosted payment page (create-session) for USD $total");
$session = $client->createSession([
    'transactionRequestId' => $requestId,
    'referenceOrderId' => 'DEMO' . date('His'),
    'amount' => Money::toMinor($total, 'USD'),        // integer minor units, never a float
    'currency' => 'USD',
    'description' => 'Demo order',
    'merchantReturnUrl' => 'https://shop.example/checkout/order-received/1',
]);
printf("   redirect the shopper to: %s (session %s, expires %s)\n", $session->getCheckoutUrl(), $session->getSessionId(), $session->getExpiresAt());

// The shopper presses Pay on the sandbox's page (its form, as a browser posts it).
$page = (string) file_get_contents($session->getCheckoutUrl());
$action = preg_match('#<form[^>]*action="([^"]*/pay)"#i', $page, $m) ? html_entity_decode($m[1]) : $session->getCheckoutUrl() . '/pay';
if (str_starts_with($action, '/')) {
    $action = getenv('IOTPAY_SANDBOX_URL') . $action;
}
sandbox_page_post($action);
echo "   (pressed Pay on the sandbox's SUNBAY page; the browser's return proves nothing: the shop asks)\n";

step('2. The shop asks SUNBAY (transaction/query by transactionRequestId) and decides');
$tx = null;
for ($i = 0; $i < 50; $i++) {
    try {
        $tx = $client->queryByTransactionRequestId($requestId);
        if ($tx->isFinal()) {
            break;
        }
    } catch (IotPay\Exception\GatewayException $e) {
        // Not submitted yet: "does not exist" is pending, never a failure (D45).
    }
    usleep(100_000);
}
if ($tx === null) {
    fwrite(STDERR, "   SUNBAY never reported the transaction\n");
    exit(1);
}
printf("   transaction %s: status %s, %s %s, card %s\n", $tx->getTransactionId(), $tx->getStatus(), Money::fromMinor($tx->getAmount(), $tx->getCurrency()), $tx->getCurrency(), $tx->getMaskedPan() ?? '-');
$decision = Decision::decide(['mchOrderNo' => $requestId, 'amount' => Money::toMinor($total, 'USD'), 'currency' => 'USD', 'alreadyPaid' => false], $tx);
printf("   decision: %s (%s)\n", $decision->getOutcome(), $decision->getReason());

step('3. Partial refund of USD 5.00 (checkout/refund, its own transactionRequestId, amount always sent)');
$refundId = $requestId . 'R1';
$refund = $client->refund([
    'transactionRequestId' => $refundId,
    'originalTransactionId' => $tx->getTransactionId(),
    'amount' => Money::toMinor('5.00', 'USD'),
    'currency' => 'USD',
]);
printf("   refund %s: status %s\n", $refund->getTransactionId(), $refund->getStatus());
$again = $client->queryByTransactionRequestId($refundId);
printf("   asked again by its number: %s, type %s, %s USD of %s\n", $again->getStatus(), $again->getType() ?? '-', Money::fromMinor($again->getAmount(), 'USD'), $again->getOriginalTransactionId() ?? '-');
