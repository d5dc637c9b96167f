/* Sizes as target files and the CLI write them: a number (C syntax: 0x
 * allowed) with an optional K, M or G (binary multiples). One parser for
 * scratch files, guest RAM and `vcheck disk`. */
#ifndef VC_SIZE_H
#define VC_SIZE_H

/* Parses a size at the start of s: 0 with *bytes and *end (the first
 * character after it), or -1 when s starts with no number, has a sign, or
 * the size passes `max` bytes. */
int vc_size_prefix(const char *s, const char **end, unsigned long long max, unsigned long long *bytes);
/* The same for a whole string: nothing may follow the size; *bytes is
 * left alone on failure. */
int vc_size_parse(const char *s, unsigned long long max, unsigned long long *bytes);
#endif
