<?php

declare(strict_types=1);

namespace IotPay\Tests\Integration;

use IotPay\CardNotification;
use IotPay\CardOrder;
use IotPay\Client;
use IotPay\Decision;
use IotPay\Exception\GatewayException;
use IotPay\Exception\ProtocolException;
use IotPay\Exception\SignatureException;
use IotPay\Exception\TransportException;
use IotPay\Exception\ValidationException;
use IotPay\Tests\Support\NotifyReceiver;
use IotPay\Tests\Support\FaultsTestCase;
use IotPay\Tests\Support\Sandbox;

/** Every failure kind of the Credit Card API V3, produced by the sandbox's faults over real HTTP. */
final class CardFaultsTest extends FaultsTestCase
{
    private function direct(?string $no = null, int $amount = 900): CardOrder
    {
        return $this->c->ccDirectPurchase([
            'mchOrderNo' => $no ?? Sandbox::orderNo('F'), 'amount' => $amount, 'currency' => 'CAD', 'channel' => 'PF_CC',
            'cardNum' => '4242424242424242', 'expiryDate' => '1230', 'holder' => 'T', 'cvv' => '123',
        ]);
    }

    private function storedCard(): string
    {
        $cardId = 'fc' . bin2hex(random_bytes(6));
        $s = $this->c->ccAddCard(['cardId' => $cardId, 'channel' => 'PF_CC', 'returnUrl' => 'https://shop.example/c']);
        $this->sb->submitPage($s->getRedirectUrl() . '/add', ['cardNum' => '4242424242424242', 'expiryDate' => '1130', 'holder' => 'T', 'cvv' => '123']);
        return $cardId;
    }

    private function token(string $cardId, string $no, array $over = []): CardOrder
    {
        return $this->c->ccPurchaseWithToken($over + ['mchOrderNo' => $no, 'cardId' => $cardId, 'amount' => 1500, 'currency' => 'CAD']);
    }

    private function expectQueryFirstTimeout(callable $f): void
    {
        $t = microtime(true);
        try {
            $f();
            self::fail('no exception');
        } catch (TransportException $e) {
            self::assertTrue($e->isTimeout(), $e->getMessage());
            self::assertTrue($e->shouldQueryFirst());
            self::assertFalse($e->isRetryable());
            self::assertLessThan(3.0, microtime(true) - $t, 'the configured timeout was not honoured');
        }
    }

    public function testTimedOutTokenPurchaseSaysQueryFirstAndWasCharged(): void
    {
        $card = $this->storedCard();
        $no = Sandbox::orderNo('TT');
        $this->sb->setFaults(['endpoint' => 'cc_purchasewithtoken', 'hang_rate' => 1.0, 'once' => true]);
        $this->expectQueryFirstTimeout(fn () => $this->token($card, $no));
        // The charge happened although the answer never came: query, never charge again blindly.
        $q = $this->c->ccQueryByMchOrderNo($no);
        self::assertTrue($q->isPaid());
        try {
            $this->token($card, $no);
            self::fail('charged the same number twice');
        } catch (GatewayException $e) {
            self::assertSame('0113', $e->getProviderCode());
        }
    }

    public function testTimedOutRefundAndVoidSayQueryFirst(): void
    {
        $o = $this->direct();
        $refundNo = 'RT' . bin2hex(random_bytes(5));
        $refund = ['mchRefundNo' => $refundNo, 'payOrderId' => $o->getPayOrderId(), 'refundAmount' => 400];
        $this->sb->setFaults(['endpoint' => 'cc_refund', 'hang_rate' => 1.0, 'once' => true]);
        $this->expectQueryFirstTimeout(fn () => $this->c->ccRefund($refund));
        // Found by its own number; sending it again is the same refund.
        $q = $this->c->ccQueryByMchOrderNo($refundNo);
        self::assertTrue($q->isRefundRecord() && $q->isSuccess());
        self::assertSame($q->getPayOrderId(), $this->c->ccRefund($refund)->getPayOrderId());
        self::assertSame(500, $this->c->ccQueryByPayOrderId($o->getPayOrderId())->getRefundable());

        $o = $this->direct();
        $voidNo = 'VT' . bin2hex(random_bytes(5));
        $this->sb->setFaults(['endpoint' => 'cc_void', 'hang_rate' => 1.0, 'once' => true]);
        $this->expectQueryFirstTimeout(fn () => $this->c->ccVoid(['mchRefundNo' => $voidNo, 'payOrderId' => $o->getPayOrderId()]));
        $q = $this->c->ccQueryByMchOrderNo($voidNo);
        self::assertTrue($q->isRefundRecord() && $q->isSuccess());
        self::assertSame($o->getPayOrderId(), $q->getOriginalOrderId());
    }

    public function testServerErrorsAreTransportAndQueryFirst(): void
    {
        $this->sb->setFaults(['endpoint' => 'cc_purchase', 'error_5xx_rate' => 1.0]);
        try {
            $this->c->ccPurchase(['mchOrderNo' => Sandbox::orderNo('F'), 'amount' => 100, 'currency' => 'CAD', 'channel' => 'PF_CC',
                'notifyUrl' => 'http://127.0.0.1:9/n', 'returnUrl' => 'https://shop.example/r']);
            self::fail('no exception');
        } catch (TransportException $e) {
            self::assertGreaterThanOrEqual(500, $e->getHttpStatus());
            self::assertTrue($e->shouldQueryFirst());
            self::assertFalse($e->isRetryable());
        }
        $this->sb->clearFaults();
        $o = $this->direct();
        $no = 'RP' . bin2hex(random_bytes(5));
        $this->sb->setFaults(['endpoint' => 'cc_refund', 'process_then_5xx_rate' => 1.0, 'once' => true]);
        try {
            $this->c->ccRefund(['mchRefundNo' => $no, 'payOrderId' => $o->getPayOrderId(), 'refundAmount' => 900]);
            self::fail('no exception');
        } catch (TransportException $e) {
            self::assertSame(500, $e->getHttpStatus());
            self::assertTrue($e->shouldQueryFirst());
        }
        self::assertTrue($this->c->ccQueryByMchOrderNo($no)->isSuccess());
    }

    public function testMalformedJsonBadSignatureAndMissingPathAreProtocolOrSignatureErrors(): void
    {
        $this->sb->setFaults(['endpoint' => 'cc_directpurchase', 'malformed_json_rate' => 1.0, 'once' => true]);
        try {
            $this->direct();
            self::fail('accepted a cut answer');
        } catch (ProtocolException $e) {
            self::assertTrue($e->shouldQueryFirst());
        }
        $this->sb->setFaults(['endpoint' => 'cc_query', 'bad_signature_rate' => 1.0, 'once' => true]);
        $o = $this->direct();
        try {
            $this->c->ccQueryByPayOrderId($o->getPayOrderId());
            self::fail('accepted a badly signed answer');
        } catch (SignatureException $e) {
            self::assertTrue($e->shouldQueryFirst());
        }
        $this->sb->setFaults(['endpoint' => 'cc_querycard', 'http_status' => 404, 'once' => true]);
        try {
            $this->c->ccQueryCard('any');
            self::fail('accepted a 404');
        } catch (ProtocolException $e) {
            self::assertSame(404, $e->getHttpStatus());
            self::assertFalse($e->isRetryable());
        }
    }

    public function testSuccessWithoutTheHostedPageOrTheStatus(): void
    {
        $this->sb->setFaults(['endpoint' => 'cc_purchase', 'omit_fields' => ['redirectUrl'], 'once' => true]);
        try {
            $this->c->ccPurchase(['mchOrderNo' => Sandbox::orderNo('F'), 'amount' => 100, 'currency' => 'CAD', 'channel' => 'PF_CC',
                'notifyUrl' => 'http://127.0.0.1:9/n', 'returnUrl' => 'https://shop.example/r']);
            self::fail('a purchase without its page was accepted');
        } catch (ProtocolException $e) {
            self::assertStringContainsString('redirectUrl', $e->getMessage());
            self::assertTrue($e->shouldQueryFirst());
        }
        // An answer that does not state the outcome is neither paid nor failed (D27).
        $this->sb->setFaults(['endpoint' => 'cc_directpurchase', 'omit_fields' => ['status'], 'once' => true]);
        $o = $this->direct();
        self::assertSame(CardOrder::NOT_STATED, $o->getStatus());
        self::assertSame('not_stated', $o->getStatusName());
        self::assertTrue($o->isPending());
        self::assertFalse($o->isPaid() || $o->isFailed());
        self::assertTrue($this->c->ccQueryByPayOrderId($o->getPayOrderId())->isPaid());
    }

    /** @return array<string, array{0: string, 1: string}> */
    public static function gatewayCodes(): array
    {
        return [
            'third party timeout' => ['0110', 'query_first'],
            'third party exception' => ['0111', 'query_first'],
            'system error' => ['0010', 'query_first'],
            'DB error' => ['0118', 'query_first'],
            'parameter error' => ['0014', 'final'],
            'signature error' => ['0013', 'final'],
        ];
    }

    /** @dataProvider gatewayCodes */
    public function testIotPayCodesOnACardPurchase(string $code, string $classification): void
    {
        $card = $this->storedCard();
        $no = Sandbox::orderNo('GC');
        $this->sb->setFaults(['endpoint' => 'cc_purchasewithtoken', 'error_code' => $code, 'once' => true]);
        try {
            $this->token($card, $no);
            self::fail("no exception for $code");
        } catch (GatewayException $e) {
            self::assertSame($code, $e->getProviderCode());
            self::assertSame($classification, $e->getClassification());
            self::assertSame($classification === 'query_first', $e->shouldQueryFirst());
        }
        // Nothing was processed: the query says so, and the same number then works.
        try {
            $this->c->ccQueryByMchOrderNo($no);
            self::fail('the refused purchase exists');
        } catch (GatewayException $e) {
            self::assertSame('0112', $e->getProviderCode());
        }
        self::assertTrue($this->token($card, $no)->isPaid());
    }

    public function testDeclinedAndOpenCardPaymentsAreResultsNotExceptions(): void
    {
        $rx = new NotifyReceiver();
        $card = $this->storedCard();
        $no = Sandbox::orderNo('DC');
        $this->sb->setFaults(['endpoint' => 'cc_purchasewithtoken', 'cc_status' => 9, 'once' => true]);
        $o = $this->token($card, $no, ['notifyUrl' => $rx->cardUrl]);
        self::assertTrue($o->isFailed());
        self::assertFalse($o->isPaid() || $o->isPending());
        self::assertSame(CardOrder::FAILED, $o->getStatus());
        $expected = ['mchId' => Sandbox::MCH_ID, 'mchOrderNo' => $no, 'amount' => 1500, 'currency' => 'CAD'];
        $d = Decision::decide($expected, $o);
        self::assertSame(Decision::FAILED, $d->getOutcome());
        self::assertFalse($d->shouldComplete());

        $no = Sandbox::orderNo('OC');
        $this->sb->setFaults(['endpoint' => 'cc_purchasewithtoken', 'cc_status' => 1, 'once' => true]);
        $o = $this->token($card, $no, ['notifyUrl' => $rx->cardUrl]);
        self::assertSame(CardOrder::UNKNOWN, $o->getStatus());
        self::assertTrue($o->isPending());
        self::assertSame(Decision::PENDING, Decision::decide(['mchOrderNo' => $no] + $expected, $o)->getOutcome());
        $this->sb->pay($o->getPayOrderId());
        $got = $rx->waitFor(1);
        self::assertCount(1, $got, 'only the payment that went through is notified');
        self::assertSame($no, $got[0]['mchOrderNo']);
        self::assertTrue($got[0]['paid']);
        self::assertTrue($this->c->ccQueryByMchOrderNo($no)->isPaid());
        $rx->stop();
    }

    public function testForgedOrAlteredNotificationsAreRefused(): void
    {
        $rx = new NotifyReceiver();
        $s = $this->c->ccPurchase(['mchOrderNo' => Sandbox::orderNo('N'), 'amount' => 3300, 'currency' => 'CAD', 'channel' => 'PF_CC',
            'notifyUrl' => $rx->cardUrl, 'returnUrl' => 'https://shop.example/r']);
        $this->sb->submitPage($s->getRedirectUrl() . '/pay');
        $got = $rx->waitFor(1);
        self::assertTrue($got[0]['verified']);
        $raw = $got[0]['raw'];
        $config = $this->sb->config();
        self::assertSame(3300, CardNotification::fromRequest($config, $raw)->getAmount());

        $forgeries = [
            'amount' => str_replace('"amount":3300', '"amount":1', $raw),
            'status' => preg_replace('/"status":\d/', '"status":9', $raw),
            'payType' => str_replace('"payType":"pay"', '"payType":"refund"', $raw),
            'added field' => '{"injected":"x",' . substr($raw, 1),
            'no sign' => preg_replace('/,?"sign":"[0-9A-F]+"/', '', $raw),
            'wrong key' => $raw,
        ];
        foreach ($forgeries as $what => $body) {
            self::assertNotSame($raw, $what === 'wrong key' ? '' : $body, $what);
            $cfg = $what === 'wrong key' ? $this->sb->config(false, ['key' => 'attacker-key']) : $config;
            try {
                CardNotification::fromRequest($cfg, $body, 'application/json');
                self::fail("accepted a forged notification ($what)");
            } catch (SignatureException) {
                self::assertTrue(true);
            }
        }
        $dup = substr($raw, 0, -1) . ',"amount":3300}';
        try {
            CardNotification::fromRequest($config, $dup, 'application/json');
            self::fail('accepted a duplicated key');
        } catch (ValidationException $e) {
            self::assertSame('amount', $e->getField());
        }
        // The receiver answered SUCCESS, so the sandbox stopped: one delivery.
        usleep(300_000);
        self::assertCount(1, $rx->received());
        $rx->stop();
    }

    public function testConnectionRefusedIsRetryableAndTlsIsVerified(): void
    {
        $port = NotifyReceiver::freePort();
        $c = new Client($this->sb->config(false, ['ccBaseUrl' => "http://127.0.0.1:$port/v3/"]));
        try {
            $c->ccQueryByMchOrderNo('X1');
            self::fail('no exception');
        } catch (TransportException $e) {
            self::assertTrue($e->isRetryable());
            self::assertFalse($e->shouldQueryFirst());
        }
        $cfg = new \IotPay\Config(['mchId' => Sandbox::MCH_ID, 'key' => Sandbox::KEY, 'loginName' => Sandbox::LOGIN, 'ccBaseUrl' => $this->sb->https . '/v3/']);
        try {
            (new Client($cfg))->ccQueryByMchOrderNo('X1');
            self::fail('connected to an untrusted certificate');
        } catch (TransportException $e) {
            self::assertStringContainsStringIgnoringCase('certificate', $e->getMessage());
        }
    }
}
