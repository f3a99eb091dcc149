package io.bastionmq.transport.tls;

import io.bastionmq.config.BrokerConfig;
import io.bastionmq.config.ListenerConfig;
import io.bastionmq.config.TlsConfig;
import io.bastionmq.security.ca.CertificateAuthority;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every TLS listener's {@link ServerTls}, built before anything binds, so a missing or broken
 * file stops the start with its name. Listeners with {@code builtin_ca} get the CA in
 * {@code <data_dir>/ca/} (created on first start) and a server certificate naming their bind
 * addresses (for a wildcard bind: this host's name and interface addresses, {@link LocalNames}). Polls the files of every listener every {@link #RELOAD_INTERVAL}.
 */
public final class TlsListeners implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TlsListeners.class);
    /** How often certificate, key, CA and CRL files are checked for changes. */
    public static final Duration RELOAD_INTERVAL = Duration.ofSeconds(2);
    /** The directory of the built-in CA, under {@code data_dir}. */
    public static final String CA_DIRECTORY = "ca";

    private final Map<String, ServerTls> byListener;
    private @Nullable ScheduledFuture<?> polling;

    private TlsListeners(Map<String, ServerTls> byListener) {
        this.byListener = byListener;
    }

    public static TlsListeners create(BrokerConfig config, Clock clock) {
        Map<String, ServerTls> byListener = new HashMap<>();
        @Nullable CertificateAuthority ca = null;
        List<String> builtinBinds = new ArrayList<>();
        for (ListenerConfig l : config.listeners()) {
            if (l.tls() != null && l.tls().builtinCa()) builtinBinds.add(l.bind());
        }
        var builtinHosts = LocalNames.expand(builtinBinds);
        if (!builtinBinds.isEmpty()) {
            var dir = config.dataDir().resolve(CA_DIRECTORY);
            boolean existed = new io.bastionmq.security.ca.CaFiles(dir).exists();
            ca = CertificateAuthority.openOrCreate(dir, clock);
            if (!existed) {
                log.info("created the built-in certificate authority in {} ({})", dir, ca.certificate().getSubjectX500Principal().getName());
            }
            if (ca.ensureServerCertificate(builtinHosts)) {
                log.info("issued a server certificate {} for localhost, 127.0.0.1, ::1 and {}", ca.files().serverCert(), builtinHosts);
            }
        }
        for (ListenerConfig l : config.listeners()) {
            TlsConfig tls = l.tls();
            if (tls == null) continue;
            TlsFiles files = tls.builtinCa() && ca != null ? TlsFiles.builtin(ca.files(), tls) : TlsFiles.of(tls);
            try {
                byListener.put(l.name(), new ServerTls(l, files, clock, config.mqtt().connectTimeout()));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("listener '" + l.name() + "': " + e.getMessage(), e);
            }
        }
        return new TlsListeners(byListener);
    }

    /** The TLS stage of {@code listener}, or null for a plaintext listener. */
    public @Nullable ServerTls forListener(ListenerConfig listener) {
        return byListener.get(listener.name());
    }

    /** Starts watching the files on {@code timers}. */
    public void start(ScheduledExecutorService timers) {
        if (byListener.isEmpty()) return;
        long period = RELOAD_INTERVAL.toMillis();
        polling = timers.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Checks the files now instead of at the next poll: the admin endpoint calls it after a
     * revocation so the new CRL cuts live sessions at once. Runs on {@code timers}, the polling
     * thread, and waits up to {@code timeout}: the listeners' reload state has one owner.
     */
    public void checkNow(ScheduledExecutorService timers, Duration timeout) {
        if (byListener.isEmpty()) return;
        try {
            timers.submit(this::poll).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("TLS files not checked at once ({}); the next poll, within {}, will", e.toString(), RELOAD_INTERVAL);
        }
    }

    private void poll() {
        for (ServerTls t : byListener.values()) {
            try {
                t.poll();
            } catch (RuntimeException e) {
                log.error("TLS reload check failed", e); // keep polling: the next change must still be seen
            }
        }
    }

    @Override
    public void close() {
        ScheduledFuture<?> p = polling;
        if (p != null) p.cancel(false);
    }
}
