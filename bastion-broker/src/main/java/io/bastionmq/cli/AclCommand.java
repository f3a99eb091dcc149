package io.bastionmq.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bastionmq.admin.AclAdmin;
import io.bastionmq.admin.AclQuery;
import io.bastionmq.admin.AdminClient;
import io.bastionmq.config.AuthorizationConfig;
import io.bastionmq.config.BrokerConfig;
import io.bastionmq.config.ConfigException;
import io.bastionmq.routing.TopicFilter;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.authz.AclRule;
import io.bastionmq.security.authz.AclRule.Action;
import io.bastionmq.security.authz.AclRule.Permission;
import io.bastionmq.security.authz.AclRule.Subject;
import io.bastionmq.security.authz.AclStore;
import io.bastionmq.security.authz.Authorizer;
import io.bastionmq.security.authz.Decision;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
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
 * {@code bastion acl add|list|remove|test}: the per-user and per-group rules of the rule store
 * ({@code <data_dir>/acl/rules.json}, see {@link AclStore}). With a broker running on the data
 * directory every subcommand goes through its admin endpoint: a change applies to the next
 * request of every live connection (cached decisions are dropped), and {@code test} asks the
 * broker's own rules. On a stopped broker the subcommands work on the file, with the rules of
 * {@code --config} (else the secure default) for {@code list} and {@code test}.
 */
@Command(name = "acl", mixinStandardHelpOptions = true,
        description = "Manage and test authorization rules (per user and per group), on a running or a stopped broker.",
        subcommands = {AclCommand.Add.class, AclCommand.ListRules.class, AclCommand.Remove.class, AclCommand.Test.class})
final class AclCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: add, list, remove or test");
    }

    /** Exactly one subject. */
    static final class Who {
        @Option(names = "--user", paramLabel = "NAME", required = true, description = "The rule applies to this user.")
        @Nullable String user;

        @Option(names = "--group", paramLabel = "NAME", required = true, description = "The rule applies to this group.")
        @Nullable String group;
    }

    /**
     * Resolves the configuration, then runs {@code live} or {@code offline} ({@link RunningBroker#either});
     * a bad argument or configuration is a usage error, a file that cannot be written a failure.
     */
    static <T> int run(CommandSpec spec, DataDirOptions where, java.util.function.Function<AdminClient, T> live,
                       java.util.function.Function<BrokerConfig, T> offline, ToIntFunction<T> report) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            BrokerConfig config = where.brokerConfig();
            return RunningBroker.either(config.dataDir(), err, live, rep -> rep.applyAsInt(offline.apply(config)), report);
        } catch (IllegalArgumentException | ConfigException e) {
            err.println(e.getMessage());
            return Main.EXIT_USAGE;
        } catch (UncheckedIOException e) {
            err.println(e.getMessage());
            return RunningBroker.EXIT_REFUSED;
        } finally {
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }

    /** The words of a rule: {@code allow|deny pub|sub|all FILTER}, with options. */
    abstract static class RuleCommand implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin DataDirOptions where = new DataDirOptions();
        @ArgGroup(exclusive = true, multiplicity = "1") Who who;
        @Parameters(index = "0", paramLabel = "allow|deny") String permission;
        @Parameters(index = "1", paramLabel = "pub|sub|all") String action;
        @Parameters(index = "2", paramLabel = "FILTER", description = "A topic filter; may hold ${username}, ${clientid}, ${cert.cn}.") String topic;
        @Option(names = "--max-qos", paramLabel = "N", description = "Allow rules: the highest QoS allowed.") @Nullable Integer maxQos;
        @Option(names = "--no-retain", description = "Allow rules: refuse retained PUBLISHes.") boolean noRetain;

        AclRule rule() {
            Subject subject = who.user != null ? Subject.USER : Subject.GROUP;
            String name = who.user != null ? who.user : who.group;
            return new AclRule(AclRule.parseWord(Permission.class, permission), AclRule.parseWord(Action.class, action), subject,
                    name == null ? "" : name, topic, maxQos, !noRetain, "cli");
        }

        @Override
        public Integer call() {
            return run(spec, where, live -> {
                AclRule r = rule();
                ObjectNode request = live.request(command()).put("permission", permission).put("action", action)
                        .put("subject", r.subject() == Subject.USER ? "user" : "group").put("name", r.subjectName())
                        .put("topic", topic).put("no_retain", noRetain);
                if (maxQos != null) {
                    request.put("max_qos", maxQos);
                }
                return live.call(request).path("removed").asInt(1);
            }, config -> {
                AclRule r = rule();
                int changed = apply(new AclStore(config.dataDir()), r);
                if (changed > 0) {
                    try (AuditLog audit = OfflineAudit.open(config)) {
                        audit.aclChanged(who.user, verb() + " '" + r.text() + "' by " + OfflineAudit.ACTOR);
                    }
                }
                return changed;
            }, this::report);
        }

        abstract String command();

        abstract String verb();

        /** Changes the file; returns how many rules were added or removed. */
        abstract int apply(AclStore store, AclRule rule);

        private int report(int changed) {
            String text = rule().text();
            if (changed == 0) {
                spec.commandLine().getErr().println("no such rule: " + text);
                return 1;
            }
            spec.commandLine().getOut().println(verb() + ": " + text);
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Append a rule for a user or a group.")
    static final class Add extends RuleCommand {
        @Override String command() { return "acl.add"; }
        @Override String verb() { return "added"; }

        @Override
        int apply(AclStore store, AclRule rule) {
            store.add(rule);
            return 1;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove the rules equal to the one given.")
    static final class Remove extends RuleCommand {
        @Override String command() { return "acl.remove"; }
        @Override String verb() { return "removed"; }

        @Override
        int apply(AclStore store, AclRule rule) {
            return store.remove(rule.text());
        }
    }

    /** One line of {@code acl list}. */
    record Line(String text, String source) {}

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the configuration's rules and the store's, in evaluation order.")
    static final class ListRules implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin DataDirOptions where = new DataDirOptions();

        @Override
        public Integer call() {
            return run(spec, where, live -> {
                List<Line> lines = new ArrayList<>();
                live.call(live.request("acl.list")).path("rules").forEach(r -> lines.add(new Line(r.path("text").asText(),
                        r.path("source").asText())));
                return lines;
            }, config -> AclAdmin.inOrder(config.authorization().rules(), new AclStore(config.dataDir()).load()).stream()
                    .map(r -> new Line(r.text(), r.source())).toList(), lines -> {
                PrintWriter out = spec.commandLine().getOut();
                lines.forEach(l -> out.println(l.text() + "    (" + l.source() + ")"));
                out.println("then: deny");
                return 0;
            });
        }
    }

    /** The answer of {@code acl test}. */
    record Verdict(boolean allowed, String explain) {}

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Say whether USER may publish or subscribe to TOPIC, and which rule decides.")
    static final class Test implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin DataDirOptions where = new DataDirOptions();
        @Parameters(index = "0", paramLabel = "USER", description = "The user name; '-' for an anonymous client.") String user;
        @Parameters(index = "1", paramLabel = "TOPIC", description = "A topic (pub) or a topic filter (sub).") String topic;
        @Parameters(index = "2", paramLabel = "pub|sub") String action;
        @Option(names = "--client-id", paramLabel = "ID", description = "The client id (default: the user name).") @Nullable String clientId;
        @Option(names = "--group", paramLabel = "NAME", description = "A group the user belongs to, besides those stored for USER; repeatable.") List<String> groups = List.of();
        @Option(names = "--cert-cn", paramLabel = "CN", description = "The client certificate's common name.") @Nullable String certCn;
        @Option(names = "--admin", description = "The user is an administrator (stored administrators are).") boolean admin;
        @Option(names = "--qos", paramLabel = "N", description = "QoS of the PUBLISH (default 0).") int qos;
        @Option(names = "--retain", description = "The PUBLISH is retained.") boolean retain;

        /** The question, with a subscription's filter checked and unwrapped ($share/group/…) as SUBSCRIBE handling does. */
        AclQuery query() {
            Action a = AclRule.parseWord(Action.class, action);
            String t = a == Action.SUBSCRIBE ? TopicFilter.parse(topic).filter() : topic;
            return new AclQuery(user.equals("-") ? null : user, t, a, clientId, groups, certCn, admin, qos, retain);
        }

        @Override
        public Integer call() {
            return run(spec, where, live -> {
                JsonNode answer = live.call(query().into(live.request("acl.test")));
                return new Verdict(answer.path("allowed").asBoolean(), answer.path("explain").asText());
            }, config -> {
                AuthorizationConfig authz = config.authorization();
                Authorizer authorizer = new Authorizer(authz.rules(), new AclStore(config.dataDir()).load(), authz.sysAdminOnly(),
                        authz.cacheSize(), authz.disconnectOnDeniedPublish());
                AclQuery q = query();
                Decision d = q.withStored(StoredCredential.find(config, q.user())).decide(authorizer);
                return new Verdict(d.allowed(), d.explain());
            }, v -> {
                spec.commandLine().getOut().println(v.explain());
                return v.allowed() ? 0 : 1;
            });
        }
    }
}
