// SPDX-License-Identifier: MIT
/* Checked access to user memory (see uaccess.h). */
#include "uapi/lde_sys.h"

#include "mm.h"
#include "paging.h"
#include "string.h"
#include "uaccess.h"

/* Bytes from uaddr to the end of its page. */
static size_t to_page_end(uint64_t uaddr)
{
	return PAGE_SIZE - (uaddr & (PAGE_SIZE - 1));
}

bool user_access_ok(struct addrspace *as, uint64_t uaddr, uint64_t len, bool write)
{
	uint64_t need = PTE_U | (write ? PTE_W : 0);

	if (!len)
		return true;
	if (!uvm_user_range(uaddr, len))
		return false;
	/* One lookup per page the range touches; a page a region allows but
	 * nobody touched yet appears now, as a fault would have made it. */
	for (uint64_t va = uaddr; va - uaddr < len; va += to_page_end(va))
		if (!uvm_kaddr(as, va, need) &&
		    !(mm_fault(as, va, write, false) && uvm_kaddr(as, va, need)))
			return false;
	return true;
}

/*
 * Copies between kernel buffer kbuf and user range [uaddr, uaddr + len),
 * page piece by page piece; the range has been checked.
 */
static void copy_pieces(const struct addrspace *as, char *kbuf, uint64_t uaddr, size_t len,
                        bool to_user)
{
	while (len) {
		size_t n = to_page_end(uaddr);
		char *u = uvm_kaddr(as, uaddr, PTE_U);

		if (n > len)
			n = len;
		if (to_user)
			memcpy(u, kbuf, n);
		else
			memcpy(kbuf, u, n);
		kbuf += n;
		uaddr += n;
		len -= n;
	}
}

int copy_from_user(struct addrspace *as, void *dst, uint64_t uaddr, size_t len)
{
	if (!user_access_ok(as, uaddr, len, false))
		return -EFAULT;
	copy_pieces(as, dst, uaddr, len, false);
	return 0;
}

int copy_to_user(struct addrspace *as, uint64_t uaddr, const void *src, size_t len)
{
	if (!user_access_ok(as, uaddr, len, true))
		return -EFAULT;
	copy_pieces(as, (char *)src, uaddr, len, true);
	return 0;
}

int user_read_pieces(struct addrspace *as, uint64_t uaddr, size_t len,
                     void (*fn)(const char *piece, size_t n, void *arg), void *arg)
{
	if (!user_access_ok(as, uaddr, len, false))
		return -EFAULT;
	while (len) {
		size_t n = to_page_end(uaddr);

		if (n > len)
			n = len;
		fn(uvm_kaddr(as, uaddr, PTE_U), n, arg);
		uaddr += n;
		len -= n;
	}
	return 0;
}

int64_t strncpy_from_user(struct addrspace *as, char *dst, uint64_t uaddr, size_t max)
{
	size_t done = 0;

	while (done < max) {
		size_t n = to_page_end(uaddr + done);
		const char *u;

		if (!user_access_ok(as, uaddr + done, 1, false))
			return -EFAULT;
		u = uvm_kaddr(as, uaddr + done, PTE_U);
		if (n > max - done)
			n = max - done;
		for (size_t i = 0; i < n; i++) {
			dst[done + i] = u[i];
			if (!u[i])
				return (int64_t)(done + i);
		}
		done += n;
	}
	return (int64_t)max;
}
