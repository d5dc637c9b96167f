# Boots Xen on QEMU's arm64 virt machine with the probe image as a dom0less
# domU (no dom0), the image loaded beside Xen (xen-boot.sh has the tree).
#   sh xen-arm64-dom0less.sh XEN IMAGE DIR CMDLINE QEMU-ARGS...
# DIR is the cell's scratch directory; CMDLINE the image's options. The
# domU has no xenstore ("no-xenstore": with "enabled" Xen panics without
# a dom0) and Xen's emulated SBSA UART (vpl011), whose output Xen prints
# on its own console as "(XEN) DOM1: ...", split every 126 characters.
set -eu
xen=$1 image=$2 dir=$3 cmdline=$4
shift 4
. "$(dirname "$0")/xen-boot.sh"
xen_need xen-arm64-dom0less "$xen" "$image"
case $cmdline in *'"'* | *'\'*) echo "xen-arm64-dom0less: quotes in the command line" >&2; exit 2 ;; esac
xen_dts "$dir" "$@"
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
			module@${XEN_MODULES#0x} {
				compatible = "multiboot,kernel", "multiboot,module";
				reg = <0x0 $XEN_MODULES 0x0 $(xen_size "$image")>;
				bootargs = "$cmdline";
			};
		};
	};
};
DTS
xen_dtb "$dir"
exec "$XEN_QEMU" "$@" -dtb "$dir/xen.dtb" -kernel "$xen" -device loader,file="$(xen_esc "$image")",addr=$XEN_MODULES,force-raw=on
