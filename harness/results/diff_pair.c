/* Pairing two runs' items (cells, devices, checks, registers) by a key:
 * both sides sorted once and merged, so a 16 MiB file of checks is
 * n log n, not n squared. */
#include <stdlib.h>
#include <string.h>
#include "harness/results/diff_internal.h"
#include "harness/util/vec.h"

struct keyed {
	const char *key;
	size_t idx;
};

static int keyed_cmp(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

static struct keyed *sorted(char *const *keys, size_t n)
{
	struct keyed *s = vc_xcalloc(n, sizeof(*s));
	for (size_t i = 0; i < n; i++)
		s[i] = (struct keyed){ keys[i], i };
	qsort(s, n, sizeof(*s), keyed_cmp);
	return s;
}

/* Sorted by (key, index), the k-th A item of a key meets the k-th B item
 * of the same key in one merge walk. */
struct pairing diff_pair_up(char *const *ka, size_t na, char *const *kb, size_t nb)
{
	struct pairing p = { vc_xcalloc(na, sizeof(size_t)), vc_xcalloc(nb, 1) };
	struct keyed *sa = sorted(ka, na), *sb = sorted(kb, nb);
	for (size_t i = 0; i < na; i++)
		p.a_to_b[i] = NONE;
	for (size_t i = 0, j = 0; i < na && j < nb;) {
		int c = strcmp(sa[i].key, sb[j].key);
		if (!c) {
			p.a_to_b[sa[i].idx] = sb[j].idx;
			p.b_paired[sb[j].idx] = 1;
		}
		i += c <= 0;
		j += c >= 0;
	}
	free(sa);
	free(sb);
	return p;
}

void diff_free_pairing(struct pairing *p)
{
	free(p->a_to_b);
	free(p->b_paired);
}

static char **keys_of(const struct jv *arr, char *(*key)(const struct jv *))
{
	char **k = vc_xcalloc(jv_count(arr), sizeof(*k));
	for (size_t i = 0; i < jv_count(arr); i++)
		k[i] = key(jv_at(arr, i));
	return k;
}

void diff_free_keys(char **k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(k[i]);
	free(k);
}

void diff_walk(struct diff_ctx *c, const struct jv *xa, const struct jv *xb, char *(*key)(const struct jv *),
	       void (*both)(struct diff_ctx *c, const struct jv *x, const struct jv *y),
	       void (*one)(struct diff_ctx *c, const struct jv *x, int in_a))
{
	size_t na = jv_count(xa), nb = jv_count(xb);
	char **ka = keys_of(xa, key), **kb = keys_of(xb, key);
	struct pairing p = diff_pair_up(ka, na, kb, nb);
	for (size_t i = 0; i < na; i++)
		if (p.a_to_b[i] != NONE)
			both(c, jv_at(xa, i), jv_at(xb, p.a_to_b[i]));
		else
			one(c, jv_at(xa, i), 1);
	for (size_t j = 0; j < nb; j++)
		if (!p.b_paired[j])
			one(c, jv_at(xb, j), 0);
	diff_free_pairing(&p);
	diff_free_keys(ka, na);
	diff_free_keys(kb, nb);
}

int diff_str_cmp(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }
