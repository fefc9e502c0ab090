<?php
/**
 * What a row recording calls to a provider has in common (Payment\Attempt:
 * a payment attempt; Refund\Refund: a refund or void): it was made with one
 * merchant account (its id and test mode, kept in the row so that later
 * calls use the same account whatever the settings say now) through one
 * protocol family, and it is checked in the background while its state is
 * one of the class's LIVE states. Shared so both read and use the account
 * the same way.
 *
 * The using class has the readonly properties `state`, `family`, `mch_id`
 * and `test`, and the constant LIVE.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

use IotPay\WooCommerce\Api\MerchantAccount;

trait ProviderRecord {

	/** The account a table row was made with (older rows: the settings' account of the row's family). */
	private static function account_of_row( object $row ): MerchantAccount {
		return MerchantAccount::of_row( $row->mch_id ?? null, $row->test_mode ?? null, (string) ( $row->family ?? Protocol::V1 ) );
	}

	/** The merchant account this record was made with. */
	public function merchant(): MerchantAccount {
		return new MerchantAccount( $this->mch_id, $this->test, Protocols::provider( $this->family ) );
	}

	/** The API this record was made with (Protocol::V1, Protocol::V3, SUNBAY's). */
	public function protocol(): Protocol {
		return Protocols::get( $this->family );
	}

	/** Whether it may still change at the provider, so is checked in the background. */
	public function is_live(): bool {
		return in_array( $this->state, self::LIVE, true );
	}
}
