# Top-level Makefile: builds the shared core, then every FDW with PGXS.
# Adding an FDW is one word in FDWS.

FDWS = mysql_fdw odbc_fdw tds_fdw
PG_CONFIG ?= pg_config
export PG_CONFIG

.PHONY: all common install uninstall installcheck test demo packages tds-test-server cppcheck clean help $(FDWS)

all: $(FDWS)

common:
	$(MAKE) -C common

$(FDWS): common
	$(MAKE) -C $@

install: all
	for d in $(FDWS); do $(MAKE) -C $$d install || exit 1; done

uninstall:
	for d in $(FDWS); do $(MAKE) -C $$d uninstall || exit 1; done

# the regression suites against the build installed in PG_CONFIG's PostgreSQL
# (no build, no package round trip), with throw-away local sources
installcheck:
	SKIP_BUILD=1 SKIP_PACKAGES=1 bash test/run.sh

# the full test command: install packages, build, install, start sources, test
test:
	bash test/run.sh

# the TDS 7.4 test server (SQLite behind T-SQL) the tds suite runs against
tds-test-server:
	$(MAKE) -C test/tds tds_test_server

demo:
	bash test/demo.sh

# .deb per FDW (and RPMs when rpmbuild exists) into packages/: packaging/README.md
packages:
	bash packaging/build.sh $(FDWS)

# static analysis; the suppressions are false positives on PostgreSQL's
# list macros (foreach, list_make*) and on ereport(ERROR) not returning
CPPCHECK_SRCS = $(wildcard common/*.c) $(foreach f,$(FDWS),$(wildcard $(f)/*.c))
print-fdws:
	@echo $(FDWS)

cppcheck:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --std=c99 \
		--suppressions-list=.cppcheck-suppressions --suppress=missingIncludeSystem \
		--suppress='*:/usr/include/*' -D__GNUC__ -D__x86_64__ -Icommon \
		-I$$($(PG_CONFIG) --includedir-server) -I/usr/include/mariadb $(CPPCHECK_SRCS)

clean:
	$(MAKE) -C common clean
	for d in $(FDWS); do $(MAKE) -C $$d clean; done

help:
	@echo "Targets:"
	@echo "  all           build common/ and every FDW ($(FDWS))"
	@echo "  install       install the FDWs into the PostgreSQL of pg_config"
	@echo "  uninstall     remove them again"
	@echo "  test          the whole test suite (installs packages, builds, starts sources)"
	@echo "  installcheck  the regression suites against the build installed for PG_CONFIG"
	@echo "  demo          the README demo: local MariaDB + PostgreSQL, one query"
	@echo "  packages      .deb per FDW (and RPMs if rpmbuild exists) into packages/"
	@echo "  tds-test-server  build test/tds/tds_test_server (the tds suite's server)"
	@echo "  cppcheck      static analysis of all C sources (must be clean)"
	@echo "  clean         remove build output"
