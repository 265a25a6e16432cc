package org.lwm2m4j.server.firmware;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How firmware updates run: how long the download (push or pull) and the installation may take,
 * how often the server reads State and Update Result in case notifications get lost, the host
 * devices reach this server at for pull (default: the bound address, or this machine's address
 * when bound to all interfaces), and the largest image an upload may bring ({@link
 * #DEFAULT_MAX_IMAGE_BYTES} by default).
 */
public record FirmwareSettings(Duration downloadTimeout, Duration updateTimeout, Duration pollInterval, Optional<String> packageHost,
    long maxImageBytes) {
  /** The default bound on one uploaded image: 64 MiB. */
  public static final long DEFAULT_MAX_IMAGE_BYTES = 64L * 1024 * 1024;

  public static final FirmwareSettings DEFAULTS = new FirmwareSettings(Duration.ofMinutes(10), Duration.ofMinutes(10),
      Duration.ofSeconds(15), Optional.empty(), DEFAULT_MAX_IMAGE_BYTES);

  public FirmwareSettings {
    Objects.requireNonNull(downloadTimeout, "downloadTimeout");
    Objects.requireNonNull(updateTimeout, "updateTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(packageHost, "packageHost");
    if (downloadTimeout.isNegative() || downloadTimeout.isZero() || updateTimeout.isNegative() || updateTimeout.isZero()
        || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("firmware timeouts and the poll interval must be positive");
    }
    if (maxImageBytes < 1) {
      throw new IllegalArgumentException("the largest firmware image must be at least 1 byte, not " + maxImageBytes);
    }
  }

  public FirmwareSettings withPackageHost(String host) {
    return new FirmwareSettings(downloadTimeout, updateTimeout, pollInterval, Optional.of(host), maxImageBytes);
  }

  public FirmwareSettings withTimeouts(Duration download, Duration update) {
    return new FirmwareSettings(download, update, pollInterval, packageHost, maxImageBytes);
  }

  public FirmwareSettings withPollInterval(Duration interval) {
    return new FirmwareSettings(downloadTimeout, updateTimeout, interval, packageHost, maxImageBytes);
  }

  /** These settings with uploads bounded to {@code bytes} per image. */
  public FirmwareSettings withMaxImageBytes(long bytes) {
    return new FirmwareSettings(downloadTimeout, updateTimeout, pollInterval, packageHost, bytes);
  }
}
