package io.bastionmq.jmh;

import io.bastionmq.security.Identity;
import io.bastionmq.security.authz.AclRule;
import io.bastionmq.security.authz.AclRule.Action;
import io.bastionmq.security.authz.AclRule.Permission;
import io.bastionmq.security.authz.AclRule.Subject;
import io.bastionmq.security.authz.Authorizer;
import io.bastionmq.security.authz.ClientAcl;
import io.bastionmq.security.authz.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The authorization engine ({@link Authorizer}, {@link ClientAcl}) with the rule set of an IoT
 * fleet, {@link #rules} rules in all (100,000 is the figure of the "Performance" issue; 1,000 is
 * there to show whether the cost grows with the rule count):
 * <ul>
 *   <li>configuration rules (6, subject {@code all}/{@code admins}/{@code anonymous}): administrators
 *       everything, a deny of {@code devices/+/secrets/#}, a deny of publishing to {@code broadcast/#},
 *       {@code clients/${clientid}/#}, subscribing to {@code broadcast/#}, anonymous reading {@code public/#};
 *   <li>group rules: 10 sites × 50 rules ({@code sites/S/zone-Z/+/status} subscribe, {@code sites/S/zone-Z/alarms}
 *       publish with {@code max_qos 1});
 *   <li>per-device rules, two per device user {@code devN} (49,747 devices at 100k rules): publish
 *       {@code devices/${username}/telemetry/#} with {@code max_qos 1}, subscribe {@code devices/devN/commands/#}.
 * </ul>
 * Each device belongs to one site group, so a device's applicable rules are 4 (the admin and anonymous
 * rules do not apply) + 50 + 2 = 56 whatever the total. 128 devices take turns (one {@link ClientAcl} each, made once, as a connection keeps its own).
 *
 * <p>One operation is one authorization decision of one device:
 * <ul>
 *   <li>{@code publish*}: {@link ClientAcl#publish} of its own telemetry topic at QoS 1 (allowed by its
 *       placeholder rule, after the group rules);
 *   <li>{@code publishDenied*}: the same for another device's topic (denied by default, after every applicable rule);
 *   <li>{@code subscribe*}: {@link ClientAcl#subscribe} of the wildcard filter {@code sites/S/zone-24/+/status}
 *       (allowed by the last subscribe rule of its site group, by filter containment);
 *   <li>{@code *Cached}: with the per-client decision cache (default size 1024), so after the first
 *       call a cache hit; {@code *Uncached}: the cache sized 0, so every call evaluates the rules;
 *   <li>{@code firstDecision}: {@link Authorizer#forClient} plus one publish decision, what a new
 *       connection pays once (collects and resolves its applicable rules).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AclBenchmark {
    static final int CLIENTS = 128;
    static final int SITES = 10;
    static final int RULES_PER_SITE = 50;

    @Param({"1000", "100000"})
    public int rules;

    private final ClientAcl[] cached = new ClientAcl[CLIENTS];
    private final ClientAcl[] uncached = new ClientAcl[CLIENTS];
    private final Identity[] identities = new Identity[CLIENTS];
    private final String[] ownTopics = new String[CLIENTS];
    private final String[] otherTopics = new String[CLIENTS];
    private final String[] siteFilters = new String[CLIENTS];
    private Authorizer cachingAuthorizer;

    @Setup(Level.Trial)
    public void setUp() {
        List<AclRule> config = List.of(
                AclRule.of(Permission.ALLOW, Action.ALL, Subject.ADMINS, "", "#", "config"),
                AclRule.of(Permission.DENY, Action.ALL, Subject.ALL, "", "devices/+/secrets/#", "config"),
                AclRule.of(Permission.DENY, Action.PUBLISH, Subject.ALL, "", "broadcast/#", "config"),
                AclRule.of(Permission.ALLOW, Action.ALL, Subject.ALL, "", "clients/${clientid}/#", "config"),
                AclRule.of(Permission.ALLOW, Action.SUBSCRIBE, Subject.ALL, "", "broadcast/#", "config"),
                AclRule.of(Permission.ALLOW, Action.SUBSCRIBE, Subject.ANONYMOUS, "", "public/#", "config"));
        List<AclRule> store = new ArrayList<>();
        for (int s = 0; s < SITES; s++) {
            for (int z = 0; z < RULES_PER_SITE / 2; z++) {
                store.add(AclRule.of(Permission.ALLOW, Action.SUBSCRIBE, Subject.GROUP, "site-" + s,
                        "sites/" + s + "/zone-" + z + "/+/status", "store"));
                store.add(new AclRule(Permission.ALLOW, Action.PUBLISH, Subject.GROUP, "site-" + s,
                        "sites/" + s + "/zone-" + z + "/alarms", 1, true, "store"));
            }
        }
        int devices = (rules - config.size() - store.size()) / 2;
        for (int d = 0; store.size() + config.size() < rules; d++) {
            store.add(new AclRule(Permission.ALLOW, Action.PUBLISH, Subject.USER, "dev" + d,
                    "devices/${username}/telemetry/#", 1, true, "store"));
            store.add(AclRule.of(Permission.ALLOW, Action.SUBSCRIBE, Subject.USER, "dev" + d,
                    "devices/dev" + d + "/commands/#", "store"));
        }
        cachingAuthorizer = new Authorizer(config, store, true, 1024, false);
        Authorizer noCache = new Authorizer(config, store, true, 0, false);
        if (cachingAuthorizer.ruleCount() != rules) {
            throw new IllegalStateException("expected " + rules + " rules, have " + cachingAuthorizer.ruleCount());
        }
        for (int i = 0; i < CLIENTS; i++) {
            int d = i * (devices / CLIENTS);
            int site = d % SITES;
            identities[i] = new Identity("dev" + d + "-client", "dev" + d, Set.of("site-" + site), false, null, null);
            cached[i] = cachingAuthorizer.forClient(identities[i]);
            uncached[i] = noCache.forClient(identities[i]);
            ownTopics[i] = "devices/dev" + d + "/telemetry/temperature";
            otherTopics[i] = "devices/dev" + (d + 1) + "/telemetry/temperature";
            siteFilters[i] = "sites/" + site + "/zone-" + (RULES_PER_SITE / 2 - 1) + "/+/status";
            expect(cached[i].publish(ownTopics[i], 1, false), true);
            expect(uncached[i].publish(otherTopics[i], 1, false), false);
            expect(uncached[i].subscribe(siteFilters[i]), true);
            expect(uncached[i].subscribe("devices/+/secrets/#"), false);
        }
    }

    private static void expect(Decision d, boolean allowed) {
        if (d.allowed() != allowed) {
            throw new IllegalStateException("benchmark rules broken: " + d.explain());
        }
    }

    /** Per-thread turn among the devices. */
    @State(Scope.Thread)
    public static class Turn {
        int next;

        int client() {
            return next++ & (CLIENTS - 1);
        }
    }

    @Benchmark
    public Decision publishCached(Turn turn) {
        int i = turn.client();
        return cached[i].publish(ownTopics[i], 1, false);
    }

    @Benchmark
    public Decision publishUncached(Turn turn) {
        int i = turn.client();
        return uncached[i].publish(ownTopics[i], 1, false);
    }

    @Benchmark
    public Decision publishDeniedUncached(Turn turn) {
        int i = turn.client();
        return uncached[i].publish(otherTopics[i], 1, false);
    }

    @Benchmark
    public Decision subscribeCached(Turn turn) {
        int i = turn.client();
        return cached[i].subscribe(siteFilters[i]);
    }

    @Benchmark
    public Decision subscribeUncached(Turn turn) {
        int i = turn.client();
        return uncached[i].subscribe(siteFilters[i]);
    }

    @Benchmark
    public Decision firstDecision(Turn turn) {
        int i = turn.client();
        return cachingAuthorizer.forClient(identities[i]).publish(ownTopics[i], 1, false);
    }
}
