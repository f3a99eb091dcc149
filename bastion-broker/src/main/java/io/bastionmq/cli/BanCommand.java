package io.bastionmq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.bastionmq.admin.AdminClient;
import io.bastionmq.config.ConfigException;
import io.bastionmq.config.DurationSyntax;
import io.bastionmq.limits.Ban;
import io.bastionmq.limits.BanKind;
import io.bastionmq.limits.BanList;
import io.bastionmq.limits.Cidr;
import io.bastionmq.store.FsyncPolicy;
import io.bastionmq.store.rocksdb.RocksDbStore;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bastion ban add|list|remove}: the durable ban list (THREATS.md C17). On a stopped
 * broker the command works on the store in its data directory, and bans apply from the next start.
 * A running broker holds the store's lock; the command then goes through the broker's local admin
 * endpoint ({@link RunningBroker}), and a ban cuts the live connections it matches at once.
 */
@Command(name = "ban", mixinStandardHelpOptions = true,
        description = "Manage the ban list (client ids, user names, addresses, CIDR blocks); a running broker applies changes at once.",
        subcommands = {BanCommand.Add.class, BanCommand.ListBans.class, BanCommand.Remove.class})
final class BanCommand implements Runnable {
    /** The exit code when the store is locked by a running broker. */
    static final int EXIT_LOCKED = RunningBroker.EXIT_LOCKED;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: add, list or remove");
    }

    /** Exactly one target. */
    static final class Target {
        @Option(names = "--client-id", paramLabel = "ID", required = true, description = "A client identifier.")
        @Nullable String clientId;

        @Option(names = "--username", paramLabel = "NAME", required = true, description = "A user name.")
        @Nullable String username;

        @Option(names = "--address", paramLabel = "ADDR[/BITS]", required = true,
                description = "An IPv4 or IPv6 address, or a CIDR block such as 203.0.113.0/24 or 2001:db8::/32.")
        @Nullable String address;

        BanKind kind() {
            return clientId != null ? BanKind.CLIENT_ID : username != null ? BanKind.USERNAME : BanKind.ADDRESS;
        }

        String value() {
            String v = clientId != null ? clientId : username != null ? username : address;
            if (v == null) {
                throw new IllegalStateException("picocli admitted a target group without a value");
            }
            return v;
        }
    }

    /**
     * Opens the store, runs {@code action} on its ban list, closes it; when a running broker holds
     * the store, runs {@code online} against its admin endpoint instead.
     */
    static int withBans(CommandSpec spec, DataDirOptions location, java.util.function.ToIntFunction<BanList> action,
                        java.util.function.ToIntFunction<AdminClient> online) {
        PrintWriter err = spec.commandLine().getErr();
        Path dir;
        try {
            dir = location.dataDirectory();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.flush();
            return Main.EXIT_USAGE;
        }
        if (!Files.isDirectory(dir.resolve("rocksdb"))) {
            err.println("no broker data in " + dir.toAbsolutePath() + " (expected " + dir.resolve("rocksdb") + ")");
            err.println("  hint: point --data-dir at the broker's data_dir, or --config at its configuration file");
            err.flush();
            return Main.EXIT_USAGE;
        }
        RocksDbStore store;
        try {
            store = RocksDbStore.open(dir, FsyncPolicy.ALWAYS, Duration.ofMillis(100));
        } catch (UncheckedIOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.toLowerCase(java.util.Locale.ROOT).contains("lock")) {
                return RunningBroker.run(dir, err, online, "the store in " + dir.toAbsolutePath()
                        + " is in use by a running broker that cannot be reached; nothing was changed");
            }
            throw e;
        }
        try (store) {
            return action.applyAsInt(new BanList(store, Clock.systemUTC()));
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Ban a client id, user name, address or CIDR block.")
    static final class Add implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target = new Target();

        @Option(names = "--duration", paramLabel = "DURATION", description = "How long, such as 30m, 12h or 7d (default: permanent).")
        @Nullable String duration;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for operators (default: 'banned by an operator').")
        String reason = "banned by an operator";

        @Mixin
        DataDirOptions where = new DataDirOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Instant now = Instant.now();
            Instant expires;
            Ban ban;
            try {
                expires = duration == null ? Instant.MAX : now.plus(DurationSyntax.parse(duration));
                ban = new Ban(target.kind(), target.value(), reason, now, expires);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            return withBans(spec, where, bans -> {
                bans.add(ban);
                PrintWriter out = spec.commandLine().getOut();
                out.println("banned " + ban.kind().spelling() + " " + ban.value() + " " + until(ban));
                out.flush();
                return 0;
            }, admin -> {
                var request = admin.request("ban.add").put("kind", ban.kind().spelling()).put("value", ban.value())
                        .put("reason", reason);
                if (duration != null) {
                    request.put("duration", duration);
                }
                JsonNode added = admin.call(request).path("ban");
                PrintWriter out = spec.commandLine().getOut();
                out.println("banned " + added.path("kind").asText() + " " + added.path("value").asText() + " " + until(added)
                        + " (live connections it matches were cut)");
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the active bans.")
    static final class ListBans implements Callable<Integer> {
        @Mixin
        DataDirOptions where = new DataDirOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return withBans(spec, where, bans -> {
                PrintWriter out = spec.commandLine().getOut();
                List<Ban> all = bans.all();
                if (all.isEmpty()) {
                    out.println("no bans");
                }
                for (Ban ban : all) {
                    out.println(ban.kind().spelling() + "\t" + ban.value() + "\t" + until(ban) + "\t" + ban.reason());
                }
                out.flush();
                return 0;
            }, admin -> {
                PrintWriter out = spec.commandLine().getOut();
                JsonNode all = admin.call(admin.request("ban.list")).path("bans");
                if (all.isEmpty()) {
                    out.println("no bans");
                }
                for (JsonNode ban : all) {
                    out.println(ban.path("kind").asText() + "\t" + ban.path("value").asText() + "\t" + until(ban) + "\t"
                            + ban.path("reason").asText());
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Lift a ban.")
    static final class Remove implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target = new Target();

        @Mixin
        DataDirOptions where = new DataDirOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            BanKind kind = target.kind();
            String value = target.value();
            if (kind == BanKind.ADDRESS) {
                try {
                    Cidr.parse(value);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            return withBans(spec, where, bans -> report(bans.remove(kind, value), kind, value),
                    admin -> report(admin.call(admin.request("ban.remove").put("kind", kind.spelling()).put("value", value))
                            .path("removed").asBoolean(), kind, value));
        }

        private int report(boolean removed, BanKind kind, String value) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(removed ? "removed the ban on " + kind.spelling() + " " + value
                    : "no ban on " + kind.spelling() + " " + value);
            out.flush();
            return removed ? 0 : 1;
        }
    }

    private static String until(Ban ban) {
        return ban.isPermanent() ? "permanently" : "until " + ban.expiresAt();
    }

    /** The same words for a ban as the admin endpoint sends it ({@code "expires": null} for permanent). */
    private static String until(JsonNode ban) {
        JsonNode expires = ban.path("expires");
        return expires.isTextual() ? "until " + expires.asText() : "permanently";
    }
}
