# Republishes an upstream image under the Strimzi name the operator defaults to.
# Including Makefiles set UPSTREAM_IMAGE (pinned there, once) and IMAGE_NAME.
DOCKER_CMD ?= docker
DOCKER_REGISTRY ?= quay.io
DOCKER_ORG ?= strimzi
# The release version, as `make release RELEASE_VERSION=x.y.z` passes it; `latest` when unset or a snapshot.
RELEASE_VERSION ?=
IMAGE_TAG := $(if $(filter-out %-SNAPSHOT,$(RELEASE_VERSION)),$(RELEASE_VERSION),latest)
TARGET_IMAGE := $(DOCKER_REGISTRY)/$(DOCKER_ORG)/$(IMAGE_NAME):$(IMAGE_TAG)

.PHONY: all docker_pull docker_tag docker_push
all: docker_push

docker_pull:
	$(DOCKER_CMD) pull $(UPSTREAM_IMAGE)

docker_tag: docker_pull
	$(DOCKER_CMD) tag $(UPSTREAM_IMAGE) $(TARGET_IMAGE)

docker_push: docker_tag
	$(DOCKER_CMD) push $(TARGET_IMAGE)
