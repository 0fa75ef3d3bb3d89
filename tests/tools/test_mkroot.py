# SPDX-License-Identifier: MIT
"""tools/mkroot: its archive is a newc cpio archive that GNU cpio reads back
as the tree it was made from (busybox byte for byte, the applet links, the
directories and their modes, a DIR on top), its big files' data starts on a
page boundary, and the same inputs make the same bytes."""
import os
import shutil
import subprocess

import pytest

from tracetest import REPO

MKROOT = os.path.join(REPO, "tools", "mkroot")
BUSYBOX = "/bin/busybox"

pytestmark = pytest.mark.skipif(not os.access(BUSYBOX, os.X_OK) or not shutil.which("cpio"),
                                reason="needs busybox-static and cpio")


def mkroot(tmp_path, *args):
    out = tmp_path / "root.cpio"
    subprocess.run([MKROOT, "-o", str(out), *args], check=True, capture_output=True)
    return out


def extract(archive, into):
    into.mkdir()
    with open(archive, "rb") as f:
        subprocess.run(["cpio", "-id", "--quiet"], stdin=f, cwd=into, check=True)


def test_gnu_cpio_reads_it_back(tmp_path):
    extra = tmp_path / "extra"
    (extra / "etc").mkdir(parents=True)
    (extra / "etc" / "hello").write_text("hi\n")
    (extra / "init").write_text("#!/bin/sh\necho init\n")
    os.chmod(extra / "init", 0o755)
    os.symlink("hello", extra / "etc" / "link")
    archive = mkroot(tmp_path, "-a", "sh ls cat", str(extra))
    tree = tmp_path / "tree"
    extract(archive, tree)
    with open(BUSYBOX, "rb") as a, open(tree / "bin" / "busybox", "rb") as b:
        assert a.read() == b.read()
    for applet in ("sh", "ls", "cat"):
        assert os.readlink(tree / "bin" / applet) == "/bin/busybox"
    assert not (tree / "bin" / "grep").exists()
    assert (tree / "etc" / "hello").read_text() == "hi\n"
    assert os.readlink(tree / "etc" / "link") == "hello"
    assert os.stat(tree / "init").st_mode & 0o777 == 0o755
    assert os.stat(tree / "tmp").st_mode & 0o7777 == 0o1777
    for d in ("dev", "etc", "proc"):
        assert (tree / d).is_dir()


def test_every_applet_and_aligned_data(tmp_path):
    archive = mkroot(tmp_path).read_bytes()
    applets = subprocess.run([BUSYBOX, "--list"], capture_output=True, text=True,
                             check=True).stdout.split()
    names = subprocess.run(["cpio", "-t", "--quiet"], input=archive, capture_output=True,
                           check=True).stdout.decode().split()
    assert sorted(n for n in names if n.startswith("bin/")) == sorted(
        "bin/" + a for a in applets)
    # busybox's data: its header at h, 110 bytes, the name size; data at a page
    at = archive.index(b"bin/busybox\0") - 110
    namesize = int(archive[at + 94:at + 102], 16)
    data = (at + 110 + namesize + 3) & ~3
    assert data % 4096 == 0
    with open(BUSYBOX, "rb") as f:
        image = f.read()
    assert archive[data:data + len(image)] == image


def test_reproducible(tmp_path):
    a = mkroot(tmp_path, "-a", "sh").read_bytes()
    b = mkroot(tmp_path, "-a", "sh").read_bytes()
    assert a == b


def test_refusals(tmp_path):
    r = subprocess.run([MKROOT, "-o", str(tmp_path / "x"), "-b", "/nonexistent"],
                       capture_output=True, text=True)
    assert r.returncode != 0 and "no busybox" in r.stderr
    r = subprocess.run([MKROOT, "-o", str(tmp_path / "x"), "/nonexistent/dir"],
                       capture_output=True, text=True)
    assert r.returncode != 0 and "not a directory" in r.stderr
