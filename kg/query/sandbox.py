"""Take the network away from a process that runs queries, so no parser slip can make the engine call out.

pyoxigraph executes `SERVICE <url>` with its own HTTP client and offers no switch to turn it off;
`kg.query.sparql.check_query` refuses SERVICE from the query's tokens, and this module is the
second wall: a seccomp filter, inherited by every thread, that makes `socket(AF_INET | AF_INET6)`
fail with EPERM. Unix sockets and pipes (the worker's link to the server) keep working.
"""
from __future__ import annotations

import ctypes
import os
import platform
import signal
import struct
import sys

# (AUDIT_ARCH_*, number of socket(2), number of seccomp(2)) for the architectures we know
_ARCHES = {"x86_64": (0xC000003E, 41, 317), "aarch64": (0xC00000B7, 198, 277)}
_PR_SET_NO_NEW_PRIVS, _PR_SET_PDEATHSIG = 38, 1
_SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_TSYNC = 1, 1
_RET_ALLOW, _RET_EPERM = 0x7FFF0000, 0x00050000 | 1
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_X32_BIT = 0x40000000


def _program(arch: int, socket_nr: int) -> list[tuple[int, int, int, int]]:
    return [
        (_LD_W_ABS, 0, 0, 4),            # 0 arch
        (_JEQ_K, 0, 7, arch),            # 1 another ABI (32-bit): allow, it cannot reach this build's client
        (_LD_W_ABS, 0, 0, 0),            # 2 syscall number
        (_JGE_K, 6, 0, _X32_BIT),        # 3 x32 calls: refuse them all (nothing of ours uses them)
        (_JEQ_K, 0, 4, socket_nr),       # 4 not socket(): allow
        (_LD_W_ABS, 0, 0, 16),           # 5 its first argument, the address family
        (_JEQ_K, 3, 0, 2),               # 6 AF_INET: refuse
        (_JEQ_K, 2, 0, 10),              # 7 AF_INET6: refuse
        (_RET_K, 0, 0, _RET_ALLOW),      # 8
        (_RET_K, 0, 0, _RET_ALLOW),      # 9 (kept so that the jumps above stay readable)
        (_RET_K, 0, 0, _RET_EPERM),      # 10
    ]


def deny_network() -> bool:
    """Forbid this process (all its threads, and its children) to open IPv4/IPv6 sockets.

    Returns False where it cannot be done (not Linux, an unknown architecture, seccomp off): the
    token check of SERVICE still holds there.
    """
    arch = _ARCHES.get(platform.machine())
    if sys.platform != "linux" or arch is None:
        return False
    audit, socket_nr, seccomp_nr = arch
    libc = ctypes.CDLL(None, use_errno=True)
    prog = _program(audit, socket_nr)
    buf = ctypes.create_string_buffer(b"".join(struct.pack("HBBI", *ins) for ins in prog))
    fprog = struct.pack("HxxxxxxP", len(prog), ctypes.addressof(buf))
    fbuf = ctypes.create_string_buffer(fprog)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.syscall(seccomp_nr, _SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_TSYNC, fbuf) == 0


def die_with_parent(parent_pid: int) -> None:
    """Have the kernel kill this process when the thread that started it ends (Linux), and exit now if
    the parent is already gone."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:
        os._exit(1)
