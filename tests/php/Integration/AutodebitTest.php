<?php

declare(strict_types=1);

namespace IotPay\Tests\Integration;

use IotPay\Autodebit\ContractDecision;
use IotPay\Autodebit\ContractNotification;
use IotPay\Autodebit\ContractStatus;
use IotPay\Autodebit\Limits;
use IotPay\Client;
use IotPay\Decision;
use IotPay\Exception\GatewayException;
use IotPay\Exception\SignatureException;
use IotPay\Exception\ValidationException;
use IotPay\Notification;
use IotPay\Signer;
use IotPay\Tests\Support\NotifyReceiver;
use IotPay\Tests\Support\Sandbox;
use IotPay\Tests\Support\SandboxTestCase;

/**
 * Autodebit (spec §13) through the real extension against the real sandbox,
 * over HTTP and HTTPS: contract signing, the contract callback, debits, their
 * callbacks and queries, the WeChat limits refused before any request,
 * forged callbacks, and termination.
 */
final class AutodebitTest extends SandboxTestCase
{
    /** @return array<string, array{0: bool}> */
    public static function transports(): array
    {
        return ['http' => [false], 'https' => [true]];
    }

    private static function contractId(): string
    {
        return 'ct-' . bin2hex(random_bytes(8));
    }

    /** @param array<string, mixed> $over */
    private function contract(string $notifyUrl, array $over = []): array
    {
        return $over + [
            'mchContractId' => self::contractId(),
            'channelId' => 'WX_JSAPI',
            'currency' => 'CAD',
            'payerName' => '张三 Zhang',
            'notifyUrl' => $notifyUrl,
            'clientIp' => '203.0.113.9',
            'device' => 'WEB',
        ];
    }

    /** @param array<string, mixed> $over */
    private function debitRequest(string $contractId, string $notifyUrl, array $over = []): array
    {
        return $over + [
            'mchOrderNo' => Sandbox::orderNo('AD'),
            'mchContractId' => $contractId,
            'channelId' => 'WX_JSAPI',
            'currency' => 'CAD',
            'amount' => 2500,
            'body' => 'Monthly box',
            'notifyUrl' => $notifyUrl,
        ];
    }

    /** The callbacks the receiver got for one contract or one debit. */
    private static function recordsFor(NotifyReceiver $rx, string $key, string $value, int $n): array
    {
        $deadline = microtime(true) + 10;
        do {
            $got = array_values(array_filter($rx->received(), fn (array $r) => ($r[$key] ?? null) === $value));
            if (count($got) >= $n) {
                return $got;
            }
            usleep(50_000);
        } while (microtime(true) < $deadline);
        return $got;
    }

    /** Signs a contract at the sandbox and has the payer sign it; returns [contract, callback record]. */
    private function signedContract(Client $c, NotifyReceiver $rx, array $over = []): array
    {
        $req = $this->contract($rx->contractUrl, $over);
        $contract = $c->signContract($req);
        $this->sb->setContract((string) $contract->getIotpayContractId(), 'sign');
        $cb = self::recordsFor($rx, 'mchContractId', $req['mchContractId'], 1);
        self::assertCount(1, $cb, 'the contract callback did not arrive');
        return [$contract, $cb[0]];
    }

    /** @dataProvider transports */
    public function testSignDebitQueryAndBothCallbacks(bool $tls): void
    {
        $rx = new NotifyReceiver();
        $cfg = $this->sb->config($tls);
        $c = new Client($cfg);
        $req = $this->contract($rx->contractUrl);
        $contract = $c->signContract($req);
        self::assertSame($req['mchContractId'], $contract->getMchContractId());
        self::assertSame(ContractStatus::PENDING, $contract->getStatus());
        self::assertStringContainsString('/sign-contract/', (string) $contract->getSignUrl());
        self::assertNotEmpty($contract->getIotpayContractId());

        // The payer signs: the callback arrives, verifies, and makes the contract usable.
        $this->sb->setContract((string) $contract->getIotpayContractId(), 'sign');
        [$cb] = self::recordsFor($rx, 'mchContractId', $req['mchContractId'], 1);
        self::assertTrue($cb['verified'], $cb['error'] ?? '');
        self::assertSame(ContractStatus::SIGNED, $cb['status']);
        self::assertGreaterThan(1_700_000_000_000, $cb['signedAt']);
        self::assertNull($cb['cancelledAt']);
        $n = ContractNotification::fromRequest($cfg, $cb['raw'], $cb['contentType']);
        $expected = ['mchContractId' => $req['mchContractId'], 'iotpayContractId' => $contract->getIotpayContractId(),
            'mchId' => Sandbox::MCH_ID, 'status' => ContractStatus::PENDING];
        $d = ContractDecision::decide($expected, $n);
        self::assertSame(ContractDecision::ACTIVATE, $d->getOutcome());
        self::assertTrue($d->isUsable() && $d->shouldAcknowledge());
        $again = ContractDecision::decide(['status' => ContractStatus::SIGNED] + $expected, $n);
        self::assertSame(ContractDecision::ALREADY_ACTIVE, $again->getOutcome());

        // A debit is a payment: answered paid, decided exactly once.
        $dreq = $this->debitRequest($req['mchContractId'], $rx->url);
        $r = $c->debit($dreq, []);
        self::assertTrue($r->isPaid(), $r->getStatusName());
        self::assertSame(2500, $r->getAmount());
        self::assertSame('CAD', $r->getCurrency());
        self::assertSame($dreq['mchOrderNo'], $r->getMchOrderNo());
        self::assertNotEmpty($r->getPayOrderId());
        $order = ['mchId' => Sandbox::MCH_ID, 'mchOrderNo' => $dreq['mchOrderNo'], 'amount' => 2500, 'currency' => 'CAD'];
        self::assertSame(Decision::COMPLETE, Decision::decide($order, $r)->getOutcome());

        // Its payment callback is a §6 notification.
        [$pay] = self::recordsFor($rx, 'mchOrderNo', $dreq['mchOrderNo'], 1);
        self::assertTrue($pay['verified'], $pay['error'] ?? '');
        self::assertSame(2500, $pay['amount']);
        $pn = Notification::fromRequest($cfg, $pay['raw'], $pay['contentType']);
        $paid = $order + ['alreadyPaid' => true, 'paidMchOrderNo' => $dreq['mchOrderNo']];
        self::assertSame(Decision::ALREADY_SETTLED, Decision::decide($paid, $pn)->getOutcome());
        self::assertSame(Decision::COMPLETE, Decision::decide($order, $pn)->getOutcome());

        // contract/query_order, by either number.
        $q = $c->queryDebitByMchOrderNo($dreq['mchOrderNo']);
        self::assertTrue($q->isPaid());
        self::assertSame(2500, $q->getAmount());
        self::assertSame($r->getPayOrderId(), $c->queryDebitByPayOrderId((string) $r->getPayOrderId())->getPayOrderId());
        self::assertSame(Decision::ALREADY_SETTLED, Decision::decide($paid, $q)->getOutcome());
    }

    public function testSigningAnswersForEveryChannel(): void
    {
        $c = new Client($this->sb->config());
        foreach (['WX_JSAPI' => [], 'WX_MWEB' => [], 'WX_APP' => ['extra' => ['appId' => 'wxapp1']]] as $channel => $more) {
            $contract = $c->signContract($this->contract('https://shop.example/contract-notify', ['channelId' => $channel] + $more));
            self::assertNotEmpty($contract->getSignUrl(), $channel);
            self::assertSame('pending', $contract->getStatusName());
        }
        // A contract id can be signed only once (§13).
        $req = $this->contract('https://shop.example/contract-notify');
        $c->signContract($req);
        $this->expectException(GatewayException::class);
        $c->signContract($req);
    }

    public function testFieldRulesRefuseBeforeAnyRequest(): void
    {
        $c = new Client($this->sb->config());
        $before = $this->sb->requestCount('contract');
        $url = 'https://shop.example/contract-notify';
        $cases = [
            'mchContractId' => ['mchContractId' => str_repeat('a', 129)],
            'payerName' => ['payerName' => 'Zhang 😀'],
            'notifyUrl' => ['notifyUrl' => $url . '?x=1'],
            'returnUrl' => ['returnUrl' => 'https://shop.example/back?x=1'],
            'extra' => ['channelId' => 'WX_APP'],
            'channelId' => ['channelId' => 'WX_NATIVE'],
            'currency' => ['currency' => 'EUR'],
        ];
        foreach ($cases as $field => $over) {
            try {
                $c->signContract($this->contract($url, $over));
                self::fail("$field accepted");
            } catch (ValidationException $e) {
                self::assertSame($field, $e->getField());
            }
        }
        self::assertSame($before, $this->sb->requestCount('contract'), 'a refused contract reached the sandbox');
        // Within the rules the same request goes out (and the count moves).
        $c->signContract($this->contract($url, ['mchContractId' => str_repeat('a', 100) . bin2hex(random_bytes(4)), 'payerName' => str_repeat('张', 10)]));
        self::assertSame($before + 1, $this->sb->requestCount('contract'));
    }

    /** @dataProvider transports */
    public function testLimitsAreRefusedBeforeAnyRequest(bool $tls): void
    {
        $rx = new NotifyReceiver();
        $c = new Client($this->sb->config($tls));
        [$contract] = $this->signedContract($c, $rx);
        $id = $contract->getMchContractId();
        $now = (int) (microtime(true) * 1000);
        $before = $this->sb->requestCount('contract_create_order');
        $refused = function (string $limit, array $req, ?array $history) use ($c): void {
            try {
                $c->debit($req, $history);
                self::fail("$limit: sent");
            } catch (ValidationException $e) {
                self::assertSame($limit, $e->getField());
            }
        };
        // Above CAD 30: refused with or without a history.
        $refused('limit.perDebit', $this->debitRequest($id, $rx->url, ['amount' => 3001]), null);
        $refused('limit.perDebit', $this->debitRequest($id, $rx->url, ['amount' => 3001]), []);
        // A second debit the same day.
        $refused('limit.perDay', $this->debitRequest($id, $rx->url), [['time' => $now - 60_000, 'amount' => 100]]);
        self::assertSame($before, $this->sb->requestCount('contract_create_order'), 'a refused debit reached the sandbox');

        // Within the limits it is sent and paid; the shop records it...
        $first = $c->debit($this->debitRequest($id, $rx->url, ['amount' => 3000]), []);
        self::assertTrue($first->isPaid());
        self::assertSame($before + 1, $this->sb->requestCount('contract_create_order'));
        $history = [['time' => (int) $first->getPaySuccTime(), 'amount' => 3000]];
        // ... so the next one today never leaves the extension.
        $refused('limit.perDay', $this->debitRequest($id, $rx->url, ['amount' => 100]), $history);
        self::assertSame($before + 1, $this->sb->requestCount('contract_create_order'));
        // Without the history the sandbox refuses it itself, as IOTPay would: they agree.
        try {
            $c->debit($this->debitRequest($id, $rx->url, ['amount' => 100]));
            self::fail('the sandbox debited twice in a day');
        } catch (GatewayException $e) {
            self::assertStringContainsString('per day', $e->getProviderMessage());
        }
    }

    /** D55: a USD contract's limit is US$20 (never above CAD 30), in the extension and the sandbox alike. */
    public function testAUsdContractIsLimitedTo20(): void
    {
        $rx = new NotifyReceiver();
        $c = new Client($this->sb->config(false));
        [$contract] = $this->signedContract($c, $rx, ['currency' => 'USD']);
        $id = $contract->getMchContractId();
        $before = $this->sb->requestCount('contract_create_order');
        try {
            $c->debit($this->debitRequest($id, $rx->url, ['currency' => 'USD', 'amount' => 2001]), []);
            self::fail('US$20.01 was sent');
        } catch (ValidationException $e) {
            self::assertSame('limit.perDebit', $e->getField());
            self::assertStringContainsString('2000', $e->getMessage());
        }
        self::assertSame($before, $this->sb->requestCount('contract_create_order'), 'a refused debit reached the sandbox');
        self::assertTrue($c->debit($this->debitRequest($id, $rx->url, ['currency' => 'USD', 'amount' => 2000]), [])->isPaid());
        foreach (['CAD' => 3000, 'CNY' => 3000, 'USD' => 2000] as $currency => $perDebit) {
            $l = Limits::wechat($currency);
            self::assertSame([$perDebit, $perDebit, $perDebit], [$l->getPerDebit(), $l->getPerDayAmount(), $l->getPerMonthAmount()], $currency);
        }
        self::assertSame(Limits::wechat('CAD')->getPerDebit(), Limits::wechat()->getPerDebit());
        try {
            Limits::wechat('EUR');
            self::fail('EUR has WeChat limits');
        } catch (ValidationException $e) {
            self::assertSame('currency', $e->getField());
        }
    }

    public function testMonthlyLimitsAsAPureCheck(): void
    {
        $l = Limits::wechat();
        self::assertSame(3000, $l->getPerDebit());
        self::assertSame(Limits::PER_DEBIT, $l->getPerDebit());
        self::assertSame(1, $l->getDebitsPerDay());
        self::assertSame(3, $l->getDebitsPerMonth());
        self::assertSame(3000, $l->getPerMonthAmount());
        self::assertSame([0, 480], $l->getCalendarOffsetsMinutes());
        self::assertTrue($l->allowsAmount(3000));
        self::assertFalse($l->allowsAmount(3001));
        $day = 86_400_000;
        $now = gmmktime(12, 0, 0, 3, 20, 2026) * 1000;
        $three = [['time' => $now - 2 * $day, 'amount' => 500], ['time' => $now - 5 * $day, 'amount' => 500], ['time' => $now - 9 * $day, 'amount' => 500]];
        $field = function (int $amount, array $history) use ($l, $now): ?string {
            try {
                $l->check($amount, $history, $now);
                return null;
            } catch (ValidationException $e) {
                return $e->getField();
            }
        };
        self::assertSame('limit.perMonth', $field(500, $three));
        self::assertNull($field(500, array_slice($three, 0, 2)));
        self::assertSame('limit.perMonthAmount', $field(2001, array_slice($three, 0, 2)));
        // 2026-03-31 18:00 UTC and 2026-04-01 01:00 UTC are two days in UTC but
        // one in China (04-01 02:00 and 09:00): the second is refused.
        $late = gmmktime(18, 0, 0, 3, 31, 2026) * 1000;
        try {
            $l->check(100, [['time' => $late, 'amount' => 100]], gmmktime(1, 0, 0, 4, 1, 2026) * 1000);
            self::fail('same China day accepted');
        } catch (ValidationException $e) {
            self::assertSame('limit.perDay', $e->getField());
            self::assertStringContainsString('China', $e->getMessage());
        }
        self::assertTrue($l->check(100, [['time' => $late, 'amount' => 100]], gmmktime(17, 0, 0, 4, 1, 2026) * 1000));
        $this->expectException(ValidationException::class);
        $l->check(100, [['time' => 'yesterday', 'amount' => 100]], $now);
    }

    public function testForgedCallbacksAreRefused(): void
    {
        $rx = new NotifyReceiver();
        $cfg = $this->sb->config();
        $c = new Client($cfg);
        [$contract, $cb] = $this->signedContract($c, $rx);
        $id = $contract->getMchContractId();
        $r = $c->debit($this->debitRequest($id, $rx->url), []);
        [$pay] = self::recordsFor($rx, 'mchOrderNo', $r->getMchOrderNo(), 1);
        self::assertTrue($pay['verified']);

        // Another key (a forger, or another merchant account): the signature fails.
        $other = new \IotPay\Config(['mchId' => Sandbox::MCH_ID_2, 'key' => Sandbox::KEY_2]);
        foreach ([fn () => Notification::fromRequest($other, $pay['raw'], $pay['contentType']),
            fn () => ContractNotification::fromRequest($other, $cb['raw'], $cb['contentType'])] as $i => $parse) {
            try {
                $parse();
                self::fail("callback $i verified with another key");
            } catch (SignatureException) {
            }
        }
        // An altered amount, or an altered contract status: the signature fails.
        $altered = str_replace('amount=2500', 'amount=1', $pay['raw']);
        self::assertNotSame($pay['raw'], $altered);
        $terminated = str_replace('"status":"2"', '"status":"9"', $cb['raw']);
        self::assertNotSame($cb['raw'], $terminated);
        foreach ([fn () => Notification::fromRequest($cfg, $altered, $pay['contentType']),
            fn () => ContractNotification::fromRequest($cfg, $terminated, $cb['contentType']),
            fn () => ContractNotification::fromRequest($cfg, $pay['raw'], $pay['contentType'])] as $i => $parse) {
            try {
                $parse();
                self::fail("forged callback $i accepted");
            } catch (SignatureException | ValidationException) {
            }
        }
        // Correctly signed, but about another merchant or another amount: decided a mismatch.
        parse_str($pay['raw'], $fields);
        unset($fields['sign']);
        $order = ['mchId' => Sandbox::MCH_ID, 'mchOrderNo' => $r->getMchOrderNo(), 'amount' => 2500, 'currency' => 'CAD'];
        foreach (['mchId' => Sandbox::MCH_ID_2, 'amount' => '2400'] as $k => $v) {
            $f = [$k => $v] + $fields;
            $f['sign'] = Signer::sign($f, Sandbox::KEY);
            $d = Decision::decide($order, Notification::fromRequest($cfg, http_build_query($f), 'application/x-www-form-urlencoded'));
            self::assertSame(Decision::MISMATCH, $d->getOutcome(), $k);
            self::assertSame($k, $d->getField());
            self::assertFalse($d->shouldAcknowledge());
        }
        $cf = json_decode($cb['raw'], true);
        unset($cf['sign']);
        $cf['mchId'] = Sandbox::MCH_ID_2;
        $cf['sign'] = Signer::sign($cf, Sandbox::KEY);
        $d = ContractDecision::decide(['mchContractId' => $id, 'mchId' => Sandbox::MCH_ID],
            ContractNotification::fromRequest($cfg, json_encode($cf), 'application/json'));
        self::assertSame(ContractDecision::MISMATCH, $d->getOutcome());
        self::assertFalse($d->shouldAcknowledge());
        $d = ContractDecision::decide(['mchContractId' => 'someone-else'], ContractNotification::fromRequest($cfg, $cb['raw'], $cb['contentType']));
        self::assertSame(ContractDecision::NOT_OURS, $d->getOutcome());
    }

    /** @dataProvider transports */
    public function testTerminationStopsDebitsForGood(bool $tls): void
    {
        $rx = new NotifyReceiver();
        $cfg = $this->sb->config($tls);
        $c = new Client($cfg);
        [$contract, $signedCb] = $this->signedContract($c, $rx);
        $id = $contract->getMchContractId();
        $this->sb->setContract((string) $contract->getIotpayContractId(), 'terminate');
        $cbs = self::recordsFor($rx, 'mchContractId', $id, 2);
        self::assertCount(2, $cbs);
        $term = $cbs[1];
        self::assertTrue($term['verified']);
        self::assertSame(ContractStatus::TERMINATED, $term['status']);
        self::assertGreaterThan(0, $term['cancelledAt']);
        $n = ContractNotification::fromRequest($cfg, $term['raw'], $term['contentType']);
        self::assertTrue($n->isTerminated());
        $expected = ['mchContractId' => $id, 'iotpayContractId' => $contract->getIotpayContractId(), 'status' => ContractStatus::SIGNED];
        $d = ContractDecision::decide($expected, $n);
        self::assertSame(ContractDecision::TERMINATE, $d->getOutcome());
        self::assertTrue($d->shouldTerminate() && $d->shouldAcknowledge());
        self::assertFalse($d->isUsable());
        // The signed callback replayed (or arriving late) never revives it.
        $late = ContractDecision::decide(['status' => ContractStatus::TERMINATED] + $expected,
            ContractNotification::fromRequest($cfg, $signedCb['raw'], $signedCb['contentType']));
        self::assertSame(ContractDecision::ALREADY_TERMINATED, $late->getOutcome());
        self::assertFalse($late->isUsable());
        // IOTPay (the sandbox) refuses a debit on it.
        try {
            $c->debit($this->debitRequest($id, $rx->url), []);
            self::fail('a terminated contract was debited');
        } catch (GatewayException $e) {
            self::assertStringContainsString('not signed', $e->getProviderMessage());
        }
    }
}
