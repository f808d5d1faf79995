/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Force-included when bench.sh builds drivers/remoteproc/uml_rproc.c
 * against mainline 6.12's remoteproc core, which lacks the tree's
 * rproc_of_parse_attach(): the benchmark needs neither rpmsg-only mode
 * nor detach at shutdown, so the node's properties for them are ignored.
 */
#ifndef RPS_BENCH_MAINLINE_SHIM_H
#define RPS_BENCH_MAINLINE_SHIM_H

struct rproc;

static inline int rproc_of_parse_attach(struct rproc *rproc)
{
	return 0;
}

#endif
