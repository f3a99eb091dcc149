package io.bastionmq.cli;

import io.bastionmq.config.AuditConfig;
import io.bastionmq.config.AuthorizationConfig;
import io.bastionmq.config.BrokerConfig;
import io.bastionmq.config.ConfigException;
import io.bastionmq.config.ConfigLoader;
import io.bastionmq.security.Identity;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.authz.AclRule;
import io.bastionmq.security.authz.AclRule.Action;
import io.bastionmq.security.authz.AclRule.Permission;
import io.bastionmq.security.authz.AclRule.Subject;
import io.bastionmq.security.authz.AclStore;
import io.bastionmq.security.authz.Authorizer;
import io.bastionmq.security.authz.ClientAcl;
import io.bastionmq.security.authz.Decision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bastion acl add|list|remove|test}: the per-user and per-group rules of the rule store
 * ({@code <data_dir>/acl/rules.json}, see {@link AclStore}); a running broker picks changes up
 * within a second. {@code test} says which rule decides a request and where that rule comes from,
 * evaluating the configuration's rules ({@code --config}, else the secure default) and the store's.
 */
@Command(name = "acl", mixinStandardHelpOptions = true,
        description = "Manage and test authorization rules (per user and per group).",
        subcommands = {AclCommand.Add.class, AclCommand.ListRules.class, AclCommand.Remove.class, AclCommand.Test.class})
final class AclCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: add, list, remove or test");
    }

    /** {@code --data-dir}, or the {@code data_dir} and rules of {@code --config}. */
    static final class Where {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "The broker's data directory (default: data_dir of --config, else ./data).")
        @Nullable Path dataDir;

        @Option(names = "--config", paramLabel = "FILE", description = "The broker's configuration file.")
        @Nullable Path config;

        BrokerConfig brokerConfig() {
            BrokerConfig c = config != null ? ConfigLoader.load(config) : BrokerConfig.defaults(StartCommand.DATA_DIR_DEFAULT);
            return dataDir != null ? c.withDataDir(dataDir) : c;
        }
    }

    /** Exactly one subject. */
    static final class Who {
        @Option(names = "--user", paramLabel = "NAME", required = true, description = "The rule applies to this user.")
        @Nullable String user;

        @Option(names = "--group", paramLabel = "NAME", required = true, description = "The rule applies to this group.")
        @Nullable String group;
    }

    /** The words of a rule: {@code allow|deny pub|sub|all FILTER}, with options. */
    abstract static class RuleCommand implements Callable<Integer> {
        @Spec CommandSpec spec;
        @ArgGroup(exclusive = false) Where where = new Where();
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
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                BrokerConfig config = where.brokerConfig();
                int code = apply(new AclStore(config.dataDir()), rule(), out, err);
                AuditConfig a = config.audit();
                if (code == 0 && a.enabled()) {
                    try (AuditLog audit = AuditLog.open(a.fileIn(config.dataDir()), a.maxFileSize(), a.maxFiles(), 16, Clock.systemUTC())) {
                        audit.aclChanged(who.user, verb() + " '" + rule().text() + "' by cli");
                    }
                }
                return code;
            } catch (IllegalArgumentException | ConfigException e) {
                err.println(e.getMessage());
                return Main.EXIT_USAGE;
            } finally {
                out.flush();
                err.flush();
            }
        }

        abstract String verb();

        abstract int apply(AclStore store, AclRule rule, PrintWriter out, PrintWriter err);
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Append a rule for a user or a group.")
    static final class Add extends RuleCommand {
        @Override
        String verb() {
            return "added";
        }

        @Override
        int apply(AclStore store, AclRule rule, PrintWriter out, PrintWriter err) {
            store.add(rule);
            out.println("added: " + rule.text());
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove the rules equal to the one given.")
    static final class Remove extends RuleCommand {
        @Override
        String verb() {
            return "removed";
        }

        @Override
        int apply(AclStore store, AclRule rule, PrintWriter out, PrintWriter err) {
            int removed = store.remove(rule.text());
            if (removed == 0) {
                err.println("no such rule: " + rule.text());
                return 1;
            }
            out.println("removed: " + rule.text());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the configuration's rules and the store's, in evaluation order.")
    static final class ListRules implements Callable<Integer> {
        @Spec CommandSpec spec;
        @ArgGroup(exclusive = false) Where where = new Where();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            BrokerConfig config = where.brokerConfig();
            for (List<AclRule> rules : List.of(config.authorization().rules(), new AclStore(config.dataDir()).load())) {
                for (AclRule r : rules) {
                    out.println(r.text() + "    (" + r.source() + ")");
                }
            }
            out.println("then: deny");
            out.flush();
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Say whether USER may publish or subscribe to TOPIC, and which rule decides.")
    static final class Test implements Callable<Integer> {
        @Spec CommandSpec spec;
        @ArgGroup(exclusive = false) Where where = new Where();
        @Parameters(index = "0", paramLabel = "USER", description = "The user name; '-' for an anonymous client.") String user;
        @Parameters(index = "1", paramLabel = "TOPIC", description = "A topic (pub) or a topic filter (sub).") String topic;
        @Parameters(index = "2", paramLabel = "pub|sub") String action;
        @Option(names = "--client-id", paramLabel = "ID", description = "The client id (default: the user name).") @Nullable String clientId;
        @Option(names = "--group", paramLabel = "NAME", description = "A group the user belongs to; repeatable.") List<String> groups = List.of();
        @Option(names = "--cert-cn", paramLabel = "CN", description = "The client certificate's common name.") @Nullable String certCn;
        @Option(names = "--admin", description = "The user is an administrator.") boolean admin;
        @Option(names = "--qos", paramLabel = "N", description = "QoS of the PUBLISH (default 0).") int qos;
        @Option(names = "--retain", description = "The PUBLISH is retained.") boolean retain;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                BrokerConfig config = where.brokerConfig();
                AuthorizationConfig authz = config.authorization();
                Authorizer authorizer = new Authorizer(authz.rules(), new AclStore(config.dataDir()).load(), authz.sysAdminOnly(),
                        authz.cacheSize(), authz.disconnectOnDeniedPublish());
                String name = user.equals("-") ? null : user;
                String id = clientId != null ? clientId : name != null ? name : "anonymous";
                ClientAcl acl = authorizer.forClient(new Identity(id, name, Set.copyOf(groups), admin, certCn, null));
                Action a = AclRule.parseWord(Action.class, action);
                Decision d = switch (a) {
                    case PUBLISH -> acl.publish(topic, qos, retain);
                    case SUBSCRIBE -> acl.subscribe(io.bastionmq.routing.TopicFilter.parse(topic).filter());
                    case ALL -> throw new IllegalArgumentException("test one action: pub or sub");
                };
                out.println(d.explain());
                return d.allowed() ? 0 : 1;
            } catch (IllegalArgumentException | ConfigException e) {
                err.println(e.getMessage());
                return Main.EXIT_USAGE;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }
}
