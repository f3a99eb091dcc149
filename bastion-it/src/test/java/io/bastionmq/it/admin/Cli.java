package io.bastionmq.it.admin;

import io.bastionmq.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real {@code bastion} command line, run in this JVM through picocli against one data directory. */
final class Cli {
    private Cli() {}

    /** Runs {@code bastion ARGS --data-dir DIR} with {@code stdin}; {@code out} and {@code err} are emptied first. */
    static int run(Path dir, StringWriter out, StringWriter err, String stdin, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(dir.toString());
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return cl.execute(all.toArray(String[]::new));
        } finally {
            System.setIn(before);
        }
    }
}
