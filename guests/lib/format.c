/* A small vsnprintf: %d %u %x %X %s %c %p %%, with 0-padding, width and the
 * l/ll/z length modifiers. Enough for records; no floating point. */
#include <stdarg.h>
#include <stdint.h>
#include "guests/lib/format.h"

struct out {
	char *buf;
	size_t cap, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->cap)
		o->buf[o->len] = c;
	o->len++;
}

static void put_num(struct out *o, uint64_t v, unsigned base, int upper,
		    int neg, int width, char pad)
{
	char tmp[24];
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[n++] = '-';
	for (int w = n; w < width; w++)
		put(o, pad);
	while (n)
		put(o, tmp[--n]);
}

static uint64_t take_unsigned(va_list *ap, int longs)
{
	if (longs >= 1)
		return longs == 2 ? va_arg(*ap, unsigned long long) : va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static int64_t take_signed(va_list *ap, int longs)
{
	if (longs >= 1)
		return longs == 2 ? va_arg(*ap, long long) : va_arg(*ap, long);
	return va_arg(*ap, int);
}

int vc_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap0)
{
	struct out o = { buf, cap, 0 };
	va_list ap;
	va_copy(ap, ap0);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		char pad = ' ';
		int width = 0, longs = 0;
		if (*fmt == '0')
			pad = '0', fmt++;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z')
			longs++, fmt++; /* size_t is unsigned long on every target */
		switch (*fmt) {
		case 'd': {
			int64_t v = take_signed(&ap, longs);
			put_num(&o, v < 0 ? (uint64_t)-v : (uint64_t)v, 10, 0, v < 0, width, pad);
			break;
		}
		case 'u': put_num(&o, take_unsigned(&ap, longs), 10, 0, 0, width, pad); break;
		case 'x': put_num(&o, take_unsigned(&ap, longs), 16, 0, 0, width, pad); break;
		case 'X': put_num(&o, take_unsigned(&ap, longs), 16, 1, 0, width, pad); break;
		case 'p':
			put(&o, '0'), put(&o, 'x');
			put_num(&o, (uintptr_t)va_arg(ap, void *), 16, 0, 0, width, pad);
			break;
		case 'c': put(&o, (char)va_arg(ap, int)); break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			for (s = s ? s : "(null)"; *s; s++)
				put(&o, *s);
			break;
		}
		case '%': put(&o, '%'); break;
		case '\0': fmt--; break;
		default: put(&o, '%'), put(&o, *fmt); break;
		}
	}
	va_end(ap);
	if (cap)
		buf[o.len < cap ? o.len : cap - 1] = '\0';
	return (int)o.len;
}

int vc_snprintf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vc_vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}
