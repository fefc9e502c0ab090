<?php

declare(strict_types=1);

namespace IotPay\Tests\Unit;

use IotPay\Config;
use IotPay\Exception\SignatureException;
use IotPay\Exception\ValidationException;
use IotPay\Notification;
use IotPay\Signer;
use PHPUnit\Framework\TestCase;

final class NotificationTest extends TestCase
{
    private const KEY = 'test_merchant_key';

    private function config(): Config
    {
        return new Config(['mchId' => '20001222', 'key' => self::KEY]);
    }

    /** @return array<string,string> spec §2.5 V3 with its sign */
    private function v3(): array
    {
        $f = json_decode('{"payOrderId":"P20160427210604000490","mchId":"20001222","mchOrderNo":"20160427210604000490","channelId":"WX_NATIVE","currency":"CAD","amount":"100","status":"2","clientIp":"210.73.10.148","device":"WEB","subject":"product title","body":"product description","channelOrderNo":"wx2016081611532915ae15beab0167893571","param1":"","param2":"","paySuccTime":"1505049094262","backType":"2"}', true);
        $f['sign'] = '3677837E9B7858B4E771ACE021625D59';
        return $f;
    }

    public function testFormBodyQueryStringAndJson(): void
    {
        $f = $this->v3();
        foreach ([
            [http_build_query($f), 'application/x-www-form-urlencoded', ''],
            ['', '', http_build_query($f)],
            [json_encode($f), 'application/json', ''],
            [json_encode($f), '', ''],
        ] as [$body, $ct, $qs]) {
            $n = Notification::fromRequest($this->config(), $body, $ct, $qs);
            self::assertSame('P20160427210604000490', $n->getPayOrderId());
            self::assertSame('20160427210604000490', $n->getMchOrderNo());
            self::assertSame(100, $n->getAmount());
            self::assertSame('CAD', $n->getCurrency());
            self::assertTrue($n->isPaid());
            self::assertSame(2, $n->getStatus());
            self::assertSame(1505049094262, $n->getPaySuccTime());
            self::assertArrayNotHasKey('sign', $n->toArray());
        }
        self::assertSame('success', Notification::ACK);
        self::assertSame('success', Notification::acknowledgement());
    }

    public function testStatusThreeIsPaid(): void
    {
        $f = $this->v3();
        $f['status'] = '3';
        unset($f['sign']);
        $f['sign'] = Signer::sign($f, self::KEY);
        self::assertTrue(Notification::fromRequest($this->config(), http_build_query($f))->isPaid());
    }

    /** @return array<string, array{0: callable}> */
    public static function forgeries(): array
    {
        return [
            'altered amount' => [fn (array $f) => ['amount' => '1'] + $f],
            'altered order' => [fn (array $f) => ['mchOrderNo' => 'X'] + $f],
            'no sign' => [function (array $f) { unset($f['sign']); return $f; }],
            'wrong key' => [function (array $f) { unset($f['sign']); $f['sign'] = Signer::sign($f, 'attacker'); return $f; }],
            'added field' => [fn (array $f) => $f + ['refund' => '1']],
            'empty sign' => [fn (array $f) => ['sign' => ''] + $f],
        ];
    }

    /** @dataProvider forgeries */
    public function testForgeriesAreRefused(callable $mutate): void
    {
        $this->expectException(SignatureException::class);
        Notification::fromRequest($this->config(), http_build_query($mutate($this->v3())));
    }

    public function testAmbiguousOrBrokenRequestsAreRefused(): void
    {
        $body = http_build_query($this->v3());
        foreach ([
            [$body . '&amount=100', ''],
            [$body, 'amount=100'],
            ['{"broken', ''],
            ['', ''],
            ["\xff\xfe=1", ''],
        ] as [$b, $q]) {
            try {
                Notification::fromRequest($this->config(), $b, '', $q);
                self::fail('accepted ' . $b);
            } catch (ValidationException $e) {
                self::assertNotSame('', $e->getField());
            }
        }
    }

    public function testJsonBodyWithADuplicatedKeyIsRefused(): void
    {
        // json_decode keeps the last value; a body that says two things is refused
        // whichever one the signature was made over (D19).
        $json = json_encode($this->v3());
        foreach ([
            'same value' => substr($json, 0, -1) . ',"amount":"100"}',
            'other value' => substr($json, 0, -1) . ',"amount":"1"}',
            'sign twice' => substr($json, 0, -1) . ',"sign":"3677837E9B7858B4E771ACE021625D59"}',
            'nested' => substr($json, 0, -1) . ',"extra":{"a":"1","a":"2"}}',
        ] as $what => $body) {
            foreach (['application/json', ''] as $ct) {
                try {
                    Notification::fromRequest($this->config(), $body, $ct);
                    self::fail("accepted a duplicated key ($what)");
                } catch (ValidationException $e) {
                    self::assertStringContainsString('more than once', $e->getMessage(), $what);
                }
            }
        }
    }

    public function testSignedButNonNumericAmountIsRefused(): void
    {
        $f = $this->v3();
        $f['amount'] = '1.00';
        unset($f['sign']);
        $f['sign'] = Signer::sign($f, self::KEY);
        try {
            Notification::fromRequest($this->config(), http_build_query($f));
            self::fail('accepted decimal amount');
        } catch (ValidationException $e) {
            self::assertSame('amount', $e->getField());
        }
    }
}
