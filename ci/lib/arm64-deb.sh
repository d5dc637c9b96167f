# Sourced by the scripts that take one Debian arm64 package apart without
# installing it (ci/libfdt-arm64.sh, ci/xen-arm64.sh, ci/libxen-dev-arm64.sh).
#   arm64_deb PKG DIR   downloads PKG:arm64 into DIR; echoes the .deb's path
#   arm64_unpack PKG    downloads PKG:arm64 and unpacks it into $root, in a
#                       temporary directory removed when the script exits;
#                       $deb is the package file
# dpkg needs the arm64 architecture for apt to know the package (added
# once, with a list update); a download that fails on stale lists is
# retried once after an update.
arm64_deb() {
	local pkg=$1 dir=$2
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		dpkg --add-architecture arm64
		apt-get update -qq
	fi
	if ! (cd "$dir" && apt-get download -qq "$pkg:arm64" 2>/dev/null); then
		apt-get update -qq
		(cd "$dir" && apt-get download -qq "$pkg:arm64")
	fi
	ls "$dir/$pkg"_*_arm64.deb
}

arm64_unpack() {
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	deb=$(arm64_deb "$1" "$tmp")
	root=$tmp/root
	dpkg -x "$deb" "$root"
}
