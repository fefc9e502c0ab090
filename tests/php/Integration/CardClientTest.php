<?php

declare(strict_types=1);

namespace IotPay\Tests\Integration;

use IotPay\CardNotification;
use IotPay\CardOrder;
use IotPay\Client;
use IotPay\Config;
use IotPay\Debug;
use IotPay\Decision;
use IotPay\Exception\GatewayException;
use IotPay\Exception\ValidationException;
use IotPay\Tests\Support\NotifyReceiver;
use IotPay\Tests\Support\Sandbox;
use IotPay\Tests\Support\SandboxTestCase;

/** The Credit Card API V3 through the real extension against the real sandbox, over HTTP and HTTPS. */
final class CardClientTest extends SandboxTestCase
{
    private const PAN = '5555555555554444';
    private const CVV = '737';
    private const EXPIRY = '0931';

    /** @return array<string, array{0: bool}> */
    public static function transports(): array
    {
        return ['http' => [false], 'https' => [true]];
    }

    private function client(bool $tls = false): Client
    {
        return new Client($this->sb->config($tls));
    }

    private function purchase(string $notifyUrl, array $over = []): array
    {
        return $over + [
            'mchOrderNo' => Sandbox::orderNo('C'),
            'amount' => 2500,
            'currency' => 'CAD',
            'channel' => 'PF_CC',
            'notifyUrl' => $notifyUrl,
            'returnUrl' => 'https://shop.example/return',
            'subject' => 'Order 77',
        ];
    }

    private function direct(array $over = []): array
    {
        return $over + [
            'mchOrderNo' => Sandbox::orderNo('D'),
            'amount' => 1000,
            'currency' => 'CAD',
            'channel' => 'PF_CC',
            'cardNum' => self::PAN,
            'expiryDate' => self::EXPIRY,
            'holder' => 'Test Holder',
            'cvv' => self::CVV,
        ];
    }

    private function expected(string $mchOrderNo, int $amount, array $over = []): array
    {
        return $over + ['mchId' => Sandbox::MCH_ID, 'mchOrderNo' => $mchOrderNo, 'amount' => $amount, 'currency' => 'CAD', 'alreadyPaid' => false];
    }

    /** @dataProvider transports */
    public function testHostedPurchasePaidOnTheCardPageThenQueriedPaid(bool $tls): void
    {
        $rx = new NotifyReceiver();
        $c = $this->client($tls);
        $req = $this->purchase($rx->cardUrl);
        $s = $c->ccPurchase($req);
        self::assertStringStartsWith($this->sb->http . '/pay/', $s->getRedirectUrl());
        self::assertSame(32, strlen((string) $s->getSecureId()), 'embedded integration needs the secureId');
        self::assertArrayHasKey('redirectUrl', $s->toArray());

        // Before the customer pays: known, open, not paid.
        $q = $c->ccQueryByMchOrderNo($req['mchOrderNo']);
        self::assertSame(CardOrder::PENDING, $q->getStatus());
        self::assertTrue($q->isPending());
        self::assertFalse($q->isPaid());
        self::assertSame(Decision::PENDING, Decision::decide($this->expected($req['mchOrderNo'], 2500), $q)->getOutcome());

        // The customer pays on the hosted page (the sandbox's admin API presses Pay).
        $this->sb->pay($q->getPayOrderId());

        $got = $rx->waitFor(1);
        self::assertNotEmpty($got, 'no notification arrived: ' . $this->sb->log());
        self::assertTrue($got[0]['verified'], json_encode($got[0]));
        self::assertSame('application/json;charset=UTF-8', $got[0]['contentType']);
        self::assertSame($req['mchOrderNo'], $got[0]['mchOrderNo']);
        self::assertSame(2500, $got[0]['amount']);
        self::assertTrue($got[0]['paid']);
        self::assertFalse($got[0]['refund']);
        $n = CardNotification::fromRequest($this->sb->config(), $got[0]['raw'], 'application/json');
        $d = Decision::decide($this->expected($req['mchOrderNo'], 2500), $n);
        self::assertTrue($d->shouldComplete());
        self::assertTrue($d->shouldAcknowledge());

        $q = $c->ccQueryByMchOrderNo($req['mchOrderNo']);
        self::assertTrue($q->isPaid());
        self::assertContains($q->getStatus(), [CardOrder::SUCCESS, CardOrder::SUCCESS_NOTIFIED]);
        self::assertSame('pay', $q->getPayType());
        self::assertSame(2500, $q->getRefundable());
        self::assertSame('PF_CC', $q->getChannel());
        self::assertMatchesRegularExpression('/^\d{6}\*+\d{4}$/', (string) $q->getCardNum());
        self::assertNotEmpty($q->getAuthNum());
        self::assertNotEmpty($q->getTransNum());
        self::assertNotEmpty($q->getInvoiceNum());
        self::assertMatchesRegularExpression('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', (string) $q->getPaySuccTime());
        self::assertSame($q->getPayOrderId(), $c->ccQueryByPayOrderId($q->getPayOrderId())->getPayOrderId());
        $already = $this->expected($req['mchOrderNo'], 2500, ['alreadyPaid' => true, 'paidMchOrderNo' => $req['mchOrderNo']]);
        self::assertSame(Decision::ALREADY_SETTLED, Decision::decide($already, $q)->getOutcome());
        $rx->stop();
    }

    public function testHostedPageFormAndCancelledPurchase(): void
    {
        $c = $this->client();
        // Paying through the page itself: the browser goes back to returnUrl, unsigned.
        $req = $this->purchase('http://127.0.0.1:9/n');
        $s = $c->ccPurchase($req);
        $r = $this->sb->submitPage($s->getRedirectUrl() . '/pay');
        self::assertSame(303, $r['status']);
        self::assertStringStartsWith('https://shop.example/return?retCode=SUCCESS&status=2', (string) $r['location']);
        self::assertTrue($c->ccQueryByMchOrderNo($req['mchOrderNo'])->isPaid());

        // A customer who gives up: V3 status 9, failed, never paid.
        $req = $this->purchase('http://127.0.0.1:9/n');
        $c->ccPurchase($req);
        $this->sb->cancel($c->ccQueryByMchOrderNo($req['mchOrderNo'])->getPayOrderId());
        $q = $c->ccQueryByMchOrderNo($req['mchOrderNo']);
        self::assertTrue($q->isFailed());
        self::assertSame('failed', $q->getStatusName());
        self::assertSame(Decision::FAILED, Decision::decide($this->expected($req['mchOrderNo'], 2500), $q)->getOutcome());
    }

    /** @dataProvider transports */
    public function testTokenPurchaseAddCardCompleteQueryCardCharge(bool $tls): void
    {
        $c = $this->client($tls);
        $cardId = 'card' . bin2hex(random_bytes(6));
        $s = $c->ccAddCard(['cardId' => $cardId, 'channel' => 'PF_CC', 'returnUrl' => 'https://shop.example/cards']);
        self::assertNotEmpty($s->getSecureId());
        // The customer completes the hosted add-card form.
        $r = $this->sb->submitPage($s->getRedirectUrl() . '/add', ['cardNum' => '4242424242424242', 'expiryDate' => '1130', 'holder' => 'Jane Doe', 'cvv' => '123']);
        self::assertSame(['status' => 303, 'location' => 'https://shop.example/cards?retCode=SUCCESS'], $r);

        $card = $c->ccQueryCard($cardId);
        self::assertSame($cardId, $card->getCardId());
        self::assertSame('424242******4242', $card->getCardNum());
        self::assertSame('V', $card->getBrand());
        self::assertSame('1130', $card->getExpiryDate());
        self::assertSame('Jane Doe', $card->getHolder());
        self::assertArrayNotHasKey('cvv', $card->toArray());
        $dump = print_r($card, true);
        self::assertStringNotContainsString('1130', $dump);
        self::assertStringNotContainsString('Jane Doe', $dump);

        $no = Sandbox::orderNo('T');
        $o = $c->ccPurchaseWithToken(['mchOrderNo' => $no, 'cardId' => $cardId, 'amount' => 4200, 'currency' => 'CAD', 'clientIp' => '2607:fea8:4b21:a500:8d2f:19c3:5e7a:b04d']);
        self::assertTrue($o->isPaid());
        self::assertSame($no, $o->getMchOrderNo());
        self::assertSame(4200, $o->getAmount());
        self::assertSame('V', $o->getCardType());
        self::assertSame('424242******4242', $o->getCardNum());
        self::assertSame(Decision::COMPLETE, Decision::decide($this->expected($no, 4200), $o)->getOutcome());

        try {
            $c->ccQueryCard('nocard' . bin2hex(random_bytes(4)));
            self::fail('a cardId without a card was answered');
        } catch (GatewayException $e) {
            self::assertSame('0014', $e->getProviderCode());
            self::assertSame('cardId is not binding', $e->getProviderMessage());
            self::assertSame('final', $e->getClassification());
        }
        try {
            $c->ccPurchaseWithToken(['mchOrderNo' => Sandbox::orderNo('T'), 'cardId' => 'nocard1', 'amount' => 100, 'currency' => 'CAD']);
            self::fail('charged a cardId without a card');
        } catch (GatewayException $e) {
            self::assertSame('0014', $e->getProviderCode());
        }
    }

    /** @dataProvider transports */
    public function testVoidOfAPayment(bool $tls): void
    {
        $rx = new NotifyReceiver();
        $c = $this->client($tls);
        $o = $c->ccDirectPurchase($this->direct());
        self::assertTrue($o->isPaid());
        $voidNo = 'V' . bin2hex(random_bytes(6));
        $v = $c->ccVoid(['mchRefundNo' => $voidNo, 'payOrderId' => $o->getPayOrderId(), 'notifyUrl' => $rx->cardUrl]);
        self::assertTrue($v->isRefundRecord());
        self::assertTrue($v->isSuccess());
        self::assertFalse($v->isPaid(), 'a void is never a payment');
        self::assertSame('refund', $v->getPayType());
        self::assertSame($voidNo, $v->getMchOrderNo());
        self::assertSame($o->getPayOrderId(), $v->getOriginalOrderId());
        self::assertSame(1000, $v->getAmount());
        self::assertSame(0, $v->getRefundable());
        self::assertSame(0, $c->ccQueryByPayOrderId($o->getPayOrderId())->getRefundable());
        // The void is queried by its own number, and notified as a refund record.
        self::assertSame($v->getPayOrderId(), $c->ccQueryByMchOrderNo($voidNo)->getPayOrderId());
        $got = $rx->waitFor(1);
        self::assertTrue($got[0]['verified'] && $got[0]['refund'] && !$got[0]['paid'], json_encode($got[0]));
        $n = CardNotification::fromRequest($this->sb->config(), $got[0]['raw']);
        // Even fed as news about the original order, it never completes it.
        $d = Decision::decide($this->expected($o->getMchOrderNo(), 1000), $n);
        self::assertSame(Decision::REFUND_RECORD, $d->getOutcome());
        self::assertFalse($d->shouldComplete());
        self::assertTrue($d->shouldAcknowledge());
        try {
            $c->ccRefund(['mchRefundNo' => 'R' . bin2hex(random_bytes(6)), 'payOrderId' => $o->getPayOrderId(), 'refundAmount' => 1]);
            self::fail('refunded a voided payment');
        } catch (GatewayException $e) {
            self::assertSame('0014', $e->getProviderCode());
        }
        $rx->stop();
    }

    /** @dataProvider transports */
    public function testPartialRefundsDownToZeroThenARefusedOne(bool $tls): void
    {
        $rx = new NotifyReceiver();
        $c = $this->client($tls);
        $o = $c->ccDirectPurchase($this->direct(['amount' => 1000]));
        $refund = fn (string $no, int $amount) => $c->ccRefund(['mchRefundNo' => $no, 'payOrderId' => $o->getPayOrderId(), 'refundAmount' => $amount, 'notifyUrl' => $rx->cardUrl]);
        $left = 1000;
        $records = [];
        foreach ([300, 450, 250] as $i => $amount) {
            $no = 'R' . $i . bin2hex(random_bytes(5));
            $r = $refund($no, $amount);
            self::assertTrue($r->isSuccess() && $r->isRefundRecord());
            self::assertSame($amount, $r->getAmount());
            self::assertSame($no, $r->getMchOrderNo());
            $left -= $amount;
            self::assertSame($left, $c->ccQueryByPayOrderId($o->getPayOrderId())->getRefundable());
            $records[$no] = $r->getPayOrderId();
        }
        self::assertSame(0, $left);
        // The same refund sent again is the same record, not a second refund.
        $first = array_key_first($records);
        self::assertSame($records[$first], $refund($first, 300)->getPayOrderId());
        try {
            $refund('R9' . bin2hex(random_bytes(5)), 1);
            self::fail('refunded beyond the refundable amount');
        } catch (GatewayException $e) {
            self::assertSame('0014', $e->getProviderCode());
            self::assertSame('final', $e->getClassification());
            self::assertFalse($e->shouldQueryFirst());
            self::assertStringContainsString('refundable', $e->getProviderMessage());
        }
        $got = $rx->waitFor(3);
        self::assertCount(3, $got);
        foreach ($got as $n) {
            self::assertTrue($n['verified'] && $n['refund'] && !$n['paid']);
            self::assertSame($o->getPayOrderId(), $n['originalOrderId']);
        }
        $rx->stop();
    }

    /** @dataProvider transports */
    public function testDirectAndWalletPurchases(bool $tls): void
    {
        $c = $this->client($tls);
        $req = $this->direct(['channel' => 'UPI_EX', 'clientIp' => '203.0.113.9', 'subject' => 'x', 'body' => 'y']);
        $o = $c->ccDirectPurchase($req);
        self::assertTrue($o->isPaid());
        self::assertSame('M', $o->getCardType());
        self::assertSame('UPI_EX', $o->getChannel());
        self::assertSame('555555******4444', $o->getCardNum());
        self::assertSame(1000, $o->getRefundable());
        $w = $c->ccPurchaseWithWallet(['mchOrderNo' => Sandbox::orderNo('W'), 'amount' => 800, 'currency' => 'CAD', 'walletType' => 'GooglePay', 'walletData' => base64_encode('{"token":1}')]);
        self::assertTrue($w->isPaid());
        self::assertSame('CC_CG', $w->getChannel());
        self::assertSame('Y', $w->getCapture());
        $a = $c->ccPurchaseWithWallet(['mchOrderNo' => Sandbox::orderNo('W'), 'amount' => 800, 'currency' => 'CAD', 'walletType' => 'ApplePay', 'walletData' => base64_encode('{}')]);
        self::assertSame('CC_CA', $a->getChannel());
    }

    public function testDirectPurchaseCardDataNeverShows(): void
    {
        $c = $this->client();
        $o = $c->ccDirectPurchase($this->direct());
        // A refused one (the same number again), through a caller's frame that holds the card.
        $thrown = null;
        $call = function (array $request) use ($c): void {
            $c->ccDirectPurchase($request);
        };
        try {
            $call($this->direct(['mchOrderNo' => $o->getMchOrderNo()]));
        } catch (GatewayException $e) {
            $thrown = $e;
        }
        self::assertNotNull($thrown);
        self::assertSame('0113', $thrown->getProviderCode());
        ob_start();
        var_dump($o);
        print_r($o);
        var_export($o);
        echo json_encode($o), print_r((array) $o, true), print_r(get_object_vars($o), true);
        echo (string) $thrown, print_r($thrown->getTrace(), true), $thrown->getTraceAsString(), var_export($thrown, true);
        $out = (string) ob_get_clean();
        self::assertStringNotContainsString(self::PAN, $out, 'the card number was shown');
        self::assertStringNotContainsString('55554444', $out, 'the card number was shown');
        // Short values could occur by chance inside random ids: take those out first.
        $ids = array_filter($o->toArray(), fn ($v, $k) => is_string($v) && $k !== 'expiryDate', ARRAY_FILTER_USE_BOTH);
        $rest = preg_replace('/\d{6,}/', '', str_replace(array_values($ids), '', $out));
        foreach ([self::CVV, self::EXPIRY] as $secret) {
            self::assertStringNotContainsString($secret, $rest, "card data '$secret' shown");
        }
        self::assertStringContainsString('555555******4444', $out);
        self::assertStringContainsString('[redacted]', $out);
        try {
            serialize($o);
            self::fail('a CardOrder was serialized');
        } catch (\Exception $e) {
            self::assertStringNotContainsString(self::PAN, $e->getMessage());
        }
        // The sandbox logs one line per request, never a body (a CVV's three
        // digits could occur in any log by chance: no card field name may).
        $log = $this->sb->log();
        self::assertStringNotContainsString(self::PAN, $log, 'the sandbox logged card data');
        self::assertStringNotContainsStringIgnoringCase('cvv', $log, 'the sandbox logged card data');
    }

    public function testValidationHappensBeforeAnyCall(): void
    {
        $c = $this->client();
        $before = Debug::transportStats()['requests'];
        $bad = [
            'currency' => fn () => $c->ccPurchase($this->purchase('https://s.example/n', ['currency' => 'USD'])),
            'channel' => fn () => $c->ccPurchase($this->purchase('https://s.example/n', ['channel' => 'VISA'])),
            'jobNo' => fn () => $c->ccPurchase($this->purchase('https://s.example/n', ['jobNo' => 'jack123'])),
            'body' => fn () => $c->ccPurchase($this->purchase('https://s.example/n', ['body' => str_repeat('é', 126)])),
            'amount' => fn () => $c->ccDirectPurchase($this->direct(['amount' => 10.0])),
            'cardNum' => fn () => $c->ccDirectPurchase($this->direct(['cardNum' => '5555555555554445'])),
            'expiryDate' => fn () => $c->ccDirectPurchase($this->direct(['expiryDate' => '1331'])),
            'cvv' => fn () => $c->ccDirectPurchase($this->direct(['cvv' => '12'])),
            'refundAmount' => fn () => $c->ccRefund(['mchRefundNo' => 'R1', 'payOrderId' => 'PC1', 'refundAmount' => '1.00']),
            'walletData' => fn () => $c->ccPurchaseWithWallet(['mchOrderNo' => 'W1', 'amount' => 1, 'currency' => 'CAD', 'walletData' => 'not base64!']),
            'payOrderId' => fn () => $c->ccVoid(['mchRefundNo' => 'V1']),
            'cardId' => fn () => $c->ccQueryCard('has space'),
            'loginName' => fn () => (new Client($this->sb->config(false, ['loginName' => 'a-login-of-13'])))->ccRefund(['mchRefundNo' => 'R1', 'payOrderId' => 'PC1', 'refundAmount' => 1]),
        ];
        foreach ($bad as $field => $f) {
            try {
                $f();
                self::fail("accepted bad $field");
            } catch (ValidationException $e) {
                self::assertSame($field, $e->getField(), $e->getMessage());
            }
        }
        self::assertSame($before, Debug::transportStats()['requests'], 'a refused request reached the network');
    }

    public function testGatewayCodes(): void
    {
        $c = $this->client();
        $codes = [
            '0112' => self::gatewayError(fn () => $c->ccQueryByMchOrderNo('NOPE' . bin2hex(random_bytes(4)))),
            '0013' => self::gatewayError(
                fn () => (new Client($this->sb->config(false, ['key' => 'wrong'])))->ccQueryByMchOrderNo('X1')
            ),
            '0015' => self::gatewayError(
                fn () => (new Client($this->sb->config(false, ['mchId' => '99999999'])))->ccQueryByPayOrderId('PC1')
            ),
        ];
        $req = $this->purchase('http://127.0.0.1:9/n');
        $c->ccPurchase($req);
        $codes['0014'] = self::gatewayError(fn () => $c->ccPurchase($req));
        $this->sb->pay($c->ccQueryByMchOrderNo($req['mchOrderNo'])->getPayOrderId());
        $codes['0113'] = self::gatewayError(fn () => $c->ccPurchase($req));
        self::assertFinalGatewayCodes($codes);
    }

    public function testTheSandboxV3BaseIsHttpOnlyOnLoopback(): void
    {
        $cfg = $this->sb->config();
        self::assertSame($this->sb->http . '/v3/', $cfg->getCcBaseUrl());
        foreach (['http://example.com/v3/', 'http://10.0.0.1/v3/', 'ftp://127.0.0.1/v3/'] as $bad) {
            try {
                new Config(['mchId' => Sandbox::MCH_ID, 'key' => Sandbox::KEY, 'ccBaseUrl' => $bad]);
                self::fail("accepted $bad");
            } catch (ValidationException $e) {
                self::assertSame('ccBaseUrl', $e->getField());
            }
        }
        // The v1 base does not serve V3: the card calls go to ccBaseUrl only.
        $c = new Client($this->sb->config(false, ['baseUrl' => 'http://127.0.0.1:9/v1/']));
        self::assertTrue($c->ccDirectPurchase($this->direct())->isPaid());
    }
}
