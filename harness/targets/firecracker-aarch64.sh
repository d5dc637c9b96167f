#!/bin/sh
# The launcher of firecracker-aarch64.target. Firecracker takes a machine
# only as JSON (--config-file, or its HTTP API); vcheck's launcher gives
# words. This script writes the words as that JSON file and runs
# firecracker with it:
#
#   firecracker-aarch64.sh CONFIG IMAGE CMDLINE WORD...
#
# CONFIG   the JSON file to write (in the cell's scratch directory)
# IMAGE    the kernel (the probe image)
# CMDLINE  the kernel command line, one argument; " console=ttyS0" is
#          added, since Firecracker on arm64 attaches its serial port only
#          when the command line says console= (src/vmm/src/
#          device_manager/mod.rs attach_legacy_devices_aarch64)
# WORD     @SECTION:KEY=VALUE,KEY=VALUE,...  one JSON section: drives,
#          network-interfaces and pmem are lists (one entry per word), any
#          other SECTION is an object given once (machine-config, balloon,
#          vsock, entropy, memory-hotplug; "@entropy:" is {}). A VALUE of
#          digits, true or false is written as it stands, any other as a
#          string; no VALUE may hold a comma.
#          Any other word is a firecracker option, passed on in order.
#
# Exits 127 when firecracker is not in PATH, 2 on a malformed word.
set -eu
set -f

me=firecracker-aarch64.sh
nl='
'

die() {
	echo "$me: $*" >&2
	exit 2
}

json_string() {
	printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"
}

json_value() {
	case $1 in
	true | false) printf '%s' "$1" ;;
	0 | [1-9] | [1-9]*[0-9]) case $1 in *[!0-9]*) json_string "$1" ;; *) printf '%s' "$1" ;; esac ;;
	*) json_string "$1" ;;
	esac
}

# KEY=VALUE,KEY=VALUE -> {"KEY": VALUE, "KEY": VALUE}
json_object() {
	out='' sep=''
	old_ifs=$IFS
	IFS=,
	for kv in $1; do
		case $kv in
		?*=*) ;;
		*) die "'$kv' is not KEY=VALUE" ;;
		esac
		out="$out$sep$(json_string "${kv%%=*}"): $(json_value "${kv#*=}")"
		sep=', '
	done
	IFS=$old_ifs
	printf '{%s}' "$out"
}

[ $# -ge 3 ] || die "usage: $me CONFIG IMAGE CMDLINE [WORD...]"
config=$1 image=$2 cmdline=$3
shift 3

drives='' nets='' pmems='' objects='' seen=' '
count=$#
i=0
while [ "$i" -lt "$count" ]; do
	w=$1
	shift
	i=$((i + 1))
	case $w in
	@*) ;;
	*)
		set -- "$@" "$w" # a firecracker option: back on the end, in order
		continue
		;;
	esac
	section=${w#@} body=''
	case $section in
	*:*) body=${section#*:} section=${section%%:*} ;;
	esac
	case $section in
	'' | *[!a-z-]*) die "'$w': a section is lower-case letters and '-'" ;;
	boot-source) die "'$w': boot-source comes from IMAGE and CMDLINE" ;;
	esac
	obj=$(json_object "$body")
	case $section in
	drives) drives="$drives${drives:+, }$obj" ;;
	network-interfaces) nets="$nets${nets:+, }$obj" ;;
	pmem) pmems="$pmems${pmems:+, }$obj" ;;
	*)
		case $seen in
		*" $section "*) die "'$w': $section is one object, given twice" ;;
		esac
		seen="$seen$section "
		objects="$objects,$nl  $(json_string "$section"): $obj"
		;;
	esac
done

{
	printf '{\n  "boot-source": {"kernel_image_path": %s, "boot_args": %s},\n' \
		"$(json_string "$image")" "$(json_string "$cmdline console=ttyS0")"
	printf '  "drives": [%s],\n  "network-interfaces": [%s],\n  "pmem": [%s]%s\n}\n' \
		"$drives" "$nets" "$pmems" "$objects"
} >"$config"

if ! command -v firecracker >/dev/null 2>&1; then
	echo "$me: firecracker is not in PATH (not in Debian 12: a release binary of" \
		"github.com/firecracker-microvm/firecracker, v1.15 or later)" >&2
	exit 127
fi
exec firecracker "$@" --config-file "$config"
