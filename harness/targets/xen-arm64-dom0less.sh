# Boots Xen on QEMU's arm64 virt machine with the probe image as a dom0less
# domU (no dom0): QEMU's own device tree, dumped for this command line,
# gets Xen's /chosen nodes (Xen's docs/misc/arm/device-tree/booting.txt
# and docs/features/dom0less.pandoc), and the image is loaded beside Xen.
#   sh xen-arm64-dom0less.sh XEN IMAGE DIR CMDLINE QEMU-ARGS...
# DIR is the cell's scratch directory; CMDLINE the image's options. The
# domU has no xenstore ("no-xenstore": with "enabled" Xen panics without
# a dom0) and Xen's emulated SBSA UART (vpl011), whose output Xen prints
# on its own console as "(XEN) DOM1: ...", split every 126 characters.
set -eu
xen=$1 image=$2 dir=$3 cmdline=$4
shift 4
qemu=qemu-system-aarch64
if [ ! -f "$xen" ]; then
	echo "xen-arm64-dom0less: no Xen at $xen: run ci/xen-arm64.sh (the configure step does)" >&2
	exit 127
fi
command -v dtc >/dev/null || { echo "xen-arm64-dom0less: dtc not found: install device-tree-compiler" >&2; exit 127; }
case $cmdline in *'"'* | *'\'*) echo "xen-arm64-dom0less: quotes in the command line" >&2; exit 2 ;; esac
# The module sits clear of QEMU's own DTB (0x48000000) and of Xen.
addr=0x50000000
size=$(printf '0x%x' "$(stat -c %s "$image")")
"$qemu" "$@" -machine dumpdtb="$dir/virt.dtb" >"$dir/dumpdtb.txt" 2>&1
dtc -q -I dtb -O dts -o "$dir/xen.dts" "$dir/virt.dtb"
cat >>"$dir/xen.dts" <<DTS
/ {
	chosen {
		#address-cells = <0x2>;
		#size-cells = <0x2>;
		xen,xen-bootargs = "console=dtuart dtuart=/pl011@9000000 bootscrub=0";
		domU1 {
			compatible = "xen,domain";
			#address-cells = <0x2>;
			#size-cells = <0x2>;
			memory = <0x0 0x40000>;
			cpus = <0x1>;
			vpl011;
			xen,enhanced = "no-xenstore";
			module@50000000 {
				compatible = "multiboot,kernel", "multiboot,module";
				reg = <0x0 $addr 0x0 $size>;
				bootargs = "$cmdline";
			};
		};
	};
};
DTS
dtc -q -I dts -O dtb -o "$dir/xen.dtb" "$dir/xen.dts"
exec "$qemu" "$@" -dtb "$dir/xen.dtb" -kernel "$xen" -device loader,file="$image",addr=$addr,force-raw=on
