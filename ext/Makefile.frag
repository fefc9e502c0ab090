
# The iotpay module is built by cargo (see config.m4), in the crate root.
# cargo decides what is out of date, so `make` always asks it; with nothing
# changed it returns at once. `make install` does not: it is often run with
# sudo (PIE does), where the builder's cargo and toolchain are not on hand,
# so it only installs what `make` built. CARGO_TARGET_DIR is honoured (a
# packager or CI can point it at a directory holding compiled dependencies);
# extra cargo flags, such as --offline or --frozen for a build from a
# vendored tarball, go in IOTPAY_CARGO_FLAGS. A `make -jN` jobserver is
# shared with cargo. PHP and PHP_CONFIG from the caller's environment are
# dropped: ext-php-rs would take them (PHP=php is not a path it accepts), and
# configure already chose the PHP (IOTPAY_PHP_ENV names it when it is not
# PATH's).
IOTPAY_CARGO_FLAGS =

.PHONY: iotpay-cargo-build
iotpay-cargo-build:
	cd "$(IOTPAY_CRATE_DIR)" && env -u PHP -u PHP_CONFIG $(IOTPAY_PHP_ENV) "$(CARGO)" build --release --locked -p iotpay $(IOTPAY_CARGO_FLAGS)

ifeq ($(filter install install-modules,$(MAKECMDGOALS)),)
$(phplibdir)/iotpay.la: iotpay-cargo-build
endif

$(phplibdir)/iotpay.la:
	@if test ! -f "$(IOTPAY_LIB)" && test -n "$(filter install install-modules,$(MAKECMDGOALS))"; then \
		echo "iotpay: nothing built yet: run make (as the user with the Rust toolchain) before make install" >&2; exit 1; \
	fi
	@mkdir -p "$(phplibdir)"
	@cp "$(IOTPAY_LIB)" "$(phplibdir)/iotpay.so.tmp" && \
	mv -f "$(phplibdir)/iotpay.so.tmp" "$(phplibdir)/iotpay.so" && \
	echo "iotpay: $(IOTPAY_LIB) -> $(phplibdir)/iotpay.so"
	@printf "# Written by Makefile.frag (cargo, not libtool, built the module).\ndlname='iotpay.so'\n" > $@

# Where cargo puts the library: CARGO_TARGET_DIR (relative to the crate) or target/.
IOTPAY_TARGET_DIR = $(if $(CARGO_TARGET_DIR),$(if $(filter /%,$(CARGO_TARGET_DIR)),$(CARGO_TARGET_DIR),$(IOTPAY_CRATE_DIR)/$(CARGO_TARGET_DIR)),$(IOTPAY_CRATE_DIR)/target)
IOTPAY_LIB = $(IOTPAY_TARGET_DIR)/release/libiotpay.so
