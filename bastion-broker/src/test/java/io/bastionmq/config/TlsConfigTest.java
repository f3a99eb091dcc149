package io.bastionmq.config;

import io.bastionmq.config.TlsConfig.ClientAuth;
import io.bastionmq.config.TlsConfig.UsernameFrom;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.bastionmq.config.ConfigFiles.failure;
import static io.bastionmq.config.ConfigFiles.load;
import static org.assertj.core.api.Assertions.assertThat;

/** THREATS.md C7, C8, C9: the tls block of a listener, its strict defaults, and what it can never enable. */
class TlsConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsAFullTlsBlockWithPathsRelativeToTheFile() {
        BrokerConfig c = load(dir, """
                listeners:
                  - name: mtls
                    bind: 0.0.0.0
                    port: 8883
                    tls:
                      cert_file: tls/server.pem
                      key_file: /etc/bastion/server-key.pem
                      ca_file: tls/ca.pem
                      crl_file: tls/crl.pem
                      client_auth: required
                      protocols: [TLSv1.3]
                      cipher_suites: [TLS_AES_256_GCM_SHA384]
                      identity:
                        username_from: san_dns
                        require_client_id_match: true
                """);
        ListenerConfig l = c.listeners().get(0);
        TlsConfig tls = l.tls();
        assertThat(tls).isNotNull();
        assertThat(tls.certFile()).isEqualTo(dir.resolve("tls/server.pem"));
        assertThat(tls.keyFile()).isEqualTo(Path.of("/etc/bastion/server-key.pem"));
        assertThat(tls.caFile()).isEqualTo(dir.resolve("tls/ca.pem"));
        assertThat(tls.crlFile()).isEqualTo(dir.resolve("tls/crl.pem"));
        assertThat(tls.clientAuth()).isEqualTo(ClientAuth.REQUIRED);
        assertThat(tls.profile()).isEqualTo(new TlsProfile(List.of("TLSv1.3"), List.of("TLS_AES_256_GCM_SHA384")));
        assertThat(tls.identity()).isEqualTo(new TlsConfig.Identity(UsernameFrom.SAN_DNS, true));
        assertThat(l.uri()).isEqualTo("mqtts://0.0.0.0:8883");
    }

    @Test
    void aTlsListenerOnTheNetworkNeedsNoAllowPlaintextAndIsNotWarnedAbout() {
        BrokerConfig c = load(dir, "listeners:\n  - {bind: 0.0.0.0, port: 8883, tls: {builtin_ca: true}}\n");
        assertThat(c.listeners().get(0).isTls()).isTrue();
        assertThat(c.startupWarnings()).noneMatch(w -> w.contains("plaintext"));
    }

    @Test
    void defaultsAreStrictNoClientCertificateAndNoMapping() {
        TlsConfig tls = load(dir, "listeners:\n  - {port: 8883, tls: {builtin_ca: true}}\n").listeners().get(0).tls();
        assertThat(tls.profile()).isEqualTo(TlsProfile.STRICT);
        assertThat(tls.profile().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(tls.profile().cipherSuites()).allMatch(s -> s.contains("GCM") || s.contains("CHACHA20"));
        assertThat(tls.clientAuth()).isEqualTo(ClientAuth.NONE);
        assertThat(tls.identity()).isEqualTo(TlsConfig.Identity.NONE);
    }

    @Test
    void websocketListenersGetWss() {
        BrokerConfig c = load(dir, "listeners:\n  - {transport: websocket, port: 8084, tls: {builtin_ca: true}}\n");
        assertThat(c.listeners().get(0).uri()).isEqualTo("wss://127.0.0.1:8084/mqtt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.1", "TLSv1", "TLSv1.0", "SSLv3"})
    void obsoleteProtocolsCanNeverBeEnabled(String protocol) {
        ConfigException e = failure(dir, "listeners:\n  - {port: 8883, tls: {builtin_ca: true, protocols: [TLSv1.2, " + protocol + "]}}\n",
                "listeners[0].tls.protocols");
        assertThat(e.problem()).contains(protocol, "obsolete");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "AES128-SHA", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"})
    void weakOrNonForwardSecretSuitesCanNeverBeEnabled(String suite) {
        ConfigException e = failure(dir, "listeners:\n  - {port: 8883, tls: {builtin_ca: true, cipher_suites: [TLS_AES_128_GCM_SHA256, "
                + suite + "]}}\n", "listeners[0].tls.cipher_suites");
        assertThat(e.problem()).contains(suite);
        assertThat(e.hint()).contains("AEAD");
    }

    @Test
    void aProtocolWithoutOneOfItsSuitesIsRefused() {
        ConfigException e = failure(dir, "listeners:\n  - {port: 8883, tls: {builtin_ca: true, cipher_suites: [TLS_AES_128_GCM_SHA256]}}\n",
                "listeners[0].tls.cipher_suites");
        assertThat(e.problem()).contains("TLSv1.2");
    }

    @Test
    void builtinCaExcludesOwnFiles() {
        ConfigException e = failure(dir, "listeners:\n  - {port: 8883, tls: {builtin_ca: true, cert_file: s.pem}}\n",
                "listeners[0].tls.cert_file");
        assertThat(e.problem()).contains("builtin_ca");
    }

    @Test
    void ownFilesNeedCertificateAndKey() {
        ConfigException e = failure(dir, "listeners:\n  - {port: 8883, tls: {cert_file: s.pem}}\n", "listeners[0].tls.key_file");
        assertThat(e.hint()).contains("builtin_ca");
    }

    @Test
    void clientCertificatesNeedTrustAnchors() {
        ConfigException e = failure(dir, "listeners:\n  - {port: 8883, tls: {cert_file: s.pem, key_file: k.pem, client_auth: required}}\n",
                "listeners[0].tls.ca_file");
        assertThat(e.problem()).contains("client_auth: required");
    }

    @Test
    void identityMappingNeedsClientCertificates() {
        ConfigException e = failure(dir, "listeners:\n  - {port: 8883, tls: {builtin_ca: true, identity: {username_from: cn}}}\n",
                "listeners[0].tls.identity");
        assertThat(e.hint()).contains("client_auth");
    }

    @Test
    void allowPlaintextOnATlsListenerIsAContradiction() {
        ConfigException e = failure(dir, "listeners:\n  - {port: 8883, allow_plaintext: true, tls: {builtin_ca: true}}\n",
                "listeners[0].allow_plaintext");
        assertThat(e.problem()).contains("without tls");
    }

    @Test
    void unknownTlsKeysGetASuggestion() {
        ConfigException e = failure(dir, "listeners:\n  - {port: 8883, tls: {builtin_ca: true, client_uath: required}}\n",
                "listeners[0].tls.client_uath");
        assertThat(e.hint()).contains("client_auth");
    }

    @Test
    void anonymousAccessStaysLoopbackOnlyOnTlsListenersToo() {
        ConfigException e = failure(dir, "listeners:\n  - {bind: 0.0.0.0, port: 8883, allow_anonymous: true, tls: {builtin_ca: true}}\n",
                "listeners[0].allow_anonymous");
        assertThat(e.problem()).contains("non-loopback");
    }
}
