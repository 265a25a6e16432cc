package org.lwm2m4j.server.bootstrap.config;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.server.bootstrap.BootstrapMode;

/**
 * The last bootstrap of an endpoint that succeeded: what an operator needs to know the device is
 * provisioned, kept when later attempts fail.
 *
 * @param finished when the session ended with Bootstrap-Finish (or the pack was sent)
 * @param address the client's {@code host:port} then, if known
 * @param mode how that session began
 * @param servers the URIs of the LwM2M servers it wrote, in the config's order (empty if not known,
 *     e.g. for a session recorded before they were kept)
 */
public record BootstrapSuccess(Instant finished, Optional<String> address, BootstrapMode mode, List<String> servers) {
  public BootstrapSuccess {
    Objects.requireNonNull(finished, "finished");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(mode, "mode");
    servers = List.copyOf(servers);
  }
}
