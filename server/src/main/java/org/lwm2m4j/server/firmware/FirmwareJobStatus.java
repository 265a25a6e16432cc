package org.lwm2m4j.server.firmware;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A snapshot of one device's firmware update: which image, how, the phase, the device's last
 * reported State (/5/0/3) and Update Result (/5/0/5), why it failed, when it started and last
 * changed, and how much of the package reached the device: for a push the bytes the device
 * acknowledged, for a pull the bytes the server served it ({@code totalBytes} is 0 when the image
 * is not known, e.g. removed before a restart).
 */
public record FirmwareJobStatus(String endpoint, String imageId, FirmwareMethod method, FirmwarePhase phase, OptionalInt state,
    OptionalInt result, Optional<String> error, Instant startedAt, Instant updatedAt, long bytesTransferred, long totalBytes) {

  public FirmwareJobStatus {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (bytesTransferred < 0 || totalBytes < 0) {
      throw new IllegalArgumentException("byte counts cannot be negative");
    }
  }

  /** A status without download progress (none transferred, size unknown), as stores keep it. */
  public FirmwareJobStatus(String endpoint, String imageId, FirmwareMethod method, FirmwarePhase phase, OptionalInt state,
      OptionalInt result, Optional<String> error, Instant startedAt, Instant updatedAt) {
    this(endpoint, imageId, method, phase, state, result, error, startedAt, updatedAt, 0, 0);
  }

  /** How much of the package reached the device, 0 to 100 (rounded down; 0 while the size is unknown). */
  public int percent() {
    return totalBytes == 0 ? 0 : (int) (Math.min(bytesTransferred, totalBytes) * 100 / totalBytes);
  }

  /** What the Update Result means, empty while none was reported. */
  public Optional<String> resultText() {
    return result.isPresent() ? Optional.of(meaning(result.getAsInt())) : Optional.empty();
  }

  /** The meaning of Update Result {@code code} (object 5, resource 5). */
  public static String meaning(int code) {
    return switch (code) {
      case 0 -> "initial value";
      case 1 -> "firmware updated successfully";
      case 2 -> "not enough flash memory for the new firmware package";
      case 3 -> "out of RAM during downloading process";
      case 4 -> "connection lost during downloading process";
      case 5 -> "integrity check failure for new downloaded package";
      case 6 -> "unsupported package type";
      case 7 -> "invalid URI";
      case 8 -> "firmware update failed";
      case 9 -> "unsupported protocol";
      case 10 -> "firmware update cancelled";
      case 11 -> "firmware update deferred";
      default -> "unknown result " + code;
    };
  }
}
