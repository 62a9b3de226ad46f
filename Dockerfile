# Logto with this connector, built from a checkout: no Node.js needed on the host.
#
#   docker build -t logto-tencent-sms .
#   docker build --build-arg LOGTO_VERSION=1.42.0 -t logto-tencent-sms .
#
# LOGTO_VERSION is a tag of the official image (svhd/logto). The connector needs Logto 1.38.0 or
# later (the first release with @logto/connector-kit 5); an older Logto skips it at start-up.
ARG LOGTO_VERSION=1.42.0

# Stage 1: build and pack the connector on the Node.js release Logto itself runs on.
FROM node:22 AS pack
WORKDIR /connector
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# `npm pack` runs the build (prepack) and writes connector-tencent-sms-<version>.tgz.
RUN mkdir /out && npm pack --pack-destination /out

# Stage 2: the official Logto image, with the tarball added by Logto's own CLI.
FROM svhd/logto:${LOGTO_VERSION}
COPY docker/add-connector.sh /usr/local/bin/add-connector.sh
COPY --from=pack /out/ /tmp/connector/
RUN sh /usr/local/bin/add-connector.sh /tmp/connector/connector-tencent-sms-*.tgz \
  && rm -rf /tmp/connector
