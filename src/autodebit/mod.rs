//! The Autodebit binding (spec §13, WeChat withholding): classes under
//! `IotPay\Autodebit\`, one file each; the calls are methods of
//! `IotPay\Client` (`signContract`, `debit`, `queryDebitByMchOrderNo`,
//! `queryDebitByPayOrderId`).
//!
//! ```php
//! $client = new IotPay\Client($config);      // config with autodebitBaseUrl
//!
//! // 1. The payer signs a contract once (WX_JSAPI in WeChat, WX_MWEB as a
//! //    QR code on a PC, WX_APP from an app; extra is required for WX_APP).
//! $contract = $client->signContract([
//!     'mchContractId' => $contractId,        // yours, unique, ≤ 128 bytes
//!     'channelId' => 'WX_JSAPI',
//!     'currency' => 'CAD',
//!     'payerName' => 'Zhang San',            // ≤ 32 bytes, no emoji
//!     'notifyUrl' => $contractCallbackUrl,   // no '?'
//! ]);                                         // mchId, jobNo from the config
//! redirect($contract->getSignUrl());         // WX_MWEB: Qr::svg(getSignUrl())
//!
//! // 2. The contract callback (JSON POST): signed → usable, terminated → never again.
//! $n = IotPay\Autodebit\ContractNotification::fromRequest($config, $body, $contentType);
//! $d = IotPay\Autodebit\ContractDecision::decide(
//!     ['mchContractId' => $contractId, 'status' => $recordedStatus], $n);
//! if ($d->isUsable()) { /* record signed */ }
//! if ($d->getOutcome() === IotPay\Autodebit\ContractDecision::TERMINATE) { /* never debit again */ }
//! echo $d->shouldAcknowledge() ? ContractNotification::ACK : '';
//!
//! // 3. A debit. Pass every earlier successful debit on this contract, so a
//! //    debit WeChat would refuse is refused here, before any request
//! //    (ValidationException, getField() 'limit.perDebit' / 'limit.perDay' /
//! //    'limit.perDayAmount' / 'limit.perMonth' / 'limit.perMonthAmount').
//! IotPay\Autodebit\Limits::wechat('CAD')->allowsAmount(2500);  // can a renewal fit at all?
//! $r = $client->debit([
//!     'mchOrderNo' => $number, 'mchContractId' => $contractId, 'channelId' => 'WX_JSAPI',
//!     'currency' => 'CAD', 'amount' => 2500, 'body' => 'Renewal', 'notifyUrl' => $payUrl,
//! ], [['time' => $paidAtMs, 'amount' => 2500]]);
//!
//! // 4. The debit is a payment: its callback is an IotPay\Notification, its
//! //    query an IotPay\OrderResult, and IotPay\Decision::decide() treats
//! //    those and the DebitResult like any order (exactly once, merchant,
//! //    amount and currency checked).
//! $d = IotPay\Decision::decide([...expected...], $r);
//! ```

pub mod contract;
pub mod contract_decision;
pub mod contract_notification;
pub mod contract_status;
pub mod debit_result;
pub mod limits;
