/* Guest-to-host record protocol: the one definition both sides compile.
 *
 * A record is one console line:
 *     @vc1 <seq> <kind> key=value key=value ... #<fnv1a32 hex>
 * <seq> counts from 0 with no gaps, so the host sees lost lines; the checksum
 * covers every byte before " #", so the host sees corrupted ones; a run that
 * has no "end" record did not finish. Values are tokens of printable ASCII with
 * '%', '#', '=', space and anything unprintable written as %XX.
 * Passing checks travel batched as "pass d=N set=HEX" (the console is the
 * slowest part of a run), and so do skipped checks, as "skip d=N set=HEX
 * detail=WHY" (no detail: VC_SKIP_UNOFFERED). HEX is a set of check
 * ranks as vcheck/ranks.h writes it; the start record's `cat` is the image's
 * catalogue fingerprint, so the host decodes ranks only against the same
 * catalogue. "ids=ID,ID,..." in place of set= is read too. A check with
 * any other verdict, or whose run fired personality rules, has its own
 * "check"; under vcheck.profile every check has, with us= (its guest time,
 * microseconds) and reset_us= (the reset and set-up before it).
 * An "acc" record (vcheck.trace=1, and every aborted access) made by a
 * personality's backend on the real device carries by=backend; without
 * `by` the driver, that is the checks, made it.
 * Under vcheck.careful a "begin" names each check before it runs, and
 * every verdict has its own record: a boot that ends without its end
 * record ended in the check its last "begin" named.
 * Side-effect experiment steps are "sfx" records (vcheck/sidefx.h); a
 * "mark" closes a stretch of set-up accesses, so the host does not charge
 * the device-side events they caused to the experiment step that follows.
 * An "ask" asks the host for the host-triggered event `ev` on device d now
 * (QMP, harness/run/host_events.c); the guest watches the device meanwhile.
 * A "query" asks the host to record something of device d now: `what` is
 * VC_QUERY_QEMU_STATUS, the device's state as QEMU sees it
 * (x-query-virtio-status); the host answers with one byte down the
 * console, which the guest waits for without touching the device.
 * Lines that do not begin with the prefix are console noise (firmware, QEMU
 * messages) and are kept but never interpreted. */
#ifndef VCHECK_RECORDS_H
#define VCHECK_RECORDS_H

#define VC_QUERY_QEMU_STATUS "qemu-status"

#include <stdint.h>
#include <stddef.h>

#define VC_PROTO_VERSION 1
#define VC_RECORD_PREFIX "@vc1 "
#define VC_RECORD_MAX_LINE 1024
#define VC_RECORD_MAX_FIELDS 16
/* The longest vcheck.only list the image takes (with its NUL); a longer
 * one is ignored, so the host never sends one. */
#define VC_ONLY_MAX 256

/* 1 when `id` is one of the comma-separated names of `list` (vcheck.only,
 * as the image reads it and the host's confirmation runs build it). No
 * libc: the image and the host share it. */
static inline int vc_list_names(const char *list, const char *id)
{
	for (const char *w = list; *w; w++) {
		const char *a = w, *b = id;
		while (*a && *a != ',' && *a == *b)
			a++, b++;
		if ((!*a || *a == ',') && !*b)
			return 1;
		while (*w && *w != ',')
			w++;
		if (!*w)
			break;
	}
	return 0;
}
/* The detail a "skip" batch stands for. */
#define VC_SKIP_UNOFFERED "feature not offered"

/* kind, wire name, required keys (comma separated, all of them mandatory) */
#define VC_RECORD_KINDS(X)                                                   \
	X(START, "start", "proto,image,arch,el")                             \
	X(DEV, "dev", "d,loc,transport,id,vendor")                           \
	X(FEAT, "feat", "d,sel,val")                                         \
	X(QUEUE, "queues", "d,q,max")  /* max: QueueNumMax of q, q+1, ... */  \
	X(CFG, "cfg", "d,off,hex")                                           \
	X(ACC, "acc", "d,sp,off,w,op,val,st")                                \
	X(CHECK, "check", "d,id,v")                                          \
	X(BEGIN, "begin", "d,id")  /* vcheck.careful: check id starts */     \
	X(PASS, "pass", "d")       /* and set= or ids= */                    \
	X(SKIP, "skip", "d")       /* and set= or ids=, detail= */           \
	X(EXC, "exc", "type,esr,elr,far")                                    \
	X(SFX, "sfx", "d,sp,off,w,x")                                       \
	X(MARK, "mark", "d")                                                 \
	X(ASK, "ask", "d,ev")                                                \
	X(QUERY, "query", "d,what")                                          \
	X(LOG, "log", "msg")                                                 \
	X(END, "end", "devices,checks")

enum vc_record_kind {
#define VC_KIND_ENUM(k, name, keys) VC_REC_##k,
	VC_RECORD_KINDS(VC_KIND_ENUM)
#undef VC_KIND_ENUM
	VC_REC__COUNT
};

/* FNV-1a, 32 bit: small enough for the guest, enough to catch a mangled
 * line. vc_hash_more continues a hash over more bytes. */
#define VC_HASH_START 2166136261u
static inline uint32_t vc_hash_more(uint32_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (uint8_t)s[i];
		h *= 16777619u;
	}
	return h;
}

static inline uint32_t vc_record_hash(const char *s, size_t n) { return vc_hash_more(VC_HASH_START, s, n); }

/* Characters a value may carry unescaped. */
static inline int vc_record_plain_char(char c)
{
	return c > ' ' && c <= '~' && c != '%' && c != '#' && c != '=';
}

#endif
