<?php

declare(strict_types=1);

namespace IotPay\Tests\Integration;

use IotPay\Client;
use IotPay\Exception\GatewayException;
use IotPay\Exception\ProtocolException;
use IotPay\Exception\SignatureException;
use IotPay\Exception\TransportException;
use IotPay\Tests\Support\NotifyReceiver;
use IotPay\Tests\Support\FaultsTestCase;
use IotPay\Tests\Support\Sandbox;

/** Every failure kind, produced by the sandbox's fault injection over real HTTP. */
final class FaultsTest extends FaultsTestCase
{
    private function create(?string $no = null): \IotPay\CreateOrderResult
    {
        return $this->c->createOrder([
            'mchOrderNo' => $no ?? Sandbox::orderNo(), 'channelId' => 'UPI_QR', 'currency' => 'CAD', 'amount' => 100,
            'clientIp' => '127.0.0.1', 'notifyUrl' => 'http://127.0.0.1:9/n', 'subject' => 's', 'body' => 'b',
        ]);
    }

    public function testServerErrorIsTransportAndQueryFirst(): void
    {
        $this->sb->setFaults(['error_5xx_rate' => 1.0]);
        try {
            $this->create();
            self::fail('no exception');
        } catch (TransportException $e) {
            self::assertGreaterThanOrEqual(500, $e->getHttpStatus());
            self::assertFalse($e->isTimeout());
            self::assertTrue($e->shouldQueryFirst());
            self::assertFalse($e->isRetryable());
        }
    }

    public function testTimeoutIsNotAFailure(): void
    {
        $no = Sandbox::orderNo();
        $this->sb->setFaults(['hang_rate' => 1.0, 'endpoint' => 'create_order', 'once' => true]);
        $t = microtime(true);
        try {
            $this->create($no);
            self::fail('no exception');
        } catch (TransportException $e) {
            self::assertTrue($e->isTimeout());
            self::assertTrue($e->shouldQueryFirst());
            self::assertLessThan(3.0, microtime(true) - $t, 'the configured timeout was not honoured');
        }
        // The order was created although the answer never came: query, never re-create blindly.
        $q = $this->c->queryOrderByMchOrderNo($no);
        self::assertSame($no, $q->getMchOrderNo());
        self::assertSame(100, $q->getAmount());
    }

    public function testProcessedThen5xxLeavesTheOrderQueryable(): void
    {
        $no = Sandbox::orderNo();
        $this->sb->setFaults(['process_then_5xx_rate' => 1.0, 'endpoint' => 'create_order', 'once' => true]);
        try {
            $this->create($no);
            self::fail('no exception');
        } catch (TransportException $e) {
            self::assertTrue($e->shouldQueryFirst());
        }
        self::assertSame($no, $this->c->queryOrderByMchOrderNo($no)->getMchOrderNo());
    }

    public function testMalformedJsonIsProtocolError(): void
    {
        $this->sb->setFaults(['malformed_json_rate' => 1.0]);
        $this->expectException(ProtocolException::class);
        $this->create();
    }

    public function testBadResponseSignatureIsDetected(): void
    {
        $this->sb->setFaults(['bad_signature_rate' => 1.0]);
        try {
            $this->create();
            self::fail('accepted a badly signed answer');
        } catch (SignatureException $e) {
            self::assertTrue($e->shouldQueryFirst());
        }
    }

    public function testRetParamsAsJsonStringIsRead(): void
    {
        // D23: retParams JSON-encoded, as some implementations send it.
        $this->sb->setFaults(['endpoint' => 'create_order', 'ret_params_as_string' => true]);
        foreach (['ALIPAY_PC', 'ALIPAY_WAP', 'UPI_SEQ'] as $channel) {
            $r = $this->c->createOrder([
                'mchOrderNo' => Sandbox::orderNo(), 'channelId' => $channel, 'currency' => 'CAD', 'amount' => 100,
                'clientIp' => '127.0.0.1', 'notifyUrl' => 'http://127.0.0.1:9/n', 'subject' => 's', 'body' => 'b',
                'returnUrl' => 'https://shop.example/r', 'osType' => 'IOS',
            ]);
            self::assertIsString($r->toArray()['retParams'], $channel);
            self::assertStringContainsString('/pay/', (string) $r->getRedirectUrl(), $channel);
        }
    }

    /** @return array<string, array{0: string, 1: list<string>, 2: string}> */
    public static function missingPaymentData(): array
    {
        return [
            'WX_NATIVE without codeUrl' => ['WX_NATIVE', ['codeUrl'], 'codeUrl'],
            'UPI_QR without qr_code' => ['UPI_QR', ['qr_code'], 'qr_code'],
            'ALIPAY_PC without retParams' => ['ALIPAY_PC', ['retParams'], 'retParams'],
            'UPI_SEQ without retParams' => ['UPI_SEQ', ['retParams'], 'retParams'],
            'payForSubmit without url' => ['WX_JSAPI', ['url'], 'url'],
        ];
    }

    /**
     * @dataProvider missingPaymentData
     * @param list<string> $omit
     */
    public function testSuccessWithoutPaymentDataIsAProtocolError(string $channel, array $omit, string $named): void
    {
        $this->sb->setFaults(['omit_fields' => $omit]);
        $req = [
            'mchOrderNo' => Sandbox::orderNo(), 'channelId' => $channel, 'currency' => 'CAD', 'amount' => 100,
            'clientIp' => '127.0.0.1', 'notifyUrl' => 'http://127.0.0.1:9/n', 'subject' => 's', 'body' => 'b',
        ];
        if ($channel === 'WX_NATIVE') {
            $req['extra'] = ['productId' => 'P1'];
        }
        if (in_array($channel, ['ALIPAY_PC', 'WX_JSAPI'], true)) {
            $req['returnUrl'] = 'https://shop.example/r';
        }
        try {
            $channel === 'WX_JSAPI' ? $this->c->payForSubmit($req) : $this->c->createOrder($req);
            self::fail('a success without the payment URL/code was accepted');
        } catch (ProtocolException $e) {
            self::assertStringContainsString($named, $e->getMessage());
            self::assertTrue($e->shouldQueryFirst());
        }
    }

    public function testLatencyWithinTimeoutStillSucceeds(): void
    {
        $this->sb->setFaults(['latency_ms' => 200]);
        $t = microtime(true);
        self::assertNotEmpty($this->create()->getPayOrderId());
        self::assertGreaterThanOrEqual(0.2, microtime(true) - $t);
    }

    public function testConnectionRefusedIsRetryable(): void
    {
        $port = NotifyReceiver::freePort();
        $c = new Client($this->sb->config(false, ['baseUrl' => "http://127.0.0.1:$port/v1/"]));
        try {
            $c->queryOrderByMchOrderNo('X1');
            self::fail('no exception');
        } catch (TransportException $e) {
            self::assertTrue($e->isRetryable());
            self::assertFalse($e->shouldQueryFirst());
        }
    }

    public function testTlsVerificationIsAlwaysOn(): void
    {
        // The sandbox's certificate is self-signed: without its CA the call must fail.
        $cfg = new \IotPay\Config(['mchId' => Sandbox::MCH_ID, 'key' => Sandbox::KEY, 'loginName' => Sandbox::LOGIN, 'baseUrl' => $this->sb->https . '/v1/']);
        try {
            (new Client($cfg))->queryOrderByMchOrderNo('X1');
            self::fail('connected to an untrusted certificate');
        } catch (TransportException $e) {
            self::assertStringContainsStringIgnoringCase('certificate', $e->getMessage());
        }
    }

    public function testNotificationRetriesUntilSuccess(): void
    {
        $rx = new NotifyReceiver('fail:2');
        $c = new Client($this->sb->config());
        $r = $c->createOrder([
            'mchOrderNo' => Sandbox::orderNo(), 'channelId' => 'UPI_QR', 'currency' => 'CAD', 'amount' => 100,
            'clientIp' => '127.0.0.1', 'notifyUrl' => $rx->url, 'subject' => 's', 'body' => 'b',
        ]);
        $this->sb->pay($r->getPayOrderId());
        $got = $rx->waitFor(3);
        self::assertCount(3, $got);
        foreach ($got as $n) {
            self::assertTrue($n['verified']);
        }
        usleep(500_000);
        self::assertCount(3, $rx->received(), 'kept sending after success');
        // Acknowledged: IOTPay now reports status 3.
        self::assertSame(3, $c->queryOrderByPayOrderId($r->getPayOrderId())->getStatus());
        $rx->stop();
    }
}
