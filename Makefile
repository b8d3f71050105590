# fareflow: every developer entry point. Each target installs what it needs first.
SHELL := /bin/bash
BUILD ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps pgo-profile build build-asan test test-release test-asan run bench format format-check refdata workload clean fuzz lambda-package
.PHONY: python python-layer
.PHONY: fuzz-smoke tsan

all: build

deps:
	@bash scripts/install-deps

# The optimised build is compiled with a profile of training searches (scripts/pgo-profile, run
# by `build` in $(PGO_BUILD)); PGO=0 builds it without. fareflow, the Python module and the
# benchmarks are link-time optimised; LTO=0 builds them without.
PGO ?= 1
PGO_BUILD ?= build-pgo-gen
OPT_FLAGS :=
ifeq ($(PGO),1)
OPT_FLAGS += -DFAREFLOW_PGO=use -DFAREFLOW_PGO_DIR=$(abspath $(PGO_BUILD))/profile
endif
LTO ?= 1
ifeq ($(LTO),1)
OPT_FLAGS += -DFAREFLOW_LTO=ON
endif

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(OPT_FLAGS) $(CMAKE_FLAGS)

# Both sanitizer builds compile each module's sources eight to a translation unit (CMake's unity
# build), so the headers they share compile once per eight files. The optimised build compiles
# them one by one: as the benchmarks measure them, and checking that every source includes what
# it uses.
$(ASAN_BUILD)/build.ninja:
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFAREFLOW_SANITIZE=ON \
	  -DFAREFLOW_BUILD_BENCH=OFF -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DCMAKE_UNITY_BUILD=ON \
	  -DFAREFLOW_TEST_OPTIMIZE=-O0 $(CMAKE_FLAGS)

# The profile the optimised build is compiled with; nothing when PGO=0.
pgo-profile: deps
ifeq ($(PGO),1)
	JOBS=$(JOBS) bash scripts/pgo-profile $(PGO_BUILD) $(CMAKE_FLAGS)
endif

build: deps pgo-profile $(BUILD)/build.ninja
	ninja -C $(BUILD) -j $(JOBS)

build-asan: deps $(ASAN_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD) -j $(JOBS)

# The whole suite twice: an optimised build, then under AddressSanitizer + UBSan; then the
# concurrent parts under ThreadSanitizer, and every libFuzzer target for FUZZ_SMOKE_SECONDS
# (10 s each).
test: test-release test-asan tsan fuzz-smoke

# The browser tests (label browser) fail here rather than skip when chromium or their npm packages
# are missing: `make build` installs them.
test-release: build
	cd $(BUILD) && FAREFLOW_REQUIRE_BROWSER=1 ctest --output-on-failure -j $(JOBS) --timeout 300

test-asan: build-asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) --timeout 600

# The Python module (docs/python.md) in $(BUILD)/python/fareflow/: importable with
# PYTHONPATH=$(BUILD)/python, or installed into a virtual environment by pip from python/.
python: deps pgo-profile $(BUILD)/build.ninja
	ninja -C $(BUILD) -j $(JOBS) fareflow_python
	@echo "fareflow module built in $(BUILD)/python/fareflow. Use it in place:"
	@echo "  PYTHONPATH=$(BUILD)/python python3 -c 'import fareflow'"
	@echo "or install it into a virtual environment (nothing is fetched from a package index):"
	@echo "  python3 -m venv .venv && FAREFLOW_BUILD_DIR=$(BUILD) .venv/bin/pip install --no-build-isolation ./python"

# The reference workload W5k: 5,000 offers in four supplier payloads (three Amadeus, one Duffel).
workload: build
	./$(BUILD)/tools/fareflow-payloadgen --workload W5k --out-dir $(BUILD)/w5k

# The search API on localhost:8080, answering from the built-in supplier (Ctrl-C stops it).
run: build
	./$(BUILD)/fareflow serve --port 8080

# Every benchmark (scripts/bench): workloads W1k-W100k, Google Benchmark stages, CLI processes,
# the Python versions and a Python handler calling the fareflow module, server start and HTTP
# load, a search from the cache of supplier answers and price calendars against the emulators;
# writes docs/benchmarks.md and its plots. BENCH_ARGS=--quick for a run of about a minute;
# BENCH_ARGS="--only cache" for the cache and calendar rows alone, "--only python" for the
# Python module's rows alone, "--only speed" for the speed targets alone.
bench: build
	@bash scripts/install-deps --bench
	python3 scripts/bench --no-build --build-dir $(BUILD) $(BENCH_ARGS)

# dist/fareflow-lambda.zip for the provided.al2023 runtime (deploy/template.yaml): `bootstrap` is
# fareflow itself, beside the shared libraries and the loader it runs with, built in
# build-lambda-package for LAMBDA_MARCH (x86-64-v3).
lambda-package: deps
	@bash scripts/install-deps --lambda
	bash scripts/lambda-package

# dist/fareflow-python-layer.zip: the Python module as a Lambda layer (python/fareflow/, with the
# shared libraries it needs beside it), built in build-python-layer for PYTHON (python3). Refuses
# a module that needs a newer glibc than Amazon Linux 2023's 2.34 (docs/python.md, "AWS Lambda");
# PYTHON_LAYER_ARGS="--glibc X.Y" for another target.
python-layer: deps
	bash scripts/python-layer $(PYTHON_LAYER_ARGS)

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

format-check:
	@git ls-files '*.cc' '*.h' | xargs clang-format --dry-run --Werror

# Regenerates data/ from the pinned npm packages (needs node and npm).
refdata:
	cd tools/refdata && npm ci --no-audit --no-fund && node generate.js

clean:
	rm -rf $(BUILD) $(PGO_BUILD) $(ASAN_BUILD) $(TSAN_BUILD) build-fuzz

# libFuzzer targets (fuzz/) built with clang-14 in build-fuzz/; FUZZ_SECONDS per target (60).
fuzz:
	@bash scripts/fuzz

# A bounded soak on loopback (scripts/soak): `fareflow serve` sharing its searches through a real
# redis-server under a mix of searches, refines, pages and health checks for SOAK_SECONDS (120);
# reports throughput, p50/p99, non-2xx answers and the RSS trend, then checks a clean SIGTERM
# exit with the search log's last line whole. SOAK_ARGS=--emulators adds the supplier emulators.
.PHONY: soak
soak: build
	@bash scripts/install-deps --bench
	python3 scripts/soak --build-dir $(BUILD) $(SOAK_ARGS)

# Every libFuzzer target briefly, on its committed seeds: what `make test` runs.
FUZZ_SMOKE_SECONDS ?= 10
fuzz-smoke:
	@FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS) FUZZ_JOBS=$(JOBS) bash scripts/fuzz

# The concurrent parts (HTTP server and routes, network client, supplier fan-out, the worker pool
# with the payload splits and pipeline stages it runs) under ThreadSanitizer, in TSAN_BUILD; the
# first race stops the run (halt_on_error). Both sanitizer builds keep line tables only (-g1):
# stack traces name functions, files and lines, and the builds compile about a fifth faster than
# with full debug information. Its build takes about 5 minutes and its tests about 2½ on 2 cores
# (5 min 15 s and 142 s from a fresh clone), so `make test` runs it.
# GCC warns that it cannot instrument std::atomic_thread_fence, which Boost.Asio uses internally;
# -Wno-tsan lets the build go on (a race TSan cannot see through such a fence may be reported
# falsely, never missed).
TSAN_LABELS ?= server|net|fanout|engine|pipeline
$(TSAN_BUILD)/build.ninja:
	cmake -S . -B $(TSAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFAREFLOW_BUILD_BENCH=OFF \
	  -DFAREFLOW_BUILD_PYTHON=OFF -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
	  -DCMAKE_UNITY_BUILD=ON -DFAREFLOW_TEST_OPTIMIZE=-O0 \
	  -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer -Wno-tsan -DFAREFLOW_SANITIZED=1" \
	  -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread \
	  $(CMAKE_FLAGS)

tsan: deps $(TSAN_BUILD)/build.ninja
	ninja -C $(TSAN_BUILD) -j $(JOBS) fareflow fareflow-supplier tests/server_tests tests/net_tests \
	  tests/fanout_tests tests/engine_tests tests/pipeline_tests
	cd $(TSAN_BUILD) && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
	  ctest --output-on-failure -j $(JOBS) --timeout 900 -L '^($(TSAN_LABELS))$$'
