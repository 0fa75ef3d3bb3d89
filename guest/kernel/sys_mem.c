// SPDX-License-Identifier: MIT
/*
 * System calls on the address space (syscalls.h): brk and anonymous private
 * mmap, munmap, mprotect, on the regions of mm.c.  The TLB is flushed for
 * what changed (always the current task's space).
 */
#include "uapi/lde_sys.h"

#include "cpu.h"
#include "mm.h"
#include "paging.h"
#include "sched.h"
#include "syscalls.h"
#include "task.h"

#define FLUSH_ALL_PAGES 64 /* more than this: reload CR3 instead of invlpg */

static void flush(uint64_t start, uint64_t end)
{
	if ((end - start) / PAGE_SIZE > FLUSH_ALL_PAGES) {
		write_cr3(read_cr3());
		return;
	}
	for (uint64_t va = start; va < end; va += PAGE_SIZE)
		__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

int64_t sys_brk(struct trap_frame *f)
{
	uint64_t old = current->as.brk, now = mm_brk(&current->as, f->rdi);

	if (now < old)
		flush(PAGE_UP(now), PAGE_UP(old));
	return (int64_t)now;
}

#define MAP_KNOWN                                                                                  \
	(MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_DENYWRITE | MAP_NORESERVE | \
	 MAP_POPULATE | MAP_STACK | MAP_FIXED_NOREPLACE)

int64_t sys_mmap(struct trap_frame *f)
{
	uint64_t addr = f->rdi, len = f->rsi, prot = f->rdx, flags = f->r10;
	int64_t ret;

	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV; /* no files to map */
	if ((flags & MAP_SHARED) || !(flags & MAP_PRIVATE) || (flags & ~(uint64_t)MAP_KNOWN))
		return -EINVAL;
	if (prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	ret = mm_mmap(&current->as, addr, len, (uint32_t)prot, (uint32_t)flags);
	if (ret > 0 && (flags & MAP_FIXED))
		flush((uint64_t)ret, (uint64_t)ret + PAGE_UP(len));
	return ret;
}

/* [addr, addr + len) page-aligned inside the user half; its end in *end. */
static bool user_pages(uint64_t addr, uint64_t len, uint64_t *end)
{
	if ((addr & (PAGE_SIZE - 1)) || !len || len > LDE_USER_END)
		return false;
	*end = addr + PAGE_UP(len);
	return uvm_user_range(addr, *end - addr);
}

int64_t sys_munmap(struct trap_frame *f)
{
	uint64_t end;
	int err;

	if (!user_pages(f->rdi, f->rsi, &end))
		return -EINVAL;
	err = mm_unmap(&current->as, f->rdi, end);
	flush(f->rdi, end);
	return err;
}

int64_t sys_mprotect(struct trap_frame *f)
{
	uint64_t end;
	int err;

	if (!user_pages(f->rdi, f->rsi, &end))
		return f->rsi ? -EINVAL : 0;
	if (f->rdx & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	err = mm_protect(&current->as, f->rdi, end, (uint32_t)f->rdx);
	flush(f->rdi, end);
	return err;
}

#define MADV_DONTNEED 4

/* Advice; MADV_DONTNEED drops the pages: they come back zeroed when touched. */
int64_t sys_madvise(struct trap_frame *f)
{
	uint64_t end;

	if (!user_pages(f->rdi, f->rsi, &end))
		return f->rsi ? -EINVAL : 0;
	if (f->rdx != MADV_DONTNEED)
		return 0;
	for (uint64_t va = f->rdi; va < end; va += PAGE_SIZE)
		uvm_unmap(&current->as, va);
	flush(f->rdi, end);
	return 0;
}
