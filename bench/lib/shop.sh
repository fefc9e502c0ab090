# Sourced by the benchmarks that need the shop as a host runs it: the
# real-WordPress test site (Debian's WordPress installed by its installer,
# the WooCommerce double active: wordpress-plugin/tests/README.md, "The test
# site") on a private MariaDB, served by nginx + php-fpm (4 workers, the
# extension loaded), beside the sandbox. Everything goes when the script exits.
#
#   source bench/lib/shop.sh
#   shop_sandbox [sandbox flags…]        # sets $http (the sandbox's base URL)
#   shop_site                            # sets $port, IOTPAY_TEST_HOME_URL, IOTPAY_TEST_WP_DIR
#   … set the shop up (php with the extension: "$root/tools/php-with-ext.sh" "$ext" setup.php …)
#   shop_serve "fpm pool lines" "nginx server lines"   # nginx in front of php-fpm, waits until it answers
# IOTPAY_EXTENSION / IOTPAY_SANDBOX_BIN: another build than target/release.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ext=${IOTPAY_EXTENSION:-$root/target/release/libiotpay.so}
sandbox=${IOTPAY_SANDBOX_BIN:-$root/target/release/iotpay-sandbox}
w=$(mktemp -d)
chmod 755 "$w"
pids=()
shop_cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    [ -f "$w/nginx.pid" ] && kill "$(cat "$w/nginx.pid" 2>/dev/null)" 2>/dev/null || true
    IOTPAY_TEST_DB_DIR=$w/db bash "$root/wordpress-plugin/tests/start-mariadb.sh" stop >/dev/null 2>&1 || true
    sleep 0.3
    [ -n "${IOTPAY_TEST_WP_DIR:-}" ] && rm -rf "$IOTPAY_TEST_WP_DIR"   # links and copies only
    rm -rf "$w"
}
trap shop_cleanup EXIT
eval "$(IOTPAY_TEST_DB_DIR=$w/db bash "$root/wordpress-plugin/tests/start-mariadb.sh" 2>/dev/null)"

shop_sandbox() {
    "$sandbox" --http 127.0.0.1:0 --ready-file "$w/ready.json" "$@" 2>/dev/null &
    pids+=($!)
    for _ in $(seq 1 200); do [ -f "$w/ready.json" ] && break; sleep 0.05; done
    http=$(php -r 'echo json_decode(file_get_contents($argv[1]), true)["http"];' "$w/ready.json")
}

shop_site() {
    port=$(php -r '$s=stream_socket_server("tcp://127.0.0.1:0"); $n=stream_socket_get_name($s,false); echo substr($n, strrpos($n, ":")+1);')
    export IOTPAY_TEST_HOME_URL="http://127.0.0.1:$port"
    IOTPAY_TEST_WP_DIR=$(php -r 'require $argv[1]; echo IotPay\WcDouble\Site::create();' "$root/wordpress-plugin/tests/wc-double/site/Site.php")
    export IOTPAY_TEST_WP_DIR
    php "$root/wordpress-plugin/tests/wc-double/site/install.php" core
    php "$root/wordpress-plugin/tests/wc-double/site/install.php" woocommerce
}

# $1: extra lines for the php-fpm pool; $2: extra lines for nginx's server block
# (before its catch-all location, which hands every request to the test site's router).
shop_serve() {
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
${1:-}
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
        ${2:-}
        location / { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/wordpress-plugin/tests/wc-double/server.php; fastcgi_pass unix:$w/fpm.sock; }
    }
}
CONF
    nginx -c "$w/nginx.conf" -e "$w/nginx-error.log" &
    pids+=($!)
    for _ in $(seq 1 100); do [ -S "$w/fpm.sock" ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
    sleep 0.3
}
