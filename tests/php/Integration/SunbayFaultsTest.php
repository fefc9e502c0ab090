<?php

declare(strict_types=1);

namespace IotPay\Tests\Integration;

use IotPay\Decision;
use IotPay\Exception\GatewayException;
use IotPay\Exception\ProtocolException;
use IotPay\Exception\TransportException;
use IotPay\Sunbay\Client;
use IotPay\Tests\Support\Sandbox;
use IotPay\Tests\Support\SandboxTestCase;

/**
 * Every SUNBAY failure class through the real extension, produced by the
 * sandbox's faults over HTTP and HTTPS: each S/C/M/P/E code with the
 * catalogue's classification, 5xx, a hang (timeout), malformed JSON, and a
 * request processed before a 5xx (re-sent: S11, query first).
 */
final class SunbayFaultsTest extends SandboxTestCase
{
    private function client(bool $tls, int $timeoutMs = 5000): Client
    {
        return new Client($this->sb->sunbayConfig($tls, ['timeoutMs' => $timeoutMs]));
    }

    private static function rid(string $prefix): string
    {
        return $prefix . bin2hex(random_bytes(6));
    }

    /** @return array<string,mixed> */
    private static function session(string $rid): array
    {
        return ['transactionRequestId' => $rid, 'referenceOrderId' => 'WC' . substr($rid, -8), 'amount' => 800,
            'currency' => 'CAD', 'description' => 'Order'];
    }

    /** @return iterable<string,array{string,string}> */
    public static function codes(): iterable
    {
        $final = ['S01', 'S03', 'S05', 'S06', 'S07', 'S08', 'S10', 'C01', 'C02', 'C03', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10', 'C17', 'C24', 'M01', 'M02', 'M04'];
        foreach ($final as $c) {
            yield $c => [$c, 'final'];
        }
        foreach (['S02', 'S04', 'S09'] as $c) {
            yield $c => [$c, 'retryable'];
        }
        foreach (['S11', 'C26', 'C27', 'P01', 'E01', 'E02', 'E03'] as $c) {
            yield $c => [$c, 'query_first'];
        }
    }

    /** @dataProvider codes */
    public function testEveryCodeIsATypedGatewayException(string $code, string $classification): void
    {
        foreach ([false, true] as $tls) {
            $this->sb->setFaults(['sunbay_code' => $code, 'once' => true]);
            try {
                $this->client($tls)->createSession(self::session(self::rid('code')));
                self::fail("$code not thrown");
            } catch (GatewayException $e) {
                self::assertSame($code, $e->getProviderCode());
                self::assertSame($classification, $e->getClassification(), $code);
                self::assertSame($classification === 'query_first', $e->shouldQueryFirst(), $code);
                self::assertSame($classification === 'retryable', $e->isRetryable(), $code);
                self::assertSame('sunbay', $e->getProvider());
                self::assertStringContainsString("SUNBAY error $code", $e->getMessage());
                self::assertStringNotContainsString(Sandbox::SUNBAY_API_KEY, $e->getMessage() . $e->getTraceAsString());
            }
        }
    }

    /** @return iterable<string,array{bool}> */
    public static function transports(): iterable
    {
        yield 'http' => [false];
        yield 'https' => [true];
    }

    /** @dataProvider transports */
    public function testEveryEndpointGetsItsCode(bool $tls): void
    {
        $c = $this->client($tls);
        $calls = [
            'sunbay_create_session' => fn () => $c->createSession(self::session(self::rid('e'))),
            'sunbay_expire_session' => fn () => $c->expireSession(self::rid('cs_')),
            'sunbay_sale' => fn () => $c->sale(self::session(self::rid('e')) + ['paymentMethod' => 'APPLE_PAY', 'cardEncryptedData' => 'tok']),
            'sunbay_refund' => fn () => $c->refund(['transactionRequestId' => self::rid('e'), 'originalTransactionId' => 'T1', 'amount' => 1, 'currency' => 'CAD']),
            'sunbay_query' => fn () => $c->queryByTransactionId('T1'),
        ];
        foreach ($calls as $endpoint => $call) {
            $this->sb->setFaults(['endpoint' => $endpoint, 'sunbay_code' => 'E02', 'once' => true]);
            try {
                $call();
                self::fail("$endpoint: no E02");
            } catch (GatewayException $e) {
                self::assertSame('E02', $e->getProviderCode(), $endpoint);
                self::assertTrue($e->shouldQueryFirst(), $endpoint);
            }
        }
    }

    /** @dataProvider transports */
    public function testServerErrorTimeoutAndMalformedAnswersAreUnknownOutcomes(bool $tls): void
    {
        $c = $this->client($tls, 800);
        $this->sb->setFaults(['endpoint' => 'sunbay_create_session', 'error_5xx_rate' => 1, 'once' => true]);
        try {
            $c->createSession(self::session(self::rid('5x')));
            self::fail('no 5xx');
        } catch (TransportException $e) {
            self::assertGreaterThanOrEqual(500, $e->getHttpStatus());
            self::assertTrue($e->shouldQueryFirst());
            self::assertFalse($e->isRetryable() || $e->isTimeout());
            self::assertSame('sunbay', $e->getProvider());
        }
        $this->sb->setFaults(['endpoint' => 'sunbay_query', 'hang_rate' => 1, 'once' => true]);
        $t0 = microtime(true);
        try {
            $c->queryByTransactionRequestId(self::rid('hg'));
            self::fail('no timeout');
        } catch (TransportException $e) {
            self::assertTrue($e->isTimeout());
            self::assertTrue($e->shouldQueryFirst());
            self::assertLessThan(3.0, microtime(true) - $t0);
        }
        $this->sb->setFaults(['endpoint' => 'sunbay_refund', 'malformed_json_rate' => 1, 'once' => true]);
        try {
            $c->refund(['transactionRequestId' => self::rid('mj'), 'originalTransactionId' => 'T1', 'amount' => 1, 'currency' => 'CAD']);
            self::fail('malformed JSON read');
        } catch (ProtocolException $e) {
            self::assertTrue($e->shouldQueryFirst());
            self::assertSame('sunbay', $e->getProvider());
        }
    }

    /**
     * Processed, then answered 500: the outcome is unknown. Sent again, the
     * same request id is S11 (never a second session); the query answers.
     *
     * @dataProvider transports
     */
    public function testProcessedThen5xxThenResentIsS11ThenQuery(bool $tls): void
    {
        $c = $this->client($tls);
        $rid = self::rid('pt');
        $this->sb->setFaults(['endpoint' => 'sunbay_create_session', 'process_then_5xx_rate' => 1, 'once' => true]);
        try {
            $c->createSession(self::session($rid));
            self::fail('no 5xx');
        } catch (TransportException $e) {
            self::assertTrue($e->shouldQueryFirst());
        }
        try {
            $c->createSession(self::session($rid));
            self::fail('re-sent without S11');
        } catch (GatewayException $e) {
            self::assertSame('S11', $e->getProviderCode());
            self::assertTrue($e->shouldQueryFirst());
        }
        $sessions = $this->sb->admin('GET', '/admin/sunbay/sessions?transactionRequestId=' . $rid)['sessions'];
        self::assertCount(1, $sessions, 'exactly one session');
        $this->sb->sunbaySession($sessions[0]['sessionId'], 'pay');
        $t = $c->queryByTransactionRequestId($rid);
        self::assertSame('complete', Decision::decide(['mchOrderNo' => $rid, 'amount' => 800, 'currency' => 'CAD'], $t)->getOutcome());
    }

    /** Answer shapes D42/D43 read: amounts as digit strings, long status names. */
    public function testAnswerShapes(): void
    {
        $c = $this->client(false);
        $rid = self::rid('sh');
        $c->sale(self::session($rid) + ['paymentMethod' => 'APPLE_PAY', 'cardEncryptedData' => 'tok']);
        $this->sb->setFaults(['endpoint' => 'sunbay_query', 'amounts_as_strings' => true, 'status_long_names' => true, 'once' => true]);
        $t = $c->queryByTransactionRequestId($rid);
        self::assertSame('S', $t->getStatus());
        self::assertSame(800, $t->getAmount());
        self::assertSame('SUCCESS', $t->toArray()['transactionStatus']);
        self::assertSame('800', $t->toArray()['amount']['orderAmount']);
    }

    /** A sale the processor has not decided yet is pending, then settled. */
    public function testAProcessingSaleIsPendingUntilSettled(): void
    {
        $c = $this->client(false);
        $rid = self::rid('pr');
        $this->sb->setFaults(['endpoint' => 'sunbay_sale', 'sunbay_status' => 'P', 'once' => true]);
        $t = $c->sale(self::session($rid) + ['paymentMethod' => 'GOOGLE_PAY', 'cardEncryptedData' => 'tok']);
        self::assertSame('P', $t->getStatus());
        self::assertFalse($t->isFinal());
        $expected = ['mchOrderNo' => $rid, 'amount' => 800, 'currency' => 'CAD'];
        self::assertSame('pending', Decision::decide($expected, $t)->getOutcome());
        $this->sb->admin('POST', '/admin/sunbay/transactions/' . rawurlencode($t->getTransactionId()) . '/settle', ['status' => 'S']);
        self::assertSame('complete', Decision::decide($expected, $c->queryByTransactionId($t->getTransactionId()))->getOutcome());
    }
}
