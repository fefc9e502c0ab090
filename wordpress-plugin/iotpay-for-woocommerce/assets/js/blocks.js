/* IOTPay's wallets and SUNBAY's hosted card page for the WooCommerce Checkout Block. Plain script on
 * the globals WooCommerce Blocks and WordPress provide (wp.i18n for the
 * strings: their translations come from languages/*.json), so no build step
 * is needed; the registration itself is blocks-method.js's, shared with the
 * cards. */
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
	var blocks = window.iotpayWcBlocks;
	if ( ! blocks ) {
		return;
	}
	Object.keys( names ).forEach( function ( name ) {
		// WeChat Pay with a subscription in the cart: the server's words on
		// auto-debit (or why not), translated there and shown as plain text.
		blocks.register( name, names[ name ], { note: { key: 'autoDebit', className: 'iotpay-auto-debit' } } );
	} );
}() );
