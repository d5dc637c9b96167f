# Boots Xen on QEMU's arm64 virt machine with the dom0 ci/xen-dom0.sh
# builds: QEMU's own device tree, dumped for this command line, gets Xen's
# /chosen nodes for a dom0 kernel and ramdisk (Xen's docs/misc/arm/
# device-tree/booting.txt), as harness/targets/xen-arm64-dom0less.sh does
# for a dom0less domU, and both modules are loaded beside Xen.
#   sh boot-dom0.sh XEN DOM0-DIR DIR DOM0-ARGS QEMU-ARGS...
# DOM0-DIR holds dom0-Image and dom0-initrd.cpio; DIR is a scratch
# directory (the device trees); DOM0-ARGS go on dom0's kernel command line
# after "console=hvc0 rdinit=/init" (ci/xen/dom0-init reads vcheck.9p=,
# vcheck.run=, vcheck.status=). QEMU-ARGS: the machine (virt with
# virtualization=on and a GICv3), the CPU, RAM, -serial and any -virtfs or
# -device for the shares. XEN_BOOTARGS, when set, replaces Xen's command
# line.
set -eu
xen=$1 dom0=$2 dir=$3 dom0args=$4
shift 4
qemu=${QEMU:-qemu-system-aarch64}
kernel=$dom0/dom0-Image initrd=$dom0/dom0-initrd.cpio
for f in "$xen" "$kernel" "$initrd"; do
	[ -f "$f" ] || { echo "boot-dom0: no $f (ci/xen-arm64.sh makes Xen, ci/xen-dom0.sh the dom0)" >&2; exit 127; }
done
command -v dtc >/dev/null || { echo "boot-dom0: dtc not found: install device-tree-compiler" >&2; exit 127; }
case $dom0args in *'"'* | *'\'*) echo "boot-dom0: quotes in dom0's command line" >&2; exit 2 ;; esac
xenargs=${XEN_BOOTARGS:-console=dtuart dtuart=/pl011@9000000 dom0_mem=1024M bootscrub=0}
# Modules from 0x50000000: clear of QEMU's DTB (0x48000000) and of Xen
# (loaded at 0x40200000, it moves itself to the top of RAM); the ramdisk
# at the next 16 MiB boundary after the kernel.
ksize=$(stat -c %s "$kernel") isize=$(stat -c %s "$initrd")
kaddr=$((0x50000000))
iaddr=$(( (kaddr + ksize + 0xffffff) & ~0xffffff ))
hex() { printf '0x%x' "$1"; }
mkdir -p "$dir"
"$qemu" "$@" -machine dumpdtb="$dir/virt.dtb" >"$dir/dumpdtb.txt" 2>&1
dtc -q -I dtb -O dts -o "$dir/xen.dts" "$dir/virt.dtb"
cat >>"$dir/xen.dts" <<DTS
/ {
	chosen {
		#address-cells = <0x2>;
		#size-cells = <0x2>;
		xen,xen-bootargs = "$xenargs";
		module@$(printf %x $kaddr) {
			compatible = "multiboot,kernel", "multiboot,module";
			reg = <0x0 $(hex $kaddr) 0x0 $(hex "$ksize")>;
			bootargs = "console=hvc0 rdinit=/init $dom0args";
		};
		module@$(printf %x $iaddr) {
			compatible = "multiboot,ramdisk", "multiboot,module";
			reg = <0x0 $(hex $iaddr) 0x0 $(hex "$isize")>;
		};
	};
};
DTS
dtc -q -I dts -O dtb -o "$dir/xen.dtb" "$dir/xen.dts"
exec "$qemu" "$@" -dtb "$dir/xen.dtb" -kernel "$xen" \
	-device loader,file="$kernel",addr="$(hex $kaddr)",force-raw=on \
	-device loader,file="$initrd",addr="$(hex $iaddr)",force-raw=on
