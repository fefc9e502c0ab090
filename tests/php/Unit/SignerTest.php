<?php

declare(strict_types=1);

namespace IotPay\Tests\Unit;

use IotPay\Exception\ValidationException;
use IotPay\Signer;
use PHPUnit\Framework\TestCase;

/** Spec §2.5 vectors through the real extension. */
final class SignerTest extends TestCase
{
    private const KEY = 'test_merchant_key';

    /** @return array<string, array{0: array<string,mixed>, 1: string}> */
    public static function vectors(): array
    {
        return [
            'V1' => [['c' => 'cat', 'a' => 'apple', 'b' => 'boat', 'd' => ''], '2AB3BD87C0C7E54A330EB499006C2657'],
            'V2' => [json_decode('{"mchId":"10000701","mchOrderNo":"20160427210604000490","channelId":"WX_NATIVE","currency":"CAD","amount":"100","clientIp":"210.73.10.148","device":"WEB","notifyUrl":"http://xxx.com/notify.php","subject":"test product","body":"this product is for fun","extra":"{\"productId\":\"120989823\"}","jobNo":"jack123","param1":"","param2":""}', true), '6B46287A0731B0C2CA97290211170886'],
            'V3' => [json_decode('{"payOrderId":"P20160427210604000490","mchId":"20001222","mchOrderNo":"20160427210604000490","channelId":"WX_NATIVE","currency":"CAD","amount":"100","status":"2","clientIp":"210.73.10.148","device":"WEB","subject":"product title","body":"product description","channelOrderNo":"wx2016081611532915ae15beab0167893571","param1":"","param2":"","paySuccTime":"1505049094262","backType":"2"}', true), '3677837E9B7858B4E771ACE021625D59'],
            'V4' => [['mchId' => '10000701', 'tip' => '0', 'subject' => '测试商品', 'amount' => '1'], '67F2FA57A0AE8C6C0ED277C60963696A'],
            'V5a' => [['payerName' => 'Zhang San', 'payOrderId' => 'P1', 'mchId' => '10000701'], '83C71FD41940FC5FFA8D58F4CA0E073D'],
            'V6 (int amount)' => [['mchId' => '10000701', 'mchOrderNo' => '1234567890abc', 'amount' => 1500, 'currency' => 'CAD', 'loginName' => 'jack123', 'channel' => 'PF_CC', 'notifyUrl' => 'https://example.com/notify', 'returnUrl' => 'https://example.com/return'], 'A6DE2DB3E355B86E6C8F0A18B73E98DA'],
        ];
    }

    /** @dataProvider vectors */
    public function testSpecVectors(array $fields, string $expected): void
    {
        self::assertSame($expected, Signer::sign($fields, self::KEY));
        self::assertTrue(Signer::verify($fields + ['sign' => $expected], self::KEY));
        self::assertTrue(Signer::verify($fields + ['sign' => strtolower($expected)], self::KEY));
    }

    public function testPhpDemoOrderIsAcceptedWhenVerifying(): void
    {
        $f = ['payerName' => 'Zhang San', 'payOrderId' => 'P1', 'mchId' => '10000701', 'sign' => 'A802C2BEB1910871100C20FE6BDD438F'];
        self::assertTrue(Signer::verify($f, self::KEY));
    }

    public function testNullIsSkippedAndZeroKept(): void
    {
        $a = Signer::sign(['a' => 'x', 'n' => null, 'z' => 0], self::KEY);
        self::assertSame($a, Signer::sign(['z' => '0', 'a' => 'x'], self::KEY));
        self::assertNotSame($a, Signer::sign(['a' => 'x'], self::KEY));
        self::assertSame('a=x&z=0', Signer::canonicalString(['z' => 0, 'n' => null, 'a' => 'x', 'sign' => 'S']));
    }

    public function testOrderDoesNotMatterAndEveryByteCounts(): void
    {
        mt_srand(42);
        for ($i = 0; $i < 300; $i++) {
            $f = [];
            $n = mt_rand(1, 14);
            for ($j = 0; $j < $n; $j++) {
                $f['k' . bin2hex(random_bytes(3))] = bin2hex(random_bytes(mt_rand(1, 12)));
            }
            $sig = Signer::sign($f, self::KEY);
            $keys = array_keys($f);
            shuffle($keys);
            $shuffled = [];
            foreach ($keys as $k) {
                $shuffled[$k] = $f[$k];
            }
            self::assertSame($sig, Signer::sign($shuffled, self::KEY));
            $victim = $keys[array_rand($keys)];
            $tampered = $f;
            $pos = mt_rand(0, strlen($f[$victim]) - 1);
            $tampered[$victim][$pos] = chr((ord($f[$victim][$pos]) + mt_rand(1, 255)) % 256);
            self::assertFalse(Signer::verify($tampered + ['sign' => $sig], self::KEY));
        }
    }

    public function testUnknownFieldsAreIncludedInVerification(): void
    {
        $f = ['a' => '1', 'newField' => 'v'];
        $sig = Signer::sign($f, self::KEY);
        self::assertFalse(Signer::verify(['a' => '1', 'sign' => $sig], self::KEY));
        self::assertTrue(Signer::verify($f + ['sign' => $sig], self::KEY));
    }

    public function testMissingOrMalformedSignDoesNotVerify(): void
    {
        self::assertFalse(Signer::verify(['a' => '1'], self::KEY));
        self::assertFalse(Signer::verify(['a' => '1', 'sign' => 'short'], self::KEY));
        self::assertFalse(Signer::verify(['a' => '1', 'sign' => str_repeat('0', 32)], self::KEY));
    }

    /** @return array<string, array{0: mixed}> */
    public static function badValues(): array
    {
        return ['float' => [12.34], 'bool' => [true], 'array' => [['x']], 'object' => [new \stdClass()]];
    }

    /** @dataProvider badValues */
    public function testNonScalarValuesAreRefusedWithTheFieldName(mixed $v): void
    {
        try {
            Signer::sign(['amount' => $v], self::KEY);
            self::fail('expected ValidationException');
        } catch (ValidationException $e) {
            self::assertSame('amount', $e->getField());
        }
    }

    public function testIntegerKeysAndEmptyKeyAreRefused(): void
    {
        $this->expectException(ValidationException::class);
        Signer::sign(['a', 'b'], self::KEY);
    }

    public function testEmptyKeyRefused(): void
    {
        $this->expectException(ValidationException::class);
        Signer::sign(['a' => '1'], '');
    }

    public function testReferencesAndMixedKeysAreRead(): void
    {
        $v = 'apple';
        $f = ['c' => 'cat', 'a' => &$v, 'b' => 'boat'];
        self::assertSame('2AB3BD87C0C7E54A330EB499006C2657', Signer::sign($f, self::KEY));
        $g = ['c' => 'cat', 'a' => 'apple', 'x' => 'drop', 'b' => 'boat'];
        unset($g['x']);
        self::assertSame('2AB3BD87C0C7E54A330EB499006C2657', Signer::sign($g, self::KEY));
    }

    public function testMatchesPureVersusReferenceImplementation(): void
    {
        // An independent implementation of spec §2 in PHP, for random inputs.
        $ref = static function (array $f, string $key): string {
            unset($f['sign']);
            $f = array_filter($f, static fn ($v) => $v !== null && $v !== '');
            ksort($f, SORT_STRING);
            $parts = [];
            foreach ($f as $k => $v) {
                $parts[] = $k . '=' . $v;
            }
            return strtoupper(md5(implode('&', $parts) . '&key=' . $key));
        };
        for ($i = 0; $i < 200; $i++) {
            $f = ['amount' => random_int(1, 100000), 'mchOrderNo' => bin2hex(random_bytes(6)), 'subject' => '商品 ' . $i, 'empty' => '', 'zero' => '0', 'Upper' => 'X', 'lower' => 'y'];
            self::assertSame($ref($f, self::KEY), Signer::sign($f, self::KEY));
        }
    }
}
