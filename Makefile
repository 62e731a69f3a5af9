# Top-level Makefile: builds the shared core, then every FDW with PGXS.
# Adding an FDW is one word in FDWS.

FDWS = mysql_fdw
PG_CONFIG ?= pg_config
export PG_CONFIG

.PHONY: all common install uninstall installcheck test demo clean help $(FDWS)

all: $(FDWS)

common:
	$(MAKE) -C common

$(FDWS): common
	$(MAKE) -C $@

install: all
	for d in $(FDWS); do $(MAKE) -C $$d install || exit 1; done

uninstall:
	for d in $(FDWS); do $(MAKE) -C $$d uninstall || exit 1; done

# run the regression suites against throw-away local sources (already built)
installcheck:
	SKIP_BUILD=1 bash test/run.sh

# the full test command: install packages, build, install, start sources, test
test:
	bash test/run.sh

demo:
	bash test/demo.sh

clean:
	$(MAKE) -C common clean
	for d in $(FDWS); do $(MAKE) -C $$d clean; done

help:
	@echo "Targets:"
	@echo "  all           build common/ and every FDW ($(FDWS))"
	@echo "  install       install the FDWs into the PostgreSQL of pg_config"
	@echo "  uninstall     remove them again"
	@echo "  test          the whole test suite (installs packages, builds, starts sources)"
	@echo "  installcheck  the regression suites against an already installed build"
	@echo "  demo          the README demo: local MariaDB + PostgreSQL, one query"
	@echo "  clean         remove build output"
