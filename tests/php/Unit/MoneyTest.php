<?php

declare(strict_types=1);

namespace IotPay\Tests\Unit;

use IotPay\Exception\ValidationException;
use IotPay\Money;
use PHPUnit\Framework\TestCase;

final class MoneyTest extends TestCase
{
    public function testExactConversion(): void
    {
        self::assertSame(1234, Money::toMinor('12.34', 'CAD'));
        self::assertSame(1230, Money::toMinor('12.3', 'CAD'));
        self::assertSame(2865, Money::toMinor('28.65', 'USD'));
        self::assertSame(115, Money::toMinor('1.15', 'CAD'));
        self::assertSame(Money::toMinor('0.3', 'CAD'), Money::toMinor('0.1', 'CAD') + Money::toMinor('0.2', 'CAD'));
        self::assertSame('12.34', Money::fromMinor(1234, 'CAD'));
        self::assertSame('0.05', Money::fromMinor(5, 'CNY'));
    }

    public function testThousandsOfRandomDecimalsRoundTrip(): void
    {
        for ($i = 0; $i < 5000; $i++) {
            $minor = random_int(0, 2147483647);
            $s = Money::fromMinor($minor, 'CAD');
            self::assertSame($minor, Money::toMinor($s, 'CAD'));
            self::assertSame(sprintf('%d.%02d', intdiv($minor, 100), $minor % 100), $s);
        }
    }

    /** @return array<string, array{0: string}> */
    public static function refused(): array
    {
        return array_combine(
            $l = ['-1.00', '1.234', '1e3', 'NAN', 'INF', '1,000.00', ' 1.00', '', '.5', '99999999999999999999', '21474836.48', '0x1A'],
            array_map(static fn ($v) => [$v], $l)
        );
    }

    /** @dataProvider refused */
    public function testRefusals(string $amount): void
    {
        $this->expectException(ValidationException::class);
        Money::toMinor($amount, 'CAD');
    }

    public function testUnsupportedCurrencyRefused(): void
    {
        try {
            Money::toMinor('1.00', 'EUR');
            self::fail('expected exception');
        } catch (ValidationException $e) {
            self::assertSame('currency', $e->getField());
        }
    }

    public function testChannelCurrencyRules(): void
    {
        self::assertTrue(Money::isSupported('WX_NATIVE', 'CNY'));
        self::assertFalse(Money::isSupported('ALIPAY_QR', 'CNY'));
        self::assertFalse(Money::isSupported('CC_PAX', 'USD'));
        self::assertFalse(Money::isSupported('WX_NATIVE', 'EUR'));
        self::assertSame(['CAD', 'USD', 'CNY'], Money::currenciesFor('UPI_SEQ'));
        self::assertSame(['CAD'], Money::currenciesFor('CC_PAX'));
    }
}
