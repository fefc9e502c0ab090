# iotpay-woocommerce: the IOTPay PHP extension (Rust), its sandbox, and tests.
# `make` builds the release extension; `make test` runs every check.

PHP        ?= php
PHP_CONFIG ?= php-config
PHPUNIT    ?= phpunit
CARGO      ?= cargo

EXT        := $(CURDIR)/target/release/libiotpay.so
SANDBOX    := $(CURDIR)/target/release/iotpay-sandbox
STUBS      := php/stubs/iotpay.stub.php
PHP_EXT    := PHP=$(PHP) tools/php-with-ext.sh $(EXT)

.PHONY: flood fuzz-smoke fuzz-long all build install uninstall deb dist test-install test-install-phpize test-install-docker test-install-deb test test-rust test-php test-plugin lint stubs check-stubs i18n check-pot check-po demo bench plugin-zip clean

all: build

build:
	$(CARGO) build --release --locked -p iotpay -p iotpay-sandbox

# Installs into PHP's extension dir and enables it (Debian: phpenmod; else the scan dir).
install: build
	install -m 0755 $(EXT) "$$($(PHP_CONFIG) --extension-dir)/iotpay.so"
	@if command -v phpenmod >/dev/null 2>&1 && [ -d /etc/php/$$($(PHP) -r 'echo PHP_MAJOR_VERSION.".".PHP_MINOR_VERSION;')/mods-available ]; then \
		v=$$($(PHP) -r 'echo PHP_MAJOR_VERSION.".".PHP_MINOR_VERSION;'); \
		printf '; priority=20\nextension=iotpay.so\n' > /etc/php/$$v/mods-available/iotpay.ini; \
		phpenmod -v $$v iotpay; \
	else \
		d=$$($(PHP) -r 'echo PHP_CONFIG_FILE_SCAN_DIR;'); \
		test -n "$$d" || { echo "PHP has no conf.d scan dir; add extension=iotpay.so to php.ini"; exit 1; }; \
		printf 'extension=iotpay.so\n' > "$$d/20-iotpay.ini"; \
	fi
	$(PHP) --ri iotpay

uninstall:
	-command -v phpdismod >/dev/null 2>&1 && phpdismod iotpay
	rm -f "$$($(PHP_CONFIG) --extension-dir)/iotpay.so"

# build/php<ver>-iotpay_<version>_<arch>.deb for the PHP on this machine,
# from the extension already built (see tools/make-deb.sh).
deb: build
	PHP=$(PHP) PHP_CONFIG=$(PHP_CONFIG) IOTPAY_EXT=$(EXT) bash tools/make-deb.sh build

# build/iotpay-<version>.tar.gz: the source with every crate vendored, for a
# packager's offline build (README "Install"). Needs the crates once (network
# or cargo's cache).
VERSION := $(shell sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
dist:
	rm -rf build/dist && mkdir -p build/dist/iotpay-$(VERSION)/.cargo
	git archive --format=tar HEAD | tar -x -C build/dist/iotpay-$(VERSION)
	cd build/dist/iotpay-$(VERSION) && $(CARGO) vendor --locked --versioned-dirs vendor > .cargo/config.toml
	tar -C build/dist -czf build/iotpay-$(VERSION).tar.gz iotpay-$(VERSION)
	rm -rf build/dist
	@echo build/iotpay-$(VERSION).tar.gz

# The .deb installed, loaded (CLI and php-fpm) and removed on this machine
# (root; removed again whatever happens), the Dockerfile when a container
# runtime is there, then the phpize path from a clean clone. Last in `make
# test`: the .deb changes the machine's PHP while it runs, and the clone's
# build, sharing target/, leaves its own target/release/libiotpay.so (the
# same commit), so the .deb is made before it.
test-install: test-install-deb test-install-docker test-install-phpize
test-install-phpize: build
	PHP=$(PHP) bash tools/test-install.sh phpize
# Builds examples/docker/Dockerfile when docker or podman is present; says it skipped otherwise.
test-install-docker:
	bash tools/test-docker.sh
test-install-deb: build
	PHP=$(PHP) bash tools/test-install.sh deb

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

test-rust:
	$(CARGO) test --workspace --locked

stubs: build
	$(PHP_EXT) tools/gen-stubs.php > $(STUBS)

# CI fails when the committed stubs differ from what the code generates.
check-stubs: build
	$(PHP_EXT) tools/gen-stubs.php | diff -u $(STUBS) - || { echo "php/stubs are stale: run 'make stubs'"; exit 1; }

# The plugin's translations, in one go: the .pot from the code (PHP and
# assets/js), every languages/*.po merged with it, the .mo and the scripts'
# JSON files rebuilt. Then translate what `make check-po` lists.
POT := wordpress-plugin/iotpay-for-woocommerce/languages/iotpay-for-woocommerce.pot
i18n:
	bash tools/make-pot.sh
	python3 tools/i18n.py update

# CI fails when the committed .pot differs from what the code generates.
check-pot:
	@tmp=$$(mktemp) && bash tools/make-pot.sh "$$tmp" && \
	if diff -u $(POT) "$$tmp"; then rm -f "$$tmp"; echo "$(POT) is up to date"; \
	else rm -f "$$tmp"; echo "$(POT) is stale: run 'make i18n', then translate the new strings"; exit 1; fi

# CI fails when a .po misses, has not translated or has a stale/fuzzy entry,
# a placeholder differs, or a .mo/JSON file is not what its .po gives.
check-po:
	python3 tools/i18n.py check

test-php: build
	IOTPAY_EXTENSION=$(EXT) IOTPAY_SANDBOX_BIN=$(SANDBOX) $(PHP_EXT) $$(command -v $(PHPUNIT)) -c tests/php/phpunit.xml

# The plugin's tests need a MariaDB: a private instance is started and stopped here.
test-plugin: build
	@eval "$$(bash wordpress-plugin/tests/start-mariadb.sh)" && \
	IOTPAY_SANDBOX_BIN=$(SANDBOX) $(PHP_EXT) $$(command -v $(PHPUNIT)) -c wordpress-plugin/tests/phpunit.xml; \
	rc=$$?; bash wordpress-plugin/tests/start-mariadb.sh stop; exit $$rc

# The long notification flood (N = 200 duplicates + 20 polls), not part of `make test`.
flood: build
	@export IOTPAY_TEST_DB_DIR=$$(mktemp -d) && eval "$$(bash wordpress-plugin/tests/start-mariadb.sh)" && \
	IOTPAY_FLOOD_N=200 IOTPAY_SANDBOX_BIN=$(SANDBOX) $(PHP_EXT) $$(command -v $(PHPUNIT)) -c wordpress-plugin/tests/phpunit.xml --filter ConcurrencyTest; \
	rc=$$?; bash wordpress-plugin/tests/start-mariadb.sh stop; exit $$rc

FUZZ_TARGETS := notification signing amount response sunbay_webhook sunbay_response
# cargo-fuzz needs nightly-only compiler flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them.
fuzz-smoke:
	command -v cargo-fuzz >/dev/null 2>&1 || $(CARGO) install --locked cargo-fuzz
	cd fuzz && for t in $(FUZZ_TARGETS); do RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run -O $$t -- -max_total_time=15 || exit 1; done

fuzz-long:
	command -v cargo-fuzz >/dev/null 2>&1 || $(CARGO) install --locked cargo-fuzz
	cd fuzz && for t in $(FUZZ_TARGETS); do RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run -O $$t -- -max_total_time=600 -print_final_stats=1 || exit 1; done

test: check-pot check-po lint test-rust fuzz-smoke check-stubs test-php test-plugin test-install

# The installable plugin zip (no build step needed on the shop's server).
plugin-zip:
	mkdir -p build
	rm -f build/iotpay-for-woocommerce.zip
	cd wordpress-plugin && python3 -m zipfile -c ../build/iotpay-for-woocommerce.zip iotpay-for-woocommerce
	@echo build/iotpay-for-woocommerce.zip

demo: build
	bash examples/run-demo.sh

clean:
	$(CARGO) clean

# Benchmarks print figures; they never pass or fail on speed.
bench: build
	$(CARGO) bench -p iotpay-core --bench sign
	$(CARGO) bench -p iotpay-core --bench transport
	$(PHP_EXT) bench/sign_bench.php
	$(PHP_EXT) bench/sunbay_webhook_bench.php
	bash bench/fpm/run.sh 200
	bash bench/notify/run.sh 200
	bash bench/status/run.sh 10 60
