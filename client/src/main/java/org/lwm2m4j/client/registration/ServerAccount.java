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
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.attribute.ServerDefaults;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.BooleanValue;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.StringValue;
import org.lwm2m4j.core.value.Value;

/**
 * A LwM2M server the client registers with, as its Security (0) and Server (1) instances describe
 * it: the Short Server ID joins the two, the Security instance gives the URI, the Server instance
 * lifetime, binding, notification defaults and the Disable Timeout.
 */
public record ServerAccount(int shortServerId, URI uri, int securityInstance, int serverInstance, long lifetimeSeconds,
    String binding, long disableTimeoutSeconds, boolean muteSend, ServerDefaults notificationDefaults,
    ClientCredentials credentials) {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServerAccount.class);

  /** True for a {@code coaps://} server, reached over DTLS with {@link #credentials()}. */
  public boolean secure() {
    return "coaps".equals(uri.getScheme());
  }

  /** The Server object's default Disable Timeout (/1/x/5): one day. */
  public static final long DEFAULT_DISABLE_TIMEOUT = 86_400;

  /** The UDP address of the server: the URI's host and port (5683 for coap when absent). */
  public InetSocketAddress address() {
    int port = uri.getPort() > 0 ? uri.getPort() : ("coaps".equals(uri.getScheme()) ? 5684 : 5683);
    return new InetSocketAddress(uri.getHost(), port);
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
          Optional<URI> serverUri = serverUri(uri.get());
          if (serverUri.isEmpty()) {
            LOG.warn("server {}: Server URI \"{}\" (/0/{}/0) is not coap://HOST[:PORT] or coaps://HOST[:PORT]; not registering",
                ssid.getAsLong(), uri.get(), security);
            continue;
          }
          accounts.add(new ServerAccount((int) ssid.getAsLong(), serverUri.get(), security, server,
              integer(tree, LwM2mPath.of(1, server, 1)).orElse(86_400),
              string(tree, LwM2mPath.of(1, server, 7)).orElse("U"),
              integer(tree, LwM2mPath.of(1, server, 5)).orElse(DEFAULT_DISABLE_TIMEOUT), mute, defaults, credentials));
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
