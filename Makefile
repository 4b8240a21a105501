# The two commands that do everything on a fresh machine: `make run` (the main job) and `make test` (the suite).
MVN ?= mvn -B -ntp
JAR := cluster-operator/target/cluster-operator.jar

.PHONY: all build tools test run bench crds release clean

all: build

## build: compile, generate the CRD and build the runnable jar at $(JAR)
build:
	$(MVN) package -DskipTests

## tools: install what the real-parts tests and `make run` need (Debian packages; asks for sudo when not root)
tools:
	bash .ci/install-tools.sh

## test: the full test suite (unit, mock API server, real Buildah and registry, Helm, a real Kafka broker and
## Connect worker from Maven's artifacts)
test: tools
	$(MVN) verify

## run: the main job (see README.md). Without a kubeconfig: an embedded API server, Buildah 1.39 under runc, a
## local registry and artifact server, the operator built from here; it builds an example and exits 0 once it is
## Ready. KEEP=1 keeps everything running for kubectl (local-cluster/target/kubeconfig) until Ctrl-C; FILE=x.yaml
## builds that KafkaConnect; BUILDER=layer builds with the layer builder (UseConnectBuildWithLayerAppend). With KUBECONFIG set or ~/.kube/config present: the operator runs against that cluster.
run:
	@if [ -n "$$KUBECONFIG" ] || [ -f "$$HOME/.kube/config" ]; then \
		echo "Kubeconfig found: running the operator against that cluster (Ctrl-C stops it)"; \
		$(MVN) -q package -DskipTests -pl cluster-operator -am && java -jar $(JAR); \
	else \
		$(MAKE) --no-print-directory tools && \
		$(MAKE) --no-print-directory $(LOCAL_CLUSTER_JAR) && \
		java -jar $(LOCAL_CLUSTER_JAR) $(if $(KEEP),--keep) $(if $(FILE),--file $(FILE)) $(if $(BUILDER),--builder $(BUILDER)); \
	fi

# The jars, rebuilt only when something they are built from changed (a warm `make run` skips Maven). Maven's
# output is shown only when it fails, without the colour codes Maven 3.8 prints even in batch mode.
LOCAL_CLUSTER_JAR := local-cluster/target/local-cluster.jar
JAR_SOURCES := pom.xml $(wildcard */pom.xml) $(shell find api/src/main connect-builder/src/main mock-api-server/src/main cluster-operator/src/main local-kafka/src/main local-cluster/src/main -type f 2>/dev/null)
$(LOCAL_CLUSTER_JAR): $(JAR_SOURCES)
	@echo "Building the jars (mvn package; again only when their sources change)"
	@log=$$(mktemp); if $(MVN) -q package -DskipTests -pl local-cluster -am > "$$log" 2>&1; then rm -f "$$log"; touch $@; \
		else sed 's/\x1b\[[0-9;]*m//g' "$$log"; rm -f "$$log"; exit 1; fi

## bench: run the benchmarks (about 35 minutes on 2 cores, the 10-minute soak included) and write their tables to benchmarks/target/results/
bench: build
	benchmarks/run.sh benchmarks/target/results

## crds: copy the generated CRD into install/ and the Helm chart (a test fails while they differ)
GENERATED_CRD := api/target/classes/META-INF/fabric8/kafkaconnects.kafka.strimzi.io-v1.yml
crds:
	$(MVN) -pl api process-classes
	cp $(GENERATED_CRD) install/cluster-operator/040-Crd-kafkaconnect.yaml
	cp $(GENERATED_CRD) helm-charts/helm3/strimzi-kafka-operator/crds/040-Crd-kafkaconnect.yaml

## release: set RELEASE_VERSION everywhere (poms, chart, install/ and values.yaml image tags)
release:
	@test -n "$(RELEASE_VERSION)" || { echo "usage: make release RELEASE_VERSION=x.y.z" >&2; exit 1; }
	.ci/set-version.sh $(RELEASE_VERSION)

## clean: remove build output
clean:
	$(MVN) clean
