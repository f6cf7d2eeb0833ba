#!/usr/bin/env bash
# The cost of one password check at LOGIN (docs/benchmarks.md, issue 14): James's PBKDF2-SHA512 as SyncStore stores
# it (1,000 iterations, 512-bit key) against glibc's SHA512-CRYPT at its default 5,000 rounds, Dovecot's scheme.
# Needs a JDK (11 or later) and python3 (its crypt module, Python 3.12 or older).
set -euo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/Pbkdf2Cost.java" <<'JAVA'
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

public class Pbkdf2Cost {
    public static void main(String[] args) throws Exception {
        SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512");
        byte[] salt = "0123456789abcdef".getBytes();
        for (int round = 1; round <= 3; round++) {
            int hashes = 2000;
            long start = System.nanoTime();
            for (int i = 0; i < hashes; i++) {
                factory.generateSecret(new PBEKeySpec("secret".toCharArray(), salt, 1000, 512)).getEncoded();
            }
            System.out.printf("PBKDF2-SHA512 (1000 iterations, 512-bit key), round %d: %.2f ms a hash%n", round,
                (System.nanoTime() - start) / 1e6 / hashes);
        }
    }
}
JAVA
java "$dir/Pbkdf2Cost.java"
python3 -W ignore - <<'PY'
import crypt, time
stored = crypt.crypt('secret', crypt.mksalt(crypt.METHOD_SHA512))
for round in range(1, 4):
    hashes = 300
    start = time.perf_counter()
    for _ in range(hashes):
        crypt.crypt('secret', stored)
    print('SHA512-CRYPT (5000 rounds), round %d: %.2f ms a hash' % (round, (time.perf_counter() - start) * 1000 / hashes))
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
