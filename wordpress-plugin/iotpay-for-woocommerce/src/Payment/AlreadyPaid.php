<?php
/**
 * The order is paid already (or its payment is being recorded): no new
 * payment is started, and the customer is sent to the order-received page
 * instead of being shown an error.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

final class AlreadyPaid extends PaymentError {}
