#!/usr/bin/env bash
# Makes a throw-away PKI for TLS tests in DIR (created if missing), with the openssl CLI:
#   ca.pem            the test CA that a client under test trusts
#   server.pem/.key   signed by ca.pem, for localhost, 127.0.0.1 and ::1
#   wrong_host.pem/.key  signed by ca.pem, for wrong-host.test only
#   other_ca.pem      another CA, trusted by nobody
#   other_ca_server.pem/.key  signed by other_ca.pem, for localhost, 127.0.0.1 and ::1
# Keys are P-256, certificates valid for two days. Nothing is kept between test runs.
set -euo pipefail
dir="${1:?usage: make_test_pki.sh DIR}"
mkdir -p "$dir"
cd "$dir"

make_ca() {  # name
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=backcoach test $1" -keyout "$1.key" -out "$1.pem" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}

make_leaf() {  # name ca subject-alt-names
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/CN=$1" -keyout "$1.key" -out "$1.csr" 2>/dev/null
  printf 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$3" \
    > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -set_serial "0x$(openssl rand -hex 8)" \
    -days 2 -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}

local_names="DNS:localhost,IP:127.0.0.1,IP:::1"
make_ca ca
make_ca other_ca
make_leaf server ca "$local_names"
make_leaf wrong_host ca "DNS:wrong-host.test"
make_leaf other_ca_server other_ca "$local_names"
