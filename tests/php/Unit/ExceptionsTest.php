<?php

declare(strict_types=1);

namespace IotPay\Tests\Unit;

use IotPay\Debug;
use IotPay\Exception;
use PHPUnit\Framework\TestCase;

final class ExceptionsTest extends TestCase
{
    public function testHierarchy(): void
    {
        foreach (['Validation', 'Signature', 'Transport', 'Protocol', 'Gateway', 'Config', 'Internal'] as $kind) {
            $class = "IotPay\\Exception\\{$kind}Exception";
            self::assertTrue(class_exists($class), $class);
            self::assertTrue(is_subclass_of($class, Exception\IotPayException::class), $class);
            self::assertTrue(is_subclass_of($class, \Exception::class), $class);
        }
    }

    public function testPanicBecomesAnExceptionAndTheProcessGoesOn(): void
    {
        putenv('IOTPAY_ENABLE_TEST_HOOKS=1');
        try {
            for ($i = 0; $i < 3; $i++) {
                try {
                    Debug::panic("boom $i");
                    self::fail('no exception');
                } catch (Exception\InternalException $e) {
                    self::assertStringContainsString("boom $i", $e->getMessage());
                    self::assertSame(__FILE__, $e->getFile());
                    self::assertSame(7, $e->getCode());
                }
            }
        } finally {
            putenv('IOTPAY_ENABLE_TEST_HOOKS');
        }
        // The extension still works after the panics.
        self::assertSame(1234, \IotPay\Money::toMinor('12.34', 'CAD'));
    }

    public function testPanicHookIsOffByDefault(): void
    {
        $this->expectException(Exception\ValidationException::class);
        Debug::panic('never');
    }

    public function testExceptionsCarryCallerLocationAndArgumentFreeTrace(): void
    {
        $line = __LINE__ + 2;
        try {
            \IotPay\Money::toMinor('x', 'CAD');
        } catch (Exception\ValidationException $e) {
            self::assertSame(__FILE__, $e->getFile());
            self::assertSame($line, $e->getLine());
            foreach ($e->getTrace() as $frame) {
                self::assertArrayNotHasKey('args', $frame);
            }
            return;
        }
        self::fail('no exception');
    }
}
