# A vcheck.run script for ci/xen/dom0-init: makes the probe image an xl
# domU with no devices and Xen's SBSA UART, created paused (where a lane
# starts its backend), its vuart console read with `xl console -t vuart`,
# then unpaused; prints the records and exits 0 when they end in an `end`
# record. The image: $1, else build/share/vcheck/images/probe-aarch64.img
# beside this script's repository (share the repository over 9p at its
# own path: vcheck.9p=TAG:/path/to/repo).
at() { echo "probe-domu: $1 at $(cut -d' ' -f1 /proc/uptime) s"; }
img=${1:-$(cd "$(dirname "$0")/../.." && pwd)/build/share/vcheck/images/probe-aarch64.img}
[ -f "$img" ] || { echo "probe-domu: no image $img"; exit 2; }
name=probe
cat >/tmp/$name.cfg <<CFG
name = "$name"
kernel = "$img"
memory = 256
vcpus = 1
extra = "vcheck.checks=1 vcheck.trace=0"
vuart = "sbsa_uart"
on_poweroff = "destroy"
on_reboot = "destroy"
on_crash = "destroy"
CFG
at "xl create -p"
xl create -p /tmp/$name.cfg || exit 3
at "created"
domid=$(xl domid $name) || exit 3
# The domain's vuart, read by xenconsole (what `xl console -t vuart` runs)
# attached before the domain runs: it writes a byte to its notify fd once
# it is, which is what `xl create -c` waits for too (a domain that runs
# and ends before its console client attaches leaves nothing to read).
# It exits when the domain is gone.
rm -f /tmp/$name-notify
mkfifo /tmp/$name-notify || exit 3
"/usr/lib/xen-$(cat /etc/vcheck-dom0/xen-version)/bin/xenconsole" "$domid" --type vuart \
	--start-notify-fd 3 3>/tmp/$name-notify >/tmp/$name-vuart.txt 2>&1 </dev/null &
console=$!
[ "$(head -c1 /tmp/$name-notify | od -An -tx1 | tr -d ' ')" = 00 ] ||
	{ echo "probe-domu: xenconsole did not attach"; cat /tmp/$name-vuart.txt; exit 3; }
at "console attached"
xl unpause $name || exit 3
at "unpaused"
i=0
while xl domid $name >/dev/null 2>&1; do
	i=$((i + 1))
	if [ $i -ge 600 ]; then
		echo "probe-domu: the domain still runs after 60 s: destroyed"
		xl destroy $name
		break
	fi
	sleep 0.1
done
at "domain gone"
i=0
while kill -0 $console 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 50 ] || { echo "probe-domu: xl console still running after 5 s: killed"; kill $console; break; }
	sleep 0.1
done
echo "probe-domu: --- the domU's vuart"
cat /tmp/$name-vuart.txt
echo "probe-domu: ---"
grep -q '^@vc1 [0-9]* end ' /tmp/$name-vuart.txt
