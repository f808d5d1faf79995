#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Checks every firmware ELF in a directory: entry point, PT_LOAD segments
# inside the firmware's memory, the .resource_table section inside a
# loaded segment, and the table itself as Linux's table check would see
# it (the rules of Documentation/driver-api/remoteproc-rsc-table.rst).
# Prints TAP; exits non-zero on any failure.
#
# usage: check_elf.py DIR CORE0_BASE CORE1_BASE SIZE

import struct
import sys

# name: (core, table version, BUFSZ, ring size, at least this many file
# bytes[, trace buffer size])
FIRMWARE = {
    'fw-echo': (0, 1, 0, 256, 0),
    'fw-echo-big': (0, 1, 65536, 64, 0),
    'fw-echo64': (1, 2, 65536, 64, 0),
    'fw-flood': (0, 1, 65536, 64, 0),
    'fw-flood64': (1, 2, 65536, 64, 0),
    'fw-crash': (0, 1, 0, 256, 0),
    'fw-trace': (0, 1, 0, 256, 0, 4096),
    'fw-preboot': (1, 2, 65536, 64, 0),
    'fw-misbehave': (0, 1, 0, 256, 0),
    'fw-misbehave64': (1, 2, 65536, 64, 0),
    'fw-big-1m': (0, 1, 0, 256, 1 << 20),
    'fw-big-16m': (0, 1, 0, 256, 16 << 20),
}

ANY32 = 0xffffffff
ANY64 = 0xffffffffffffffff


def pow2(x):
    return x and not x & (x - 1)


def check_trace(t, off, base, limit, want):
    """The trace entry at @off: type, buffer inside memory, name."""
    if off < 24 or off + 48 > len(t) or off % 4:
        return f'trace entry offset {off}'
    typ, da, ln, r = struct.unpack_from('<4I', t, off)
    name = t[off + 16:off + 48]
    if typ != 2 or r or ln != want or da < base or da + ln > limit:
        return f'trace type {typ} da {da:#x} len {ln}'
    if b'\0' not in name or not name.startswith(b'trace'):
        return f'trace name {name!r}'
    return None


def check_table(t, ver, bufsz, num, trace=0, base=0, limit=0):
    """Returns None if the table is right, else what is wrong."""
    if len(t) < 16:
        return 'table shorter than its header'
    tver, tnum, r0, r1 = struct.unpack_from('<4I', t, 0)
    if tver != ver or tnum != 1 + bool(trace):
        return f'version {tver} num {tnum}'
    if r1 or (ver == 1 and r0):
        return 'reserved header fields not 0'
    size = len(t)
    if ver == 2:
        if r0 < 20 or r0 > len(t):
            return f'size {r0} outside 20..{len(t)}'
        size = r0
    off, = struct.unpack_from('<I', t, 16)
    if off < 20 or off + 4 > size or off % (8 if ver == 2 else 4):
        return f'entry offset {off}'
    typ, = struct.unpack_from('<I', t, off)
    p = off + 4
    if ver == 1:
        if typ != 3:
            return f'type {typ}'
        vid, nid, dfeat, gfeat, clen, st, nvr = struct.unpack_from('<5IBB', t, p)
        resv = t[p + 22:p + 24]
        vr_fmt, vr_size, p_vr = '<5I', 20, p + 24
    else:
        if typ != 19:
            return f'type {typ}'
        vid, dfeat, gfeat, nid, clen, st, nvr = struct.unpack_from('<IQQIIBB', t, p)
        resv = t[p + 30:p + 36]
        vr_fmt, vr_size, p_vr = '<QQIIII', 32, p + 36
    if vid != 7 or gfeat or st or nvr != 2 or any(resv):
        return f'vdev id {vid} gfeatures {gfeat} status {st} vrings {nvr}'
    want = 1 | (2 if bufsz else 0) | ((1 << 32) if ver == 2 else 0)
    if dfeat != want:
        return f'dfeatures {dfeat:#x}, want {want:#x}'
    if p_vr + 2 * vr_size + clen > size:
        return 'vrings and config space run past the table'
    for i in range(2):
        f = struct.unpack_from(vr_fmt, t, p_vr + i * vr_size)
        if ver == 1:
            da, align, n, _, _ = f
            any_ = ANY32
        else:
            da, _, align, n, _, r = f
            any_ = ANY64
            if r:
                return f'vring[{i}].reserved not 0'
        if da != any_ or n != num or not pow2(n) or n > 32768 or not pow2(align):
            return f'vring[{i}] da {da:#x} num {n} align {align}'
    cfg = p_vr + 2 * vr_size
    if bufsz:
        if clen < 11:
            return f'config_len {clen}'
        v, sz, tx, rx = struct.unpack_from('<BHII', t, cfg)
        if v != 1 or sz < 11 or tx != bufsz or rx != bufsz:
            return f'config {v} {sz} {tx} {rx}'
    elif clen:
        return f'config_len {clen} without BUFSZ'
    if trace:
        return check_trace(t, struct.unpack_from('<I', t, 20)[0], base, limit, trace)
    return None


def check(path, base, limit, ver, bufsz, num, min_file, trace=0):
    with open(path, 'rb') as f:
        e = f.read()
    if e[:4] != b'\x7fELF' or e[4] != 2 or e[5] != 1:
        return 'not a little-endian ELF64 file'
    etype, mach, _, entry, phoff, shoff = struct.unpack_from('<HHIQQQ', e, 16)
    phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from('<5H', e, 54)
    if etype != 2 or mach != 62:
        return f'type {etype} machine {mach}'
    if not base <= entry < limit:
        return f'entry {entry:#x} outside the firmware memory'
    loads = []
    for i in range(phnum):
        ptype, _, off, va, pa, fsz, msz, _ = struct.unpack_from('<IIQQQQQQ', e,
                                                                phoff + i * phentsize)
        if ptype != 1:
            continue
        if va < base or va + msz > limit or fsz > msz or pa != va:
            return f'PT_LOAD {va:#x}+{msz:#x} outside the firmware memory'
        loads.append((off, va, fsz))
    if not loads or sum(x[2] for x in loads) < min_file:
        return 'too little loaded data'
    stroff = struct.unpack_from('<Q', e, shoff + shstrndx * shentsize + 24)[0]
    for i in range(shnum):
        name, _, _, addr, off, size = struct.unpack_from('<IIQQQQ', e, shoff + i * shentsize)
        n = e[stroff + name:e.index(b'\0', stroff + name)].decode()
        if n != '.resource_table':
            continue
        if addr % 8:
            return f'.resource_table at {addr:#x} is not 8-byte aligned'
        if not any(va <= addr and addr + size <= va + fsz for _, va, fsz in loads):
            return '.resource_table is not inside the file part of a PT_LOAD'
        return check_table(e[off:off + size], ver, bufsz, num, trace, base, limit)
    return 'no .resource_table section'


def main():
    out, bases, size = sys.argv[1], [int(sys.argv[2], 0), int(sys.argv[3], 0)], int(sys.argv[4], 0)
    failed = 0
    for i, (name, (core, ver, bufsz, num, min_file, *trace)) in enumerate(FIRMWARE.items(), 1):
        try:
            err = check(f'{out}/{name}.elf', bases[core], bases[core] + size, ver, bufsz,
                        num, min_file, *trace)
        except (OSError, struct.error, ValueError) as ex:
            err = str(ex)
        failed += bool(err)
        print(f'{"not ok" if err else "ok"} {i} elf {name}' + (f': {err}' if err else ''))
    print(f'1..{len(FIRMWARE)}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
