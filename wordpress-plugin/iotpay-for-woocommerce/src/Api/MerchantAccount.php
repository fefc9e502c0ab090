<?php
/**
 * The merchant account a payment attempt or a refund was made with: its
 * provider (IOTPay or SUNBAY, from the row's family), its merchant id (IOTPay
 * mchId, SUNBAY merchantId) and whether it was the test (sandbox) or the live
 * account of the settings.
 * Every row records it, and every later call about the row (query, refund,
 * void, asking about a refund) is made with that account's credentials — a
 * switch between test and live never sends a row's questions to the other
 * account, where IOTPay would not know its number and the shop would wrongly
 * conclude "never arrived". When that account is no longer configured, the
 * row cannot be asked about: it is left open and flagged for the merchant,
 * never concluded.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Api;

use IotPay\WooCommerce\Log\Logger;
use IotPay\WooCommerce\Payment\Completion;
use IotPay\WooCommerce\Payment\OrderLock;
use IotPay\WooCommerce\Payment\OrderReader;
use IotPay\WooCommerce\Payment\Protocol;
use IotPay\WooCommerce\Payment\Protocols;
use IotPay\WooCommerce\Settings\SharedSettings;
use IotPay\WooCommerce\Settings\SunbaySettings;

final class MerchantAccount {

	/** Order meta `_iotpay_needs_attention` value. */
	public const ATTENTION = 'merchant_unavailable';

	public function __construct(
		public readonly string $mch_id,
		public readonly bool $test,
		public readonly string $provider = Protocol::PROVIDER_IOTPAY,
	) {}

	/** The account the settings use now for a family's payments. */
	public static function current( string $family = Protocol::V1 ): self {
		if ( Protocol::PROVIDER_SUNBAY === Protocols::provider( $family ) ) {
			$s = SunbaySettings::instance();
			return new self( $s->merchant_id(), $s->is_sandbox(), Protocol::PROVIDER_SUNBAY );
		}
		$s = SharedSettings::instance();
		return new self( $s->credentials()['mch_id'], $s->is_test_mode() );
	}

	/** A row's account; a row from before accounts were recorded (NULL) is the current one's. */
	public static function of_row( ?string $mch_id, mixed $test, string $family = Protocol::V1 ): self {
		if ( null === $mch_id || '' === $mch_id || null === $test ) {
			return self::current( $family );
		}
		return new self( $mch_id, (bool) (int) $test, Protocols::provider( $family ) );
	}

	/**
	 * This account's credentials, if the settings still hold them (same mode,
	 * same merchant id, a key): IOTPay's {mch_id, key, login_name}, or
	 * SUNBAY's {app_id, merchant_id, api_key, webhook_secret}.
	 *
	 * @return array<string, string>|null
	 */
	public function credentials(): ?array {
		if ( Protocol::PROVIDER_SUNBAY === $this->provider ) {
			$s = SunbaySettings::instance();
			$c = $s->credentials();
			return ( '' !== $this->mch_id && $s->is_sandbox() === $this->test && $c['merchant_id'] === $this->mch_id && '' !== $c['api_key'] && '' !== $c['app_id'] ) ? $c : null;
		}
		$c = SharedSettings::instance()->credentials_for( $this->test );
		return ( '' !== $this->mch_id && $c['mch_id'] === $this->mch_id && '' !== $c['key'] ) ? $c : null;
	}

	/** "test merchant account 10000701", in the admin's language. */
	public function label(): string {
		if ( Protocol::PROVIDER_SUNBAY === $this->provider ) {
			return $this->test
				/* translators: %s: SUNBAY merchant ID */
				? sprintf( __( 'SUNBAY sandbox merchant account %s', 'iotpay-for-woocommerce' ), $this->mch_id )
				/* translators: %s: SUNBAY merchant ID */
				: sprintf( __( 'SUNBAY production merchant account %s', 'iotpay-for-woocommerce' ), $this->mch_id );
		}
		return $this->test
			/* translators: %s: IOTPay merchant ID */
			? sprintf( __( 'test merchant account %s', 'iotpay-for-woocommerce' ), $this->mch_id )
			/* translators: %s: IOTPay merchant ID */
			: sprintf( __( 'live merchant account %s', 'iotpay-for-woocommerce' ), $this->mch_id );
	}

	/**
	 * Flags the order (attention meta, one note in the admin's words) when a
	 * row of it cannot be asked about because its account is gone. The row
	 * itself is left as it is.
	 *
	 * @param string $what 'attempt' or 'refund'.
	 */
	/** The provider's name as texts say it (Protocols::name, by the provider's family). */
	private function provider_name(): string {
		return Protocols::name( Protocol::PROVIDER_SUNBAY === $this->provider ? Protocol::SUNBAY : Protocol::V1 );
	}

	public function flag_unavailable( int $order_id, string $what, string $number ): void {
		Logger::warning( 'merchant account of the row is not configured; left open', array( 'order' => $order_id, 'number' => $number, 'mchId' => $this->mch_id, 'test' => $this->test ) );
		OrderLock::with(
			$order_id,
			function () use ( $order_id, $what, $number ): void {
				$order = OrderReader::fresh_order( $order_id );
				if ( ! $order instanceof \WC_Order || self::ATTENTION === (string) $order->get_meta( Completion::META_ATTENTION ) ) {
					return;
				}
				$order->update_meta_data( Completion::META_ATTENTION, self::ATTENTION );
				$order->save_meta_data();
				$order->add_order_note(
					'refund' === $what
						? sprintf(
							/* translators: 1: refund number, 2: e.g. "test merchant account 10000701", 3: provider name (IOTPay or SUNBAY) */
							__( 'Attention: the %3$s refund %1$s was made with the %2$s, which is no longer set up in the %3$s settings, so the shop cannot ask %3$s about it. It is kept open, not marked as failed. Enter that account\'s merchant ID and key again (Test mode settings for a test account, live settings for a live one), or check the refund in the %3$s merchant portal of that account.', 'iotpay-for-woocommerce' ),
							$number,
							$this->label(),
							$this->provider_name()
						)
						: sprintf(
							/* translators: 1: merchant order number, 2: e.g. "test merchant account 10000701", 3: provider name (IOTPay or SUNBAY) */
							__( 'Attention: %3$s payment attempt %1$s was made with the %2$s, which is no longer set up in the %3$s settings, so the shop cannot ask %3$s whether it was paid. It is kept open, not marked as failed, and the order is not cancelled automatically. Enter that account\'s merchant ID and key again (Test mode settings for a test account, live settings for a live one), or check the payment in the %3$s merchant portal of that account.', 'iotpay-for-woocommerce' ),
							$number,
							$this->label(),
							$this->provider_name()
						)
				);
			},
			5
		);
	}
}
