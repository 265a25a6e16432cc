package org.lwm2m4j.server.observation;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.registration.Registration;

/**
 * A notification the server received: the observation it belongs to, the registration of the
 * client that sent it, and the content keyed by observed path (one entry for a single Observe,
 * one per path with data for Observe-Composite), and the content format it travelled in (which a
 * device may choose per notification when the Observe named none), and the address this server's
 * endpoint heard it from (empty when another cluster node relayed it).
 */
public record Notification(Observation observation, Registration registration, Map<LwM2mPath, LwM2mNode> content,
    ContentFormat contentFormat, Optional<InetSocketAddress> source) {
  public Notification {
    Objects.requireNonNull(observation, "observation");
    Objects.requireNonNull(registration, "registration");
    content = Map.copyOf(content);
    Objects.requireNonNull(contentFormat, "contentFormat");
    Objects.requireNonNull(source, "source");
  }

  /** A notification from no known address. */
  public Notification(Observation observation, Registration registration, Map<LwM2mPath, LwM2mNode> content,
      ContentFormat contentFormat) {
    this(observation, registration, content, contentFormat, Optional.empty());
  }
}
