<?php

declare(strict_types=1);

namespace IotPay\Tests\Unit;

use IotPay\Exception\GatewayException;
use IotPay\Exception\IotPayException;
use IotPay\Exception\ValidationException;
use IotPay\Sunbay\Client;
use IotPay\Sunbay\Config;
use IotPay\Sunbay\Transaction;
use PHPUnit\Framework\TestCase;

/** IotPay\Sunbay\Config: options, secrets never shown, and input refused before anything is sent. */
final class SunbayConfigTest extends TestCase
{
    private const KEY = 'sk_live_do_not_show_9f8e7d';
    private const HOOK = 'whsec_do_not_show_1a2b3c';

    private function config(array $extra = []): Config
    {
        // Port 9 on loopback: nothing listens, so anything sent would fail as a transport error.
        return new Config($extra + ['appId' => 'app_1', 'merchantId' => 'M1260231004', 'apiKey' => self::KEY,
            'webhookSecret' => self::HOOK, 'baseUrl' => 'http://127.0.0.1:9', 'connectTimeoutMs' => 200, 'timeoutMs' => 300]);
    }

    public function testOptionsAndDefaults(): void
    {
        self::assertSame('https://open.sunbay.us', Config::PRODUCTION_BASE_URL);
        self::assertSame('https://open.sunbay-uat.us', Config::SANDBOX_BASE_URL);
        $c = new Config(['appId' => 'app_1', 'merchantId' => 'M1', 'apiKey' => 'k']);
        self::assertSame('https://open.sunbay.us/', $c->getBaseUrl());
        self::assertSame(5000, $c->getConnectTimeoutMs());
        self::assertSame(30000, $c->getTimeoutMs());
        self::assertNull($c->getCaFile());
        self::assertFalse($c->hasWebhookSecret());
        $c = $this->config(['baseUrl' => Config::SANDBOX_BASE_URL]);
        self::assertSame('https://open.sunbay-uat.us/', $c->getBaseUrl());
        self::assertSame(['app_1', 'M1260231004', true], [$c->getAppId(), $c->getMerchantId(), $c->hasWebhookSecret()]);
    }

    /** @return iterable<string,array{array<string,mixed>,string}> */
    public static function badOptions(): iterable
    {
        yield 'unknown' => [['apiKEY' => 'x'], 'apiKEY'];
        yield 'no appId' => [['appId' => null], 'appId'];
        yield 'long merchantId' => [['merchantId' => str_repeat('M', 33)], 'merchantId'];
        yield 'plain http to a host' => [['baseUrl' => 'http://open.sunbay.us'], 'baseUrl'];
        yield 'key with a newline' => [['apiKey' => "sk\nx"], 'apiKey'];
        yield 'empty secret' => [['webhookSecret' => ''], 'webhookSecret'];
        yield 'float timeout' => [['timeoutMs' => 1.5], 'timeoutMs'];
    }

    /** @dataProvider badOptions */
    public function testBadOptionsAreRefused(array $over, string $field): void
    {
        try {
            $this->config($over);
            self::fail('accepted');
        } catch (ValidationException $e) {
            self::assertSame($field, $e->getField());
            self::assertSame('sunbay', $e->getProvider());
            // A refused value is never quoted (it may be a secret).
            foreach ($over as $v) {
                if (is_string($v) && $v !== '') {
                    self::assertStringNotContainsString($v, $e->getMessage());
                }
            }
        }
    }

    public function testSecretsAreNeverShown(): void
    {
        $c = $this->config();
        ob_start();
        var_dump($c);
        print_r($c);
        var_export((array) $c);
        echo json_encode($c), print_r(get_object_vars($c), true), print_r((array) $c, true);
        $out = (string) ob_get_clean();
        self::assertStringNotContainsString(self::KEY, $out);
        self::assertStringNotContainsString(self::HOOK, $out);
        self::assertStringContainsString('[redacted]', $out);
        try {
            serialize($c);
            self::fail('serialized');
        } catch (\Exception $e) {
            self::assertStringNotContainsString(self::KEY, $e->getMessage());
        }
        // Nor in what a failed call throws (its trace holds no arguments).
        try {
            (new Client($c))->queryByTransactionRequestId('WC1-1');
            self::fail('no transport error');
        } catch (IotPayException $e) {
            self::assertSame('sunbay', $e->getProvider());
            $all = $e->getMessage() . $e->getTraceAsString() . print_r($e->getTrace(), true);
            self::assertStringNotContainsString(self::KEY, $all);
        }
    }

    /** @return iterable<string,array{array<string,mixed>,string}> */
    public static function badSessions(): iterable
    {
        $ok = ['transactionRequestId' => 'WC12-1', 'referenceOrderId' => 'WC000012', 'amount' => 1234,
            'currency' => 'USD', 'description' => 'Order 12'];
        yield 'float amount' => [['amount' => 12.34] + $ok, 'amount'];
        yield 'string amount' => [['amount' => '1234'] + $ok, 'amount'];
        yield 'zero amount' => [['amount' => 0] + $ok, 'amount'];
        yield 'unknown currency' => [['currency' => 'XYZ'] + $ok, 'currency'];
        yield 'short referenceOrderId' => [['referenceOrderId' => 'WC12'] + $ok, 'referenceOrderId'];
        yield 'referenceOrderId alphabet' => [['referenceOrderId' => 'WC 000012'] + $ok, 'referenceOrderId'];
        yield 'long transactionRequestId' => [['transactionRequestId' => str_repeat('a', 33)] + $ok, 'transactionRequestId'];
        yield 'transactionRequestId alphabet' => [['transactionRequestId' => 'WC12|1'] + $ok, 'transactionRequestId'];
        yield 'unknown key' => [['notifyURL' => 'https://x.example/'] + $ok, 'notifyURL'];
        yield 'appId given' => [['appId' => 'other'] + $ok, 'appId'];
        yield 'float tax' => [['taxAmount' => 0.5] + $ok, 'taxAmount'];
        yield 'product list sum' => [['productList' => [['name' => 'Mug', 'amount' => 600, 'num' => 2]]] + $ok, 'productList'];
        yield 'no description' => [array_diff_key($ok, ['description' => 1]), 'description'];
    }

    /** @dataProvider badSessions */
    public function testSessionInputIsRefusedBeforeSending(array $request, string $field): void
    {
        try {
            (new Client($this->config()))->createSession($request);
            self::fail('accepted');
        } catch (ValidationException $e) {
            // A ValidationException, not a TransportException: nothing was sent to port 9.
            self::assertSame($field, $e->getField());
            self::assertSame('sunbay', $e->getProvider());
        }
    }

    public function testOtherEndpointsCheckTheirInput(): void
    {
        $c = new Client($this->config());
        $cases = [
            'refund without original' => [fn () => $c->refund(['transactionRequestId' => 'R1', 'amount' => 1, 'currency' => 'USD']), 'originalTransactionId'],
            'refund float' => [fn () => $c->refund(['transactionRequestId' => 'R1', 'originalTransactionId' => 'T1', 'amount' => 1.0, 'currency' => 'USD']), 'amount'],
            'sale method' => [fn () => $c->sale(['transactionRequestId' => 'S1', 'referenceOrderId' => 'WC000012', 'amount' => 1, 'currency' => 'USD', 'description' => 'd', 'paymentMethod' => 'CARD', 'cardEncryptedData' => 'x']), 'paymentMethod'],
            'sale token' => [fn () => $c->sale(['transactionRequestId' => 'S1', 'referenceOrderId' => 'WC000012', 'amount' => 1, 'currency' => 'USD', 'description' => 'd', 'paymentMethod' => 'GOOGLE_PAY']), 'cardEncryptedData'],
            'query id' => [fn () => $c->queryByTransactionRequestId('a b'), 'transactionRequestId'],
            'query txn' => [fn () => $c->queryByTransactionId(''), 'transactionId'],
            'expire' => [fn () => $c->expireSession(str_repeat('s', 65)), 'sessionId'],
        ];
        foreach ($cases as $name => [$call, $field]) {
            try {
                $call();
                self::fail("$name accepted");
            } catch (ValidationException $e) {
                self::assertSame($field, $e->getField(), $name);
            }
        }
    }

    public function testTransactionStatusConstants(): void
    {
        self::assertSame(['I', 'P', 'S', 'F', 'C'], [Transaction::INITIAL, Transaction::PROCESSING, Transaction::SUCCESS, Transaction::FAIL, Transaction::CLOSED]);
    }

    public function testEveryExceptionNamesItsProvider(): void
    {
        // Built in PHP, an exception is IOTPay's (the existing classes' meaning).
        foreach (['IotPayException', 'ValidationException', 'SignatureException', 'TransportException', 'ProtocolException', 'GatewayException', 'ConfigException', 'InternalException'] as $short) {
            $class = "IotPay\\Exception\\$short";
            self::assertSame('iotpay', (new $class('m'))->getProvider(), $short);
            self::assertSame('string', (string) (new \ReflectionMethod($class, 'getProvider'))->getReturnType(), $short);
        }
        self::assertSame('query_first', (new GatewayException())->getClassification());
        // An IOTPay call still says iotpay.
        try {
            new \IotPay\Config(['mchId' => '', 'key' => 'k']);
            self::fail('accepted');
        } catch (ValidationException $e) {
            self::assertSame('iotpay', $e->getProvider());
        }
    }
}
