#!/bin/sh
# Starts vmauth with the generated auth.yml once every password it names is present: vmauth
# itself would leave an unset %{NAME} in place and accept that literal text as the password.
# Each password comes from NAME or from the file named by NAME_FILE (a Docker secret). vmauth
# substitutes it into the YAML text, so only characters that cannot change the YAML are allowed.
# vmauth's own endpoints (/-/reload, /metrics, /flags, /debug/pprof) open only with
# DASMO_VMAUTH_ADMIN_KEY; without it, with a random key nobody knows.
set -eu

config="${DASMO_VMAUTH_CONFIG:-/etc/vmauth/auth.yml}"
fail() {
  echo "vmauth: $*" >&2
  exit 2
}
[ -r "$config" ] || fail "cannot read $config (set DASMO_VMAUTH_CONFIG)"

names=$(grep -o '%{[A-Za-z0-9_]*}' "$config" | sed 's/^%{//; s/}$//' | sort -u)
[ -n "$names" ] || fail "$config names no password"
for name in $names; do
  eval "file=\${${name}_FILE:-}"
  if [ -n "$file" ]; then
    [ -r "$file" ] || fail "${name}_FILE names $file, which cannot be read"
    value=$(cat "$file")
    export "$name=$value"
  fi
  eval "value=\${${name}:-}"
  [ -n "$value" ] || fail "$name is not set (nor ${name}_FILE): every user of $config needs a password"
  case "$value" in
    *[!A-Za-z0-9._~+/=-]*) fail "$name may hold only letters, digits and . _ ~ + / = -" ;;
  esac
  [ "${#value}" -ge 16 ] || fail "$name is shorter than 16 characters"
done

admin_key="${DASMO_VMAUTH_ADMIN_KEY:-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}"
exec "${DASMO_VMAUTH_BINARY:-vmauth}" \
  -auth.config="$config" \
  -reloadAuthKey="$admin_key" -metricsAuthKey="$admin_key" -flagsAuthKey="$admin_key" -pprofAuthKey="$admin_key" \
  "$@"
