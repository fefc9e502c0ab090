<?php
/**
 * A row's merchant account is no longer configured: nothing was sent to
 * IOTPay, and nothing can be concluded about the row.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Api;

final class MerchantUnavailable extends \RuntimeException {

	public function __construct( public readonly MerchantAccount $account ) {
		parent::__construct( 'the ' . ( $account->test ? 'test' : 'live' ) . ' merchant account ' . $account->mch_id . ' is not configured' );
	}
}
