<?php

declare(strict_types=1);

namespace IotPay\Tests\Unit;

use PHPUnit\Framework\TestCase;

/**
 * What callers (the WooCommerce plugin) read to decide whether this build is
 * one they can use: the release version and the API version.
 */
final class VersionTest extends TestCase
{
    public function testReleaseVersionIsTheCrateVersionEverywhere(): void
    {
        $cargo = (string) file_get_contents(__DIR__ . '/../../../Cargo.toml');
        self::assertSame(1, preg_match('/^\[workspace\.package\]\s*\nversion = "([^"]+)"/m', $cargo, $m));
        self::assertSame($m[1], phpversion('iotpay'));
        self::assertSame($m[1], \IotPay\VERSION);
        self::assertSame($m[1], (new \ReflectionExtension('iotpay'))->getVersion());
    }

    public function testApiVersionIsMajorDotMinorAndShownByPhpInfo(): void
    {
        self::assertMatchesRegularExpression('/^[1-9][0-9]*\.[0-9]+$/', \IotPay\API_VERSION);
        ob_start();
        (new \ReflectionExtension('iotpay'))->info();
        self::assertStringContainsString('API version => ' . \IotPay\API_VERSION, (string) ob_get_clean());
    }

    /** SUNBAY (IotPay\Sunbay\*, getProvider()) was added in API 1.1. */
    public function testSunbayIsApiOneDotOne(): void
    {
        self::assertTrue(class_exists(\IotPay\Sunbay\Client::class));
        self::assertTrue(version_compare(\IotPay\API_VERSION, '1.1', '>='), \IotPay\API_VERSION);
        self::assertStringStartsWith('1.', \IotPay\API_VERSION);
    }

    /** The test hook the plugin's tests use; read when PHP loads the module, so a child PHP shows it. */
    public function testFakeApiVersionOnlyWithTestHooksEnabled(): void
    {
        $ext = (string) getenv('IOTPAY_EXTENSION');
        if ($ext === '') {
            self::markTestSkipped('IOTPAY_EXTENSION is not set (run through make test-php)');
        }
        $run = static function (string $env): string {
            return (string) shell_exec($env . ' ' . escapeshellarg(PHP_BINARY) . ' -r ' . escapeshellarg('echo \IotPay\API_VERSION;'));
        };
        self::assertSame('0.9', $run('IOTPAY_ENABLE_TEST_HOOKS=1 IOTPAY_TEST_FAKE_API_VERSION=0.9'));
        self::assertSame(\IotPay\API_VERSION, $run('IOTPAY_ENABLE_TEST_HOOKS= IOTPAY_TEST_FAKE_API_VERSION=0.9'));
    }
}
