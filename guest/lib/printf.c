// SPDX-License-Identifier: MIT
/*
 * kprintf and vsnprintf on one formatter.  The formatter writes through a
 * sink: straight to the console for kprintf (no buffer, no length limit),
 * into a bounded buffer for vsnprintf.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "console.h"
#include "printf.h"
#include "string.h"

struct sink {
	void (*put)(struct sink *s, char c);
	char *buf;   /* vsnprintf only */
	size_t size; /* vsnprintf only: buffer size, NUL included */
	size_t len;  /* characters produced so far (even if dropped) */
};

/* How one conversion is to be printed. */
struct spec {
	bool left; /* '-': pad on the right */
	bool zero; /* '0': pad numbers with zeros */
	int width; /* minimum field width */
	int prec;  /* %s: maximum length; -1 if none */
	int size;  /* 0 int, 1 long, 2 long long, 3 size_t */
};

static void emit(struct sink *s, char c)
{
	s->put(s, c);
	s->len++;
}

static void pad(struct sink *s, char c, int n)
{
	while (n-- > 0)
		emit(s, c);
}

/* Emits str (n bytes) in a field of spec->width, padding with padc. */
static void field(struct sink *s, const struct spec *sp, const char *str, int n, char padc)
{
	int fill = sp->width > n ? sp->width - n : 0;

	if (!sp->left)
		pad(s, padc, fill);
	while (n-- > 0)
		emit(s, *str++);
	if (sp->left)
		pad(s, ' ', fill);
}

static void put_string(struct sink *s, const struct spec *sp, const char *str)
{
	if (!str)
		str = "(null)";
	int n = sp->prec >= 0 ? (int)strnlen(str, sp->prec) : (int)strlen(str);

	field(s, sp, str, n, ' ');
}

/*
 * Emits v in the given base; neg adds a '-', prefix (e.g. "0x") comes
 * before any zero padding.
 */
static void put_number(struct sink *s, const struct spec *sp, uint64_t v, unsigned base, bool neg,
                       bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	int head = (neg ? 1 : 0) + (int)strlen(prefix);
	int fill = sp->width > n + head ? sp->width - n - head : 0;

	if (!sp->left && !sp->zero)
		pad(s, ' ', fill);
	if (neg)
		emit(s, '-');
	while (*prefix)
		emit(s, *prefix++);
	if (!sp->left && sp->zero)
		pad(s, '0', fill);
	while (n)
		emit(s, tmp[--n]);
	if (sp->left)
		pad(s, ' ', fill);
}

static uint64_t arg_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->size) {
	case 1:
		return va_arg(*ap, unsigned long);
	case 2:
		return va_arg(*ap, unsigned long long);
	case 3:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static int64_t arg_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->size) {
	case 1:
		return va_arg(*ap, long);
	case 2:
		return va_arg(*ap, long long);
	case 3:
		return va_arg(*ap, long); /* ssize_t */
	default:
		return va_arg(*ap, int);
	}
}

/* Parses flags, width, precision and length after '%'; returns the rest. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		sp->width = sp->width * 10 + (*f - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			sp->prec = sp->prec * 10 + (*f - '0');
	}
	for (; *f == 'l'; f++)
		sp->size = sp->size ? 2 : 1;
	if (*f == 'z') {
		sp->size = 3;
		f++;
	}
	return f;
}

/* One conversion character c, arguments from ap. */
static void convert(struct sink *s, struct spec *sp, char c, va_list *ap)
{
	switch (c) {
	case 'd':
	case 'i': {
		int64_t v = arg_signed(sp, ap);
		uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;

		put_number(s, sp, mag, 10, v < 0, false, "");
		break;
	}
	case 'u':
		put_number(s, sp, arg_unsigned(sp, ap), 10, false, false, "");
		break;
	case 'x':
	case 'X':
		put_number(s, sp, arg_unsigned(sp, ap), 16, false, c == 'X', "");
		break;
	case 'p':
		put_number(s, sp, (uintptr_t)va_arg(*ap, void *), 16, false, false, "0x");
		break;
	case 'c': {
		char ch = (char)va_arg(*ap, int);

		field(s, sp, &ch, 1, ' ');
		break;
	}
	case 's':
		put_string(s, sp, va_arg(*ap, const char *));
		break;
	default: /* "%%", or an unknown conversion: print it as is */
		emit(s, '%');
		if (c != '%')
			emit(s, c);
	}
}

static int format(struct sink *s, const char *f, va_list ap)
{
	struct spec sp;
	va_list args;

	/* A copy, so helpers can take &args (va_list may be an array). */
	va_copy(args, ap);
	while (*f) {
		if (*f != '%') {
			emit(s, *f++);
			continue;
		}
		f = parse_spec(f + 1, &sp, &args);
		if (!*f)
			break;
		convert(s, &sp, *f++, &args);
	}
	va_end(args);
	return (int)s->len;
}

static void put_console(struct sink *s, char c)
{
	(void)s;
	console_putc(c);
}

static void put_buffer(struct sink *s, char c)
{
	if (s->len + 1 < s->size)
		s->buf[s->len] = c;
}

int vkprintf(const char *fmt, va_list ap)
{
	struct sink s = { .put = put_console };

	return format(&s, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vkprintf(fmt, ap);
	va_end(ap);
	return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { .put = put_buffer, .buf = buf, .size = size };
	int n = format(&s, fmt, ap);

	if (size)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
