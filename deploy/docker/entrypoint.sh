#!/bin/sh
# Turns every NAME_SECRET_FILE variable into NAME read from that file, so secrets arrive as files (Docker or
# Kubernetes secrets) and never sit in the image, the compose file or `docker inspect`. Not the common *_FILE
# suffix: settings such as EIMZO_OCSP_KEYS_PKCS12_FILE are file paths the application itself reads.
set -eu
for variable in $(env | sed -n 's/^\([A-Z0-9_]*\)_SECRET_FILE=.*/\1/p'); do
  # The name matched [A-Z0-9_]* above, so eval only ever reads a variable.
  eval "file=\${${variable}_SECRET_FILE:-}"
  # A line of some multi-line value that only looked like NAME_SECRET_FILE=...
  [ -n "$file" ] || continue
  if [ ! -r "$file" ]; then
    echo "entrypoint: ${variable}_SECRET_FILE names $file, which cannot be read" >&2
    exit 64
  fi
  export "$variable=$(cat "$file")"
  unset "${variable}_SECRET_FILE"
done
exec "$@"
