<?php

declare(strict_types=1);

namespace IotPay\Tests\Support;

use IotPay\Exception\GatewayException;
use PHPUnit\Framework\TestCase;

/**
 * A test against the shared sandbox. Every test starts and ends with no fault
 * set: the sandbox lives for the whole run, so a fault one test sets must not
 * reach the next.
 */
abstract class SandboxTestCase extends TestCase
{
    protected Sandbox $sb;

    protected function setUp(): void
    {
        $this->sb = Sandbox::get();
        $this->sb->clearFaults();
    }

    protected function tearDown(): void
    {
        $this->sb->clearFaults();
    }

    /** The GatewayException `$call` throws, or null when it throws none (any other exception goes on). */
    protected static function gatewayError(callable $call): ?GatewayException
    {
        try {
            $call();
        } catch (GatewayException $e) {
            return $e;
        }
        return null;
    }

    /**
     * Each refusal was a GatewayException carrying its IOTPay code, classified
     * final (sending the same again gets the same answer), the key in none.
     *
     * @param array<string, ?GatewayException> $byCode
     */
    protected static function assertFinalGatewayCodes(array $byCode): void
    {
        foreach ($byCode as $code => $e) {
            self::assertInstanceOf(GatewayException::class, $e, "no GatewayException for $code");
            self::assertSame((string) $code, $e->getProviderCode());
            self::assertSame('final', $e->getClassification());
            self::assertStringNotContainsString(Sandbox::KEY, (string) $e);
        }
    }
}
