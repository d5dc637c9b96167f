# Boots Xen (built with IOREQ_SERVER) on QEMU's arm64 virt machine with a
# dom0 that makes the probe image a domU and serves its virtio-mmio
# devices with vcheck-xen-ref, an ioreq server (tests/backends/xen-ref).
#   sh xen-arm64-ioreq.sh PARTS IMAGE DIR OUT CONSOLE CMDLINE DEVICE... -- QEMU-ARGS...
# PARTS: xen/xen, dom0/dom0-Image, dom0/dom0-initrd.cpio and
# vcheck-xen-ref (the configure step's VC_XEN_IOREQ makes them). DIR is
# the cell's scratch directory, OUT its log directory, CONSOLE the file
# under OUT where the domU's console must appear, CMDLINE the image's
# options; each DEVICE is xen-ref=MODE:SIZE[:gpa] (honest or planted, the
# config window's bytes, and gpa for a device that offers no
# ACCESS_PLATFORM and is given guest-physical addresses, which its backend
# maps as foreign pages; without it the domain uses grant DMA), one
# virtio-mmio window each in libxl's order.
# dom0 sees DIR/dom0 at /vc/dir and OUT at /vc/out over 9p and runs
# xen-arm64-ioreq-dom0.sh from there (ci/xen/dom0-init's vcheck.run); when
# it is done, dom0 powers off, and with it Xen and QEMU.
set -eu
parts=$1 image=$2 dir=$3 out=$4 console=$5 cmdline=$6
shift 6
me=xen-arm64-ioreq
devices=''
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	word=${1#xen-ref=}
	case $word in
	honest:[1-9]* | planted:[1-9]*) ;;
	*) echo "$me: unknown device '$1' (xen-ref=honest:SIZE[:gpa] or xen-ref=planted:SIZE[:gpa])" >&2; exit 2 ;;
	esac
	size=${word#*:} gpa=0
	case $size in *:gpa) size=${size%:gpa} gpa=1 ;; esac
	case $size in *[!0-9]*) echo "$me: '$1': the size is not a number" >&2; exit 2 ;; esac
	# grants are the domain's choice (vcheck.xen-grant), not a device's
	[ -z "${grants+x}" ] || [ "$grants" = $((1 - gpa)) ] ||
		{ echo "$me: a gpa device and a grant-DMA device cannot share a domain" >&2; exit 2; }
	grants=$((1 - gpa))
	devices="$devices ${word%:gpa}"
	shift
done
[ $# -gt 0 ] || { echo "$me: no -- before the QEMU arguments" >&2; exit 2; }
shift
here=$(dirname "$0")
. "$here/xen-boot.sh"
xen=$parts/xen/xen kernel=$parts/dom0/dom0-Image initrd=$parts/dom0/dom0-initrd.cpio
backend=$parts/vcheck-xen-ref
xen_need $me "$xen" "$kernel" "$initrd" "$backend" "$image"
case $cmdline in *'"'* | *'\'*) echo "$me: quotes in the command line" >&2; exit 2 ;; esac
# dom0 writes the console at the same place under its /vc/out
case $console in
"$out"/*) rel=${console#"$out"/} ;;
*) echo "$me: the console $console is not under $out" >&2; exit 2 ;;
esac
case $rel in *[!A-Za-z0-9._/-]*) echo "$me: unusable console name $rel" >&2; exit 2 ;; esac

share=$dir/dom0
mkdir -p "$share"
cp "$image" "$share/probe.img"
cp "$backend" "$share/vcheck-xen-ref"
cp "$here/xen-arm64-ioreq-dom0.sh" "$share/serve.sh"
printf '%s\n' "$cmdline" >"$share/extra"
printf 'devices="%s"\nconsole="%s"\ngrants=%s\n' "$devices" "$rel" "${grants:-1}" >"$share/cell.conf"

set -- "$@" -fsdev "local,id=vcdir,path=$(xen_esc "$share"),security_model=none" \
	-device virtio-9p-device,fsdev=vcdir,mount_tag=vcdir \
	-fsdev "local,id=vcout,path=$(xen_esc "$out"),security_model=none" \
	-device virtio-9p-device,fsdev=vcout,mount_tag=vcout

xen_dts "$dir" "$@"
kaddr=$((XEN_MODULES))
iaddr=$(( (kaddr + $(stat -c %s "$kernel") + 0xffffff) & ~0xffffff ))
dom0args="console=hvc0 rdinit=/init quiet loglevel=1 vcheck.9p=vcdir:/vc/dir,vcout:/vc/out vcheck.run=/vc/dir/serve.sh"
cat >>"$dir/xen.dts" <<DTS
/ {
	chosen {
		#address-cells = <0x2>;
		#size-cells = <0x2>;
		xen,xen-bootargs = "console=dtuart dtuart=/pl011@9000000 dom0_mem=512M bootscrub=0";
		module@$(printf %x $kaddr) {
			compatible = "multiboot,kernel", "multiboot,module";
			reg = <0x0 $(xen_hex $kaddr) 0x0 $(xen_size "$kernel")>;
			bootargs = "$dom0args";
		};
		module@$(printf %x $iaddr) {
			compatible = "multiboot,ramdisk", "multiboot,module";
			reg = <0x0 $(xen_hex $iaddr) 0x0 $(xen_size "$initrd")>;
		};
	};
};
DTS
xen_dtb "$dir"
exec "$XEN_QEMU" "$@" -dtb "$dir/xen.dtb" -kernel "$xen" \
	-device loader,file="$(xen_esc "$kernel")",addr="$(xen_hex $kaddr)",force-raw=on \
	-device loader,file="$(xen_esc "$initrd")",addr="$(xen_hex $iaddr)",force-raw=on
