# SPDX-License-Identifier: GPL-2.0
#
# User entry points.  The kernel build itself reads Kbuild.
#
#   make [KDIR=...] [ARCH=...] [CROSS_COMPILE=...]   build the modules
#   make run      boot the reference platform and show what loaded
#   make test     every check and test; ends with "N passed, N failed"
#   make check    static checks only
#   make kunit    the KUnit suites built into an overlaid kernel tree
#   make bench    [RUNS=N] the tree's stack against mainline's, side by side
#   make deps     install the Debian packages the harness needs

KDIR ?= /lib/modules/$(shell uname -r)/build
HARNESS := $(CURDIR)/kunit

.PHONY: all modules clean run test check kunit bench deps help

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean

deps:
	$(HARNESS)/deps.sh

run: deps
	$(HARNESS)/run.sh

test: deps
	$(HARNESS)/test.sh

check: deps
	$(HARNESS)/test.sh --only check

kunit: deps
	$(HARNESS)/test.sh --only kunit

bench: deps
	$(HARNESS)/bench/bench.sh

help:
	@sed -n 's/^#   //p' Makefile
