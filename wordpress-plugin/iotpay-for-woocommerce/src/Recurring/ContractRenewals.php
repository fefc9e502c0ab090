<?php
/**
 * Renewals debited on a WeChat auto-debit contract (IOTPay Autodebit, spec
 * §13): the credential is the contract's mchContractId (Contracts holds its
 * record), kept on the subscription as `_iotpay_contract_id`. A debit is an
 * attempt of the Autodebit family (Payment\DebitProtocol) made by Renewals
 * like a card's charge. Refused before any call: a contract not signed or
 * terminated, another currency, and a debit that would break WeChat's limits
 * (IotPay\Autodebit\Limits) given the contract's debits so far — read from
 * the attempt rows, every one that succeeded or may have (D55).
 *
 * Also whether a subscription can use auto-debit at all (offer()): its
 * renewal amount and how often it renews must fit the limits.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Recurring;

use IotPay\Autodebit\Limits;
use IotPay\Exception\ValidationException;
use IotPay\WooCommerce\Gateway\AbstractGateway;
use IotPay\WooCommerce\Gateway\WeChatGateway;
use IotPay\WooCommerce\Payment\Amount;
use IotPay\WooCommerce\Payment\Attempt;
use IotPay\WooCommerce\Payment\Protocol;
use IotPay\WooCommerce\Payment\Schema;

final class ContractRenewals implements RenewalMethod {

	public const META = '_iotpay_contract_id';

	/** Set on a subscription whose contract the customer terminated: its payment method needs an update. */
	public const META_NEEDS_UPDATE = '_iotpay_contract_terminated';

	/** The currencies a contract can be signed and debited in (§13.1, D51). */
	public const CURRENCIES = array( 'CAD', 'CNY', 'USD' );

	public function gateway(): AbstractGateway {
		return WeChatGateway::shop_instance();
	}

	public function meta_key(): string {
		return self::META;
	}

	public function meta_label(): string {
		return __( 'IOTPay WeChat auto-debit contract number (mchContractId of a contract the customer signed)', 'iotpay-for-woocommerce' );
	}

	public function credential_of( Attempt $attempt ): string {
		return Protocol::AUTODEBIT === $attempt->family ? (string) ( $attempt->pay_data['mchContractId'] ?? '' ) : '';
	}

	public function refusal( \WC_Order $subscription, string $credential, int $amount, ?\WC_Order $renewal = null ): ?string {
		$found = Contracts::find( $credential );
		if ( null === $found ) {
			return __( 'The WeChat auto-debit contract of this subscription is not known to this shop, so nothing was debited. The customer needs to update the subscription\'s payment method.', 'iotpay-for-woocommerce' );
		}
		$record = $found[1];
		if ( Contracts::TERMINATED === $record['status'] ) {
			return __( 'The customer terminated the WeChat auto-debit contract of this subscription, so nothing was debited. The customer needs to update the subscription\'s payment method.', 'iotpay-for-woocommerce' );
		}
		if ( Contracts::SIGNED !== $record['status'] ) {
			return __( 'The customer has not signed the WeChat auto-debit contract of this subscription yet, so nothing was debited. The customer can pay this renewal and sign the contract.', 'iotpay-for-woocommerce' );
		}
		$currency = null !== $renewal ? $renewal->get_currency() : $subscription->get_currency();
		if ( $record['currency'] !== $currency ) {
			return sprintf(
				/* translators: 1: renewal currency, 2: contract currency */
				__( 'The renewal is in %1$s but the WeChat auto-debit contract was signed in %2$s, so nothing was debited.', 'iotpay-for-woocommerce' ),
				$currency,
				$record['currency']
			);
		}
		try {
			Limits::wechat( $currency )->check( $amount, self::history( $credential, null !== $renewal ? $renewal->get_id() : 0 ) );
		} catch ( ValidationException $e ) {
			return self::limit_reason( (string) $e->getField(), $amount, $currency );
		}
		return null;
	}

	/** A WeChat limit in the admin's words (D55: nothing was sent). */
	private static function limit_reason( string $field, int $amount, string $currency ): string {
		$limits = Limits::wechat( $currency );
		$money  = static fn ( int $minor ): string => Amount::format( $minor, $currency ) . ' ' . $currency;
		switch ( $field ) {
			case 'limit.perDebit':
				/* translators: 1: renewal amount, 2: the limit */
				return sprintf( __( 'WeChat auto-debit limit reached: the renewal of %1$s is above the limit of %2$s per debit. Nothing was debited; the customer needs to pay this renewal another way.', 'iotpay-for-woocommerce' ), $money( $amount ), $money( $limits->getPerDebit() ) );
			case 'limit.perDay':
			case 'limit.perDayAmount':
				return __( 'WeChat auto-debit limit reached: this contract was already debited today (one debit a day, counted in UTC and in China time). Nothing was debited; WooCommerce Subscriptions can retry on another day.', 'iotpay-for-woocommerce' );
			case 'limit.perMonth':
				/* translators: %d: debits allowed a month */
				return sprintf( __( 'WeChat auto-debit limit reached: this contract was already debited %d times this month. Nothing was debited; WooCommerce Subscriptions can retry next month, or the customer can pay this renewal another way.', 'iotpay-for-woocommerce' ), $limits->getDebitsPerMonth() );
			default:
				/* translators: %s: the monthly limit */
				return sprintf( __( 'WeChat auto-debit limit reached: this debit would take the contract above %s this month. Nothing was debited; the customer needs to pay this renewal another way.', 'iotpay-for-woocommerce' ), $money( $limits->getPerMonthAmount() ) );
		}
	}

	public function attempt_options( string $credential ): array {
		$found = Contracts::find( $credential );
		return array(
			'contract' => $credential,
			'pay_data' => array( 'mchContractId' => $credential ),
			'family'   => Protocol::AUTODEBIT,
			'channel'  => null !== $found ? $found[1]['channel'] : Contracts::CHANNEL,
		);
	}

	public function describe( int $customer_id, string $credential ): string {
		$found = Contracts::find( $credential );
		if ( null === $found || $found[0]->get_customer_id() !== $customer_id ) {
			return '';
		}
		switch ( $found[1]['status'] ) {
			case Contracts::SIGNED:
				return __( 'WeChat auto-debit (signed)', 'iotpay-for-woocommerce' );
			case Contracts::TERMINATED:
				return __( 'WeChat auto-debit (terminated by the customer)', 'iotpay-for-woocommerce' );
			default:
				return __( 'WeChat auto-debit (not signed yet)', 'iotpay-for-woocommerce' );
		}
	}

	public function validate( \WC_Order $subscription, string $credential ): void {
		$found = '' === $credential ? null : Contracts::find( $credential );
		if ( null === $found || $found[0]->get_customer_id() !== $subscription->get_customer_id() ) {
			throw new \Exception( __( 'This is not the number of a WeChat auto-debit contract of this customer.', 'iotpay-for-woocommerce' ) );
		}
		if ( Contracts::SIGNED !== $found[1]['status'] ) {
			throw new \Exception( __( 'This WeChat auto-debit contract is not signed (or was terminated): it cannot be debited.', 'iotpay-for-woocommerce' ) );
		}
	}

	/**
	 * The contract's debits so far, for the limits: every attempt of the
	 * Autodebit family on it that was paid or may still be (refunded ones
	 * included, §13), and one given up as never confirmed — but none of the
	 * order being charged now (its own attempts are asked about before any
	 * new one). Read from the attempts table, not from memory.
	 *
	 * @return list<array{time: int, amount: int}>
	 */
	public static function history( string $mch_contract_id, int $except_order = 0 ): array {
		global $wpdb;
		if ( '' === $mch_contract_id ) {
			return array();
		}
		$live = array_merge( Attempt::LIVE, array( Attempt::PAID ) );
		$in   = implode( ', ', array_fill( 0, count( $live ), '%s' ) );
		$like = '%' . $wpdb->esc_like( '"mchContractId":' . wp_json_encode( $mch_contract_id ) ) . '%';
		$rows = $wpdb->get_results(
			$wpdb->prepare(
				'SELECT created_at, amount FROM ' . Schema::attempts_table() . " WHERE family = %s AND order_id <> %d AND pay_data LIKE %s AND ( state IN ($in) OR ( state = %s AND note = %s ) ) ORDER BY id",
				...array_merge( array( Protocol::AUTODEBIT, $except_order, $like ), $live, array( Attempt::FAILED, 'unresolved: flagged' ) )
			)
		);
		$out = array();
		foreach ( $rows ?: array() as $row ) {
			$out[] = array(
				'time'   => (int) strtotime( $row->created_at . ' UTC' ) * 1000,
				'amount' => (int) $row->amount,
			);
		}
		return $out;
	}

	/**
	 * Why a subscription renewing `$amount` (minor units) every `$interval`
	 * `$period` cannot use WeChat auto-debit, in the customer's words; null
	 * when it can. The most debits a calendar month can hold for the schedule
	 * must fit WeChat's count and total a month (D72).
	 */
	public static function why_not( int $amount, string $currency, string $period, int $interval ): ?string {
		if ( ! in_array( $currency, self::CURRENCIES, true ) ) {
			/* translators: %s: currency code */
			return sprintf( __( 'WeChat auto-debit is not available for this subscription: it cannot debit %s.', 'iotpay-for-woocommerce' ), $currency );
		}
		$limits = Limits::wechat( $currency );
		$money  = static fn ( int $minor ): string => Amount::format( $minor, $currency ) . ' ' . $currency;
		if ( ! $limits->allowsAmount( $amount ) ) {
			return sprintf(
				/* translators: 1: renewal amount, 2: the limit */
				__( 'WeChat auto-debit is not available for this subscription: its renewal of %1$s is above WeChat\'s limit of %2$s per debit.', 'iotpay-for-woocommerce' ),
				$money( $amount ),
				$money( $limits->getPerDebit() )
			);
		}
		$interval = max( 1, $interval );
		$per_month = match ( $period ) {
			'day' => (int) ceil( 31 / $interval ),
			'week' => (int) ceil( 31 / ( 7 * $interval ) ),
			default => 1,
		};
		if ( $per_month > $limits->getDebitsPerMonth() ) {
			return sprintf(
				/* translators: %d: debits allowed a month */
				__( 'WeChat auto-debit is not available for this subscription: it renews more often than WeChat allows (%d debits a month).', 'iotpay-for-woocommerce' ),
				$limits->getDebitsPerMonth()
			);
		}
		if ( $per_month * $amount > $limits->getPerMonthAmount() ) {
			return sprintf(
				/* translators: %s: the monthly limit */
				__( 'WeChat auto-debit is not available for this subscription: its renewals would debit more than WeChat\'s limit of %s a month.', 'iotpay-for-woocommerce' ),
				$money( $limits->getPerMonthAmount() )
			);
		}
		return null;
	}

	/** Why the subscriptions an order starts or renews cannot use auto-debit (the first reason), or null. */
	public static function why_not_for_order( \WC_Order $order ): ?string {
		foreach ( Subscriptions::for_order( $order ) as $subscription ) {
			$why = self::why_not_for_subscription( $subscription );
			if ( null !== $why ) {
				return $why;
			}
		}
		return null;
	}

	public static function why_not_for_subscription( \WC_Order $subscription ): ?string {
		try {
			$amount = Amount::to_minor( $subscription->get_total(), $subscription->get_currency() );
		} catch ( \Throwable $e ) {
			/* translators: %s: currency code */
			return sprintf( __( 'WeChat auto-debit is not available for this subscription: it cannot debit %s.', 'iotpay-for-woocommerce' ), $subscription->get_currency() );
		}
		$period   = method_exists( $subscription, 'get_billing_period' ) ? (string) $subscription->get_billing_period() : 'month';
		$interval = method_exists( $subscription, 'get_billing_interval' ) ? (int) $subscription->get_billing_interval() : 1;
		return self::why_not( $amount, $subscription->get_currency(), $period, $interval );
	}

	/**
	 * The same for the cart at checkout (WooCommerce Subscriptions' recurring
	 * carts: the renewal total and the schedule of their products); null when
	 * the cart holds no subscription or every one fits.
	 */
	public static function why_not_for_cart(): ?string {
		$cart = function_exists( 'WC' ) ? WC()->cart : null;
		if ( ! is_object( $cart ) || empty( $cart->recurring_carts ) || ! is_array( $cart->recurring_carts ) ) {
			return null;
		}
		$currency = function_exists( 'get_woocommerce_currency' ) ? get_woocommerce_currency() : '';
		foreach ( $cart->recurring_carts as $recurring ) {
			if ( ! is_object( $recurring ) || ! method_exists( $recurring, 'get_total' ) ) {
				continue;
			}
			$period   = 'month';
			$interval = 1;
			foreach ( (array) $recurring->get_cart() as $item ) {
				$product = $item['data'] ?? null;
				if ( $product instanceof \WC_Product ) {
					$period   = (string) ( $product->get_meta( '_subscription_period' ) ?: 'month' );
					$interval = (int) ( $product->get_meta( '_subscription_period_interval' ) ?: 1 );
					break;
				}
			}
			try {
				$amount = Amount::to_minor( (string) $recurring->get_total( 'edit' ), $currency );
			} catch ( \Throwable $e ) {
				$amount = PHP_INT_MAX;
			}
			$why = self::why_not( $amount, $currency, $period, $interval );
			if ( null !== $why ) {
				return $why;
			}
		}
		return null;
	}
}
