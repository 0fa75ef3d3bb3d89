# SPDX-License-Identifier: MIT
"""docs/guest-kernel.md's list of system calls is the kernel's: every Linux
call in the dispatch table of guest/kernel/syscall.c appears in the doc's
"Calls" table, and the doc lists no call the kernel lacks, so the list a
user reads cannot drift from the code.  Needs no KVM."""
import os
import re

REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SYSCALL_C = os.path.join(REPO, "guest", "kernel", "syscall.c")
DOC = os.path.join(REPO, "docs", "guest-kernel.md")


def kernel_calls():
    """Names in `static const syscall_fn table[SYS_LINUX_MAX] = { ... };`."""
    src = open(SYSCALL_C).read()
    m = re.search(r"table\[SYS_LINUX_MAX\]\s*=\s*\{(.*?)\};", src, re.S)
    assert m, "guest/kernel/syscall.c: no table[SYS_LINUX_MAX] = { ... };"
    return set(re.findall(r"\[SYS_(\w+)\]\s*=", m.group(1)))


def doc_calls():
    """The backticked names in the first column of the doc's "| Calls |" table."""
    lines = open(DOC).read().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| Calls |"))
    names = set()
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        names |= set(re.findall(r"`([a-z_][a-z0-9_]*)", line.split("|")[1]))
    return names


def test_the_table_parses():
    # the kernel has dozens; a parser that found none would pass anything
    assert len(kernel_calls()) > 40
    assert {"read", "write", "mmap", "exit_group"} <= doc_calls()


def test_doc_lists_every_call_the_kernel_has():
    missing = kernel_calls() - doc_calls()
    assert not missing, (f"in guest/kernel/syscall.c's table but not in docs/guest-kernel.md's "
                         f"'| Calls |' table: {sorted(missing)}; add a row (or a name to one)")


def test_doc_lists_no_call_the_kernel_lacks():
    extra = doc_calls() - kernel_calls()
    assert not extra, (f"in docs/guest-kernel.md's '| Calls |' table but not in "
                       f"guest/kernel/syscall.c's table: {sorted(extra)}")
