#!/usr/bin/env bash
# Builds the L1 of the nested-KVM lane into DEST from Debian 12 arm64
# packages (downloaded and unpacked, never installed):
#   DEST/Image        the stock arm64 kernel (KVM built in)
#   DEST/initrd.cpio  busybox, an arm64 qemu-system-aarch64 with every library
#                     it loads and its virtio-gpu modules, the kernel modules
#                     for 9p over virtio, and ci/nested/init as /init
# Cached: DEST/.stamp holds a hash of this script, the init and the package
# versions; while it matches (and apt's lists are no newer) a run does no
# more than compare it. Downloads are kept in DEST/.stage/debs, so a change
# to the init alone rebuilds without the network.
set -Eeuo pipefail
dest=${1:?usage: nested-kvm.sh DEST}
self=$(realpath "${BASH_SOURCE[0]}")
init=$(dirname "$self")/nested/init
stamp=$dest/.stamp
t0=$EPOCHREALTIME
[ -f "$init" ] || { echo "nested-kvm: error: no $init" >&2; exit 1; }
mkdir -p "$dest"
# one run at a time per DEST (they share DEST/.stage); a second one waits
# and then finds the first one's work up to date
exec 9>"$dest/.lock"
flock 9

# key < "name version" lines: what the stamp's first line must be
key() { cat "$self" "$init" - | sha256sum | cut -d' ' -f1; }

# The candidate "name version" of each package (arch-qualified names), one
# apt-cache call; a package with no candidate is left out.
candidates() {
	apt-cache "${apt[@]}" policy "$@" 2>/dev/null |
		awk '/^[^ ]/ { name = $1; sub(/:$/, "", name) }
		     /^  Candidate:/ && $2 != "(none)" { print name, $2 }'
}

# The newest bookworm arm64 kernel: the highest ABI number among the
# linux-image-6.1.0-N-arm64-unsigned packages apt knows (bookworm-security
# keeps older ABIs beside the current one).
newest_kernel() {
	apt-cache "${apt[@]}" search --names-only '^linux-image-6\.1\.0-[0-9]+-arm64-unsigned$' |
		cut -d' ' -f1 | sort -V | tail -n1
}

apt=()
if [ -f "$dest/Image" ] && [ -f "$dest/initrd.cpio" ] && [ -f "$stamp" ] &&
	[ "$(sed 1d "$stamp" | key)" = "$(head -n1 "$stamp")" ]; then
	# apt-cache takes about a second here (no binary cache in this image):
	# ask it only when apt's lists changed since the stamp
	if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -newer "$stamp" -print -quit)" ]; then
		echo "nested-kvm: $dest is up to date"
		exit 0
	fi
	kernel=$(sed -n 's/^\(linux-image-[^ ]*\):arm64 .*/\1/p' "$stamp")
	now=$(candidates $(sed '1d; s/ .*//' "$stamp") | sort)
	if [ "$(newest_kernel)" = "$kernel" ] && [ "$now" = "$(sed 1d "$stamp")" ]; then
		touch "$stamp"
		echo "nested-kvm: $dest is up to date (apt's versions checked)"
		exit 0
	fi
	echo "nested-kvm: package versions moved, rebuilding"
fi

stage=$dest/.stage
debs=$stage/debs
x=$stage/x
root=$stage/root
tmp_image=$dest/Image.tmp.$$
tmp_initrd=$dest/initrd.cpio.tmp.$$
# On failure: say which stage and which command (die says it itself), and
# leave no temporary Image or cpio; the old ones and their stamp stay
# whole (the stamp goes only just before they are replaced).
doing=apt died='' failed_cmd=''
trap 'failed_cmd="line $LINENO: $BASH_COMMAND"' ERR
trap 'rc=$?; rm -f "$tmp_image" "$tmp_initrd" "$stage/pkgcache.bin"
      [ $rc = 0 ] || [ -n "$died" ] ||
        echo "nested-kvm: error: stage \"$doing\" failed (exit $rc) at $failed_cmd" >&2' EXIT
die() {
	echo "nested-kvm: error: $doing: $*" >&2
	died=1
	exit 1
}
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f s", b - a }'; }
mark=$EPOCHREALTIME
# stage_done "what was done" NEXT: prints a line, NEXT is the stage begun
stage_done() {
	echo "nested-kvm: $1 ($(secs "$mark" "$EPOCHREALTIME"))"
	mark=$EPOCHREALTIME
	doing=$2
}

[ "$(id -u)" = 0 ] || die "needs root (dpkg --add-architecture, apt-get)"
command -v aarch64-linux-gnu-readelf >/dev/null ||
	die "aarch64-linux-gnu-readelf missing (apt-get install binutils-aarch64-linux-gnu)"
mkdir -p "$debs" "$x"
# A binary cache of apt's lists for this run only: the image turns apt's
# own off, and each apt call would parse the lists again (about 1 s).
apt=(-o Dir::Cache::pkgcache="$stage/pkgcache.bin" -o Dir::Cache::srcpkgcache=)

# --- apt: the arm64 architecture, and cpio to write the initramfs
updated=
apt_update() { # once per run; false if done already
	[ -z "$updated" ] || return 1
	updated=1
	apt-get -qq update || die "apt-get update"
}
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	dpkg --add-architecture arm64
	apt_update
fi
install_cpio() {
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends cpio >"$stage/apt.log" 2>&1 ||
		{ cat "$stage/apt.log" >&2; return 1; }
}
if ! command -v cpio >/dev/null; then
	install_cpio || { apt_update && install_cpio; } || die "apt-get install cpio"
fi
[ -n "$(newest_kernel)" ] || apt_update || true
stage_done "apt" "kernel and busybox"

# fetch strict|lenient NAME...: download NAME:arm64 (candidate version) into
# debs/ and unpack it into x/NAME. A name with no arm64 candidate (an
# Architecture: all or virtual package, only ever met among Depends) is an
# error when strict, skipped when lenient. apt-get download skips a file it
# already has, so this is offline once the debs are there.
declare -A version=() libidx=()
libdirs=(lib/aarch64-linux-gnu usr/lib/aarch64-linux-gnu lib usr/lib)
download() { (cd "$debs" && apt-get -qq -o APT::Sandbox::User=root "${apt[@]}" download "$@" >/dev/null); }
fetch() {
	local mode=$1 n v f d specs=()
	shift
	local want=("${@/%/:arm64}") got
	got=$(candidates "${want[@]}")
	if [ "$mode" = strict ] && [ "$(wc -l <<<"$got")" -lt ${#want[@]} ] && apt_update; then
		got=$(candidates "${want[@]}")
	fi
	strict() {
		[ "$mode" = strict ] || return 0
		for n in "${want[@]}"; do
			grep -q "^$n " <<<"$got" || die "no arm64 package $n"
		done
	}
	strict
	[ -n "$got" ] || return 0
	while read -r n v; do specs+=("$n=$v"); done <<<"$got"
	if ! download "${specs[@]}"; then
		# stale lists name versions the mirror no longer has: update, and
		# take the candidates then current
		apt_update || die "apt-get download ${specs[*]}"
		got=$(candidates "${want[@]}") specs=()
		strict
		while read -r n v; do specs+=("$n=$v"); done <<<"$got"
		download "${specs[@]}" || die "apt-get download ${specs[*]}"
	fi
	while read -r n v; do
		n=${n%:arm64}
		f=$(ls "$debs/${n}_${v/:/%3a}_"*.deb 2>/dev/null | head -n1)
		[ -n "$f" ] || die "downloaded $n $v but found no .deb"
		if [ "$(cat "$x/$n/.version" 2>/dev/null)" != "$v" ]; then
			rm -rf "${x:?}/$n"
			dpkg -x "$f" "$x/$n" || die "dpkg -x $f"
			echo "$v" >"$x/$n/.version"
		fi
		version[$n]=$v
		# index its shared libraries by file name (first package wins)
		for d in "${libdirs[@]}"; do
			for f in "$x/$n/$d"/*.so*; do
				[ -e "$f" ] || [ -L "$f" ] || continue
				[ -n "${libidx[${f##*/}]+x}" ] || libidx[${f##*/}]=$n:$d/${f##*/}
			done
		done
	done <<<"$got"
}

# --- kernel and busybox
kernel=$(newest_kernel)
[ -n "$kernel" ] || die "no linux-image-6.1.0-*-arm64-unsigned package known to apt"
fetch strict "$kernel" busybox-static
kver=$(ls "$x/$kernel/lib/modules")
[ "$(wc -w <<<"$kver")" = 1 ] || die "$kernel: expected one module tree, found: $kver"
stage_done "kernel $kver, busybox" "qemu and its libraries"

# --- QEMU and its shared libraries. A library is looked for in what is
# unpacked so far; one that is not there is in a Depends of the package
# whose file needs it (dpkg-shlibdeps makes it so), so each round fetches
# those Depends and looks again.
fetch strict qemu-system-arm qemu-system-common

# real TREE PATH: PATH (in TREE) with symlinks followed inside TREE
real() {
	local tree=$1 p=$2 t
	for _ in 1 2 3 4 5 6 7 8; do
		[ -L "$tree/$p" ] || break
		t=$(readlink "$tree/$p")
		case $t in
		/*) p=${t#/} ;;
		*) p=$(dirname "$p")/$t ;;
		esac
	done
	[ -f "$tree/$p" ] && echo "$p"
}
# walk PKG:PATH...: resolves the sonames the files need, recursively, into
# lib[soname]=PKG:PATH (the real file) and owner[PKG]; leaves "soname pkg"
# lines in $missing for those not unpacked yet. From scratch each time:
# a library found in the last round has needs of its own to look at.
declare -A needed=() lib=() owner=()
walk() {
	local queue=("$@") item pkg s p
	missing=
	lib=() owner=()
	while [ ${#queue[@]} -gt 0 ]; do
		item=${queue[0]}
		queue=("${queue[@]:1}")
		pkg=${item%%:*}
		[ -n "${needed[$item]+x}" ] ||
			needed[$item]=$(aarch64-linux-gnu-readelf -d "$x/$pkg/${item#*:}" |
				sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p')
		for s in ${needed[$item]}; do
			[ -z "${lib[$s]+x}" ] || continue
			if [ -z "${libidx[$s]+x}" ]; then
				missing+="$s $pkg"$'\n'
				continue
			fi
			p=${libidx[$s]}
			p=${p%%:*}:$(real "$x/${p%%:*}" "${p#*:}") || die "$s: dangling link in ${p%%:*}"
			lib[$s]=$p
			owner[${p%%:*}]=1
			queue+=("$p")
		done
	done
}
# resolve PKG:PATH...: walk, fetching Depends, until nothing is missing
declare -A expanded=()
resolve() {
	local p d deps control
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		walk "$@"
		[ -n "$missing" ] || return 0
		deps=()
		for p in $(cut -d' ' -f2 <<<"$missing" | sort -u); do
			[ -z "${expanded[$p]+x}" ] || continue
			expanded[$p]=1
			control=$(dpkg-deb -f "$(ls "$debs/${p}_${version[$p]/:/%3a}_"*.deb)" Pre-Depends Depends) ||
				die "dpkg-deb -f: $p"
			# Depends minus versions, alternatives after the first, qualifiers
			for d in $(sed 's/^[A-Za-z-]*://' <<<"$control" | tr ',' '\n' |
				sed 's/|.*//; s/(.*)//; s/:any//; s/ //g'); do
				# QEMU's own data packages hold no library
				case $d in qemu-*) continue ;; esac
				[ -n "${version[$d]+x}" ] || deps+=("$d")
			done
		done
		[ ${#deps[@]} -gt 0 ] || die "no arm64 package found for: $(tr '\n' ' ' <<<"$missing")"
		fetch lenient $(printf '%s\n' "${deps[@]}" | sort -u)
	done
	die "libraries still missing after 10 rounds: $missing"
}
qemu_bin=usr/bin/qemu-system-aarch64
[ -f "$x/qemu-system-arm/$qemu_bin" ] || die "qemu-system-arm has no $qemu_bin"
resolve "qemu-system-arm:$qemu_bin"
# virtio-gpu-device and -pci are modules in 7.2; the -gl ones would need
# Mesa and virglrenderer, which nothing here uses
moddir=usr/lib/aarch64-linux-gnu/qemu
qmods=()
for f in "$x/qemu-system-common/$moddir"/hw-display-virtio-gpu*.so; do
	case $f in *-gl.so) continue ;; esac
	qmods+=("qemu-system-common:$moddir/${f##*/}")
done
[ ${#qmods[@]} -gt 0 ] || die "no hw-display-virtio-gpu modules in qemu-system-common"
# with QEMU first, so that the modules' libraries (already there) do not
# send a round to qemu-system-common's Depends (spice, ALSA, ...)
resolve "qemu-system-arm:$qemu_bin" "${qmods[@]}"
interp=$(aarch64-linux-gnu-readelf -l "$x/qemu-system-arm/$qemu_bin" |
	sed -n 's/.*Requesting program interpreter: \/\(.*\)\]$/\1/p')
[ -n "$interp" ] || die "no program interpreter in $qemu_bin"
stage_done "qemu: ${#lib[@]} libraries" "kernel modules"

# --- kernel modules for 9p over virtio: those that are not built in, with
# their dependencies (modinfo's depends=), dependencies first
mods=$x/$kernel/lib/modules/$kver
declare -A kopath=() kodone=()
while read -r p; do
	n=${p##*/}
	n=${n%.ko}
	kopath[${n//-/_}]=$p
done < <(cd "$mods" && find kernel -name '*.ko')
[ ${#kopath[@]} -gt 0 ] || die "no uncompressed .ko files in $kernel"
order=()
add_module() {
	local n=${1//-/_} d info
	[ -z "${kodone[$n]+x}" ] || return 0
	kodone[$n]=1
	if [ -z "${kopath[$n]+x}" ]; then
		grep -q "/${n}.ko$\|/${n//_/-}.ko$" "$mods/modules.builtin" || die "module $n: neither a .ko nor built in"
		return 0
	fi
	# every module has a depends= entry, empty when it needs none
	info=$(aarch64-linux-gnu-readelf -p .modinfo "$mods/${kopath[$n]}") &&
		grep -q 'depends=' <<<"$info" || die "no modinfo depends= in ${kopath[$n]}"
	for d in $(sed -n 's/.*depends=//p' <<<"$info" | tr ',' ' '); do
		add_module "$d"
	done
	order+=("${kopath[$n]}")
}
# both transports: the lane may attach its shares as virtio-9p-pci
# (-virtfs on virt) or virtio-9p-device
for m in virtio_mmio virtio_pci 9pnet_virtio 9p; do add_module "$m"; done
stage_done "modules: ${#order[@]} to insmod" "initramfs tree"

# --- the initramfs tree
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,run,root,etc/vcheck-nested}
install -m 755 "$x/busybox-static/bin/busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 755 "$init" "$root/init"
install -m 755 "$x/qemu-system-arm/$qemu_bin" "$root/$qemu_bin"
for item in "${qmods[@]}"; do
	install -D -m 644 "$x/${item%%:*}/${item#*:}" "$root/${item#*:}"
done
# each library once, under its soname (the file a soname links to is
# usually the versioned one: the link itself is not needed)
for s in "${!lib[@]}"; do
	item=${lib[$s]}
	p=${item#*:}
	install -D -m 755 "$x/${item%%:*}/$p" "$root/${p%/*}/$s"
done
p=$(real "$x/libc6" "$interp") || die "libc6 has no $interp"
[ -f "$root/${p%/*}/${interp##*/}" ] || install -D -m 755 "$x/libc6/$p" "$root/${p%/*}/${interp##*/}"
[ "${p%/*}/${interp##*/}" = "$interp" ] || ln -sf "/${p%/*}/${interp##*/}" "$root/$interp"
for p in "${order[@]}"; do
	install -D -m 644 "$mods/$p" "$root/lib/modules/$kver/$p"
done
printf '%s\n' "${order[@]}" >"$root/etc/vcheck-nested/modules"
stage_done "initramfs tree: $(du -sm "$root" | cut -f1) MB" "Image and cpio"

# --- Image and initrd.cpio, under temporary names until both are whole.
# Uncompressed: the kernel unpacks a compressed cpio with TCG-emulated
# arm64 code, slower than QEMU loading the plain file from the host.
vmlinuz=$x/$kernel/boot/vmlinuz-$kver
# an arm64 Image has "ARM\x64" at offset 56; a compressed kernel would not
[ "$(dd if="$vmlinuz" bs=1 skip=56 count=4 2>/dev/null | od -An -tx1 | tr -d ' ')" = 41524d64 ] ||
	die "$vmlinuz is not a plain arm64 Image"
cp "$vmlinuz" "$tmp_image"
(cd "$root" && find . -mindepth 1 -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --quiet) >"$tmp_initrd" || die "cpio"
stage_done "cpio: $(($(stat -c %s "$tmp_initrd") >> 20)) MB" "stamp"

# The stamp: every package whose files are in Image or the cpio
rm -f "$stamp"
mv "$tmp_image" "$dest/Image"
mv "$tmp_initrd" "$dest/initrd.cpio"
versions=$(for n in "$kernel" busybox-static qemu-system-arm qemu-system-common libc6 "${!owner[@]}"; do
	echo "$n:arm64 ${version[$n]}"
done | sort -u)
{ key <<<"$versions"; echo "$versions"; } >"$stamp"
# unpacked trees go (some 400 MB); the debs stay for an offline rebuild,
# those of older versions do not
rm -rf "$x" "$root"
keep=$(for n in "${!version[@]}"; do echo "${n}_${version[$n]/:/%3a}_"; done)
for f in "$debs"/*.deb; do
	grep -qxF "$(basename "$f" | sed 's/[^_]*$//')" <<<"$keep" || rm -f "$f"
done
echo "nested-kvm: total ($(secs "$t0" "$EPOCHREALTIME"))"
