<?php

declare(strict_types=1);

namespace IotPay\Tests\Integration;

use IotPay\Client;
use IotPay\Exception\GatewayException;
use IotPay\Exception\ValidationException;
use IotPay\Qr;
use IotPay\Tests\Support\NotifyReceiver;
use IotPay\Tests\Support\Sandbox;
use IotPay\Tests\Support\SandboxTestCase;

/** The real extension against the real sandbox over real HTTP and HTTPS. */
final class ClientTest extends SandboxTestCase
{
    private function order(string $channel, array $over = []): array
    {
        return $over + [
            'mchOrderNo' => Sandbox::orderNo(),
            'channelId' => $channel,
            'currency' => 'CAD',
            'amount' => 1234,
            'clientIp' => '203.0.113.9',
            'device' => 'WEB',
            'notifyUrl' => 'http://127.0.0.1:9/notify',
            'subject' => 'Order 42',
            'body' => 'Two items',
        ];
    }

    /** @return array<string, array{0: bool}> */
    public static function transports(): array
    {
        return ['http' => [false], 'https' => [true]];
    }

    /** @dataProvider transports */
    public function testWeChatNativeQrOrder(bool $tls): void
    {
        $c = new Client($this->sb->config($tls));
        $req = $this->order('WX_NATIVE', ['extra' => ['productId' => 'SKU-1']]);
        $r = $c->createOrder($req);
        self::assertNotEmpty($r->getPayOrderId());
        self::assertSame($req['mchOrderNo'], $r->getMchOrderNo());
        self::assertNotEmpty($r->getCodeUrl());
        self::assertStringContainsString('<svg', Qr::svg($r->getCodeUrl()));
        $q = $c->queryOrderByMchOrderNo($req['mchOrderNo']);
        self::assertSame(1234, $q->getAmount());
        self::assertSame('CAD', $q->getCurrency());
        self::assertFalse($q->isPaid());
        self::assertTrue($q->isPending());
        $q2 = $c->queryOrderByPayOrderId($r->getPayOrderId());
        self::assertSame($req['mchOrderNo'], $q2->getMchOrderNo());
    }

    public function testEachChannelReturnsItsPaymentData(): void
    {
        $c = new Client($this->sb->config());
        $ret = ['returnUrl' => 'https://shop.example/return'];
        $qr = $c->createOrder($this->order('ALIPAY_QR'));
        self::assertNotEmpty($qr->getQrCode());
        self::assertNotEmpty($c->createOrder($this->order('UPI_QR'))->getQrCode());
        self::assertNotEmpty($c->createOrder($this->order('ALIPAY_PC', $ret))->getRedirectUrl());
        self::assertNotEmpty($c->createOrder($this->order('ALIPAY_WAP', $ret + ['osType' => 'ANDROID']))->getRedirectUrl());
        self::assertNotEmpty($c->createOrder($this->order('UPI_SEQ', ['currency' => 'CNY']))->getRedirectUrl());
        $mini = $c->createOrder($this->order('WX_JSAPI', ['extra' => ['openId' => 'o1', 'type' => 'minipay', 'appId' => 'wxapp']]));
        self::assertArrayHasKey('paySign', $mini->getPayParams());
        $bar = $c->createOrder($this->order('WX_MICROPAY', ['codeType' => 'barcode', 'identityCode' => '134567890123456789']));
        self::assertTrue($bar->isPaid());
        self::assertArrayHasKey('payOrderId', $bar->toArray());
    }

    public function testPayForSubmit(): void
    {
        $c = new Client($this->sb->config());
        $req = $this->order('WX_JSAPI', ['returnUrl' => 'https://shop.example/r', 'qrcode_pay' => 1]);
        $r = $c->payForSubmit($req);
        self::assertNotEmpty($r->getUrl());
        self::assertNotEmpty($r->getCodeUrl());
    }

    public function testFullLifecycleWithNotificationAndRefunds(): void
    {
        $rx = new NotifyReceiver();
        $c = new Client($this->sb->config(true));
        $req = $this->order('WX_NATIVE', ['extra' => ['productId' => 'SKU-1'], 'notifyUrl' => $rx->url, 'amount' => 5000]);
        $r = $c->createOrder($req);
        $this->sb->pay($r->getPayOrderId());

        $got = $rx->waitFor(1);
        self::assertNotEmpty($got, 'no notification arrived: ' . $this->sb->log());
        self::assertTrue($got[0]['verified']);
        self::assertSame($req['mchOrderNo'], $got[0]['mchOrderNo']);
        self::assertSame(5000, $got[0]['amount']);
        self::assertTrue($got[0]['paid']);

        $q = $c->queryOrderByMchOrderNo($req['mchOrderNo']);
        self::assertTrue($q->isPaid());
        self::assertNotEmpty($q->getChannelOrderNo());

        $refundNo = 'R' . bin2hex(random_bytes(6));
        $ref = $c->refundOrder(['mchRefundNo' => $refundNo, 'refundAmount' => 1500, 'payOrderId' => $r->getPayOrderId(), 'clientIp' => '203.0.113.9', 'currency' => 'CAD']);
        self::assertTrue($ref->isSuccess());
        self::assertSame(1500, $ref->getRefundAmount());
        $again = $c->refundOrder(['mchRefundNo' => $refundNo, 'refundAmount' => 1500, 'payOrderId' => $r->getPayOrderId(), 'clientIp' => '203.0.113.9', 'currency' => 'CAD']);
        self::assertSame($ref->getRefundOrderId(), $again->getRefundOrderId(), 'a retried refund must not pay twice');

        $qr = $c->queryRefundByMchRefundNo($refundNo);
        self::assertSame($ref->getRefundOrderId(), $qr->getRefundOrderId());
        self::assertSame(1500, $qr->getRefundAmount());
        self::assertTrue($qr->isSuccess());
        self::assertSame($refundNo, $c->queryRefundByRefundOrderId($ref->getRefundOrderId())->getMchRefundNo());

        try {
            $c->refundOrder(['mchRefundNo' => 'R' . bin2hex(random_bytes(6)), 'refundAmount' => 3501, 'payOrderId' => $r->getPayOrderId(), 'clientIp' => '203.0.113.9']);
            self::fail('refunded more than the balance');
        } catch (GatewayException $e) {
            self::assertSame('0014', $e->getProviderCode());
            self::assertFalse($e->shouldQueryFirst());
        }
        $rest = $c->refundOrder(['mchRefundNo' => 'R' . bin2hex(random_bytes(6)), 'refundAmount' => 3500, 'payOrderId' => $r->getPayOrderId(), 'clientIp' => '203.0.113.9']);
        self::assertTrue($rest->isSuccess());
        $rx->stop();
    }

    public function testLongIpv6ClientAddressIsSentShortened(): void
    {
        // D22: a full IPv6 address (39 bytes) does not fit clientIp (String(32)).
        $ip = '2607:fea8:4b21:a500:8d2f:19c3:5e7a:b04d';
        $c = new Client($this->sb->config());
        $r = $c->createOrder($this->order('UPI_QR', ['clientIp' => $ip]));
        $this->sb->pay($r->getPayOrderId());
        $q = $c->queryOrderByPayOrderId($r->getPayOrderId());
        self::assertSame('2607:fea8:4b21:a500::', $q->toArray()['clientIp']);
        $ref = $c->refundOrder(['mchRefundNo' => 'R' . bin2hex(random_bytes(6)), 'refundAmount' => 100,
            'payOrderId' => $r->getPayOrderId(), 'clientIp' => $ip]);
        self::assertTrue($ref->isSuccess());
        $p = $c->payForSubmit($this->order('WX_JSAPI', ['clientIp' => $ip, 'returnUrl' => 'https://shop.example/r']));
        self::assertNotEmpty($p->getUrl());
        try {
            $c->createOrder($this->order('UPI_QR', ['clientIp' => 'not-an-ip']));
            self::fail('accepted a clientIp that is not an address');
        } catch (ValidationException $e) {
            self::assertSame('clientIp', $e->getField());
        }
    }

    public function testSandboxStillEnforcesThirtyTwoBytes(): void
    {
        // Sent around the extension: the sandbox refuses the 39-byte value itself.
        $f = ['mchId' => Sandbox::MCH_ID, 'mchOrderNo' => Sandbox::orderNo(), 'channelId' => 'UPI_QR', 'currency' => 'CAD',
            'amount' => 100, 'clientIp' => '2607:fea8:4b21:a500:8d2f:19c3:5e7a:b04d', 'notifyUrl' => 'http://127.0.0.1:9/n',
            'subject' => 's', 'body' => 'b', 'jobNo' => Sandbox::LOGIN];
        $f['sign'] = \IotPay\Signer::sign($f, Sandbox::KEY);
        $r = $this->sb->rawPost('/v1/create_order', 'params=' . rawurlencode(json_encode($f)));
        self::assertSame('0014', $r['errCode'] ?? null, json_encode($r));
        self::assertStringContainsString('clientIp', $r['retMsg']);
    }

    public function testValidationHappensBeforeAnyCall(): void
    {
        $c = new Client($this->sb->config());
        $before = \IotPay\Debug::transportStats()['requests'];
        $bad = [
            'currency' => $this->order('ALIPAY_QR', ['currency' => 'CNY']),
            'amount' => $this->order('UPI_QR', ['amount' => 12.34]),
            'extra' => $this->order('WX_NATIVE'),
            'returnUrl' => $this->order('ALIPAY_PC'),
            'osType' => $this->order('ALIPAY_WAP', ['returnUrl' => 'https://s.example/r']),
            'subject' => $this->order('UPI_QR', ['subject' => str_repeat('x', 65)]),
            'mchId' => $this->order('UPI_QR', ['mchId' => 'someone-else']),
            'notifyUrl' => $this->order('UPI_QR', ['notifyUrl' => 'https://s.example/n?x=1']),
        ];
        foreach ($bad as $field => $req) {
            try {
                $c->createOrder($req);
                self::fail("accepted bad $field");
            } catch (ValidationException $e) {
                self::assertSame($field, $e->getField());
            }
        }
        self::assertSame($before, \IotPay\Debug::transportStats()['requests'], 'a refused request reached the network');
    }

    public function testGatewayCodes(): void
    {
        $c = new Client($this->sb->config());
        $codes = [
            // 0112: unknown order.
            '0112' => self::gatewayError(fn () => $c->queryOrderByMchOrderNo('NOPE' . bin2hex(random_bytes(4)))),
            // 0013: wrong key.
            '0013' => self::gatewayError(
                fn () => (new Client($this->sb->config(false, ['key' => 'wrong'])))->queryOrderByMchOrderNo('X1')
            ),
            // 0015: unknown merchant.
            '0015' => self::gatewayError(
                fn () => (new Client($this->sb->config(false, ['mchId' => '99999999'])))->queryOrderByMchOrderNo('X1')
            ),
        ];
        // 0014: duplicate mchOrderNo.  0113: paying an already paid order again.
        $req = $this->order('UPI_QR');
        $r = $c->createOrder($req);
        $codes['0014'] = self::gatewayError(fn () => $c->createOrder($req));
        $this->sb->pay($r->getPayOrderId());
        $codes['0113'] = self::gatewayError(fn () => $c->createOrder($req));
        self::assertFinalGatewayCodes($codes);
    }
}
