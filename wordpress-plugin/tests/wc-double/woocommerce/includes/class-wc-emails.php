<?php
/**
 * Test double: WooCommerce transactional emails (WC_Emails, WC_Email and the
 * order emails), sent through wp_mail() and recorded in {prefix}double_emails.
 *
 * Modelled on WooCommerce 7.9 includes/class-wc-emails.php and
 * includes/emails/*.php: WC_Emails::init_transactional_emails() hooks
 * send_transactional_email() to the woocommerce_email_actions list
 * (status transitions such as woocommerce_order_status_pending_to_processing),
 * which re-fires "{action}_notification" with the same arguments; each email
 * class hooks its trigger() to those notifications:
 *  new_order (admin) — pending/failed/cancelled → processing/completed/on-hold;
 *    skipped when the order object it receives has meta
 *    _new_order_email_sent = 'true' (unless woocommerce_new_order_email_allows_resend),
 *    and sets that meta after sending (so a stale order object sends again);
 *  customer_processing_order — pending/failed/on-hold/cancelled → processing;
 *  customer_completed_order — woocommerce_order_status_completed;
 *  customer_on_hold_order — pending/failed/cancelled → on-hold;
 *  cancelled_order (admin) — processing/on-hold → cancelled;
 *  failed_order (admin) — pending/on-hold → failed;
 *  customer_refunded_order — fully/partially refunded.
 * Customer emails need a billing email. Emails are enabled unless the
 * woocommerce_{id}_settings option says enabled = no. Deferred sending
 * (woocommerce_defer_transactional_emails) is not modelled: emails go out
 * during the transition. init_transactional_emails() runs on `init`, as in
 * WooCommerce. Messages go through WordPress's wp_mail(), which the double
 * records instead of sending (double-observations.php). Own implementation.
 *
 * @package IotPay\WcDouble
 */

declare(strict_types=1);

class WC_Email extends WC_Settings_API {

	public $id = '';

	public $title = '';

	public $enabled = 'yes';

	public $description = '';

	public $recipient = '';

	public $customer_email = false;

	/** @var WC_Order|false */
	public $object = false;

	public $plugin_id = 'woocommerce_';

	public function __construct() {
		$this->init_settings();
		$this->enabled = $this->get_option( 'enabled', 'yes' );
	}

	public function is_enabled() {
		return apply_filters( 'woocommerce_email_enabled_' . $this->id, 'yes' === $this->enabled, $this->object, $this );
	}

	public function is_customer_email() {
		return $this->customer_email;
	}

	public function get_recipient() {
		$recipient = apply_filters( 'woocommerce_email_recipient_' . $this->id, $this->recipient, $this->object, $this );
		return implode( ', ', array_filter( array_map( 'sanitize_email', array_map( 'trim', explode( ',', (string) $recipient ) ) ) ) );
	}

	public function get_subject() {
		$number = $this->object ? $this->object->get_order_number() : '';
		return apply_filters( 'woocommerce_email_subject_' . $this->id, sprintf( '[%s]: %s #%s', get_bloginfo( 'name' ), $this->title, $number ), $this->object, $this );
	}

	public function get_content() {
		return $this->title . ( $this->object ? ' #' . $this->object->get_order_number() : '' );
	}

	public function get_headers() {
		return 'Content-Type: text/html' . "\r\n";
	}

	public function get_attachments() {
		return array();
	}

	public function send( $to, $subject, $message, $headers, $attachments ) {
		WC_Double_Mail::$context = array( $this->id, $this->object ? $this->object->get_id() : 0 );
		try {
			$ok = wp_mail( $to, $subject, $message, $headers, $attachments );
		} finally {
			WC_Double_Mail::$context = null;
		}
		do_action( 'woocommerce_email_sent', $ok, $this->id, $this );
		return $ok;
	}

	/**
	 * Sends this email about an order.
	 *
	 * @param int           $order_id Order ID.
	 * @param WC_Order|bool $order    Order object.
	 */
	public function trigger( $order_id, $order = false ) {
		if ( $order_id && ! is_a( $order, 'WC_Order' ) ) {
			$order = wc_get_order( $order_id );
		}
		if ( ! is_a( $order, 'WC_Order' ) ) {
			return;
		}
		$this->object = $order;
		if ( $this->customer_email ) {
			$this->recipient = $order->get_billing_email();
		}
		if ( $this->is_enabled() && $this->get_recipient() ) {
			$this->send( $this->get_recipient(), $this->get_subject(), $this->get_content(), $this->get_headers(), $this->get_attachments() );
		}
	}
}

class WC_Email_New_Order extends WC_Email {

	public function __construct() {
		$this->id    = 'new_order';
		$this->title = 'New order';
		foreach ( array( 'pending_to_processing', 'pending_to_completed', 'pending_to_on-hold', 'failed_to_processing', 'failed_to_completed', 'failed_to_on-hold', 'cancelled_to_processing', 'cancelled_to_completed', 'cancelled_to_on-hold' ) as $transition ) {
			add_action( 'woocommerce_order_status_' . $transition . '_notification', array( $this, 'trigger' ), 10, 2 );
		}
		parent::__construct();
		$this->recipient = $this->get_option( 'recipient', get_option( 'admin_email' ) );
	}

	public function trigger( $order_id, $order = false ) {
		if ( $order_id && ! is_a( $order, 'WC_Order' ) ) {
			$order = wc_get_order( $order_id );
		}
		$email_already_sent = false;
		if ( is_a( $order, 'WC_Order' ) ) {
			$this->object       = $order;
			$email_already_sent = $order->get_meta( '_new_order_email_sent' );
		}
		if ( 'true' === $email_already_sent && ! apply_filters( 'woocommerce_new_order_email_allows_resend', false ) ) {
			return;
		}
		if ( $this->is_enabled() && $this->get_recipient() ) {
			$this->send( $this->get_recipient(), $this->get_subject(), $this->get_content(), $this->get_headers(), $this->get_attachments() );
			$order->update_meta_data( '_new_order_email_sent', 'true' );
			$order->save();
		}
	}
}

class WC_Email_Customer_Processing_Order extends WC_Email {

	public function __construct() {
		$this->id             = 'customer_processing_order';
		$this->title          = 'Processing order';
		$this->customer_email = true;
		foreach ( array( 'cancelled_to_processing', 'failed_to_processing', 'on-hold_to_processing', 'pending_to_processing' ) as $transition ) {
			add_action( 'woocommerce_order_status_' . $transition . '_notification', array( $this, 'trigger' ), 10, 2 );
		}
		parent::__construct();
	}
}

class WC_Email_Customer_Completed_Order extends WC_Email {

	public function __construct() {
		$this->id             = 'customer_completed_order';
		$this->title          = 'Completed order';
		$this->customer_email = true;
		add_action( 'woocommerce_order_status_completed_notification', array( $this, 'trigger' ), 10, 2 );
		parent::__construct();
	}
}

class WC_Email_Customer_On_Hold_Order extends WC_Email {

	public function __construct() {
		$this->id             = 'customer_on_hold_order';
		$this->title          = 'Order on-hold';
		$this->customer_email = true;
		foreach ( array( 'pending_to_on-hold', 'failed_to_on-hold', 'cancelled_to_on-hold' ) as $transition ) {
			add_action( 'woocommerce_order_status_' . $transition . '_notification', array( $this, 'trigger' ), 10, 2 );
		}
		parent::__construct();
	}
}

class WC_Email_Cancelled_Order extends WC_Email {

	public function __construct() {
		$this->id    = 'cancelled_order';
		$this->title = 'Cancelled order';
		foreach ( array( 'processing_to_cancelled', 'on-hold_to_cancelled' ) as $transition ) {
			add_action( 'woocommerce_order_status_' . $transition . '_notification', array( $this, 'trigger' ), 10, 2 );
		}
		parent::__construct();
		$this->recipient = $this->get_option( 'recipient', get_option( 'admin_email' ) );
	}
}

class WC_Email_Failed_Order extends WC_Email {

	public function __construct() {
		$this->id    = 'failed_order';
		$this->title = 'Failed order';
		foreach ( array( 'pending_to_failed', 'on-hold_to_failed' ) as $transition ) {
			add_action( 'woocommerce_order_status_' . $transition . '_notification', array( $this, 'trigger' ), 10, 2 );
		}
		parent::__construct();
		$this->recipient = $this->get_option( 'recipient', get_option( 'admin_email' ) );
	}
}

class WC_Email_Customer_Refunded_Order extends WC_Email {

	public function __construct() {
		$this->id             = 'customer_refunded_order';
		$this->title          = 'Refunded order';
		$this->customer_email = true;
		add_action( 'woocommerce_order_fully_refunded_notification', array( $this, 'trigger_full' ), 10, 2 );
		add_action( 'woocommerce_order_partially_refunded_notification', array( $this, 'trigger_partial' ), 10, 2 );
		parent::__construct();
	}

	public function trigger_full( $order_id, $refund_id = null ) {
		$this->trigger( $order_id );
	}

	public function trigger_partial( $order_id, $refund_id = null ) {
		$this->trigger( $order_id );
	}
}

class WC_Emails {

	/** @var WC_Email[] */
	public $emails = array();

	protected static $_instance = null; // phpcs:ignore

	public static function instance() {
		if ( is_null( self::$_instance ) ) {
			self::$_instance = new self();
		}
		return self::$_instance;
	}

	public static function reset_instance(): void {
		self::$_instance = null;
	}

	public function __construct() {
		$this->init();
	}

	public function init() {
		$this->emails['WC_Email_New_Order']                 = new WC_Email_New_Order();
		$this->emails['WC_Email_Cancelled_Order']           = new WC_Email_Cancelled_Order();
		$this->emails['WC_Email_Failed_Order']              = new WC_Email_Failed_Order();
		$this->emails['WC_Email_Customer_On_Hold_Order']    = new WC_Email_Customer_On_Hold_Order();
		$this->emails['WC_Email_Customer_Processing_Order'] = new WC_Email_Customer_Processing_Order();
		$this->emails['WC_Email_Customer_Completed_Order']  = new WC_Email_Customer_Completed_Order();
		$this->emails['WC_Email_Customer_Refunded_Order']   = new WC_Email_Customer_Refunded_Order();
		$this->emails = apply_filters( 'woocommerce_email_classes', $this->emails );
	}

	public function get_emails() {
		return $this->emails;
	}

	public static function init_transactional_emails() {
		$email_actions = apply_filters(
			'woocommerce_email_actions',
			array(
				'woocommerce_low_stock',
				'woocommerce_no_stock',
				'woocommerce_product_on_backorder',
				'woocommerce_order_status_pending_to_processing',
				'woocommerce_order_status_pending_to_completed',
				'woocommerce_order_status_processing_to_cancelled',
				'woocommerce_order_status_pending_to_failed',
				'woocommerce_order_status_pending_to_on-hold',
				'woocommerce_order_status_failed_to_processing',
				'woocommerce_order_status_failed_to_completed',
				'woocommerce_order_status_failed_to_on-hold',
				'woocommerce_order_status_cancelled_to_processing',
				'woocommerce_order_status_cancelled_to_completed',
				'woocommerce_order_status_cancelled_to_on-hold',
				'woocommerce_order_status_on-hold_to_processing',
				'woocommerce_order_status_on-hold_to_cancelled',
				'woocommerce_order_status_on-hold_to_failed',
				'woocommerce_order_status_completed',
				'woocommerce_order_fully_refunded',
				'woocommerce_order_partially_refunded',
				'woocommerce_new_customer_note',
				'woocommerce_created_customer',
			)
		);
		foreach ( $email_actions as $action ) {
			add_action( $action, array( __CLASS__, 'send_transactional_email' ), 10, 10 );
		}
	}

	public static function send_transactional_email( ...$args ) {
		self::instance();
		do_action_ref_array( current_filter() . '_notification', $args );
	}
}
