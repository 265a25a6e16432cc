package org.lwm2m4j.server.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.transport.dtls.DtlsSettings;

/**
 * What a server (LwM2M or Bootstrap) presents and trusts in DTLS handshakes: optionally a raw key
 * pair or a certificate chain, and the trust anchors for X.509 clients. PSK clients are found in a
 * {@link SecurityStore}; raw public keys are accepted in the handshake and checked against the
 * store by the {@link RegistrationAuthorizer}.
 */
public record ServerDtlsIdentity(Optional<PrivateKey> privateKey, Optional<PublicKey> publicKey,
    List<X509Certificate> certificateChain, List<X509Certificate> trustedCertificates) {

  /** PSK only. */
  public static final ServerDtlsIdentity PSK_ONLY = new ServerDtlsIdentity(Optional.empty(), Optional.empty(), List.of(), List.of());

  public ServerDtlsIdentity {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(publicKey, "publicKey");
    certificateChain = List.copyOf(certificateChain);
    trustedCertificates = List.copyOf(trustedCertificates);
    if (privateKey.isPresent() != publicKey.isPresent()) {
      throw new IllegalArgumentException("a private key goes with its public key");
    }
  }

  public static ServerDtlsIdentity rawPublicKey(PrivateKey privateKey, PublicKey publicKey) {
    return new ServerDtlsIdentity(Optional.of(privateKey), Optional.of(publicKey), List.of(), List.of());
  }

  public static ServerDtlsIdentity certificate(PrivateKey privateKey, List<X509Certificate> chain) {
    return new ServerDtlsIdentity(Optional.of(privateKey), Optional.of(chain.get(0).getPublicKey()), chain, List.of());
  }

  public ServerDtlsIdentity trusting(List<X509Certificate> anchors) {
    return new ServerDtlsIdentity(privateKey, publicKey, certificateChain, anchors);
  }

  /** What the REST API shows of it. */
  public ServerCredentials credentials() {
    if (!certificateChain.isEmpty()) {
      return ServerCredentials.ofCertificateChain(certificateChain);
    }
    return publicKey.map(ServerCredentials::ofPublicKey).orElse(ServerCredentials.none());
  }

  /** The DTLS settings of a server endpoint: PSK from {@code store}, this identity, CID length 6, CBC suites accepted. */
  public DtlsSettings settings(SecurityStore store) {
    return settings(store, (resumed, failure) -> { });
  }

  /** As {@link #settings(SecurityStore)}, telling {@code handshakes} about each handshake. */
  public DtlsSettings settings(SecurityStore store, org.lwm2m4j.transport.dtls.HandshakeObserver handshakes) {
    return settings(store, handshakes, java.util.Optional.empty());
  }

  /**
   * As {@link #settings(SecurityStore, org.lwm2m4j.transport.dtls.HandshakeObserver)}, keeping the
   * sessions in {@code sessionFile} across a clean restart when present.
   */
  public DtlsSettings settings(SecurityStore store, org.lwm2m4j.transport.dtls.HandshakeObserver handshakes,
      java.util.Optional<java.nio.file.Path> sessionFile) {
    return settings(store, handshakes, sessionFile, java.util.Optional.empty());
  }

  /**
   * As {@link #settings(SecurityStore, org.lwm2m4j.transport.dtls.HandshakeObserver, java.util.Optional)},
   * making the endpoint one node of {@code cluster} when present.
   */
  public DtlsSettings settings(SecurityStore store, org.lwm2m4j.transport.dtls.HandshakeObserver handshakes,
      java.util.Optional<java.nio.file.Path> sessionFile, java.util.Optional<org.lwm2m4j.transport.dtls.DtlsClusterSettings> cluster) {
    DtlsSettings.Builder dtls = DtlsSettings.builder()
        .handshakeObserver(handshakes)
        .pskLookup(identity -> store.byPskIdentity(identity).map(PskSecurity::key))
        .connectionIdLength(6)
        .acceptCbc(true);
    if (privateKey.isPresent()) {
      if (certificateChain.isEmpty()) {
        dtls.rawPublicKey(privateKey.get(), publicKey.get());
      } else {
        dtls.certificate(privateKey.get(), certificateChain);
      }
      dtls.trustAnyKey();
    }
    if (!trustedCertificates.isEmpty()) {
      dtls.trustCertificates(trustedCertificates);
    }
    sessionFile.ifPresent(dtls::sessionFile);
    cluster.ifPresent(dtls::cluster);
    return dtls.build();
  }
}
