#!/usr/bin/env bash
# `make demo`: starts the local sandbox (IOTPay and SUNBAY) and a small PHP notify
# endpoint, runs the examples (WeChat QR, Alipay WAP, card, saved-card renewals,
# WeChat auto-debit, SUNBAY) with the real extension, and stops what it started.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ext=$root/target/release/libiotpay.so
sandbox=$root/target/release/iotpay-sandbox
php_ext=("$root/tools/php-with-ext.sh" "$ext")
work=$(mktemp -d)
out=$root/build/demo
mkdir -p "$out"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$sandbox" --http 127.0.0.1:0 --ready-file "$work/ready.json" --notify-backoff-ms 100 2>"$out/sandbox.log" &
pids+=($!)
for _ in $(seq 1 200); do [ -f "$work/ready.json" ] && break; sleep 0.05; done
[ -f "$work/ready.json" ] || { echo "sandbox did not start; see $out/sandbox.log"; exit 1; }
sandbox_url=$(php -r 'echo json_decode(file_get_contents($argv[1]), true)["http"];' "$work/ready.json")

port=$(php -r '$s=stream_socket_server("tcp://127.0.0.1:0"); $n=stream_socket_get_name($s,false); echo substr($n, strrpos($n, ":")+1);')
IOTPAY_DEMO_INBOX="$work/inbox.jsonl" "${php_ext[@]}" -S "127.0.0.1:$port" "$root/examples/notify_endpoint.php" 2>"$out/notify-endpoint.log" &
pids+=($!)
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done

export IOTPAY_SANDBOX_URL=$sandbox_url
export IOTPAY_NOTIFY_URL="http://127.0.0.1:$port/notify"
export IOTPAY_CARD_NOTIFY_URL="http://127.0.0.1:$port/card-notify"
export IOTPAY_CONTRACT_NOTIFY_URL="http://127.0.0.1:$port/contract-notify"
export IOTPAY_DEMO_INBOX="$work/inbox.jsonl"
export IOTPAY_DEMO_OUT=$out
"${php_ext[@]}" "$root/examples/wechat_qr.php"
echo
"${php_ext[@]}" "$root/examples/alipay_wap.php"
echo
"${php_ext[@]}" "$root/examples/card_hosted.php"
echo
"${php_ext[@]}" "$root/examples/card_renewal.php"
echo
"${php_ext[@]}" "$root/examples/autodebit.php"
echo
"${php_ext[@]}" "$root/examples/sunbay_hosted.php"
echo
echo "Demo finished: every flow ran against the local sandbox (its log: build/demo/sandbox.log)."
