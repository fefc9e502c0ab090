/* IOTPay QR page: polls the order-key-authenticated status endpoint and moves
 * to the thank-you page once IOTPay confirms the payment. No build step. */
( function () {
	'use strict';
	var cfg = window.iotpayWcQr;
	var root = document.getElementById( 'iotpay-wc-qr' );
	if ( ! cfg || ! root ) {
		return;
	}
	var failures = 0;

	function show( status ) {
		root.setAttribute( 'data-status', status );
		var states = root.querySelectorAll( '.iotpay-wc-qr__state' );
		for ( var i = 0; i < states.length; i++ ) {
			var el = states[ i ];
			var match = el.classList.contains( 'iotpay-wc-qr__state--' + status ) ||
				( status === 'failed' && el.classList.contains( 'iotpay-wc-qr__state--expired' ) );
			if ( match ) {
				el.removeAttribute( 'hidden' );
			} else {
				el.setAttribute( 'hidden', '' );
			}
		}
	}

	function poll() {
		fetch( cfg.statusUrl, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } } )
			.then( function ( r ) { return r.json(); } )
			.then( function ( data ) {
				failures = 0;
				if ( data.status === 'paid' ) {
					show( 'paid' );
					window.location.assign( data.redirect || cfg.thankYou );
					return;
				}
				if ( data.status === 'expired' || data.status === 'failed' ) {
					show( data.status );
					return;
				}
				setTimeout( poll, cfg.interval );
			} )
			.catch( function () {
				failures++;
				setTimeout( poll, Math.min( 30000, cfg.interval * Math.pow( 2, failures ) ) );
			} );
	}

	if ( cfg.status === 'pending' ) {
		setTimeout( poll, cfg.interval );
	} else if ( cfg.status === 'paid' ) {
		window.location.assign( cfg.thankYou );
	}
}() );
