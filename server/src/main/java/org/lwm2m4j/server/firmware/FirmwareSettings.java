package org.lwm2m4j.server.firmware;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How firmware updates run: how long the download (push or pull) and the installation may take,
 * how often the server reads State and Update Result in case notifications get lost, and the host
 * devices reach this server at for pull (default: the bound address, or this machine's address
 * when bound to all interfaces).
 */
public record FirmwareSettings(Duration downloadTimeout, Duration updateTimeout, Duration pollInterval, Optional<String> packageHost) {
  public static final FirmwareSettings DEFAULTS = new FirmwareSettings(Duration.ofMinutes(10), Duration.ofMinutes(10),
      Duration.ofSeconds(15), Optional.empty());

  public FirmwareSettings {
    Objects.requireNonNull(downloadTimeout, "downloadTimeout");
    Objects.requireNonNull(updateTimeout, "updateTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(packageHost, "packageHost");
    if (downloadTimeout.isNegative() || downloadTimeout.isZero() || updateTimeout.isNegative() || updateTimeout.isZero()
        || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("firmware timeouts and the poll interval must be positive");
    }
  }

  public FirmwareSettings withPackageHost(String host) {
    return new FirmwareSettings(downloadTimeout, updateTimeout, pollInterval, Optional.of(host));
  }

  public FirmwareSettings withTimeouts(Duration download, Duration update) {
    return new FirmwareSettings(download, update, pollInterval, packageHost);
  }

  public FirmwareSettings withPollInterval(Duration interval) {
    return new FirmwareSettings(downloadTimeout, updateTimeout, interval, packageHost);
  }
}
