<?php

declare(strict_types=1);

namespace IotPay\Tests\Unit;

use IotPay\ClientIp;
use IotPay\Config;
use IotPay\Money;
use IotPay\Notification;
use IotPay\Signer;
use PHPUnit\Framework\TestCase;

/** The PHP API's conventions, checked over every class the extension registers. */
final class ApiShapeTest extends TestCase
{
    /** @return list<\ReflectionClass<object>> */
    private static function classes(): array
    {
        return array_values((new \ReflectionExtension('iotpay'))->getClasses());
    }

    public function testEveryParameterNameIsCamelCase(): void
    {
        $bad = [];
        foreach (self::classes() as $class) {
            foreach ($class->getMethods() as $m) {
                if ($m->getDeclaringClass()->getName() !== $class->getName()) {
                    continue;
                }
                foreach ($m->getParameters() as $p) {
                    if (!preg_match('/^[a-z][A-Za-z0-9]*$/', $p->getName())) {
                        $bad[] = $class->getName() . '::' . $m->getName() . '($' . $p->getName() . ')';
                    }
                }
            }
        }
        self::assertSame([], $bad);
    }

    public function testNamedArguments(): void
    {
        self::assertSame('203.0.113.9', ClientIp::resolve(remoteAddr: '10.0.0.1', forwardedFor: '203.0.113.9', trustedProxies: ['10.0.0.0/8']));
        self::assertSame('10.0.0.1', ClientIp::resolve(remoteAddr: '10.0.0.1', trustedProxies: ['10.0.0.0/8']));
        self::assertTrue(Money::isSupported(channelId: 'WX_NATIVE', currency: 'CNY'));
        self::assertSame(['CAD'], Money::currenciesFor(channelId: 'UPI_QR'));
        $f = ['payOrderId' => 'P1', 'mchId' => '1', 'mchOrderNo' => 'A1', 'currency' => 'CAD', 'amount' => '100', 'status' => '2'];
        $f['sign'] = Signer::sign($f, 'k');
        $n = Notification::fromRequest(config: new Config(['mchId' => '1', 'key' => 'k']), body: '', queryString: http_build_query($f));
        self::assertSame(2, $n->getStatus());
        self::assertSame('paid', $n->getStatusName());
    }

    public function testGetStatusIsAnIntEverywhere(): void
    {
        foreach (['CreateOrderResult', 'OrderResult', 'RefundResult', 'Notification', 'CardOrder', 'CardNotification'] as $short) {
            $t = (new \ReflectionMethod("IotPay\\$short", 'getStatus'))->getReturnType();
            self::assertSame('int', (string) $t, $short);
            $t = (new \ReflectionMethod("IotPay\\$short", 'getStatusName'))->getReturnType();
            self::assertSame('string', (string) $t, $short);
        }
        self::assertSame(-1, \IotPay\OrderStatus::UNKNOWN);
        self::assertSame(-1, \IotPay\RefundResult::UNKNOWN);
        self::assertSame(-1, \IotPay\CardOrder::NOT_STATED);
    }

    public function testCardNotificationHasEveryCardOrderGetter(): void
    {
        // One order object, two classes: the same getters with the same types.
        $order = new \ReflectionClass(\IotPay\CardOrder::class);
        $notification = new \ReflectionClass(\IotPay\CardNotification::class);
        foreach ($order->getMethods() as $m) {
            if ($m->isConstructor()) {
                continue;
            }
            self::assertTrue($notification->hasMethod($m->getName()), $m->getName());
            self::assertSame((string) $m->getReturnType(), (string) $notification->getMethod($m->getName())->getReturnType(), $m->getName());
        }
        self::assertSame('SUCCESS', \IotPay\CardNotification::ACK);
        self::assertSame('SUCCESS', \IotPay\CardNotification::acknowledgement());
    }

    public function testNoDebuggingSurfaceOnTheClient(): void
    {
        // Diagnostics live on the @internal IotPay\Debug only.
        self::assertFalse(method_exists(\IotPay\Client::class, 'transportStats'));
        $stub = (string) file_get_contents(dirname(__DIR__, 3) . '/php/stubs/iotpay.stub.php');
        self::assertMatchesRegularExpression('~/\*\*(?:(?!\*/).)*@internal(?:(?!\*/).)*\*/\s*final class Debug~s', $stub);
    }
}
