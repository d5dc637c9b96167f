# Sourced by the Xen launcher scripts beside it (sh): the device tree Xen
# boots with on QEMU's arm64 virt machine. QEMU's own tree, dumped for the
# very command line that will run (its memory, CPUs and devices), gets the
# caller's /chosen nodes: Xen's command line and its boot modules (Xen's
# docs/misc/arm/device-tree/booting.txt, docs/features/dom0less.pandoc).
#   xen_need WHO FILE...          exit 127 naming what is missing (a Xen
#                                 part, or dtc from device-tree-compiler)
#   xen_dts DIR QEMU-ARGS...      QEMU's tree as DIR/xen.dts
#   xen_dtb DIR                   DIR/xen.dts (with /chosen added) -> DIR/xen.dtb
#   xen_hex N, xen_size FILE      numbers as the tree writes them
#   xen_esc VALUE                 VALUE inside a QEMU option (commas doubled)
# Modules go from 0x50000000 up: clear of QEMU's own DTB (0x48000000) and
# of Xen (loaded at 0x40200000, it moves itself to the top of RAM).
XEN_QEMU=${XEN_QEMU:-qemu-system-aarch64}
XEN_MODULES=0x50000000

xen_need() {
	who=$1
	shift
	for f in "$@"; do
		[ -f "$f" ] || { echo "$who: no $f (the configure step makes it; see docs/xen.md)" >&2; exit 127; }
	done
	command -v dtc >/dev/null || { echo "$who: dtc not found: install device-tree-compiler" >&2; exit 127; }
}

xen_dts() {
	d=$1
	shift
	"$XEN_QEMU" "$@" -machine dumpdtb="$d/virt.dtb" >"$d/dumpdtb.txt" 2>&1 ||
		{ echo "xen-boot: QEMU could not dump its device tree:" >&2; cat "$d/dumpdtb.txt" >&2; exit 1; }
	dtc -q -I dtb -O dts -o "$d/xen.dts" "$d/virt.dtb"
}

xen_dtb() { dtc -q -I dts -O dtb -o "$1/xen.dtb" "$1/xen.dts"; }
xen_hex() { printf '0x%x' "$1"; }
xen_size() { xen_hex "$(stat -c %s "$1")"; }
xen_esc() { printf '%s' "$1" | sed 's/,/,,/g'; }
