#!/usr/bin/env bash
# B2 (API call latency: the extension beside curl with one reused handle,
# curl with a new handle per call and WordPress's wp_remote_post) in a CLI
# loop and under PHP-FPM, and B4 (memory and threads) on this machine: the
# sandbox over HTTPS, nginx in front of two php-fpm pools (one with the
# extension, one without), everything on loopback, all stopped at exit.
# Usage: bench/fpm/run.sh [FPM_REQUESTS_PER_VARIANT] [CLI_CALLS] [CLI_ROUNDS]
# IOTPAY_EXT_BEFORE=/path/to/an/older/libiotpay.so adds a third pool with that
# build: its one-call-per-page figure joins the php-fpm table, and B4 shows it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ext=$root/target/release/libiotpay.so
n=${1:-200}
cli_n=${2:-300}
cli_rounds=${3:-3}
[ -f /usr/share/wordpress/wp-settings.php ] || { echo "B2 needs WordPress: apt-get install -y --no-install-recommends wordpress"; exit 1; }
echo "load: $(uptime)"
w=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    kill "$(cat "$w/nginx.pid" 2>/dev/null)" 2>/dev/null || true
    sleep 0.3
    rm -rf "$w"
}
trap cleanup EXIT

"$root/target/release/iotpay-sandbox" --http 127.0.0.1:0 --https 127.0.0.1:0 --ca-out "$w/ca.pem" --ready-file "$w/ready.json" 2>/dev/null &
pids+=($!)
for _ in $(seq 1 200); do [ -f "$w/ready.json" ] && break; sleep 0.05; done
https=$(php -r 'echo json_decode(file_get_contents($argv[1]), true)["https"];' "$w/ready.json")

PHP=php "$root/tools/php-with-ext.sh" "$ext" "$root/bench/b2/cli.php" "$https" "$w/ca.pem" "$cli_n" "$cli_rounds"
echo "load: $(uptime)"
echo

pool() { # name, extra php-fpm args
    cat > "$w/$1.conf" <<CONF
[global]
pid = $w/$1.pid
error_log = $w/$1.log
daemonize = no
[$1]
user = root
group = root
listen = $w/$1.sock
pm = static
pm.max_children = 1
clear_env = no
CONF
    php-fpm8.2 -R -F -y "$w/$1.conf" -c /etc/php/8.2/fpm/php.ini "${@:2}" &
    pids+=($!)
}
export SANDBOX_HTTPS=$https SANDBOX_CA=$w/ca.pem
pool withext -d "extension=$ext"
pool noext
before=${IOTPAY_EXT_BEFORE:-}
[ -n "$before" ] && pool beforeext -d "extension=$before"
port=$(php -r '$s=stream_socket_server("tcp://127.0.0.1:0"); $n=stream_socket_get_name($s,false); echo substr($n, strrpos($n, ":")+1);')
cat > "$w/nginx.conf" <<CONF
user root;
worker_processes 1;
daemon off;
pid $w/nginx.pid;
error_log $w/nginx-error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $w/body;
    fastcgi_temp_path $w/fcgi;
    server {
        listen 127.0.0.1:$port;
        location /native/ { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/bench/fpm/www/native.php; fastcgi_pass unix:$w/withext.sock; }
        location /native2/ { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/bench/fpm/www/native2.php; fastcgi_pass unix:$w/withext.sock; }
        location /curl/   { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/bench/fpm/www/curl.php;   fastcgi_pass unix:$w/noext.sock; }
        location /curl_reused/ { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/bench/fpm/www/curl_reused.php; fastcgi_pass unix:$w/noext.sock; }
        location /wp/     { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/bench/fpm/www/wp.php;     fastcgi_pass unix:$w/noext.sock; }
        location /bare_before/ { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/bench/fpm/www/bare.php; fastcgi_pass unix:$w/beforeext.sock; }
        location /native_before/ { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/bench/fpm/www/native.php; fastcgi_pass unix:$w/beforeext.sock; }
        location /bare/   { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/bench/fpm/www/bare.php;   fastcgi_pass unix:$w/withext.sock; }
    }
}
CONF
nginx -c "$w/nginx.conf" -e "$w/nginx-error.log" &
pids+=($!)
for _ in $(seq 1 100); do [ -S "$w/withext.sock" ] && [ -S "$w/noext.sock" ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
sleep 0.3

worker_of() { pgrep -P "$(cat "$w/$1.pid")" | head -1; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
# Private (not shared with other workers) memory. Private_Clean counts file
# pages (php-fpm's and the extension's code) that only this process has
# touched so far — with more workers they become shared — so it depends on
# which worker ran something first; Private_Dirty (memory written: heap, TLS
# state, relocations) is what each extra worker really costs.
priv() { awk '/^Private_(Clean|Dirty)/ {s+=$2} /^Private_Dirty/ {d=$2} END {printf "%d KiB, dirty %d", s, d}' "/proc/$1/smaps_rollup"; }
threads() { awk '/Threads/ {print $2}' "/proc/$1/status"; }
curl -s "http://127.0.0.1:$port/bare/" >/dev/null
we=$(worker_of withext); wn=$(worker_of noext)
echo "B4 idle php-fpm worker: with extension RSS $(rss "$we") KiB (private $(priv "$we") KiB); without RSS $(rss "$wn") KiB (private $(priv "$wn") KiB)"
t0=$(threads "$we")
curl -s "http://127.0.0.1:$port/native/" >/dev/null
echo "B4 threads in the worker with the extension: before first API call $t0, after $(threads "$we"); RSS after first call $(rss "$we") KiB (private $(priv "$we") KiB)"
if [ -n "$before" ]; then
    for _ in $(seq 1 100); do [ -S "$w/beforeext.sock" ] && break; sleep 0.05; done
    curl -s "http://127.0.0.1:$port/bare_before/" >/dev/null
    wb=$(worker_of beforeext)
    echo "B4 (before) idle worker with $before: RSS $(rss "$wb") KiB (private $(priv "$wb") KiB), threads $(threads "$wb")"
    curl -s "http://127.0.0.1:$port/native_before/" >/dev/null
    echo "B4 (before) after first API call: RSS $(rss "$wb") KiB (private $(priv "$wb") KiB), threads $(threads "$wb")"
fi
php "$root/bench/fpm/driver.php" "http://127.0.0.1:$port" "$n" ${before:+with-before}
echo "B4 after the run: worker with extension RSS $(rss "$we") KiB (private $(priv "$we") KiB), threads $(threads "$we")"
[ -n "$before" ] && echo "B4 (before) after the run: RSS $(rss "$wb") KiB (private $(priv "$wb") KiB), threads $(threads "$wb")"
echo "load: $(uptime)"
