<?php
/**
 * A payment could not be started; the message is safe to show the customer.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

class PaymentError extends \RuntimeException {

	/**
	 * The plugin already wrote an order note saying why (a declined card, an
	 * answer without a payment URL), so the gateway's refusal adds none.
	 */
	public bool $noted = false;

	public static function noted( string $message ): self {
		$e        = new self( $message );
		$e->noted = true;
		return $e;
	}
}
