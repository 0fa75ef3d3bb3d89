/* SPDX-License-Identifier: MIT */
/*
 * The lde user library: what a user program for the lde kernel can call.
 * System-call wrappers (Linux's numbers and lde's extensions, <lde_sys.h>), printf and a few
 * string functions.  Link with the library (guest/guest.mk does it) and
 * write `int main(int argc, char **argv)`.
 */
#ifndef LDE_USER_H
#define LDE_USER_H

#include <lde_sys.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define noreturn _Noreturn
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------- raw system calls */
/* Which trap instruction a system call uses. */
enum sys_mech_choice {
	VIA_PREFERRED, /* what the kernel said at entry (AT_LDE_INT80) */
	VIA_SYSCALL,   /* the `syscall` instruction */
	VIA_INT80,     /* `int $0x80` */
};

/* System call nr with up to three arguments, through `via`. */
long sys_call(enum sys_mech_choice via, long nr, long a1, long a2, long a3);

/* Set by crt0 from the entry flags: the preferred instruction is int80. */
extern int lde_prefer_int80;

/* SYS_MECH_* names: "syscall", "syscall-emulated", "int80", ... */
const char *sys_mech_name(unsigned mech);

/* ------------------------------------ wrappers (preferred instruction) */
struct timespec {
	long tv_sec, tv_nsec;
};

noreturn void exit(int status);
long nanosleep(const struct timespec *ts);
long write(int fd, const void *buf, size_t len);
long getpid(void);
long yield(void);
long sleep_ticks(uint64_t ticks);
uint64_t uptime(void);
long taskinfo(struct lde_taskinfo *out);

/* ----------------------------------------------------------- output */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ----------------------------------------------------------- strings */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* Decimal (or 0x hex) number at s; def if s is NULL or not a number. */
long parse_long(const char *s, long def);

/* TSC: counts CPU cycles at a constant rate; readable in ring 3. */
static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#endif
