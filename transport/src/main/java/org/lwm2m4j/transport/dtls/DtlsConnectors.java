package org.lwm2m4j.transport.dtls;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.auth.X509CertPath;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * Builds Scandium DTLS connectors from {@link DtlsSettings} and reads peer identities back from
 * Californium's principals. The only place that knows Scandium's configuration.
 */
public final class DtlsConnectors {
  static {
    DtlsConfig.register();
  }

  private DtlsConnectors() {}

  /** A connector bound to {@code address} with {@code settings}, its CoAP {@code config} extended with DTLS entries. */
  public static DTLSConnector create(InetSocketAddress address, DtlsSettings settings, Configuration config) {
    DtlsConnectorConfig.Builder builder = new DtlsConnectorConfig.Builder(config).setAddress(address);
    List<CipherSuite> suites = new ArrayList<>();
    if (settings.hasPsk()) {
      suites.add(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
      if (settings.acceptCbc()) {
        suites.add(CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA256);
      }
      if (settings.pskIdentity().isPresent()) {
        builder.setAdvancedPskStore(new AdvancedSinglePskStore(settings.pskIdentity().get(), settings.pskKey().orElseThrow()));
      } else {
        builder.setAdvancedPskStore(new LookupPskStore(settings.pskLookup().orElseThrow()));
      }
    }
    if (settings.hasKeyPair()) {
      suites.add(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
      if (settings.acceptCbc()) {
        suites.add(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256);
      }
      if (settings.certificateChain().isEmpty()) {
        builder.setCertificateIdentityProvider(new SingleCertificateProvider(settings.privateKey().get(), settings.publicKey().get()));
      } else {
        builder.setCertificateIdentityProvider(new SingleCertificateProvider(settings.privateKey().get(),
            settings.certificateChain().toArray(new Certificate[0]), CertificateType.X_509, CertificateType.RAW_PUBLIC_KEY));
      }
    }
    StaticNewAdvancedCertificateVerifier.Builder verifier = StaticNewAdvancedCertificateVerifier.builder();
    boolean verifies = false;
    if (settings.trustAnyKey()) {
      verifier.setTrustAllRPKs();
      verifies = true;
    } else if (!settings.trustedKeys().isEmpty()) {
      verifier.setTrustedRPKs(settings.trustedKeys().stream().map(RawPublicKeyIdentity::new).toArray(RawPublicKeyIdentity[]::new));
      verifies = true;
    }
    if (!settings.trustedCertificates().isEmpty()) {
      verifier.setTrustedCertificates(settings.trustedCertificates().toArray(new Certificate[0]));
      verifies = true;
    }
    if (verifies) {
      builder.setAdvancedCertificateVerifier(verifier.build());
      if (!settings.hasKeyPair()) {
        suites.add(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
      }
    }
    builder.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, suites.toArray(new CipherSuite[0]));
    builder.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, !settings.acceptCbc());
    builder.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED);
    builder.set(DtlsConfig.DTLS_VERIFY_SERVER_CERTIFICATES_SUBJECT, settings.verifyServerSubject());
    settings.connectionIdLength().ifPresent(length -> builder.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, length));
    if (!settings.handshakeObservers().isEmpty()) {
      builder.setSessionListener(new org.eclipse.californium.scandium.dtls.SessionAdapter() {
        @Override
        public void handshakeCompleted(org.eclipse.californium.scandium.dtls.Handshaker handshaker) {
          settings.handshakeObservers().forEach(o -> o.finished(resumed(handshaker), Optional.empty()));
        }

        @Override
        public void handshakeFailed(org.eclipse.californium.scandium.dtls.Handshaker handshaker, Throwable error) {
          String reason = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
          settings.handshakeObservers().forEach(o -> o.finished(resumed(handshaker), Optional.of(reason)));
        }
      });
    }
    return new DTLSConnector(builder.build());
  }

  private static boolean resumed(org.eclipse.californium.scandium.dtls.Handshaker handshaker) {
    return handshaker instanceof org.eclipse.californium.scandium.dtls.ResumingServerHandshaker
        || handshaker instanceof org.eclipse.californium.scandium.dtls.ResumingClientHandshaker;
  }

  /** Our identity of the principal Californium authenticated, if any. */
  public static Optional<PeerIdentity> identityOf(Principal principal) {
    if (principal instanceof PreSharedKeyIdentity psk) {
      return Optional.of(new PskIdentity(psk.getIdentity()));
    }
    if (principal instanceof RawPublicKeyIdentity rpk) {
      return Optional.of(new RpkIdentity(rpk.getKey()));
    }
    if (principal instanceof X509CertPath path && path.getTarget() != null) {
      return Optional.of(new X509Identity(path.getTarget()));
    }
    return Optional.empty();
  }

  /** A PSK store that asks our lookup for each identity, so keys can change while the server runs. */
  private static final class LookupPskStore implements AdvancedPskStore {
    private final PskKeyLookup lookup;

    LookupPskStore(PskKeyLookup lookup) {
      this.lookup = lookup;
    }

    @Override
    public boolean hasEcdhePskSupported() {
      return false;
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName, PskPublicInformation identity,
        String hmacAlgorithm, SecretKey otherSecret, byte[] seed, boolean useExtendedMasterSecret) {
      Optional<byte[]> key = lookup.keyFor(identity.getPublicInfoAsString());
      SecretKey secret = key.map(bytes -> SecretUtil.create(bytes, "PSK")).orElse(null);
      return new PskSecretResult(cid, identity, secret);
    }

    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
      return null;
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
      // answers are synchronous
    }
  }
}
