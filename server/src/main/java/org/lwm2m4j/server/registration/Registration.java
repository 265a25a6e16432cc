package org.lwm2m4j.server.registration;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.OptionalLong;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.transport.sms.SmsAddress;

/**
 * One client's registration with this server: who it is (endpoint name, registration id), where
 * to reach it (the address of its last Register or Update), how it proved who it is (the DTLS
 * security mode and identity of its Register), and what it announced (lifetime, enabler version,
 * binding, queue mode, SMS number, object links).
 *
 * <p>Built to be small, because a server holds a million of them (72 bytes for this object): the
 * object links are kept as the link-format text the client sent, one string shared by every
 * registration with the same list, and parsed only when asked for ({@link #objectLinks()}); the
 * binding letters are shared too; times are epoch milliseconds; an IPv4 address is kept as its
 * number and port and {@link #address()} builds the socket address when asked (a host name the
 * given address carried is not kept: addresses from the network have none). Immutable; an Update
 * yields a new instance ({@link #updatedBy(RegistrationUpdate)}).
 */
public final class Registration {
  /** The longest lifetime a registration holds: 2^32 − 1 s, the largest the registration interface takes. */
  private static final long MAX_LIFETIME = RegistrationRequestParser.MAX_LIFETIME;
  private static final SecurityMode[] SECURITY_MODES = SecurityMode.values();
  /** Bounded: binding letters are a handful of distinct values; beyond this a binding is kept unshared. */
  private static final int SHARED_BINDINGS_LIMIT = 256;
  private static final ConcurrentHashMap<String, String> SHARED_BINDINGS = new ConcurrentHashMap<>();

  private final String id;
  private final String endpoint;
  /** The address when it is not an IPv4 one (IPv6, an SMS address, unresolved); else null and {@link #ipv4}, {@link #port} hold it. */
  private final InetSocketAddress otherAddress;
  private final int ipv4;
  private final char port;
  /** Unsigned: up to {@link #MAX_LIFETIME}. */
  private final int lifetimeSeconds;
  private final Version lwm2mVersion;
  private final String binding;
  private final boolean queueMode;
  /** The {@link SecurityMode}'s ordinal: a byte rather than a reference keeps this object at 72 bytes. */
  private final byte security;
  private final String peerIdentity;
  private final String smsNumber;
  private final String objectLinks;
  private final long registeredAtMillis;
  private final long lastUpdateMillis;

  private Registration(Builder b) {
    this.id = requireText(b.id, "registration id");
    this.endpoint = requireText(b.endpoint, "endpoint name");
    InetSocketAddress address = Objects.requireNonNull(b.address, "address");
    if (isCompact(address)) {
      this.otherAddress = null;
      this.ipv4 = ipv4Of(address);
      this.port = (char) address.getPort();
    } else {
      this.otherAddress = address;
      this.ipv4 = 0;
      this.port = 0;
    }
    if (b.lifetimeSeconds < 0 || b.lifetimeSeconds > MAX_LIFETIME) {
      throw new IllegalArgumentException("lifetime must be 0 to " + MAX_LIFETIME + " s, got " + b.lifetimeSeconds);
    }
    this.lifetimeSeconds = (int) b.lifetimeSeconds;
    this.lwm2mVersion = Objects.requireNonNull(b.lwm2mVersion, "lwm2mVersion");
    this.binding = sharedBinding(Objects.requireNonNull(b.binding, "binding"));
    this.queueMode = b.queueMode;
    this.security = (byte) Objects.requireNonNull(b.security, "security").ordinal();
    this.peerIdentity = b.peerIdentity;
    this.smsNumber = b.smsNumber;
    this.objectLinks = Objects.requireNonNull(b.objectLinks, "objectLinks");
    this.registeredAtMillis = b.registeredAtMillis;
    this.lastUpdateMillis = b.lastUpdateMillis;
  }

  private static boolean isCompact(InetSocketAddress address) {
    return !address.isUnresolved() && address.getAddress() instanceof Inet4Address;
  }

  private static int ipv4Of(InetSocketAddress address) {
    byte[] ip = address.getAddress().getAddress();
    return (ip[0] & 0xFF) << 24 | (ip[1] & 0xFF) << 16 | (ip[2] & 0xFF) << 8 | (ip[3] & 0xFF);
  }

  /**
   * The key {@link InMemoryRegistrationStore} indexes {@code address} by: an IPv4 address and port
   * as one {@link Long} (16 bytes, where the socket address with its parts takes up to 88), any
   * other address itself. Equal for equal addresses.
   */
  static Object addressKey(InetSocketAddress address) {
    return isCompact(address) ? compactKey(ipv4Of(address), address.getPort()) : address;
  }

  private static Long compactKey(int ipv4, int port) {
    return (ipv4 & 0xFFFF_FFFFL) << 16 | port;
  }

  /** {@link #addressKey(InetSocketAddress)} of this registration's address, without building the address. */
  Object addressKey() {
    return otherAddress != null ? otherAddress : compactKey(ipv4, port);
  }

  /** One instance per distinct binding text, so a fleet's registrations do not each keep their own {@code "U"}. */
  static String sharedBinding(String binding) {
    String shared = SHARED_BINDINGS.get(binding);
    if (shared != null) {
      return shared;
    }
    if (SHARED_BINDINGS.size() >= SHARED_BINDINGS_LIMIT) {
      return binding;
    }
    shared = SHARED_BINDINGS.putIfAbsent(binding, binding);
    return shared == null ? binding : shared;
  }

  private static String requireText(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return value;
  }

  /** A builder for a new registration; lifetime defaults to 86400 s, version 1.0, binding U, as for LwM2M 1.0. */
  public static Builder builder(String id, String endpoint, InetSocketAddress address) {
    return new Builder(id, endpoint, address);
  }

  /** The registration id, the last segment of the {@code /rd/{id}} location. */
  public String id() {
    return id;
  }

  public String endpoint() {
    return endpoint;
  }

  /** Where the client's last Register or Update came from; downlink requests go there. */
  public InetSocketAddress address() {
    if (otherAddress != null) {
      return otherAddress;
    }
    byte[] ip = {(byte) (ipv4 >>> 24), (byte) (ipv4 >>> 16), (byte) (ipv4 >>> 8), (byte) ipv4};
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are always an IPv4 address", e);
    }
  }

  /** Seconds the registration lives after each Register or Update; 0 means it never expires. */
  public long lifetimeSeconds() {
    return Integer.toUnsignedLong(lifetimeSeconds);
  }

  public Version lwm2mVersion() {
    return lwm2mVersion;
  }

  /** The binding letters, without the queue-mode {@code Q} ({@code U}, {@code US}, {@code UT}, …). */
  public String binding() {
    return binding;
  }

  /** Whether the client sleeps between exchanges (the {@code Q} parameter, or {@code Q} in a 1.0 binding). */
  public boolean queueMode() {
    return queueMode;
  }

  /** Whether the client registered over DTLS; downlink requests then go over its secure session. */
  public boolean secure() {
    return security().secure();
  }

  /** The transport the client is reached over: SMS from an SMS address, DTLS when secure, else UDP. */
  public Channel channel() {
    if (otherAddress != null && SmsAddress.isSms(otherAddress)) {
      return Channel.SMS;
    }
    return secure() ? Channel.DTLS : Channel.UDP;
  }

  /** How the client proved who it is at Register: {@link SecurityMode#NONE} over plain CoAP. */
  public SecurityMode security() {
    return SECURITY_MODES[security];
  }

  /** Who the DTLS handshake proved the client to be: PSK identity, certificate subject or key; empty without DTLS. */
  public Optional<String> peerIdentity() {
    return Optional.ofNullable(peerIdentity);
  }

  /** The MSISDN the client receives SMS on, if it gave one. */
  public Optional<String> smsNumber() {
    return Optional.ofNullable(smsNumber);
  }

  /** The Register payload as sent: the link-format list of objects and instances. */
  public String objectLinksText() {
    return objectLinks;
  }

  /**
   * The object links. They are not kept parsed in each registration, to keep registrations small;
   * parses are shared by link text instead, since a fleet's devices mostly send the same list and
   * every downlink request needs them (format, root path, object versions).
   */
  public ObjectLinks objectLinks() {
    return ObjectLinks.parseShared(objectLinks);
  }

  public Instant registeredAt() {
    return Instant.ofEpochMilli(registeredAtMillis);
  }

  public Instant lastUpdate() {
    return Instant.ofEpochMilli(lastUpdateMillis);
  }

  /** When the registration expires without an Update, in epoch milliseconds; empty for a lifetime of 0. */
  public OptionalLong expiresAtMillis() {
    return lifetimeSeconds == 0 ? OptionalLong.empty() : OptionalLong.of(lastUpdateMillis + lifetimeSeconds() * 1000);
  }

  /** This registration after {@code update}: changed parameters replaced, last update and address renewed. */
  public Registration updatedBy(RegistrationUpdate update) {
    if (!update.registrationId().equals(id)) {
      throw new IllegalArgumentException("update for " + update.registrationId() + " applied to " + id);
    }
    Builder b = toBuilder(update.address());
    b.lastUpdateMillis = update.at().toEpochMilli();
    update.lifetimeSeconds().ifPresent(lifetime -> b.lifetimeSeconds = lifetime);
    update.binding().ifPresent(binding -> b.binding = binding);
    update.smsNumber().ifPresent(sms -> b.smsNumber = sms);
    update.objectLinks().ifPresent(links -> b.objectLinks = links);
    return b.build();
  }

  private Builder toBuilder(InetSocketAddress address) {
    Builder b = new Builder(id, endpoint, address);
    b.lifetimeSeconds = lifetimeSeconds();
    b.lwm2mVersion = lwm2mVersion;
    b.binding = binding;
    b.queueMode = queueMode;
    b.security = security();
    b.peerIdentity = peerIdentity;
    b.smsNumber = smsNumber;
    b.objectLinks = objectLinks;
    b.registeredAtMillis = registeredAtMillis;
    b.lastUpdateMillis = lastUpdateMillis;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Registration r
        && id.equals(r.id) && endpoint.equals(r.endpoint) && ipv4 == r.ipv4 && port == r.port
        && Objects.equals(otherAddress, r.otherAddress)
        && lifetimeSeconds == r.lifetimeSeconds && lwm2mVersion.equals(r.lwm2mVersion)
        && binding.equals(r.binding) && queueMode == r.queueMode && security == r.security
        && Objects.equals(peerIdentity, r.peerIdentity) && Objects.equals(smsNumber, r.smsNumber)
        && objectLinks.equals(r.objectLinks) && registeredAtMillis == r.registeredAtMillis
        && lastUpdateMillis == r.lastUpdateMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, endpoint, lastUpdateMillis);
  }

  @Override
  public String toString() {
    return "Registration[" + endpoint + " id=" + id + " at " + SmsAddress.describe(address()) + " lt=" + lifetimeSeconds() + " lwm2m="
        + lwm2mVersion + " b=" + binding + (queueMode ? " Q" : "") + (secure() ? " " + security().label() : "") + "]";
  }

  /** Collects the parameters of a new registration. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final String endpoint;
    private InetSocketAddress address;
    private long lifetimeSeconds = 86400;
    private Version lwm2mVersion = Version.V1_0;
    private String binding = "U";
    private boolean queueMode;
    private SecurityMode security = SecurityMode.NONE;
    private String peerIdentity;
    private String smsNumber;
    private String objectLinks = "";
    private long registeredAtMillis;
    private long lastUpdateMillis;

    private Builder(String id, String endpoint, InetSocketAddress address) {
      this.id = id;
      this.endpoint = endpoint;
      this.address = address;
    }

    public Builder lifetimeSeconds(long seconds) {
      this.lifetimeSeconds = seconds;
      return this;
    }

    public Builder lwm2mVersion(Version version) {
      this.lwm2mVersion = version;
      return this;
    }

    public Builder binding(String binding) {
      this.binding = binding;
      return this;
    }

    /**
     * Registered over DTLS (default false), in a mode not recorded ({@link SecurityMode#DTLS}) unless
     * {@link #security} names it; {@code false} also forgets the identity.
     */
    public Builder secure(boolean secure) {
      if (!secure) {
        this.security = SecurityMode.NONE;
        this.peerIdentity = null;
      } else if (!security.secure()) {
        this.security = SecurityMode.DTLS;
      }
      return this;
    }

    /** How the client proved who it is (default {@link SecurityMode#NONE}) and as whom; the identity is ignored without DTLS. */
    public Builder security(SecurityMode mode, Optional<String> identity) {
      this.security = Objects.requireNonNull(mode, "mode");
      this.peerIdentity = mode.secure() ? identity.orElse(null) : null;
      return this;
    }

    public Builder queueMode(boolean queueMode) {
      this.queueMode = queueMode;
      return this;
    }

    public Builder smsNumber(String msisdn) {
      this.smsNumber = msisdn;
      return this;
    }

    /** The Register payload (link format), as sent. */
    public Builder objectLinks(String linkFormat) {
      this.objectLinks = linkFormat;
      return this;
    }

    /** When the Register arrived; also the first "last update". */
    public Builder registeredAt(Instant at) {
      this.registeredAtMillis = at.toEpochMilli();
      this.lastUpdateMillis = registeredAtMillis;
      return this;
    }

    /**
     * When the last Register or Update arrived, if later than {@link #registeredAt}; for stores
     * that restore a registration. Call after {@code registeredAt}.
     */
    public Builder lastUpdate(Instant at) {
      this.lastUpdateMillis = at.toEpochMilli();
      return this;
    }

    public Registration build() {
      return new Registration(this);
    }
  }
}
