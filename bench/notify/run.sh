#!/usr/bin/env bash
# B3: the plugin's notification endpoint under nginx + php-fpm (4 workers) on
# real WordPress (the test site, WooCommerce double) with a private MariaDB and
# the sandbox, against bare PHP and bare WordPress requests.
# IOTPAY_EXTENSION / IOTPAY_SANDBOX_BIN: another build than target/release.
set -euo pipefail
n=${1:-200}
source "$(dirname "$0")/../lib/shop.sh"
shop_sandbox --notify-max-attempts 1
shop_site
"$root/tools/php-with-ext.sh" "$ext" "$root/bench/notify/setup.php" "$http" "$n" "$w/notifications.txt"
shop_serve "" "location = /bare.php { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $root/bench/fpm/www/bare.php; fastcgi_pass unix:$w/fpm.sock; }"
php "$root/bench/notify/driver.php" "http://127.0.0.1:$port" "$w/notifications.txt" 4
