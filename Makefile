# ws2posix: the two commands are `make demo` and `make test` (see README.md).
# Both install what they need from Debian when run as root, or print the
# apt-get line to run.

BUILD      ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
PACKAGES   := cmake make gcc g++ libc6-dev pkg-config libcmocka-dev gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 netbase liburing-dev

.PHONY: all deps build demo test test-asan test-tsan bench install clean format

all: build

deps:
	@missing=""; \
	for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing Debian packages. Run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@./examples/run-demo.sh $(BUILD)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DWS2_SANITIZE=address,undefined
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

test-tsan: deps
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DWS2_SANITIZE=thread
	cmake --build $(TSAN_BUILD) -j $(JOBS)
	cd $(TSAN_BUILD) && ctest --output-on-failure -j $(JOBS)

# The stress test, longer than its ctest run: STRESS_SECONDS on each engine
# (WS2T_STRESS_SEED=n repeats a run; WS2T_STRESS_OFF=a,b leaves groups out).
STRESS_SECONDS ?= 300
.PHONY: stress
stress: build
	cd $(BUILD)/tests && WS2T_STRESS_SECONDS=$(STRESS_SECONDS) ./stress
	cd $(BUILD)/tests && WS2T_STRESS_SECONDS=$(STRESS_SECONDS) WS2POSIX_ENGINE=epoll ./stress

bench: build
	@./bench/run-bench.sh $(BUILD)

# The libFuzzer harnesses (fuzz/README.md), FUZZ_SECONDS each, built with
# clang in build-fuzz.
FUZZ_SECONDS ?= 300
.PHONY: fuzz
fuzz: PACKAGES += clang libclang-rt-dev
fuzz: deps
	./fuzz/run.sh $(FUZZ_SECONDS)

install: build
	cmake --install $(BUILD)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD)
