/* IOTPay payment page and thank-you page: polls the order-key-authenticated
 * status endpoint; the payment page moves to the thank-you page once IOTPay
 * confirms the payment and counts down to the code's expiry, the thank-you
 * page reloads itself. Copy-link buttons; on phones, the QR code becomes a
 * PNG image that can be saved and scanned from the photo album. No build step.
 * Everything works without this script (refresh / copy by hand / screenshot).
 * Strings go through wp.i18n (translations: languages/*.json). */
( function () {
	'use strict';
	var cfg = window.iotpayWcQr;
	if ( ! cfg ) {
		return;
	}
	var returnPage = cfg.mode === 'return';
	var root = document.getElementById( returnPage ? 'iotpay-wc-return' : 'iotpay-wc-qr' );
	if ( ! root ) {
		return;
	}
	var wpI18n = window.wp && window.wp.i18n;
	var __ = wpI18n ? wpI18n.__ : function ( text ) { return text; };
	var failures = 0;
	var started = Date.now();
	var stopped = false;
	/* The thank-you page gives up after 15 minutes: the refresh link stays. */
	var giveUpAfter = returnPage ? 15 * 60 * 1000 : Infinity;

	function show( status ) {
		root.setAttribute( 'data-status', status );
		if ( returnPage ) {
			return;
		}
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

	function paid( redirect ) {
		stopped = true;
		show( 'paid' );
		if ( returnPage ) {
			window.location.reload();
		} else {
			window.location.assign( redirect || cfg.thankYou );
		}
	}

	function poll() {
		if ( stopped ) {
			return;
		}
		if ( Date.now() - started > giveUpAfter ) {
			return;
		}
		fetch( cfg.statusUrl, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } } )
			.then( function ( r ) { return r.json(); } )
			.then( function ( data ) {
				if ( data.status === 'paid' ) {
					paid( data.redirect );
					return;
				}
				if ( data.status === 'expired' || data.status === 'failed' ) {
					stopped = true;
					if ( returnPage ) {
						/* The page is rendered again with the outcome (declined / not completed) and the way to try again. */
						window.location.reload();
						return;
					}
					show( data.status );
					return;
				}
				if ( data.status === 'unavailable' ) {
					failures++;
					scheduleRest( Math.min( 60000, cfg.interval * Math.pow( 2, failures ) ) );
					return;
				}
				failures = 0;
				scheduleRest( cfg.interval );
			} )
			.catch( function () {
				failures++;
				scheduleRest( Math.min( 30000, cfg.interval * Math.pow( 2, failures ) ) );
			} );
	}

	/* One REST poll pending at a time. */
	var restTimer = null;
	function scheduleRest( ms ) {
		if ( restTimer ) {
			clearTimeout( restTimer );
		}
		restTimer = setTimeout( poll, ms );
	}

	/* The static status document: answered by the web server from disk (no
	 * PHP), so it is asked every half second; it only ever turns "paid".
	 * The REST poll above stays the fallback (and the source of "expired").
	 * A document this browser cannot read (media offloaded to another host,
	 * a server that does not serve the folder) is given up after three tries,
	 * and the REST poll goes back to its short interval. */
	var docFailures = 0;
	function documentUnusable() {
		docFailures++;
		if ( docFailures < 3 ) {
			setTimeout( pollDocument, cfg.docInterval || 500 );
			return;
		}
		cfg.docUrl = '';
		cfg.interval = cfg.fallbackInterval || cfg.interval;
		scheduleRest( 0 );
	}

	function pollDocument() {
		if ( stopped || ! cfg.docUrl ) {
			return;
		}
		if ( Date.now() - started > giveUpAfter ) {
			return;
		}
		var sep = cfg.docUrl.indexOf( '?' ) === -1 ? '?' : '&';
		fetch( cfg.docUrl + sep + 't=' + Date.now(), { credentials: 'omit', cache: 'no-store' } )
			.then( function ( r ) { return r.ok ? r.json() : null; } )
			.then( function ( data ) {
				if ( ! data || typeof data.status !== 'string' ) {
					documentUnusable();
					return;
				}
				docFailures = 0;
				if ( data.status === 'paid' ) {
					paid( null );
					return;
				}
				setTimeout( pollDocument, cfg.docInterval || 500 );
			} )
			.catch( documentUnusable );
	}

	function countdown() {
		var el = root.querySelector( '.iotpay-wc-qr__expiry' );
		if ( ! el ) {
			return;
		}
		/* translators: %s: minutes and seconds left, e.g. 29:41 */
		var expiresIn = __( 'This code expires in %s', 'iotpay-for-woocommerce' );
		var deadline = Date.now() + ( parseInt( el.getAttribute( 'data-remaining' ), 10 ) || 0 ) * 1000;
		function tick() {
			if ( stopped ) {
				return;
			}
			var left = Math.max( 0, Math.round( ( deadline - Date.now() ) / 1000 ) );
			var m = Math.floor( left / 60 );
			var s = left % 60;
			el.textContent = expiresIn.replace( '%s', m + ':' + ( s < 10 ? '0' : '' ) + s );
			if ( left <= 0 ) {
				/* Polling goes on: a payment made at the last second still counts. */
				show( 'expired' );
				return;
			}
			setTimeout( tick, 1000 );
		}
		tick();
	}

	function copyButtons() {
		var buttons = root.querySelectorAll( '.iotpay-wc-qr__copy' );
		for ( var i = 0; i < buttons.length; i++ ) {
			( function ( button ) {
				if ( ! navigator.clipboard ) {
					return;
				}
				button.removeAttribute( 'hidden' );
				button.addEventListener( 'click', function () {
					navigator.clipboard.writeText( button.getAttribute( 'data-copy' ) ).then( function () {
						button.textContent = __( 'Link copied', 'iotpay-for-woocommerce' );
					} );
				} );
			}( buttons[ i ] ) );
		}
		var inputs = root.querySelectorAll( '.iotpay-wc-qr__link' );
		for ( var j = 0; j < inputs.length; j++ ) {
			inputs[ j ].addEventListener( 'focus', function ( e ) { e.target.select(); } );
		}
	}

	/* Phones: an <img> can be pressed and saved to the photo album, an inline SVG cannot. */
	function saveableImage() {
		var box = root.querySelector( '.iotpay-wc-qr__code' );
		var svg = box && box.querySelector( 'svg' );
		if ( root.getAttribute( 'data-saveable' ) !== '1' || ! svg || ! window.XMLSerializer ) {
			return;
		}
		var size = 480;
		var src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent( new XMLSerializer().serializeToString( svg ) );
		var image = new Image();
		image.onload = function () {
			var canvas = document.createElement( 'canvas' );
			canvas.width = size;
			canvas.height = size;
			var ctx = canvas.getContext( '2d' );
			ctx.fillStyle = '#fff';
			ctx.fillRect( 0, 0, size, size );
			ctx.drawImage( image, 0, 0, size, size );
			var png;
			try {
				png = canvas.toDataURL( 'image/png' );
			} catch ( e ) {
				return;
			}
			var img = document.createElement( 'img' );
			img.src = png;
			img.alt = box.getAttribute( 'aria-label' ) || '';
			img.className = 'iotpay-wc-qr__image';
			box.replaceChild( img, svg );
			var row = document.createElement( 'p' );
			row.className = 'iotpay-wc-qr__save-row';
			var link = document.createElement( 'a' );
			link.href = png;
			link.download = 'wechat-pay-qr.png';
			link.className = 'button iotpay-wc-qr__save';
			link.textContent = __( 'Save QR code image', 'iotpay-for-woocommerce' );
			row.appendChild( link );
			box.parentNode.insertBefore( row, box.nextSibling );
		};
		image.src = src;
	}

	copyButtons();
	if ( cfg.status === 'pending' ) {
		if ( ! returnPage ) {
			countdown();
			saveableImage();
		}
		scheduleRest( cfg.firstInterval || cfg.interval );
		setTimeout( pollDocument, cfg.docInterval || 500 );
	} else if ( cfg.status === 'paid' && ! returnPage ) {
		window.location.assign( cfg.thankYou );
	}
}() );
