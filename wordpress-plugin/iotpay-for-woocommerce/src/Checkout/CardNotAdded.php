<?php
/**
 * IOTPay has no card under the cardId being added: the customer did not add
 * it (cancelled, or the card was refused). The pending cardId is forgotten.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

use IotPay\WooCommerce\Payment\PaymentError;

final class CardNotAdded extends PaymentError {}
