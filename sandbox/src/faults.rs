//! Faults on demand. Rules come from flags and from `POST /admin/faults`; every
//! random choice is drawn from one generator seeded with `--seed`, so the same
//! seed and the same request sequence give the same faults.

use serde::{Deserialize, Serialize};

use crate::util::Rng;

/// Names a rule's `endpoint` may take: every family's list, in this order
/// (the order the validation message names them in). Built from the lists
/// so that an endpoint added to a family is known at once.
pub const ENDPOINTS: &[&str] = &concat::<29>([
    V1_ENDPOINTS,
    V3_ENDPOINTS,
    AUTODEBIT_ENDPOINTS,
    SUNBAY_ENDPOINTS,
    NOTIFY_TRIGGERS,
]);

/// Joins the endpoint lists at compile time; `N` is checked against their
/// total length.
const fn concat<const N: usize>(lists: [&[&'static str]; 5]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut at = 0;
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            out[at] = lists[l][i];
            at += 1;
            i += 1;
        }
        l += 1;
    }
    assert!(at == N, "N must be the endpoint lists' total length");
    out
}

/// The SUNBAY Nexus API endpoints (§8.1, §8.2): `sunbay_code` and the SUNBAY
/// answer-shape faults apply to them only.
pub const SUNBAY_ENDPOINTS: &[&str] = &[
    "sunbay_create_session",
    "sunbay_expire_session",
    "sunbay_sale",
    "sunbay_refund",
    "sunbay_query",
];

/// The Autodebit endpoints (the contract sign-up and its charges).
pub const AUTODEBIT_ENDPOINTS: &[&str] =
    &["contract", "contract_create_order", "contract_query_order"];

/// Notification faults only: payments made on the pay page / admin API, or
/// any notification at all; then the same for SUNBAY's webhooks (sessions
/// paid/declined/cancelled on the hosted page or the admin API, sessions that
/// expired, or any SUNBAY webhook).
pub const NOTIFY_TRIGGERS: &[&str] = &[
    "pay_page",
    "admin_pay",
    "notify",
    "sunbay_pay_page",
    "sunbay_admin_pay",
    "sunbay_expiry",
    "sunbay_webhook",
];

/// The SUNBAY payment decided at once: a `sunbay_status` rule applies to it.
pub const SUNBAY_SALE_ENDPOINT: &str = "sunbay_sale";

/// The v1 General Order endpoints: an `error_code` rule answers them whether
/// or not it names one.
pub const V1_ENDPOINTS: &[&str] = &[
    "create_order",
    "payForSubmit",
    "query_order",
    "refund_order",
    "query_refund",
];

/// The Credit Card V3 endpoints: an `error_code` rule answers one of them
/// only when it names it in `endpoint` (so a rule written for v1 never
/// changes V3 traffic).
pub const V3_ENDPOINTS: &[&str] = &[
    "cc_purchase",
    "cc_addcard",
    "cc_directpurchase",
    "cc_querycard",
    "cc_purchasewithtoken",
    "cc_purchasewithwallet",
    "cc_void",
    "cc_refund",
    "cc_query",
];

/// The V3 payments that are decided at once: a `cc_status` rule applies to them.
pub const V3_INSTANT_ENDPOINTS: &[&str] = &[
    "cc_directpurchase",
    "cc_purchasewithtoken",
    "cc_purchasewithwallet",
];

/// Faults that only shape a refund: they apply to `refund_order` requests
/// (and to SUNBAY's `sunbay_refund`).
pub const REFUND_ENDPOINT: &str = "refund_order";

/// Every endpoint the refund faults (`refund_pending_ms`,
/// `refund_final_status`, `process_later_ms`) apply to.
pub const REFUND_FAULT_ENDPOINTS: &[&str] = &["refund_order", "sunbay_refund"];

/// The endpoints that take a merchant refund number (`mchRefundNo`): a
/// `repeated_refund_no` rule applies to them.
pub const REFUND_NO_ENDPOINTS: &[&str] = &["refund_order", "cc_refund", "cc_void"];

/// `repeated_refund_no` values: the first refund's result (D17, the default) …
pub const REPEAT_FIRST_RESULT: &str = "first_result";
/// … or a refusal (`0014`), as a repeated `mchOrderNo` is refused (D18).
pub const REPEAT_REFUSED: &str = "refused";

/// The catalogue entry's own `&'static` spelling of an IOTPay code, if the
/// code is in `iotpay_core::catalogue::iotpay_all()`.
pub fn catalogue_code(code: &str) -> Option<&'static str> {
    iotpay_core::catalogue::iotpay_all()
        .iter()
        .find(|c| c.code == code)
        .map(|c| c.code)
}

/// One fault rule, exactly the JSON accepted by `POST /admin/faults`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    /// Limit the rule to one endpoint (see [`ENDPOINTS`]); absent = every endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// Apply to the next matching request (or notification) only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub once: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_5xx_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hang_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub malformed_json_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bad_signature_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process_then_5xx_rate: Option<f64>,
    /// Answer a matching v1 request (or the V3 endpoint the rule names) with
    /// this IOTPay code (one of the catalogue) without processing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// Probability of the `error_code` answer; absent = 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_rate: Option<f64>,
    /// Send `retParams` as a JSON-encoded string instead of an object, as
    /// some implementations in the wild do (D23).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ret_params_as_string: Option<bool>,
    /// Drop these fields from a successful answer before it is signed (e.g.
    /// `codeUrl`, `retParams`, `status`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub omit_fields: Option<Vec<String>>,
    /// Answer with this HTTP status (400–599) and a short HTML body, without
    /// processing, like a server that does not serve the path (404).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// refund_order: record the refund as `1` (refunding) and answer so; it
    /// becomes final this many ms later (on the first read after that).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_pending_ms: Option<u64>,
    /// refund_order: the final status, `2` (success, default) or `3` (failed).
    /// Without `refund_pending_ms` the refund is answered with it at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_final_status: Option<i64>,
    /// refund_order: answer 502 (or hang, with `hang_rate`) without recording
    /// anything; the request is processed this many ms later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process_later_ms: Option<u64>,
    /// V3 instant payments (`cc_directpurchase`, `cc_purchasewithtoken`,
    /// `cc_purchasewithwallet`): record and answer the transaction with this
    /// status instead of 2: `9` failed (declined), `0` pending or `1`
    /// unknown (both then paid or cancelled on the admin API).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cc_status: Option<i64>,
    /// `refund_order`, `cc_refund`, `cc_void`: how a refund number already
    /// used (same payment, same amount) is answered: `first_result` (the first
    /// refund's record, unchanged: D17, also what happens without a rule) or
    /// `refused` (`0014`, nothing refunded). The spec is silent (Gap 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeated_refund_no: Option<String>,
    /// SUNBAY endpoints (all, or the one named): answer with this SUNBAY
    /// code (`S01`–`S11`, `C01`–`C99`, `M01`, `M02`, `M04`, `P01`,
    /// `E01`–`E03`) without processing; `error_rate` is its probability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sunbay_code: Option<String>,
    /// `sunbay_sale`: record and answer the sale with this status instead of
    /// `S`: `F` (declined), `P` or `I` (then settled on the admin API).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sunbay_status: Option<String>,
    /// SUNBAY answers: amounts as strings of digits (D43 reads both).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amounts_as_strings: Option<bool>,
    /// SUNBAY answers: `transactionStatus` as the long name (`SUCCESS`, …, D42).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_long_names: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_drop: Option<bool>,
    /// Send this many copies of each notification (0 or 1 = normal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_duplicate: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_out_of_order: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_before_response: Option<bool>,
    /// Hold each notification this many ms before its first attempt, so that
    /// later ones overtake it (out-of-order delivery between notifications).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_delay_ms: Option<u64>,
}

impl FaultRule {
    pub fn validate(&self) -> Result<(), String> {
        if self.is_empty() {
            return Err("the rule sets no fault".to_owned());
        }
        if let Some(e) = &self.endpoint {
            if !ENDPOINTS.contains(&e.as_str()) {
                return Err(format!(
                    "unknown endpoint {e:?}; one of {}",
                    ENDPOINTS.join(", ")
                ));
            }
        }
        match &self.error_code {
            Some(code) => {
                if catalogue_code(code).is_none() {
                    let known: Vec<&str> = iotpay_core::catalogue::iotpay_all()
                        .iter()
                        .map(|c| c.code)
                        .collect();
                    return Err(format!(
                        "unknown error_code {code:?}; one of {}",
                        known.join(", ")
                    ));
                }
                if let Some(e) = &self.endpoint {
                    if !V1_ENDPOINTS.contains(&e.as_str()) && !V3_ENDPOINTS.contains(&e.as_str()) {
                        return Err(format!(
                            "error_code applies to the v1 endpoints ({}) and, when named, the V3 ones, not {e:?}",
                            V1_ENDPOINTS.join(", ")
                        ));
                    }
                }
            }
            None if self.error_rate.is_some() && self.sunbay_code.is_none() => {
                return Err("error_rate needs error_code or sunbay_code".to_owned());
            }
            None => {}
        }
        if let Some(code) = &self.sunbay_code {
            if code == "0" || iotpay_core::catalogue::sunbay(code).is_none() {
                return Err(format!(
                    "unknown sunbay_code {code:?}; one of S01..S11, C01..C99, M01, M02, M04, P01, E01..E03"
                ));
            }
            self.only_on("sunbay_code applies", SUNBAY_ENDPOINTS)?;
        }
        if let Some(st) = &self.sunbay_status {
            if !["F", "P", "I"].contains(&st.as_str()) {
                return Err("sunbay_status must be F (declined), P or I".to_owned());
            }
            self.only_on("sunbay_status applies", &[SUNBAY_SALE_ENDPOINT])?;
        }
        if self.has_sunbay_shape_faults() {
            self.only_on(
                "amounts_as_strings and status_long_names apply",
                SUNBAY_ENDPOINTS,
            )?;
        }
        if let Some(code) = self.http_status {
            if !(400..=599).contains(&code) {
                return Err("http_status must be between 400 and 599".to_owned());
            }
        }
        if let Some(st) = self.cc_status {
            if ![0, 1, 9].contains(&st) {
                return Err("cc_status must be 0 (pending), 1 (unknown) or 9 (failed)".to_owned());
            }
            self.only_on("cc_status applies", V3_INSTANT_ENDPOINTS)?;
        }
        if let Some(mode) = &self.repeated_refund_no {
            if mode != REPEAT_FIRST_RESULT && mode != REPEAT_REFUSED {
                return Err(format!(
                    "repeated_refund_no must be {REPEAT_FIRST_RESULT:?} or {REPEAT_REFUSED:?}"
                ));
            }
            self.only_on("repeated_refund_no applies", REFUND_NO_ENDPOINTS)?;
        }
        if let Some(st) = self.refund_final_status {
            if st != 2 && st != 3 {
                return Err("refund_final_status must be 2 (success) or 3 (failed)".to_owned());
            }
        }
        if self.has_refund_faults() {
            self.only_on(
                "refund_pending_ms, refund_final_status and process_later_ms apply",
                REFUND_FAULT_ENDPOINTS,
            )?;
        }
        if let Some(fields) = &self.omit_fields {
            if fields.is_empty() {
                return Err("omit_fields must name at least one field".to_owned());
            }
            if let Some(bad) = fields.iter().find(|f| f.is_empty() || *f == "sign") {
                return Err(format!(
                    "omit_fields cannot name {bad:?} (the answer is signed after the fields are dropped)"
                ));
            }
        }
        for (name, rate) in [
            ("error_5xx_rate", self.error_5xx_rate),
            ("error_rate", self.error_rate),
            ("hang_rate", self.hang_rate),
            ("malformed_json_rate", self.malformed_json_rate),
            ("bad_signature_rate", self.bad_signature_rate),
            ("process_then_5xx_rate", self.process_then_5xx_rate),
        ] {
            if let Some(r) = rate {
                if !(0.0..=1.0).contains(&r) || r.is_nan() {
                    return Err(format!("{name} must be between 0 and 1"));
                }
            }
        }
        Ok(())
    }

    /// Refuses a rule scoped (`endpoint`) to an endpoint outside `endpoints`,
    /// the only ones its fault applies to. One wording for every such fault:
    /// `subject` is the message's start with its verb ("cc_status applies").
    fn only_on(&self, subject: &str, endpoints: &[&str]) -> Result<(), String> {
        match self.endpoint.as_deref().filter(|e| !endpoints.contains(e)) {
            Some(e) => Err(format!(
                "{subject} to {} only, not {e:?}",
                endpoints.join(", ")
            )),
            None => Ok(()),
        }
    }

    /// Request faults that apply to every API endpoint.
    fn has_general_request_faults(&self) -> bool {
        self.latency_ms.is_some()
            || self.error_5xx_rate.is_some()
            || self.hang_rate.is_some()
            || self.malformed_json_rate.is_some()
            || self.bad_signature_rate.is_some()
            || self.process_then_5xx_rate.is_some()
            || self.ret_params_as_string.is_some()
            || self.omit_fields.is_some()
            || self.http_status.is_some()
    }

    /// Faults that only a `refund_order` request can have.
    fn has_refund_faults(&self) -> bool {
        self.refund_pending_ms.is_some()
            || self.refund_final_status.is_some()
            || self.process_later_ms.is_some()
    }

    /// Answer-shape faults of SUNBAY's answers.
    fn has_sunbay_shape_faults(&self) -> bool {
        self.amounts_as_strings.is_some() || self.status_long_names.is_some()
    }

    fn has_request_faults(&self) -> bool {
        self.has_general_request_faults()
            || self.error_code.is_some()
            || self.sunbay_code.is_some()
            || self.sunbay_status.is_some()
            || self.has_sunbay_shape_faults()
            || self.has_refund_faults()
            || self.cc_status.is_some()
            || self.repeated_refund_no.is_some()
    }

    /// Whether the rule has a request fault for `endpoint` (ignoring its own
    /// `endpoint` scope). A rule whose only faults belong to other endpoints
    /// does not match, so a `once` rule is not spent there.
    fn applies_to(&self, endpoint: &str) -> bool {
        let sunbay = SUNBAY_ENDPOINTS.contains(&endpoint);
        self.has_general_request_faults()
            || self.error_code_for(endpoint).is_some()
            || (sunbay && (self.sunbay_code.is_some() || self.has_sunbay_shape_faults()))
            || (endpoint == SUNBAY_SALE_ENDPOINT && self.sunbay_status.is_some())
            || (REFUND_FAULT_ENDPOINTS.contains(&endpoint) && self.has_refund_faults())
            || (V3_INSTANT_ENDPOINTS.contains(&endpoint) && self.cc_status.is_some())
            || (REFUND_NO_ENDPOINTS.contains(&endpoint) && self.repeated_refund_no.is_some())
    }

    /// The `error_code` (and its rate) this rule applies to a request to
    /// `endpoint`: any v1 endpoint; a V3 endpoint only when the rule names it.
    fn error_code_for(&self, endpoint: &str) -> Option<(&'static str, f64)> {
        let named_v3 =
            V3_ENDPOINTS.contains(&endpoint) && self.endpoint.as_deref() == Some(endpoint);
        if !V1_ENDPOINTS.contains(&endpoint) && !named_v3 {
            return None;
        }
        let code = catalogue_code(self.error_code.as_deref()?)?;
        Some((code, self.error_rate.unwrap_or(1.0)))
    }

    /// The `sunbay_code` (and its rate) this rule applies to `endpoint`.
    fn sunbay_code_for(&self, endpoint: &str) -> Option<(String, f64)> {
        if !SUNBAY_ENDPOINTS.contains(&endpoint) {
            return None;
        }
        let code = self.sunbay_code.clone()?;
        Some((code, self.error_rate.unwrap_or(1.0)))
    }

    fn has_notify_faults(&self) -> bool {
        self.notify_delay_ms.is_some()
            || self.notify_drop.is_some()
            || self.notify_duplicate.is_some()
            || self.notify_out_of_order.is_some()
            || self.notify_before_response.is_some()
    }

    fn is_empty(&self) -> bool {
        !self.has_request_faults() && !self.has_notify_faults()
    }
}

/// What to do to one API request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestPlan {
    pub latency_ms: u64,
    /// Answer this 5xx status without processing.
    pub error_5xx: Option<u16>,
    /// Answer this IOTPay code (HTTP 200) without processing.
    pub error_code: Option<&'static str>,
    /// Process, then never answer.
    pub hang: bool,
    /// Process, then answer 500.
    pub process_then_5xx: bool,
    pub malformed_json: bool,
    pub bad_signature: bool,
    /// Fields dropped from a successful answer before signing.
    pub omit_fields: Vec<String>,
    /// `retParams` sent as a JSON string.
    pub ret_params_as_string: bool,
    /// Answer this status with a short HTML body, without processing.
    pub http_status: Option<u16>,
    /// Answer 502 (or hang) now; process after this many ms.
    pub process_later_ms: Option<u64>,
    /// Refunds: pending for this many ms.
    pub refund_pending_ms: Option<u64>,
    /// Refunds: final status (2 or 3).
    pub refund_final_status: Option<i64>,
    /// V3 instant payments: the status to record instead of 2.
    pub cc_status: Option<i64>,
    /// Refunds and voids: a refund number already used is refused (`0014`)
    /// instead of answered with the first result (D17).
    pub refuse_repeated_refund_no: bool,
    /// SUNBAY: answer this code without processing.
    pub sunbay_code: Option<String>,
    /// SUNBAY sale: the status to record instead of `S`.
    pub sunbay_status: Option<String>,
    /// SUNBAY answers: amounts as digit strings.
    pub amounts_as_strings: bool,
    /// SUNBAY answers: long status names.
    pub status_long_names: bool,
}

impl RequestPlan {
    /// The fault the request log names: the first of the plan's faults in
    /// this order (the one that decided the answer most).
    pub fn describe(&self) -> Option<&'static str> {
        [
            (self.http_status.is_some(), "http_status"),
            (self.error_5xx.is_some(), "error_5xx"),
            (self.error_code.is_some(), "error_code"),
            (self.sunbay_code.is_some(), "sunbay_code"),
            (self.process_later_ms.is_some(), "process_later"),
            (self.hang, "hang"),
            (self.process_then_5xx, "process_then_5xx"),
            (self.malformed_json, "malformed_json"),
            (self.bad_signature, "bad_signature"),
            (!self.omit_fields.is_empty(), "omit_fields"),
            (self.ret_params_as_string, "ret_params_as_string"),
            (self.refund_pending_ms.is_some(), "refund_pending"),
            (self.refund_final_status.is_some(), "refund_final_status"),
            (self.cc_status.is_some(), "cc_status"),
            (self.refuse_repeated_refund_no, "repeated_refund_no"),
            (self.sunbay_status.is_some(), "sunbay_status"),
            (
                self.amounts_as_strings || self.status_long_names,
                "answer_shape",
            ),
        ]
        .into_iter()
        .find(|(on, _)| *on)
        .map(|(_, name)| name)
    }

    /// Applies the answer-shape faults to a successful answer's fields,
    /// before it is signed (so the signature still verifies).
    pub fn reshape(&self, fields: &mut serde_json::Map<String, serde_json::Value>) {
        for name in &self.omit_fields {
            fields.shift_remove(name);
        }
        if self.ret_params_as_string {
            if let Some(v) = fields.get_mut("retParams") {
                if v.is_object() {
                    *v = serde_json::Value::String(v.to_string());
                }
            }
        }
    }
}

/// What to do to the notification of one payment.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NotifyPlan {
    pub drop: bool,
    pub copies: u32,
    /// Deliver (first attempt) before the synchronous answer reporting the payment.
    pub before_response: bool,
    /// Hold the first attempt this many ms.
    pub delay_ms: u64,
}

#[derive(Debug)]
struct Active {
    rule: FaultRule,
    request_used: bool,
    notify_used: bool,
}

/// The live rule set and the seeded generator.
#[derive(Debug)]
pub struct Faults {
    startup: Vec<FaultRule>,
    rules: Vec<Active>,
    rng: Rng,
}

fn activate(rule: FaultRule) -> Active {
    Active {
        request_used: !rule.has_request_faults(),
        notify_used: !rule.has_notify_faults(),
        rule,
    }
}

impl Faults {
    pub fn new(startup: Vec<FaultRule>, seed: u64) -> Self {
        let rules = startup.iter().cloned().map(activate).collect();
        Faults {
            startup,
            rules,
            rng: Rng::new(seed),
        }
    }

    pub fn add(&mut self, rule: FaultRule) -> Result<(), String> {
        rule.validate()?;
        self.rules.push(activate(rule));
        Ok(())
    }

    pub fn clear(&mut self) {
        self.rules.clear();
    }

    /// Back to the rules given at start-up (used by `POST /admin/reset`).
    pub fn reset(&mut self) {
        self.rules = self.startup.iter().cloned().map(activate).collect();
    }

    pub fn list(&self) -> Vec<FaultRule> {
        self.rules.iter().map(|a| a.rule.clone()).collect()
    }

    /// Draws the faults for one request to `endpoint`. For each fault the first
    /// matching rule that sets it decides; `once` rules are spent here.
    pub fn plan_request(&mut self, endpoint: &str) -> RequestPlan {
        let mut latency = None;
        let mut rates: [Option<f64>; 5] = [None; 5];
        let mut error_code = None;
        let mut omit_fields: Option<Vec<String>> = None;
        let mut ret_params_as_string = None;
        let mut http_status = None;
        let mut process_later_ms = None;
        let mut refund_pending_ms = None;
        let mut refund_final_status = None;
        let mut cc_status = None;
        let mut repeated_refund_no: Option<String> = None;
        let mut sunbay_code: Option<(String, f64)> = None;
        let mut sunbay_status: Option<String> = None;
        let mut amounts_as_strings = None;
        let mut status_long_names = None;
        for a in self.rules.iter_mut() {
            let r = &a.rule;
            let code_here = r.error_code_for(endpoint);
            // A rule whose only request fault is `error_code` does not match
            // (and a `once` rule is not spent) outside the v1 endpoints; one
            // with only refund faults, outside refund_order.
            if !r.applies_to(endpoint) || !endpoint_matches(r.endpoint.as_deref(), endpoint) {
                continue;
            }
            if r.once && a.request_used {
                continue;
            }
            first(&mut latency, &r.latency_ms);
            first(&mut error_code, &code_here);
            first(&mut omit_fields, &r.omit_fields);
            first(&mut ret_params_as_string, &r.ret_params_as_string);
            first(&mut http_status, &r.http_status);
            if sunbay_code.is_none() {
                sunbay_code = r.sunbay_code_for(endpoint);
            }
            if SUNBAY_ENDPOINTS.contains(&endpoint) {
                first(&mut amounts_as_strings, &r.amounts_as_strings);
                first(&mut status_long_names, &r.status_long_names);
            }
            if endpoint == SUNBAY_SALE_ENDPOINT {
                first(&mut sunbay_status, &r.sunbay_status);
            }
            if REFUND_FAULT_ENDPOINTS.contains(&endpoint) {
                first(&mut process_later_ms, &r.process_later_ms);
                first(&mut refund_pending_ms, &r.refund_pending_ms);
                first(&mut refund_final_status, &r.refund_final_status);
            }
            if V3_INSTANT_ENDPOINTS.contains(&endpoint) {
                first(&mut cc_status, &r.cc_status);
            }
            if REFUND_NO_ENDPOINTS.contains(&endpoint) {
                first(&mut repeated_refund_no, &r.repeated_refund_no);
            }
            for (slot, v) in rates.iter_mut().zip([
                r.error_5xx_rate,
                r.hang_rate,
                r.process_then_5xx_rate,
                r.malformed_json_rate,
                r.bad_signature_rate,
            ]) {
                first(slot, &v);
            }
            if r.once {
                a.request_used = true;
            }
        }
        self.sweep();
        let mut plan = RequestPlan {
            latency_ms: latency.unwrap_or(0),
            omit_fields: omit_fields.unwrap_or_default(),
            ret_params_as_string: ret_params_as_string.unwrap_or(false),
            http_status,
            process_later_ms,
            refund_pending_ms,
            refund_final_status,
            cc_status,
            refuse_repeated_refund_no: repeated_refund_no.as_deref() == Some(REPEAT_REFUSED),
            sunbay_status,
            amounts_as_strings: amounts_as_strings.unwrap_or(false),
            status_long_names: status_long_names.unwrap_or(false),
            ..RequestPlan::default()
        };
        let [e5, hang, p5, malformed, badsig] = rates.map(|r| r.unwrap_or(0.0));
        // An endpoint is either IOTPay's or SUNBAY's: at most one code applies.
        let (code, sunbay, code_rate) = match (error_code, sunbay_code) {
            (Some((c, rate)), _) => (Some(c), None, rate),
            (None, Some((c, rate))) => (None, Some(c), rate),
            (None, None) => (None, None, 0.0),
        };
        if self.rng.chance(e5) {
            plan.error_5xx = Some([500, 502, 503][self.rng.below(3) as usize]);
        } else if self.rng.chance(code_rate) {
            plan.error_code = code;
            plan.sunbay_code = sunbay;
        } else if self.rng.chance(hang) {
            plan.hang = true;
        } else if self.rng.chance(p5) {
            plan.process_then_5xx = true;
        } else if self.rng.chance(malformed) {
            plan.malformed_json = true;
        } else if self.rng.chance(badsig) {
            plan.bad_signature = true;
        }
        plan
    }

    /// Draws the notification faults for a payment triggered by `trigger`.
    pub fn plan_notify(&mut self, trigger: &str) -> NotifyPlan {
        let mut drop = None;
        let mut dup = None;
        let mut early = None;
        let mut delay = None;
        for a in self.rules.iter_mut() {
            let r = &a.rule;
            if !r.has_notify_faults() {
                continue;
            }
            let matches = match r.endpoint.as_deref() {
                None | Some("notify") => true,
                Some("sunbay_webhook") => trigger.starts_with("sunbay_"),
                Some(e) => e == trigger,
            };
            if !matches || (r.once && a.notify_used) {
                continue;
            }
            first(&mut drop, &r.notify_drop);
            first(&mut dup, &r.notify_duplicate);
            first(&mut delay, &r.notify_delay_ms);
            let e = match (r.notify_before_response, r.notify_out_of_order) {
                (None, None) => None,
                (a, b) => Some(a.unwrap_or(false) || b.unwrap_or(false)),
            };
            first(&mut early, &e);
            if r.once {
                a.notify_used = true;
            }
        }
        self.sweep();
        NotifyPlan {
            drop: drop.unwrap_or(false),
            copies: dup.unwrap_or(1).max(1),
            before_response: early.unwrap_or(false),
            delay_ms: delay.unwrap_or(0),
        }
    }

    fn sweep(&mut self) {
        self.rules
            .retain(|a| !(a.rule.once && a.request_used && a.notify_used));
    }
}

/// How rules combine: they are read in order and, fault by fault, the first
/// rule that sets a fault decides it; later ones only fill what is still unset.
fn first<T: Clone>(slot: &mut Option<T>, value: &Option<T>) {
    if slot.is_none() {
        slot.clone_from(value);
    }
}

fn endpoint_matches(rule: Option<&str>, endpoint: &str) -> bool {
    match rule {
        None => true,
        Some(e) => e == endpoint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn once_rule_is_spent() {
        let mut f = Faults::new(Vec::new(), 1);
        f.add(FaultRule {
            endpoint: Some("refund_order".into()),
            once: true,
            hang_rate: Some(1.0),
            ..FaultRule::default()
        })
        .unwrap();
        assert!(!f.plan_request("create_order").hang);
        assert!(f.plan_request("refund_order").hang);
        assert!(!f.plan_request("refund_order").hang);
        assert!(f.list().is_empty());
    }

    /// 32 plans for `query_order` drawn with `rule` alone and `seed`, each
    /// read by `pick`: the seeded draws two tests compare run to run.
    fn draws<T>(rule: &FaultRule, seed: u64, pick: impl Fn(RequestPlan) -> T) -> Vec<T> {
        let mut f = Faults::new(vec![rule.clone()], seed);
        (0..32)
            .map(|_| pick(f.plan_request("query_order")))
            .collect()
    }

    #[test]
    fn same_seed_same_faults() {
        let rule = FaultRule {
            error_5xx_rate: Some(0.5),
            ..FaultRule::default()
        };
        let run = |seed| draws(&rule, seed, |p| p.error_5xx);
        assert_eq!(run(42), run(42));
        assert!(run(42).iter().any(Option::is_some));
        assert!(run(42).iter().any(Option::is_none));
    }

    #[test]
    fn rejects_bad_rules() {
        let mut f = Faults::new(Vec::new(), 0);
        assert!(f
            .add(FaultRule {
                hang_rate: Some(2.0),
                ..FaultRule::default()
            })
            .is_err());
        assert!(f
            .add(FaultRule {
                endpoint: Some("nope".into()),
                hang_rate: Some(1.0),
                ..FaultRule::default()
            })
            .is_err());
        assert!(f.add(FaultRule::default()).is_err());
    }

    fn code_rule(code: &str) -> FaultRule {
        FaultRule {
            error_code: Some(code.into()),
            ..FaultRule::default()
        }
    }

    #[test]
    fn error_code_rules() {
        for c in iotpay_core::catalogue::iotpay_all() {
            assert!(code_rule(c.code).validate().is_ok(), "{}", c.code);
        }
        for bad in ["", "9999", "0014 ", "systemerror", "S01"] {
            assert!(code_rule(bad).validate().is_err(), "{bad:?}");
        }
        let rate_only = FaultRule {
            error_rate: Some(1.0),
            ..FaultRule::default()
        };
        assert!(rate_only.validate().is_err());
        let high = FaultRule {
            error_rate: Some(1.5),
            ..code_rule("0010")
        };
        assert!(high.validate().is_err());
        let v3 = FaultRule {
            endpoint: Some("cc_purchase".into()),
            ..code_rule("0010")
        };
        assert!(v3.validate().is_ok(), "a V3 endpoint may be named");
        let other = FaultRule {
            endpoint: Some("contract".into()),
            ..code_rule("0010")
        };
        assert!(other.validate().is_err());
        let scoped = FaultRule {
            endpoint: Some("query_refund".into()),
            ..code_rule("0010")
        };
        assert!(scoped.validate().is_ok());
    }

    #[test]
    fn error_code_only_on_v1_and_once_not_spent_elsewhere() {
        let mut f = Faults::new(Vec::new(), 3);
        f.add(FaultRule {
            once: true,
            ..code_rule("0118")
        })
        .unwrap();
        let p = f.plan_request("cc_purchase");
        assert_eq!(p.error_code, None);
        assert_eq!(p.describe(), None);
        assert_eq!(f.list().len(), 1, "not spent by a V3 request");
        let p = f.plan_request("payForSubmit");
        assert_eq!(p.error_code, Some("0118"));
        assert_eq!(p.describe(), Some("error_code"));
        assert!(f.list().is_empty());
        assert_eq!(f.plan_request("payForSubmit").error_code, None);
    }

    #[test]
    fn error_rate_is_drawn_from_the_seed() {
        let rule = FaultRule {
            error_rate: Some(0.5),
            ..code_rule("SYSTEMERROR")
        };
        let run = |seed| draws(&rule, seed, |p| p.error_code);
        assert_eq!(run(9), run(9));
        assert!(run(9).contains(&Some("SYSTEMERROR")));
        assert!(run(9).contains(&None));
    }

    #[test]
    fn error_code_on_v3_only_when_named() {
        let mut f = Faults::new(Vec::new(), 5);
        f.add(FaultRule {
            endpoint: Some("cc_refund".into()),
            once: true,
            ..code_rule("0110")
        })
        .unwrap();
        assert_eq!(f.plan_request("cc_void").error_code, None);
        assert_eq!(f.list().len(), 1, "not spent by another V3 endpoint");
        assert_eq!(f.plan_request("cc_refund").error_code, Some("0110"));
        assert_eq!(f.plan_request("cc_refund").error_code, None);
    }

    #[test]
    fn cc_status_rules() {
        let rule = |st: i64, e: Option<&str>| FaultRule {
            endpoint: e.map(Into::into),
            cc_status: Some(st),
            ..FaultRule::default()
        };
        assert!(rule(9, Some("cc_purchasewithtoken")).validate().is_ok());
        assert!(rule(1, None).validate().is_ok());
        assert!(rule(2, None).validate().is_err());
        assert!(rule(9, Some("cc_purchase")).validate().is_err());
        let mut f = Faults::new(Vec::new(), 1);
        f.add(FaultRule {
            once: true,
            ..rule(9, None)
        })
        .unwrap();
        assert_eq!(f.plan_request("cc_query").cc_status, None);
        assert_eq!(f.plan_request("create_order").cc_status, None);
        let p = f.plan_request("cc_directpurchase");
        assert_eq!((p.cc_status, p.describe()), (Some(9), Some("cc_status")));
        assert!(f.list().is_empty());
    }
    #[test]
    fn sunbay_codes_stay_on_sunbay_endpoints() {
        let rule = |code: &str, endpoint: Option<&str>| FaultRule {
            endpoint: endpoint.map(Into::into),
            once: true,
            sunbay_code: Some(code.into()),
            ..FaultRule::default()
        };
        for ok in ["S11", "C05", "C24", "M04", "P01", "E03"] {
            assert!(rule(ok, None).validate().is_ok(), "{ok}");
        }
        for bad in ["0", "S99", "X01", "0110", ""] {
            assert!(rule(bad, None).validate().is_err(), "{bad:?}");
        }
        assert!(rule("S04", Some("refund_order")).validate().is_err());
        let mut f = Faults::new(Vec::new(), 2);
        f.add(rule("S04", None)).unwrap();
        // Not spent by an IOTPay request.
        assert_eq!(f.plan_request("query_order").sunbay_code, None);
        assert_eq!(f.list().len(), 1);
        let p = f.plan_request("sunbay_query");
        assert_eq!(p.sunbay_code.as_deref(), Some("S04"));
        assert_eq!(p.describe(), Some("sunbay_code"));
        assert!(f.list().is_empty());
        // An IOTPay code never answers a SUNBAY endpoint.
        let mut f = Faults::new(vec![code_rule("0110")], 2);
        let p = f.plan_request("sunbay_refund");
        assert_eq!((p.error_code, p.sunbay_code), (None, None));
    }
}
