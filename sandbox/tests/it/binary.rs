//! The real `iotpay-sandbox` executable: ready file, HTTPS with the generated
//! CA (verification on), merchants from flags, state kept across a restart,
//! and structured logs that never carry the key.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common::*;

pub(crate) struct Proc {
    child: Child,
    pub(crate) ready: Value,
    pub(crate) stderr: PathBuf,
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("iotpay-sandbox-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub(crate) async fn launch(dir: &Path, tag: &str, extra: &[&str]) -> Proc {
    let ready = dir.join("ready.json");
    let _ = std::fs::remove_file(&ready);
    let stderr = dir.join(format!("stderr-{tag}.log"));
    let mut args = vec![
        "--http".to_owned(),
        "127.0.0.1:0".to_owned(),
        "--ready-file".to_owned(),
        ready.display().to_string(),
        "--log-format".to_owned(),
        "json".to_owned(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let mut proc = Proc {
        child: Command::new(env!("CARGO_BIN_EXE_iotpay-sandbox"))
            .args(&args)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .unwrap(),
        ready: Value::Null,
        stderr,
    };
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(text) = std::fs::read_to_string(&ready) {
            proc.ready = serde_json::from_str(&text).expect("ready file is complete JSON");
            return proc;
        }
        assert!(Instant::now() < deadline, "no ready file");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

fn https_client(ca_pem: &[u8]) -> reqwest::Client {
    reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(ca_pem).unwrap())
        .tls_built_in_root_certs(false)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

async fn post_v1(client: &reqwest::Client, base: &str, endpoint: &str, params: Value) -> Value {
    let r = client
        .post(format!("{base}/v1/{endpoint}"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form_body(&signed(params)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let v: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    if v["mchId"] != "20001222" && v["errCode"] != "0013" {
        assert!(verifies(&v), "{v}");
    }
    v
}

#[tokio::test]
async fn https_with_generated_ca_and_state_across_restart() {
    let dir = temp_dir("bin");
    let ca = dir.join("ca.pem");
    let state = dir.join("state.json");
    let flags = [
        "--https",
        "127.0.0.1:0",
        "--ca-out",
        ca.to_str().unwrap(),
        "--state-file",
        state.to_str().unwrap(),
        "--merchant",
        "10000701:test_merchant_key:jack123",
        "--merchant",
        "20001222:other_key_123:alice",
        "--seed",
        "5",
    ];
    let p = launch(&dir, "first", &flags).await;
    let http = p.ready["http"].as_str().unwrap().to_owned();
    let https = p.ready["https"].as_str().unwrap().to_owned();
    assert!(http.starts_with("http://127.0.0.1:"));
    assert!(https.starts_with("https://127.0.0.1:"));

    let client = https_client(&std::fs::read(&ca).unwrap());
    let r = post_v1(
        &client,
        &https,
        "create_order",
        create_params("BIN-1", 777, "http://127.0.0.1:9/n"),
    )
    .await;
    ok(&r);
    let id = r["payOrderId"].as_str().unwrap().to_owned();
    // Pay links point at the public (HTTP) base.
    assert!(r["codeUrl"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{http}/pay/")));

    // Without the CA, verification fails.
    let plain = reqwest::Client::builder()
        .tls_built_in_root_certs(true)
        .build()
        .unwrap();
    assert!(plain.get(format!("{https}/healthz")).send().await.is_err());
    // Same app on both listeners.
    let h = reqwest::Client::new();
    ok(&post_v1(
        &h,
        &http,
        "query_order",
        json!({"mchId": MCH, "payOrderId": id}),
    )
    .await);

    // The second merchant from the flags works with its own key only.
    let r = post_v1(
        &h,
        &http,
        "query_order",
        json!({"mchId": "20001222", "payOrderId": id}),
    )
    .await;
    comm_err(&r, "0013");
    assert!(r.get("sign").is_none());

    let log_path = p.stderr.clone();
    drop(p);
    let log = std::fs::read_to_string(log_path).unwrap();
    assert!(log.contains("\"path\":\"/v1/create_order\""), "{log}");
    assert!(log
        .lines()
        .filter(|l| l.contains("\"path\""))
        .all(|l| serde_json::from_str::<Value>(l).is_ok()));
    assert!(!log.contains("test_merchant_key") && !log.contains("other_key_123"));

    // Restart on the same state file: the order is still there.
    let p2 = launch(&dir, "second", &flags).await;
    let https2 = p2.ready["https"].as_str().unwrap().to_owned();
    let client2 = https_client(&std::fs::read(&ca).unwrap());
    let r = post_v1(
        &client2,
        &https2,
        "query_order",
        json!({"mchId": MCH, "mchOrderNo": "BIN-1"}),
    )
    .await;
    ok(&r);
    assert_eq!(r["payOrderId"], id.as_str());
    assert_eq!(r["amount"], 777);
    drop(p2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn default_merchant_and_bad_flags() {
    let dir = temp_dir("defaults");
    let p = launch(&dir, "defaults", &[]).await;
    assert!(p.ready.get("https").is_none());
    let h = reqwest::Client::new();
    let base = p.ready["http"].as_str().unwrap();
    ok(&post_v1(
        &h,
        base,
        "create_order",
        create_params("DEF-1", 1, "http://127.0.0.1:9/n"),
    )
    .await);

    let out = Command::new(env!("CARGO_BIN_EXE_iotpay-sandbox"))
        .args(["--merchant", "only-two:parts"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("MCHID:KEY:LOGINNAME"));
}

#[tokio::test]
async fn sunbay_help_flags_and_https() {
    // --help names the default SUNBAY credentials.
    let out = Command::new(env!("CARGO_BIN_EXE_iotpay-sandbox"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for s in [
        "app_sandbox",
        "M1260231004",
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "test_webhook_secret",
        "--sunbay-api-key",
        "--sunbay-session-ttl-secs",
    ] {
        assert!(help.contains(s), "--help lacks {s}: {help}");
    }
    // Overridden credentials, over HTTPS with the generated CA.
    let dir = temp_dir("sunbay");
    let ca = dir.join("ca.pem");
    let p = launch(
        &dir,
        "sunbay",
        &[
            "--https",
            "127.0.0.1:0",
            "--ca-out",
            ca.to_str().unwrap(),
            "--sunbay-app-id",
            "app_other",
            "--sunbay-merchant-id",
            "M9990001112",
            "--sunbay-api-key",
            "sk_test_other_key_123",
        ],
    )
    .await;
    let https = p.ready["https"].as_str().unwrap().to_owned();
    let client = https_client(&std::fs::read(&ca).unwrap());
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        .to_string();
    let send = |key: &'static str, rid: &'static str| {
        let sent = client
            .post(format!("{https}/v1/checkout/create-session"))
            .header("Authorization", format!("Bearer {key}"))
            .header("X-Timestamp", now.clone())
            .header("X-Client-Request-Id", rid)
            .header("Content-Type", "application/json")
            .body(
                json!({"appId": "app_other", "merchantId": "M9990001112",
                       "transactionRequestId": "bin-1", "referenceOrderId": "ORDER_BIN_1",
                       "amount": {"orderAmount": 100, "priceCurrency": "CAD"},
                       "description": "binary"})
                .to_string(),
            )
            .send();
        async move {
            let text = sent.await.unwrap().text().await.unwrap();
            serde_json::from_str::<Value>(&text).unwrap()
        }
    };
    let old = send("sk_test_4eC39HqLyjWDarjtT1zdp7dc", "r1").await;
    assert_eq!(old["code"], "S10", "{old}");
    let r = send("sk_test_other_key_123", "r2").await;
    assert_eq!(r["code"], "0", "{r}");
    assert!(r["data"]["checkoutUrl"]
        .as_str()
        .unwrap()
        .contains("/sunbay/checkout/"));
    let log = std::fs::read_to_string(&p.stderr).unwrap();
    assert!(log.contains("sunbay_create_session"), "{log}");
    assert!(
        !log.contains("sk_test_other_key_123"),
        "the key is never logged"
    );
    drop(p);
    let _ = std::fs::remove_dir_all(&dir);
}
