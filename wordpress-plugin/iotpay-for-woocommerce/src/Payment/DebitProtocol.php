<?php
/**
 * Autodebit (spec §13): a payment attempt that debits a signed WeChat
 * withholding contract (contract/create_order, answered at once like a saved
 * card's charge) and asks about it with contract/query_order. Everything else
 * is the machinery every family shares: the attempt rows, Starter, the
 * locked Completion (a debit's answer, its §6 payment callback on the v1
 * notify route, a query), reconciliation. Refunds of a debit are v1 refunds
 * of its payOrderId (§13: "refund through the v1 refund API"): the General
 * Order API's protocol sends and asks them.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Payment;

use IotPay\WooCommerce\Api\Call;
use IotPay\WooCommerce\Api\ClientFactory;
use IotPay\WooCommerce\Recurring\ContractRenewals;
use IotPay\WooCommerce\Refund\Refund;
use IotPay\WooCommerce\Refund\RefundAnswer;
use IotPay\WooCommerce\Rest\Routes;

final class DebitProtocol implements Protocol {

	public function family(): string {
		return self::AUTODEBIT;
	}

	public function provider(): string {
		return self::PROVIDER_IOTPAY;
	}

	/** A debit is decided at once; IOTPay has no call to close one. */
	public function abandon( Attempt $attempt ): ?bool {
		return null;
	}

	/**
	 * Debits the contract named by `contract` (its mchContractId). The
	 * contract's history of debits (ContractRenewals::history(), from the
	 * attempt rows, read now under the order lock) goes with it: the extension
	 * refuses a debit that breaks a WeChat limit before anything is sent.
	 */
	public function create( \WC_Order $order, Attempt $attempt, array $options ): Created {
		$contract = (string) ( $options['contract'] ?? '' );
		$client   = ClientFactory::client();
		$subject  = OrderText::subject( $order );
		$request  = array(
			'mchOrderNo'    => $attempt->mch_order_no,
			'mchContractId' => $contract,
			'channelId'     => $attempt->channel,
			'currency'      => $attempt->currency,
			'amount'        => $attempt->amount,
			'notifyUrl'     => Routes::notify_url(),
			'body'          => OrderText::cut( $subject, 255 ),
			'clientIp'      => OrderText::server_ip(),
		);
		$history = ContractRenewals::history( $contract, $order->get_id() );
		$result  = Call::run(
			'contract_create_order',
			array( 'order' => $order->get_id(), 'mchOrderNo' => $attempt->mch_order_no ),
			static fn () => $client->debit( $request, $history )
		);
		return new Created( array( 'mchContractId' => $contract ), $result->getPayOrderId(), $result );
	}

	public function query( Attempt $attempt ): News {
		$client = ClientFactory::client_for( $attempt->merchant() );
		return News::of( Call::run( 'contract_query_order', array( 'order' => $attempt->order_id, 'mchOrderNo' => $attempt->mch_order_no ), static fn () => $client->queryDebitByMchOrderNo( $attempt->mch_order_no ) ) );
	}

	public function send_refund( Refund $refund ): RefundAnswer {
		return Protocols::get( self::V1 )->send_refund( $refund );
	}

	public function ask_refund( Refund $refund ): RefundAnswer {
		return Protocols::get( self::V1 )->ask_refund( $refund );
	}
}
