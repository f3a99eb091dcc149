package io.bastionmq.security.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code index.tsv}: one line per certificate the CA signed, in issue order, tab separated, as
 * OpenSSL's {@code index.txt} keeps them:
 * <pre>
 * # serial  kind  common_name  not_after             revoked_at
 * 5F03…     device  dev-1      2027-11-21T10:00:00Z  -
 * </pre>
 * The CRL is generated from the revoked entries, so this file is the CA's record of truth.
 */
final class CaIndex {
    private static final String HEADER = "# serial\tkind\tcommon_name\tnot_after\trevoked_at\n";

    private CaIndex() {}

    static List<IssuedCertificate> read(Path file) throws IOException {
        List<IssuedCertificate> entries = new ArrayList<>();
        if (!Files.exists(file)) return entries;
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (f.length != 5) {
                throw new IOException(file + ", line " + lineNo + ": expected 5 tab-separated fields, found " + f.length);
            }
            entries.add(new IssuedCertificate(new BigInteger(f[0], 16), IssuedCertificate.Kind.valueOf(f[1].toUpperCase(Locale.ROOT)),
                    f[2], Instant.parse(f[3]), f[4].equals("-") ? null : Instant.parse(f[4])));
        }
        return entries;
    }

    static void write(Path file, List<IssuedCertificate> entries) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (IssuedCertificate e : entries) {
            @Nullable Instant revoked = e.revokedAt();
            text.append(e.serialHex()).append('\t').append(e.kind().name().toLowerCase(Locale.ROOT)).append('\t')
                    .append(e.commonName()).append('\t').append(e.notAfter()).append('\t')
                    .append(revoked == null ? "-" : revoked.toString()).append('\n');
        }
        CaFiles.writeAtomically(file, text.toString(), CaFiles.PUBLIC);
    }
}
