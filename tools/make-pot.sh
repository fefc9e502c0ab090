#!/usr/bin/env bash
# Regenerates the plugin's translation template from its source: the PHP
# files and the scripts (wp.i18n calls in assets/js). Writes
# languages/iotpay-for-woocommerce.pot, or the file given as $1 (`make
# check-pot` compares the two). Needs xgettext (Debian package gettext).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=wordpress-plugin/iotpay-for-woocommerce
out=${1:-$dir/languages/iotpay-for-woocommerce.pot}
body=$(mktemp)
trap 'rm -f "$body"' EXIT
{
    find "$dir" -name '*.php' -not -path '*/tests/*' | LC_ALL=C sort
    find "$dir/assets/js" -name '*.js' -not -name '*.min.js' | LC_ALL=C sort
} | xgettext --from-code=UTF-8 \
    --keyword=__ --keyword=_e --keyword=esc_html__ --keyword=esc_html_e --keyword=esc_attr__ --keyword=esc_attr_e \
    --keyword=_x:1,2c --keyword=_ex:1,2c --keyword=esc_html_x:1,2c --keyword=esc_attr_x:1,2c \
    --keyword=_n:1,2 --keyword=_nx:1,2,4c --keyword=_n_noop:1,2 --keyword=_nx_noop:1,2,3c \
    --add-comments=translators: --package-name="IOTPay for WooCommerce" \
    --package-version=0.1.0 --omit-header -o - -f - | sed '/^#: /d' > "$body"
{
    printf '# Translation template for IOTPay for WooCommerce.\nmsgid ""\nmsgstr ""\n"Project-Id-Version: IOTPay for WooCommerce 0.1.0\\n"\n"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n"X-Domain: iotpay-for-woocommerce\\n"\n\n'
    cat "$body"
} > "$out"
