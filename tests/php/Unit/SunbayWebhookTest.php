<?php

declare(strict_types=1);

namespace IotPay\Tests\Unit;

use IotPay\Exception\ConfigException;
use IotPay\Exception\ProtocolException;
use IotPay\Exception\SignatureException;
use IotPay\Sunbay\Config;
use IotPay\Sunbay\Webhook;
use PHPUnit\Framework\TestCase;

/**
 * SUNBAY webhook verification (D44) with sunbay.md §9's computed vectors:
 * every accepted encoding and header spelling, and every refusal.
 */
final class SunbayWebhookTest extends TestCase
{
    private const SECRET = 'test_webhook_secret';
    private const BODY = '{"transactionId":"TXN20231119001","transactionStatus":"S"}';
    private const HEX = '155142760d073ae62dadc3c3a4706d8d77c295c6ec5fe7cee6af766931c39fcb';
    private const B64 = 'FVFCdg0HOuYtrcPDpHBtjXfClcbsX+fO5q92aTHDn8s=';
    private const NOW = 1701234567890;

    private function config(string $secret = self::SECRET): Config
    {
        return new Config(['appId' => 'app_1', 'merchantId' => 'M1260231004', 'apiKey' => 'sk_x', 'webhookSecret' => $secret]);
    }

    /** @return array<string,string> */
    private function headers(string $signature, int $ts = self::NOW, string $name = 'X-Signature'): array
    {
        return [$name => $signature, 'X-Timestamp' => (string) $ts, 'X-Client-Request-Id' => '550e8400-e29b-41d4-a716-446655440000'];
    }

    public function testTheVectorsAreTheStandardHmac(): void
    {
        // The primitive itself, independently of the extension.
        self::assertSame(58, strlen(self::BODY));
        self::assertSame(self::HEX, hash_hmac('sha256', self::BODY, self::SECRET));
        self::assertSame(self::B64, base64_encode(hash_hmac('sha256', self::BODY, self::SECRET, true)));
    }

    /** @return iterable<string,array{string,string}> */
    public static function encodings(): iterable
    {
        foreach (['X-Signature', 'x-signature', 'X-Sunbay-Signature', 'HTTP_X_SIGNATURE', 'HTTP_X_SUNBAY_SIGNATURE'] as $h) {
            yield "$h lower hex" => [$h, self::HEX];
            yield "$h upper hex" => [$h, strtoupper(self::HEX)];
            yield "$h base64" => [$h, self::B64];
            yield "$h sha256= hex" => [$h, 'sha256=' . self::HEX];
            yield "$h sha256= base64" => [$h, 'sha256=' . self::B64];
        }
    }

    /** @dataProvider encodings */
    public function testValidInEveryAcceptedEncoding(string $header, string $signature): void
    {
        $headers = $this->headers($signature, self::NOW, $header);
        if (str_starts_with($header, 'HTTP_')) {
            // As $_SERVER holds them, beside entries that are no headers at all.
            $headers = [$header => $signature, 'HTTP_X_TIMESTAMP' => (string) self::NOW,
                'HTTP_X_CLIENT_REQUEST_ID' => 'n-1', 'REQUEST_TIME' => 1, 'argv' => ['x'], 0 => 'y'];
        }
        $e = Webhook::verify(self::BODY, $headers, $this->config(), self::NOW);
        self::assertSame('TXN20231119001', $e->getTransactionId());
        self::assertSame('S', $e->getStatus());
        self::assertSame(self::NOW, $e->getTimestampMs());
        self::assertNotNull($e->getNotificationId());
        self::assertNull($e->getTransactionRequestId());
        self::assertSame(['transactionId' => 'TXN20231119001', 'transactionStatus' => 'S'], $e->toArray());
    }

    private function refused(string $class, string $body, array $headers, ?Config $config = null): void
    {
        try {
            Webhook::verify($body, $headers, $config ?? $this->config(), self::NOW);
            self::fail("expected $class");
        } catch (\IotPay\Exception\IotPayException $e) {
            self::assertInstanceOf($class, $e);
            self::assertSame('sunbay', $e->getProvider());
            self::assertStringNotContainsString(self::SECRET, $e->getMessage() . $e->getTraceAsString());
        }
    }

    public function testAlteredBody(): void
    {
        $this->refused(SignatureException::class, str_replace('"S"', '"F"', self::BODY), $this->headers(self::HEX));
        // One byte of whitespace is another body: the raw bytes are signed.
        $this->refused(SignatureException::class, self::BODY . "\n", $this->headers(self::HEX));
    }

    public function testWrongSecret(): void
    {
        $this->refused(SignatureException::class, self::BODY, $this->headers(self::HEX), $this->config('another_secret'));
    }

    public function testStaleOrMissingTimestamp(): void
    {
        $this->refused(SignatureException::class, self::BODY, $this->headers(self::HEX, self::NOW - 5 * 60 * 1000 - 1));
        $this->refused(SignatureException::class, self::BODY, $this->headers(self::HEX, self::NOW + 5 * 60 * 1000 + 1));
        $h = $this->headers(self::HEX);
        unset($h['X-Timestamp']);
        $this->refused(SignatureException::class, self::BODY, $h);
        $h['X-Timestamp'] = '1701234567';
        $this->refused(SignatureException::class, self::BODY, $h);
        // The edge of the window is inside it.
        self::assertSame('S', Webhook::verify(self::BODY, $this->headers(self::HEX, self::NOW - 300000), $this->config(), self::NOW)->getStatus());
    }

    public function testMissingOrMangledSignature(): void
    {
        $this->refused(SignatureException::class, self::BODY, ['X-Timestamp' => (string) self::NOW]);
        $this->refused(SignatureException::class, self::BODY, $this->headers(substr(self::HEX, 0, 63)));
        $this->refused(SignatureException::class, self::BODY, $this->headers(substr(self::HEX, 0, 32) . strtoupper(substr(self::HEX, 32))));
        $this->refused(SignatureException::class, self::BODY, $this->headers('md5=' . self::HEX));
    }

    public function testDuplicatedKeysRefusedEvenWhenSigned(): void
    {
        $body = '{"transactionId":"T1","transactionStatus":"F","transactionStatus":"S"}';
        $sig = hash_hmac('sha256', $body, self::SECRET);
        $this->refused(ProtocolException::class, $body, $this->headers($sig));
        $nested = '{"transactionId":"T1","amount":{"orderAmount":1,"orderAmount":2}}';
        $this->refused(ProtocolException::class, $nested, $this->headers(hash_hmac('sha256', $nested, self::SECRET)));
        $list = '[1,2]';
        $this->refused(ProtocolException::class, $list, $this->headers(hash_hmac('sha256', $list, self::SECRET)));
    }

    public function testTheDefaultClockIsNow(): void
    {
        $ts = (int) floor(microtime(true) * 1000);
        self::assertSame('S', Webhook::verify(self::BODY, $this->headers(self::HEX, $ts), $this->config())->getStatus());
        $this->expectException(SignatureException::class);
        Webhook::verify(self::BODY, $this->headers(self::HEX, self::NOW), $this->config());
    }

    public function testAConfigWithoutSecretCannotVerify(): void
    {
        $c = new Config(['appId' => 'app_1', 'merchantId' => 'M1', 'apiKey' => 'sk_x']);
        self::assertFalse($c->hasWebhookSecret());
        $this->refused(ConfigException::class, self::BODY, $this->headers(self::HEX), $c);
    }
}
