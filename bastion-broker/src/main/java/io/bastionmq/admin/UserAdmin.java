package io.bastionmq.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.authn.Enrolment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Users and devices of the running broker (THREATS.md C2, C3, C10): {@code user.add} (name,
 * password or none for a generated one, groups, admin), {@code user.passwd}, {@code user.disable},
 * {@code user.enable}, {@code user.delete}, {@code user.list} (never a hash), {@code user.import}
 * (Mosquitto password file lines, sent by the CLI because the broker may not be able to read the
 * operator's file) and {@code device.add} (the generated secret is answered once, never kept).
 * {@link Enrolment} applies the password policy, cuts live sessions and writes what changed to the
 * audit log; this class adds one line per change saying it came through the endpoint (C25).
 */
public final class UserAdmin implements AdminArea {
    private final Enrolment enrolment;
    private final AuditLog audit;

    public UserAdmin(Enrolment enrolment, AuditLog audit) {
        this.enrolment = enrolment;
        this.audit = audit;
    }

    /** The outcome of importing a password file: how many users were added, and why each other line was skipped. */
    public record Imported(int imported, List<String> skipped) {}

    /**
     * Imports {@code user:hash} lines of a mosquitto_passwd file; blank lines, comments and lines
     * without a name are ignored. Shared by the CLI on a stopped broker and by {@code user.import}.
     */
    public static Imported importLines(Enrolment enrolment, List<String> lines, Set<String> groups) {
        int imported = 0;
        List<String> skipped = new ArrayList<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (line.isBlank() || line.startsWith("#") || colon <= 0) {
                continue;
            }
            try {
                enrolment.importHash(line.substring(0, colon), line.substring(colon + 1).strip(), groups);
                imported++;
            } catch (Enrolment.RefusedException refusal) {
                skipped.add(String.valueOf(refusal.getMessage()));
            }
        }
        return new Imported(imported, List.copyOf(skipped));
    }

    @Override
    public Map<String, Function<Request, ObjectNode>> commands() {
        return Map.of("user.add", this::add, "user.passwd", this::passwd, "user.disable", this::disable,
                "user.enable", this::enable, "user.delete", this::delete, "user.list", r -> list(),
                "user.import", this::importUsers, "device.add", this::addDevice);
    }

    private ObjectNode add(Request request) {
        String name = request.text("name");
        Set<String> groups = request.textSet("groups");
        boolean admin = request.flag("admin");
        @Nullable String password = request.optionalText("password");
        ObjectNode answer = AdminCommands.ok().put("name", name);
        if (password == null) {
            // Answered once to the CLI, which prints it once; only its hash is kept.
            answer.put("password", enrolment.addUserWithGeneratedPassword(name, groups, admin));
        } else {
            char[] chars = password.toCharArray();
            try {
                enrolment.addUser(name, chars, groups, admin);
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
        changed(name, "user.add");
        return answer;
    }

    private ObjectNode passwd(Request request) {
        String name = request.text("name");
        char[] password = request.text("password").toCharArray();
        try {
            enrolment.setPassword(name, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        changed(name, "user.passwd");
        return AdminCommands.ok().put("name", name);
    }

    private ObjectNode disable(Request request) {
        return cutting(request, "user.disable", enrolment::disable);
    }

    private ObjectNode enable(Request request) {
        return cutting(request, "user.enable", name -> {
            enrolment.enable(name);
            return 0;
        });
    }

    private ObjectNode delete(Request request) {
        return cutting(request, "user.delete", enrolment::delete);
    }

    /** A change to one credential that may cut its live connections; answers how many were cut. */
    private ObjectNode cutting(Request request, String command, java.util.function.ToIntFunction<String> change) {
        String name = request.text("name");
        int cut = change.applyAsInt(name);
        changed(name, command);
        return AdminCommands.ok().put("name", name).put("cut", cut);
    }

    /** Name, kind, flags, groups and creation time of every credential; the record's hash is never read. */
    private ObjectNode list() {
        ArrayNode users = AdminCommands.JSON.createArrayNode();
        for (var c : enrolment.list()) {
            ObjectNode u = users.addObject();
            u.put("name", c.name());
            u.put("device", c.device());
            u.put("admin", c.admin());
            u.put("disabled", c.disabled());
            ArrayNode groups = u.putArray("groups");
            c.groups().stream().sorted().forEach(groups::add);
            u.put("created", Instant.ofEpochMilli(c.createdMillis()).toString());
        }
        return AdminCommands.ok().set("users", users);
    }

    private ObjectNode importUsers(Request request) {
        Imported result = importLines(enrolment, request.texts("lines"), request.textSet("groups"));
        if (result.imported() > 0) {
            audit.credentialChanged(null, "user.import by " + ACTOR + ": " + result.imported() + " users imported");
        }
        ObjectNode answer = AdminCommands.ok().put("imported", result.imported());
        ArrayNode skipped = answer.putArray("skipped");
        result.skipped().forEach(skipped::add);
        return answer;
    }

    private ObjectNode addDevice(Request request) {
        String id = request.text("name");
        String secret = enrolment.addDevice(id, request.textSet("groups"));
        changed(id, "device.add");
        return AdminCommands.ok().put("name", id).put("password", secret);
    }

    private void changed(String name, String command) {
        audit.credentialChanged(name, command + " by " + ACTOR);
    }
}
