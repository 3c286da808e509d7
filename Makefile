# The two set-up commands of the contract: `make site` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test chromium locales clean budget bench

# Reinstall whenever the declared dependencies change.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The hooks compiled first (quick when they are): even where Python may not write its bytecode
# cache (PYTHONDONTWRITEBYTECODE), the build does not compile ~80 modules again, ~0.08 s.
site: $(VENV)/.installed
	$(BIN)/python -m compileall -q hooks >/dev/null
	$(BIN)/mkdocs build --strict --site-dir site

# Live preview on http://127.0.0.1:8000/ (another port: make serve PORT=8001); drafts and
# scheduled posts are shown, marked. A taken port is said in one line before MkDocs starts.
PORT ?= 8000
serve: $(VENV)/.installed
	@$(BIN)/python -m careerblog_mkdocs.serve_errors $(PORT) 127.0.0.1
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

test: $(VENV)/.installed chromium locales
	$(BIN)/python -m pytest

# The browser tests drive Debian's Chromium; install it when missing and we may.
chromium:
	@if ! command -v chromium >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "chromium is missing: install Debian's 'chromium' package, or browser tests will skip (they fail under CI=true)"; \
	  fi; \
	fi

# The date test compiles a German locale with localedef, from Debian's locales package.
locales:
	@if [ ! -e /usr/share/i18n/locales/de_DE ] || ! command -v localedef >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's locales for the date test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq locales >/dev/null; \
	  else \
	    echo "localedef or its locale sources are missing: install Debian's 'locales' package, or the date test fails"; \
	  fi; \
	fi

# Lighthouse (mobile) on the post page against the reader-side budget; not a test.
budget: site
	$(BIN)/python bench/lighthouse.py

# Build speed: our blog against Material's blog plugin and against plain MkDocs + Material,
# on N generated posts (or several sizes: make bench N="300 1000 3000"), RUNS builds of each;
# then the preview: save -> served page, for each kind of edit, at PREVIEW_N posts.
# Prints medians, not a test. The default takes about 12 minutes on 2 cores.
N ?= 1000
RUNS ?= 3
PREVIEW_N ?= 300 1000
bench: $(VENV)/.installed
	$(BIN)/python bench/build.py --runs $(RUNS) --preview-edits 0 $(N)
	$(BIN)/python bench/preview.py --runs 5 $(PREVIEW_N)

clean:
	rm -rf site $(VENV)
