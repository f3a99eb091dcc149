package io.bastionmq.cli;

import io.bastionmq.security.authn.Enrolment;
import io.bastionmq.store.CredentialRecord;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bastion user add|passwd|disable|enable|delete|list} on a stopped broker's data directory
 * (THREATS.md C2); {@code passwd}, {@code disable}, {@code enable} and {@code delete} also reach a
 * running broker through its admin endpoint, which cuts the user's live sessions at once (C10).
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage users (passwords are checked against the password policy); passwd, disable, enable and delete also reach a running broker.",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Disable.class, UserCommand.Enable.class,
                UserCommand.Delete.class, UserCommand.ListUsers.class, UserCommand.Import.class})
final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: add, passwd, disable, enable, delete or list");
    }

    /** Reads a new password: from stdin (one line) with --password-stdin, else prompted twice on the terminal. */
    static char[] readPassword(boolean fromStdin, PrintWriter err) {
        if (fromStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null) {
                    throw new Enrolment.RefusedException("no password on standard input");
                }
                return line.toCharArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new Enrolment.RefusedException("no terminal to prompt on: pass --password-stdin and pipe the password in");
        }
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Repeat password: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new Enrolment.RefusedException("the two passwords differ");
        }
        Arrays.fill(second, '\0');
        return first;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user with a password.")
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CredentialsAccess access;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--admin", description = "May read $SYS and manage the broker.") boolean admin;
        @Option(names = "--group", paramLabel = "G", description = "A group for ACL rules; repeatable.") List<String> groups = new ArrayList<>();
        @Option(names = "--password-stdin", description = "Read the password from standard input instead of prompting.") boolean stdin;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            return access.run(err, e -> {
                e.addUser(name, readPassword(stdin, err), Set.copyOf(groups), admin);
                spec.commandLine().getOut().println("user '" + name + "' added");
                return 0;
            });
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password.")
    static final class Passwd implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CredentialsAccess access;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--password-stdin", description = "Read the password from standard input instead of prompting.") boolean stdin;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            return access.run(err, e -> {
                e.setPassword(name, readPassword(stdin, err));
                spec.commandLine().getOut().println("password of '" + name + "' changed");
                return 0;
            }, admin -> {
                char[] password = readPassword(stdin, err);
                try {
                    // Travels over the local socket only; the broker never logs it.
                    admin.call(admin.request("user.passwd").put("name", name).put("password", new String(password)));
                } finally {
                    Arrays.fill(password, '\0');
                }
                spec.commandLine().getOut().println("password of '" + name + "' changed; its live sessions were cut");
                return 0;
            });
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable a user or device: it can no longer log in.")
    static final class Disable implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CredentialsAccess access;
        @Parameters(index = "0", paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            return access.run(spec.commandLine().getErr(), e -> {
                e.disable(name);
                spec.commandLine().getOut().println("'" + name + "' disabled");
                return 0;
            }, admin -> {
                int cut = admin.call(admin.request("user.disable").put("name", name)).path("cut").asInt();
                spec.commandLine().getOut().println("'" + name + "' disabled; " + cut + " live connection(s) cut");
                return 0;
            });
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled user or device.")
    static final class Enable implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CredentialsAccess access;
        @Parameters(index = "0", paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            return access.run(spec.commandLine().getErr(), e -> {
                e.enable(name);
                spec.commandLine().getOut().println("'" + name + "' enabled");
                return 0;
            }, admin -> {
                admin.call(admin.request("user.enable").put("name", name));
                spec.commandLine().getOut().println("'" + name + "' enabled");
                return 0;
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user or device.")
    static final class Delete implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CredentialsAccess access;
        @Parameters(index = "0", paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            return access.run(spec.commandLine().getErr(), e -> {
                e.delete(name);
                spec.commandLine().getOut().println("'" + name + "' deleted");
                return 0;
            }, admin -> {
                int cut = admin.call(admin.request("user.delete").put("name", name)).path("cut").asInt();
                spec.commandLine().getOut().println("'" + name + "' deleted; " + cut + " live connection(s) cut");
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users and devices (never their hashes).")
    static final class ListUsers implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CredentialsAccess access;

        @Override
        public Integer call() {
            return access.run(spec.commandLine().getErr(), e -> {
                PrintWriter out = spec.commandLine().getOut();
                for (CredentialRecord c : e.list()) {
                    out.printf("%s\t%s\t%s\t%s\tgroups=%s\tcreated=%s%n", c.name(), c.device() ? "device" : "user",
                            c.admin() ? "admin" : "-", c.disabled() ? "disabled" : "enabled",
                            String.join(",", c.groups().stream().sorted().toList()), Instant.ofEpochMilli(c.createdMillis()));
                }
                return 0;
            });
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import users from a Mosquitto password file (user:$7$... or bcrypt lines); rehashed to Argon2id at their next login.")
    static final class Import implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CredentialsAccess access;
        @Parameters(index = "0", paramLabel = "FILE", description = "The mosquitto_passwd file.") java.nio.file.Path file;
        @Option(names = "--group", paramLabel = "G", description = "A group for every imported user; repeatable.") List<String> groups = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            List<String> lines = java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return access.run(err, e -> {
                int imported = 0;
                int refused = 0;
                for (String line : lines) {
                    int colon = line.indexOf(':');
                    if (line.isBlank() || line.startsWith("#") || colon <= 0) {
                        continue;
                    }
                    try {
                        e.importHash(line.substring(0, colon), line.substring(colon + 1).strip(), Set.copyOf(groups));
                        imported++;
                    } catch (Enrolment.RefusedException refusal) {
                        err.println("skipped: " + refusal.getMessage());
                        refused++;
                    }
                }
                out.println(imported + " users imported, " + refused + " skipped");
                return refused == 0 ? 0 : CredentialsAccess.EXIT_REFUSED;
            });
        }
    }
}
