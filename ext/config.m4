dnl The phpize build of the iotpay extension (PIE runs exactly this:
dnl `phpize && ./configure && make && make install`). The extension is Rust:
dnl configure finds cargo and the crate (the directory above this one), and
dnl Makefile.frag has `make` run cargo and put the library where phpize's
dnl `make install` takes modules from. No C is compiled here.

PHP_ARG_ENABLE([iotpay],
  [whether to enable the iotpay extension],
  [AS_HELP_STRING([--enable-iotpay], [Build the iotpay extension (Rust, needs cargo 1.85+ and libclang)])],
  [yes])

if test "$PHP_IOTPAY" != "no"; then
  dnl cargo from PATH, else rustup's default place: `sudo make install` and
  dnl PIE's elevated runs often have a PATH without ~/.cargo/bin.
  AC_ARG_VAR([CARGO], [the cargo to build with])
  AC_PATH_PROG([CARGO], [cargo], [no], [$PATH:$HOME/.cargo/bin])
  if test "$CARGO" = "no"; then
    AC_MSG_ERROR([cargo not found. The iotpay extension is written in Rust: install the Rust toolchain (1.85 or later, https://rustup.rs) or set CARGO=/path/to/cargo])
  fi

  AC_MSG_CHECKING([for rustc 1.85 or later])
  RUSTC_VERSION=`"$CARGO" --version 2>/dev/null | sed -n 's/^cargo \([[0-9]]*\.[[0-9]]*\).*/\1/p'`
  rust_major=`echo "$RUSTC_VERSION" | cut -d. -f1`
  rust_minor=`echo "$RUSTC_VERSION" | cut -d. -f2`
  if test -z "$rust_major" || test "$rust_major" -lt 1 || { test "$rust_major" -eq 1 && test "$rust_minor" -lt 85; }; then
    AC_MSG_ERROR([cargo $RUSTC_VERSION is too old: the iotpay extension needs Rust 1.85 or later (rustup update)])
  fi
  AC_MSG_RESULT([$RUSTC_VERSION])

  AC_MSG_CHECKING([for the iotpay crate])
  IOTPAY_CRATE_DIR=`cd "$srcdir/.." && pwd`
  if test ! -f "$IOTPAY_CRATE_DIR/Cargo.toml" || test ! -f "$IOTPAY_CRATE_DIR/Cargo.lock"; then
    AC_MSG_ERROR([no Cargo.toml and Cargo.lock in $IOTPAY_CRATE_DIR: run phpize in the ext/ directory of an iotpay source tree])
  fi
  AC_MSG_RESULT([$IOTPAY_CRATE_DIR])

  dnl ext-php-rs (the Rust binding) reads PHP's headers and build settings
  dnl from the php-config and php it finds on PATH, unless PHP_CONFIG and
  dnl PHP name others. Name them only when the PHP configure was given is not
  dnl PATH's: cargo rebuilds ext-php-rs whenever those variables change, so a
  dnl build for PATH's PHP reuses what a plain `cargo build` already compiled.
  AC_MSG_CHECKING([which PHP cargo builds for])
  iotpay_cfg=`command -v "$PHP_CONFIG" 2>/dev/null`
  iotpay_cfg=`readlink -f "$iotpay_cfg" 2>/dev/null`
  iotpay_path_cfg=`command -v php-config 2>/dev/null`
  iotpay_path_cfg=`readlink -f "$iotpay_path_cfg" 2>/dev/null`
  iotpay_php=`readlink -f "$PHP_EXECUTABLE" 2>/dev/null`
  iotpay_path_php=`command -v php 2>/dev/null`
  iotpay_path_php=`readlink -f "$iotpay_path_php" 2>/dev/null`
  if test -n "$iotpay_cfg" && test "$iotpay_cfg" = "$iotpay_path_cfg" && test "$iotpay_php" = "$iotpay_path_php"; then
    IOTPAY_PHP_ENV=""
    AC_MSG_RESULT([$PHP_EXECUTABLE (the php on PATH)])
  else
    IOTPAY_PHP_ENV="PHP_CONFIG='$iotpay_cfg' PHP='$PHP_EXECUTABLE'"
    AC_MSG_RESULT([$PHP_EXECUTABLE (PHP_CONFIG=$iotpay_cfg)])
  fi

  dnl phpize's `make` builds $(PHP_MODULES) and `make install` copies
  dnl modules/* (less *.la) into the extension directory. Makefile.frag writes
  dnl modules/iotpay.so (cargo's library) and the small libtool file that
  dnl phpize's `make test` reads the module's name from.
  PHP_MODULES='$(phplibdir)/iotpay.la'
  dnl Without one build directory, configure calls `shtool mkdir` with none.
  PHP_ADD_BUILD_DIR([modules])
  PHP_SUBST(CARGO)
  PHP_SUBST(IOTPAY_CRATE_DIR)
  PHP_SUBST(IOTPAY_PHP_ENV)
  PHP_ADD_MAKEFILE_FRAGMENT([$abs_srcdir/Makefile.frag])
fi
