package org.lwm2m4j.client.registration;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.client.security.SecurityObjectCodec;
import org.lwm2m4j.client.security.SmsSecurityMode;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.attribute.ServerDefaults;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.BooleanValue;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.StringValue;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.sms.SmsAddress;

/**
 * A LwM2M server the client registers with, as its Security (0) and Server (1) instances describe
 * it: the Short Server ID joins the two, the Security instance gives the URI and the server's SMS
 * number ({@code /0/x/9}), the Server instance lifetime, binding, Preferred Transport ({@code
 * /1/x/22}), notification defaults and the Disable Timeout.
 *
 * <p>SMS: the only SMS Security Mode ({@code /0/x/6}) supported is 3, NoSec (absent counts as
 * NoSec); an account with any other is left out with a warning naming the resource. The SMS Binding
 * Key Parameters and Secret Keys ({@code /0/x/7}, {@code /0/x/8}) are stored in the tree but unused,
 * since they only serve the secured modes.
 */
public record ServerAccount(int shortServerId, URI uri, int securityInstance, int serverInstance, long lifetimeSeconds,
    String binding, long disableTimeoutSeconds, boolean muteSend, ServerDefaults notificationDefaults,
    ClientCredentials credentials, Optional<String> smsNumber, Optional<String> preferredTransport) {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServerAccount.class);

  /** True for a {@code coaps://} server reached over DTLS with {@link #credentials()} (not by SMS). */
  public boolean secure() {
    return "coaps".equals(uri.getScheme()) && !overSms();
  }

  /** The Server object's default Disable Timeout (/1/x/5): one day. */
  public static final long DEFAULT_DISABLE_TIMEOUT = 86_400;

  /**
   * Where the server's requests go: its SMS number when {@link #overSms()}, else the URI's host
   * and port (5683 for coap when absent).
   */
  public InetSocketAddress address() {
    if (overSms()) {
      return SmsAddress.of(smsNumber.orElseThrow());
    }
    int port = uri.getPort() > 0 ? uri.getPort() : ("coaps".equals(uri.getScheme()) ? 5684 : 5683);
    return new InetSocketAddress(uri.getHost(), port);
  }

  /** The binding's transport letters, without the 1.0 queue-mode letter {@code Q}. */
  public String bindingLetters() {
    return binding.replace("Q", "");
  }

  /** Whether the binding asks for queue mode the 1.0 way ({@code UQ}, {@code SQ}, {@code UQS}). */
  public boolean queueModeBinding() {
    return binding.indexOf('Q') >= 0;
  }

  /** Whether the server may reach the client by SMS: the binding has {@code S} and the server an SMS number. */
  public boolean reachableBySms() {
    return binding.indexOf('S') >= 0 && smsNumber.isPresent();
  }

  /**
   * Whether all traffic with this server goes by SMS — Register, Update, De-register and its
   * requests: an {@code sms://} URI, a binding whose only transport is {@code S} ({@code S},
   * {@code SQ}), or one with {@code S} whose Preferred Transport is {@code S}. Otherwise the server
   * is reached over UDP, and by SMS it may only wake the client ({@link #reachableBySms()}).
   */
  public boolean overSms() {
    if (!reachableBySms()) {
      return false;
    }
    return "sms".equals(uri.getScheme()) || bindingLetters().equals("S") || preferredTransport.filter("S"::equals).isPresent();
  }

  /** Whether {@code peer} is this server: its UDP address, or its SMS number. */
  public boolean isAt(InetSocketAddress peer) {
    if (SmsAddress.isSms(peer)) {
      return smsNumber.map(SmsAddress::of).filter(peer::equals).isPresent();
    }
    if (overSms()) {
      return false;
    }
    InetSocketAddress udp = address();
    return udp.getPort() == peer.getPort() && udp.getAddress() != null && udp.getAddress().equals(peer.getAddress());
  }

  /** The DM server accounts in {@code tree}: each non-bootstrap Security instance with a matching Server instance. */
  public static List<ServerAccount> readFrom(ObjectTree tree) {
    List<ServerAccount> accounts = new ArrayList<>();
    for (int security : tree.instanceIds(0)) {
      boolean bootstrap = value(tree, LwM2mPath.of(0, security, 1)).filter(BooleanValue.class::isInstance)
          .map(v -> ((BooleanValue) v).value()).orElse(false);
      OptionalLong ssid = integer(tree, LwM2mPath.of(0, security, 10));
      Optional<String> uri = string(tree, LwM2mPath.of(0, security, 0));
      if (bootstrap || ssid.isEmpty() || uri.isEmpty()) {
        continue;
      }
      for (int server : tree.instanceIds(1)) {
        OptionalLong serverSsid = integer(tree, LwM2mPath.of(1, server, 0));
        if (serverSsid.isPresent() && serverSsid.getAsLong() == ssid.getAsLong()) {
          ServerDefaults defaults = new ServerDefaults(integer(tree, LwM2mPath.of(1, server, 2)),
              integer(tree, LwM2mPath.of(1, server, 3)),
              integer(tree, LwM2mPath.of(1, server, 26)).isPresent()
                  ? Optional.of(integer(tree, LwM2mPath.of(1, server, 26)).getAsLong() == 1) : Optional.empty());
          boolean mute = value(tree, LwM2mPath.of(1, server, 23)).filter(BooleanValue.class::isInstance)
              .map(v -> ((BooleanValue) v).value()).orElse(true);
          ClientCredentials credentials;
          try {
            credentials = SecurityObjectCodec.read(tree, security);
          } catch (LwM2mException e) {
            LOG.warn("server {}: {}; not registering", ssid.getAsLong(), e.getMessage());
            continue;
          }
          Optional<URI> serverUri = serverUri(uri.get()).or(() -> smsUri(uri.get()));
          if (serverUri.isEmpty()) {
            LOG.warn("server {}: Server URI \"{}\" (/0/{}/0) is not coap://HOST[:PORT], coaps://HOST[:PORT] or sms://MSISDN; "
                + "not registering", ssid.getAsLong(), uri.get(), security);
            continue;
          }
          Optional<String> refusal = smsRefusal(tree, security, serverUri.get());
          if (refusal.isPresent()) {
            LOG.warn("server {}: {}; not registering", ssid.getAsLong(), refusal.get());
            continue;
          }
          String binding = string(tree, LwM2mPath.of(1, server, 7)).orElse("sms".equals(serverUri.get().getScheme()) ? "S" : "U");
          Optional<String> smsNumber = smsNumber(tree, security, serverUri.get());
          if (smsNumber.isEmpty() && binding.replace("Q", "").equals("S")) {
            LOG.warn("server {}: binding {} (/1/{}/7) is SMS only, but the server has no SMS number (/0/{}/9); not registering",
                ssid.getAsLong(), binding, server, security);
            continue;
          }
          accounts.add(new ServerAccount((int) ssid.getAsLong(), serverUri.get(), security, server,
              integer(tree, LwM2mPath.of(1, server, 1)).orElse(86_400), binding,
              integer(tree, LwM2mPath.of(1, server, 5)).orElse(DEFAULT_DISABLE_TIMEOUT), mute, defaults, credentials,
              smsNumber, string(tree, LwM2mPath.of(1, server, 22))));
        }
      }
    }
    return accounts;
  }

  /**
   * {@code text} (a Security instance's Server URI) as a URI a server can be reached at: coap or
   * coaps, with a host; empty for anything else, which a Bootstrap-Server may well have written.
   */
  public static Optional<URI> serverUri(String text) {
    try {
      URI uri = new URI(text);
      boolean reachable = ("coap".equals(uri.getScheme()) || "coaps".equals(uri.getScheme())) && uri.getHost() != null;
      return reachable ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException notAUri) {
      return Optional.empty();
    }
  }

  /**
   * {@code text} as an {@code sms://MSISDN} URI (a leading {@code +} allowed), with the digits as
   * they are written; empty for anything else.
   */
  static Optional<URI> smsUri(String text) {
    if (!text.startsWith("sms://")) {
      return Optional.empty();
    }
    try {
      return Optional.of(URI.create("sms://" + SmsAddress.normalize(text.substring("sms://".length()))));
    } catch (IllegalArgumentException notAnMsisdn) {
      return Optional.empty();
    }
  }

  /** The server's SMS number: {@code /0/x/9}, else the number of an {@code sms://} URI. */
  private static Optional<String> smsNumber(ObjectTree tree, int security, URI uri) {
    Optional<String> written = string(tree, LwM2mPath.of(0, security, 9)).filter(number -> !number.isEmpty());
    if (written.isPresent()) {
      return Optional.of(SmsAddress.normalize(written.get()));
    }
    return "sms".equals(uri.getScheme()) ? Optional.of(uri.getAuthority()) : Optional.empty();
  }

  /** Why the SMS settings of Security instance {@code security} cannot be used, if they cannot. */
  private static Optional<String> smsRefusal(ObjectTree tree, int security, URI uri) {
    OptionalLong mode = integer(tree, LwM2mPath.of(0, security, 6));
    if (mode.isPresent() && mode.getAsLong() != SmsSecurityMode.NO_SEC) {
      return Optional.of(SmsSecurityMode.refusal(LwM2mPath.of(0, security, 6), mode.getAsLong()));
    }
    Optional<String> number = string(tree, LwM2mPath.of(0, security, 9)).filter(n -> !n.isEmpty());
    if (number.isPresent()) {
      try {
        SmsAddress.normalize(number.get());
      } catch (IllegalArgumentException e) {
        return Optional.of("LwM2M Server SMS Number (/0/" + security + "/9): " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private static Optional<Value> value(ObjectTree tree, LwM2mPath path) {
    return tree.single(path).map(SingleResource::value);
  }

  private static OptionalLong integer(ObjectTree tree, LwM2mPath path) {
    Optional<Value> value = value(tree, path);
    return value.isPresent() && value.get() instanceof IntegerValue integer ? OptionalLong.of(integer.value()) : OptionalLong.empty();
  }

  private static Optional<String> string(ObjectTree tree, LwM2mPath path) {
    return value(tree, path).filter(StringValue.class::isInstance).map(v -> ((StringValue) v).value());
  }
}
