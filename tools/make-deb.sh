#!/usr/bin/env bash
# `make deb`: packages the extension already built (target/release/libiotpay.so,
# never rebuilt here) as php<ver>-iotpay_<version>_<arch>.deb for the PHP on
# this machine, the way Debian's own php<ver>-* extension packages are laid out:
#   <extension dir>/iotpay.so                       (php-config --extension-dir)
#   /etc/php/<ver>/mods-available/iotpay.ini         enabled with phpenmod on install
#   /usr/share/doc/php<ver>-iotpay/                  copyright (ours + the bundled crates), stubs
# Depends on phpapi-<api>, the virtual package Debian's PHP of that ABI provides,
# so it cannot be installed beside a PHP it was not built for.
# Usage: tools/make-deb.sh [OUT_DIR]   (env: PHP, PHP_CONFIG, IOTPAY_EXT)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build}
php=${PHP:-php}
php_config=${PHP_CONFIG:-php-config}
ext=${IOTPAY_EXT:-target/release/libiotpay.so}
[ -f "$ext" ] || { echo "make-deb: $ext is not built: run make build first" >&2; exit 1; }
for tool in dpkg-deb dpkg "$php" "$php_config"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "make-deb: $tool not found" >&2; exit 1; }
done

# The .so must be the one the tests ran: check it loads into this PHP and names its version.
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
loaded=$("$php" -n -d "extension=$(realpath "$ext")" -r 'echo phpversion("iotpay");')
[ "$loaded" = "$version" ] || { echo "make-deb: $ext reports version '$loaded', Cargo.toml says $version" >&2; exit 1; }

phpver=$("$php" -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
phpapi=$("$php_config" --phpapi)
extdir=$("$php_config" --extension-dir)
arch=$(dpkg --print-architecture)
pkg=php$phpver-iotpay
deb=${pkg}_${version}_${arch}.deb
root=$(mktemp -d "${TMPDIR:-/tmp}/iotpay-deb.XXXXXX")
trap 'rm -rf "$root"' EXIT
chmod 0755 "$root"

install -D -m 0644 "$ext" "$root$extdir/iotpay.so"
# Not a conffile: it only loads the module (the extension has no ini
# settings), and a conffile would stay behind after `apt-get remove`.
install -d "$root/etc/php/$phpver/mods-available"
printf '; configuration for php iotpay module\n; priority=20\nextension=iotpay.so\n' > "$root/etc/php/$phpver/mods-available/iotpay.ini"

doc=$root/usr/share/doc/$pkg
install -D -m 0644 php/stubs/iotpay.stub.php "$doc/iotpay.stub.php"
{
    cat <<COPY
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: iotpay
Source: https://github.com/iotpay-woocommerce/iotpay-woocommerce
Comment: iotpay.so is a Rust library; the crates below are compiled into it,
 each under its own license as stated by the crate (cargo tree).

Files: *
Copyright: iotpay-woocommerce contributors
License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy
 of this software and associated documentation files (the "Software"), to deal
 in the Software without restriction, including without limitation the rights
 to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
 copies of the Software, and to permit persons to whom the Software is
 furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in
 all copies or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
 THE SOFTWARE.

Comment: bundled crates (name version license)
COPY
    cargo tree -p iotpay -e normal --prefix none --format ' {p} {l}' --locked --offline | sed 's/ (.*)//' | sort -u | grep -v '^ iotpay'
} > "$doc/copyright"
chmod 0644 "$doc/copyright"

install -d "$root/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CTRL
Package: $pkg
Version: $version
Architecture: $arch
Maintainer: iotpay-woocommerce maintainers <maintainers@iotpay-woocommerce.invalid>
Depends: phpapi-$phpapi, php-common
Provides: php-iotpay
Section: php
Priority: optional
Installed-Size: $size
Homepage: https://github.com/iotpay-woocommerce/iotpay-woocommerce
Description: IOTPay payments extension for PHP $phpver
 The iotpay PHP extension: IOTPay signing, money in minor units, HTTPS calls
 (TLS verification always on), notification verification and QR codes for
 WeChat Pay, Alipay, UnionPay and cards, written in Rust. Enabled for every
 PHP $phpver SAPI (CLI, FPM, Apache) on install.
CTRL
# phpenmod/phpdismod in maintainer mode (-m: an administrator's phpdismod is
# respected) with the module registry (-r), as Debian's own extensions do.
# On removal (not upgrade) every trace goes: the conf.d links, the state
# files (-p) and the registry entry.
cat > "$root/DEBIAN/postinst" <<SH
#!/bin/sh
set -e
if [ "\$1" = "configure" ] && command -v phpenmod >/dev/null 2>&1; then
    phpenmod -m -r -v $phpver -s ALL iotpay
fi
exit 0
SH
cat > "$root/DEBIAN/prerm" <<SH
#!/bin/sh
set -e
if [ "\$1" = "remove" ] && command -v phpdismod >/dev/null 2>&1; then
    # One SAPI per call: with -s ALL, phpdismod -p forgets the state of the last SAPI only.
    for sapi in \$(phpquery -S -v $phpver); do
        phpdismod -m -p -r -v $phpver -s "\$sapi" iotpay
    done
fi
exit 0
SH
chmod 0755 "$root/DEBIAN/postinst" "$root/DEBIAN/prerm"
# php-fpm (and Apache's mod_php) reload when their conf.d changes.
printf 'activate-noawait /etc/php/%s/fpm/conf.d\nactivate-noawait /etc/php/%s/apache2/conf.d\n' "$phpver" "$phpver" > "$root/DEBIAN/triggers"
(cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"

mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/$deb" >/dev/null
echo "$out/$deb"
