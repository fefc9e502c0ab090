#!/usr/bin/env bash
# Installs, from Debian 12's packages, what building and testing needs beyond
# the Rust toolchain: PHP 8.2 (cli, headers), PHPUnit, libclang for bindgen,
# Chromium and chromedriver for the browser tests (with a CJK font, so the
# Chinese pages' screenshots show glyphs, not boxes), MariaDB and WordPress
# (the Debian package, 6.1) for the plugin's tests, php-fpm and nginx for the
# benchmarks, gettext and Python 3 for the plugin's translations (make-pot.sh,
# tools/i18n.py).
# make test-install (issue 20) needs phpize with autoconf and libtool (both
# dependencies of php8.2-dev), git for its clean clone, dpkg-deb to build the
# .deb and apt-get to install it.
# Idempotent; installs nothing that is already there. Run as root.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
command -v php >/dev/null 2>&1 || need+=(php8.2-cli)
command -v php-config >/dev/null 2>&1 || need+=(php8.2-dev)
command -v phpunit >/dev/null 2>&1 || need+=(phpunit)
# `php -m | grep -q` under pipefail fails at random: grep exits at the first
# match and php, still writing, dies of SIGPIPE. Read the list once instead.
has_php_module() { grep -qix "$1" <<< "$(php -m 2>/dev/null || true)"; }
has_php_module dom || need+=(php8.2-xml)
has_php_module mbstring || need+=(php8.2-mbstring)
has_php_module curl || need+=(php8.2-curl)
has_php_module mysqli || need+=(php8.2-mysql)
command -v mariadbd >/dev/null 2>&1 || command -v mysqld >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
# The plugin's tests run on real WordPress (not Debian's /etc/wordpress setup:
# only its files, in /usr/share/wordpress).
[ -f /usr/share/wordpress/wp-settings.php ] || need+=(wordpress)
# A block theme for the plugin's block-theme browser tests (BlockThemeBrowserTest).
[ -f /usr/share/wordpress/wp-content/themes/twentytwentythree/theme.json ] || need+=(wordpress-theme-twentytwentythree)
command -v php-fpm8.2 >/dev/null 2>&1 || need+=(php8.2-fpm)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
have_cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh-cn family 2>/dev/null)" ]; }
have_cjk_font || need+=(fonts-noto-cjk)
for tool in xgettext msgfmt msgmerge msgattrib; do
    command -v "$tool" >/dev/null 2>&1 || { need+=(gettext); break; }
done
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v git >/dev/null 2>&1 || need+=(git)
for tool in autoconf autoheader; do command -v "$tool" >/dev/null 2>&1 || { need+=(autoconf); break; }; done
command -v libtoolize >/dev/null 2>&1 || need+=(libtool)
command -v dpkg-deb >/dev/null 2>&1 || need+=(dpkg)
# bindgen loads libclang itself (libclang.so / libclang-N.so), never
# libclang-cpp.so, which a machine can have without it.
have_libclang() {
    compgen -G '/usr/lib/llvm-*/lib/libclang.so*' >/dev/null ||
        compgen -G '/usr/lib/*-linux-gnu/libclang-[0-9]*.so*' >/dev/null ||
        compgen -G '/usr/lib/*-linux-gnu/libclang.so*' >/dev/null
}
have_libclang || need+=(libclang-dev)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    echo "installed: ${need[*]}"
fi

# Verify: a package that installed but did not give what the build needs
# should stop here with its name, not later inside bindgen or PHPUnit.
missing=()
for tool in php php-config phpize phpunit php-fpm8.2 /usr/bin/chromium /usr/bin/chromedriver xgettext msgfmt msgmerge msgattrib python3 \
    git autoconf autoheader libtoolize dpkg-deb apt-get; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
for mod in dom mbstring curl mysqli; do
    has_php_module "$mod" || missing+=("php module $mod")
done
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || [ -x /usr/sbin/mysqld ] || missing+=(mariadbd)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -f /usr/share/wordpress/wp-settings.php ] || missing+=("WordPress (/usr/share/wordpress/wp-settings.php, package wordpress)")
have_libclang || missing+=("libclang.so (package libclang-dev)")
have_cjk_font || missing+=("a CJK font for Chromium (package fonts-noto-cjk)")
[ -f "$(php-config --include-dir 2>/dev/null)/main/php.h" ] || missing+=("PHP headers (php.h)")
if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: still missing after install: ${missing[*]}" >&2
    exit 1
fi
