#!/usr/bin/env bash
# Starts (or stops) a private MariaDB instance for the WooCommerce test double.
#
#   eval "$(bash wordpress-plugin/tests/start-mariadb.sh)"        # start, export env
#   bash wordpress-plugin/tests/start-mariadb.sh stop              # stop it
#   bash wordpress-plugin/tests/start-mariadb.sh env               # print the exports again
#
# The data directory and the socket live in $IOTPAY_TEST_DB_DIR
# (default: ${TMPDIR:-/tmp}/iotpay-test-mariadb). No TCP port is opened
# (--skip-networking); clients use the unix socket. The server runs as root
# with --user=root. Everything the script prints on stdout is `export …` lines;
# progress goes to stderr.
set -euo pipefail

BASE="${IOTPAY_TEST_DB_DIR:-${TMPDIR:-/tmp}/iotpay-test-mariadb}"
DATA="$BASE/data"
SOCK="$BASE/mysqld.sock"
PIDFILE="$BASE/mariadbd.pid"
DB_NAME="${IOTPAY_TEST_DB_NAME:-iotpay_test}"
DB_USER="${IOTPAY_TEST_DB_USER:-iotpay}"
DB_PASS="${IOTPAY_TEST_DB_PASSWORD:-iotpay}"
MODE="${1:-start}"

log() { echo "start-mariadb: $*" >&2; }

print_env() {
	echo "export IOTPAY_TEST_DB_SOCKET='$SOCK'"
	echo "export IOTPAY_TEST_DB_NAME='$DB_NAME'"
	echo "export IOTPAY_TEST_DB_USER='$DB_USER'"
	echo "export IOTPAY_TEST_DB_PASSWORD='$DB_PASS'"
}

is_running() {
	[ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

case "$MODE" in
stop)
	if is_running; then
		pid="$(cat "$PIDFILE")"
		kill "$pid"
		for _ in $(seq 1 100); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		log "stopped (pid $pid)"
	else
		log "not running"
	fi
	exit 0
	;;
env)
	print_env
	exit 0
	;;
start) ;;
*)
	log "usage: $0 [start|stop|env]"
	exit 2
	;;
esac

for bin in mariadbd mariadb-install-db mariadb mariadb-admin; do
	if ! command -v "$bin" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$bin" ]; then
		log "$bin not found: apt-get install -y mariadb-server php8.2-mysql"
		exit 1
	fi
done
MARIADBD="$(command -v mariadbd || echo /usr/sbin/mariadbd)"

mkdir -p "$BASE"
if [ ! -d "$DATA/mysql" ]; then
	log "initialising $DATA"
	mariadb-install-db --no-defaults --user=root --datadir="$DATA" \
		--auth-root-authentication-method=normal --skip-test-db >"$BASE/install.log" 2>&1 || {
		cat "$BASE/install.log" >&2
		exit 1
	}
fi

if ! is_running; then
	log "starting mariadbd (socket $SOCK)"
	# setsid: the server must outlive this shell (and `eval "$(…)"`).
	setsid "$MARIADBD" --no-defaults --user=root --datadir="$DATA" --socket="$SOCK" \
		--pid-file="$PIDFILE" --skip-networking --log-error="$BASE/error.log" \
		--innodb-buffer-pool-size=64M --innodb-log-file-size=48M --innodb-flush-log-at-trx-commit=2 \
		--max-connections=200 --skip-name-resolve --character-set-server=utf8mb4 \
		--collation-server=utf8mb4_unicode_520_ci </dev/null >/dev/null 2>&1 &
	for _ in $(seq 1 300); do
		if mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1; then
			break
		fi
		sleep 0.1
	done
	if ! mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1; then
		log "mariadbd did not come up; see $BASE/error.log"
		tail -n 30 "$BASE/error.log" >&2 || true
		exit 1
	fi
fi

mariadb --no-defaults --socket="$SOCK" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASS';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'localhost';
FLUSH PRIVILEGES;
SQL
log "ready: database $DB_NAME"
print_env
