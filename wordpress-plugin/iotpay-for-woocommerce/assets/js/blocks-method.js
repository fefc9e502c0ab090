/* What blocks.js (IOTPay's wallets, SUNBAY's hosted card page) and
 * card-blocks.js (IOTPay's cards) share: registering one method with the
 * WooCommerce Checkout Block from the block data the server gives it (title,
 * description, icon, features and one line of its own under the
 * description), so that every method looks and behaves the same. Each script
 * passes only what is its own (the title when the merchant left it empty, its
 * own line, and any further registration options). Plain script on the
 * globals WooCommerce Blocks and WordPress provide, so no build step is
 * needed; it holds no strings of its own (they stay in the two scripts, with
 * their translations). */
( function () {
	'use strict';
	window.iotpayWcBlocks = {
		/**
		 * Registers method `name` when the shop enabled it (its data is there).
		 * options.note: { key, className }, the data's field shown (decoded, as
		 * plain text) under the description; options.extend( method, data,
		 * note, createElement ): adds to the registration before it is made.
		 */
		register: function ( name, fallbackTitle, options ) {
			var registry = window.wc && window.wc.wcBlocksRegistry;
			var settings = window.wc && window.wc.wcSettings;
			var el = window.wp && window.wp.element && window.wp.element.createElement;
			var decode = ( window.wp && window.wp.htmlEntities && window.wp.htmlEntities.decodeEntities ) || function ( s ) { return s; };
			if ( ! registry || ! settings || ! el ) {
				return;
			}
			var data = settings.getSetting( name + '_data', null );
			if ( ! data ) {
				return;
			}
			var title = decode( data.title || '' ) || fallbackTitle;
			var Label = function () {
				return el( 'span', { className: 'iotpay-wc-label' },
					data.icon ? el( 'img', { src: data.icon, alt: '', style: { height: '1.4em', verticalAlign: 'middle', marginRight: '0.4em' } } ) : null,
					title );
			};
			var note = options.note && data[ options.note.key ] ? decode( data[ options.note.key ] ) : '';
			var Content = function () {
				return el( 'div', { className: 'iotpay-wc-description' },
					decode( data.description || '' ),
					note ? el( 'p', { className: options.note.className, style: { margin: '0.5em 0 0' } }, note ) : null );
			};
			var method = {
				name: name,
				label: el( Label ),
				ariaLabel: title,
				content: el( Content ),
				edit: el( Content ),
				canMakePayment: function () { return true; },
				supports: { features: data.supports || [ 'products' ] }
			};
			if ( options.extend ) {
				options.extend( method, data, note, el );
			}
			registry.registerPaymentMethod( method );
		}
	};
}() );
