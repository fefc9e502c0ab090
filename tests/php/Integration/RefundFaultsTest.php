<?php

declare(strict_types=1);

namespace IotPay\Tests\Integration;

use IotPay\Client;
use IotPay\Exception\GatewayException;
use IotPay\Exception\ProtocolException;
use IotPay\Exception\TransportException;
use IotPay\RefundResult;
use IotPay\Tests\Support\FaultsTestCase;
use IotPay\Tests\Support\Sandbox;

/**
 * What refundOrder / queryRefundByMchRefundNo report for each refund case a
 * refund state machine must handle (sandbox faults, issue 8).
 */
final class RefundFaultsTest extends FaultsTestCase
{
    private function paidOrder(int $amount = 1000): string
    {
        $r = $this->c->createOrder([
            'mchOrderNo' => Sandbox::orderNo(), 'channelId' => 'UPI_QR', 'currency' => 'CAD', 'amount' => $amount,
            'clientIp' => '127.0.0.1', 'notifyUrl' => 'http://127.0.0.1:9/n', 'subject' => 's', 'body' => 'b',
        ]);
        $this->sb->pay((string) $r->getPayOrderId());
        return (string) $r->getPayOrderId();
    }

    /** @return array{mchRefundNo: string, refundAmount: int, payOrderId: string, clientIp: string} */
    private function refund(string $payOrderId, int $amount): array
    {
        return ['mchRefundNo' => 'R' . bin2hex(random_bytes(6)), 'refundAmount' => $amount, 'payOrderId' => $payOrderId, 'clientIp' => '127.0.0.1'];
    }

    public function testPendingRefundIsRefundingThenSuccess(): void
    {
        $id = $this->paidOrder();
        $this->sb->setFaults(['endpoint' => 'refund_order', 'refund_pending_ms' => 300, 'once' => true]);
        $req = $this->refund($id, 400);
        $r = $this->c->refundOrder($req);
        self::assertSame(RefundResult::REFUNDING, $r->getStatus());
        self::assertSame('refunding', $r->getStatusName());
        self::assertFalse($r->isSuccess());
        self::assertFalse($r->isFailed());
        self::assertNull($r->getRefundSuccTime());
        self::assertSame(1, $this->c->queryRefundByMchRefundNo($req['mchRefundNo'])->getStatus());
        usleep(400_000);
        $q = $this->c->queryRefundByMchRefundNo($req['mchRefundNo']);
        self::assertTrue($q->isSuccess());
        self::assertNotNull($q->getRefundSuccTime());
    }

    public function testPendingRefundCanEndFailed(): void
    {
        $id = $this->paidOrder();
        $this->sb->setFaults(['endpoint' => 'refund_order', 'refund_pending_ms' => 200, 'refund_final_status' => 3, 'once' => true]);
        $req = $this->refund($id, 1000);
        self::assertSame(RefundResult::REFUNDING, $this->c->refundOrder($req)->getStatus());
        usleep(300_000);
        $q = $this->c->queryRefundByMchRefundNo($req['mchRefundNo']);
        self::assertTrue($q->isFailed());
        self::assertFalse($q->isSuccess());
        self::assertSame(RefundResult::FAILED, $q->getStatus());
        // The failed amount is refundable again.
        self::assertTrue($this->c->refundOrder($this->refund($id, 1000))->isSuccess());
    }

    public function testRefundProcessedLaterAfterA502(): void
    {
        $id = $this->paidOrder();
        $this->sb->setFaults(['endpoint' => 'refund_order', 'process_later_ms' => 500, 'once' => true]);
        $req = $this->refund($id, 300);
        try {
            $this->c->refundOrder($req);
            self::fail('no exception');
        } catch (TransportException $e) {
            self::assertSame(502, $e->getHttpStatus());
            self::assertTrue($e->shouldQueryFirst());
            self::assertFalse($e->isRetryable());
        }
        // Not recorded yet: 0112 here does not prove the refund will never happen.
        try {
            $this->c->queryRefundByMchRefundNo($req['mchRefundNo']);
            self::fail('no exception');
        } catch (GatewayException $e) {
            self::assertSame('0112', $e->getProviderCode());
        }
        usleep(700_000);
        $q = $this->c->queryRefundByMchRefundNo($req['mchRefundNo']);
        self::assertTrue($q->isSuccess());
        self::assertSame(300, $q->getRefundAmount());
    }

    public function testResendWithTheSameNumberPaysOnce(): void
    {
        $id = $this->paidOrder();
        $this->sb->setFaults(['endpoint' => 'refund_order', 'process_later_ms' => 300, 'once' => true]);
        $req = $this->refund($id, 600);
        try {
            $this->c->refundOrder($req);
            self::fail('no exception');
        } catch (TransportException $e) {
            self::assertSame(502, $e->getHttpStatus());
        }
        $now = $this->c->refundOrder($req);
        self::assertTrue($now->isSuccess());
        usleep(500_000);
        $order = $this->sb->admin('GET', '/admin/orders/' . $id);
        self::assertCount(1, $order['refunds']);
        self::assertSame(600, $order['refundedAmount']);
        self::assertSame($now->getRefundOrderId(), $this->c->queryRefundByMchRefundNo($req['mchRefundNo'])->getRefundOrderId());
    }

    public function testQueryRefundPathMissingIsAProtocolErrorWithItsStatus(): void
    {
        $id = $this->paidOrder();
        $req = $this->refund($id, 100);
        $this->c->refundOrder($req);
        $this->sb->setFaults(['endpoint' => 'query_refund', 'http_status' => 404]);
        try {
            $this->c->queryRefundByMchRefundNo($req['mchRefundNo']);
            self::fail('no exception');
        } catch (ProtocolException $e) {
            self::assertSame(404, $e->getHttpStatus());
            self::assertFalse($e->isRetryable());
            self::assertStringContainsString('404', $e->getMessage());
        }
    }

    public function testRefundAnswerWithoutStatusIsNeitherSuccessNorFailure(): void
    {
        $id = $this->paidOrder();
        $this->sb->setFaults(['endpoint' => 'refund_order', 'omit_fields' => ['status'], 'once' => true]);
        $req = $this->refund($id, 100);
        $r = $this->c->refundOrder($req);
        self::assertFalse($r->isSuccess());
        self::assertFalse($r->isFailed());
        self::assertSame(RefundResult::UNKNOWN, $r->getStatus());
        self::assertSame('unknown', $r->getStatusName());
        self::assertNotEmpty($r->getRefundOrderId());
        // Asking again tells the outcome.
        self::assertTrue($this->c->queryRefundByMchRefundNo($req['mchRefundNo'])->isSuccess());
    }
}
