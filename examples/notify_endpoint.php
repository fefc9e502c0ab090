<?php
// The merchant's notify URL for the demo (run under `php -S`). It verifies the
// notification with the extension, records it, and answers `success` only
// when the signature verified. A real shop would update its order first,
// under a database lock, and answer after the update is saved.
declare(strict_types=1);

require __DIR__ . '/demo_config.php';

$body = (string) file_get_contents('php://input');
$record = ['at' => date('c')];
// Card (Credit Card V3) notifications come to their own URL: a JSON order
// object, acknowledged with SUCCESS; the v1 ones are acknowledged with success.
$path = parse_url($_SERVER['REQUEST_URI'] ?? '', PHP_URL_PATH);
$card = $path === '/card-notify';
try {
    if ($path === '/contract-notify') {
        // Autodebit contract callbacks (signed / terminated), answered success.
        $n = IotPay\Autodebit\ContractNotification::fromRequest(demo_config(), $body, $_SERVER['CONTENT_TYPE'] ?? '');
        $record += ['verified' => true, 'contract' => true, 'raw' => $body] + $n->toArray();
        $answer = IotPay\Autodebit\ContractNotification::ACK;
    } elseif ($card) {
        $n = IotPay\CardNotification::fromRequest(demo_config(), $body, $_SERVER['CONTENT_TYPE'] ?? '');
        $record += ['verified' => true, 'card' => true, 'raw' => $body] + $n->toArray();
        $answer = IotPay\CardNotification::ACK;
    } else {
        $n = IotPay\Notification::fromRequest(demo_config(), $body, $_SERVER['CONTENT_TYPE'] ?? '', $_SERVER['QUERY_STRING'] ?? '');
        $record += ['verified' => true] + $n->toArray();
        $answer = IotPay\Notification::ACK;
    }
} catch (IotPay\Exception\IotPayException $e) {
    $record += ['verified' => false, 'error' => $e->getMessage()];
    http_response_code(400);
    $answer = $card ? IotPay\CardNotification::NACK : 'invalid';
}
file_put_contents((string) getenv('IOTPAY_DEMO_INBOX'), json_encode($record) . "\n", FILE_APPEND | LOCK_EX);
echo $answer;
