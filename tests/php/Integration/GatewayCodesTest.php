<?php

declare(strict_types=1);

namespace IotPay\Tests\Integration;

use IotPay\Client;
use IotPay\Exception\GatewayException;
use IotPay\Tests\Support\Sandbox;
use PHPUnit\Framework\TestCase;

/** Every IOTPay error code of spec §14, answered by the sandbox, reaches PHP typed and classified. */
final class GatewayCodesTest extends TestCase
{
    /** @return array<string, array{0: string, 1: string}> code → expected classification */
    public static function codes(): array
    {
        $c = [
            '0010' => 'query_first', '0011' => 'final', '0012' => 'final', '0013' => 'final', '0014' => 'final',
            '0015' => 'final', '0110' => 'query_first', '0111' => 'query_first', '0112' => 'final',
            '0113' => 'final', '0118' => 'query_first', 'SYSTEMERROR' => 'query_first',
        ];
        $out = [];
        foreach ($c as $code => $cls) {
            $out[$code] = [$code, $cls];
        }
        return $out;
    }

    /** @dataProvider codes */
    public function testCodeOnCreateAndRefund(string $code, string $classification): void
    {
        $sb = Sandbox::get();
        $sb->clearFaults();
        $c = new Client($sb->config());
        $no = Sandbox::orderNo('G');
        $sb->setFaults(['error_code' => $code, 'endpoint' => 'create_order', 'once' => true]);
        try {
            $c->createOrder([
                'mchOrderNo' => $no, 'channelId' => 'UPI_QR', 'currency' => 'CAD', 'amount' => 100,
                'clientIp' => '127.0.0.1', 'notifyUrl' => 'http://127.0.0.1:9/n', 'subject' => 's', 'body' => 'b',
            ]);
            self::fail("no exception for $code");
        } catch (GatewayException $e) {
            self::assertSame($code, $e->getProviderCode());
            self::assertSame($classification, $e->getClassification());
            self::assertSame($classification === 'query_first', $e->shouldQueryFirst());
            self::assertFalse($e->isRetryable());
            self::assertNotSame('', $e->getProviderMessage());
            self::assertSame(5, $e->getCode());
        }
        // Nothing was created: the same mchOrderNo is still free.
        $r = $c->createOrder([
            'mchOrderNo' => $no, 'channelId' => 'UPI_QR', 'currency' => 'CAD', 'amount' => 100,
            'clientIp' => '127.0.0.1', 'notifyUrl' => 'http://127.0.0.1:9/n', 'subject' => 's', 'body' => 'b',
        ]);
        $sb->pay((string) $r->getPayOrderId());
        $sb->setFaults(['error_code' => $code, 'endpoint' => 'refund_order', 'once' => true]);
        $this->expectException(GatewayException::class);
        $c->refundOrder(['mchRefundNo' => 'R' . substr($no, 1), 'refundAmount' => 10, 'payOrderId' => $r->getPayOrderId(), 'clientIp' => '127.0.0.1']);
    }
}
