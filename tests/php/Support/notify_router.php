<?php

declare(strict_types=1);

// Router for `php -S`: a minimal merchant notify endpoint built only on the
// extension. Mode "ack" answers success after verifying; "fail:N" answers
// "fail" to the first N deliveries. /notify takes v1 notifications,
// /card-notify Credit Card V3 ones (JSON; acknowledged with SUCCESS),
// /contract-notify Autodebit contract callbacks. Every record keeps the raw
// body, so a test can alter it and show that the extension refuses it.
$dir = (string) getenv('IOTPAY_NOTIFY_DIR');
$path = parse_url($_SERVER['REQUEST_URI'] ?? '', PHP_URL_PATH);
if ($path === '/return') {
    // The shop's thank-you page the browser returns to; it proves nothing.
    echo '<!DOCTYPE html><title>Thank you</title><h1>Thank you for your order</h1>';
    return true;
}
if ($path === '/sunbay-notify') {
    // A SUNBAY webhook: verified over the raw body with the headers as PHP
    // hands them to a shop ($_SERVER), answered 200 only when it verifies.
    $body = (string) file_get_contents('php://input');
    $sunbay = new IotPay\Sunbay\Config(['appId' => 'app_sandbox', 'merchantId' => 'M1260231004',
        'apiKey' => 'unused', 'webhookSecret' => (string) getenv('IOTPAY_SUNBAY_WEBHOOK_SECRET')]);
    $record = ['method' => $_SERVER['REQUEST_METHOD'], 'sunbay' => true, 'raw' => $body,
        'signature' => $_SERVER['HTTP_X_SIGNATURE'] ?? null, 'timestamp' => $_SERVER['HTTP_X_TIMESTAMP'] ?? null];
    try {
        $e = IotPay\Sunbay\Webhook::verify($body, $_SERVER, $sunbay);
        $record += ['verified' => true, 'notificationId' => $e->getNotificationId(),
            'transactionId' => $e->getTransactionId(), 'transactionRequestId' => $e->getTransactionRequestId(),
            'status' => $e->getStatus(), 'type' => $e->getType()];
    } catch (IotPay\Exception\IotPayException $e) {
        $record += ['verified' => false, 'error' => get_class($e)];
    }
    file_put_contents($dir . '/received.jsonl', json_encode($record) . "\n", FILE_APPEND | LOCK_EX);
    http_response_code($record['verified'] ? 200 : 401);
    return true;
}
$config = new IotPay\Config(['mchId' => getenv('IOTPAY_MCH_ID'), 'key' => getenv('IOTPAY_KEY')]);
$body = (string) file_get_contents('php://input');
$record = ['method' => $_SERVER['REQUEST_METHOD'], 'contentType' => $_SERVER['CONTENT_TYPE'] ?? ''];
if ($path === '/card-notify') {
    $record['raw'] = $body;
    try {
        $n = IotPay\CardNotification::fromRequest($config, $body, $_SERVER['CONTENT_TYPE'] ?? '');
        $record += ['verified' => true, 'card' => true, 'mchOrderNo' => $n->getMchOrderNo(),
            'payOrderId' => $n->getPayOrderId(), 'amount' => $n->getAmount(), 'currency' => $n->getCurrency(),
            'status' => $n->getStatus(), 'paid' => $n->isPaid(), 'refund' => $n->isRefundRecord(),
            'originalOrderId' => $n->getOriginalOrderId()];
    } catch (IotPay\Exception\IotPayException $e) {
        $record += ['verified' => false, 'error' => get_class($e)];
    }
    file_put_contents($dir . '/received.jsonl', json_encode($record) . "\n", FILE_APPEND | LOCK_EX);
    echo $record['verified'] ? IotPay\CardNotification::ACK : IotPay\CardNotification::NACK;
    return true;
}
if ($path === '/contract-notify') {
    $record['raw'] = $body;
    try {
        $n = IotPay\Autodebit\ContractNotification::fromRequest($config, $body, $_SERVER['CONTENT_TYPE'] ?? '', $_SERVER['QUERY_STRING'] ?? '');
        $record += ['verified' => true, 'contract' => true, 'mchContractId' => $n->getMchContractId(),
            'iotpayContractId' => $n->getIotpayContractId(), 'status' => $n->getStatus(),
            'signedAt' => $n->getSignedAt(), 'cancelledAt' => $n->getCancelledAt(), 'openId' => $n->getOpenId()];
    } catch (IotPay\Exception\IotPayException $e) {
        $record += ['verified' => false, 'error' => get_class($e)];
    }
    file_put_contents($dir . '/received.jsonl', json_encode($record) . "\n", FILE_APPEND | LOCK_EX);
    echo $record['verified'] ? IotPay\Autodebit\ContractNotification::ACK : 'invalid';
    return true;
}
$record['raw'] = $body;
try {
    $n = IotPay\Notification::fromRequest($config, $body, $_SERVER['CONTENT_TYPE'] ?? '', $_SERVER['QUERY_STRING'] ?? '');
    $record += ['verified' => true, 'mchOrderNo' => $n->getMchOrderNo(), 'payOrderId' => $n->getPayOrderId(),
        'amount' => $n->getAmount(), 'currency' => $n->getCurrency(), 'status' => $n->getStatus(),
        'paid' => $n->isPaid()];
} catch (IotPay\Exception\IotPayException $e) {
    $record += ['verified' => false, 'error' => get_class($e)];
}
$mode = (string) @file_get_contents($dir . '/mode');
$count = count(@file($dir . '/received.jsonl') ?: []);
file_put_contents($dir . '/received.jsonl', json_encode($record) . "\n", FILE_APPEND | LOCK_EX);
if (str_starts_with($mode, 'fail:') && $count < (int) substr($mode, 5)) {
    echo 'fail';
    return true;
}
echo $record['verified'] ? IotPay\Notification::ACK : 'invalid';
return true;
