#!/bin/sh
# Makes ./secrets/* with fresh random values, once: an existing file is never overwritten.
# Keep copies of personal_data_key and the PINs in the safe: without the key, sealed personal data is lost.
set -eu
cd "$(dirname "$0")"
umask 077
mkdir -p secrets
random() { head -c "$1" /dev/urandom | base64 | tr -d '\n/+=' | head -c "$2"; }
make() {
  if [ ! -e "secrets/$1" ]; then
    printf '%s' "$2" > "secrets/$1"
    echo "made secrets/$1"
  fi
}
for name in postgres_password db_admin_password db_app_password db_responder_password \
            tls_keystore_password ocsp_keystore_password tsa_keystore_password; do
  make "$name" "$(random 48 32)"
done
make hsm_so_pin "$(random 24 16)"
make hsm_pin "$(random 24 16)"
# eimzo.ra.personal-data-key: base64 of 32 random bytes (AES-256).
make personal_data_key "$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
