#!/usr/bin/env bash
# make test-install-docker: builds examples/docker/Dockerfile (the phpize build
# in the official PHP image, then docker-php-ext-enable) and asks the image's
# PHP for the extension. Needs a container runtime (docker or podman) and the
# network (the base image, rustup, crates); skipped, saying so, without one.
set -euo pipefail
cd "$(dirname "$0")/.."
runtime=""
for r in docker podman; do
    if command -v "$r" >/dev/null 2>&1 && "$r" info >/dev/null 2>&1; then runtime=$r; break; fi
done
if [ -z "$runtime" ]; then
    echo "test-install-docker: SKIPPED: no usable container runtime (docker or podman) on this machine; examples/docker/Dockerfile was not built"
    exit 0
fi
tag=iotpay-docker-example:test
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
"$runtime" build -f examples/docker/Dockerfile -t "$tag" .
trap '"$runtime" rmi -f "$tag" >/dev/null 2>&1 || true' EXIT
ri=$("$runtime" run --rm "$tag" php --ri iotpay)
echo "$ri" | grep -q "^version => $version\$" || { echo "test-install-docker: FAIL: the image's php --ri iotpay: $ri" >&2; exit 1; }
fpm=$("$runtime" run --rm "$tag" php-fpm -m)
echo "$fpm" | grep -qx iotpay || { echo "test-install-docker: FAIL: php-fpm in the image does not load iotpay" >&2; exit 1; }
echo "test-install-docker: OK: $runtime image built; php and php-fpm load iotpay $version"
