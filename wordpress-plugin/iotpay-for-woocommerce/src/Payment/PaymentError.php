<?php
/**
 * A payment could not be started; the message is safe to show the customer.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

class PaymentError extends \RuntimeException {}
