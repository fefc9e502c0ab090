//! SUNBAY webhooks (§9, D44): the transaction as `transaction/query`'s
//! `data`, POSTed to the transaction's `notifyUrl` with `X-Client-Request-Id`
//! (the notification id, the same on every retry and copy), `X-Timestamp`
//! (fresh per attempt) and `X-Signature` (lowercase hex HMAC-SHA256 of the
//! raw body with the webhook secret); acknowledged by HTTP 200 only.

use ring::hmac;
use serde_json::Value;
use tokio::sync::oneshot;

use crate::app::SharedApp;
use crate::notifier::{self, Message, ProgressFn};
use crate::sunbay::objects::transaction_data;
use crate::util::{now_ms, uuid_v4};

/// Lowercase hex HMAC-SHA256 of `body` keyed with `secret` (D44).
pub fn signature(secret: &str, body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    hex::encode(hmac::sign(&key, body).as_ref())
}

fn acknowledged(status: u16, _body: &str) -> bool {
    status == 200
}

fn progress(id: String) -> ProgressFn {
    Box::new(move |app, p| {
        let mut store = app.store();
        let Some(t) = store.sunbay.transactions.get_mut(&id) else {
            return;
        };
        p.record(&mut t.webhook.delivery);
    })
}

/// Sends the webhook of a transaction's current (final) state, if it has a
/// `notifyUrl`. `trigger` scopes the notification faults. The receiver, when
/// returned, resolves after the first attempt (`notify_before_response`).
pub fn notify(
    app: &SharedApp,
    transaction_id: &str,
    trigger: &str,
) -> Option<oneshot::Receiver<()>> {
    let plan = app.faults().plan_notify(trigger);
    // Randomness before the store lock (the id generator is never taken under it).
    let notification_id = uuid_v4(&app.random_hex(32));
    let (url, body) = {
        let mut store = app.store();
        let data = {
            let t = store.sunbay.transactions.get(transaction_id)?;
            t.notify_url.as_ref()?;
            transaction_data(&store.sunbay, t)
        };
        let t = store.sunbay.transactions.get_mut(transaction_id)?;
        t.webhook.events += 1;
        (t.notify_url.clone()?, Value::Object(data).to_string())
    };
    let signature = signature(&app.sunbay.webhook_secret, body.as_bytes());
    let headers = Box::new(move || {
        vec![
            ("X-Client-Request-Id".to_owned(), notification_id.clone()),
            ("X-Timestamp".to_owned(), now_ms().to_string()),
            ("X-Signature".to_owned(), signature.clone()),
        ]
    });
    let msg = Message {
        id: transaction_id.to_owned(),
        kind: "sunbay",
        url,
        content_type: "application/json; charset=utf-8",
        body,
        headers: Some(headers),
        acknowledged,
        on_progress: Some(progress(transaction_id.to_owned())),
    };
    notifier::spawn(app, msg, plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The computed vector of sunbay.md §9.
    #[test]
    fn spec_vector() {
        let body = br#"{"transactionId":"TXN20231119001","transactionStatus":"S"}"#;
        assert_eq!(body.len(), 58);
        assert_eq!(
            signature("test_webhook_secret", body),
            "155142760d073ae62dadc3c3a4706d8d77c295c6ec5fe7cee6af766931c39fcb"
        );
    }
}
