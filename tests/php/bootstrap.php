<?php

declare(strict_types=1);

// The tests exercise the real extension; without it there is nothing to test.
if (!extension_loaded('iotpay')) {
    fwrite(STDERR, "The iotpay extension is not loaded. Run the tests through `make test` (php -d extension=...).\n");
    exit(1);
}

require __DIR__ . '/Support/Sandbox.php';
require __DIR__ . '/Support/SandboxTestCase.php';
require __DIR__ . '/Support/FaultsTestCase.php';
require __DIR__ . '/Support/NotifyReceiver.php';
require __DIR__ . '/Support/WebDriver.php';
