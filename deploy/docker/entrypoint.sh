#!/bin/sh
# Turns every NAME_FILE variable into NAME read from that file, so secrets arrive as files (Docker or
# Kubernetes secrets) and never sit in the image, the compose file or `docker inspect`.
set -eu
for variable in $(env | sed -n 's/^\([A-Z0-9_]*\)_FILE=.*/\1/p'); do
  # The name matched [A-Z0-9_]* above, so eval only ever reads a variable.
  eval "file=\${${variable}_FILE:-}"
  # A line of some multi-line value that only looked like NAME_FILE=...
  [ -n "$file" ] || continue
  if [ ! -r "$file" ]; then
    echo "entrypoint: ${variable}_FILE names $file, which cannot be read" >&2
    exit 64
  fi
  export "$variable=$(cat "$file")"
  unset "${variable}_FILE"
done
exec "$@"
