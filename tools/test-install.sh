#!/usr/bin/env bash
# The two ways to install the extension that are not `make install`, tested
# the way users run them (make test-install):
#   phpize  From a clean clone of HEAD: cd ext && phpize && ./configure && make
#           && make test && make install (into a scratch root), then
#           php -n -d extension=<installed iotpay.so> --ri iotpay. Cargo runs
#           offline (CARGO_NET_OFFLINE) with CARGO_TARGET_DIR pointing at this
#           repository's target/, so the dependencies compiled by `make build`
#           are reused; only the workspace crates are rebuilt (their paths
#           differ). The next `cargo build` here puts back its own
#           target/release/libiotpay.so.
#   deb     make deb, then apt-get install ./php<ver>-iotpay_…deb on THIS
#           machine: php --ri iotpay and a real php-fpm worker (FastCGI
#           request) must see it; apt-get remove must leave none of the files
#           dpkg -L listed, no conf.d link, no phpenmod state. Whatever
#           happens, the package is removed again on exit, so the machine's
#           PHP is as before for anything that runs later. Needs root.
# Usage: tools/test-install.sh phpize|deb
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
php=${PHP:-php}
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/iotpay-install-test.XXXXXX")
cleanup=()
trap 'for c in "${cleanup[@]}"; do eval "$c" || true; done; rm -rf "$tmp"' EXIT
# The module list read whole: `php -m | grep -q` under pipefail can fail on SIGPIPE.
php_loads_iotpay() { grep -qx iotpay <<< "$(env -u PHP_INI_SCAN_DIR "$php" -m)"; }
fail() { echo "test-install: FAIL: $*" >&2; exit 1; }
step() { echo "test-install: $*"; }

phpize_path() {
    [ -z "$(git status --porcelain --untracked-files=no -- ext composer.json Cargo.toml Cargo.lock src core 2>/dev/null)" ] ||
        echo "test-install: note: uncommitted changes are not in the clone (it is HEAD)"
    if git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
        git clone -q --no-hardlinks "$repo" "$tmp/src"
    else
        # A source tree without git (an unpacked tarball): the same files, minus what builds make.
        mkdir "$tmp/src"
        tar -C "$repo" --exclude=./target --exclude=./build --exclude=./fuzz/target -cf - . | tar -C "$tmp/src" -xf -
        (cd "$tmp/src/ext" && { phpize --clean >/dev/null 2>&1 || true; })
    fi
    local start=$SECONDS
    (
        # For every make below: phpize's `make test` and `make install` run
        # the module's rule too, and must find cargo's output in the same place.
        export CARGO_TARGET_DIR=$repo/target CARGO_NET_OFFLINE=true
        cd "$tmp/src/ext"
        phpize >"$tmp/phpize.log" 2>&1 || { cat "$tmp/phpize.log"; exit 1; }
        ./configure >"$tmp/configure.log" 2>&1 || { cat "$tmp/configure.log"; exit 1; }
        make
        NO_INTERACTION=1 make test | tee "$tmp/make-test.log"
        grep -q '^Tests passed *: *1 ' "$tmp/make-test.log" || exit 1
        make install INSTALL_ROOT="$tmp/root"
    ) || fail "the phpize build failed"
    step "phpize && ./configure && make && make test && make install: $((SECONDS - start)) s"
    local so
    so=$tmp/root$(php-config --extension-dir)/iotpay.so
    [ -f "$so" ] || fail "make install did not install $so"
    local ri
    ri=$("$php" -n -d "extension=$so" --ri iotpay) || fail "php -d extension=$so --ri iotpay failed"
    echo "$ri" | grep -q "^version => $version\$" || fail "php --ri iotpay does not say version $version: $ri"
    echo "$ri" | grep -q "^API version => " || fail "php --ri iotpay shows no API version"
    step "OK: the phpize build of a clean clone loads (php -d extension=$so --ri iotpay: version $version)"
}

deb_path() {
    [ "$(id -u)" = 0 ] || fail "installing a .deb needs root"
    local phpver pkg deb
    phpver=$("$php" -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
    pkg=php$phpver-iotpay
    if dpkg -s "$pkg" >/dev/null 2>&1; then fail "$pkg is already installed here: remove it first"; fi
    php_loads_iotpay && fail "this machine's PHP already loads an iotpay extension: the test could not tell"
    deb=$(bash tools/make-deb.sh "$tmp") || fail "make-deb failed"
    [ "$(basename "$deb")" = "${pkg}_${version}_$(dpkg --print-architecture).deb" ] || fail "unexpected package name $deb"
    dpkg-deb -f "$deb" Depends | grep -q "phpapi-$(php-config --phpapi)" || fail "Depends lacks phpapi-$(php-config --phpapi)"

    cleanup+=("dpkg -s $pkg >/dev/null 2>&1 && apt-get remove -y -qq $pkg >/dev/null 2>&1")
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >"$tmp/apt.log" 2>&1 ||
        { cat "$tmp/apt.log"; fail "apt-get install $deb failed"; }
    step "installed $(basename "$deb")"
    dpkg -L "$pkg" > "$tmp/files"
    local ri
    ri=$(env -u PHP_INI_SCAN_DIR "$php" --ri iotpay 2>&1) || true
    grep -q "^version => $version\$" <<< "$ri" || fail "php --ri iotpay (CLI, Debian's ini) does not see $version: $ri"
    step "OK: php --ri iotpay: version $version"

    # A php-fpm worker with Debian's FPM ini (compiled-in scan dir /etc/php/<ver>/fpm/conf.d).
    cat > "$tmp/fpm.conf" <<CONF
[global]
pid = $tmp/fpm.pid
error_log = $tmp/fpm.log
daemonize = no
[probe]
user = root
group = root
listen = $tmp/fpm.sock
pm = static
pm.max_children = 1
CONF
    printf '<?php echo json_encode(["sapi" => PHP_SAPI, "iotpay" => phpversion("iotpay"), "api" => defined("IotPay\\\\API_VERSION") ? IotPay\\API_VERSION : null]);\n' > "$tmp/probe.php"
    env -u PHP_INI_SCAN_DIR "php-fpm$phpver" -R -F -y "$tmp/fpm.conf" &
    local fpm=$!
    cleanup+=("kill $fpm 2>/dev/null; wait $fpm 2>/dev/null")
    for _ in $(seq 1 100); do [ -S "$tmp/fpm.sock" ] && break; sleep 0.05; done
    local got
    got=$(python3 tools/fcgi-get.py "$tmp/fpm.sock" "$tmp/probe.php") || fail "no answer from php-fpm: $(cat "$tmp/fpm.log")"
    echo "$got" | grep -q "\"sapi\":\"fpm-fcgi\"" || fail "php-fpm answered: $got"
    echo "$got" | grep -q "\"iotpay\":\"$version\"" || fail "the php-fpm worker does not load iotpay $version: $got"
    kill "$fpm"; wait "$fpm" 2>/dev/null || true
    step "OK: a php-fpm worker loads it: $got"

    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$pkg" >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log"; fail "apt-get remove failed"; }
    local left=()
    while IFS= read -r f; do
        [ -d "$f" ] && continue
        [ -e "$f" ] || [ -L "$f" ] && left+=("$f")
    done < "$tmp/files"
    while IFS= read -r f; do left+=("$f"); done < <(find /etc/php /var/lib/php/modules "$(php-config --extension-dir)" -name '*iotpay*' 2>/dev/null)
    [ ${#left[@]} -eq 0 ] || fail "apt-get remove left: ${left[*]}"
    dpkg -s "$pkg" >/dev/null 2>&1 && fail "dpkg still knows $pkg: $(dpkg -s "$pkg" | grep Status)"
    php_loads_iotpay && fail "PHP still loads iotpay after removal"
    step "OK: apt-get remove left nothing ($(grep -vc '^/\.$' "$tmp/files") paths checked, conf.d links and phpenmod state gone)"
}

case "${1:-}" in
    phpize) phpize_path ;;
    deb) deb_path ;;
    *) echo "usage: $0 phpize|deb" >&2; exit 2 ;;
esac
