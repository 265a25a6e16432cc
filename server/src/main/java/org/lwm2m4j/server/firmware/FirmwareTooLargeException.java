package org.lwm2m4j.server.firmware;

/**
 * An upload with more bytes than one firmware image may have ({@link FirmwareSettings#maxImageBytes()});
 * nothing of it is kept.
 */
public final class FirmwareTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long limitBytes;

  public FirmwareTooLargeException(long limitBytes) {
    super("the firmware image is larger than the limit of " + describe(limitBytes));
    this.limitBytes = limitBytes;
  }

  /** The limit the image went over, in bytes. */
  public long limitBytes() {
    return limitBytes;
  }

  /** {@code 67108864 bytes (64 MiB)}, or just the bytes when they are no whole number of KiB. */
  static String describe(long bytes) {
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    long value = bytes;
    String unit = "";
    for (String next : units) {
      if (value < 1024 || value % 1024 != 0) {
        break;
      }
      value /= 1024;
      unit = next;
    }
    return bytes + " bytes" + (unit.isEmpty() ? "" : " (" + value + " " + unit + ")");
  }
}
