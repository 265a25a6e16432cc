package org.lwm2m4j.transport.dtls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import javax.crypto.SecretKey;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.auth.X509CertPath;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.DataStreamReader;
import org.eclipse.californium.elements.util.DatagramWriter;
import org.eclipse.californium.elements.util.SerializationUtil;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.DtlsClusterConnector;
import org.eclipse.californium.scandium.config.DtlsClusterConnectorConfig;
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
    return create(address, settings, config, Optional.empty());
  }

  /**
   * As {@link #create(InetSocketAddress, DtlsSettings, Configuration)}; with {@code sharedExecutor},
   * the connector does its record and handshake work and its timers (retransmitted flights) there
   * and starts one thread of its own, the receiver blocking on its socket. The executor is never
   * shut down by the connector.
   */
  public static DTLSConnector create(InetSocketAddress address, DtlsSettings settings, Configuration config,
      Optional<ScheduledExecutorService> sharedExecutor) {
    DtlsConnectorConfig.Builder builder = new DtlsConnectorConfig.Builder(config).setAddress(address)
        // the socket buffers the plain endpoints ask for: a handshake burst overflows the kernel's default
        .set(DtlsConfig.DTLS_RECEIVE_BUFFER_SIZE, config.get(UdpConfig.UDP_RECEIVE_BUFFER_SIZE))
        .set(DtlsConfig.DTLS_SEND_BUFFER_SIZE, config.get(UdpConfig.UDP_SEND_BUFFER_SIZE));
    List<CipherSuite> suites = new ArrayList<>();
    if (settings.hasPsk()) {
      suites.add(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
      if (settings.acceptCbc()) {
        suites.add(CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA256);
      }
      if (settings.pskIdentity().isPresent()) {
        builder.setAdvancedPskStore(new AdvancedSinglePskStore(settings.pskIdentity().get(), settings.pskKey().orElseThrow()));
      } else {
        // set below, with the failure log that learns which identities it did not know
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
    if (sharedExecutor.isPresent()) {
      builder.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
    }
    // with a node id, Scandium issues Connection IDs that start with it (MultiNodeConnectionIdGenerator),
    // which is what the cluster connector reads to find the node holding a session
    settings.cluster().ifPresent(cluster -> builder.set(DtlsConfig.DTLS_CONNECTION_ID_NODE_ID, cluster.nodeNumber()));
    // a session another node made can be resumed here, which keeps the device's security context
    settings.cluster().flatMap(DtlsClusterSettings::sessions).ifPresent(cache -> builder.setSessionStore(new SharedSessionStore(cache)));
    HandshakeFailureLog failures = new HandshakeFailureLog(settings.pskIdentity());
    if (settings.hasPsk() && settings.pskIdentity().isEmpty()) {
      builder.setAdvancedPskStore(new LookupPskStore(settings.pskLookup().orElseThrow(), failures));
    }
    builder.setConnectionListener(failures.connectionListener());
    builder.setSessionListener(new org.eclipse.californium.scandium.dtls.SessionAdapter() {
      @Override
      public void handshakeCompleted(org.eclipse.californium.scandium.dtls.Handshaker handshaker) {
        settings.handshakeObservers().forEach(o -> o.finished(resumed(handshaker), Optional.empty()));
      }

      @Override
      public void handshakeFailed(org.eclipse.californium.scandium.dtls.Handshaker handshaker, Throwable error) {
        failures.handshakeFailed(handshaker, error);
        String reason = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        settings.handshakeObservers().forEach(o -> o.finished(resumed(handshaker), Optional.of(reason)));
      }

      @Override
      public void handshakeFlightRetransmitted(org.eclipse.californium.scandium.dtls.Handshaker handshaker, int flight) {
        failures.flightRetransmitted(handshaker, flight);
      }
    });
    DTLSConnector connector = settings.cluster().isPresent()
        ? clusterConnector(builder.build(), settings.cluster().get())
        : new DTLSConnector(builder.build());
    connector.setAlertHandler(failures.alertHandler());
    // a scheduled executor is also taken as the connector's timer, so no timer thread is started either
    sharedExecutor.ifPresent(connector::setExecutor);
    return connector;
  }

  /**
   * A cluster node's connector: records with another node's Connection ID go to that node over the
   * internal channel (a socket of its own), and what this node answers to records forwarded to it
   * goes back through the node that received them ("backward" messages), so that the device hears
   * from the address it sent to, as a load balancer's session requires.
   */
  private static DTLSConnector clusterConnector(DtlsConnectorConfig config, DtlsClusterSettings cluster) {
    DtlsClusterConnectorConfig.Builder internal = DtlsClusterConnectorConfig.builder().setAddress(cluster.internalAddress())
        .setBackwardMessage(true);
    DtlsClusterNodes nodes = cluster.nodes();
    DtlsClusterConnector.ClusterNodesProvider provider = new DtlsClusterConnector.ClusterNodesProvider() {
      @Override
      public InetSocketAddress getClusterNode(int nodeId) {
        return nodes.addressOf(nodeId).orElse(null);
      }

      @Override
      public boolean available(InetSocketAddress destinationConnector) {
        return nodes.isLive(destinationConnector);
      }
    };
    if (cluster.secret().isPresent()) {
      SecretKey key = SecretUtil.create(cluster.secret().get().getBytes(java.nio.charset.StandardCharsets.UTF_8), "PSK");
      try {
        internal.setSecure(CLUSTER_IDENTITY, key).setClusterMac(true);
      } finally {
        SecretUtil.destroy(key);
      }
      return new SecuredClusterConnector(config, internal.build(), provider);
    }
    return new DtlsClusterConnector(config, internal.build(), provider);
  }

  /** The PSK identity the nodes of a cluster present to each other on the internal channel. */
  private static final String CLUSTER_IDENTITY = "lwm2m4j-cluster";

  /** The bound address of {@code connector}'s internal cluster channel, if it is a cluster node's. */
  public static Optional<InetSocketAddress> clusterAddressOf(DTLSConnector connector) {
    return connector instanceof DtlsClusterConnector cluster ? Optional.of(cluster.getClusterInternalAddress()) : Optional.empty();
  }

  /**
   * Why a message could not be sent, when it is because the DTLS handshake failed: the reason in
   * words ("unknown PSK identity" …); empty for any other send error.
   */
  public static Optional<String> handshakeFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.californium.scandium.dtls.HandshakeException
          || t instanceof org.eclipse.californium.scandium.dtls.DtlsHandshakeTimeoutException) {
        return Optional.of(HandshakeFailureLog.reasonOf(t));
      }
    }
    return Optional.empty();
  }

  /** A resumption the peer refused becomes a full handshake inside the resuming handshaker: ask it, not its class. */
  private static boolean resumed(org.eclipse.californium.scandium.dtls.Handshaker handshaker) {
    return !handshaker.isFullHandshake();
  }

  /** The first bytes of a session file: "L4JD" and format version 1. */
  private static final int SESSION_FILE_MAGIC = 0x4c344a44;
  private static final int SESSION_FILE_VERSION = 1;

  /**
   * Writes the sessions of the stopped {@code connector} to {@code file} (replacing it), readable
   * by the owner only since it holds the sessions' master secrets. Scandium refuses to save while
   * the connector runs, so that no record changes a session's state after it was written.
   *
   * @return how many sessions were written
   * @throws IOException if the file cannot be written
   */
  public static int saveSessions(DTLSConnector connector, java.nio.file.Path file) throws IOException {
    java.nio.file.Path dir = file.toAbsolutePath().getParent();
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Path temp = java.nio.file.Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      ownerOnly(temp);
      int saved;
      try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(temp))) {
        java.io.DataOutputStream header = new java.io.DataOutputStream(out);
        header.writeInt(SESSION_FILE_MAGIC);
        header.writeInt(SESSION_FILE_VERSION);
        header.flush();
        // Scandium's timestamps count from this process's start: the mark lets the next process shift them
        DatagramWriter mark = new DatagramWriter(32);
        SerializationUtil.writeNanotimeSynchronizationMark(mark);
        mark.writeTo(out);
        // sessions quiet for any time are kept: a device may send once a day and still expect its session
        saved = connector.saveConnections(out, Long.MAX_VALUE);
      }
      java.nio.file.Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return saved;
    } finally {
      java.nio.file.Files.deleteIfExists(temp);
    }
  }

  /**
   * Takes up the sessions {@link #saveSessions} wrote to {@code file} into {@code connector} (before it
   * starts) and deletes the file, whether or not it could be read: the secrets must not outlive
   * their one use, and a half-read file is worthless. Nothing happens when there is no file.
   *
   * @return how many sessions were loaded
   * @throws IOException if the file exists but cannot be read as a session file
   */
  public static int loadSessions(DTLSConnector connector, java.nio.file.Path file) throws IOException {
    if (!java.nio.file.Files.exists(file)) {
      return 0;
    }
    try (java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file))) {
      java.io.DataInputStream header = new java.io.DataInputStream(in);
      if (header.readInt() != SESSION_FILE_MAGIC || header.readInt() != SESSION_FILE_VERSION) {
        throw new IOException(file + " is not a DTLS session file of this version");
      }
      try {
        long delta = SerializationUtil.readNanotimeSynchronizationMark(new DataStreamReader(in));
        return connector.loadConnections(in, delta);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " is damaged: " + e.getMessage(), e);
      }
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  private static void ownerOnly(java.nio.file.Path file) throws IOException {
    try {
      java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: fall back to what java.io offers
      java.io.File plain = file.toFile();
      if (!(plain.setReadable(false, false) && plain.setReadable(true, true) && plain.setWritable(false, false)
          && plain.setWritable(true, true))) {
        throw new IOException("cannot restrict the permissions of " + file, e);
      }
    }
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
    private final HandshakeFailureLog failures;

    LookupPskStore(PskKeyLookup lookup, HandshakeFailureLog failures) {
      this.lookup = lookup;
      this.failures = failures;
    }

    @Override
    public boolean hasEcdhePskSupported() {
      return false;
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName, PskPublicInformation identity,
        String hmacAlgorithm, SecretKey otherSecret, byte[] seed, boolean useExtendedMasterSecret) {
      Optional<byte[]> key = lookup.keyFor(identity.getPublicInfoAsString());
      if (key.isEmpty()) {
        failures.unknownIdentity(identity.getPublicInfoAsString());
      }
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
