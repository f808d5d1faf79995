#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# report.py DIR OURS_MODULES UPSTREAM_BUILD: the table of `make bench`.
# DIR holds one directory per run (ours-N, mainline-N, from guest.sh) and
# machine.txt.  Prints the table (figure, ours, mainline, ratio) and
# writes DIR/results.txt (the table, the machine, every raw sample),
# DIR/table.rst and DIR/throughput.svg (gnuplot).

import glob
import math
import os
import re
import statistics
import subprocess
import sys

STACKS = ('ours', 'mainline')
SIZES = (('16', 16), ('496', 496), ('4K', 4096), ('64K', 65536))
LOADS = (('fw-big-1m.elf', '1 MiB', 1 << 20), ('fw-big-16m.elf', '16 MiB', 16 << 20))
# Mainline's objects for what the tree's modules do (remoteproc core with
# its ELF loader, coredump, debugfs, sysfs, cdev; the rproc virtio
# transport; the rpmsg bus, name service, virtio transport, char and
# control devices).  The platform driver is left out on both sides.
MAINLINE_OBJS = ['drivers/remoteproc/' + o + '.o' for o in (
    'remoteproc_core', 'remoteproc_coredump', 'remoteproc_debugfs',
    'remoteproc_sysfs', 'remoteproc_elf_loader', 'remoteproc_cdev',
    'remoteproc_virtio')] + ['drivers/rpmsg/' + o + '.o' for o in (
        'rpmsg_core', 'rpmsg_ns', 'virtio_rpmsg_bus', 'rpmsg_char', 'rpmsg_ctrl')]


def runs(d, stack):
    return sorted(glob.glob(f'{d}/{stack}-[0-9]*'))


def fields(path):
    """key=value pairs of every line of a figure file."""
    out = []
    try:
        with open(path) as f:
            for line in f:
                kv = dict(re.findall(r'(\w+)=([0-9.]+)', line))
                if kv:
                    out.append(kv)
    except OSError:
        pass
    return out


def med(xs):
    return statistics.median(xs) if xs else None


def p99(xs):
    if not xs:
        return None
    xs = sorted(xs)
    return xs[max(0, math.ceil(len(xs) * 0.99) - 1)]


def text_data(objs):
    """text + data of the objects, as size(1) counts them."""
    out = subprocess.run(['size'] + objs, capture_output=True, text=True, check=True)
    total = 0
    for line in out.stdout.splitlines()[1:]:
        text, data = line.split()[:2]
        total += int(text) + int(data)
    return total


def main():
    d, ours_mods, upstream = sys.argv[1], sys.argv[2].split(), sys.argv[3]
    fig = {s: {} for s in STACKS}
    raw = {s: {} for s in STACKS}
    for s in STACKS:
        rtt = []
        for r in runs(d, s):
            try:
                with open(f'{r}/rtt.raw') as f:
                    rtt += [int(x) for x in f.read().split()]
            except OSError:
                pass
        raw[s]['rtt_ns'] = rtt
        fig[s]['rtt_med'] = med(rtt) and med(rtt) / 1e3
        fig[s]['rtt_p99'] = p99(rtt) and p99(rtt) / 1e3
        for name, _ in SIZES:
            kv = [k for r in runs(d, s) for k in fields(f'{r}/tput-{name}.txt')]
            raw[s][f'tput_{name}'] = kv
            fig[s][f'msgs_{name}'] = med([float(k['msgs_per_s']) for k in kv])
            fig[s][f'mbs_{name}'] = med([float(k['MB_per_s']) for k in kv])
        for fw, label, size in LOADS:
            ns = [int(k['ns']) for r in runs(d, s) for k in fields(f'{r}/load-{fw}.txt')]
            raw[s][f'load_{label}_ns'] = ns
            fig[s][f'load_{label}'] = med(ns) and size / med(ns) * 1e3
        ns = [int(k['ns']) for r in runs(d, s) for k in fields(f'{r}/attach.txt')]
        raw[s]['attach_ns'] = ns
        fig[s]['attach'] = med(ns) and med(ns) / 1e6
    memcpy, fread = {}, {}
    for fw, label, size in LOADS:
        tag = label.replace(' MiB', 'M')
        mbs = [float(k['MB_per_s']) for s in STACKS for r in runs(d, s)
               for k in fields(f'{r}/memcpy-{tag}.txt')]
        memcpy[label] = med(mbs)
        raw['ours'][f'memcpy_{label}_MBps'] = mbs
        for s in STACKS:
            mbs = [float(k['MB_per_s']) for r in runs(d, s) for k in fields(f'{r}/read-{fw}.txt')]
            fread.setdefault(label, []).extend(mbs)
            raw[s][f'file_read_{label}_MBps'] = mbs
        fread[label] = med(fread[label])
    fig['ours']['foot'] = text_data([m[:-3] + '.o' for m in ours_mods
                                     if not m.endswith('/uml_rproc.ko')])
    fig['mainline']['foot'] = text_data([os.path.join(upstream, o) for o in MAINLINE_OBJS])

    rows = [('16 B round trip, median', 'rtt_med', 'us', 'lower'),
            ('16 B round trip, p99', 'rtt_p99', 'us', 'lower')]
    for name, _ in SIZES:
        rows.append((f'throughput {name} B', f'msgs_{name}', 'msgs/s', 'higher'))
        rows.append((f'throughput {name} B', f'mbs_{name}', 'MB/s', 'higher'))
    for _, label, _ in LOADS:
        rows.append((f'firmware load {label} (memcpy {memcpy[label] or 0:.0f}, '
                     f'file read {fread[label] or 0:.0f} MB/s)', f'load_{label}', 'MB/s', 'higher'))
    rows.append(('attach, probe to channel device', 'attach', 'ms', 'lower'))
    rows.append(('module footprint, text+data', 'foot', 'bytes', 'lower'))

    def num(v):
        if v is None:
            return '-'
        return f'{v:.0f}' if v >= 100 else f'{v:.3g}'

    table = []
    for label, key, unit, better in rows:
        o, m = fig['ours'].get(key), fig['mainline'].get(key)
        ratio = f'{o / m:.2f}' if o is not None and m else '-'
        table.append((label, unit, num(o), num(m), ratio, better))
    head = ('figure', 'unit', 'ours', 'mainline', 'ours/mainline', 'better')
    widths = [max(len(r[i]) for r in table + [head]) for i in range(len(head))]

    def line(r):
        return '  '.join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
    text = [line(head), line(['-' * w for w in widths])] + [line(r) for r in table]
    with open(f'{d}/machine.txt') as f:
        machine = f.read()
    print('\n'.join(text))
    print(machine, end='')
    with open(f'{d}/results.txt', 'w') as f:
        f.write('\n'.join(text) + '\n\n' + machine + '\nraw samples\n')
        for s in STACKS:
            for k, v in raw[s].items():
                f.write(f'{s} {k}: {v}\n')
    rule = ' '.join('=' * w for w in widths)
    with open(f'{d}/table.rst', 'w') as f:
        f.write('\n'.join([rule, ' '.join(c.ljust(w) for c, w in zip(head, widths)).rstrip(),
                           rule] + [' '.join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
                                    for r in table] + [rule]) + '\n')
    with open(f'{d}/throughput.dat', 'w') as f:
        f.write('# bytes ours_MBps mainline_MBps\n')
        for name, size in SIZES:
            f.write(f"{size} {fig['ours'][f'mbs_{name}'] or 0} "
                    f"{fig['mainline'][f'mbs_{name}'] or 0}\n")
    gp = f"""set terminal svg size 640,400 dynamic
set output '{d}/throughput.svg'
set title 'rpmsg echo throughput, user space to firmware and back'
set xlabel 'payload size (bytes)'
set ylabel 'MB/s'
set logscale xy 2
set key top left
set grid
plot '{d}/throughput.dat' using 1:2 with linespoints title 'ours', \\
     '' using 1:3 with linespoints title 'mainline 6.12'
"""
    if all(fig[s][f'mbs_{n}'] for s in STACKS for n, _ in SIZES):
        subprocess.run(['gnuplot'], input=gp, text=True, check=True)
    else:
        print('no plot: throughput figures are missing')
    return 0


if __name__ == '__main__':
    sys.exit(main())
