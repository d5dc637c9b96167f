#!/usr/bin/env bash
# Builds Xen 4.17's hypervisor for arm64 with CONFIG_IOREQ_SERVER, which no
# Debian Xen on Arm has (without it a dom0 device model's
# create_ioreq_server fails with ENOSYS), for the lane where a dom0 serves a
# virtio-mmio device to the probe image.
#   bash ci/xen-ioreq.sh DEST
# Result: DEST/xen (boots like /boot/xen-4.17-arm64), DEST/xen.config (the
# config it was built with) and DEST/.stamp. Cached: with all three there
# and the stamp's recipe unchanged it exits 0 at once, without network.
#
# Source: Debian 12's own `xen` source package, fetched with apt-get source
# (which applies Debian's patches through dpkg-source -x) through a private
# apt configuration in a temporary directory: /etc/apt is only read (for
# the mirror and apt's own settings), the system's lists are not touched. Config: Debian's arm64 one, as shipped
# in xen-hypervisor-4.17-arm64 of the same version (downloaded, not
# installed), plus the options below. Only xen/ is built, not the tools.
# Needs aarch64-linux-gnu-gcc, make, dpkg-source, flex and bison (Xen's
# kconfig ships no pre-generated parser); missing ones are installed.
set -euo pipefail

dest=${1:?usage: xen-ioreq.sh DEST}

# Versions of the source package to try, in order. The first is the one
# bookworm-security ships as xen-hypervisor-4.17-arm64 (what ci/xen-arm64.sh
# unpacks); some mirrors serve that suite's binaries but answer 404 for its
# source files, so bookworm's own release follows. Whichever is built, the
# config comes from the binary package of that same version, and the stamp
# and Xen's banner say which.
versions=(4.17.7+13-g2445b30a44-0+deb12u1 4.17.5+72-g01140da4e8-1)
config_pkg=xen-hypervisor-4.17-arm64
# IOREQ_SERVER is only offered on Arm with EXPERT. EXPERT also makes
# DEBUG_INFO visible, and it defaults to y: it is turned off again so the
# compiler flags stay those of Debian's build (no -g).
options=(CONFIG_EXPERT=y CONFIG_IOREQ_SERVER=y CONFIG_DEBUG_INFO=n)
# Appended to Xen's version string, so the banner tells this build from
# Debian's: "Xen version 4.17.x-vcheck-ioreq (Debian 4.17.x+...)".
vendor=-vcheck-ioreq
cross=aarch64-linux-gnu-
# The stamp's first line; any change here rebuilds.
recipe="xen-ioreq 2: ${versions[*]} | ${options[*]} | $vendor"

if [ -f "$dest/xen" ] && [ -f "$dest/xen.config" ] && [ -f "$dest/.stamp" ] &&
	[ "$(head -n 1 "$dest/.stamp")" = "$recipe" ]; then
	exit 0
fi

fail() {
	echo "ci/xen-ioreq.sh: $*" >&2
	exit 1
}
# Runs a step with its output in a log; on failure shows the log's end.
step() {
	local what=$1 log=$2
	shift 2
	if ! "$@" >"$log" 2>&1; then
		tail -n 40 "$log" >&2
		fail "$what failed (command: $*)"
	fi
}

# Build tools: Debian packages, installed system-wide only when missing.
declare -A tool_pkg=([${cross}gcc]=gcc-aarch64-linux-gnu [${cross}objcopy]=binutils-aarch64-linux-gnu
	[make]=make [dpkg-source]=dpkg-dev [flex]=flex [bison]=bison [xz]=xz-utils)
missing=()
for t in "${!tool_pkg[@]}"; do
	command -v "$t" >/dev/null || missing+=("${tool_pkg[$t]}")
done
if [ ${#missing[@]} -gt 0 ]; then
	[ "$(id -u)" = 0 ] || fail "missing build tools, install them as root: ${missing[*]}"
	echo "ci/xen-ioreq.sh: installing build tools: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
		apt-get update -qq || fail "apt-get update (for the build tools) failed"
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
			fail "could not install ${missing[*]}"
	fi
fi

start=$SECONDS
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xen-ioreq.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The private apt configuration. Its archives are the system's own for the
# bookworm and bookworm-security suites (read from the system's sources, so
# whatever mirror this machine uses), with deb-src lines for the source and
# arm64-only deb lines for the config's package. Lists and cache live in
# $tmp; the sandbox user is root because $tmp is private to root (apt would
# otherwise warn that _apt cannot write there). Setting APT::Architectures
# makes arm64 known without adding it to dpkg.
apt_dir=$tmp/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
apt_opts=(-o "Dir::Etc::sourcelist=$apt_dir/sources.list" -o Dir::Etc::sourceparts=-
	-o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
	-o APT::Architectures::=arm64 -o APT::Sandbox::User=root)
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || fail "no $keyring (package debian-archive-keyring) to check the archive with"
# shellcheck disable=SC2016 # $(...) here are apt's format fields, not the shell's
repos=$(apt-get indextargets --no-release-info --format '$(REPO_URI) $(RELEASE)' 'Created-By: Packages' |
	sort -u | awk '$2 == "bookworm" || $2 == "bookworm-security"')
[ -n "$repos" ] || fail "the system's apt sources have no bookworm or bookworm-security suite to take the mirror from"
while read -r uri suite; do
	echo "deb-src [signed-by=$keyring] $uri $suite main"
	echo "deb [arch=arm64 signed-by=$keyring] $uri $suite main"
done <<<"$repos" >"$apt_dir/sources.list"
step "apt-get update (private configuration, $apt_dir/sources.list)" "$tmp/update.log" \
	apt-get "${apt_opts[@]}" update

# Source: the first version that downloads, unpacked and patched.
version=
for v in "${versions[@]}"; do
	mkdir "$tmp/src-$v"
	if (cd "$tmp/src-$v" && apt-get "${apt_opts[@]}" source "xen=$v") >"$tmp/source-$v.log" 2>&1; then
		version=$v
		break
	fi
	echo "ci/xen-ioreq.sh: source xen=$v not available here:" >&2
	grep -E '^(E|W): ' "$tmp/source-$v.log" | grep -v unsandboxed | head -n 4 >&2 || true
done
[ -n "$version" ] || fail "apt-get source failed for every version tried (${versions[*]})"
tree=$(find "$tmp/src-$version" -mindepth 1 -maxdepth 1 -type d -name 'xen-*')
if [ -z "$tree" ] || [ ! -d "$tree/xen" ]; then
	fail "apt-get source xen=$version left no xen-*/xen directory"
fi
echo "ci/xen-ioreq.sh: building Xen from Debian's source xen $version"

# Debian's config: /boot/xen-4.17-arm64.config of the same version's
# hypervisor package.
mkdir "$tmp/deb"
cd "$tmp/deb"
step "apt-get download $config_pkg:arm64=$version" "$tmp/download.log" \
	apt-get "${apt_opts[@]}" download "$config_pkg:arm64=$version"
cd - >/dev/null
step "unpacking $config_pkg" "$tmp/unpack.log" dpkg-deb -x "$tmp/deb/${config_pkg}_"*_arm64.deb "$tmp/deb/root"
debian_config=$tmp/deb/root/boot/xen-4.17-arm64.config
[ -f "$debian_config" ] || fail "$config_pkg $version has no /boot/xen-4.17-arm64.config"

# The options replace whatever line Debian's config has for them; then
# olddefconfig fills in what they make visible with kconfig's defaults.
# Cross-compiling: no CFLAGS or the like from the caller's environment
# (Xen's build takes them as its own), and no outer make's job server.
unset CFLAGS CXXFLAGS CPPFLAGS LDFLAGS MAKEFLAGS MFLAGS
# DEB_VERSION and DEB_MAINTAINER fill the banner's fields that Debian's
# patch adds (its build takes them from dpkg): "(Debian VERSION)" and
# "(xen-ioreq@vcheck)" in place of Debian's maintainer address.
make_args=(-C "$tree/xen" XEN_TARGET_ARCH=arm64 CROSS_COMPILE="$cross" XEN_VENDORVERSION="$vendor"
	DEB_VERSION="$version" DEB_MAINTAINER="vcheck <xen-ioreq@vcheck>")
config=$tree/xen/.config
sed_del=()
for o in "${options[@]}"; do
	sed_del+=(-e "/^${o%%=*}=/d" -e "/^# ${o%%=*} is not set\$/d")
done
sed "${sed_del[@]}" "$debian_config" >"$config"
for o in "${options[@]}"; do
	case $o in
	*=n) echo "# ${o%=n} is not set" ;;
	*) echo "$o" ;;
	esac
done >>"$config"
step "make olddefconfig" "$tmp/olddefconfig.log" make "${make_args[@]}" olddefconfig
# kconfig drops a setting whose dependencies are unmet: check each took.
for o in "${options[@]}"; do
	case $o in
	*=n) ! grep -q "^${o%=n}=" "$config" || fail "xen/.config has ${o%=n} set, wanted it off" ;;
	*) grep -qx "$o" "$config" || fail "xen/.config lacks $o after olddefconfig (kconfig dropped it)" ;;
	esac
done

# Two jobs: the machines this runs on have two cores.
step "building the hypervisor (make -C xen)" "$tmp/build.log" make "${make_args[@]}" -j2
[ -s "$tree/xen/xen" ] || fail "the build left no $tree/xen/xen"
# An arm64 Image (what QEMU's -kernel and the dom0less target boot) has the
# magic "ARM\x64" at byte 56.
[ "$(od -An -tx1 -j56 -N4 "$tree/xen/xen" | tr -d ' ')" = 41524d64 ] ||
	fail "$tree/xen/xen is not an arm64 Image"

# Temporary names in DEST, renamed at the end; the stamp goes last, so an
# interrupted run is never taken for a finished one.
mkdir -p "$dest"
rm -f "$dest/.stamp"
cp "$tree/xen/xen" "$dest/xen.new"
cp "$config" "$dest/xen.config.new"
{
	echo "$recipe"
	echo "source: xen $version (Debian), config from $config_pkg $version"
	echo "built: $(LC_ALL=C date -u) with $("${cross}gcc" --version | head -n 1)"
} >"$dest/.stamp.new"
mv "$dest/xen.config.new" "$dest/xen.config"
mv "$dest/xen.new" "$dest/xen"
mv "$dest/.stamp.new" "$dest/.stamp"
echo "ci/xen-ioreq.sh: Xen $version with ${options[*]} in $dest/xen ($((SECONDS - start)) s)"
