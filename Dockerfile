# Logto with this connector, built from a checkout: no Node.js needed on the host.
#
#   docker build -t logto-tencent-sms:1.42.0 .
#   docker build --build-arg LOGTO_VERSION=1.43.0 -t logto-tencent-sms:1.43.0 .
#
# Tag the image with the Logto version it holds: docker/compose.yaml runs
# logto-tencent-sms:<LOGTO_VERSION>.
#
# Build arguments, all optional:
#   LOGTO_VERSION   A tag of the official image (svhd/logto). Default 1.42.0. The connector needs
#                   Logto 1.38.0 or later (the first release with @logto/connector-kit 5); an
#                   older Logto skips it at start-up.
#   IMAGE_REGISTRY  Where both base images (library/node and svhd/logto) are pulled from, ending
#                   in "/". Default docker.io/ (Docker Hub). Where Docker Hub is out of reach, as
#                   often from mainland China, a mirror that serves Docker Hub's images under the
#                   same paths, e.g. docker.m.daocloud.io/
#   NPM_REGISTRY    The npm registry the build installs the connector's build tools from.
#                   Default https://registry.npmjs.org/; from mainland China e.g.
#                   https://registry.npmmirror.com/ (package-lock.json's addresses are rewritten
#                   to it by npm).
ARG LOGTO_VERSION=1.42.0
ARG IMAGE_REGISTRY=docker.io/

# Stage 1: build and pack the connector on the Node.js release Logto itself runs on.
FROM ${IMAGE_REGISTRY}library/node:22 AS pack
ARG NPM_REGISTRY=https://registry.npmjs.org/
WORKDIR /connector
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund --registry="$NPM_REGISTRY"
COPY . .
# `npm pack` runs the build (prepack) and writes connector-tencent-sms-<version>.tgz.
RUN mkdir /out && npm pack --pack-destination /out

# Stage 2: the official Logto image, with the tarball added by Logto's own CLI (nothing is
# downloaded here: the tarball carries what Logto does not).
FROM ${IMAGE_REGISTRY}svhd/logto:${LOGTO_VERSION}
COPY docker/add-connector.sh /usr/local/bin/add-connector.sh
COPY --from=pack /out/ /tmp/connector/
RUN sh /usr/local/bin/add-connector.sh /tmp/connector/connector-tencent-sms-*.tgz \
  && rm -rf /tmp/connector
