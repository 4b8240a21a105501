# The two commands that do everything on a fresh machine: `make run` (the main job) and `make test` (the suite).
MVN ?= mvn -B -ntp
JAR := cluster-operator/target/cluster-operator.jar

.PHONY: all build test run render clean

all: build

## build: compile, generate the CRD and build the runnable jar at $(JAR)
build:
	$(MVN) install -DskipTests

## test: the full test suite (unit, mock API server, real Buildah and registry, Helm)
test:
	$(MVN) install

## run: the main job (see README.md)
run: build
	java -jar $(JAR) render --file examples/connect/kafka-connect-build.yaml --feature-gates=+UseConnectBuildWithBuildah

## clean: remove build output
clean:
	$(MVN) clean
