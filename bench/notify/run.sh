#!/usr/bin/env bash
# B3: the plugin's notification endpoint under nginx + php-fpm (4 workers) on
# real WordPress (the test site, WooCommerce double) with a private MariaDB and
# the sandbox, against bare PHP and bare WordPress requests.
# IOTPAY_EXTENSION / IOTPAY_SANDBOX_BIN: another build than target/release.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ext=${IOTPAY_EXTENSION:-$root/target/release/libiotpay.so}
sandbox=${IOTPAY_SANDBOX_BIN:-$root/target/release/iotpay-sandbox}
n=${1:-200}
w=$(mktemp -d)
chmod 755 "$w"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    [ -f "$w/nginx.pid" ] && kill "$(cat "$w/nginx.pid")" 2>/dev/null || true
    IOTPAY_TEST_DB_DIR=$w/db bash "$root/wordpress-plugin/tests/start-mariadb.sh" stop >/dev/null 2>&1 || true
    sleep 0.3
    [ -n "${IOTPAY_TEST_WP_DIR:-}" ] && rm -rf "$IOTPAY_TEST_WP_DIR"   # links and copies only
    rm -rf "$w"
}
trap cleanup EXIT

eval "$(IOTPAY_TEST_DB_DIR=$w/db bash "$root/wordpress-plugin/tests/start-mariadb.sh" 2>/dev/null)"
"$sandbox" --http 127.0.0.1:0 --ready-file "$w/ready.json" --notify-max-attempts 1 2>/dev/null &
pids+=($!)
for _ in $(seq 1 200); do [ -f "$w/ready.json" ] && break; sleep 0.05; done
http=$(php -r 'echo json_decode(file_get_contents($argv[1]), true)["http"];' "$w/ready.json")
port=$(php -r '$s=stream_socket_server("tcp://127.0.0.1:0"); $n=stream_socket_get_name($s,false); echo substr($n, strrpos($n, ":")+1);')
export IOTPAY_TEST_HOME_URL="http://127.0.0.1:$port"
# The test site: real WordPress (Debian's package) installed by its installer, the
# WooCommerce double active (wordpress-plugin/tests/README.md, "The test site").
IOTPAY_TEST_WP_DIR=$(php -r 'require $argv[1]; echo IotPay\WcDouble\Site::create();' "$root/wordpress-plugin/tests/wc-double/site/Site.php")
export IOTPAY_TEST_WP_DIR
php "$root/wordpress-plugin/tests/wc-double/site/install.php" core
php "$root/wordpress-plugin/tests/wc-double/site/install.php" woocommerce

"$root/tools/php-with-ext.sh" "$ext" "$root/bench/notify/setup.php" "$http" "$n" "$w/notifications.txt"

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
    access_log off;
    client_body_temp_path $w/body;
    fastcgi_temp_path $w/fcgi;
    server {
        listen 127.0.0.1:$port;
        location = /bare.php { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/bench/fpm/www/bare.php; fastcgi_pass unix:$w/fpm.sock; }
        location / { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/wordpress-plugin/tests/wc-double/server.php; fastcgi_pass unix:$w/fpm.sock; }
    }
}
CONF
nginx -c "$w/nginx.conf" -e "$w/nginx-error.log" &
pids+=($!)
for _ in $(seq 1 100); do [ -S "$w/fpm.sock" ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
sleep 0.3
php "$root/bench/notify/driver.php" "http://127.0.0.1:$port" "$w/notifications.txt" 4
