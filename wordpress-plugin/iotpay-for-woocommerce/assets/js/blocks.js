/* IOTPay's wallets and SUNBAY's hosted card page for the WooCommerce Checkout Block. Plain script on
 * the globals WooCommerce Blocks and WordPress provide (wp.i18n for the
 * strings: their translations come from languages/*.json), so no build step
 * is needed. */
( function () {
	'use strict';
	var i18n = window.wp && window.wp.i18n;
	var __ = i18n ? i18n.__ : function ( text ) { return text; };
	/* Shown when the merchant left a method's title empty. */
	var names = {
		iotpay_wechat: __( 'WeChat Pay', 'iotpay-for-woocommerce' ),
		iotpay_alipay: __( 'Alipay', 'iotpay-for-woocommerce' ),
		iotpay_unionpay: __( 'UnionPay', 'iotpay-for-woocommerce' ),
		iotpay_sunbay: __( 'Credit or debit card', 'iotpay-for-woocommerce' )
	};
	var registry = window.wc && window.wc.wcBlocksRegistry;
	var settings = window.wc && window.wc.wcSettings;
	var el = window.wp && window.wp.element && window.wp.element.createElement;
	var decode = ( window.wp && window.wp.htmlEntities && window.wp.htmlEntities.decodeEntities ) || function ( s ) { return s; };
	if ( ! registry || ! settings || ! el ) {
		return;
	}
	Object.keys( names ).forEach( function ( name ) {
		var data = settings.getSetting( name + '_data', null );
		if ( ! data ) {
			return;
		}
		var title = decode( data.title || '' ) || names[ name ];
		var Label = function () {
			return el( 'span', { className: 'iotpay-wc-label' },
				data.icon ? el( 'img', { src: data.icon, alt: '', style: { height: '1.4em', verticalAlign: 'middle', marginRight: '0.4em' } } ) : null,
				title );
		};
		// WeChat Pay with a subscription in the cart: the server's words on
		// auto-debit (or why not), translated there and shown as plain text.
		var Content = function () {
			return el( 'div', { className: 'iotpay-wc-description' },
				decode( data.description || '' ),
				data.autoDebit ? el( 'p', { className: 'iotpay-auto-debit', style: { margin: '0.5em 0 0' } }, decode( data.autoDebit ) ) : null );
		};
		registry.registerPaymentMethod( {
			name: name,
			label: el( Label ),
			ariaLabel: title,
			content: el( Content ),
			edit: el( Content ),
			canMakePayment: function () { return true; },
			supports: { features: data.supports || [ 'products' ] }
		} );
	} );
}() );
