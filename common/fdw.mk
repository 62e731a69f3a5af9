# common/fdw.mk: what every FDW's Makefile shares.  An FDW sets
#   EXTENSION, FDW_OBJS (its driver and dialect), FDW_ENTRY_OBJ (the file
#   with _PG_init, handler and validator), FDW_CPPFLAGS and FDW_LIBS,
# then includes this file.  Only the entry file is compiled with default
# visibility: nothing else of the .so is exported (check with nm -D).

PG_CONFIG ?= pg_config
COMMON_DIR := $(dir $(lastword $(MAKEFILE_LIST)))
.DEFAULT_GOAL := all

MODULE_big = $(EXTENSION)
OBJS = $(FDW_ENTRY_OBJ) $(FDW_OBJS)
DATA = $(wildcard $(EXTENSION)--*.sql)
# the FDW's user document, installed beside the extension's (docdir/extension)
DOCS = $(EXTENSION).md
PG_CPPFLAGS = -I$(COMMON_DIR) $(FDW_CPPFLAGS)
SHLIB_LINK = $(COMMON_DIR)libfdwcommon.a $(FDW_LIBS)
PG_CFLAGS = -Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
	-Wno-sign-compare -Werror=implicit-function-declaration $(COPT)

$(FDW_OBJS): override CFLAGS += -fvisibility=hidden
$(OBJS): $(wildcard $(COMMON_DIR)*.h) $(wildcard *.h) $(COMMON_DIR)pg_build.stamp

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The driver files see the core only through fdw_driver.h: they are
# compiled without PostgreSQL's include path, so that including a server
# header there fails the build (the boundary DESIGN.md draws).
$(FDW_OBJS): override CPPFLAGS := -I. -I$(COMMON_DIR) $(FDW_CPPFLAGS) -D_GNU_SOURCE \
	$(filter-out -I%,$(shell $(PG_CONFIG) --cppflags))

# after PGXS, which defines $(shlib): relink when the core changes.  The
# core is (re)built from here too, so `make -C mysql_fdw` works on its own,
# for the same PG_CONFIG (which also brings the stamp up to date).
$(shlib): $(COMMON_DIR)libfdwcommon.a
$(COMMON_DIR)libfdwcommon.a $(COMMON_DIR)pg_build.stamp: fdw-common
.PHONY: fdw-common
fdw-common:
	$(MAKE) -C $(COMMON_DIR) PG_CONFIG=$(PG_CONFIG)
