#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkbad.sh FWDIR: malformed firmware files for malformed.sh, made from
# FWDIR/fw-echo.elf, each broken in one way:
#   bad-truncated.elf  the first 100 bytes only
#   bad-machine.elf    built for another machine (EM_ARM)
#   bad-segment.elf    its first segment outside the core's memory
#   bad-table.elf      resource table of version 7
#   bad-vrings.elf     its vdev claims 200 vrings
set -euo pipefail
dir=$1
exec python3 - "$dir" <<'PY'
import struct, sys
d = sys.argv[1]
elf = bytearray(open(d + "/fw-echo.elf", "rb").read())

def put(name, data):
    open(d + "/" + name, "wb").write(bytes(data))

put("bad-truncated.elf", elf[:100])

b = bytearray(elf); struct.pack_into("<H", b, 18, 40); put("bad-machine.elf", b)

phoff, = struct.unpack_from("<Q", elf, 32)
phentsize, phnum = struct.unpack_from("<HH", elf, 54)
b = bytearray(elf)
for i in range(phnum):
    o = phoff + i * phentsize
    if struct.unpack_from("<I", b, o)[0] == 1:    # PT_LOAD
        struct.pack_into("<QQ", b, o + 16, 0x40000000, 0x40000000)
        break
put("bad-segment.elf", b)

shoff, = struct.unpack_from("<Q", elf, 40)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 58)
def sec(i):
    return struct.unpack_from("<IIQQQQ", elf, shoff + i * shentsize)
stro = sec(shstrndx)[4]
for i in range(shnum):
    name, _, _, _, off, size = sec(i)
    n = elf[stro + name:elf.index(0, stro + name)]
    if n == b".resource_table":
        table = off
        break
else:
    sys.exit("fw-echo.elf has no .resource_table")
b = bytearray(elf); struct.pack_into("<I", b, table, 7); put("bad-table.elf", b)

# The first entry of the v1 table is the vdev: header 16 bytes and
# num offsets, then the entry's type word, then its payload.
num, = struct.unpack_from("<I", elf, table + 4)
first, = struct.unpack_from("<I", elf, table + 16)
assert struct.unpack_from("<I", elf, table + first)[0] == 3, "first entry is not a vdev"
b = bytearray(elf); b[table + first + 4 + 21] = 200; put("bad-vrings.elf", b)
PY
