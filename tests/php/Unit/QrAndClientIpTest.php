<?php

declare(strict_types=1);

namespace IotPay\Tests\Unit;

use IotPay\ClientIp;
use IotPay\Exception\ValidationException;
use IotPay\Qr;
use PHPUnit\Framework\TestCase;

final class QrAndClientIpTest extends TestCase
{
    public function testSvgIsAValidDocument(): void
    {
        $svg = Qr::svg('weixin://wxpay/bizpayurl?pr=abc123', 300);
        $doc = new \DOMDocument();
        self::assertTrue($doc->loadXML($svg));
        self::assertSame('svg', $doc->documentElement->localName);
        self::assertGreaterThanOrEqual(300, (int) $doc->documentElement->getAttribute('width'));
        self::assertNotSame(Qr::svg('a'), Qr::svg('b'));
        self::assertGreaterThan(10, substr_count(Qr::text('hello'), "\n"));
    }

    public function testQrRefusals(): void
    {
        $this->expectException(ValidationException::class);
        Qr::svg(str_repeat('x', 5000));
    }

    public function testClientIp(): void
    {
        self::assertSame('198.51.100.7', ClientIp::resolve('198.51.100.7', '1.2.3.4'));
        self::assertSame('198.51.100.7', ClientIp::resolve('198.51.100.7', '1.2.3.4', ['10.0.0.0/8']));
        self::assertSame('203.0.113.9', ClientIp::resolve('10.1.2.3', '6.6.6.6, 203.0.113.9, 10.9.9.9', ['10.0.0.0/8']));
        self::assertSame('10.1.2.3', ClientIp::resolve('10.1.2.3', null, ['10.0.0.0/8']));
        $this->expectException(ValidationException::class);
        ClientIp::resolve('10.1.2.3', null, ['not-a-cidr']);
    }

    public function testClientIpIsAlwaysSendable(): void
    {
        // D22: clientIp is String(32); a full IPv6 address is 39 bytes.
        self::assertSame('2607:fea8:4b21:a500::', ClientIp::resolve('2607:fea8:4b21:a500:8d2f:19c3:5e7a:b04d'));
        self::assertSame('2607:fea8:4b21:a500::', ClientIp::resolve('10.0.0.1', '2607:fea8:4b21:a500:8d2f:19c3:5e7a:b04d', ['10.0.0.0/8']));
        self::assertSame('2001:db8::1', ClientIp::resolve('2001:DB8:0::1'));
        self::assertSame('203.0.113.9', ClientIp::resolve('::ffff:203.0.113.9'));
        $this->expectException(ValidationException::class);
        ClientIp::resolve('not-an-ip');
    }
}
