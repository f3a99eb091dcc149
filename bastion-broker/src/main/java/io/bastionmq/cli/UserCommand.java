package io.bastionmq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bastionmq.admin.AdminClient;
import io.bastionmq.admin.AdminEndpoint;
import io.bastionmq.admin.UserAdmin;
import io.bastionmq.security.authn.Enrolment;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bastion user add|passwd|disable|enable|delete|list|import} (THREATS.md C2, C10). Every
 * subcommand computes one result, on a running broker through its admin endpoint (which cuts the
 * live sessions of a changed, disabled or deleted user at once) or on a stopped broker's store
 * ({@link CredentialsAccess}), and prints it from one place, the same for both.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage users (passwords are checked against the password policy), on a running or a stopped broker.",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Disable.class, UserCommand.Enable.class,
                UserCommand.Delete.class, UserCommand.ListUsers.class, UserCommand.Import.class})
final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: add, passwd, disable, enable, delete, list or import");
    }

    /** Reads a new password: from stdin (one line) with --password-stdin, else prompted twice on the terminal. */
    static char[] readPassword(boolean fromStdin) {
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

    /** Reads the password before either path runs, so a refusal to read it changes nothing; exit code 1. */
    static char @Nullable [] password(boolean fromStdin, PrintWriter err) {
        try {
            return readPassword(fromStdin);
        } catch (Enrolment.RefusedException e) {
            err.println("Refused: " + e.getMessage());
            err.flush();
            return null;
        }
    }

    /** How the password of a new user is chosen. */
    static final class PasswordSource {
        @Option(names = "--password-stdin", description = "Read the password from standard input instead of prompting.") boolean stdin;
        @Option(names = "--generate-password", description = "Generate a random password (192 bits) and print it once.") boolean generate;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user with a password (prompted, from stdin, or generated).")
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CredentialsAccess access;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--admin", description = "May read $SYS and manage the broker.") boolean admin;
        @Option(names = "--group", paramLabel = "G", description = "A group for ACL rules; repeatable.") List<String> groups = new ArrayList<>();
        @ArgGroup(exclusive = true) PasswordSource source = new PasswordSource();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            char[] password = source.generate ? null : password(source.stdin, err);
            if (password == null && !source.generate) {
                return CredentialsAccess.EXIT_REFUSED;
            }
            try {
                return access.run(err, e -> {
                    if (password == null) {
                        return e.addUserWithGeneratedPassword(name, Set.copyOf(groups), admin);
                    }
                    e.addUser(name, password, Set.copyOf(groups), admin);
                    return "";
                }, live -> {
                    ObjectNode request = live.request("user.add").put("name", name).put("admin", admin);
                    groups.forEach(request.putArray("groups")::add);
                    if (password != null) {
                        request.put("password", new String(password)); // crosses the local socket only; never logged
                    }
                    return live.call(request).path("password").asText("");
                }, this::report);
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
        }

        /** {@code generated}: the generated password, or "" when the operator chose one. */
        private int report(String generated) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("user '" + name + "' added" + (admin ? " (admin)" : ""));
            if (!generated.isEmpty()) {
                out.println("its password (shown only now, it cannot be shown again):");
                out.println(generated);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password; a running broker cuts the user's live sessions.")
    static final class Passwd implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CredentialsAccess access;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--password-stdin", description = "Read the password from standard input instead of prompting.") boolean stdin;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            char[] password = password(stdin, err);
            if (password == null) {
                return CredentialsAccess.EXIT_REFUSED;
            }
            try {
                return access.run(err, e -> {
                    e.setPassword(name, password);
                    return name;
                }, live -> live.call(live.request("user.passwd").put("name", name).put("password", new String(password)))
                        .path("name").asText(), changed -> {
                    spec.commandLine().getOut().println("password of '" + changed + "' changed; its live sessions, if any, were cut");
                    spec.commandLine().getOut().flush();
                    return 0;
                });
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** disable, enable and delete: one name in, a count of cut connections out. */
    abstract static class NameCommand implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CredentialsAccess access;
        @Parameters(index = "0", paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            return access.run(spec.commandLine().getErr(), this::offline,
                    live -> live.call(live.request(command()).put("name", name)).path("cut").asInt(), cut -> {
                        PrintWriter out = spec.commandLine().getOut();
                        out.println("'" + name + "' " + done() + (cutsSessions() ? "; " + cut + " live connection(s) cut" : ""));
                        out.flush();
                        return 0;
                    });
        }

        abstract String command();

        abstract String done();

        abstract int offline(Enrolment e);

        boolean cutsSessions() {
            return true;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable a user or device: it can no longer log in; live sessions are cut.")
    static final class Disable extends NameCommand {
        @Override String command() { return "user.disable"; }
        @Override String done() { return "disabled"; }
        @Override int offline(Enrolment e) { return e.disable(name); }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled user or device.")
    static final class Enable extends NameCommand {
        @Override String command() { return "user.enable"; }
        @Override String done() { return "enabled"; }
        @Override boolean cutsSessions() { return false; }

        @Override
        int offline(Enrolment e) {
            e.enable(name);
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user or device; live sessions are cut.")
    static final class Delete extends NameCommand {
        @Override String command() { return "user.delete"; }
        @Override String done() { return "deleted"; }
        @Override int offline(Enrolment e) { return e.delete(name); }
    }

    /** One line of {@code user list}: what both paths know of a credential, never its hash. */
    record Row(String name, boolean device, boolean admin, boolean disabled, List<String> groups, String created) {
        static Row of(JsonNode u) {
            List<String> groups = new ArrayList<>();
            u.path("groups").forEach(g -> groups.add(g.asText()));
            return new Row(u.path("name").asText(), u.path("device").asBoolean(), u.path("admin").asBoolean(),
                    u.path("disabled").asBoolean(), groups, u.path("created").asText());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users and devices (never their hashes).")
    static final class ListUsers implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CredentialsAccess access;

        @Override
        public Integer call() {
            return access.run(spec.commandLine().getErr(), e -> e.list().stream()
                    .map(c -> new Row(c.name(), c.device(), c.admin(), c.disabled(), c.groups().stream().sorted().toList(),
                            Instant.ofEpochMilli(c.createdMillis()).toString())).toList(), live -> {
                        List<Row> rows = new ArrayList<>();
                        live.call(live.request("user.list")).path("users").forEach(u -> rows.add(Row.of(u)));
                        return rows;
                    }, rows -> {
                        PrintWriter out = spec.commandLine().getOut();
                        for (Row r : rows) {
                            out.printf("%s\t%s\t%s\t%s\tgroups=%s\tcreated=%s%n", r.name(), r.device() ? "device" : "user",
                                    r.admin() ? "admin" : "-", r.disabled() ? "disabled" : "enabled", String.join(",", r.groups()), r.created());
                        }
                        out.flush();
                        return 0;
                    });
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import users from a Mosquitto password file (user:$7$... or bcrypt lines); rehashed to Argon2id at their next login.")
    static final class Import implements Callable<Integer> {
        /** Request lines stay well under the endpoint's limit; a large file goes in several requests. */
        static final int BATCH_BYTES = AdminEndpoint.MAX_LINE_BYTES / 2;

        @Spec CommandSpec spec;
        @Mixin CredentialsAccess access;
        @Parameters(index = "0", paramLabel = "FILE", description = "The mosquitto_passwd file (read by this command, not by the broker).") Path file;
        @Option(names = "--group", paramLabel = "G", description = "A group for every imported user; repeatable.") List<String> groups = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return access.run(spec.commandLine().getErr(), e -> UserAdmin.importLines(e, lines, Set.copyOf(groups)),
                    admin -> live(admin, lines), this::report);
        }

        /** The lines go to the broker, which may not be allowed to read the operator's file. */
        private UserAdmin.Imported live(AdminClient admin, List<String> lines) {
            int imported = 0;
            List<String> skipped = new ArrayList<>();
            List<List<String>> batches = new ArrayList<>();
            List<String> batch = new ArrayList<>();
            int bytes = 0;
            for (String line : lines) {
                if (!batch.isEmpty() && bytes + line.length() > BATCH_BYTES) {
                    batches.add(batch);
                    batch = new ArrayList<>();
                    bytes = 0;
                }
                batch.add(line);
                bytes += line.length() + 4;
            }
            batches.add(batch);
            for (List<String> b : batches) {
                ObjectNode request = admin.request("user.import");
                b.forEach(request.putArray("lines")::add);
                groups.forEach(request.putArray("groups")::add);
                JsonNode answer = admin.call(request);
                imported += answer.path("imported").asInt();
                answer.path("skipped").forEach(s -> skipped.add(s.asText()));
            }
            return new UserAdmin.Imported(imported, skipped);
        }

        private int report(UserAdmin.Imported result) {
            PrintWriter err = spec.commandLine().getErr();
            result.skipped().forEach(s -> err.println("skipped: " + s));
            spec.commandLine().getOut().println(result.imported() + " users imported, " + result.skipped().size() + " skipped");
            spec.commandLine().getOut().flush();
            err.flush();
            return result.skipped().isEmpty() ? 0 : CredentialsAccess.EXIT_REFUSED;
        }
    }
}
