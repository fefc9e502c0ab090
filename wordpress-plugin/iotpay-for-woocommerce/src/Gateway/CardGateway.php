<?php
/**
 * Credit card (IOTPay): the Credit Card API V3. No card data ever reaches the
 * shop: the customer enters the card on IOTPay's hosted page (the default)
 * or in IOTPay's own form (iotpaycc.js) embedded on our payment page.
 *
 * Saved cards are WooCommerce payment tokens (WC_Payment_Token_CC) whose
 * token is the IOTPay `cardId` the shop assigned when the card was added
 * (cc_addcard on IOTPay's page, then cc_querycard: Checkout\CardSetup). A
 * saved card is charged with cc_purchasewithtoken, whose immediate answer is
 * applied through the one locked completion path. "Save card" at checkout
 * adds the card first (IOTPay's add-card page) and then charges it.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Gateway;

use IotPay\WooCommerce\Checkout\CardSetup;
use IotPay\WooCommerce\Checkout\CustomerMessages;
use IotPay\WooCommerce\Checkout\Device;
use IotPay\WooCommerce\Payment\CardProtocol;
use IotPay\WooCommerce\Payment\AlreadyPaid;
use IotPay\WooCommerce\Payment\OrderReader;
use IotPay\WooCommerce\Payment\PaymentError;
use IotPay\WooCommerce\Payment\Protocol;
use IotPay\WooCommerce\Payment\Starter;
use IotPay\WooCommerce\Recurring\Renewals;
use IotPay\WooCommerce\Recurring\Subscriptions;

class CardGateway extends AbstractGateway {

	public const ID = 'iotpay_card';

	/** IOTPay's hosted card page (Redirected integration, §15.3). */
	public const MODE_REDIRECT = 'redirect';

	/** IOTPay's card form embedded on our payment page (Embedded integration, §15.5). */
	public const MODE_EMBEDDED = 'embedded';

	protected const DEFAULT_TITLE = 'Credit card';

	/** card-blocks.js: the block's saved cards and "save" option. */
	public const BLOCK_SCRIPT = 'card-blocks';

	public function __construct() {
		parent::__construct();
		$this->has_fields         = true;
		$this->method_description = __( 'Takes credit and debit cards through IOTPay. Customers enter their card on IOTPay\'s secure page, or in IOTPay\'s card form shown on your site: no card data passes through your shop. Customers with an account can save cards and pay with them later.', 'iotpay-for-woocommerce' );
		$this->supports           = array( 'products', 'refunds' );
		if ( $this->saved_cards_enabled() ) {
			$this->supports[] = 'tokenization';
			$this->supports[] = 'add_payment_method';
			if ( static::ID === self::ID && Subscriptions::active() ) {
				// Renewals are charged to the saved card (Recurring\Renewals); without saved cards there is nothing to renew with.
				$this->supports = array_merge( $this->supports, Subscriptions::SUPPORTS );
			}
		}
	}

	public function family(): string {
		return Protocol::V3;
	}

	/** The V3 channel of this method's purchases (§3.3): IOTPay's card processing. */
	protected function card_channel(): string {
		return CardProtocol::CHANNEL;
	}

	protected function channels( Device $device ): array {
		return array( $this->card_channel() );
	}

	/** CAD only (spec §15, D13); the extension's channel table is the General Order API's. */
	public function channel_for( Device $device, string $currency ): ?string {
		return 'CAD' === $currency ? $this->card_channel() : null;
	}

	public function currencies(): array {
		return array( 'CAD' );
	}

	protected function default_title(): string {
		return __( 'Credit card', 'iotpay-for-woocommerce' );
	}

	public function scan_instructions(): string {
		return '';
	}

	protected function checkout_description( Device $device, ?string $channel ): string {
		if ( self::MODE_EMBEDDED === $this->mode() ) {
			return __( 'After you place your order, enter your card in IOTPay\'s secure card form.', 'iotpay-for-woocommerce' );
		}
		return __( 'You will enter your card on IOTPay\'s secure payment page.', 'iotpay-for-woocommerce' );
	}

	public function init_form_fields() {
		parent::init_form_fields();
		$this->form_fields['description']['description'] = __( 'Shown at checkout. Leave empty to tell customers where they will enter their card.', 'iotpay-for-woocommerce' );
		$this->form_fields['mode']                       = array(
			'title'       => __( 'Card entry', 'iotpay-for-woocommerce' ),
			'type'        => 'select',
			'default'     => self::MODE_REDIRECT,
			'options'     => array(
				self::MODE_REDIRECT => __( 'IOTPay\'s secure payment page (redirect)', 'iotpay-for-woocommerce' ),
				self::MODE_EMBEDDED => __( 'IOTPay\'s card form on your payment page (embedded)', 'iotpay-for-woocommerce' ),
			),
			'description' => __( 'Either way the card is entered into IOTPay\'s own page or form, never into your shop. Saving a card always uses IOTPay\'s page.', 'iotpay-for-woocommerce' ),
		);
		$this->form_fields['saved_cards'] = array(
			'title'   => __( 'Saved cards', 'iotpay-for-woocommerce' ),
			'type'    => 'checkbox',
			'label'   => __( 'Let customers with an account save cards and pay with them later', 'iotpay-for-woocommerce' ),
			'default' => 'yes',
		);
	}

	public function mode(): string {
		return self::MODE_EMBEDDED === $this->get_option( 'mode', self::MODE_REDIRECT ) ? self::MODE_EMBEDDED : self::MODE_REDIRECT;
	}

	public function saved_cards_enabled(): bool {
		return 'yes' === $this->get_option( 'saved_cards', 'yes' );
	}

	/**
	 * The description, and on the checkout of a logged-in customer the saved
	 * cards, "use a new card" and "save to account" (WooCommerce's own
	 * tokenization markup and script). No card field: the card is entered at IOTPay.
	 */
	public function payment_fields() {
		if ( is_add_payment_method_page() ) {
			echo wpautop( esc_html__( 'You will be taken to IOTPay\'s secure page to enter your card. It is then saved to your account for your next purchases.', 'iotpay-for-woocommerce' ) ); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped above.
			return;
		}
		$description  = $this->get_description();
		$tokens       = $this->supports( 'tokenization' ) && is_checkout() && is_user_logged_in();
		$subscription = $this->subscription_text();
		if ( ! $tokens ) {
			if ( $description ) {
				echo wpautop( wptexturize( $description ) ); // phpcs:ignore WordPress.Security.EscapeOutput -- as WooCommerce prints it.
			}
			if ( '' !== $subscription ) {
				echo '<p class="iotpay-wc-card-subscription">' . esc_html( $subscription ) . '</p>';
			}
			return;
		}
		// The description says where a new card is entered; with a saved card
		// chosen nothing is entered anywhere, so that text gives way to one that
		// says what happens (WooCommerce checks the default card first).
		$saved = false;
		foreach ( $this->get_tokens() as $token ) {
			$saved = $saved || $token->is_default();
		}
		if ( $description ) {
			echo '<div class="iotpay-wc-card-new"' . ( $saved ? ' hidden' : '' ) . '>' . wpautop( wptexturize( $description ) ) . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput -- as WooCommerce prints it.
		}
		echo '<p class="iotpay-wc-card-saved"' . ( $saved ? '' : ' hidden' ) . '>' . esc_html__( 'Your saved card is charged when you place the order.', 'iotpay-for-woocommerce' ) . '</p>';
		$this->tokenization_script();
		self::enqueue_saved_card_toggle();
		$this->saved_payment_methods();
		if ( '' !== $subscription ) {
			// The card is saved whatever the customer ticks (D66): say so instead of offering a choice.
			echo '<p class="iotpay-wc-card-subscription">' . esc_html( $subscription ) . '</p>';
			return;
		}
		$this->save_payment_method_checkbox();
	}

	/**
	 * What happens to the card when the cart holds a subscription: it is
	 * saved (a new one first, D66) and charged for the renewals; a guest is
	 * asked to log in, as "Place order" would refuse. '' without a
	 * subscription in the cart, without Subscriptions, or for a gateway
	 * that does not renew subscriptions.
	 */
	public function subscription_text(): string {
		if ( ! $this->supports( 'subscriptions' ) || ! Subscriptions::cart_has_subscription() ) {
			return '';
		}
		if ( ! is_user_logged_in() ) {
			return self::login_for_subscription();
		}
		return __( 'This order contains a subscription: your card is saved to your account and charged automatically for the renewals.', 'iotpay-for-woocommerce' );
	}

	/**
	 * The Checkout Block shows the customer's saved IOTPay cards and the
	 * "save" option, so that it sends `wc-iotpay_card-payment-token` /
	 * `wc-iotpay_card-new-payment-method` exactly as the classic checkout
	 * posts them (card-blocks.js).
	 *
	 * @return array<string, mixed>
	 */
	public function block_data(): array {
		$tokens       = $this->supports( 'tokenization' );
		$subscription = $this->subscription_text();
		$data         = array(
			'showSavedCards' => $tokens,
			// A subscription's new card is always saved (D66): no "save" choice to untick.
			'showSaveOption' => $tokens && '' === $subscription,
		);
		if ( '' !== $subscription ) {
			$data['subscription'] = $subscription;
		}
		return $data;
	}

	private static function login_for_subscription(): string {
		return __( 'Please log in to your account to pay for a subscription by card: the card is saved to your account for the renewals.', 'iotpay-for-woocommerce' );
	}

	/**
	 * Shows the text that fits the chosen radio (saved card or new card). A
	 * delegated listener, so it survives WooCommerce replacing the payment
	 * methods' markup (update_order_review).
	 */
	private static function enqueue_saved_card_toggle(): void {
		if ( wp_script_is( 'iotpay-wc-saved-card', 'enqueued' ) ) {
			return;
		}
		wp_register_script( 'iotpay-wc-saved-card', false, array(), IOTPAY_WC_VERSION, true );
		wp_enqueue_script( 'iotpay-wc-saved-card' );
		wp_add_inline_script(
			'iotpay-wc-saved-card',
			'document.addEventListener("change",function(e){var t=e.target;if(!t||!t.name||!/^wc-iotpay_[a-z_]+-payment-token$/.test(t.name)){return;}'
			. 'var box=t.closest(".payment_box")||document,saved="new"!==t.value;'
			. 'box.querySelectorAll(".iotpay-wc-card-new").forEach(function(el){el.hidden=saved;});'
			. 'box.querySelectorAll(".iotpay-wc-card-saved").forEach(function(el){el.hidden=!saved;});});'
		);
	}

	/**
	 * @param int $order_id Order ID.
	 * @return array{result: string, redirect?: string}
	 */
	public function process_payment( $order_id ) {
		$order = wc_get_order( $order_id );
		if ( ! $order instanceof \WC_Order ) {
			return array( 'result' => 'failure' );
		}
		if ( Subscriptions::is_subscription( $order ) ) {
			// Subscriptions' "Change payment method": nothing is charged, the subscription gets a card.
			return $this->change_subscription_card( $order );
		}
		try {
			$redirect = $this->start( $order );
		} catch ( AlreadyPaid $e ) {
			$redirect = $order->get_checkout_order_received_url();
		} catch ( PaymentError $e ) {
			return $this->refused( $e->getMessage(), $order, $e->noted );
		}
		if ( function_exists( 'WC' ) && WC()->cart ) {
			WC()->cart->empty_cart();
		}
		return array(
			'result'   => 'success',
			'redirect' => $redirect,
		);
	}

	/**
	 * Where the customer goes after "Place order".
	 *
	 * @throws PaymentError
	 */
	private function start( \WC_Order $order ): string {
		$token_id = self::posted( 'wc-' . $this->id . '-payment-token' );
		if ( '' !== $token_id && 'new' !== $token_id ) {
			if ( ! $this->supports( 'tokenization' ) || ! $this->saved_cards_enabled() ) {
				// The merchant turned saved cards off (a checkout page loaded before still posts a token).
				throw new PaymentError( CustomerMessages::saved_cards_off() );
			}
			$token = $this->customer_token( (int) $token_id, $order );
			if ( null === $token ) {
				throw new PaymentError( CustomerMessages::card_not_found() );
			}
			Starter::ensure_attempt( $order, $this, Device::detect(), false, array( 'card_id' => $token->get_token() ) );
			// Paid, or still being confirmed: the thank-you page checks with IOTPay and says which
			// (a declined card has thrown: the customer stays on the checkout with the reason).
			return $order->get_checkout_order_received_url();
		}
		if ( $this->save_requested( $order ) ) {
			return CardSetup::start_for_order( $order );
		}
		if ( Subscriptions::needs_credential( $order ) ) {
			// A subscription's payment (sign-up, renewal paid by the customer) leaves a card for
			// the next renewals: a new card is saved first, then charged.
			if ( ! $this->saved_cards_enabled() || ! is_user_logged_in() || $order->get_customer_id() !== get_current_user_id() ) {
				throw new PaymentError( self::login_for_subscription() );
			}
			return CardSetup::start_for_order( $order );
		}
		$attempt = Starter::ensure_attempt( $order, $this, Device::detect() );
		$fresh   = OrderReader::fresh_order( $order->get_id() );
		if ( $fresh instanceof \WC_Order && $fresh->is_paid() ) {
			// The lost answer of an earlier try had been paid after all.
			return $order->get_checkout_order_received_url();
		}
		if ( self::MODE_EMBEDDED === $this->mode() ) {
			// Our payment page (the receipt hook) mounts IOTPay's card form with the secureId.
			return $order->get_checkout_payment_url( true );
		}
		return (string) ( $attempt->pay_data['redirectUrl'] ?? $order->get_checkout_payment_url( true ) );
	}

	/**
	 * The customer changes a subscription's card: a saved card is recorded on
	 * the subscription at once; a new one is added on IOTPay's page first
	 * (CardSetup records it on return). Nothing is charged.
	 *
	 * @return array{result: string, redirect?: string}
	 */
	private function change_subscription_card( \WC_Order $subscription ): array {
		$token_id = self::posted( 'wc-' . $this->id . '-payment-token' );
		try {
			if ( ! $this->supports( 'subscription_payment_method_change_customer' ) ) {
				throw new PaymentError( CustomerMessages::saved_cards_off() );
			}
			if ( '' !== $token_id && 'new' !== $token_id ) {
				$token = $this->customer_token( (int) $token_id, $subscription );
				if ( null === $token ) {
					throw new PaymentError( CustomerMessages::card_not_found() );
				}
				Renewals::set_credential( $subscription, $token->get_token(), Renewals::method_for( self::ID ) );
				return array(
					'result'   => 'success',
					'redirect' => $subscription->get_view_order_url(),
				);
			}
			if ( ! is_user_logged_in() || $subscription->get_customer_id() !== get_current_user_id() ) {
				throw new PaymentError( CustomerMessages::card_not_found() );
			}
			return array(
				'result'   => 'success',
				'redirect' => CardSetup::start_for_order( $subscription ),
			);
		} catch ( PaymentError $e ) {
			return $this->refused( $e->getMessage(), $subscription, $e->noted );
		}
	}

	/** "Save card" was ticked by a logged-in customer paying their own order. */
	private function save_requested( \WC_Order $order ): bool {
		$flag = self::posted( 'wc-' . $this->id . '-new-payment-method' );
		return $this->supports( 'tokenization' )
			&& in_array( strtolower( $flag ), array( 'true', '1', 'yes', 'on' ), true )
			&& is_user_logged_in()
			&& $order->get_customer_id() === get_current_user_id();
	}

	/** A saved card of the logged-in customer who owns the order, for this gateway. */
	private function customer_token( int $token_id, \WC_Order $order ): ?\WC_Payment_Token_CC {
		if ( $token_id <= 0 || ! class_exists( \WC_Payment_Tokens::class ) ) {
			return null;
		}
		$token = \WC_Payment_Tokens::get( $token_id );
		$user  = get_current_user_id();
		if ( ! $token instanceof \WC_Payment_Token_CC || $token->get_gateway_id() !== $this->id || $user <= 0 || (int) $token->get_user_id() !== $user || $order->get_customer_id() !== $user ) {
			return null;
		}
		// A card saved at another IOTPay merchant account (a posted id the list no longer shows).
		return \IotPay\WooCommerce\Checkout\CardAccount::belongs( $token ) ? $token : null;
	}

	private static function posted( string $key ): string {
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- WooCommerce checked the checkout nonce.
		$value = $_POST[ $key ] ?? '';
		if ( is_bool( $value ) ) {
			return $value ? 'true' : '';
		}
		return is_scalar( $value ) ? wc_clean( wp_unslash( (string) $value ) ) : '';
	}

	/**
	 * My Account → Add payment method: IOTPay's add-card page, then back to
	 * the shop (CardSetup::handle_return), which asks IOTPay for the card.
	 *
	 * @return array{result: string, redirect: string}
	 */
	public function add_payment_method() {
		try {
			return array(
				'result'   => 'success',
				'redirect' => CardSetup::start_for_account( get_current_user_id() ),
			);
		} catch ( PaymentError $e ) {
			wc_add_notice( $e->getMessage(), 'error' );
			return array(
				'result'   => 'failure',
				'redirect' => wc_get_account_endpoint_url( 'payment-methods' ),
			);
		}
	}
}
