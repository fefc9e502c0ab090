<?php
// The docblocks of php/stubs/iotpay.stub.php, keyed by class ("IotPay\Qr")
// or method ("IotPay\Qr::svg"). tools/gen-stubs.php takes the signatures
// from Reflection and the text from here; a key that names nothing, or a
// class or method without an entry, stops the generator, so the two cannot
// drift apart. Array shapes and @throws live only here: Reflection cannot
// express them.
declare(strict_types=1);

$E = '\\IotPay\\Exception\\';
// What every v1 call can throw (README "Errors"; docs/ARCHITECTURE.md).
$call = <<<TXT
@throws {$E}ValidationException the request was refused before anything was sent (getField() names the field)
@throws {$E}TransportException connection failed, timed out or HTTP 5xx: query before retrying unless isRetryable()
@throws {$E}ProtocolException the answer is not IOTPay's protocol (bad JSON, missing fields, HTTP 404 ...)
@throws {$E}SignatureException the answer's signature does not verify
@throws {$E}GatewayException IOTPay refused the request (getProviderCode(), getClassification())
@throws {$E}InternalException a bug in the extension (a caught panic)
TXT;
$validation = "@throws {$E}ValidationException";
$internal = "@throws {$E}InternalException a bug in the extension (a caught panic)";

$createShape = 'array{mchOrderNo: string, channelId: string, currency: string, amount: int, clientIp: string, '
    . 'notifyUrl: string, subject: string, body: string, device?: string, osType?: \'IOS\'|\'ANDROID\', '
    . 'returnUrl?: string, extra?: string|array<string, mixed>, param1?: string, param2?: string, remarks?: string, '
    . 'mchId?: string, jobNo?: string, deviceId?: string, codeType?: \'barcode\', identityCode?: string, '
    . 'source?: string, tip?: int|string}';
$payForSubmitShape = 'array{mchOrderNo: string, currency: string, amount: int, clientIp: string, returnUrl: string, '
    . 'notifyUrl: string, subject: string, body: string, channelId?: \'WX_JSAPI\', qrcode_pay?: 1, param2?: string, '
    . 'extra?: string|array<string, mixed>, remarks?: string, device?: string, mchId?: string, jobNo?: string}';
$refundShape = 'array{mchRefundNo: string, refundAmount: int, payOrderId: string, clientIp: string, '
    . 'device?: string, currency?: string, mchId?: string, loginName?: string}';
$configShape = 'array{mchId: string, key: string, loginName?: string, baseUrl?: string, ccBaseUrl?: string, '
    . 'autodebitBaseUrl?: string, connectTimeoutMs?: int, timeoutMs?: int, caFile?: string}';
$expectedShape = 'array{mchId: string, mchOrderNo: string, amount: int, currency: string, '
    . 'previousMchOrderNos?: list<string>, alreadyPaid?: bool, paidMchOrderNo?: string|null}';
// Credit Card V3 (spec §15, D26): mchId and loginName come from the Config.
$ccCommon = 'mchId?: string, loginName?: string';
$ccPurchaseShape = 'array{mchOrderNo: string, amount: int, currency: \'CAD\', channel: \'PF_CC\'|\'UPI_EX\', '
    . "notifyUrl: string, returnUrl: string, subject?: string, body?: string, mchUserId?: string, $ccCommon}";
$ccAddCardShape = "array{cardId: string, channel: 'PF_CC'|'UPI_EX', returnUrl: string, $ccCommon}";
$ccTokenShape = 'array{mchOrderNo: string, cardId: string, amount: int, currency: \'CAD\', subject?: string, '
    . "body?: string, clientIp?: string, notifyUrl?: string, mchUserId?: string, $ccCommon}";
$ccDirectShape = 'array{mchOrderNo: string, amount: int, currency: \'CAD\', channel: \'PF_CC\'|\'UPI_EX\', '
    . 'cardNum: string, expiryDate: string, holder: string, cvv: string, subject?: string, body?: string, '
    . "clientIp?: string, notifyUrl?: string, $ccCommon}";
$ccWalletShape = 'array{mchOrderNo: string, amount: int, currency: \'CAD\', walletType?: \'ApplePay\'|\'GooglePay\', '
    . "walletData?: string, subject?: string, body?: string, notifyUrl?: string, cardId?: string, $ccCommon}";
$ccVoidShape = "array{mchRefundNo: string, payOrderId: string, notifyUrl?: string, $ccCommon}";
$ccRefundShape = "array{mchRefundNo: string, payOrderId: string, refundAmount: int, notifyUrl?: string, $ccCommon}";
$ccOrder = "Returns a CardOrder whatever its status: check isPaid() / isSuccess(); isFailed()\n"
    . "(status 9) is a refusal by the processor (nothing taken), isPending() means query\n"
    . 'it later (D27).';
// Autodebit (spec §13): mchId and jobNo come from the Config.
$contractShape = 'array{mchContractId: string, channelId: \'WX_JSAPI\'|\'WX_APP\'|\'WX_MWEB\', currency: \'CAD\'|\'CNY\'|\'USD\', '
    . 'payerName: string, notifyUrl: string, clientIp?: string, device?: string, terminalType?: \'WEB\'|\'APP\'|\'WAP\', '
    . 'extra?: string|array<string, mixed>, returnUrl?: string, mchId?: string, jobNo?: string}';
$debitShape = 'array{mchOrderNo: string, mchContractId: string, channelId: \'WX_JSAPI\'|\'WX_APP\'|\'WX_MWEB\', '
    . 'currency: \'CAD\'|\'CNY\'|\'USD\', amount: int, notifyUrl: string, body: string, clientIp?: string, device?: string, '
    . 'extra?: string|array<string, mixed>, returnUrl?: string, remarks?: string, mchId?: string, jobNo?: string}';
$historyShape = 'list<array{time: int, amount: int}>';
$contractExpectedShape = 'array{mchContractId: string, iotpayContractId?: string|null, mchId?: string|null, status?: 1|2|9|null}';
$limitThrows = "{$E}ValidationException the debit would break a WeChat limit: getField() is limit.perDebit,\nlimit.perDay, limit.perDayAmount, limit.perMonth or limit.perMonthAmount (nothing is sent)";
$fieldsShape = 'array<string, string|int|null>';
$raw = '@return array<string, mixed> the whole answer as received (nested objects as arrays)';
$notInstantiable = fn (string $by) => "Not instantiable: returned by $by.";
// SUNBAY Nexus (sunbay.md §8, D39–D48): appId and merchantId come from the Config.
$sunbayConfigShape = 'array{appId: string, merchantId: string, apiKey: string, webhookSecret?: string, baseUrl?: string, '
    . 'connectTimeoutMs?: int, timeoutMs?: int, caFile?: string}';
$sunbayCheckout = 'transactionRequestId: string, referenceOrderId: string, amount: int, currency: string, description: string, '
    . 'notifyUrl?: string, merchantReturnUrl?: string, taxAmount?: int, surchargeAmount?: int, '
    . 'productList?: list<array{name: string, amount: int, num: int}>';
$sunbaySessionShape = "array{{$sunbayCheckout}, collectBillingAddress?: bool, collectShippingAddress?: bool}";
$sunbayAddress = 'array{country?: string, state?: string, city?: string, line1?: string, line2?: string, postalCode?: string}';
$sunbaySaleShape = "array{{$sunbayCheckout}, paymentMethod: 'GOOGLE_PAY'|'APPLE_PAY', cardEncryptedData: string, "
    . "customerEmail?: string, customerName?: string, billingAddress?: $sunbayAddress, shippingAddress?: $sunbayAddress}";
$sunbayRefundShape = 'array{transactionRequestId: string, originalTransactionId?: string, originalTransactionRequestId?: string, '
    . 'amount: int, currency: string, description?: string, notifyUrl?: string}';
$sunbayValidation = "@throws {$E}ValidationException";
$sunbayCall = <<<TXT
@throws {$E}ValidationException refused before anything was sent (getField() names the field)
@throws {$E}TransportException connection failed, timed out or HTTP 5xx: query before retrying unless isRetryable()
@throws {$E}ProtocolException the answer is not SUNBAY's envelope (bad JSON, code not a string, another request's answer ...)
@throws {$E}GatewayException SUNBAY's S/C/M/P/E code (getProviderCode(), getClassification(); S11, P01, E01–E03, C26, C27 and unknown codes: query first)
@throws {$E}InternalException a bug in the extension (a caught panic)
TXT;
$provider = "'iotpay' or 'sunbay': the provider whose call failed ('iotpay' when built in PHP).";
$staticOnly = 'Not instantiable: static methods only.';
$exceptionCtor = <<<TXT
The constructor of \\Exception, so that the class can be built and subclassed
in PHP (tests, wrappers). Typed getters then return their defaults.
Subclasses that define a constructor must call parent::__construct().

@param string \$message
@param int \$code
@param \\Throwable|null \$previous
@throws \\TypeError when \$previous is not a Throwable
TXT;

$docs = [
    'IotPay\\VERSION' => "The extension's release version; phpversion('iotpay') returns the same.",
    'IotPay\\API_VERSION' => "The PHP API's version, 'MAJOR.MINOR': MINOR grows when something is added, MAJOR when\nsomething a caller may rely on is removed or changes meaning. Check it before using the\nextension: compatible when MAJOR is the one you need and MINOR at least yours.",
    // ---- IotPay\Client ------------------------------------------------------
    'IotPay\\Client' => "The IOTPay v1 General Order API (spec §4–§10), the Credit Card API V3\n(spec §15, the cc* methods) and Autodebit (spec §13: signContract, debit, queryDebit*). Every call validates before sending, signs, posts\nover TLS and verifies the answer's signature. A timeout is not a failure: query\nwith the same number before trying again.",
    'IotPay\\Client::__construct' => '@param \\IotPay\\Config $config',
    'IotPay\\Client::createOrder' => "create_order (spec §4). mchId and jobNo come from the Config; amount is an\ninteger in minor units (never a float); extra may be an array (sent as the\nJSON string IOTPay expects); clientIp may be any IP address (D22).\nA success without the channel's QR code or payment URL is a ProtocolException.\n\n@param $createShape \$request\n$call",
    'IotPay\\Client::payForSubmit' => "payForSubmit (spec §5): WeChat in-app browser (channel WX_JSAPI).\nparam1 must stay empty (IOTPay puts mchOrderNo there).\n\n@param $payForSubmitShape \$request\n$call",
    'IotPay\\Client::queryOrderByMchOrderNo' => "query_order by the merchant's order number (spec §7). An order IOTPay does\nnot know is a GatewayException with provider code 0112.\n\n@param string \$mchOrderNo\n$call",
    'IotPay\\Client::queryOrderByPayOrderId' => "query_order by IOTPay's order id (spec §7).\n\n@param string \$payOrderId\n$call",
    'IotPay\\Client::signContract' => "Autodebit contract signing (spec §13.1): the payer signs a WeChat withholding\ncontract once. mchContractId ≤ 128 bytes (letters, digits, _ and -), payerName ≤ 32\nbytes without 4-byte characters, URLs without '?', extra required for WX_APP.\nThe answer says where the payer signs (Contract::getSignUrl(), D52); the outcome\ncomes by the contract callback (ContractNotification).\n\n@param $contractShape \$request\n$call",
    'IotPay\\Client::debit' => "Autodebit debit (spec §13.2, contract/create_order) on a signed contract. A debit is a\npayment: decide it with Decision::decide() (the answer, the callback Notification or\nqueryDebit*()). The per-debit limit is always checked; with \$history (every earlier\nsuccessful debit on this contract, refunded ones included) the day and month limits\ntoo, in UTC and China Standard Time (D55, D56).\n\n@param $debitShape \$request\n@param $historyShape|null \$history\n@throws $limitThrows\n$call",
    'IotPay\\Client::queryDebitByMchOrderNo' => "contract/query_order (spec §13.3) by the debit's number: an OrderResult.\n\n@param string \$mchOrderNo\n$call",
    'IotPay\\Client::queryDebitByPayOrderId' => "contract/query_order (spec §13.3) by IOTPay's id: an OrderResult.\n\n@param string \$payOrderId\n$call",
    'IotPay\\Client::refundOrder' => "refund_order (spec §9). Keep mchRefundNo stable for a given refund: a retry\nwith the same number, order and amount returns the first refund (D17).\nThe result's status may be REFUNDING or UNKNOWN: query it then.\n\n@param $refundShape \$request\n$call",
    'IotPay\\Client::queryRefundByMchRefundNo' => "Query Refund by the merchant's refund number (D15; the path is assumed).\nA 404 means the path is not served: ProtocolException::getHttpStatus() === 404.\nA refund IOTPay does not know (yet) is a GatewayException with code 0112.\n\n@param string \$mchRefundNo\n$call",
    'IotPay\\Client::queryRefundByRefundOrderId' => "Query Refund by IOTPay's refund id (D15).\n\n@param string \$refundOrderId\n$call",

    'IotPay\\Client::ccPurchase' => "cc_purchase (spec §15.3, §15.5): a one-time card purchase on IOTPay's hosted\npage (redirect the customer to getRedirectUrl()) or in the embedded form (hand\ngetSecureId() to iotpaycc.js). mchId and loginName come from the Config; CAD only;\namount in minor units. The result is known from the notification or ccQueryByMchOrderNo().\nThe browser's return to returnUrl is unsigned: never trust it, query.\n\n@param $ccPurchaseShape \$request\n$call",
    'IotPay\\Client::ccAddCard' => "cc_addcard (spec §15.6): tokenise a card under the merchant's cardId (one card per\ncardId) on IOTPay's page or in the embedded form; afterwards ccQueryCard() reads it\nand ccPurchaseWithToken() charges it.\n\n@param $ccAddCardShape \$request\n$call",
    'IotPay\\Client::ccQueryCard' => "cc_querycard (spec §15.8): the stored card behind a cardId (masked number, brand,\nexpiry; the answer's cvv is dropped). A cardId without a card is a GatewayException\n('cardId is not binding', provider code 0014, final).\n\n@param string \$cardId\n$call",
    'IotPay\\Client::ccPurchaseWithToken' => "cc_purchasewithtoken (spec §15.9): charge a stored card.\n$ccOrder\nKeep mchOrderNo stable: after a timeout (TransportException::shouldQueryFirst())\nquery ccQueryByMchOrderNo() before anything else; never charge under a new number blindly.\nUPI_EX cards need notifyUrl.\n\n@param $ccTokenShape \$request\n$call",
    'IotPay\\Client::ccDirectPurchase' => "cc_directpurchase (spec §15.7). **For PCI DSS compliant merchants only**: the\nmerchant's own page collects the card number, expiry and CVV, so its servers handle\ncard data. Everyone else uses ccPurchase() (hosted page or embedded form). The card\nfields are checked (Luhn, MMYY, 3-4 digit CVV) before anything is sent and are never\nshown in an exception message, trace, var_dump or log.\n$ccOrder\n\n@param $ccDirectShape \$request\n$call",
    'IotPay\\Client::ccPurchaseWithWallet' => "cc_purchasewithwallet (spec §15.10; contact IOTPay before using): Apple Pay /\nGoogle Pay, walletData = base64 of the wallet token.\n$ccOrder\n\n@param $ccWalletShape \$request\n$call",
    'IotPay\\Client::ccVoid' => "cc_void (spec §15.11): cancel a payment that is not settled yet (and not partly\nrefunded). The answer is the void's record (isRefundRecord(), getMchOrderNo() =\nmchRefundNo, getOriginalOrderId() = payOrderId); isSuccess() when done. Keep\nmchRefundNo stable: after a timeout query ccQueryByMchOrderNo(\$mchRefundNo) first.\n\n@param $ccVoidShape \$request\n$call",
    'IotPay\\Client::ccRefund' => "cc_refund (spec §15.11): refund all or part of a settled payment; never more than\nits getRefundable(). The answer is the refund's record (isRefundRecord()); isSuccess()\nwhen done. Keep mchRefundNo stable: the same number, payment and amount return the\nfirst refund; after a timeout query ccQueryByMchOrderNo(\$mchRefundNo) first.\n\n@param $ccRefundShape \$request\n$call",
    'IotPay\\Client::ccQueryByMchOrderNo' => "cc_query (spec §15.12) by the merchant's number: a payment's mchOrderNo, or a\nrefund's / void's mchRefundNo (D28). Unknown: GatewayException 0112.\n\n@param string \$mchOrderNo\n$call",
    'IotPay\\Client::ccQueryByPayOrderId' => "cc_query (spec §15.12) by IOTPay's transaction id.\n\n@param string \$payOrderId\n$call",

    // ---- IotPay\ClientIp ----------------------------------------------------
    'IotPay\\ClientIp' => 'The payer\'s IP address for clientIp (D21, D22).',
    'IotPay\\ClientIp::__construct' => $staticOnly,
    'IotPay\\ClientIp::resolve' => "The remote address, unless it is a trusted proxy: then X-Forwarded-For is\nwalked from the right past trusted hops. The result always fits clientIp\n(32 bytes): an IPv6 address too long for it comes back as its /64 prefix,\ne.g. 2607:fea8:4b21:a500::.\n\n@param string \$remoteAddr \$_SERVER['REMOTE_ADDR']\n@param string|null \$forwardedFor \$_SERVER['HTTP_X_FORWARDED_FOR'] ?? null\n@param list<string>|null \$trustedProxies IPs or CIDRs, e.g. ['10.0.0.0/8']\n$validation remoteAddr is not an IP, or a trusted proxy is not an IP/CIDR\n$internal",

    // ---- IotPay\Config ------------------------------------------------------
    'IotPay\\Config' => "Credentials and settings. The key is never shown: var_dump prints\n[redacted] and serialization is refused.",
    'IotPay\\Config::__construct' => "@param $configShape \$options unknown options are refused\n$validation a required option is missing or an option has the wrong type\n@throws {$E}ConfigException a base URL or CA file that cannot work\n$internal",
    'IotPay\\Config::__debugInfo' => "What var_dump/print_r show: every option, the key as [redacted].\n\n@return array<string, string|int>",
    'IotPay\\Config::getAutodebitBaseUrl' => '',
    'IotPay\\Config::getBaseUrl' => 'The v1 base URL, ending in /.',
    'IotPay\\Config::getCaFile' => 'The extra PEM CA file trusted, or null.',
    'IotPay\\Config::getCcBaseUrl' => '',
    'IotPay\\Config::getConnectTimeoutMs' => '',
    'IotPay\\Config::getLoginName' => 'Sent as jobNo / loginName.',
    'IotPay\\Config::getMchId' => '',
    'IotPay\\Config::getTimeoutMs' => '',

    // ---- results ------------------------------------------------------------
    'IotPay\\CreateOrderResult' => 'The answer of Client::createOrder().',
    'IotPay\\CreateOrderResult::__construct' => $notInstantiable('Client::createOrder()'),
    'IotPay\\CreateOrderResult::getCodeUrl' => 'WX_NATIVE: the content of the QR code to show.',
    'IotPay\\CreateOrderResult::getMchOrderNo' => '',
    'IotPay\\CreateOrderResult::getPayOrderId' => 'IOTPay\'s order id.',
    'IotPay\\CreateOrderResult::getPayParams' => "Mini-program and app channels: the wallet SDK parameters (appId, timeStamp,\nnonceStr, package, signType, paySign); empty otherwise.\n\n@return array<string, string>",
    'IotPay\\CreateOrderResult::getQrCode' => 'ALIPAY_QR / UPI_QR: the content of the QR code to show.',
    'IotPay\\CreateOrderResult::getRedirectUrl' => 'ALIPAY_PC / ALIPAY_WAP / UPI_SEQ: where to send the browser (from retParams, object or JSON string, D23).',
    'IotPay\\CreateOrderResult::getStatus' => "Barcode channels and CC_PAX: the order status (OrderStatus constants);\nOrderStatus::UNKNOWN (-1) when the answer carries none.",
    'IotPay\\CreateOrderResult::getStatusName' => "'created', 'paying', 'paid', 'paid_notified', 'cancelled_by_system', 'cancelled_by_user' or 'unknown'.",
    'IotPay\\CreateOrderResult::isPaid' => 'Barcode channels: paid at once (status 2 or 3).',
    'IotPay\\CreateOrderResult::toArray' => $raw,

    'IotPay\\PayForSubmitResult' => 'The answer of Client::payForSubmit().',
    'IotPay\\PayForSubmitResult::__construct' => $notInstantiable('Client::payForSubmit()'),
    'IotPay\\PayForSubmitResult::getCodeUrl' => 'With qrcode_pay = 1: the QR content.',
    'IotPay\\PayForSubmitResult::getPayOrderId' => '',
    'IotPay\\PayForSubmitResult::getUrl' => 'Redirect the WeChat in-app browser here (always present: its absence is a ProtocolException).',
    'IotPay\\PayForSubmitResult::toArray' => $raw,

    'IotPay\\OrderResult' => 'What query_order says about one order (spec §7).',
    'IotPay\\OrderResult::__construct' => $notInstantiable('Client::queryOrderBy*()'),
    'IotPay\\OrderResult::getAmount' => 'Minor units.',
    'IotPay\\OrderResult::getChannelId' => '',
    'IotPay\\OrderResult::getChannelOrderNo' => 'The wallet\'s transaction number.',
    'IotPay\\OrderResult::getCurrency' => '',
    'IotPay\\OrderResult::getMchId' => '',
    'IotPay\\OrderResult::getMchOrderNo' => '',
    'IotPay\\OrderResult::getPayOrderId' => '',
    'IotPay\\OrderResult::getPaySuccTime' => 'Epoch milliseconds.',
    'IotPay\\OrderResult::getStatus' => 'The order status (spec §7.2; OrderStatus constants).',
    'IotPay\\OrderResult::getStatusName' => "'created', 'paying', 'paid', 'paid_notified', 'cancelled_by_system', 'cancelled_by_user' or 'unknown'.",
    'IotPay\\OrderResult::isCancelled' => 'Status 4 or 9: can no longer be paid.',
    'IotPay\\OrderResult::isPaid' => 'Status 2 or 3: the money is taken.',
    'IotPay\\OrderResult::isPending' => 'Status 0 or 1: still open.',
    'IotPay\\OrderResult::toArray' => $raw,

    'IotPay\\OrderStatus' => "Order status codes (spec §7.2) and what they mean. getStatus() of the\nresults returns these codes; OrderStatus::fromCode() gives the predicates.",
    'IotPay\\OrderStatus::__construct' => $notInstantiable('OrderStatus::fromCode()'),
    'IotPay\\OrderStatus::fromCode' => '@param int $code',
    'IotPay\\OrderStatus::getCode' => '',
    'IotPay\\OrderStatus::getName' => "'created', 'paying', 'paid', 'paid_notified', 'cancelled_by_system', 'cancelled_by_user' or 'unknown'.",
    'IotPay\\OrderStatus::isCancelled' => 'Status 4 or 9.',
    'IotPay\\OrderStatus::isPaid' => 'Status 2 or 3.',
    'IotPay\\OrderStatus::isPending' => 'Status 0 or 1.',

    'IotPay\\RefundResult' => "A refund as told by refund_order and Query Refund (D15, D16). Book it only\nwhen isSuccess(); REFUNDING and UNKNOWN mean: query it later.",
    'IotPay\\RefundResult::__construct' => $notInstantiable('Client::refundOrder() and Client::queryRefundBy*()'),
    'IotPay\\RefundResult::getCurrency' => '',
    'IotPay\\RefundResult::getMchRefundNo' => '',
    'IotPay\\RefundResult::getPayOrderId' => '',
    'IotPay\\RefundResult::getRefundAmount' => 'Minor units.',
    'IotPay\\RefundResult::getRefundOrderId' => 'IOTPay\'s refund id.',
    'IotPay\\RefundResult::getRefundSuccTime' => 'Epoch milliseconds, once the refund succeeded.',
    'IotPay\\RefundResult::getStatus' => "0 CREATED, 1 REFUNDING, 2 SUCCESS, 3 FAILED; -1 UNKNOWN when the answer\nstated no status (neither success nor failure).",
    'IotPay\\RefundResult::getStatusName' => "'created', 'refunding', 'success', 'failed' or 'unknown'.",
    'IotPay\\RefundResult::isFailed' => 'Status 3: nothing was refunded.',
    'IotPay\\RefundResult::isSuccess' => 'Status 2: refunded.',
    'IotPay\\RefundResult::toArray' => $raw,

    'IotPay\\CardSession' => "What Client::ccPurchase() and Client::ccAddCard() answer: IOTPay's hosted card\npage and the embedded form's session id (spec §15.3, §15.5, §15.6).",
    'IotPay\\CardSession::__construct' => $notInstantiable('Client::ccPurchase() and Client::ccAddCard()'),
    'IotPay\\CardSession::getPayOrderId' => 'IOTPay\'s transaction id, when the answer carries one (the spec does not list it).',
    'IotPay\\CardSession::getRedirectUrl' => 'Redirected integration: send the browser here (always present: its absence is a ProtocolException).',
    'IotPay\\CardSession::getSecureId' => 'Embedded integration: the session id for iotpaycc.js / the mobile SDKs (short-lived).',
    'IotPay\\CardSession::toArray' => $raw,

    'IotPay\\CardInfo' => "A stored card as Client::ccQueryCard() tells it (spec §15.8). The answer's cvv is\nnever kept; var_dump shows the expiry date and holder as [redacted].",
    'IotPay\\CardInfo::__construct' => $notInstantiable('Client::ccQueryCard()'),
    'IotPay\\CardInfo::__debugInfo' => "What var_dump/print_r show: expiryDate and holder as [redacted].\n\n@return array<string, mixed>",
    'IotPay\\CardInfo::getBrand' => "'V' Visa, 'M' Mastercard, 'D' Interac: cardType when sent, else read from the\nmasked number's first digits (D28); null when neither tells.",
    'IotPay\\CardInfo::getCardId' => '',
    'IotPay\\CardInfo::getCardNum' => 'Masked, e.g. 432567******2266.',
    'IotPay\\CardInfo::getCardType' => 'cardType as sent, if the answer has one (§15.8 does not list it).',
    'IotPay\\CardInfo::getExpiryDate' => 'MMYY.',
    'IotPay\\CardInfo::getHolder' => '',
    'IotPay\\CardInfo::toArray' => "The answer without cvv, number masked.\n\n@return array<string, mixed>",

    // ---- notifications and decisions ----------------------------------------
    'IotPay\\Notification' => "A payment notification whose signature verified (spec §6, D19). Answer\nNotification::ACK only after the order is durably updated.",
    'IotPay\\Notification::__construct' => $notInstantiable('Notification::fromRequest()'),
    'IotPay\\Notification::acknowledgement' => 'The literal acknowledgement, success.',
    'IotPay\\Notification::fromRequest' => "Parses the raw request (form body, JSON body and/or query string) and\nverifies the signature with the Config's key. Nothing unverified is\nreturned. A field given twice (also a JSON key given twice) is refused.\n\n@param \\IotPay\\Config \$config\n@param string \$body file_get_contents('php://input')\n@param string|null \$contentType \$_SERVER['CONTENT_TYPE'] ?? ''\n@param string|null \$queryString \$_SERVER['QUERY_STRING'] ?? ''\n@throws {$E}SignatureException no sign, or it does not verify\n$validation malformed, duplicated or missing fields\n$internal",
    'IotPay\\Notification::getAmount' => 'Minor units.',
    'IotPay\\Notification::getBackType' => '1 front-end redirect, 2 back-end notification.',
    'IotPay\\Notification::getChannelId' => '',
    'IotPay\\Notification::getChannelOrderNo' => '',
    'IotPay\\Notification::getCurrency' => '',
    'IotPay\\Notification::getMchId' => '',
    'IotPay\\Notification::getMchOrderNo' => '',
    'IotPay\\Notification::getParam1' => 'payForSubmit: the merchant order number.',
    'IotPay\\Notification::getParam2' => '',
    'IotPay\\Notification::getPayOrderId' => '',
    'IotPay\\Notification::getPaySuccTime' => 'Epoch milliseconds.',
    'IotPay\\Notification::getStatus' => 'The order status (OrderStatus constants; 2 or 3 = paid).',
    'IotPay\\Notification::getStatusName' => "'paid', 'paid_notified', ... (OrderStatus::getName()).",
    'IotPay\\Notification::isPaid' => 'Status 2 or 3.',
    'IotPay\\Notification::toArray' => "Every verified field but sign, as received.\n\n@return array<string, string>",

    'IotPay\\CardNotification' => "A V3 notification whose signature verified (spec §15.13, D29): its body is the\norder object, so it has CardOrder's getters (and getOrder()). Answer\nCardNotification::ACK (SUCCESS) only after the order is durably updated.\nA refund or void is notified too: isRefundRecord() is then true and it never\ncompletes an order (Decision::REFUND_RECORD).",
    'IotPay\\CardNotification::__construct' => $notInstantiable('CardNotification::fromRequest()'),
    'IotPay\\CardNotification::acknowledgement' => 'The literal acknowledgement, SUCCESS.',
    'IotPay\\CardNotification::fromRequest' => "Parses the raw JSON body and verifies the signature (over every field but sign,\nconstant time) with the Config's key. Nothing unverified is returned. A JSON key\ngiven twice, at any depth, is refused. The content type is not required to say JSON.\n\n@param \\IotPay\\Config \$config\n@param string \$body file_get_contents('php://input')\n@param string|null \$contentType \$_SERVER['CONTENT_TYPE'] ?? ''\n@throws {$E}SignatureException no sign, or it does not verify\n$validation not a JSON object, a duplicated key, or a missing/mistyped field\n$internal",
    'IotPay\\CardNotification::getOrder' => 'The order object as a CardOrder (e.g. for Decision::decide()).',

    'IotPay\\CardOrder' => "The V3 order object (spec §15.2): the answer of ccPurchaseWithToken(),\nccDirectPurchase(), ccPurchaseWithWallet(), ccVoid(), ccRefund() and ccQuery*().\nA payment (getPayType() 'pay') or a refund/void record (isRefundRecord()).\nStatus 2/3 success, 9 failed, 0/1 (or none: NOT_STATED) still open (D27).\nvar_dump shows the expiry date as [redacted]; no cvv is ever kept.",
    'IotPay\\CardOrder::__construct' => $notInstantiable('the Client::cc* calls'),

    'IotPay\\Decision' => "What a verified notification or query answer means for one shop order.\nApply it under the order's lock; answer ACK only after saving.",
    'IotPay\\Decision::__construct' => $notInstantiable('Decision::decide()'),
    'IotPay\\Decision::decide' => "Card payments (CardNotification / CardOrder) follow the same rule: status 2/3\npaid, 9 'failed', 0/1 'pending'; a refund or void record is 'refund_record' (never\ncompletes, acknowledged) before any number or amount is compared. A debit (spec §13)\nis a payment: its DebitResult, callback (Notification) and query (OrderResult) are\ndecided like a v1 order. A SUNBAY Transaction too: mchOrderNo is the attempt's\ntransactionRequestId, mchId may be left out (and is not compared), S paid, F 'failed',\nC 'cancelled', I/P 'pending', REFUND/VOID 'refund_record'; the amount compared is the\npaid total (D43).\n\n@param $expectedShape \$expected what the shop knows; mchOrderNo is the current attempt\n@param \\IotPay\\Notification|\\IotPay\\OrderResult|\\IotPay\\CardNotification|\\IotPay\\CardOrder|\\IotPay\\Autodebit\\DebitResult|\\IotPay\\Sunbay\\Transaction \$observed\n$validation a missing or mistyped expected field, or another kind of observed\n$internal",
    'IotPay\\Decision::getField' => 'For a mismatch: mchId, amount or currency.',
    'IotPay\\Decision::getOutcome' => "@return 'complete'|'already_settled'|'duplicate_payment'|'pending'|'cancelled'|'failed'|'refund_record'|'superseded'|'not_ours'|'mismatch'",
    'IotPay\\Decision::getReason' => 'A sentence for the order note and the log.',
    'IotPay\\Decision::needsAttention' => 'A merchant should look (duplicate payment, mismatch).',
    'IotPay\\Decision::shouldAcknowledge' => 'Whether to answer the notification with success.',
    'IotPay\\Decision::shouldComplete' => 'Mark the order paid now.',

    // ---- Autodebit (spec §13) -------------------------------------------------
    'IotPay\\Autodebit\\ContractStatus' => "A contract's state (spec §13.4): 1 pending, 2 signed (may be debited), 9 terminated (final).",
    'IotPay\\Autodebit\\ContractStatus::__construct' => $notInstantiable('ContractStatus::fromCode()'),
    'IotPay\\Autodebit\\ContractStatus::fromCode' => "@param int \$code",
    'IotPay\\Autodebit\\ContractStatus::getCode' => '',
    'IotPay\\Autodebit\\ContractStatus::getName' => "@return 'pending'|'signed'|'terminated'|'unknown'",
    'IotPay\\Autodebit\\ContractStatus::isSigned' => 'Only a signed contract may be debited.',
    'IotPay\\Autodebit\\ContractStatus::isTerminated' => 'Final: never debit it again.',

    'IotPay\\Autodebit\\Contract' => "The answer to Client::signContract() (D52): where the payer signs.",
    'IotPay\\Autodebit\\Contract::__construct' => $notInstantiable('Client::signContract()'),
    'IotPay\\Autodebit\\Contract::getIotpayContractId' => "IOTPay's contract id; keep it to check the callbacks.",
    'IotPay\\Autodebit\\Contract::getMchContractId' => '',
    'IotPay\\Autodebit\\Contract::getSignParams' => "WX_APP: WeChat SDK parameters, when IOTPay sends them.\n\n@return array<string, string>",
    'IotPay\\Autodebit\\Contract::getSignUrl' => 'Redirect to it (WX_JSAPI), show it as a QR code (WX_MWEB) or open it from the app.',
    'IotPay\\Autodebit\\Contract::getStatus' => 'ContractStatus codes (1 pending is the usual answer); -1 when none was stated.',
    'IotPay\\Autodebit\\Contract::getStatusName' => '',
    'IotPay\\Autodebit\\Contract::toArray' => $raw,

    'IotPay\\Autodebit\\DebitResult' => "The answer to Client::debit(), checked against the request (D53): another\nmchOrderNo, amount, currency or merchant is a ProtocolException. Status -1 unless\nthe answer stated it together with the amount and currency taken.",
    'IotPay\\Autodebit\\DebitResult::__construct' => $notInstantiable('Client::debit()'),
    'IotPay\\Autodebit\\DebitResult::getAmount' => 'Minor units.',
    'IotPay\\Autodebit\\DebitResult::getChannelOrderNo' => '',
    'IotPay\\Autodebit\\DebitResult::getCurrency' => '',
    'IotPay\\Autodebit\\DebitResult::getMchId' => '',
    'IotPay\\Autodebit\\DebitResult::getMchOrderNo' => '',
    'IotPay\\Autodebit\\DebitResult::getPayOrderId' => '',
    'IotPay\\Autodebit\\DebitResult::getPaySuccTime' => 'Epoch milliseconds.',
    'IotPay\\Autodebit\\DebitResult::getStatus' => 'OrderStatus codes; -1 (not stated): query or wait for the callback.',
    'IotPay\\Autodebit\\DebitResult::getStatusName' => '',
    'IotPay\\Autodebit\\DebitResult::isCancelled' => 'Status 4 or 9.',
    'IotPay\\Autodebit\\DebitResult::isPaid' => 'Status 2 or 3, stated with the amount and currency: the money is taken.',
    'IotPay\\Autodebit\\DebitResult::toArray' => $raw,

    'IotPay\\Autodebit\\Limits' => "WeChat's withholding limits (spec §13), in minor units of the contract's currency\n(D55), and the pre-flight check Client::debit() applies.",
    'IotPay\\Autodebit\\Limits::__construct' => $notInstantiable('Limits::wechat()'),
    'IotPay\\Autodebit\\Limits::__debugInfo' => "@return array<string, int>",
    'IotPay\\Autodebit\\Limits::allowsAmount' => "Whether one debit of \$amount fits at all (a renewal that does not cannot use auto-debit).\n\n@param int \$amount minor units",
    'IotPay\\Autodebit\\Limits::check' => "Refuses a debit that would break a limit, given every earlier successful debit on\nthe contract; days and months in UTC and China Standard Time (D56). Returns true.\n\n@param int \$amount minor units\n@param $historyShape \$history\n@param int|null \$nowMs epoch ms (default: now)\n@throws $limitThrows\n$validation a malformed history\n$internal",
    'IotPay\\Autodebit\\Limits::getCalendarOffsetsMinutes' => "Minutes east of UTC of the calendars whose days and months count (D56).\n\n@return list<int>",
    'IotPay\\Autodebit\\Limits::getDebitsPerDay' => '',
    'IotPay\\Autodebit\\Limits::getDebitsPerMonth' => '',
    'IotPay\\Autodebit\\Limits::getPerDayAmount' => 'Minor units.',
    'IotPay\\Autodebit\\Limits::getPerDebit' => 'Minor units.',
    'IotPay\\Autodebit\\Limits::getPerMonthAmount' => 'Minor units.',
    'IotPay\\Autodebit\\Limits::wechat' => "The limits of a contract in \$currency: spec §13 states CAD 30 per debit, per day and\nper month, 1 debit a day, 3 a month; CNY gets 30 in its own units, USD 20 (D55: never\nabove CAD 30).\n\n@param string|null \$currency CAD (default), CNY or USD\n$validation another currency",

    'IotPay\\Autodebit\\ContractNotification' => "A contract status callback whose signature verified (spec §13.4). A debit's\npayment callback is an IotPay\\\\Notification. Answer ACK (success, D54) only after\nsaving what ContractDecision::decide() says.",
    'IotPay\\Autodebit\\ContractNotification::__construct' => $notInstantiable('ContractNotification::fromRequest()'),
    'IotPay\\Autodebit\\ContractNotification::acknowledgement' => 'The literal acknowledgement, success.',
    'IotPay\\Autodebit\\ContractNotification::fromRequest' => "Parses the raw request (JSON body, form body and/or query string) and verifies the\nsignature over every field but sign with the Config's key. Nothing unverified is returned.\n\n@param \\IotPay\\Config \$config\n@param string \$body file_get_contents('php://input')\n@param string|null \$contentType\n@param string|null \$queryString\n@throws {$E}SignatureException no sign, or it does not verify\n$validation a duplicated or missing field\n$internal",
    'IotPay\\Autodebit\\ContractNotification::getCancelledAt' => 'Epoch ms; null when not terminated.',
    'IotPay\\Autodebit\\ContractNotification::getContractId' => "WeChat's contract id.",
    'IotPay\\Autodebit\\ContractNotification::getIotpayContractId' => '',
    'IotPay\\Autodebit\\ContractNotification::getMchContractId' => '',
    'IotPay\\Autodebit\\ContractNotification::getMchId' => 'Null when the callback names no merchant (spec §13.4 sample).',
    'IotPay\\Autodebit\\ContractNotification::getOpenId' => "The payer's WeChat OpenID.",
    'IotPay\\Autodebit\\ContractNotification::getSignedAt' => 'Epoch ms, or null.',
    'IotPay\\Autodebit\\ContractNotification::getStatus' => 'ContractStatus codes: 1 pending, 2 signed, 9 terminated.',
    'IotPay\\Autodebit\\ContractNotification::getStatusName' => '',
    'IotPay\\Autodebit\\ContractNotification::isSigned' => '',
    'IotPay\\Autodebit\\ContractNotification::isTerminated' => '',
    'IotPay\\Autodebit\\ContractNotification::toArray' => "Every verified field but sign.\n\n@return array<string, string>",

    'IotPay\\Autodebit\\ContractDecision' => "What a verified contract callback means for the shop's record of the contract (D57).\nSigned: usable; terminated: never debit again (a recorded termination is final).",
    'IotPay\\Autodebit\\ContractDecision::__construct' => $notInstantiable('ContractDecision::decide()'),
    'IotPay\\Autodebit\\ContractDecision::decide' => "@param $contractExpectedShape \$expected what the shop recorded\n@param \\IotPay\\Autodebit\\ContractNotification \$notification\n$validation a missing or mistyped expected field\n$internal",
    'IotPay\\Autodebit\\ContractDecision::getField' => 'For a mismatch: mchId or iotpayContractId.',
    'IotPay\\Autodebit\\ContractDecision::getOutcome' => "@return 'activate'|'already_active'|'terminate'|'already_terminated'|'pending'|'unknown_status'|'not_ours'|'mismatch'",
    'IotPay\\Autodebit\\ContractDecision::getReason' => 'A sentence for the note and the log.',
    'IotPay\\Autodebit\\ContractDecision::isUsable' => 'Once applied, the contract may be debited.',
    'IotPay\\Autodebit\\ContractDecision::needsAttention' => 'A merchant should look (mismatch, a status not in the spec).',
    'IotPay\\Autodebit\\ContractDecision::shouldAcknowledge' => 'Whether to answer ContractNotification::ACK.',
    'IotPay\\Autodebit\\ContractDecision::shouldTerminate' => 'Record the contract as terminated: never debit it again.',

    // ---- helpers ------------------------------------------------------------
    'IotPay\\Money' => 'Exact decimal strings <-> integer minor units (never floats).',
    'IotPay\\Money::__construct' => $staticOnly,
    'IotPay\\Money::currenciesFor' => "Currencies the channel accepts (D13).\n\n@param string \$channelId\n@return list<string>\n$validation unknown channel\n$internal",
    'IotPay\\Money::fromMinor' => "1234 -> '12.34'.\n\n@param int \$minor\n@param string \$currency\n$validation unknown currency\n$internal",
    'IotPay\\Money::isSupported' => "Whether the channel accepts the currency (D13).\n\n@param string \$channelId\n@param string \$currency\n$validation unknown channel\n$internal",
    'IotPay\\Money::toMinor' => "'12.34' -> 1234. Refuses signs, exponents, separators, excess decimals and overflow.\n\n@param string \$amount a decimal string (a PHP float is already inexact)\n@param string \$currency\n$validation\n$internal",

    'IotPay\\Qr' => 'QR codes rendered in-process.',
    'IotPay\\Qr::__construct' => $staticOnly,
    'IotPay\\Qr::svg' => "A standalone SVG document at least \$size pixels square.\n\n@param string \$data\n@param int|null \$size 64..2048, default 256\n$validation data too long for a QR code\n$internal",
    'IotPay\\Qr::text' => "Unicode half-block rendering for terminals.\n\n@param string \$data\n$validation data too long for a QR code\n$internal",

    'IotPay\\Signer' => 'Spec §2 MD5 signatures.',
    'IotPay\\Signer::__construct' => $staticOnly,
    'IotPay\\Signer::canonicalString' => "The string that is hashed, without &key=... (for debugging signatures).\n\n@param $fieldsShape \$fields\n$validation a value that is not a string, integer or null\n$internal",
    'IotPay\\Signer::sign' => "Upper-case MD5 over every field but sign; empty and null values skipped, 0 kept.\n\n@param $fieldsShape \$fields\n@param string \$key\n$validation an empty key, or a value that is not a string, integer or null\n$internal",
    'IotPay\\Signer::verify' => "Whether the array's own sign matches (constant time). False without sign.\n\n@param $fieldsShape \$fields\n@param string \$key\n$validation an empty key, or a value that is not a string, integer or null\n$internal",

    'IotPay\\Debug' => "@internal Diagnostics for the extension's own tests and benchmarks; not part\nof the supported API and may change or go away in any release.",
    'IotPay\\Debug::__construct' => $staticOnly,
    'IotPay\\Debug::panic' => "@internal Panics inside the extension to prove PHP gets an InternalException.\nRefused unless IOTPAY_ENABLE_TEST_HOOKS=1 is in the environment.\n\n@param string \$message\n@throws {$E}InternalException always, when enabled\n$validation when the hooks are disabled",
    'IotPay\\Debug::transportStats' => "@internal Per-process transport counters (runtimesBuilt: transport states built,\none per process and again after a fork; clientsBuilt: TLS configurations built).\n\n@return array{pid: int, initialised: bool, runtimesBuilt: int, clientsBuilt: int, requests: int, connectionsOpened: int}",

    // ---- exceptions ---------------------------------------------------------
    'IotPay\\Exception\\IotPayException' => 'Base class: catch it to catch everything the extension throws.',
    'IotPay\\Exception\\IotPayException::__construct' => $exceptionCtor,
    'IotPay\\Exception\\IotPayException::getProvider' => $provider,
    'IotPay\\Exception\\ValidationException' => 'Input refused before anything was sent. getCode() 1.',
    'IotPay\\Exception\\ValidationException::__construct' => $exceptionCtor,
    'IotPay\\Exception\\ValidationException::getProvider' => $provider,
    'IotPay\\Exception\\ValidationException::getField' => 'The request field (or option) that was refused; \'\' when built in PHP.',
    'IotPay\\Exception\\SignatureException' => 'A response or notification signature did not verify. getCode() 2.',
    'IotPay\\Exception\\SignatureException::__construct' => $exceptionCtor,
    'IotPay\\Exception\\SignatureException::getProvider' => $provider,
    'IotPay\\Exception\\SignatureException::shouldQueryFirst' => 'Always true: a forged or altered answer says nothing about the order.',
    'IotPay\\Exception\\TransportException' => 'The network failed, timed out, or IOTPay answered HTTP 5xx. getCode() 3.',
    'IotPay\\Exception\\TransportException::__construct' => $exceptionCtor,
    'IotPay\\Exception\\TransportException::getProvider' => $provider,
    'IotPay\\Exception\\TransportException::getHttpStatus' => 'The HTTP status of a 5xx answer, else 0.',
    'IotPay\\Exception\\TransportException::isRetryable' => 'True only when the connection could not be made: nothing was sent.',
    'IotPay\\Exception\\TransportException::isTimeout' => '',
    'IotPay\\Exception\\TransportException::shouldQueryFirst' => 'The request may have been processed: query before any retry.',
    'IotPay\\Exception\\ProtocolException' => "The answer was not IOTPay's protocol: bad JSON, missing fields, a success\nwithout its QR code or URL (D23), or an HTTP status other than 2xx/5xx. getCode() 4.",
    'IotPay\\Exception\\ProtocolException::__construct' => $exceptionCtor,
    'IotPay\\Exception\\ProtocolException::getProvider' => $provider,
    'IotPay\\Exception\\ProtocolException::getHttpStatus' => 'The HTTP status when it was neither 2xx nor 5xx (404: the path is not served), else 0.',
    'IotPay\\Exception\\ProtocolException::isRetryable' => 'Always false: the same request gets the same answer.',
    'IotPay\\Exception\\ProtocolException::shouldQueryFirst' => 'Always true.',
    'IotPay\\Exception\\GatewayException' => 'The provider (IOTPay or SUNBAY, getProvider()) refused the request. getCode() 5.',
    'IotPay\\Exception\\GatewayException::__construct' => $exceptionCtor,
    'IotPay\\Exception\\GatewayException::getProvider' => $provider,
    'IotPay\\Exception\\GatewayException::getClassification' => "@return 'retryable'|'query_first'|'final' ('query_first' when built in PHP, D7)",
    'IotPay\\Exception\\GatewayException::getProviderCode' => "IOTPay's code: 0010…0118, SYSTEMERROR, or FAIL when none was given; SUNBAY's\nS/C/M/P/E code; '' when built in PHP.",
    'IotPay\\Exception\\GatewayException::getProviderMessage' => '',
    'IotPay\\Exception\\GatewayException::isRetryable' => 'The same request may be sent again as is.',
    'IotPay\\Exception\\GatewayException::shouldQueryFirst' => 'The outcome is unknown: query before anything else.',
    'IotPay\\Exception\\ConfigException' => 'Settings that cannot work (unreadable CA file, bad base URL). getCode() 6.',
    'IotPay\\Exception\\ConfigException::__construct' => $exceptionCtor,
    'IotPay\\Exception\\ConfigException::getProvider' => $provider,
    'IotPay\\Exception\\InternalException' => 'A bug in the extension (a caught Rust panic); the PHP process goes on. getCode() 7.',
    'IotPay\\Exception\\InternalException::__construct' => $exceptionCtor,
    'IotPay\\Exception\\InternalException::getProvider' => $provider,

    // ---- SUNBAY Nexus (IotPay\Sunbay, D39–D48) --------------------------------
    'IotPay\\Sunbay\\Config' => "SUNBAY credentials and settings. The API key and the webhook secret are never\nshown: var_dump prints [redacted] and serialization is refused.",
    'IotPay\\Sunbay\\Config::__construct' => "@param $sunbayConfigShape \$options unknown options are refused\n$sunbayValidation a required option is missing or an option has the wrong type\n@throws {$E}ConfigException a CA file that cannot be read\n$internal",
    'IotPay\\Sunbay\\Config::__debugInfo' => "What var_dump/print_r show: every option, the secrets as [redacted].\n\n@return array<string, string|int>",
    'IotPay\\Sunbay\\Config::getAppId' => '',
    'IotPay\\Sunbay\\Config::getMerchantId' => '',
    'IotPay\\Sunbay\\Config::getBaseUrl' => 'With a trailing slash; PRODUCTION_BASE_URL unless configured (D40).',
    'IotPay\\Sunbay\\Config::getCaFile' => 'The extra PEM CA file trusted, or null.',
    'IotPay\\Sunbay\\Config::getConnectTimeoutMs' => '',
    'IotPay\\Sunbay\\Config::getTimeoutMs' => '',
    'IotPay\\Sunbay\\Config::hasWebhookSecret' => 'Whether Webhook::verify() can be used with this configuration.',
    'IotPay\\Sunbay\\Client' => "One method per SUNBAY Nexus endpoint (sunbay.md §8). Every POST carries an\nX-Client-Request-Id derived from the operation, the same on every re-send (D41):\na re-sent request is answered S11 (query first), never executed twice.",
    'IotPay\\Sunbay\\Client::__construct' => '',
    'IotPay\\Sunbay\\Client::createSession' => "POST /v1/checkout/create-session: a hosted payment page session; redirect the\nshopper to getCheckoutUrl(). code \"0\" only means accepted (D42).\n\n@param $sunbaySessionShape \$request appId and merchantId come from the Config\n$sunbayCall",
    'IotPay\\Sunbay\\Client::expireSession' => "POST /v1/checkout/expire-session. An answer without a transactionId means no\npayment can happen any more (D45); a refusal or no answer is unknown: query.\n\n$sunbayCall",
    'IotPay\\Sunbay\\Client::sale' => "POST /v1/checkout/sale: a Google Pay / Apple Pay payment; cardEncryptedData is\npassed through untouched. The status may still be P: query later.\n\n@param $sunbaySaleShape \$request\n$sunbayCall",
    'IotPay\\Sunbay\\Client::refund' => "POST /v1/checkout/refund (D46): always an amount; one transactionRequestId per\nrefund, reused on every re-send. P/I: pending, ask again by query.\n\n@param $sunbayRefundShape \$request\n$sunbayCall",
    'IotPay\\Sunbay\\Client::queryByTransactionId' => "GET /v1/transaction/query by SUNBAY's transaction id: the truth to decide from.\n\n$sunbayCall",
    'IotPay\\Sunbay\\Client::queryByTransactionRequestId' => "GET /v1/transaction/query by our request id (the attempt's or the refund's).\nBefore the shopper submits the hosted page it may not exist yet (D45): not a failure.\n\n$sunbayCall",
    'IotPay\\Sunbay\\Session' => 'A hosted payment page session (create-session).',
    'IotPay\\Sunbay\\Session::__construct' => $notInstantiable('Sunbay\\Client::createSession()'),
    'IotPay\\Sunbay\\Session::getSessionId' => "Needed by expireSession(); '' when SUNBAY sent none.",
    'IotPay\\Sunbay\\Session::getCheckoutUrl' => "Send the shopper's browser here.",
    'IotPay\\Sunbay\\Session::getExpiresAt' => "ISO 8601 as sent ('' when none).",
    'IotPay\\Sunbay\\Session::getExpiresAtMs' => 'expiresAt as Unix milliseconds, or null when it cannot be read.',
    'IotPay\\Sunbay\\Session::getTransactionRequestId' => 'The attempt number it was created for.',
    'IotPay\\Sunbay\\Session::getTraceId' => 'Quote it to SUNBAY support.',
    'IotPay\\Sunbay\\Session::getClientRequestId' => 'The X-Client-Request-Id sent (the same on every re-send, D41).',
    'IotPay\\Sunbay\\Session::toArray' => $raw,
    'IotPay\\Sunbay\\ExpiredSession' => 'The answer to expire-session.',
    'IotPay\\Sunbay\\ExpiredSession::__construct' => $notInstantiable('Sunbay\\Client::expireSession()'),
    'IotPay\\Sunbay\\ExpiredSession::getSessionId' => '',
    'IotPay\\Sunbay\\ExpiredSession::getSessionStatus' => "'EXPIRED'.",
    'IotPay\\Sunbay\\ExpiredSession::getTransactionId' => 'Null when no transaction was created: the attempt can no longer be paid (D45).',
    'IotPay\\Sunbay\\ExpiredSession::getTransactionRequestId' => '',
    'IotPay\\Sunbay\\ExpiredSession::getExpiredAt' => 'ISO 8601 as sent.',
    'IotPay\\Sunbay\\ExpiredSession::getTraceId' => '',
    'IotPay\\Sunbay\\ExpiredSession::toArray' => $raw,
    'IotPay\\Sunbay\\Transaction' => "A payment or refund as SUNBAY reports it (query, sale, refund). The outcome is\nthe status, never code \"0\" (D42).",
    'IotPay\\Sunbay\\Transaction::__construct' => $notInstantiable('Sunbay\\Client'),
    'IotPay\\Sunbay\\Transaction::getTransactionId' => '',
    'IotPay\\Sunbay\\Transaction::getTransactionRequestId' => '',
    'IotPay\\Sunbay\\Transaction::getReferenceOrderId' => '',
    'IotPay\\Sunbay\\Transaction::getOriginalTransactionId' => 'For a refund: the payment it refunds.',
    'IotPay\\Sunbay\\Transaction::getStatus' => "One letter (the constants): S, F, C final; I, P pending. A status SUNBAY sends\nthat is neither a letter nor a long name reads as P (D42).",
    'IotPay\\Sunbay\\Transaction::isFinal' => 'S, F or C.',
    'IotPay\\Sunbay\\Transaction::isSuccess' => 'S: the money moved (paid, or refunded for a refund).',
    'IotPay\\Sunbay\\Transaction::getType' => "'SALE', 'REFUND', 'VOID', … uppercase, or null.",
    'IotPay\\Sunbay\\Transaction::getAmount' => "The paid total in minor units: transAmount, else orderAmount + tax + surcharge +\ntip (D43). A sale or refund answer without an amount is the amount sent.",
    'IotPay\\Sunbay\\Transaction::getOrderAmount' => 'orderAmount in minor units.',
    'IotPay\\Sunbay\\Transaction::getCurrency' => 'ISO 4217 (priceCurrency).',
    'IotPay\\Sunbay\\Transaction::getResultCode' => "The processor's transactionResultCode.",
    'IotPay\\Sunbay\\Transaction::getResultMsg' => '',
    'IotPay\\Sunbay\\Transaction::getMaskedPan' => 'First 6 + **** + last 4, as sent.',
    'IotPay\\Sunbay\\Transaction::getCreateTime' => 'ISO 8601 as sent.',
    'IotPay\\Sunbay\\Transaction::getCompleteTime' => 'ISO 8601 as sent; only once final.',
    'IotPay\\Sunbay\\Transaction::getTraceId' => '',
    'IotPay\\Sunbay\\Transaction::toArray' => $raw,
    'IotPay\\Sunbay\\Webhook' => $staticOnly,
    'IotPay\\Sunbay\\Webhook::__construct' => $staticOnly,
    'IotPay\\Sunbay\\Webhook::verify' => "Verifies a webhook (D44): HMAC-SHA256 over the raw body with the webhook secret,\nfrom X-Signature or X-Sunbay-Signature as hex, HEX or Base64 with an optional\nsha256= prefix, compared in constant time; X-Timestamp within 5 minutes of\n\$nowMs (default now). A webhook is news only: decide from a query.\n\n@param string \$rawBody the body exactly as received (php://input)\n@param array<string|int, mixed> \$headers name => value, any case; \$_SERVER works as is\n@throws {$E}SignatureException a missing or wrong signature, a missing or stale timestamp\n@throws {$E}ProtocolException the body is not a JSON object, or names a key twice\n@throws {$E}ConfigException the Config has no webhookSecret\n$internal",
    'IotPay\\Sunbay\\WebhookEvent' => 'A verified SUNBAY webhook: what to query.',
    'IotPay\\Sunbay\\WebhookEvent::__construct' => $notInstantiable('Sunbay\\Webhook::verify()'),
    'IotPay\\Sunbay\\WebhookEvent::getNotificationId' => 'X-Client-Request-Id: the notification id, for de-duplication.',
    'IotPay\\Sunbay\\WebhookEvent::getTimestampMs' => 'X-Timestamp.',
    'IotPay\\Sunbay\\WebhookEvent::getTransactionId' => '',
    'IotPay\\Sunbay\\WebhookEvent::getTransactionRequestId' => '',
    'IotPay\\Sunbay\\WebhookEvent::getOriginalTransactionId' => '',
    'IotPay\\Sunbay\\WebhookEvent::getStatus' => 'One letter (I P S F C) when the body states a status.',
    'IotPay\\Sunbay\\WebhookEvent::getType' => '',
    'IotPay\\Sunbay\\WebhookEvent::toArray' => "The transaction fields of the body (data's, else the top level's).\n\n@return array<string, mixed>",
];

// The order object's getters, shared by CardOrder and CardNotification.
$cardGetters = [
    '__debugInfo' => "What var_dump/print_r show: the order object with expiryDate as [redacted].\n\n@return array<string, mixed>",
    'getAmount' => 'Minor units.',
    'getAuthNum' => 'The authorisation code.',
    'getCapture' => "'Y' when captured.",
    'getCardNum' => 'Masked, e.g. 432567******2266 (a number that arrives unmasked is masked, D29).',
    'getCardType' => "'V' Visa, 'M' Mastercard, 'D' Interac.",
    'getChannel' => "'PF_CC', 'UPI_EX', 'CC_CA' (Apple Pay) or 'CC_CG' (Google Pay).",
    'getCurrency' => '',
    'getExpiryDate' => 'MMYY.',
    'getInvoiceNum' => '',
    'getMchId' => '',
    'getMchOrderNo' => "The merchant's number: a payment's mchOrderNo, a refund's or void's mchRefundNo.",
    'getOriginalOrderId' => 'For a refund or void record: the payment it reverses.',
    'getPayOrderId' => "IOTPay's transaction id (PC… payment, RP… refund/void).",
    'getPaySuccTime' => "As sent, e.g. '2021-04-07 19:44:51' (time zone not documented, Gap 17).",
    'getPayType' => "'pay' or 'refund' (voids too), as sent.",
    'getRefundable' => 'Minor units still refundable on a payment (0 on refund/void records).',
    'getStatus' => "0 PENDING, 1 UNKNOWN, 2 SUCCESS, 3 SUCCESS_NOTIFIED, 9 FAILED; -1 NOT_STATED when\nthe answer stated none (CardOrder constants).",
    'getStatusName' => "'pending', 'unknown', 'success', 'success_notified', 'failed' or 'not_stated'.",
    'getTransNum' => "The processor's transaction number.",
    'isFailed' => 'Status 9: refused by the processor; nothing was taken (or refunded).',
    'isPaid' => 'A payment that succeeded (status 2 or 3 and not a refund record): the money is taken.',
    'isPending' => 'Neither success nor failure yet (0, 1, another code or none): query again later.',
    'isRefundRecord' => "A refund or void record (payType 'refund', or an originalOrderId): never a payment.",
    'isSuccess' => 'Status 2 or 3: the payment, refund or void succeeded.',
    'toArray' => "The whole order object as received, without sign or cvv, number masked.\n\n@return array<string, mixed>",
];
foreach (['IotPay\\CardOrder', 'IotPay\\CardNotification'] as $class) {
    foreach ($cardGetters as $method => $text) {
        $docs["$class::$method"] = $text;
    }
}
return $docs;
