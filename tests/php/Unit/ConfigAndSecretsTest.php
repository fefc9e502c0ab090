<?php

declare(strict_types=1);

namespace IotPay\Tests\Unit;

use IotPay\Config;
use IotPay\Exception\ConfigException;
use IotPay\Exception\ValidationException;
use PHPUnit\Framework\TestCase;

final class ConfigAndSecretsTest extends TestCase
{
    private const SECRET = 'k3y-that-must-never-leak';

    private function config(array $extra = []): Config
    {
        return new Config($extra + ['mchId' => '10000701', 'key' => self::SECRET, 'loginName' => 'jack']);
    }

    public function testDefaultsAndGetters(): void
    {
        $c = $this->config();
        self::assertSame('10000701', $c->getMchId());
        self::assertSame('jack', $c->getLoginName());
        self::assertSame('https://api.iotpaycloud.com/v1/', $c->getBaseUrl());
        self::assertSame('https://ccapi.iotpaycloud.com/v3/', $c->getCcBaseUrl());
        self::assertSame('https://apiv3.iotpaycloud.com/contract/', $c->getAutodebitBaseUrl());
        self::assertSame(30000, $c->getTimeoutMs());
        self::assertFalse(method_exists($c, 'getKey'));
    }

    public function testKeyNeverShows(): void
    {
        $c = $this->config();
        ob_start();
        var_dump($c);
        print_r($c);
        var_export($c);
        echo json_encode($c), serialize((array) $c), print_r((array) $c, true), print_r(get_object_vars($c), true);
        $out = ob_get_clean();
        self::assertStringNotContainsString(self::SECRET, $out);
        self::assertStringContainsString('[redacted]', $out);
    }

    public function testKeyNotInExceptionsOrTraces(): void
    {
        $thrown = [];
        foreach ([
            fn () => $this->config(['baseUrl' => 'http://example.com/']),
            fn () => $this->config(['timeoutMs' => -1]),
            fn () => $this->config(['bogus' => self::SECRET]),
            fn () => new Config(['mchId' => '', 'key' => self::SECRET]),
            fn () => $this->config(['caFile' => '/nonexistent/' . self::SECRET]),
        ] as $f) {
            try {
                $f();
                self::fail('expected exception');
            } catch (ValidationException | ConfigException $e) {
                $thrown[] = (string) $e . print_r($e->getTrace(), true);
            }
        }
        self::assertCount(5, $thrown);
        foreach ($thrown as $i => $t) {
            if ($i === 4) {
                continue; // the path itself is echoed, it was given as the path
            }
            self::assertStringNotContainsString(self::SECRET, $t);
        }
    }

    public function testCannotBeSerialized(): void
    {
        $this->expectException(\Exception::class);
        serialize($this->config());
    }

    public function testPlainHttpOnlyToLoopback(): void
    {
        self::assertSame('http://127.0.0.1:9/v1/', $this->config(['baseUrl' => 'http://127.0.0.1:9/v1'])->getBaseUrl());
        self::assertSame('http://localhost:9/', $this->config(['baseUrl' => 'http://localhost:9'])->getBaseUrl());
        foreach (['http://10.0.0.1/', 'http://localhost.evil.com/', 'ftp://127.0.0.1/', 'not a url'] as $bad) {
            try {
                $this->config(['baseUrl' => $bad]);
                self::fail("accepted $bad");
            } catch (ValidationException $e) {
                self::assertSame('baseUrl', $e->getField());
            }
        }
    }

    public function testUnknownOptionsAndMissingRequiredRefused(): void
    {
        try {
            $this->config(['notifyURL' => 'x']);
            self::fail('accepted unknown option');
        } catch (ValidationException $e) {
            self::assertSame('notifyURL', $e->getField());
        }
        $this->expectException(ValidationException::class);
        new Config(['mchId' => '1']);
    }
}
