#!/usr/bin/env bash
# Runs PHP with the freshly built extension. It is enabled through a private
# ini scan directory (a copy of PHP's conf.d without any installed iotpay.ini,
# plus one line for this build), exported as PHP_INI_SCAN_DIR, so that every
# PHP process started from this one (php -S workers, subprocesses in tests)
# loads the same build. PHP is exec'd, so signals reach it directly.
# Usage: tools/php-with-ext.sh EXTENSION.so [php args...]
set -euo pipefail
ext=$(realpath "$1"); shift
php=${PHP:-php}
scan=$("$php" -n -r 'echo PHP_CONFIG_FILE_SCAN_DIR;')
key=$( { printf "%s\n%s\n" "$ext" "$scan"; ls -l "$scan" 2>/dev/null; } | cksum | cut -d" " -f1)
dir=${TMPDIR:-/tmp}/iotpay-php-ini-$key
if [ ! -f "$dir/99-iotpay-under-test.ini" ]; then
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/iotpay-php-ini.XXXXXX")
    if [ -n "$scan" ] && [ -d "$scan" ]; then
        for f in "$scan"/*.ini; do
            [ -e "$f" ] || continue
            grep -qs '^\s*extension\s*=\s*\(.*/\)\?iotpay\(\.so\)\?\s*$' "$f" || cp "$f" "$tmp/"
        done
    fi
    printf 'extension=%s\n' "$ext" > "$tmp/99-iotpay-under-test.ini"
    # Another run may have created it meanwhile; either copy is the same.
    mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
fi
export PHP_INI_SCAN_DIR=$dir
export IOTPAY_EXTENSION=$ext
exec "$php" "$@"
