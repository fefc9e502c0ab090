<?php

declare(strict_types=1);

namespace IotPay\Tests\Unit;

use IotPay\Config;
use IotPay\Decision;
use IotPay\Exception\ValidationException;
use IotPay\Notification;
use IotPay\Signer;
use PHPUnit\Framework\TestCase;

final class DecisionTest extends TestCase
{
    private const KEY = 'k';

    private function notification(array $over = []): Notification
    {
        $f = $over + ['payOrderId' => 'P1', 'mchId' => 'M1', 'mchOrderNo' => 'WC1-2', 'currency' => 'CAD', 'amount' => '1234', 'status' => '2'];
        $f['sign'] = Signer::sign($f, self::KEY);
        return Notification::fromRequest(new Config(['mchId' => 'M1', 'key' => self::KEY]), http_build_query($f));
    }

    private function expected(array $over = []): array
    {
        return $over + ['mchId' => 'M1', 'mchOrderNo' => 'WC1-2', 'previousMchOrderNos' => ['WC1-1'], 'amount' => 1234, 'currency' => 'CAD', 'alreadyPaid' => false];
    }

    public function testOutcomes(): void
    {
        $cases = [
            [[], [], Decision::COMPLETE, true],
            [['alreadyPaid' => true, 'paidMchOrderNo' => 'WC1-2'], [], Decision::ALREADY_SETTLED, true],
            [['alreadyPaid' => true, 'paidMchOrderNo' => 'WC1-1'], [], Decision::DUPLICATE_PAYMENT, true],
            [[], ['status' => '1'], Decision::PENDING, true],
            [[], ['status' => '9'], Decision::CANCELLED, true],
            [[], ['mchOrderNo' => 'WC1-1', 'status' => '0'], Decision::SUPERSEDED, true],
            [[], ['mchOrderNo' => 'WC1-1'], Decision::COMPLETE, true],
            [[], ['mchOrderNo' => 'OTHER'], Decision::NOT_OURS, false],
            [[], ['amount' => '1233'], Decision::MISMATCH, false],
            [[], ['currency' => 'USD'], Decision::MISMATCH, false],
            [['mchId' => 'M2'], [], Decision::MISMATCH, false],
        ];
        foreach ($cases as $i => [$e, $n, $outcome, $ack]) {
            $d = Decision::decide($this->expected($e), $this->notification($n));
            self::assertSame($outcome, $d->getOutcome(), "case $i");
            self::assertSame($ack, $d->shouldAcknowledge(), "case $i");
            self::assertSame($outcome === Decision::COMPLETE, $d->shouldComplete(), "case $i");
        }
        $d = Decision::decide($this->expected(), $this->notification(['amount' => '1']));
        self::assertSame('amount', $d->getField());
        self::assertTrue($d->needsAttention());
    }

    public function testBadInputs(): void
    {
        foreach ([
            [$this->expected(['amount' => '12.34']), $this->notification()],
            [$this->expected(['typo' => 1]), $this->notification()],
            [$this->expected(), new \stdClass()],
            [$this->expected(), 'x'],
        ] as [$e, $o]) {
            try {
                Decision::decide($e, $o);
                self::fail('accepted bad input');
            } catch (ValidationException) {
                self::assertTrue(true);
            }
        }
    }
}
