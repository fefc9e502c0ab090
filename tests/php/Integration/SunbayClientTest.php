<?php

declare(strict_types=1);

namespace IotPay\Tests\Integration;

use IotPay\Decision;
use IotPay\Exception\GatewayException;
use IotPay\Sunbay\Client;
use IotPay\Sunbay\Transaction;
use IotPay\Tests\Support\NotifyReceiver;
use IotPay\Tests\Support\Sandbox;
use IotPay\Tests\Support\SandboxTestCase;

/**
 * Every SUNBAY endpoint through the real extension against the sandbox's
 * SUNBAY simulator, over HTTP and HTTPS: hosted-page sessions paid,
 * declined, cancelled and expired, wallet sales, refunds (partial,
 * over-refund), queries, the decision on each answer, and a real webhook.
 */
final class SunbayClientTest extends SandboxTestCase
{
    /** @return iterable<string,array{bool}> */
    public static function transports(): iterable
    {
        yield 'http' => [false];
        yield 'https' => [true];
    }

    private static function rid(string $prefix): string
    {
        return $prefix . bin2hex(random_bytes(6));
    }

    /** @return array<string,mixed> */
    private static function sessionRequest(string $rid, int $amount = 1234, array $extra = []): array
    {
        return $extra + ['transactionRequestId' => $rid, 'referenceOrderId' => 'WC' . substr($rid, -8),
            'amount' => $amount, 'currency' => 'USD', 'description' => 'Order ' . $rid];
    }

    /** @return array<string,mixed> */
    private static function expected(string $rid, int $amount, array $over = []): array
    {
        return $over + ['mchOrderNo' => $rid, 'amount' => $amount, 'currency' => 'USD', 'alreadyPaid' => false];
    }

    /** @dataProvider transports */
    public function testHostedPageSessionPaidThenQueriedAndDecided(bool $tls): void
    {
        $c = new Client($this->sb->sunbayConfig($tls));
        $rid = self::rid('hp');
        $s = $c->createSession(self::sessionRequest($rid, 1234, ['taxAmount' => 100, 'merchantReturnUrl' => 'https://shop.example/back',
            'productList' => [['name' => 'Mug', 'amount' => 617, 'num' => 2]], 'collectBillingAddress' => true]));
        self::assertNotSame('', $s->getSessionId());
        // The sandbox's hosted page (served on its plain listener for the browser tests).
        self::assertMatchesRegularExpression('#^https?://127\.0\.0\.1:\d+/sunbay/checkout/#', $s->getCheckoutUrl());
        self::assertSame($rid, $s->getTransactionRequestId());
        self::assertNotSame('', $s->getTraceId());
        self::assertMatchesRegularExpression('/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/', $s->getClientRequestId());
        $left = $s->getExpiresAtMs() - (int) (microtime(true) * 1000);
        self::assertGreaterThan(25 * 60 * 1000, $left, $s->getExpiresAt());
        self::assertLessThanOrEqual(31 * 60 * 1000, $left);
        self::assertSame($s->getSessionId(), $s->toArray()['sessionId']);

        // Before the shopper pays, nothing is paid: pending, or not created yet (D45).
        try {
            $before = $c->queryByTransactionRequestId($rid);
            self::assertFalse($before->isSuccess());
            self::assertSame('pending', Decision::decide(self::expected($rid, 1334), $before)->getOutcome());
        } catch (GatewayException $e) {
            self::assertSame('sunbay', $e->getProvider());
        }

        $this->sb->sunbaySession($s->getSessionId(), 'pay');
        $t = $c->queryByTransactionRequestId($rid);
        self::assertSame(Transaction::SUCCESS, $t->getStatus());
        self::assertTrue($t->isSuccess() && $t->isFinal());
        self::assertSame('SALE', $t->getType());
        self::assertSame($rid, $t->getTransactionRequestId());
        self::assertSame('WC' . substr($rid, -8), $t->getReferenceOrderId());
        self::assertSame(1234, $t->getOrderAmount());
        self::assertSame(1334, $t->getAmount(), 'the paid total includes the tax (D43)');
        self::assertSame('USD', $t->getCurrency());
        self::assertNotNull($t->getTraceId());
        $byId = $c->queryByTransactionId($t->getTransactionId());
        self::assertSame($rid, $byId->getTransactionRequestId());

        $d = Decision::decide(self::expected($rid, 1334), $t);
        self::assertSame('complete', $d->getOutcome());
        self::assertTrue($d->shouldComplete());
        self::assertSame('mismatch', Decision::decide(self::expected($rid, 1234), $t)->getOutcome());
        self::assertSame('amount', Decision::decide(self::expected($rid, 1234), $t)->getField());
        self::assertSame('already_settled', Decision::decide(self::expected($rid, 1334, ['alreadyPaid' => true, 'paidMchOrderNo' => $rid]), $t)->getOutcome());
        self::assertSame('duplicate_payment', Decision::decide(self::expected('other1', 1334, ['previousMchOrderNos' => [$rid], 'alreadyPaid' => true, 'paidMchOrderNo' => 'other1']), $t)->getOutcome());
        self::assertSame('not_ours', Decision::decide(self::expected('other2', 1334), $t)->getOutcome());
        // mchId is optional for SUNBAY and, when given, not compared (the answer names none).
        self::assertSame('complete', Decision::decide(self::expected($rid, 1334, ['mchId' => 'anything']), $t)->getOutcome());

        // A paid session cannot be expired (D45: C10, final).
        try {
            $c->expireSession($s->getSessionId(), 'order cancelled');
            self::fail('a paid session was expired');
        } catch (GatewayException $e) {
            self::assertSame('C10', $e->getProviderCode());
            self::assertSame('final', $e->getClassification());
            self::assertSame('sunbay', $e->getProvider());
        }
    }

    /** @dataProvider transports */
    public function testDeclinedCancelledAndExpiredSessions(bool $tls): void
    {
        $c = new Client($this->sb->sunbayConfig($tls));
        $declined = self::rid('dc');
        $s = $c->createSession(self::sessionRequest($declined, 500));
        $this->sb->sunbaySession($s->getSessionId(), 'decline');
        $t = $c->queryByTransactionRequestId($declined);
        self::assertSame(Transaction::FAIL, $t->getStatus());
        self::assertTrue($t->isFinal() && !$t->isSuccess());
        self::assertSame('failed', Decision::decide(self::expected($declined, 500), $t)->getOutcome());
        // An earlier attempt that failed does not touch the current one.
        self::assertSame('superseded', Decision::decide(self::expected('next1', 500, ['previousMchOrderNos' => [$declined]]), $t)->getOutcome());

        $cancelled = self::rid('cc');
        $s = $c->createSession(self::sessionRequest($cancelled, 500));
        $this->sb->sunbaySession($s->getSessionId(), 'cancel');
        $t = $c->queryByTransactionRequestId($cancelled);
        self::assertSame(Transaction::CLOSED, $t->getStatus());
        self::assertSame('cancelled', Decision::decide(self::expected($cancelled, 500), $t)->getOutcome());

        // Expired before anyone paid: no transaction, no payment can happen any more.
        $open = self::rid('ex');
        $s = $c->createSession(self::sessionRequest($open, 700));
        $x = $c->expireSession($s->getSessionId(), 'order cancelled');
        self::assertSame($s->getSessionId(), $x->getSessionId());
        self::assertSame('EXPIRED', $x->getSessionStatus());
        self::assertNull($x->getTransactionId());
        self::assertNotNull($x->getExpiredAt());
        self::assertNotSame('', $x->getTraceId());
        self::assertSame('EXPIRED', $x->toArray()['sessionStatus']);
    }

    /** @dataProvider transports */
    public function testWalletSaleAndRefunds(bool $tls): void
    {
        $c = new Client($this->sb->sunbayConfig($tls));
        $rid = self::rid('sl');
        $token = '{"signature":"MEQCIH==","intermediateSigningKey":{"signedKey":"{\"keyValue\":\"x\"}"},"protocolVersion":"ECv2","signedMessage":"{\"encryptedMessage\":\"ZW5j\"}"}';
        $t = $c->sale(self::sessionRequest($rid, 2000, ['paymentMethod' => 'GOOGLE_PAY', 'cardEncryptedData' => $token,
            'customerEmail' => 'a@example.com', 'billingAddress' => ['country' => 'US', 'postalCode' => '10001']]));
        self::assertNotSame('', $t->getTransactionId());
        self::assertSame($rid, $t->getTransactionRequestId());
        $paid = $c->queryByTransactionId($t->getTransactionId());
        self::assertSame(Transaction::SUCCESS, $paid->getStatus());
        self::assertSame(2000, $paid->getAmount());
        self::assertSame('complete', Decision::decide(self::expected($rid, 2000), $paid)->getOutcome());

        // Partial refunds by transactionId and by the original's request id.
        $r1 = $c->refund(['transactionRequestId' => $rid . 'r1', 'originalTransactionId' => $t->getTransactionId(),
            'amount' => 500, 'currency' => 'USD', 'description' => 'partial']);
        self::assertSame('REFUND', $r1->getType());
        self::assertSame(500, $r1->getAmount());
        self::assertContains($r1->getStatus(), [Transaction::SUCCESS, Transaction::PROCESSING, Transaction::INITIAL]);
        $r2 = $c->refund(['transactionRequestId' => $rid . 'r2', 'originalTransactionRequestId' => $rid, 'amount' => 1000, 'currency' => 'USD']);
        self::assertSame(1000, $r2->getAmount());
        $q = $c->queryByTransactionRequestId($rid . 'r1');
        self::assertSame('REFUND', $q->getType());
        self::assertSame($t->getTransactionId(), $q->getOriginalTransactionId());
        self::assertSame('refund_record', Decision::decide(self::expected($rid, 2000), $q)->getOutcome());

        // More than what is left (500): C09, final — nothing refunded.
        try {
            $c->refund(['transactionRequestId' => $rid . 'r3', 'originalTransactionId' => $t->getTransactionId(), 'amount' => 501, 'currency' => 'USD']);
            self::fail('over-refund accepted');
        } catch (GatewayException $e) {
            self::assertSame('C09', $e->getProviderCode());
            self::assertSame('final', $e->getClassification());
            self::assertFalse($e->shouldQueryFirst() || $e->isRetryable());
        }
        $last = $c->refund(['transactionRequestId' => $rid . 'r4', 'originalTransactionId' => $t->getTransactionId(), 'amount' => 500, 'currency' => 'USD']);
        self::assertSame(500, $last->getAmount());
    }

    /**
     * The same POST sent again (a retry after an unknown outcome) carries
     * the same X-Client-Request-Id (D41): SUNBAY's duplicate check answers
     * S11, "query first", and the query tells the truth.
     *
     * @dataProvider transports
     */
    public function testAReusedRequestIdIsQueryFirst(bool $tls): void
    {
        $c = new Client($this->sb->sunbayConfig($tls));
        $rid = self::rid('dup');
        $first = $c->createSession(self::sessionRequest($rid, 900));
        // Another worker, another client object: the same operation, the same id.
        $other = new Client($this->sb->sunbayConfig($tls));
        try {
            $other->createSession(self::sessionRequest($rid, 900));
            self::fail('the re-sent session was not recognised as a duplicate');
        } catch (GatewayException $e) {
            self::assertSame('S11', $e->getProviderCode());
            self::assertSame('query_first', $e->getClassification());
            self::assertTrue($e->shouldQueryFirst());
        }
        $this->sb->sunbaySession($first->getSessionId(), 'pay');
        self::assertSame('complete', Decision::decide(self::expected($rid, 900), $c->queryByTransactionRequestId($rid))->getOutcome());
        // The same for a refund re-sent after an unknown outcome: never refunded twice.
        $paid = $c->queryByTransactionRequestId($rid);
        $refund = ['transactionRequestId' => $rid . 'r', 'originalTransactionId' => $paid->getTransactionId(), 'amount' => 900, 'currency' => 'USD'];
        $c->refund($refund);
        try {
            $other->refund($refund);
            self::fail('a re-sent refund was executed again');
        } catch (GatewayException $e) {
            self::assertSame('S11', $e->getProviderCode());
            self::assertTrue($e->shouldQueryFirst());
        }
        self::assertSame(900, $c->queryByTransactionRequestId($rid . 'r')->getAmount());
    }

    /**
     * A shop whose clock is 11 minutes off: SUNBAY refuses the timestamp
     * (S02). Run in a child PHP with the extension's test hook moving its
     * X-Timestamp, as a wrong server clock would.
     */
    public function testAStaleTimestampIsRefusedWithS02(): void
    {
        $ext = (string) getenv('IOTPAY_EXTENSION');
        if ($ext === '') {
            self::markTestSkipped('IOTPAY_EXTENSION is not set (run through make test-php)');
        }
        $code = sprintf(
            'try { (new IotPay\Sunbay\Client(new IotPay\Sunbay\Config(["appId" => %s, "merchantId" => %s, "apiKey" => %s, "baseUrl" => %s])))'
            . '->createSession(["transactionRequestId" => %s, "referenceOrderId" => "WC000777", "amount" => 100, "currency" => "USD", "description" => "d"]); echo "accepted"; }'
            . ' catch (IotPay\Exception\GatewayException $e) { echo $e->getProviderCode(), " ", $e->getClassification(), " ", $e->getProvider(); }',
            var_export(Sandbox::SUNBAY_APP_ID, true),
            var_export(Sandbox::SUNBAY_MERCHANT_ID, true),
            var_export(Sandbox::SUNBAY_API_KEY, true),
            var_export($this->sb->http, true),
            var_export(self::rid('ts'), true),
        );
        $run = fn (string $env) => trim((string) shell_exec($env . ' ' . escapeshellarg(PHP_BINARY) . ' -n -d extension=' . escapeshellarg($ext) . ' -r ' . escapeshellarg($code) . ' 2>&1'));
        self::assertSame('S02 retryable sunbay', $run('IOTPAY_ENABLE_TEST_HOOKS=1 IOTPAY_TEST_SUNBAY_CLOCK_OFFSET_MS=-660000'));
        self::assertSame('S02 retryable sunbay', $run('IOTPAY_ENABLE_TEST_HOOKS=1 IOTPAY_TEST_SUNBAY_CLOCK_OFFSET_MS=660000'));
        // Without the hook switch the offset is ignored: the real clock is sent.
        self::assertSame('accepted', $run('IOTPAY_ENABLE_TEST_HOOKS= IOTPAY_TEST_SUNBAY_CLOCK_OFFSET_MS=-660000'));
    }

    public function testABadApiKeyIsS10(): void
    {
        $c = new Client($this->sb->sunbayConfig(false, ['apiKey' => 'sk_wrong_key']));
        try {
            $c->queryByTransactionRequestId('nothing1');
            self::fail('accepted');
        } catch (GatewayException $e) {
            self::assertSame('S10', $e->getProviderCode());
            self::assertSame('final', $e->getClassification());
            self::assertStringNotContainsString('sk_wrong_key', $e->getMessage());
        }
    }

    /** The sandbox's signed webhook, received by a PHP endpoint that verifies it with the extension from $_SERVER. */
    public function testARealWebhookVerifies(): void
    {
        $rx = new NotifyReceiver();
        try {
            $c = new Client($this->sb->sunbayConfig());
            $rid = self::rid('wh');
            $s = $c->createSession(self::sessionRequest($rid, 1500, ['notifyUrl' => $rx->sunbayUrl]));
            $this->sb->sunbaySession($s->getSessionId(), 'pay');
            $got = $rx->waitFor(1);
            self::assertNotEmpty($got, 'no webhook arrived');
            $w = $got[0];
            self::assertTrue($w['verified'], json_encode($w));
            self::assertSame($rid, $w['transactionRequestId']);
            self::assertSame('S', $w['status']);
            self::assertNotEmpty($w['notificationId']);
            // The same bytes verify here too; one changed byte does not.
            $config = $this->sb->sunbayConfig();
            $headers = ['X-Signature' => $w['signature'], 'X-Timestamp' => $w['timestamp']];
            self::assertSame($rid, \IotPay\Sunbay\Webhook::verify($w['raw'], $headers, $config)->getTransactionRequestId());
            $this->expectException(\IotPay\Exception\SignatureException::class);
            \IotPay\Sunbay\Webhook::verify(str_replace('"S"', '"F"', $w['raw']), $headers, $config);
        } finally {
            $rx->stop();
        }
    }
}
