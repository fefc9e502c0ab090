<?php

declare(strict_types=1);

namespace IotPay\Tests\Unit;

use IotPay\Autodebit\ContractDecision;
use IotPay\Autodebit\ContractNotification;
use IotPay\Autodebit\ContractStatus;
use IotPay\Autodebit\Limits;
use IotPay\Config;
use IotPay\Exception\SignatureException;
use IotPay\Exception\ValidationException;
use IotPay\Notification;
use IotPay\Signer;
use PHPUnit\Framework\TestCase;

/** Contract callbacks and their decision, and the limits' input, in the extension alone. */
final class AutodebitCallbackTest extends TestCase
{
    private const KEY = 'k_autodebit';

    private static function config(): Config
    {
        return new Config(['mchId' => '10000701', 'key' => self::KEY]);
    }

    /** §13.4's sample, signed with our key. */
    private static function body(array $over = [], array $drop = []): string
    {
        $f = $over + ['iotpayContractId' => 'CWJ202508182305444', 'mchContractId' => 'b208c6dd-4f4e-4745-b17c-8d8a348f7064',
            'status' => '2', 'signedAt' => '1755558434000', 'cancelledAt' => '0', 'contractId' => '2025081907667718',
            'openId' => 'osirq1BQeEVY'];
        foreach ($drop as $k) {
            unset($f[$k]);
        }
        $f['sign'] = Signer::sign($f, self::KEY);
        return (string) json_encode($f);
    }

    public function testTheSpecSampleAsJsonOrForm(): void
    {
        $n = ContractNotification::fromRequest(self::config(), self::body(), 'application/json');
        self::assertTrue($n->isSigned());
        self::assertSame(ContractStatus::SIGNED, $n->getStatus());
        self::assertSame(1755558434000, $n->getSignedAt());
        self::assertNull($n->getCancelledAt());
        self::assertNull($n->getMchId());
        self::assertArrayNotHasKey('sign', $n->toArray());
        self::assertSame('success', ContractNotification::ACK);
        $form = http_build_query(json_decode(self::body(), true));
        self::assertTrue(ContractNotification::fromRequest(self::config(), $form, 'application/x-www-form-urlencoded')->isSigned());
    }

    public function testATerminationWithoutTimesIsStillRead(): void
    {
        $n = ContractNotification::fromRequest(self::config(), self::body(['status' => '9'], ['signedAt', 'cancelledAt']));
        self::assertTrue($n->isTerminated());
        self::assertNull($n->getSignedAt());
    }

    public function testRefusals(): void
    {
        $cases = [
            'unsigned' => [str_replace('"sign"', '"sig"', self::body()), SignatureException::class],
            'altered' => [str_replace('"status":"2"', '"status":"9"', self::body()), SignatureException::class],
            'duplicated' => [substr(self::body(), 0, -1) . ',"status":"2"}', ValidationException::class],
            'no id' => [self::body([], ['iotpayContractId']), ValidationException::class],
            'bad time' => [self::body(['signedAt' => 'yesterday']), ValidationException::class],
        ];
        foreach ($cases as $name => [$body, $class]) {
            try {
                ContractNotification::fromRequest(self::config(), $body, 'application/json');
                self::fail("$name accepted");
            } catch (\IotPay\Exception\IotPayException $e) {
                self::assertInstanceOf($class, $e, $name);
            }
        }
        // Neither kind of callback passes for the other.
        $this->expectException(ValidationException::class);
        Notification::fromRequest(self::config(), self::body(), 'application/json');
    }

    public function testDecisions(): void
    {
        $signed = ContractNotification::fromRequest(self::config(), self::body());
        $odd = ContractNotification::fromRequest(self::config(), self::body(['status' => '5']));
        $id = 'b208c6dd-4f4e-4745-b17c-8d8a348f7064';
        $d = ContractDecision::decide(['mchContractId' => $id, 'status' => null], $signed);
        self::assertSame(ContractDecision::ACTIVATE, $d->getOutcome());
        $d = ContractDecision::decide(['mchContractId' => $id], $odd);
        self::assertSame(ContractDecision::UNKNOWN_STATUS, $d->getOutcome());
        self::assertFalse($d->shouldAcknowledge());
        self::assertTrue($d->needsAttention());
        $d = ContractDecision::decide(['mchContractId' => $id, 'iotpayContractId' => 'CWJ-other'], $signed);
        self::assertSame([ContractDecision::MISMATCH, 'iotpayContractId'], [$d->getOutcome(), $d->getField()]);
        foreach ([['mchContractId' => $id, 'status' => 5], ['mchContractId' => $id, 'state' => 2], ['status' => 2]] as $bad) {
            try {
                ContractDecision::decide($bad, $signed);
                self::fail('accepted ' . json_encode($bad));
            } catch (ValidationException) {
            }
        }
    }

    public function testHistoryMustBeWellFormed(): void
    {
        $l = Limits::wechat();
        foreach ([[1], [['time' => 1]], [['time' => 1, 'amount' => 1, 'at' => 2]], [['time' => '1', 'amount' => 1]], [['time' => 0, 'amount' => 1]]] as $bad) {
            try {
                $l->check(100, $bad, 1_000_000);
                self::fail('accepted ' . json_encode($bad));
            } catch (ValidationException) {
            }
        }
        self::assertTrue($l->check(100, [], 1_000_000));
    }
}
