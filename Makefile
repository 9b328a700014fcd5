# Gazette: two commands on a fresh machine.
#   make site   installs missing system packages, builds, and builds the sample site into public/
#   make test   installs missing system packages and test tools, checks the code style, and runs the whole test suite

.PHONY: site test lint build deps test-tools bench clean

deps:
	@scripts/install-system-packages

# Java and the Nu Html Checker, for the test that checks written pages as HTML5.
test-tools:
	@scripts/install-test-tools

# The Swift runtime and Foundation linked in: the binary starts faster, runs a little faster,
# and runs where no Swift toolchain is installed.
build: deps
	swift build -c release --product build-site --static-swift-stdlib

site: build
	.build/release/build-site --source . --output public

test: deps test-tools lint
	swift test

# The code style of .swift-format; CI checks it through `make test`.
lint:
	swift format lint --strict --recursive --parallel Sources Tests Tools Plugins Package.swift

bench: build
	scripts/bench

clean:
	rm -rf .build public
