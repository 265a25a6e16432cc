package org.lwm2m4j.transport.dtls;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The DTLS 1.2 side of an endpoint, in our terms: the credentials it presents (a PSK identity and
 * key, a raw key pair, or a certificate chain and its key), how it finds the keys of PSK peers, whom
 * it trusts (raw public keys, certificates), and Connection ID (RFC 9146). Cipher suites follow from
 * the credentials: the ones LwM2M mandates (PSK and ECDHE-ECDSA with AES-128-CCM-8, and their
 * CBC-SHA256 variants). Immutable; build with {@link #builder()}.
 */
public final class DtlsSettings {
  private final Optional<PskKeyLookup> pskLookup;
  private final Optional<String> pskIdentity;
  private final Optional<byte[]> pskKey;
  private final Optional<PrivateKey> privateKey;
  private final Optional<PublicKey> publicKey;
  private final List<X509Certificate> certificateChain;
  private final List<PublicKey> trustedKeys;
  private final boolean trustAnyKey;
  private final List<X509Certificate> trustedCertificates;
  private final boolean verifyServerSubject;
  private final OptionalInt connectionIdLength;
  private final boolean acceptCbc;
  private final java.util.List<HandshakeObserver> handshakeObservers;
  private final Optional<java.nio.file.Path> sessionFile;
  private final boolean handshakeAfterTimeout;
  private final Optional<DtlsClusterSettings> cluster;

  private DtlsSettings(Builder b) {
    this.pskLookup = Optional.ofNullable(b.pskLookup);
    this.pskIdentity = Optional.ofNullable(b.pskIdentity);
    this.pskKey = Optional.ofNullable(b.pskKey).map(byte[]::clone);
    this.privateKey = Optional.ofNullable(b.privateKey);
    this.publicKey = Optional.ofNullable(b.publicKey);
    this.certificateChain = List.copyOf(b.certificateChain);
    this.trustedKeys = List.copyOf(b.trustedKeys);
    this.trustAnyKey = b.trustAnyKey;
    this.trustedCertificates = List.copyOf(b.trustedCertificates);
    this.verifyServerSubject = b.verifyServerSubject;
    this.cluster = Optional.ofNullable(b.cluster);
    if (cluster.isPresent() && b.connectionIdLength.isPresent()
        && b.connectionIdLength.getAsInt() < DtlsClusterSettings.MIN_CONNECTION_ID_LENGTH) {
      throw new IllegalArgumentException("a DTLS cluster node needs Connection IDs of at least "
          + DtlsClusterSettings.MIN_CONNECTION_ID_LENGTH + " bytes (its node number and a random part), got "
          + b.connectionIdLength.getAsInt());
    }
    if (cluster.flatMap(DtlsClusterSettings::secret).isPresent() && pskLookup.isEmpty() && pskIdentity.isEmpty()) {
      throw new IllegalArgumentException("a secured DTLS cluster channel uses the PSK cipher suites: the endpoint needs a PSK lookup");
    }
    this.connectionIdLength = cluster.isPresent() && b.connectionIdLength.isEmpty()
        ? OptionalInt.of(DtlsClusterSettings.DEFAULT_CONNECTION_ID_LENGTH) : b.connectionIdLength;
    this.acceptCbc = b.acceptCbc;
    this.handshakeObservers = List.copyOf(b.handshakeObservers);
    this.sessionFile = Optional.ofNullable(b.sessionFile);
    this.handshakeAfterTimeout = b.handshakeAfterTimeout;
    if (pskLookup.isEmpty() && pskIdentity.isEmpty() && privateKey.isEmpty()) {
      throw new IllegalArgumentException("DTLS needs credentials: a PSK lookup, a PSK identity and key, a raw key pair or a certificate");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<PskKeyLookup> pskLookup() {
    return pskLookup;
  }

  public Optional<String> pskIdentity() {
    return pskIdentity;
  }

  public Optional<byte[]> pskKey() {
    return pskKey.map(byte[]::clone);
  }

  public Optional<PrivateKey> privateKey() {
    return privateKey;
  }

  public Optional<PublicKey> publicKey() {
    return publicKey;
  }

  public List<X509Certificate> certificateChain() {
    return certificateChain;
  }

  public List<PublicKey> trustedKeys() {
    return trustedKeys;
  }

  /** Accept any raw public key in the handshake; the application checks it against what it expects. */
  public boolean trustAnyKey() {
    return trustAnyKey;
  }

  public List<X509Certificate> trustedCertificates() {
    return trustedCertificates;
  }

  /** Whether a client checks that the server certificate names the host it connects to. */
  public boolean verifyServerSubject() {
    return verifyServerSubject;
  }

  /** The length of the Connection IDs this side asks peers to use; 0 supports CID without needing one. */
  public OptionalInt connectionIdLength() {
    return connectionIdLength;
  }

  /**
   * Whether the CBC-SHA256 suites are offered besides CCM-8: servers must accept them (LwM2M 1.2
   * Transport), clients should not use them (RFC 7457).
   */
  public boolean acceptCbc() {
    return acceptCbc;
  }

  /** Who hears about finished handshakes (metrics). */
  public List<HandshakeObserver> handshakeObservers() {
    return handshakeObservers;
  }

  /**
   * Where the endpoint keeps its DTLS sessions (and Connection IDs) across a clean restart: it
   * writes them there when it is closed and takes them up again, deleting the file, when it
   * starts, so peers go on with their sessions without a new handshake. The file holds the
   * sessions' master secrets and is readable by its owner only.
   */
  public Optional<java.nio.file.Path> sessionFile() {
    return sessionFile;
  }

  /**
   * Whether a confirmable message (a request or a notification) that goes unanswered for an ACK
   * timeout makes its retransmission start with a handshake: a resumption, which the peer answers
   * in full when it no longer knows the session. A client's duty: a server that restarted without
   * its sessions, or a cluster node that took over from a dead one, drops every record of the old
   * session in silence, and only a handshake gets through to it. The retransmission itself then
   * goes in the new session, so the exchange goes on instead of failing after all its
   * retransmissions; on a merely lossy link it costs an abbreviated handshake per retransmission.
   * Responses and notifications go to the same authenticated peer on whichever session it has now,
   * so observations the server made on the old session go on. Off for servers (which cannot
   * start a handshake); on for our clients.
   */
  public boolean handshakeAfterTimeout() {
    return handshakeAfterTimeout;
  }

  /**
   * This endpoint as one node of a DTLS cluster (see {@link DtlsClusterSettings}): its Connection
   * IDs name the node, and records carrying another node's Connection ID are forwarded there.
   * Empty for a single server and for clients.
   */
  public Optional<DtlsClusterSettings> cluster() {
    return cluster;
  }

  /** True if this side can do a PSK handshake. */
  public boolean hasPsk() {
    return pskLookup.isPresent() || pskIdentity.isPresent();
  }

  /** True if this side has a private key (raw public key or certificate handshakes). */
  public boolean hasKeyPair() {
    return privateKey.isPresent();
  }

  /** Settings under construction. */
  public static final class Builder {
    private PskKeyLookup pskLookup;
    private String pskIdentity;
    private byte[] pskKey;
    private PrivateKey privateKey;
    private PublicKey publicKey;
    private final List<X509Certificate> certificateChain = new ArrayList<>();
    private final List<PublicKey> trustedKeys = new ArrayList<>();
    private boolean trustAnyKey;
    private final List<X509Certificate> trustedCertificates = new ArrayList<>();
    private boolean verifyServerSubject = true;
    private OptionalInt connectionIdLength = OptionalInt.empty();
    private boolean acceptCbc;
    private final List<HandshakeObserver> handshakeObservers = new ArrayList<>();
    private java.nio.file.Path sessionFile;
    private boolean handshakeAfterTimeout;
    private DtlsClusterSettings cluster;

    private Builder() {}

    /**
     * Makes this server endpoint one node of a DTLS cluster (see {@link DtlsSettings#cluster()});
     * its Connection IDs are {@link DtlsClusterSettings#DEFAULT_CONNECTION_ID_LENGTH} bytes long unless
     * {@link #connectionIdLength} says otherwise (at least 2).
     */
    public Builder cluster(DtlsClusterSettings cluster) {
      this.cluster = Objects.requireNonNull(cluster, "cluster");
      return this;
    }

    /** Handshake again with a peer when a message to it goes unanswered (see {@link DtlsSettings#handshakeAfterTimeout()}). */
    public Builder handshakeAfterTimeout(boolean on) {
      this.handshakeAfterTimeout = on;
      return this;
    }

    /** Keeps the sessions in {@code file} across a clean restart (see {@link DtlsSettings#sessionFile()}). */
    public Builder sessionFile(java.nio.file.Path file) {
      this.sessionFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Tells {@code observer} about every handshake this endpoint finishes. */
    public Builder handshakeObserver(HandshakeObserver observer) {
      handshakeObservers.add(Objects.requireNonNull(observer, "observer"));
      return this;
    }

    /** Also accept the CBC-SHA256 suites (a server's duty; clients should leave it off). */
    public Builder acceptCbc(boolean accept) {
      this.acceptCbc = accept;
      return this;
    }

    /** Server side: how PSK clients' keys are found. */
    public Builder pskLookup(PskKeyLookup lookup) {
      this.pskLookup = Objects.requireNonNull(lookup, "lookup");
      return this;
    }

    /** Client side: the PSK identity and key to present. */
    public Builder psk(String identity, byte[] key) {
      if (identity.isEmpty() || key.length == 0) {
        throw new IllegalArgumentException("a PSK needs a non-empty identity and key");
      }
      this.pskIdentity = identity;
      this.pskKey = key.clone();
      return this;
    }

    /** A raw public key pair to present (RFC 7250). */
    public Builder rawPublicKey(PrivateKey privateKey, PublicKey publicKey) {
      this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
      this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
      return this;
    }

    /** A certificate chain (end-entity first) and its private key to present; also usable as a raw key. */
    public Builder certificate(PrivateKey privateKey, List<X509Certificate> chain) {
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("the certificate chain is empty");
      }
      this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
      this.publicKey = chain.get(0).getPublicKey();
      this.certificateChain.clear();
      this.certificateChain.addAll(chain);
      return this;
    }

    /** Trust peers presenting exactly this raw public key. */
    public Builder trustKey(PublicKey key) {
      trustedKeys.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    /** Accept any raw public key in the handshake and leave the check to the application. */
    public Builder trustAnyKey() {
      this.trustAnyKey = true;
      return this;
    }

    /** Trust certificate chains that lead to one of {@code certificates} (trust anchors or the peer's own certificate). */
    public Builder trustCertificates(List<X509Certificate> certificates) {
      trustedCertificates.addAll(certificates);
      return this;
    }

    /** Whether a client checks that the server certificate names the host (default true). */
    public Builder verifyServerSubject(boolean verify) {
      this.verifyServerSubject = verify;
      return this;
    }

    /** Connection ID length, 0..16 (0: support CID without asking peers to use one). */
    public Builder connectionIdLength(int length) {
      if (length < 0 || length > 16) {
        throw new IllegalArgumentException("the Connection ID length must be 0..16, got " + length);
      }
      this.connectionIdLength = OptionalInt.of(length);
      return this;
    }

    public DtlsSettings build() {
      return new DtlsSettings(this);
    }
  }
}
