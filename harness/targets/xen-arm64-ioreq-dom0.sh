# What the xen-arm64-ioreq target's dom0 runs for one cell (busybox sh,
# started by ci/xen/dom0-init as vcheck.run; xen-arm64-ioreq.sh puts it in
# the cell's share). /vc/dir holds the image, vcheck-xen-ref, cell.conf
# (devices: MODE:SIZE per device; console: the console file's path under
# /vc/out; grants: 1 for grant DMA, 0 for guest-physical addresses and
# devices without ACCESS_PLATFORM) and extra (the image's options). Order matters:
#   1. xl create -p: the domain exists, paused; per device a virtio disk
#      with a standalone backend, which is how Xen 4.17's xl reserves a
#      virtio-mmio window (0x2000000 + 0x200 k, SPI 33 + k) and writes its
#      DT node (4.17's xl ignores virtio= lines, docs/xen.md)
#      libxl waits for each disk's backend to leave xenbus state 1 for 2
#      when it adds the disk, and for 6 after 5 when it removes it: a
#      standalone backend's part, played here by handshake() for every
#      virtio disk of every domain
#   2. one vcheck-xen-ref per device, registered as the window's ioreq
#      server before the guest can touch it, at the window and SPI libxl
#      wrote into the disk's backend node (base, irq)
#   3. xenconsole on the domain's vuart, attached before the domain runs
#      (it says so on its notify fd; output written before it attaches
#      would be lost), writing straight to the console file on the share
#   4. xl unpause, then wait for the domain to shut down (the image powers
#      off; on_poweroff="preserve" keeps it, so xenconsoled can still
#      drain its console ring), for the console to end, then xl destroy
#   5. SIGTERM to the backends: each unmaps what it mapped and prints its
#      summary, copied to the share with its trace
# Every step prints "xen-arm64-ioreq: ..." on dom0's console (the
# target's vmm-stdout.txt). Exit status: 0, or 3 when a step failed, 4
# when a backend did not end cleanly.
d=/vc/dir o=/vc/out name=vcheck
say() { echo "xen-arm64-ioreq: $* at $(cut -d' ' -f1 /proc/uptime) s"; }
. "$d/cell.conf"
xenbin=/usr/lib/xen-$(cat /etc/vcheck-dom0/xen-version)/bin

disks='' k=0
for dev in $devices; do
	: >"/tmp/disk$k"
	letter=$(printf "\\$(printf %o $((97 + k)))")
	disks="$disks\"/tmp/disk$k,format=raw,vdev=xvd$letter,backendtype=standalone,specification=virtio\", "
	k=$((k + 1))
done
{
	echo "name = \"$name\""
	echo "kernel = \"$d/probe.img\""
	echo "memory = 256"
	echo "vcpus = 1"
	# vcheck.xen-grant=0: grant DMA with dom0 as the backend, which 4.17's
	# libxl does not write into the DT for a backend in dom0
	[ "$grants" = 1 ] && force=" vcheck.xen-grant=0" || force=
	echo "extra = \"$(cat "$d/extra")$force\""
	echo "vuart = \"sbsa_uart\""
	[ -z "$disks" ] || echo "disk = [ $disks]"
	echo 'on_poweroff = "preserve"'
	echo 'on_reboot = "preserve"'
	echo 'on_crash = "preserve"'
} >/tmp/$name.cfg
vd=/local/domain/0/backend/virtio_disk
handshake() {
	while :; do
		for dom in $(xenstore-list $vd 2>/dev/null); do
			for dev in $(xenstore-list $vd/$dom 2>/dev/null); do
				case $(xenstore-read $vd/$dom/$dev/state 2>/dev/null) in
				1) xenstore-write $vd/$dom/$dev/state 2 ;; # Initialising -> InitWait
				5) xenstore-write $vd/$dom/$dev/state 6 ;; # Closing -> Closed
				esac
			done
		done
		sleep 0.05
	done
}
handshake &
shaker=$!
trap 'kill $shaker 2>/dev/null' EXIT
say "xl create -p ($k devices)"
xl create -p /tmp/$name.cfg >/tmp/xl-create.txt 2>&1 || { cat /tmp/xl-create.txt; say "xl create failed"; exit 3; }
domid=$(xl domid $name) || exit 3

# the backends, each announcing itself once its ioreq server serves
k=0 pids=''
for dev in $devices; do
	mode=${dev%:*} size=${dev#*:}
	# xvda, xvdb, ...: Linux's xvd device numbers, 202 << 8 | k << 4
	node=$vd/$domid/$((51712 + 16 * k))
	base=$(xenstore-read $node/base) && irq=$(xenstore-read $node/irq) ||
		{ say "no base or irq in $node"; xl destroy $name; exit 3; }
	[ "$grants" = 1 ] && features= || features=--no-access-platform
	"$d/vcheck-xen-ref" --domid "$domid" --base "$(printf 0x%x "$base")" --irq "$irq" --mode "$mode" --config-size "$size" $features \
		--trace "/tmp/xen-ref$k-trace.txt" >"/tmp/xen-ref$k.txt" 2>&1 &
	pids="$pids $!"
	i=0
	until grep -q '^vcheck-xen-ref: serving' "/tmp/xen-ref$k.txt"; do
		i=$((i + 1))
		if [ $i -ge 200 ] || ! kill -0 $! 2>/dev/null; then
			cat "/tmp/xen-ref$k.txt"
			say "backend $k did not start"
			xl destroy $name
			exit 3
		fi
		sleep 0.05
	done
	k=$((k + 1))
done
say "backends serving"

rm -f /tmp/notify
mkfifo /tmp/notify || exit 3
"$xenbin/xenconsole" "$domid" --type vuart --start-notify-fd 3 3>/tmp/notify >"$o/$console" 2>/tmp/xenconsole.txt </dev/null &
console_pid=$!
[ "$(head -c1 /tmp/notify | od -An -tx1 | tr -d ' ')" = 00 ] ||
	{ cat /tmp/xenconsole.txt; say "xenconsole did not attach"; xl destroy $name; exit 3; }
xl unpause $name || exit 3
say "unpaused"
# vcheck's own cell timeout is the real bound; this one only keeps a lost
# domain from holding dom0 forever
state() { xl list $name 2>/dev/null | awk 'NR == 2 { print $5 }'; }
i=0
while :; do
	case $(state) in
	'' | *s* | *c*) break ;; # gone, shut down or crashed
	esac
	i=$((i + 1))
	if [ $i -ge 3000 ]; then
		say "the domain still runs after 600 s"
		break
	fi
	sleep 0.2
done
say "domain stopped ($(state))"
# The console is complete once its last line is a whole end record, or
# once it has not grown for a second (a run that ended another way)
size() { wc -c <"$o/$console"; }
last=-1 still=0 i=0
while [ $i -lt 100 ] && [ $still -lt 10 ]; do
	tail -n 1 "$o/$console" | grep -q '^@vc1 [0-9]* end .*#[0-9a-f]\{8\}$' && break
	now=$(size)
	[ "$now" = "$last" ] && still=$((still + 1)) || still=0
	last=$now i=$((i + 1))
	sleep 0.1
done
xl destroy $name 2>/dev/null
say "domain gone"
kill $console_pid 2>/dev/null # xenconsole, if the domain's end did not end it
rc=0 k=0
for pid in $pids; do
	kill -TERM "$pid" 2>/dev/null
	i=0
	while kill -0 "$pid" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 100 ] || { say "backend $k ignores SIGTERM: killed"; kill -KILL "$pid"; break; }
		sleep 0.05
	done
	wait "$pid" || rc=4
	cp "/tmp/xen-ref$k.txt" "/tmp/xen-ref$k-trace.txt" "$o/" 2>/dev/null
	echo "xen-arm64-ioreq: backend $k: $(tail -n 1 "/tmp/xen-ref$k.txt")"
	k=$((k + 1))
done
sync
exit $rc
