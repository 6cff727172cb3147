#!/bin/sh
# One-shot: initialise the SoftHSM2 token of the compose set-up in the shared token volume, once.
# SoftHSM2 is for rehearsals and tests, never for production keys.
set -eu
label="${EIMZO_TOKEN_LABEL:-eimzo}"
if softhsm2-util --show-slots | grep -q "Label: *${label} *$"; then
  echo "SoftHSM2 token '${label}' already initialised"
  exit 0
fi
# The PINs arrive as EIMZO_HSM_SO_PIN and EIMZO_PKCS11_PIN (the entrypoint reads their *_SECRET_FILE secrets).
# softhsm2-util takes them only as arguments: acceptable in this one-shot container, not on a shared host.
softhsm2-util --init-token --free --label "$label" --so-pin "${EIMZO_HSM_SO_PIN:?}" --pin "${EIMZO_PKCS11_PIN:?}"
echo "SoftHSM2 token '${label}' initialised"
