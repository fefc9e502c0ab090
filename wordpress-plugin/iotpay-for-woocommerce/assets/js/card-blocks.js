/* The IOTPay card payment method for the WooCommerce Checkout Block. Plain
 * script on the globals WooCommerce Blocks and WordPress provide (no build
 * step); the registration itself is blocks-method.js's, shared with the
 * wallets. The block itself lists the customer's saved cards and the "save"
 * checkbox (supports.showSavedCards / showSaveOption) and sends the choice as
 * wc-iotpay_card-payment-token / wc-iotpay_card-new-payment-method; the card
 * is entered on IOTPay's page or form after the order is placed. */
( function () {
	'use strict';
	var i18n = window.wp && window.wp.i18n;
	var __ = i18n ? i18n.__ : function ( text ) { return text; };
	var blocks = window.iotpayWcBlocks;
	if ( ! blocks ) {
		return;
	}
	// All cards (PF_CC) and UnionPay cards (UPI_EX): one registration each, for the methods the shop enabled.
	[ 'iotpay_card', 'iotpay_upi_card' ].forEach( register );

	function register( name ) {
		blocks.register( name, __( 'Credit card', 'iotpay-for-woocommerce' ), {
			// A subscription in the cart: the server says the card is saved and
			// charged for the renewals (and showSaveOption is off: no choice to untick).
			note: { key: 'subscription', className: 'iotpay-wc-card-subscription' },
			extend: function ( method, data, subscription, el ) {
				// The block prints a saved card's component right under the cards list,
				// outside any styled box: without sizes of its own it inherits the
				// surrounding heading's type (WooCommerce 11, block themes). Body text,
				// sized and spaced here, whatever the theme.
				var SavedCard = function () {
					return el( 'p', {
						className: 'iotpay-wc-description iotpay-wc-card-saved',
						style: { fontSize: '0.875rem', fontWeight: 'normal', lineHeight: 1.5, letterSpacing: 'normal', textTransform: 'none', margin: '0.5em 0 0' }
					}, __( 'Your saved card is charged when you place the order.', 'iotpay-for-woocommerce' ),
					subscription ? ' ' + subscription : '' );
				};
				method.savedTokenComponent = el( SavedCard );
				method.supports.showSavedCards = !! data.showSavedCards;
				method.supports.showSaveOption = !! data.showSaveOption;
			}
		} );
	}
}() );
