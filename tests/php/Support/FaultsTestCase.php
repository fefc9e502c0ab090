<?php

declare(strict_types=1);

namespace IotPay\Tests\Support;

use IotPay\Client;

/**
 * A test of how IOTPay's failures reach the caller, produced by the sandbox's
 * faults. Its client gives up after 800 ms, so that a delayed answer is a
 * timeout without slowing the run.
 */
abstract class FaultsTestCase extends SandboxTestCase
{
    protected Client $c;

    protected function setUp(): void
    {
        parent::setUp();
        $this->c = new Client($this->sb->config(false, ['timeoutMs' => 800]));
    }
}
