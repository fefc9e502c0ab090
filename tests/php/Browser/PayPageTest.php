<?php

declare(strict_types=1);

namespace IotPay\Tests\Browser;

use IotPay\Client;
use IotPay\Tests\Support\NotifyReceiver;
use IotPay\Tests\Support\Sandbox;
use IotPay\Tests\Support\WebDriver;
use PHPUnit\Framework\TestCase;

/**
 * A person's path through the sandbox in real headless Chromium: open the
 * pay page from a redirect URL, press Pay, land on the shop's returnUrl, and
 * the shop receives a verified notification. Screenshots go to
 * tests/artifacts/.
 */
final class PayPageTest extends TestCase
{
    public function testPressPayRedirectsAndNotifies(): void
    {
        if (!WebDriver::available()) {
            if (getenv('CI')) {
                self::fail('chromium and chromedriver must be installed in CI (tools/install-deps.sh)');
            }
            self::markTestSkipped('chromium/chromedriver not installed');
        }
        $sb = Sandbox::get();
        $sb->clearFaults();
        $rx = new NotifyReceiver();
        $returnUrl = str_replace('/notify', '/return', $rx->url);
        $c = new Client($sb->config());
        $no = Sandbox::orderNo('B');
        $order = $c->createOrder([
            'mchOrderNo' => $no, 'channelId' => 'ALIPAY_PC', 'currency' => 'CAD', 'amount' => 2599,
            'clientIp' => '203.0.113.5', 'notifyUrl' => $rx->url, 'returnUrl' => $returnUrl,
            'subject' => 'Browser order', 'body' => 'One item',
        ]);
        $artifacts = dirname(__DIR__, 2) . '/artifacts';
        $wd = new WebDriver();
        try {
            $wd->open((string) $order->getRedirectUrl());
            $wd->screenshot("$artifacts/pay-page.png");
            $page = $wd->text('body');
            self::assertStringContainsString('25.99', $page);
            self::assertStringContainsString('CAD', $page);
            $wd->click('form[action$="/pay"] button');
            $landed = $wd->waitForUrl(fn (string $u) => str_starts_with($u, $returnUrl));
            $wd->screenshot("$artifacts/after-pay.png");
            self::assertStringStartsWith($returnUrl, $landed);
        } finally {
            $wd->quit();
        }
        $got = $rx->waitFor(1);
        self::assertNotEmpty($got, 'no notification after pressing Pay');
        self::assertTrue($got[0]['verified']);
        self::assertSame($no, $got[0]['mchOrderNo']);
        self::assertSame(2599, $got[0]['amount']);
        self::assertTrue($c->queryOrderByMchOrderNo($no)->isPaid());
        $rx->stop();
    }
}
