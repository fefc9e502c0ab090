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

    /** @return array<string, array{0: class-string}> */
    public static function exceptionClasses(): array
    {
        $out = [];
        foreach (['IotPay', 'Validation', 'Signature', 'Transport', 'Protocol', 'Gateway', 'Config', 'Internal'] as $kind) {
            $out[$kind] = ["IotPay\\Exception\\{$kind}Exception"];
        }
        return $out;
    }

    /**
     * @dataProvider exceptionClasses
     * @param class-string<\Exception> $class
     */
    public function testConstructibleLikeException(string $class): void
    {
        $e = new $class();
        self::assertSame('', $e->getMessage());
        self::assertSame(0, $e->getCode());
        self::assertNull($e->getPrevious());
        $prev = new \RuntimeException('cause');
        $line = __LINE__ + 1;
        $e = new $class('went wrong', 42, $prev);
        self::assertSame('went wrong', $e->getMessage());
        self::assertSame(42, $e->getCode());
        self::assertSame($prev, $e->getPrevious());
        self::assertSame(__FILE__, $e->getFile());
        self::assertSame($line, $e->getLine());
        self::assertSame(__FUNCTION__, $e->getTrace()[0]['function'] ?? null);
        $named = new $class(code: 7, message: 'named');
        self::assertSame(['named', 7], [$named->getMessage(), $named->getCode()]);
        try {
            throw $e;
        } catch (Exception\IotPayException $caught) {
            self::assertSame($e, $caught);
        }
        $this->expectException(\TypeError::class);
        new $class('x', 0, new \stdClass());
    }

    public function testDefaultsOfTheTypedGetters(): void
    {
        self::assertSame('', (new Exception\ValidationException('x'))->getField());
        $t = new Exception\TransportException('x');
        self::assertSame([false, false, true, 0], [$t->isTimeout(), $t->isRetryable(), $t->shouldQueryFirst(), $t->getHttpStatus()]);
        $p = new Exception\ProtocolException('x');
        self::assertSame([0, false, true], [$p->getHttpStatus(), $p->isRetryable(), $p->shouldQueryFirst()]);
        $g = new Exception\GatewayException('x');
        self::assertSame(['', '', 'query_first', false, true], [$g->getProviderCode(), $g->getProviderMessage(), $g->getClassification(), $g->isRetryable(), $g->shouldQueryFirst()]);
        self::assertTrue((new Exception\SignatureException())->shouldQueryFirst());
    }

    public function testSubclassesKeepTheirClass(): void
    {
        $e = new MyGatewayException('mine', 3);
        self::assertInstanceOf(MyGatewayException::class, $e);
        self::assertInstanceOf(Exception\GatewayException::class, $e);
        self::assertSame(MyGatewayException::class, get_class($e));
        self::assertSame('mine', $e->getMessage());
        self::assertSame('query_first', $e->getClassification());
        self::assertSame('extra', $e->extra());
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

final class MyGatewayException extends Exception\GatewayException
{
    public function extra(): string
    {
        return 'extra';
    }
}
