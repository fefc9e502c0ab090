<?php

declare(strict_types=1);

namespace IotPay\Tests\Unit;

use IotPay\CardNotification;
use IotPay\CardOrder;
use IotPay\Config;
use IotPay\Decision;
use IotPay\Exception\SignatureException;
use IotPay\Exception\ValidationException;
use IotPay\Signer;
use PHPUnit\Framework\TestCase;

/** V3 notifications (spec §15.13, D29) and what they mean for an order (D30). */
final class CardNotificationTest extends TestCase
{
    private const KEY = 'test_merchant_key';

    private function config(): Config
    {
        return new Config(['mchId' => '10000701', 'key' => self::KEY]);
    }

    /** @return array<string, mixed> the §15.2 sample order object */
    private function order(array $over = []): array
    {
        return $over + [
            'payOrderId' => 'PC20240101231256043886634219', 'mchId' => '10000701', 'mchOrderNo' => 'WC1-2',
            'originalOrderId' => '', 'currency' => 'CAD', 'amount' => 1500, 'payType' => 'pay', 'refundable' => 1500,
            'status' => 2, 'paySuccTime' => '2021-04-07 19:44:51', 'cardNum' => '432567******2266', 'cardType' => 'V',
            'expiryDate' => '0725', 'invoiceNum' => '832828793487', 'authNum' => 'PPS009', 'transNum' => '000108583539',
            'channel' => 'PF_CC', 'capture' => 'Y',
        ];
    }

    private function body(array $over = [], string $key = self::KEY): string
    {
        $f = $this->order($over);
        $f['sign'] = Signer::sign($f, $key);
        return (string) json_encode($f);
    }

    private function notification(array $over = []): CardNotification
    {
        return CardNotification::fromRequest($this->config(), $this->body($over), 'application/json;charset=UTF-8');
    }

    public function testVerifiedOrderObject(): void
    {
        $n = $this->notification();
        self::assertSame('PC20240101231256043886634219', $n->getPayOrderId());
        self::assertSame('WC1-2', $n->getMchOrderNo());
        self::assertSame(1500, $n->getAmount());
        self::assertSame(1500, $n->getRefundable());
        self::assertSame('CAD', $n->getCurrency());
        self::assertSame(2, $n->getStatus());
        self::assertSame('success', $n->getStatusName());
        self::assertTrue($n->isPaid() && $n->isSuccess());
        self::assertFalse($n->isRefundRecord() || $n->isFailed() || $n->isPending());
        self::assertNull($n->getOriginalOrderId(), 'an empty originalOrderId is none');
        self::assertSame('2021-04-07 19:44:51', $n->getPaySuccTime());
        self::assertSame(['V', 'PF_CC', 'Y', 'PPS009', '000108583539', '832828793487'], [$n->getCardType(), $n->getChannel(), $n->getCapture(), $n->getAuthNum(), $n->getTransNum(), $n->getInvoiceNum()]);
        self::assertArrayNotHasKey('sign', $n->toArray());
        self::assertInstanceOf(CardOrder::class, $n->getOrder());
        self::assertSame($n->toArray(), $n->getOrder()->toArray());
        self::assertSame('SUCCESS', CardNotification::ACK);
        self::assertSame('FAIL', CardNotification::NACK);
        // Numbers sent as strings, any content type, surrounding whitespace.
        $f = $this->order(['amount' => '1500', 'status' => '3']);
        $f['sign'] = Signer::sign($f, self::KEY);
        $n = CardNotification::fromRequest($this->config(), "\n" . json_encode($f) . ' ', 'text/plain');
        self::assertSame(1500, $n->getAmount());
        self::assertSame(CardOrder::SUCCESS_NOTIFIED, $n->getStatus());
        self::assertTrue($n->isPaid());
        self::assertTrue(CardNotification::fromRequest(config: $this->config(), body: $this->body())->isPaid());
    }

    /** @return array<string, array{0: callable}> */
    public static function forgeries(): array
    {
        return [
            'altered amount' => [fn (string $b) => str_replace('"amount":1500', '"amount":15', $b)],
            'altered status' => [fn (string $b) => str_replace('"status":2', '"status":3', $b)],
            'refund made a payment' => [fn (string $b) => str_replace('"payType":"pay"', '"payType":"refund"', $b)],
            'added field' => [fn (string $b) => '{"refund":"1",' . substr($b, 1)],
            'no sign' => [fn (string $b) => (string) preg_replace('/,"sign":"\w+"/', '', $b)],
            'empty sign' => [fn (string $b) => (string) preg_replace('/"sign":"\w+"/', '"sign":""', $b)],
            'sign as a number' => [fn (string $b) => (string) preg_replace('/"sign":"\w+"/', '"sign":1', $b)],
        ];
    }

    /** @dataProvider forgeries */
    public function testForgeriesAreRefused(callable $forge): void
    {
        $body = $forge($this->body());
        self::assertNotSame($this->body(), $body);
        $this->expectException(SignatureException::class);
        CardNotification::fromRequest($this->config(), $body, 'application/json');
    }

    public function testWrongKeyIsRefused(): void
    {
        $this->expectException(SignatureException::class);
        CardNotification::fromRequest($this->config(), $this->body([], 'attacker'));
    }

    public function testAmbiguousOrBrokenBodiesAreRefused(): void
    {
        $body = $this->body();
        foreach ([
            'duplicated key' => substr($body, 0, -1) . ',"amount":1500}',
            'duplicated sign' => substr($body, 0, -1) . ',"sign":"X"}',
            'nested duplicate' => '{"x":{"a":1,"a":2},' . substr($body, 1),
            'form body' => http_build_query($this->order()),
            'list' => '[1,2]',
            'broken' => '{"payOrderId":',
            'empty' => '',
        ] as $what => $b) {
            try {
                CardNotification::fromRequest($this->config(), $b, 'application/x-www-form-urlencoded');
                self::fail("accepted $what");
            } catch (ValidationException $e) {
                self::assertNotSame('', $e->getField(), $what);
            }
        }
        // Signed but unreadable: a decimal amount, a missing mchId.
        foreach ([['amount' => '15.00'], ['mchId' => null]] as $over) {
            $f = array_filter($this->order($over), fn ($v) => $v !== null);
            $f['sign'] = Signer::sign($f, self::KEY);
            try {
                CardNotification::fromRequest($this->config(), (string) json_encode($f));
                self::fail('accepted ' . json_encode($over));
            } catch (ValidationException $e) {
                self::assertSame(array_key_first($over), $e->getField());
            }
        }
    }

    public function testTheV1ParserRefusesACardRefundRecord(): void
    {
        // Same fields as a v1 payment notification, status 2 included: it must
        // never be read as one by an endpoint wired to the wrong class.
        $body = $this->body(['payType' => 'refund', 'originalOrderId' => 'PC1', 'mchOrderNo' => 'WC1R1']);
        try {
            \IotPay\Notification::fromRequest($this->config(), $body, 'application/json');
            self::fail('a card refund record was read as a v1 payment');
        } catch (ValidationException $e) {
            self::assertSame('payType', $e->getField());
        }
        self::assertTrue(CardNotification::fromRequest($this->config(), $body)->isRefundRecord());
    }

    public function testCardDataIsCleanedOnArrival(): void
    {
        // A number that arrives unmasked is masked; a cvv is never kept (D29).
        $n = $this->notification(['cardNum' => '4325670000002266', 'cvv' => '786']);
        self::assertSame('432567******2266', $n->getCardNum());
        self::assertArrayNotHasKey('cvv', $n->toArray());
        $dump = print_r($n, true) . var_export($n, true) . print_r($n->toArray(), true);
        self::assertStringNotContainsString('4325670000002266', $dump);
        self::assertStringNotContainsString('786', $dump);
        self::assertStringNotContainsString('"0725"', (string) json_encode((array) $n) . print_r($n, true));
        self::assertStringContainsString('[redacted]', print_r($n, true));
        self::assertSame('0725', $n->getExpiryDate());
    }

    private function expected(array $over = []): array
    {
        return $over + ['mchId' => '10000701', 'mchOrderNo' => 'WC1-2', 'previousMchOrderNos' => ['WC1-1'], 'amount' => 1500, 'currency' => 'CAD', 'alreadyPaid' => false];
    }

    public function testDecisionOutcomesForCards(): void
    {
        $refund = ['payType' => 'refund', 'mchOrderNo' => 'WC1R1', 'originalOrderId' => 'PC20240101231256043886634219', 'payOrderId' => 'RP1', 'refundable' => 0, 'amount' => 500];
        $cases = [
            'paid' => [[], [], Decision::COMPLETE, true],
            'paid, notified' => [[], ['status' => 3], Decision::COMPLETE, true],
            'pending' => [[], ['status' => 0], Decision::PENDING, true],
            'unknown' => [[], ['status' => 1], Decision::PENDING, true],
            'no status' => [[], ['status' => null], Decision::PENDING, true],
            'declined' => [[], ['status' => 9], Decision::FAILED, true],
            'declined, earlier attempt' => [[], ['status' => 9, 'mchOrderNo' => 'WC1-1'], Decision::SUPERSEDED, true],
            'declined after paid' => [['alreadyPaid' => true, 'paidMchOrderNo' => 'WC1-2'], ['status' => 9], Decision::ALREADY_SETTLED, true],
            'paid twice' => [['alreadyPaid' => true, 'paidMchOrderNo' => 'WC1-1'], [], Decision::DUPLICATE_PAYMENT, true],
            'refund' => [[], $refund, Decision::REFUND_RECORD, true],
            'full refund, same number and amount' => [[], ['payType' => 'refund', 'amount' => 1500], Decision::REFUND_RECORD, true],
            'void, failed' => [[], ['status' => 9] + $refund, Decision::REFUND_RECORD, true],
            'refund after paid' => [['alreadyPaid' => true, 'paidMchOrderNo' => 'WC1-2'], $refund, Decision::REFUND_RECORD, true],
            'record with originalOrderId only' => [[], ['originalOrderId' => 'PC9', 'payType' => null], Decision::REFUND_RECORD, true],
            'other order' => [[], ['mchOrderNo' => 'OTHER'], Decision::NOT_OURS, false],
            'amount' => [[], ['amount' => 1499], Decision::MISMATCH, false],
            'other merchant refund' => [['mchId' => 'M2'], $refund, Decision::MISMATCH, false],
        ];
        foreach ($cases as $what => [$e, $o, $outcome, $ack]) {
            $f = array_filter($this->order($o), fn ($v) => $v !== null);
            $f['sign'] = Signer::sign($f, self::KEY);
            $n = CardNotification::fromRequest($this->config(), (string) json_encode($f));
            foreach ([$n, $n->getOrder()] as $observed) {
                $d = Decision::decide($this->expected($e), $observed);
                self::assertSame($outcome, $d->getOutcome(), $what);
                self::assertSame($ack, $d->shouldAcknowledge(), $what);
                self::assertSame($outcome === Decision::COMPLETE, $d->shouldComplete(), $what);
            }
        }
        self::assertSame('failed', Decision::FAILED);
        self::assertSame('refund_record', Decision::REFUND_RECORD);
    }
}
