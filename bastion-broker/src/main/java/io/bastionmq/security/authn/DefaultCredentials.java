package io.bastionmq.security.authn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** The known vendor default passwords of {@code security/default-credentials.txt} (Mirai's list and more). */
final class DefaultCredentials {
    private static final String RESOURCE = "/security/default-credentials.txt";

    private DefaultCredentials() {}

    /** Every password on the list, "(none)" as the empty string. */
    static Set<String> passwords() {
        Set<String> out = new HashSet<>();
        try (InputStream in = DefaultCredentials.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                int slash = line.indexOf('/');
                if (line.isEmpty() || line.startsWith("#") || slash < 0) {
                    continue;
                }
                String password = line.substring(slash + 1);
                out.add(password.equals("(none)") ? "" : password);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
