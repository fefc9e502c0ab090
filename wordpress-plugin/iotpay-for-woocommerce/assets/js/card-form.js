/* IOTPay's embedded card form on the card payment page (spec §15.5): mounts
 * iotpaycc.js's form with the purchase's secureId. The card goes from this
 * browser to IOTPay only. On success (or when IOTPay's form gives up waiting
 * on a UnionPay card) the browser goes on — to the address IOTPay gives, else
 * to the thank-you page, which asks IOTPay before saying the order is paid.
 * Without IOTPay's script, IOTPay's hosted page for the same purchase is
 * offered. Plain script, strings through wp.i18n (no build step). */
( function () {
	'use strict';
	var i18n = window.wp && window.wp.i18n;
	var __ = i18n ? i18n.__ : function ( text ) { return text; };
	var cfg = window.iotpayWcCard || {};
	var box = document.getElementById( 'iotpay-wc-card' );
	if ( ! box ) {
		return;
	}
	var message = box.querySelector( '.iotpay-wc-card__message' );
	var fallback = box.querySelector( '.iotpay-wc-card__fallback' );

	function say( text ) {
		if ( message ) {
			message.textContent = text;
			message.hidden = ! text;
		}
	}

	function unavailable() {
		box.setAttribute( 'data-form', 'unavailable' );
		say( __( 'The card form could not be loaded.', 'iotpay-for-woocommerce' ) );
		if ( fallback && cfg.hosted ) {
			fallback.hidden = false;
		}
	}

	function done( event ) {
		var record = event && event.detail && event.detail.retData;
		var next = record && record.redirectUrl;
		if ( event && ( 'SUCCESS' === event.result || 'Timeout' === event.message ) ) {
			box.setAttribute( 'data-form', 'submitted' );
			say( __( 'Checking your payment...', 'iotpay-for-woocommerce' ) );
			window.location.href = next || cfg.thankYou;
			return;
		}
		say( __( 'Your card was not accepted. Check the details and try again, or use another card.', 'iotpay-for-woocommerce' ) );
		if ( record ) {
			// IOTPay decided this purchase (declined): its secureId is spent. The
			// thank-you page asks IOTPay, says so and offers a new try.
			box.setAttribute( 'data-form', 'declined' );
			window.setTimeout( function () {
				window.location.href = next || cfg.thankYou;
			}, 1500 );
		}
	}

	function start() {
		if ( 'function' !== typeof window.Iotpay || ! cfg.secureId ) {
			unavailable();
			return;
		}
		try {
			window.Iotpay( cfg.secureId, 'Pay', { theme: 'card' } ).mount( '#iotpay_normal', done );
			box.setAttribute( 'data-form', 'mounted' );
		} catch ( e ) {
			unavailable();
		}
	}

	if ( 'complete' === document.readyState ) {
		start();
	} else {
		window.addEventListener( 'load', start );
	}
}() );
