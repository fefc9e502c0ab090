<?php
// Subscription renewals on a saved card (Credit Card API V3) against the local
// sandbox: the customer saves a card once on IOTPay's page (cc_addcard), the
// shop reads it (cc_querycard) and charges each period with
// cc_purchasewithtoken under a stable number per renewal. A renewal whose
// answer was lost is retried the safe way: query that number first; it was
// paid, so nothing is charged again. Then the next period, and a decline.
declare(strict_types=1);

require __DIR__ . '/demo_config.php';

use IotPay\CardOrder;
use IotPay\Client;
use IotPay\Decision;
use IotPay\Exception\GatewayException;
use IotPay\Exception\TransportException;
use IotPay\Money;

$config = demo_config();
$client = new Client($config);
$notifyUrl = (string) getenv('IOTPAY_CARD_NOTIFY_URL');
$price = Money::toMinor('19.99', 'CAD');
$run = date('YmdHis') . bin2hex(random_bytes(3));
$cardId = 'CUST' . $run;   // the shop's id for the customer's saved card (one card per cardId)

/** Charges one renewal of the subscription under its own stable number. */
function renew(Client $client, string $mchOrderNo, string $cardId, int $amount, string $notifyUrl): CardOrder
{
    return $client->ccPurchaseWithToken([
        'mchOrderNo' => $mchOrderNo,
        'cardId' => $cardId,
        'amount' => $amount,
        'currency' => 'CAD',
        'subject' => 'Demo subscription renewal',
        'notifyUrl' => $notifyUrl,
    ]);
}

/** How the shop decides a renewal's answer: the same Decision as every payment. */
function decide_renewal(IotPay\Config $config, string $mchOrderNo, int $amount, CardOrder $o): string
{
    $expected = ['mchId' => $config->getMchId(), 'mchOrderNo' => $mchOrderNo, 'amount' => $amount, 'currency' => 'CAD'];
    return Decision::decide($expected, $o)->getOutcome();
}

/** Stops the demo when the sandbox did not behave as this walk-through says (make demo is a check too). */
function expect(bool $ok, string $what): void
{
    if (!$ok) {
        fwrite(STDERR, "   unexpected: $what\n");
        exit(1);
    }
}

/** What the sandbox recorded under a merchant order number (its admin API, not the shop's view). */
function sandbox_orders(string $mchOrderNo): array
{
    return sandbox_admin('GET', '/admin/orders?mchOrderNo=' . rawurlencode($mchOrderNo))['orders'] ?? [];
}

/** How many cc_purchasewithtoken requests reached the sandbox so far. */
function token_charges_sent(): int
{
    return (int) (sandbox_admin('GET', '/admin/requests')['counts']['cc_purchasewithtoken'] ?? 0);
}

step("1. The customer saves a card on IOTPay's page (cc_addcard, cardId $cardId)");
$session = $client->ccAddCard([
    'cardId' => $cardId,
    'channel' => 'PF_CC',
    'returnUrl' => 'https://shop.example/my-account/payment-methods/',
]);
printf("   redirect the customer to: %s\n", $session->getRedirectUrl());
if (getenv('IOTPAY_DEMO_INTERACTIVE') === '1' && stream_isatty(STDIN)) {
    echo "   Open that URL in a browser and press Add card, then press Enter here.\n";
    fgets(STDIN);
} else {
    // The sandbox's test card; the shop's servers never see these fields.
    $back = sandbox_page_post($session->getRedirectUrl() . '/add', ['cardNum' => '4242424242424242', 'expiryDate' => '1230', 'holder' => 'Demo Customer', 'cvv' => '123']);
    printf("   (pressed Add card on the sandbox's page; the browser returns to %s — unsigned, so the shop asks)\n", $back ?? '-');
}

step('2. The shop reads the saved card (cc_querycard) and keeps only the cardId');
$card = $client->ccQueryCard($cardId);
expect($card->getCardNum() !== null, 'no card saved under ' . $cardId);
printf("   card %s, brand %s, for cardId %s\n", $card->getCardNum() ?? '-', $card->getBrand() ?? '-', $card->getCardId() ?? '-');

$first = 'RNW' . $run . 'P1';
step('3. First renewal: CAD ' . Money::fromMinor($price, 'CAD') . " on the saved card (cc_purchasewithtoken, $first); its answer is lost");
// The sandbox charges the card, then never answers: what a network drop looks like to the shop.
sandbox_admin('POST', '/admin/faults', ['endpoint' => 'cc_purchasewithtoken', 'hang_rate' => 1.0, 'once' => true]);
$impatient = new Client(demo_config(['timeoutMs' => 1500]));
try {
    renew($impatient, $first, $cardId, $price, $notifyUrl);
    expect(false, 'the renewal answered although the sandbox was told to hang');
} catch (TransportException $e) {
    printf("   %s after 1.5 s (timeout: %s, query first: %s): not a failure, the outcome is unknown\n", get_class($e), $e->isTimeout() ? 'yes' : 'no', $e->shouldQueryFirst() ? 'yes' : 'no');
    expect($e->shouldQueryFirst(), 'a lost answer that does not say query first');
}

step("4. The same renewal retried the safe way: query $first first, charge only if IOTPay has no record");
$sentBefore = token_charges_sent();
try {
    $o = $client->ccQueryByMchOrderNo($first);
    $retried = 'no';
} catch (GatewayException $e) {
    // 0112: IOTPay has no order under this number, so nothing was charged: only
    // then is the renewal sent again, under the SAME number. Paid, pending or
    // declined: the query is the answer, nothing is sent.
    expect($e->getProviderCode() === '0112', 'query refused: ' . $e->getProviderCode());
    $o = renew($client, $first, $cardId, $price, $notifyUrl);
    $retried = 'yes (IOTPay had no record)';
}
printf("   query -> %s, %s, auth %s; decision: %s; charged again: %s\n", $o->getPayOrderId(), $o->getStatusName(), $o->getAuthNum() ?? '-', decide_renewal($config, $first, $price, $o), $retried);
$recorded = count(sandbox_orders($first));
printf("   the sandbox recorded %d charge under %s; cc_purchasewithtoken requests during the retry: %d\n", $recorded, $first, token_charges_sent() - $sentBefore);
expect($o->isPaid() && $recorded === 1, 'the lost renewal is not one paid charge');
try {
    renew($client, $first, $cardId, $price, $notifyUrl);
    expect(false, 'a blind re-send under a paid number was accepted');
} catch (GatewayException $e) {
    printf("   (a blind re-send under the same number is refused by IOTPay: %s %s)\n", $e->getProviderCode(), $e->getProviderMessage());
}

$second = 'RNW' . $run . 'P2';
step("5. Next period's renewal under a new number ($second)");
$q = renew($client, $second, $cardId, $price, $notifyUrl);
printf("   %s -> %s, %s, auth %s; decision: %s\n", $second, $q->getPayOrderId(), $q->getStatusName(), $q->getAuthNum() ?? '-', decide_renewal($config, $second, $price, $q));
expect($q->isPaid(), 'the next period was not paid');

$third = 'RNW' . $run . 'P3';
step("6. The period after ($third): the bank declines the card");
sandbox_admin('POST', '/admin/faults', ['endpoint' => 'cc_purchasewithtoken', 'cc_status' => 9, 'once' => true]);
$d = renew($client, $third, $cardId, $price, $notifyUrl);
printf("   %s -> %s, %s (failed: %s); decision: %s — nothing taken: ask the customer to update the card\n", $third, $d->getPayOrderId(), $d->getStatusName(), $d->isFailed() ? 'yes' : 'no', decide_renewal($config, $third, $price, $d));
expect($d->isFailed(), 'the declined renewal was not declined');

step('Summary');
$rows = [[$first, $o], [$second, $q], [$third, $d]];
foreach ($rows as [$no, $order]) {
    $n = count(sandbox_orders($no));
    printf("   %-28s %s CAD  %-8s  recorded by the sandbox: %d\n", $no, Money::fromMinor($order->getAmount(), 'CAD'), $order->isPaid() ? 'paid' : $order->getStatusName(), $n);
}
$paid = array_sum(array_map(fn (array $r): int => $r[1]->isPaid() ? $r[1]->getAmount() : 0, $rows));
printf("   card %s charged %s CAD over 3 renewals, each once.\n", $card->getCardNum() ?? '-', Money::fromMinor($paid, 'CAD'));
echo "\nSaved-card renewal demo finished.\n";
