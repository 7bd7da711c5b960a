# Two commands for a newcomer: `make serve` (preview the site) and `make test`.
# Each target sets up what it needs: a .venv from requirements.txt, Debian's chromium for
# browser tests.
PYTHON ?= python3
# MkDocs prints a banner about its 2.0 on every run; editors need not read it each time.
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
MKDOCS := $(BIN)/mkdocs
# Reproducible builds: the build date MkDocs gives templates and pages comes from the last
# commit that changed the content, not from the clock: one commit always builds the same bytes,
# so what was checked in a pull request is what deploys.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct -- data docs overrides mkdocs.yml 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
else
unexport SOURCE_DATE_EPOCH  # empty (not a git checkout): MkDocs would fail on it
endif
# `make site PREVIEW=true` also shows drafts and statements under review, with a banner
# (`make serve` always does); mkdocs.yml reads it as `preview: !ENV [PREVIEW, false]`.

NODE_STAMP := node_modules/.installed

.PHONY: serve site test bench validate new i18n-status lock review messages browser fonts tools java node cms clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

## Check all content; every problem as path:line:column: what is wrong — how to fix it
validate: $(STAMP)
	@$(BIN)/python -m microsite validate

## Create a coalition, member, statement or event (asks for what it needs)
new: $(STAMP)
	@$(BIN)/python -m microsite new

## Texts missing or awaiting review, per language (a Markdown table)
i18n-status: $(STAMP)
	@$(BIN)/python -m microsite i18n-status

## Preview with live reload at http://127.0.0.1:8000/ (drafts shown, with a banner).
## LOCALE=kk or LOCALE=ru: that language only, faster (LOCALE, as LANG is the system's locale)
serve: validate fonts $(NODE_STAMP)
	$(if $(LOCALE),PREVIEW=true MICROSITE_LANG=$(LOCALE) $(MKDOCS) serve,PREVIEW=true $(BIN)/python -m microsite serve)

## Strict build of the whole site into site/
site: validate fonts $(NODE_STAMP)
	$(BIN)/python -m microsite build

## Benchmark: synthetic networks at 10/1000/100 and 40/4000/400 built by the project, plain
## Material + i18n and Hugo; validation, first search query, preview. One table per scale with
## the targets, figures in bench-results.json. `make bench BENCH=--largest`: 160/16000/1600 too.
BENCH ?=
bench: $(STAMP) fonts browser $(NODE_STAMP)
	$(BIN)/python -m microsite.tools.bench $(BENCH)

## Debian's chromium for the browser tests (installed once, when missing)
browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## Debian's DejaVu fonts for the share images (they cover Kazakh letters; installed once, when missing)
fonts:
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf || { \
	  echo "Installing Debian's fonts-dejavu-core for the share images"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null; }

## Debian tools the tests use: chromium, faketime (builds at another clock), shellcheck
tools: browser
	@command -v faketime >/dev/null && command -v shellcheck >/dev/null || { \
	  echo "Installing Debian's faketime and shellcheck for the tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime shellcheck >/dev/null; }

## Record the adopted statements' facts in the lock file (after adding a correction entry)
lock: $(STAMP)
	$(BIN)/python -m microsite.checks.lock update

## Message catalogues: add new msgids to scripts/microsite/locale/{kk,ru} (then translate them)
## and regenerate the table of messages in CONTRIBUTING.kk.md / CONTRIBUTING.ru.md
messages: $(STAMP)
	MICROSITE_MESSAGES=en $(BIN)/python -m microsite.tools.guides update

## Markdown summary of every change since BASE (a git revision), for reviewers
review: $(STAMP)
	@$(BIN)/python -m microsite.tools.review $(or $(BASE),$(error give the base revision: make review BASE=main))

## Pinned in package-lock.json: the editors' CMS published at /admin/ (decap-cms, js-yaml) and
## its local backend (decap-server, `make cms`); checkers of the built site: axe-core
## (accessibility) and the Nu HTML checker (vnu-jar). --ignore-scripts: vnu-jar's install
## script would download a Java.
$(NODE_STAMP): package.json package-lock.json | node
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## Debian's Node.js and npm (installed once, when missing)
node:
	@command -v npm >/dev/null || { \
	  echo "Installing Debian's nodejs and npm for the CMS and the checkers"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }

## Edit in the browser on this machine: run this beside `make serve`, open
## http://127.0.0.1:8000/admin/ — each save is a branch cms/<collection>/<id> of this repository
cms: $(NODE_STAMP)
	MODE=git BIND_HOST=127.0.0.1 PORT=8081 GIT_REPO_DIRECTORY=$(CURDIR) node node_modules/decap-server/dist/index.js

## Java for the Nu HTML checker (installed once, when missing)
java:
	@command -v java >/dev/null || { \
	  echo "Installing Debian's Java for the HTML checker"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

## All tests: content model, built HTML, headless Chromium, accessibility and HTML validity
test: validate fonts $(NODE_STAMP) tools java
	$(BIN)/python -m pytest -q --durations=15

clean:
	rm -rf site .build node_modules
