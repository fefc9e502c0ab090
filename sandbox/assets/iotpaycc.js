/* IOTPay sandbox: a stand-in for IOTPay's embedded card form script
 * (https://ccapi.iotpaycloud.com/cc/iotpaycc.js, spec §15.5), written for the
 * sandbox — not IOTPay's code. Same entry point as the SDK README shows:
 *
 *   var form = Iotpay(secureId, 'Pay', options);
 *   form.mount('#iotpay_normal', callback);
 *
 * mount() draws a card form into the element; submitting it posts the card
 * fields with the secureId to this sandbox (POST /cc/pay on the host this
 * script came from, form-encoded so the browser sends no preflight). A card
 * the sandbox cannot read (number, expiry, CVV) is shown in the form and the
 * customer may correct it: the callback is not called. A decided
 * transaction calls callback(event) once: event.result 'SUCCESS' (paid) or
 * 'FAIL' (declined: the sandbox's decline card 4000 0000 0000 0002),
 * event.message, event.detail = { retCode, retMsg, retData } where retData is
 * the §15.2 order object plus redirectUrl (the purchase's returnUrl with
 * retCode and status, as the hosted page sends the customer back).
 * Only 'Pay' is served; 'Add' answers FAIL (the sandbox adds cards on its
 * hosted page). Options: button.text, button.color, button.backgroundColor. */
(function () {
	'use strict';
	var script = document.currentScript;
	var origin = script && script.src ? new URL(script.src).origin : '';

	function field(form, name, label, attrs) {
		var p = document.createElement('p');
		p.style.margin = '0 0 .6em';
		var l = document.createElement('label');
		l.style.display = 'block';
		l.textContent = label;
		var i = document.createElement('input');
		i.name = name;
		i.type = 'text';
		i.style.display = 'block';
		i.style.width = '100%';
		i.style.boxSizing = 'border-box';
		i.style.padding = '.5em';
		i.style.font = 'inherit';
		Object.keys(attrs).forEach(function (k) { i.setAttribute(k, attrs[k]); });
		l.appendChild(i);
		p.appendChild(l);
		form.appendChild(p);
		return i;
	}

	function Iotpay(secureId, kind, options) {
		options = options || {};
		var button = options.button || {};
		return {
			mount: function (selector, callback) {
				var host = typeof selector === 'string' ? document.querySelector(selector) : selector;
				if (!host) {
					throw new Error('Iotpay: no element ' + selector);
				}
				var form = document.createElement('form');
				form.className = 'iotpay-sandbox-cc';
				form.setAttribute('novalidate', '');
				form.setAttribute('data-secure-id', secureId);
				field(form, 'cardNum', 'Card number', { autocomplete: 'cc-number', inputmode: 'numeric' });
				field(form, 'expiryDate', 'Expiry (MMYY)', { autocomplete: 'cc-exp', inputmode: 'numeric', maxlength: '4' });
				field(form, 'cvv', 'CVV', { autocomplete: 'cc-csc', inputmode: 'numeric', maxlength: '4' });
				field(form, 'holder', 'Name on card', { autocomplete: 'cc-name' });
				var error = document.createElement('p');
				error.className = 'iotpay-sandbox-cc__error';
				error.setAttribute('role', 'alert');
				error.hidden = true;
				form.appendChild(error);
				var submit = document.createElement('button');
				submit.type = 'submit';
				submit.textContent = button.text || 'Pay';
				if (button.color) { submit.style.color = button.color; }
				if (button.backgroundColor) { submit.style.backgroundColor = button.backgroundColor; }
				form.appendChild(submit);
				var decided = false;
				form.addEventListener('submit', function (e) {
					e.preventDefault();
					if (decided || submit.disabled) {
						return;
					}
					if (kind !== 'Pay') {
						decided = true;
						callback({ result: 'FAIL', message: 'The sandbox adds cards on its hosted page only', detail: { retCode: 'FAIL' } });
						return;
					}
					var body = new URLSearchParams();
					body.set('secureId', secureId);
					['cardNum', 'expiryDate', 'cvv', 'holder'].forEach(function (k) {
						body.set(k, form.elements[k].value.replace(/\s+/g, k === 'holder' ? ' ' : ''));
					});
					submit.disabled = true;
					error.hidden = true;
					fetch(origin + '/cc/pay', { method: 'POST', body: body })
						.then(function (r) { return r.json(); })
						.then(function (answer) {
							submit.disabled = false;
							if (answer.retData) {
								decided = true;
								submit.disabled = true;
								callback({
									result: answer.retCode === 'SUCCESS' ? 'SUCCESS' : 'FAIL',
									message: answer.retMsg || '',
									detail: answer
								});
								return;
							}
							error.textContent = answer.retMsg || 'The card could not be read';
							error.hidden = false;
						})
						.catch(function () {
							submit.disabled = false;
							error.textContent = 'Network error: try again';
							error.hidden = false;
						});
				});
				host.appendChild(form);
				return form;
			}
		};
	}

	window.Iotpay = Iotpay;
}());
