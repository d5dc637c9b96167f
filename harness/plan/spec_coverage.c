#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites/check.h"
#include "harness/plan/spec_coverage.h"
#include "harness/util/text_lines.h"
#include "harness/util/vec.h"

int vc_spec_parse(const char *path, const char *version, const char *text, struct vc_spec_list *l,
		  char *err, size_t errlen)
{
	memset(l, 0, sizeof(*l));
	l->version = vc_xstrdup(version);
	char *copy = vc_xstrdup(text), *cursor = copy, *p;
	int line = 0;
	/* Titles are free text: only a '#' at the start of a line is a comment. */
	while ((p = vc_next_line(&cursor, &line, 0))) {
		if (!*p || *p == '#')
			continue;
		char *tab = strchr(p, '\t');
		if (!tab || tab == p || !tab[1] || strspn(p, "0123456789.") != (size_t)(tab - p)) {
			snprintf(err, errlen, "%s:%d: want 'section<TAB>title'", path, line);
			free(copy);
			vc_spec_free(l);
			return -1;
		}
		*tab = 0;
		struct vc_spec_section *s = VEC_PUSH(l->s, l->n, l->cap);
		s->number = vc_xstrdup(p);
		s->title = vc_xstrdup(tab + 1);
	}
	free(copy);
	return 0;
}

unsigned vc_spec_count(struct vc_spec_list *l)
{
	unsigned elsewhere = 0;
	size_t vlen = strlen(l->version);
	for (size_t i = 0; i < l->n; i++)
		l->s[i].checks = 0;
	for (const struct vc_check *c = vc_check_first(); c; c = vc_check_next(c)) {
		if (strncmp(c->spec, l->version, vlen) || c->spec[vlen] != ' ')
			continue;
		const char *number = c->spec + vlen + 1;
		size_t i = 0;
		while (i < l->n && strcmp(l->s[i].number, number))
			i++;
		if (i < l->n)
			l->s[i].checks++;
		else
			elsewhere++;
	}
	return elsewhere;
}

void vc_spec_free(struct vc_spec_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->s[i].number), free(l->s[i].title);
	free(l->s);
	free(l->version);
	memset(l, 0, sizeof(*l));
}
