#!/bin/sh
# Install what `make` needs, or say exactly how to.
#   scripts/deps.sh build   compiler libraries and tools
#   scripts/deps.sh check   also what the test suite needs
# As root on Debian/Ubuntu it runs apt-get; otherwise it prints the install
# command for apt, dnf and brew and exits 1.
set -u
what=${1:-build}

missing_deb=""
missing_rpm=""
missing_brew=""
need() { # deb rpm brew
	missing_deb="$missing_deb $1"
	missing_rpm="$missing_rpm $2"
	missing_brew="$missing_brew $3"
}

command -v cc >/dev/null 2>&1 || need build-essential gcc gcc
command -v pkg-config >/dev/null 2>&1 || need pkg-config pkgconf-pkg-config pkg-config
if command -v pkg-config >/dev/null 2>&1; then
	pkg-config --exists yaml-0.1 || need libyaml-dev libyaml-devel libyaml
	pkg-config --exists libcmark || need libcmark-dev cmark-devel cmark
	pkg-config --exists libpcre2-8 || need libpcre2-dev pcre2-devel pcre2
	pkg-config --exists libcrypto || need libssl-dev openssl-devel openssl@3
else
	need "libyaml-dev libcmark-dev libpcre2-dev libssl-dev" \
		"libyaml-devel cmark-devel pcre2-devel openssl-devel" \
		"libyaml cmark pcre2 openssl@3"
fi
command -v tar >/dev/null 2>&1 || need tar tar gnu-tar
command -v gzip >/dev/null 2>&1 || need gzip gzip gzip

if [ "$what" = check ]; then
	py=/usr/bin/python3
	[ -x "$py" ] || py=$(command -v python3 || echo python3)
	command -v python3 >/dev/null 2>&1 || need python3 python3 python3
	"$py" -c 'import jsonschema' >/dev/null 2>&1 || need python3-jsonschema python3-jsonschema jsonschema
	command -v git >/dev/null 2>&1 || need git git git
	command -v sha256sum >/dev/null 2>&1 || need coreutils coreutils coreutils
	# the html tests (tests/cli/t3000-html-*.sh, t3010-html-browser.sh):
	# validator.nu runs on Java and comes from npm: tests/browser/setup.sh
	# installs the exact version of tests/browser/package-lock.json into
	# build/npm (Debian 12's npm 9 and nodejs 18 do). Chromium is driven by
	# tests/browser/check_site.py over the DevTools protocol with nothing but
	# python3, so no browser driver package is needed.
	command -v java >/dev/null 2>&1 ||
		need default-jre-headless java-17-openjdk-headless openjdk
	# Debian's chromium, or a Chrome/Chromium already on the machine (set
	# CHROMIUM to its path; GitHub's runners have google-chrome)
	if [ -z "${CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
		need chromium chromium chromium
	fi
	# Debian's npm brings Debian's nodejs
	command -v npm >/dev/null 2>&1 || need npm nodejs-npm node
fi

if [ "$what" = fuzz ]; then
	command -v clang >/dev/null 2>&1 || need clang clang llvm
	# libFuzzer's runtime
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 ||
		need libclang-rt-dev compiler-rt llvm
fi

[ -z "$missing_deb" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "corpusc: installing:$missing_deb" >&2
	export DEBIAN_FRONTEND=noninteractive
	# another apt-get (a second make beside this one, unattended upgrades)
	# may hold dpkg's lock: wait for it rather than fail
	apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 || true
	# shellcheck disable=SC2086
	apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
		$missing_deb >&2 && exit 0
	echo "corpusc: apt-get install failed" >&2
	exit 1
fi

cat >&2 <<MSG
corpusc: missing build or test dependencies. Install them with one of:
  sudo apt-get install$missing_deb
  sudo dnf install$missing_rpm
  brew install$missing_brew
then run make again.
MSG
exit 1
