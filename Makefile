# DEW — the two commands: `make run` starts the whole system, `make test` runs every test.
SHELL := /bin/bash
export NX_DAEMON := false
export NX_NO_CLOUD := true

.PHONY: run test build deps prereqs test-prereqs typecheck lint test-unit test-int test-e2e test-e2e-pkcs11 clean

# Debian packages the product and its tests need (nats-server 2.9 from Debian).
prereqs:
	@command -v nats-server >/dev/null || { echo "installing nats-server (apt)"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server >/dev/null; }
	@command -v openssl >/dev/null || { $$( [ "$$(id -u)" = 0 ] || echo sudo ) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null; }
	@command -v softhsm2-util >/dev/null || { echo "installing softhsm2 (apt): the Dedicated HSM nodes' tokens"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq softhsm2 >/dev/null; }
	@command -v p11-kit >/dev/null || { echo "installing p11-kit (apt): the Dedicated HSM nodes' PKCS#11 remoting"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq p11-kit >/dev/null; }

# What only the tests need: a real sshd and ssh-keygen (KPS), OpenSC's pkcs11-tool and p11-kit's client module (HSM),
# Chromium for the console's browser tests (playwright-core drives it; docs/console.md), kubectl to render k8s/ (k8s/README.md).
test-prereqs: prereqs
	@need=(); [ -x /usr/sbin/sshd ] || need+=(openssh-server); command -v ssh-keygen >/dev/null || need+=(openssh-client); \
	  command -v pkcs11-tool >/dev/null || need+=(opensc); \
	  [ -e /usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so ] || need+=(p11-kit-modules); \
	  command -v chromium >/dev/null || need+=(chromium); \
	  command -v kubectl >/dev/null || need+=(kubernetes-client); \
	  [ $${#need[@]} -eq 0 ] || { echo "installing $${need[*]} (apt)"; $$( [ "$$(id -u)" = 0 ] || echo sudo ) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$${need[@]}" >/dev/null; }
	@# The cluster-mode e2e runs a nats-server fit for it (2.10.23+): the system's, or Debian 13's kept under .cache/.
	@tools/cluster-nats-server.sh >/dev/null || echo "warning: no nats-server fit for cluster mode could be had (above): the cluster-mode tests will fail" >&2

# npm ci when node_modules is missing or older than the lockfile.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

deps: prereqs node_modules/.package-lock.json

build: deps
	@node tools/build.mjs

run: build
	@node deploy/local/dist/cli.js run

# Cluster mode: three nats-server nodes (R3 streams) and two replicas of each service (docs/architecture.md, "Cluster mode"),
# on a nats-server 2.10 or later (tools/cluster-nats-server.sh fetches Debian 13's when the system's is older).
.PHONY: run-cluster
run-cluster: build
	@bin="$$(tools/cluster-nats-server.sh)" || exit 1; DEW_NATS_SERVER_BIN="$$bin" DEW_CLUSTER=3 node deploy/local/dist/cli.js run

typecheck: deps
	npm run --silent typecheck

# Module boundaries (eslint, Nx tags) and import cycles (dependency-cruiser): docs/module-rules.md.
lint: deps
	@npx nx show projects >/dev/null
	npm run --silent lint

test-unit: deps
	npm run test:unit
test-int: build
	npm run test:int
test-e2e: build
	npm run test:e2e
# The KMS cryptography suite again with the root key in a SoftHSM2 token (README "Root key in an HSM").
test-e2e-pkcs11: build
	npm run test:e2e:pkcs11

test: test-prereqs typecheck lint build
	npm run test:unit
	npm run test:int
	npm run test:e2e
	npm run test:e2e:pkcs11

clean:
	rm -rf libs/*/dist services/*/dist deploy/local/dist .nx

# The fuzz suite at length (docs/input-limits.md, "Fuzzing"): every route, DEW_FUZZ_RUNS requests each
# (300 here, 30 in CI), from DEW_FUZZ_SEED (a fresh one each run; the test titles print it, to replay a finding).
.PHONY: fuzz
fuzz: build
	DEW_FUZZ_SEED=$${DEW_FUZZ_SEED:-$$(date +%s)} DEW_FUZZ_RUNS=$${DEW_FUZZ_RUNS:-300} NODE_OPTIONS=--experimental-vm-modules \
	  npx jest --selectProjects e2e --runInBand --testTimeout=3600000 --runTestsByPath services/gateway/test/fuzz.e2e.spec.ts

# Benchmarks (not tests): req/s and p50/p99 of crypto routes beside a same-run baseline.
# Replay (SPEC A3): rebuild every read model from the streams of the running system (same
# DEW_DATA_DIR / DEW_NATS_PORT as `make run`), compare with the live ones, verify the trace chains.
# Faults under load (docs/faults.md, "make chaos"): every process killed with SIGKILL in turn, then
# every acknowledged write read back and the replay compared; the table goes to bench/results/chaos.json.
# DEW_CHAOS_SHORT=1 for the CI form, DEW_CHAOS_CLUSTER=0 to skip the cluster-mode run.
.PHONY: chaos
chaos: build
	@node tools/chaos.mjs

.PHONY: replay
replay: build
	@node deploy/local/dist/cli.js replay

.PHONY: bench
bench: build
	node tools/bench.mjs

# Where each request's CPU goes: per-process CPU and V8 profiles of every service under one
# scenario's load (PROFILE_SCENARIO, PROFILE_DURATION_S; docs/performance.md).
.PHONY: bench-profile
bench-profile: build
	node tools/bench-profile.mjs
