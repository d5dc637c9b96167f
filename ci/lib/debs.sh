# shellcheck shell=bash
# What ci/nested-kvm.sh and ci/xen-dom0.sh share: each builds an arm64 Linux
# (DEST/<image>) and an initramfs (DEST/<initrd>) from Debian 12 arm64
# packages, downloaded and unpacked, never installed. Sourced, not run; the
# script sets dest and self (its own realpath), then calls, in order:
#   debs_begin NAME INIT IMAGE INITRD   lock DEST, exit 0 if it is up to date,
#                                       else make sure of root, apt and cpio
#   fetch_kernel                        the newest kernel, and busybox
#   fetch strict|lenient PKG...         its own packages
#   resolve PKG:PATH...                 the libraries those files load
#                                       (skip_depends: Depends holding none)
#   program_interp PKG PATH             the ELF interpreter to install
#   kernel_modules MODULE...            the .ko files to insmod, in order
#   tree_begin DIR...                   busybox and the init in a fresh tree
#   tree_libs LIST                      libraries, interpreter and modules
#   debs_finish PKG...                  write the Image, cpio and stamp
# Messages start "NAME: "; errors "NAME: error: STAGE: ...".

# the script's: DEST and its own path
: "${dest:?}" "${self:?}"
# this file, for the stamp's hash
debs_lib=$(realpath "${BASH_SOURCE[0]}")
# Depends (globs) that hold no library: resolve does not fetch them. The
# script sets its own after sourcing this.
skip_depends=()

# --- start: lock, the cache check, the failure report, apt

# debs_begin NAME INIT IMAGE INITRD: the whole start, in the order both
# scripts had it (the cache check exits before anything needs root)
debs_begin() {
	me=$1 init=$2 image=$3 initrd=$4
	stamp=$dest/.stamp
	t0=$EPOCHREALTIME
	[ -f "$init" ] || { echo "$me: error: no $init" >&2; exit 1; }
	mkdir -p "$dest"
	# one run at a time per DEST (they share DEST/.stage); a second one
	# waits and then finds the first one's work up to date
	exec 9>"$dest/.lock"
	flock 9
	apt=()
	up_to_date
	debs_stage
	debs_apt
}

# key < "name version" lines: what the stamp's first line must be. This
# file is hashed too: a change here rebuilds both scripts' outputs.
key() { cat "$self" "$debs_lib" "$init" - | sha256sum | cut -d' ' -f1; }

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

# up_to_date: exit 0 when the outputs and the stamp are there, the stamp's
# hash matches and apt would fetch the same versions again
up_to_date() {
	if ! { [ -f "$dest/$image" ] && [ -f "$dest/$initrd" ] && [ -f "$stamp" ] &&
		[ "$(sed 1d "$stamp" | key)" = "$(head -n1 "$stamp")" ]; }; then
		return 0
	fi
	# apt-cache takes about a second here (no binary cache in this image):
	# ask it only when apt's lists changed since the stamp
	if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -newer "$stamp" -print -quit)" ]; then
		echo "$me: $dest is up to date"
		exit 0
	fi
	local kernel now names
	kernel=$(sed -n 's/^\(linux-image-[^ ]*\):arm64 .*/\1/p' "$stamp")
	mapfile -t names < <(sed '1d; s/ .*//' "$stamp")
	now=$(candidates "${names[@]}" | sort)
	if [ "$(newest_kernel)" = "$kernel" ] && [ "$now" = "$(sed 1d "$stamp")" ]; then
		touch "$stamp"
		echo "$me: $dest is up to date (apt's versions checked)"
		exit 0
	fi
	echo "$me: package versions moved, rebuilding"
}

# debs_stage: where the work goes, and what a failure says and leaves.
# On failure: say which stage and which command (die says it itself), and
# leave no temporary Image or cpio; the old ones and their stamp stay
# whole (the stamp goes only just before they are replaced).
debs_stage() {
	stage=$dest/.stage
	debs=$stage/debs
	x=$stage/x
	root=$stage/root
	tmp_image=$dest/$image.tmp.$$
	tmp_initrd=$dest/$initrd.tmp.$$
	doing=apt died='' failed_cmd=''
	# the file too: a command may fail here or in the script
	trap 'failed_cmd="${BASH_SOURCE[0]##*/} line $LINENO: $BASH_COMMAND"' ERR
	trap on_exit EXIT
	mark=$EPOCHREALTIME
}
on_exit() {
	local rc=$?
	rm -f "$tmp_image" "$tmp_initrd" "$stage/pkgcache.bin"
	[ $rc = 0 ] || [ -n "$died" ] ||
		echo "$me: error: stage \"$doing\" failed (exit $rc) at $failed_cmd" >&2
}
die() {
	echo "$me: error: $doing: $*" >&2
	died=1
	exit 1
}
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f s", b - a }'; }
# stage_done "what was done" NEXT: prints a line, NEXT is the stage begun
stage_done() {
	echo "$me: $1 ($(secs "$mark" "$EPOCHREALTIME"))"
	mark=$EPOCHREALTIME
	doing=$2
}

# debs_apt: root and readelf; the arm64 architecture, and cpio to write
# the initramfs
debs_apt() {
	[ "$(id -u)" = 0 ] || die "needs root (dpkg --add-architecture, apt-get)"
	command -v aarch64-linux-gnu-readelf >/dev/null ||
		die "aarch64-linux-gnu-readelf missing (apt-get install binutils-aarch64-linux-gnu)"
	mkdir -p "$debs" "$x"
	# A binary cache of apt's lists for this run only: the image turns apt's
	# own off, and each apt call would parse the lists again (about 1 s).
	apt=(-o Dir::Cache::pkgcache="$stage/pkgcache.bin" -o Dir::Cache::srcpkgcache=)
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		dpkg --add-architecture arm64
		apt_update
	fi
	if ! command -v cpio >/dev/null; then
		install_cpio || { apt_update && install_cpio; } || die "apt-get install cpio"
	fi
	[ -n "$(newest_kernel)" ] || apt_update || true
	stage_done "apt" "kernel and busybox"
}
updated=
apt_update() { # once per run; false if done already
	[ -z "$updated" ] || return 1
	updated=1
	apt-get -qq update || die "apt-get update"
}
install_cpio() {
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends cpio >"$stage/apt.log" 2>&1 ||
		{ cat "$stage/apt.log" >&2; return 1; }
}

# --- packages

# fetch strict|lenient NAME...: download NAME:arm64 (candidate version) into
# debs/ and unpack it into x/NAME. A name with no arm64 candidate (an
# Architecture: all or virtual package, only ever met among Depends) is an
# error when strict, skipped when lenient. apt-get download skips a file it
# already has, so this is offline once the debs are there.
declare -A version=() libidx=()
libdirs=(lib/aarch64-linux-gnu usr/lib/aarch64-linux-gnu lib usr/lib)
download() { (cd "$debs" && apt-get -qq -o APT::Sandbox::User=root "${apt[@]}" download "$@" >/dev/null); }
fetch() {
	local mode=$1 n v specs=()
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
	while read -r n v; do unpack "${n%:arm64}" "$v"; done <<<"$got"
}
# deb_file NAME VERSION: the downloaded .deb (a version's ':' is %3a in it)
deb_file() {
	local f=("$debs/${1}_${2/:/%3a}_"*.deb)
	[ -e "${f[0]}" ] && echo "${f[0]}"
}
# unpack NAME VERSION: into x/NAME unless that version is there already
unpack() {
	local n=$1 v=$2 f d
	f=$(deb_file "$n" "$v") || die "downloaded $n $v but found no .deb"
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
}

# fetch_kernel: the kernel (kernel= its package, kver= its release) and
# busybox
fetch_kernel() {
	kernel=$(newest_kernel)
	[ -n "$kernel" ] || die "no linux-image-6.1.0-*-arm64-unsigned package known to apt"
	fetch strict "$kernel" busybox-static
	kver=$(ls "$x/$kernel/lib/modules")
	[ "$(wc -w <<<"$kver")" = 1 ] || die "$kernel: expected one module tree, found: $kver"
}

# --- shared libraries. A library is looked for in what is unpacked so far;
# one that is not there is in a Depends of the package whose file needs it
# (dpkg-shlibdeps makes it so), so each round fetches those Depends and
# looks again.

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
	local p deps owners
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		walk "$@"
		[ -n "$missing" ] || return 0
		deps=()
		mapfile -t owners < <(printf %s "$missing" | cut -d' ' -f2 | sort -u)
		for p in "${owners[@]}"; do
			[ -z "${expanded[$p]+x}" ] || continue
			expanded[$p]=1
			depends_of "$p"
		done
		[ ${#deps[@]} -gt 0 ] || die "no arm64 package found for: $(tr '\n' ' ' <<<"$missing")"
		mapfile -t deps < <(printf '%s\n' "${deps[@]}" | sort -u)
		fetch lenient "${deps[@]}"
	done
	die "libraries still missing after 10 rounds: $missing"
}
# depends_of PKG: adds to resolve's deps the (Pre-)Depends of PKG not
# fetched yet, minus versions, alternatives after the first, qualifiers
# and skip_depends
depends_of() {
	local control d g
	control=$(dpkg-deb -f "$(deb_file "$1" "${version[$1]}")" Pre-Depends Depends) ||
		die "dpkg-deb -f: $1"
	while read -r d; do
		[ -n "$d" ] || continue
		for g in "${skip_depends[@]}"; do
			# shellcheck disable=SC2254 # g is a glob
			case $d in $g) continue 2 ;; esac
		done
		[ -n "${version[$d]+x}" ] || deps+=("$d")
	done < <(sed 's/^[A-Za-z-]*://; s/,/\n/g' <<<"$control" |
		sed 's/|.*//; s/(.*)//; s/:any//; s/ //g')
}

# program_interp PKG PATH: interp= the ELF interpreter PATH asks for
program_interp() {
	interp=$(aarch64-linux-gnu-readelf -l "$x/$1/$2" |
		sed -n 's/.*Requesting program interpreter: \/\(.*\)\]$/\1/p')
	[ -n "$interp" ] || die "no program interpreter in $2"
}

# --- kernel modules: those that are not built in, with their
# dependencies (modinfo's depends=), dependencies first

# kernel_modules NAME...: order= their .ko paths (under mods=), to insmod
# in that order
kernel_modules() {
	local p n m
	mods=$x/$kernel/lib/modules/$kver
	kopath=() kodone=() order=()
	while read -r p; do
		n=${p##*/}
		n=${n%.ko}
		kopath[${n//-/_}]=$p
	done < <(cd "$mods" && find kernel -name '*.ko')
	[ ${#kopath[@]} -gt 0 ] || die "no uncompressed .ko files in $kernel"
	for m in "$@"; do add_module "$m"; done
	stage_done "modules: ${#order[@]} to insmod" "initramfs tree"
}
declare -A kopath=() kodone=()
add_module() {
	local n=${1//-/_} d info
	[ -z "${kodone[$n]+x}" ] || return 0
	kodone[$n]=1
	if [ -z "${kopath[$n]+x}" ]; then
		grep -q "/${n}.ko$\|/${n//_/-}.ko$" "$mods/modules.builtin" || die "module $n: neither a .ko nor built in"
		return 0
	fi
	# every module has a depends= entry, empty when it needs none
	info=$(aarch64-linux-gnu-readelf -p .modinfo "$mods/${kopath[$n]}") ||
		die "no modinfo depends= in ${kopath[$n]}"
	grep -q 'depends=' <<<"$info" || die "no modinfo depends= in ${kopath[$n]}"
	for d in $(sed -n 's/.*depends=//p' <<<"$info" | tr ',' ' '); do
		add_module "$d"
	done
	order+=("${kopath[$n]}")
}

# --- the initramfs tree

# tree_begin DIR...: a fresh root with the usual directories and DIRs,
# busybox as /bin/sh and the init as /init
tree_begin() {
	rm -rf "$root"
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,run,root} "${@/#/$root/}"
	install -m 755 "$x/busybox-static/bin/busybox" "$root/bin/busybox"
	ln -s busybox "$root/bin/sh"
	install -m 755 "$init" "$root/init"
}
# tree_libs LIST: the libraries resolve found, the interpreter, and the
# modules, with their insmod order in LIST (a path in the tree)
tree_libs() {
	local s item p
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
	printf '%s\n' "${order[@]}" >"$root/$1"
}

# --- the outputs

# debs_finish PKG...: once the tree is whole, writes the Image, the cpio
# and the stamp, which names PKGs, the kernel, busybox, libc6 and every
# library's package
debs_finish() {
	stage_done "initramfs tree: $(du -sm "$root" | cut -f1) MB" "Image and cpio"
	write_temps
	commit "$@"
	prune
	echo "$me: total ($(secs "$t0" "$EPOCHREALTIME"))"
}
# write_temps: the Image and the cpio, under temporary names until both
# are whole. Uncompressed: the kernel unpacks a compressed cpio with
# TCG-emulated arm64 code, slower than QEMU loading the plain file.
write_temps() {
	local vmlinuz=$x/$kernel/boot/vmlinuz-$kver
	# an arm64 Image has "ARM\x64" at offset 56; a compressed kernel would not
	[ "$(dd if="$vmlinuz" bs=1 skip=56 count=4 2>/dev/null | od -An -tx1 | tr -d ' ')" = 41524d64 ] ||
		die "$vmlinuz is not a plain arm64 Image"
	cp "$vmlinuz" "$tmp_image"
	(cd "$root" && find . -mindepth 1 -print0 | LC_ALL=C sort -z |
		cpio --null -o -H newc --owner=0:0 --quiet) >"$tmp_initrd" || die "cpio"
	stage_done "cpio: $(($(stat -c %s "$tmp_initrd") >> 20)) MB" "stamp"
}
# commit PKG...: the outputs in place, then the stamp: every package whose
# files are in them (the stamp goes first: a half-done commit rebuilds)
commit() {
	local versions
	rm -f "$stamp"
	mv "$tmp_image" "$dest/$image"
	mv "$tmp_initrd" "$dest/$initrd"
	versions=$(for n in "$kernel" busybox-static "$@" libc6 "${!owner[@]}"; do
		echo "$n:arm64 ${version[$n]}"
	done | sort -u)
	{ key <<<"$versions"; echo "$versions"; } >"$stamp"
}
# prune: unpacked trees go (some 400 MB); the debs stay for an offline
# rebuild, those of older versions do not
prune() {
	local keep f
	rm -rf "$x" "$root"
	keep=$(for n in "${!version[@]}"; do echo "${n}_${version[$n]/:/%3a}_"; done)
	for f in "$debs"/*.deb; do
		grep -qxF "$(basename "$f" | sed 's/[^_]*$//')" <<<"$keep" || rm -f "$f"
	done
}
