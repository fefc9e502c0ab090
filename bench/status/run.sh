#!/usr/bin/env bash
# B5: how fast the customer's QR page moves on after IOTPay's notification,
# and what a waiting customer costs in PHP time — today's design (REST
# polling) beside the status document — on nginx + php-fpm (4 workers) with
# real WordPress (the test site, WooCommerce double), a private MariaDB, the
# sandbox notifying, and headless Chromium on the page.
# Usage: bench/status/run.sh [orders per design] [waiting window, s]
set -euo pipefail
per=${1:-10}
window=${2:-30}
source "$(dirname "$0")/../lib/shop.sh"
# IOTPay notifies the shop at once, as it does when the customer pays.
shop_sandbox
shop_site
"$root/tools/php-with-ext.sh" "$ext" "$root/bench/status/setup.php" "$http" "$((2 * per + 2))" "$w/orders.json"
# Today's design on demand: a flag file switches the status document off.
export IOTPAY_BENCH_OLD_FLAG=$w/old-design
cat > "$IOTPAY_TEST_WP_DIR/wp-content/mu-plugins/iotpay-bench.php" <<'PHP'
<?php
add_filter( 'iotpay_wc_status_document', static fn ( $on ) => $on && ! file_exists( (string) getenv( 'IOTPAY_BENCH_OLD_FLAG' ) ) );
// Behind nginx the test site's canonical redirect loops on the order-pay URL; it is not what is measured here.
remove_action( 'template_redirect', 'redirect_canonical' );
PHP
# php-fpm's own accounting of each request's time; static files from disk, as every WordPress host serves them.
shop_serve "access.log = $w/fpm-access.log
access.format = \"%{mili}d %m %r %s\"" "root $IOTPAY_TEST_WP_DIR;
        location ~* \\.(json|js|css|png|svg|gif|ico|woff2?)\$ { add_header Cache-Control no-cache; try_files \$uri =404; }"
touch "$w/fpm-access.log"
php "$root/bench/status/driver.php" "$http" "$w/orders.json" "$IOTPAY_BENCH_OLD_FLAG" "$w/fpm-access.log" "$window"
