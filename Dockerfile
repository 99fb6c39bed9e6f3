# syntax=docker/dockerfile:1
# The ecr-risk-gate CLI as a container image for GitLab CI, Jenkins, CodeBuild and other CI systems.
# Build context: the repository after `npm run build` (only dist/cli/ is copied; see .dockerignore).
#
# Base pinned by digest: node:24-alpine (Node 24, the line the action runs on; Alpine keeps it
# small and gives CI runners the /bin/sh they need to run job scripts). Digest as used by public
# Dockerfiles pinning node:24-alpine (e.g. found via code search, Dec 2026); Dependabot's docker
# ecosystem proposes new digests. These build machines cannot pull base images, so the image is
# built and pushed by .github/workflows/release.yml only.
FROM node:24-alpine@sha256:d32cdf619f63fe0471182d08996dd516c6275bb5fd31ae06e55a570bd9e1ad43

ARG VERSION=dev
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="ecr-risk-gate" \
      org.opencontainers.image.description="CI security gate after docker push to Amazon ECR: waits for the scan, checks who pushed the image, applies risk-scored rules." \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.source="https://github.com/ecr-risk-gate/ecr-risk-gate" \
      org.opencontainers.image.documentation="https://github.com/ecr-risk-gate/ecr-risk-gate/blob/main/docs/cli.md" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}"

# The bundle is self-contained (no node_modules). No RUN step: the same Dockerfile builds every
# platform of the multi-arch image without emulating the target architecture.
COPY --chown=root:root dist/cli/ /opt/ecr-risk-gate/
# `ecr-risk-gate` on PATH for CI job scripts that override the entrypoint (GitLab CI, Jenkins).
COPY --chmod=755 <<'SH' /usr/local/bin/ecr-risk-gate
#!/bin/sh
exec node /opt/ecr-risk-gate/index.js "$@"
SH

ENV NODE_ENV=production \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
# The base image's unprivileged `node` user (uid 1000); the gate needs no root.
USER node
WORKDIR /work
ENTRYPOINT ["node", "/opt/ecr-risk-gate/index.js"]
CMD ["--help"]
