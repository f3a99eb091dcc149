package io.bastionmq.security.authn;

import io.bastionmq.security.Identity;
import io.bastionmq.security.authn.scram.ScramMechanism;
import io.bastionmq.store.CredentialRecord;
import io.bastionmq.store.CredentialStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The authentication chain (THREATS.md C1, C4, C5). Runs the providers in order on a small
 * bounded pool, never on an event loop; the first that accepts or rejects decides. When every
 * provider passes: a client that presented no credentials is anonymous if its listener allows
 * that (C1: only then), and anything else is refused.
 *
 * <p>Choice: a client that sends credentials on an anonymous listener is still checked, and
 * refused if they are wrong, rather than silently admitted as anonymous: a device with a broken
 * password should find out, and an attacker learns nothing new from it.
 *
 * <p>Every failure answers with the same outcome ({@link Decision#badCredentials}), after the
 * brute-force delay, whatever was wrong.
 */
public final class Authenticator implements AutoCloseable {
    /** Pending authentications beyond this are refused as "server busy" rather than queued without bound. */
    static final int QUEUE_CAPACITY = 1024;

    private final List<AuthProvider> chain;
    private final CredentialStore store;
    private final BruteForceGuard guard;
    private final LiveConnections live;
    private final ThreadPoolExecutor workers;
    private final @Nullable ScramProvider scram;

    public Authenticator(List<AuthProvider> chain, CredentialStore store, BruteForceGuard guard, LiveConnections live,
                         int threads) {
        this.chain = List.copyOf(chain);
        this.store = store;
        this.guard = guard;
        this.live = live;
        this.scram = this.chain.stream().filter(ScramProvider.class::isInstance).map(ScramProvider.class::cast).findFirst().orElse(null);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
                    Thread t = new Thread(r, "bastion-authn-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** The standard chain for these providers' names, with a SCRAM secret drawn for this process. */
    public static List<AuthProvider> providers(List<String> names, CredentialStore store, PasswordHashes hashes,
                                               @Nullable JwtProvider jwt) {
        return providers(names, store, hashes, jwt, ScramSecret.load(java.nio.file.Path.of("."), false));
    }

    /** The standard chain for these providers' names; {@code scramSecret} comes from {@link ScramSecret#load}. */
    public static List<AuthProvider> providers(List<String> names, CredentialStore store, PasswordHashes hashes,
                                               @Nullable JwtProvider jwt, byte[] scramSecret) {
        return names.stream().map(name -> switch (name) {
            case "password" -> (AuthProvider) new PasswordProvider(store, hashes);
            case "jwt" -> java.util.Objects.requireNonNull(jwt, "jwt provider not configured");
            case ScramProvider.NAME -> new ScramProvider(store, scramSecret, hashes.parameters().scramIterations());
            default -> throw new IllegalArgumentException("unknown provider " + name);
        }).toList();
    }

    /** Whether {@link #enhanced} takes this Authentication Method. */
    public boolean offersMethod(String method) {
        return scram != null && ScramMechanism.fromSaslName(method) != null;
    }

    /**
     * Starts an MQTT 5 enhanced authentication exchange (MQTT5 4.12) for this Authentication
     * Method, or returns null when no provider offers the method (the CONNECT is then refused
     * with 0x8C). {@code requiredUser}, when set, is the only user name the exchange may prove:
     * the CONNECT's User Name, or at a re-authentication the connection's user.
     */
    public @Nullable EnhancedExchange enhanced(String method, AuthRequest request, @Nullable String requiredUser) {
        ScramMechanism mechanism = ScramMechanism.fromSaslName(method);
        if (scram == null || mechanism == null) {
            return null;
        }
        return new EnhancedExchange(scram.newServer(mechanism), request, requiredUser, guard, workers);
    }

    /**
     * The outcome of a CONNECT's authentication.
     *
     * @param identity     who the client is, or null when refused
     * @param refusal      null when accepted
     * @param delayMillis  how long to wait before sending a refusal (brute-force back-off)
     * @param why          for the log only: why refused, or which method accepted ({@code password}, {@code jwt},
     *                     {@code certificate}, {@code anonymous})
     */
    public record Decision(@Nullable Identity identity, @Nullable Refusal refusal, long delayMillis, String why) {
        static Decision accept(Identity identity, String method) {
            return new Decision(identity, null, 0, method);
        }
    }

    /** Why a CONNECT was refused; the connection layer maps it to a CONNACK code. */
    public enum Refusal {
        /** Wrong, unknown, disabled: one code for all (0x86 / 3.1.1 0x04), C4. */
        BAD_CREDENTIALS,
        /** Locked out after repeated failures; told to the client exactly as {@link #BAD_CREDENTIALS}, audited apart. */
        LOCKED_OUT,
        /** No credentials where anonymous access is off (0x87 / 3.1.1 0x05). */
        NOT_AUTHORIZED,
        /** Too many authentications pending (0x89 / 3.1.1 0x03). */
        SERVER_BUSY
    }

    /**
     * Decides on a CONNECT. Completes at once (on the calling thread) when no password has to be
     * checked: anonymous clients and verified client certificates; otherwise on a worker thread.
     */
    public CompletableFuture<Decision> authenticate(AuthRequest request, boolean allowAnonymous) {
        if (request.certificateUser() != null) {
            return CompletableFuture.completedFuture(certificate(request, request.certificateUser()));
        }
        if (!request.presentedCredentials()) {
            return CompletableFuture.completedFuture(allowAnonymous
                    ? Decision.accept(Identity.anonymous(request.clientId(), request.certCommonName()), "anonymous")
                    : new Decision(null, Refusal.NOT_AUTHORIZED, 0, "no credentials and anonymous access is off"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> runChain(request), workers);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new Decision(null, Refusal.SERVER_BUSY, 0, "authentication queue full"));
        }
    }

    /** Registers a live connection of an authenticated user; the runnable returned unregisters it. */
    public Runnable registerLive(String username, Runnable cutter) {
        return live.register(username, cutter);
    }

    public LiveConnections live() {
        return live;
    }

    private Decision runChain(AuthRequest request) {
        AuthResult result = AuthResult.PASS;
        String method = "";
        for (AuthProvider provider : chain) {
            result = provider.authenticate(request);
            if (!(result instanceof AuthResult.Pass)) {
                method = provider.name();
                break;
            }
        }
        // The lockout is checked after the providers ran, so a locked-out attempt costs the same time.
        boolean locked = guard.lockedOut(request.address(), request.username());
        if (result instanceof AuthResult.Accept accept && !locked) {
            guard.succeeded(request.address(), request.username());
            return Decision.accept(accept.identity(), method);
        }
        String why = locked ? "locked out after repeated failures"
                : result instanceof AuthResult.Reject reject ? reject.why() : "no provider accepted the credentials";
        long delay = guard.failed(request.address(), request.username());
        return new Decision(null, locked ? Refusal.LOCKED_OUT : Refusal.BAD_CREDENTIALS, delay, why);
    }

    /** A verified client certificate proves the user; a stored credential of that name may add groups or disable it. */
    private Decision certificate(AuthRequest request, String user) {
        Optional<CredentialRecord> stored = store.findCredential(user);
        if (stored.isPresent() && stored.get().disabled()) {
            return new Decision(null, Refusal.BAD_CREDENTIALS, 0, "credential '" + user + "' is disabled");
        }
        return Decision.accept(new Identity(request.clientId(), user,
                stored.map(CredentialRecord::groups).orElse(java.util.Set.of()),
                stored.map(CredentialRecord::admin).orElse(false), request.certCommonName(), null), "certificate");
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
