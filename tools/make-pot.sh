#!/usr/bin/env bash
# Regenerates the plugin's translation template from its source.
set -euo pipefail
dir=wordpress-plugin/iotpay-for-woocommerce
find "$dir" -name '*.php' -not -path '*/tests/*' | sort | xgettext --language=PHP --from-code=UTF-8 \
    --keyword=__ --keyword=_e --keyword=esc_html__ --keyword=esc_html_e --keyword=esc_attr__ --keyword=esc_attr_e \
    --keyword=_x:1,2c --keyword=_n:1,2 --add-comments=translators: --package-name="IOTPay for WooCommerce" \
    --package-version=0.1.0 --omit-header -o - -f - | sed '/^#: /d' > "$dir/languages/iotpay-for-woocommerce.pot.body"
{
    printf '# Translation template for IOTPay for WooCommerce.\nmsgid ""\nmsgstr ""\n"Project-Id-Version: IOTPay for WooCommerce 0.1.0\\n"\n"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n"X-Domain: iotpay-for-woocommerce\\n"\n\n'
    cat "$dir/languages/iotpay-for-woocommerce.pot.body"
} > "$dir/languages/iotpay-for-woocommerce.pot"
rm "$dir/languages/iotpay-for-woocommerce.pot.body"
