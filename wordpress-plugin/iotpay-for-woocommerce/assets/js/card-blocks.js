/* The IOTPay card payment method for the WooCommerce Checkout Block. Plain
 * script on the globals WooCommerce Blocks and WordPress provide (no build
 * step). The block itself lists the customer's saved cards and the "save"
 * checkbox (supports.showSavedCards / showSaveOption) and sends the choice as
 * wc-iotpay_card-payment-token / wc-iotpay_card-new-payment-method; the card
 * is entered on IOTPay's page or form after the order is placed. */
( function () {
	'use strict';
	var i18n = window.wp && window.wp.i18n;
	var __ = i18n ? i18n.__ : function ( text ) { return text; };
	var registry = window.wc && window.wc.wcBlocksRegistry;
	var settings = window.wc && window.wc.wcSettings;
	var el = window.wp && window.wp.element && window.wp.element.createElement;
	var decode = ( window.wp && window.wp.htmlEntities && window.wp.htmlEntities.decodeEntities ) || function ( s ) { return s; };
	if ( ! registry || ! settings || ! el ) {
		return;
	}
	// All cards (PF_CC) and UnionPay cards (UPI_EX): one registration each, for the methods the shop enabled.
	[ 'iotpay_card', 'iotpay_upi_card' ].forEach( register );

	function register( name ) {
	var data = settings.getSetting( name + '_data', null );
	if ( ! data ) {
		return;
	}
	var title = decode( data.title || '' ) || __( 'Credit card', 'iotpay-for-woocommerce' );
	var Label = function () {
		return el( 'span', { className: 'iotpay-wc-label' },
			data.icon ? el( 'img', { src: data.icon, alt: '', style: { height: '1.4em', verticalAlign: 'middle', marginRight: '0.4em' } } ) : null,
			title );
	};
	// A subscription in the cart: the server says the card is saved and
	// charged for the renewals (and showSaveOption is off: no choice to untick).
	var subscription = data.subscription ? decode( data.subscription ) : '';
	var Content = function () {
		return el( 'div', { className: 'iotpay-wc-description' },
			decode( data.description || '' ),
			subscription ? el( 'p', { className: 'iotpay-wc-card-subscription', style: { margin: '0.5em 0 0' } }, subscription ) : null );
	};
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
	registry.registerPaymentMethod( {
		name: name,
		label: el( Label ),
		ariaLabel: title,
		content: el( Content ),
		edit: el( Content ),
		savedTokenComponent: el( SavedCard ),
		canMakePayment: function () { return true; },
		supports: {
			features: data.supports || [ 'products' ],
			showSavedCards: !! data.showSavedCards,
			showSaveOption: !! data.showSaveOption
		}
	} );
	}
}() );
