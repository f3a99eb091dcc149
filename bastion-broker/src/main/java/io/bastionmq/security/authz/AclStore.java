package io.bastionmq.security.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bastionmq.security.authz.AclRule.Action;
import io.bastionmq.security.authz.AclRule.Permission;
import io.bastionmq.security.authz.AclRule.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-user and per-group rules managed with {@code bastion acl add|list|remove}, kept in
 * {@code <data_dir>/acl/rules.json}, a JSON array written atomically (temporary file, then
 * rename). A file rather than a column family of the RocksDB store: the CLI can change rules
 * while the broker runs (RocksDB allows one process per database), and the broker picks the change
 * up within {@link #RELOAD_INTERVAL_MILLIS} by watching the file's modification time.
 */
public final class AclStore {
    public static final long RELOAD_INTERVAL_MILLIS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private FileTime loadedAt = FileTime.fromMillis(0);

    public AclStore(Path dataDir) {
        this.file = dataDir.resolve("acl").resolve("rules.json");
    }

    public Path file() {
        return file;
    }

    /** The rules in the file, in order; none when the file does not exist. */
    public synchronized List<AclRule> load() {
        try {
            loadedAt = Files.getLastModifiedTime(file);
            JsonNode root = JSON.readTree(Files.readString(file));
            List<AclRule> out = new ArrayList<>();
            for (JsonNode n : root) {
                String subjectName = n.path("name").asText("");
                Subject subject = AclRule.parseWord(Subject.class, n.path("subject").asText());
                out.add(new AclRule(AclRule.parseWord(Permission.class, n.path("permission").asText()),
                        AclRule.parseWord(Action.class, n.path("action").asText()), subject, subjectName,
                        n.path("topic").asText(), n.hasNonNull("max_qos") ? n.get("max_qos").asInt() : null,
                        n.path("retain").asBoolean(true), "store " + AclRule.lower(subject) + " " + subjectName));
            }
            return List.copyOf(out);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ACL rules from " + file, e);
        }
    }

    /** True if the file changed since the last {@link #load()}. */
    public synchronized boolean changed() {
        try {
            return !Files.getLastModifiedTime(file).equals(loadedAt);
        } catch (NoSuchFileException e) {
            return !loadedAt.equals(FileTime.fromMillis(0));
        } catch (IOException e) {
            return false;
        }
    }

    /** Appends {@code rule} (only user and group rules live here). */
    public synchronized void add(AclRule rule) {
        if (rule.subject() != Subject.USER && rule.subject() != Subject.GROUP) {
            throw new IllegalArgumentException("the rule store holds user and group rules; put rules for "
                    + AclRule.lower(rule.subject()) + " in the configuration file (authorization.rules)");
        }
        List<AclRule> rules = new ArrayList<>(load());
        rules.add(rule);
        save(rules);
    }

    /** Removes the rules whose {@link AclRule#text()} equals {@code text}; returns how many. */
    public synchronized int remove(String text) {
        List<AclRule> rules = new ArrayList<>(load());
        int before = rules.size();
        rules.removeIf(r -> r.text().equals(text));
        if (rules.size() != before) {
            save(rules);
        }
        return before - rules.size();
    }

    private void save(List<AclRule> rules) {
        ArrayNode root = JSON.createArrayNode();
        for (AclRule r : rules) {
            ObjectNode n = root.addObject();
            n.put("permission", AclRule.lower(r.permission()));
            n.put("action", AclRule.lower(r.action()));
            n.put("subject", AclRule.lower(r.subject()));
            n.put("name", r.subjectName());
            n.put("topic", r.topic());
            if (r.maxQos() != null) n.put("max_qos", r.maxQos());
            if (!r.retain()) n.put("retain", false);
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("rules.json.tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ACL rules to " + file, e);
        }
    }
}
