<?php

declare(strict_types=1);

namespace IotPay\Tests\Unit;

use IotPay\Client;
use IotPay\Config;
use IotPay\Exception\IotPayException;
use IotPay\Exception\TransportException;
use IotPay\Exception\ValidationException;
use PHPUnit\Framework\TestCase;

/**
 * The card data given to Client::ccDirectPurchase() (number, CVV, expiry)
 * never shows in an exception, its trace, a dump or a serialization, whatever
 * goes wrong (like the merchant key, ConfigAndSecretsTest).
 */
final class CardDataSecretsTest extends TestCase
{
    private const PAN = '4000056655665556';
    private const CVV = '8642';
    private const EXPIRY = '0429';
    private const HOLDER = 'Holder Of The Card';

    private function client(): Client
    {
        // Port 1 on loopback refuses connections: the call fails after validation.
        return new Client(new Config(['mchId' => '10000701', 'key' => 'k', 'loginName' => 'jack123',
            'ccBaseUrl' => 'http://127.0.0.1:1/v3/', 'connectTimeoutMs' => 500, 'timeoutMs' => 1000]));
    }

    private function request(array $over = []): array
    {
        return $over + ['mchOrderNo' => 'D1', 'amount' => 100, 'currency' => 'CAD', 'channel' => 'PF_CC',
            'cardNum' => self::PAN, 'expiryDate' => self::EXPIRY, 'holder' => self::HOLDER, 'cvv' => self::CVV];
    }

    /** The card is an argument of every frame above the call, as in a shop. */
    private function pay(Client $c, array $request): void
    {
        (function (array $card) use ($c): void {
            $c->ccDirectPurchase($card);
        })($request);
    }

    public function testNeverInExceptionsOrTraces(): void
    {
        $c = $this->client();
        $cases = [
            'transport' => [$this->request(), TransportException::class],
            'bad number' => [$this->request(['cardNum' => '4000056655665557']), ValidationException::class],
            'bad cvv' => [$this->request(['cvv' => '86421']), ValidationException::class],
            'bad expiry' => [$this->request(['expiryDate' => '1329']), ValidationException::class],
            'number as int' => [$this->request(['cardNum' => 4000056655665556]), ValidationException::class],
            'currency' => [$this->request(['currency' => 'USD']), ValidationException::class],
            'unknown field' => [$this->request(['cardNumber' => self::PAN]), ValidationException::class],
            'other merchant' => [$this->request(['mchId' => 'other']), ValidationException::class],
        ];
        foreach ($cases as $what => [$req, $class]) {
            try {
                $this->pay($c, $req);
                self::fail("no exception ($what)");
            } catch (IotPayException $e) {
                self::assertInstanceOf($class, $e, $what);
                $shown = (string) $e . print_r($e->getTrace(), true) . $e->getTraceAsString()
                    . var_export($e, true) . print_r($e, true) . json_encode($e->getTrace());
                ob_start();
                var_dump($e);
                $shown .= ob_get_clean();
                foreach ([self::PAN, self::CVV, self::EXPIRY, self::HOLDER, '4000056655665557', '86421', '1329'] as $secret) {
                    self::assertStringNotContainsString($secret, $shown, "$what shows '$secret'");
                }
                foreach ($e->getTrace() as $frame) {
                    self::assertArrayNotHasKey('args', $frame, $what);
                }
            }
        }
    }

    public function testRefusedFieldsAreNamedNotQuoted(): void
    {
        try {
            $this->client()->ccDirectPurchase($this->request(['cvv' => '12']));
            self::fail('accepted a 2-digit cvv');
        } catch (ValidationException $e) {
            self::assertSame('cvv', $e->getField());
            self::assertSame('invalid cvv: must be 3 or 4 digits', $e->getMessage());
        }
    }
}
