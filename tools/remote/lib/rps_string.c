// SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause
/*
 * Freestanding memory and string helpers and a minimal formatter.
 *
 * Built with -fno-tree-loop-distribute-patterns so that the loops below
 * are not turned back into calls to themselves.  With RPS_FREESTANDING
 * the standard names the compiler may call are defined as well.
 */
#include "rps_remote.h"

void *rps_memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *rps_memmove(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if (d == s || !n)
		return dst;
	if ((uintptr_t)d - (uintptr_t)s >= n)
		return rps_memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *rps_memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;

	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

int rps_memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x < *y ? -1 : 1;
	return 0;
}

size_t rps_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

#ifdef RPS_FREESTANDING
void *memcpy(void *dst, const void *src, size_t n) __attribute__((alias("rps_memcpy")));
void *memmove(void *dst, const void *src, size_t n) __attribute__((alias("rps_memmove")));
void *memset(void *dst, int c, size_t n) __attribute__((alias("rps_memset")));
int memcmp(const void *a, const void *b, size_t n) __attribute__((alias("rps_memcmp")));
size_t strlen(const char *s) __attribute__((alias("rps_strlen")));
#endif

uint64_t rps_strtou(const char *s, size_t n, const char **end)
{
	uint64_t v = 0, base = 10, d;
	size_t i = 0;

	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (base == 16 && s[i] >= 'a' && s[i] <= 'f')
			d = s[i] - 'a' + 10;
		else if (base == 16 && s[i] >= 'A' && s[i] <= 'F')
			d = s[i] - 'A' + 10;
		else
			break;
		v = v > (UINT64_MAX - d) / base ? UINT64_MAX : v * base + d;
	}
	if (end)
		*end = s + i;
	return v;
}

struct fmt_out {
	char *buf;
	size_t size;
	size_t pos;
};

static void out_c(struct fmt_out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void out_pad(struct fmt_out *o, const char *s, size_t len, unsigned int width,
		    bool left, char pad)
{
	size_t i;

	if (!left && pad == '0' && len && (*s == '-')) {
		out_c(o, *s++);
		len--;
		width = width ? width - 1 : 0;
	}
	for (i = len; !left && i < width; i++)
		out_c(o, pad);
	for (i = 0; i < len; i++)
		out_c(o, s[i]);
	for (i = len; left && i < width; i++)
		out_c(o, ' ');
}

int rps_vsnprintf(char *buf, size_t size, const char *fmt, __builtin_va_list ap)
{
	static const char digits[] = "0123456789abcdef";
	struct fmt_out o = { buf, size, 0 };
	char num[24], *p;
	unsigned int width, lng;
	bool left, neg;
	uint64_t v;
	char pad;
	const char *s;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out_c(&o, *fmt);
			continue;
		}
		fmt++;
		left = false;
		pad = ' ';
		for (; *fmt == '-' || *fmt == '0'; fmt++) {
			if (*fmt == '-')
				left = true;
			else
				pad = '0';
		}
		for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (lng = 0; *fmt == 'l' || *fmt == 'z'; fmt++)
			lng = *fmt == 'z' ? 2 : lng + 1;
		neg = false;
		switch (*fmt) {
		case 's':
			s = __builtin_va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			out_pad(&o, s, rps_strlen(s), width, left, ' ');
			continue;
		case 'c':
			num[0] = (char)__builtin_va_arg(ap, int);
			out_pad(&o, num, 1, width, left, ' ');
			continue;
		case 'd':
		case 'i':
			if (lng >= 2)
				v = (uint64_t)__builtin_va_arg(ap, long long);
			else if (lng)
				v = (uint64_t)__builtin_va_arg(ap, long);
			else
				v = (uint64_t)(int64_t)__builtin_va_arg(ap, int);
			neg = (int64_t)v < 0;
			if (neg)
				v = -v;
			break;
		case 'u':
		case 'x':
			if (lng >= 2)
				v = __builtin_va_arg(ap, unsigned long long);
			else if (lng)
				v = __builtin_va_arg(ap, unsigned long);
			else
				v = __builtin_va_arg(ap, unsigned int);
			break;
		case 'p':
			v = (uintptr_t)__builtin_va_arg(ap, void *);
			out_c(&o, '0');
			out_c(&o, 'x');
			break;
		case '%':
			out_c(&o, '%');
			continue;
		default:
			/* Unknown conversion: print it as it is. */
			out_c(&o, '%');
			if (!*fmt)
				goto done;
			out_c(&o, *fmt);
			continue;
		}
		p = num + sizeof(num);
		do {
			*--p = digits[v % (*fmt == 'x' || *fmt == 'p' ? 16 : 10)];
			v /= *fmt == 'x' || *fmt == 'p' ? 16 : 10;
		} while (v);
		if (neg)
			*--p = '-';
		out_pad(&o, p, num + sizeof(num) - p, width, left, pad);
	}
done:
	if (size)
		buf[o.pos < size ? o.pos : size - 1] = '\0';
	return (int)o.pos;
}

int rps_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	__builtin_va_list ap;
	int n;

	__builtin_va_start(ap, fmt);
	n = rps_vsnprintf(buf, size, fmt, ap);
	__builtin_va_end(ap);
	return n;
}
