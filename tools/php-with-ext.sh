#!/usr/bin/env bash
# Runs PHP with the freshly built extension, even when an installed copy is
# enabled in conf.d (which would otherwise be loaded instead, or twice).
# Usage: tools/php-with-ext.sh EXTENSION.so [php args...]
set -euo pipefail
ext=$1; shift
php=${PHP:-php}
scan=$("$php" -r 'echo PHP_CONFIG_FILE_SCAN_DIR;')
if [ -n "$scan" ] && grep -qls '^\s*extension\s*=\s*\(.*/\)\?iotpay\(\.so\)\?\s*$' "$scan"/*.ini 2>/dev/null; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    for f in "$scan"/*.ini; do
        grep -qs '^\s*extension\s*=\s*\(.*/\)\?iotpay\(\.so\)\?\s*$' "$f" || cp "$f" "$tmp/"
    done
    export PHP_INI_SCAN_DIR=$tmp
    "$php" -d "extension=$ext" "$@"
    exit $?
fi
exec "$php" -d "extension=$ext" "$@"
