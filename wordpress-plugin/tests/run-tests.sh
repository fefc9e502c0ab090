#!/usr/bin/env bash
# Runs a PHPUnit configuration on real WordPress 6.1 with the WooCommerce 7.9 double,
# starting the private MariaDB first when no database is configured.
#
#   bash wordpress-plugin/tests/run-tests.sh                      # the double's self-tests
#   bash wordpress-plugin/tests/run-tests.sh -c path/to/other.xml # another configuration
#
# The MariaDB instance is left running (stop it with start-mariadb.sh stop).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -z "${IOTPAY_TEST_DB_SOCKET:-}" ] && [ -z "${IOTPAY_TEST_DB_HOST:-}" ]; then
	eval "$(bash "$here/start-mariadb.sh")"
fi
if [ "$#" -eq 0 ]; then
	set -- -c "$here/phpunit-double.xml"
fi
exec phpunit "$@"
