# Gazette: two commands on a fresh machine.
#   make site   installs missing system packages, builds, and builds the sample site into public/
#   make test   installs missing system packages and runs the whole test suite

.PHONY: site test build deps bench clean

deps:
	@scripts/install-system-packages

build: deps
	swift build -c release --product build-site

site: build
	.build/release/build-site --source . --output public

test: deps
	swift test

bench: build
	scripts/bench

clean:
	rm -rf .build public
