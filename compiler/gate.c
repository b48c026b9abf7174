/*
 * gate: byte-level checks before parsing; see gate.h.
 *
 * One pass over the bytes. Repeated findings of one kind are capped per file
 * (a CRLF file is one finding, not one per line) so a hostile file cannot
 * flood the output.
 */
#include "gate.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "json.h"
#include "strbuf.h"

#define GATE_MAX_REPEAT 5

struct counter {
	const char *rule;
	int n;
};

static void report(const struct doc *doc, struct diag_sink *sink, struct counter *c, size_t off,
                   const char *fmt, ...) XALLOC_PRINTF(5, 6);

static void report(const struct doc *doc, struct diag_sink *sink, struct counter *c, size_t off,
                   const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct loc l;
	va_list ap;

	if (c->n++ >= GATE_MAX_REPEAT)
		return;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	l = doc_loc_at(doc, off);
	diag_add(sink, DIAG_ERROR, &l, c->rule, "%s", sb.buf);
	strbuf_release(&sb);
}

static int is_bidi(unsigned cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
	       cp == 0x200F || cp == 0x061C;
}

/*
 * Are all 8 bytes at p printable ASCII (0x20..0x7E)? Bit tricks on a 64-bit
 * word: a byte below 0x20 borrows into its top bit when 0x20 is taken from
 * it, a byte above 0x7E carries into its top bit when 1 is added.
 */
static int printable8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101ULL, tops = 0x8080808080808080ULL;
	uint64_t x;

	memcpy(&x, p, 8);
	return !(((x - ones * 0x20) & ~x & tops) | (((x + ones) | x) & tops));
}

int gate_check(const struct doc *doc, struct diag_sink *sink, size_t *bom_len)
{
	const unsigned char *s = (const unsigned char *)doc->src;
	size_t len = doc->len, i = 0, line_start = 0;
	struct counter utf8 = {"encoding-invalid-utf8", 0};
	struct counter nul = {"encoding-nul", 0};
	struct counter crlf = {"encoding-crlf", 0};
	struct counter cr = {"encoding-bare-cr", 0};
	struct counter ctl = {"encoding-control", 0};
	struct counter bidi = {"encoding-bidi", 0};
	struct counter longl = {"line-too-long", 0};
	int ok = 1, crlf_lines = 0;
	size_t crlf_first = 0;

	*bom_len = 0;
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		struct loc l = {doc->path, 1, 1};
		diag_add(sink, DIAG_ERROR, &l, "encoding-utf16",
		         "the file is UTF-16 (byte order mark %02X %02X); re-save it as UTF-8",
		         s[0], s[1]);
		return 0;
	}
	if (len >= 4 && ((s[0] && !s[1] && s[2] && !s[3]) || (!s[0] && s[1] && !s[2] && s[3]))) {
		struct loc l = {doc->path, 1, 1};
		diag_add(
		    sink, DIAG_ERROR, &l, "encoding-utf16",
		    "the file looks like UTF-16 without a byte order mark; re-save it as UTF-8");
		return 0;
	}
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		struct loc l = {doc->path, 1, 1};
		diag_add(sink, DIAG_ERROR, &l, "encoding-bom",
		         "the file starts with a UTF-8 byte order mark; re-save it without a BOM");
		*bom_len = 3;
		i = 3;
	}
	while (i < len) {
		unsigned c = s[i], cp;
		size_t n;

		if (c == '\n') {
			if (i - line_start > GATE_MAX_LINE) {
				report(doc, sink, &longl, line_start,
				       "line is longer than %u bytes; break it up", GATE_MAX_LINE);
				ok = 0;
			}
			line_start = i + 1;
			i++;
			continue;
		}
		if (c >= 0x20 && c < 0x7F) {
			/* runs of printable ASCII are most of a file: 8 bytes a step */
			i++;
			while (len - i >= 8 && printable8(s + i))
				i += 8;
			while (i < len && s[i] >= 0x20 && s[i] < 0x7F)
				i++;
			continue;
		}
		if (c == '\t') {
			i++;
			continue;
		}
		if (c == '\r') {
			if (i + 1 < len && s[i + 1] == '\n') {
				if (!crlf_lines++)
					crlf_first = i;
			} else {
				report(doc, sink, &cr, i,
				       "carriage return (U+%04X) without a line feed; use LF line "
				       "endings",
				       0x0D);
				ok = 0;
			}
			i++;
			continue;
		}
		if (c == 0) {
			report(doc, sink, &nul, i, "NUL byte (U+%04X); scenario files are text", 0);
			ok = 0;
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7F) {
			report(doc, sink, &ctl, i, "control character U+%04X; remove it", c);
			i++;
			continue;
		}
		n = utf8_seq_len(s + i, len - i, &cp);
		if (!n) {
			report(doc, sink, &utf8, i,
			       "invalid UTF-8 byte 0x%02X; re-save the file as UTF-8", c);
			ok = 0;
			i++;
			continue;
		}
		if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029)
			report(doc, sink, &ctl, i, "invisible control character U+%04X; remove it",
			       cp);
		else if (is_bidi(cp))
			report(doc, sink, &bidi, i,
			       "bidirectional control character U+%04X; remove it (it can hide "
			       "what the text says)",
			       cp);
		else if (cp == 0xFEFF)
			report(doc, sink, &ctl, i,
			       "zero-width no-break space U+%04X inside the text; remove it", cp);
		i += n;
	}
	if (len - line_start > GATE_MAX_LINE) {
		report(doc, sink, &longl, line_start, "line is longer than %u bytes; break it up",
		       GATE_MAX_LINE);
		ok = 0;
	}
	if (crlf_lines) {
		struct loc l = doc_loc_at(doc, crlf_first);
		diag_add(sink, DIAG_ERROR, &l, crlf.rule,
		         "line ends with CRLF (%d line%s in this file); convert the file to LF "
		         "line endings",
		         crlf_lines, crlf_lines == 1 ? "" : "s");
	}
	return ok;
}

/* The marker a line starting at s (len bytes to the end of the file) is, or NULL. */
static const char *conflict_marker(const char *s, size_t len)
{
	static const char *const open = "<<<<<<< ", *const close = ">>>>>>> ";

	if (len >= 8 && (!memcmp(s, open, 8) || !memcmp(s, close, 8)))
		return s[0] == '<' ? "<<<<<<<" : ">>>>>>>";
	if (len >= 7 && !memcmp(s, "=======", 7) && (len == 7 || s[7] == '\n' || s[7] == '\r'))
		return "=======";
	return NULL;
}

size_t gate_conflicts(const struct doc *doc, struct diag_sink *sink)
{
	size_t i, n = 0;

	for (i = 0; i < doc->nlines; i++) {
		size_t off = doc->line_starts[i];
		const char *m;
		struct loc l;

		if (off >= doc->len || !memchr("<=>", doc->src[off], 3))
			continue;
		m = conflict_marker(doc->src + off, doc->len - off);
		if (!m)
			continue;
		l = doc_loc_at(doc, off);
		diag_add(sink, DIAG_ERROR, &l, "merge-conflict",
		         "merge conflict marker '%s' left in; resolve the conflict and delete "
		         "the marker lines",
		         m);
		n++;
	}
	return n;
}
