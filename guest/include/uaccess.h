/* SPDX-License-Identifier: MIT */
/*
 * Touching user memory from the kernel, safely.  A system call's pointer
 * and length come from ring 3 and are checked before any byte is read:
 * the range must lie inside the user half (vm.h) without wrapping, and
 * every page of it must be mapped in the caller's address space with
 * PTE_U (and PTE_W when the kernel writes), or be allowed by one of its
 * regions (mm.h), in which case it is mapped now.  Anything else is -EFAULT, so
 * a bad pointer can never make the kernel itself fault.  The bytes are
 * then reached through the kernel's identity map of the frames.
 *
 * Pure logic; the unit tests run it on the host.
 */
#ifndef LDE_GUEST_UACCESS_H
#define LDE_GUEST_UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm.h"

/*
 * True if the kernel may read (or, if `write`, write) [uaddr, uaddr + len)
 * on behalf of as's task.  An empty range is always fine: nothing is
 * touched.
 */
bool user_access_ok(struct addrspace *as, uint64_t uaddr, uint64_t len, bool write);

/* Copy len bytes from user uaddr to dst; 0 or -EFAULT (nothing copied). */
int copy_from_user(struct addrspace *as, void *dst, uint64_t uaddr, size_t len);

/* Copy len bytes from src to user uaddr; 0 or -EFAULT (nothing copied). */
int copy_to_user(struct addrspace *as, uint64_t uaddr, const void *src, size_t len);

/*
 * Checks [uaddr, uaddr + len) for reading, then hands it to fn piece by
 * piece (one piece per page at most) as kernel pointers.  0 or -EFAULT
 * (then fn is never called).
 */
int user_read_pieces(struct addrspace *as, uint64_t uaddr, size_t len,
                     void (*fn)(const char *piece, size_t n, void *arg), void *arg);

/*
 * Copies the user string at uaddr, its NUL included, into dst[0..max):
 * its length, max if no NUL came within max bytes, or -EFAULT.
 */
int64_t strncpy_from_user(struct addrspace *as, char *dst, uint64_t uaddr, size_t max);

#endif
