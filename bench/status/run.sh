#!/usr/bin/env bash
# B5: how fast the customer's QR page moves on after IOTPay's notification,
# and what a waiting customer costs in PHP time — today's design (REST
# polling) beside the status document — on nginx + php-fpm (4 workers) with
# real WordPress (the test site, WooCommerce double), a private MariaDB, the
# sandbox notifying, and headless Chromium on the page.
# Usage: bench/status/run.sh [orders per design] [waiting window, s]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ext=${IOTPAY_EXTENSION:-$root/target/release/libiotpay.so}
sandbox=${IOTPAY_SANDBOX_BIN:-$root/target/release/iotpay-sandbox}
per=${1:-10}
window=${2:-30}
w=$(mktemp -d)
chmod 755 "$w"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    [ -f "$w/nginx.pid" ] && kill "$(cat "$w/nginx.pid" 2>/dev/null)" 2>/dev/null || true
    IOTPAY_TEST_DB_DIR=$w/db bash "$root/wordpress-plugin/tests/start-mariadb.sh" stop >/dev/null 2>&1 || true
    sleep 0.3
    [ -n "${IOTPAY_TEST_WP_DIR:-}" ] && rm -rf "$IOTPAY_TEST_WP_DIR"   # links and copies only
    rm -rf "$w"
}
trap cleanup EXIT

eval "$(IOTPAY_TEST_DB_DIR=$w/db bash "$root/wordpress-plugin/tests/start-mariadb.sh" 2>/dev/null)"
port=$(php -r '$s=stream_socket_server("tcp://127.0.0.1:0"); $n=stream_socket_get_name($s,false); echo substr($n, strrpos($n, ":")+1);')
export IOTPAY_TEST_HOME_URL="http://127.0.0.1:$port"
# IOTPay notifies the shop at once, as it does when the customer pays.
"$sandbox" --http 127.0.0.1:0 --ready-file "$w/ready.json" 2>/dev/null &
pids+=($!)
for _ in $(seq 1 200); do [ -f "$w/ready.json" ] && break; sleep 0.05; done
http=$(php -r 'echo json_decode(file_get_contents($argv[1]), true)["http"];' "$w/ready.json")
IOTPAY_TEST_WP_DIR=$(php -r 'require $argv[1]; echo IotPay\WcDouble\Site::create();' "$root/wordpress-plugin/tests/wc-double/site/Site.php")
export IOTPAY_TEST_WP_DIR
php "$root/wordpress-plugin/tests/wc-double/site/install.php" core
php "$root/wordpress-plugin/tests/wc-double/site/install.php" woocommerce
"$root/tools/php-with-ext.sh" "$ext" "$root/bench/status/setup.php" "$http" "$((2 * per + 2))" "$w/orders.json"
# Today's design on demand: a flag file switches the status document off.
export IOTPAY_BENCH_OLD_FLAG=$w/old-design
cat > "$IOTPAY_TEST_WP_DIR/wp-content/mu-plugins/iotpay-bench.php" <<'PHP'
<?php
add_filter( 'iotpay_wc_status_document', static fn ( $on ) => $on && ! file_exists( (string) getenv( 'IOTPAY_BENCH_OLD_FLAG' ) ) );
// Behind nginx the test site's canonical redirect loops on the order-pay URL; it is not what is measured here.
remove_action( 'template_redirect', 'redirect_canonical' );
PHP

cat > "$w/fpm.conf" <<CONF
[global]
pid = $w/fpm.pid
error_log = $w/fpm.log
daemonize = no
[shop]
user = root
group = root
listen = $w/fpm.sock
pm = static
pm.max_children = 4
clear_env = no
access.log = $w/fpm-access.log
access.format = "%{mili}d %m %r %s"
CONF
php-fpm8.2 -R -F -y "$w/fpm.conf" -c /etc/php/8.2/fpm/php.ini -d "extension=$ext" &
pids+=($!)
cat > "$w/nginx.conf" <<CONF
user root;
worker_processes 1;
daemon off;
pid $w/nginx.pid;
error_log $w/nginx-error.log;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $w/body;
    fastcgi_temp_path $w/fcgi;
    server {
        listen 127.0.0.1:$port;
        root $IOTPAY_TEST_WP_DIR;
        # Static files from disk, as every WordPress host serves them: no PHP.
        location ~* \.(json|js|css|png|svg|gif|ico|woff2?)\$ { add_header Cache-Control no-cache; try_files \$uri =404; }
        location / { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/wordpress-plugin/tests/wc-double/server.php; fastcgi_pass unix:$w/fpm.sock; }
    }
}
CONF
nginx -c "$w/nginx.conf" -e "$w/nginx-error.log" &
pids+=($!)
for _ in $(seq 1 100); do [ -S "$w/fpm.sock" ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
sleep 0.3
touch "$w/fpm-access.log"
if [ -n "${IOTPAY_BENCH_DEBUG:-}" ]; then
    page=$(php -r 'echo json_decode(file_get_contents($argv[1]), true)[0]["page"];' "$w/orders.json")
    curl -s -D - -o "$w/page.html" "$page" | head -12 >&2 || true
    head -c 600 "$w/page.html" >&2; echo >&2
    for f in nginx-error.log fpm.log fpm-access.log; do echo "== $f" >&2; tail -n 5 "$w/$f" >&2 || true; done
fi
php "$root/bench/status/driver.php" "$http" "$w/orders.json" "$IOTPAY_BENCH_OLD_FLAG" "$w/fpm-access.log" "$window"
