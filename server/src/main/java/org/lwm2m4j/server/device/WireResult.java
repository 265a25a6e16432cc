package org.lwm2m4j.server.device;

import java.util.Objects;
import org.lwm2m4j.core.codec.ContentFormat;

/**
 * The result of a device operation together with the content format its payload travelled in:
 * the format the device answered in for a Read (its Content-Format option, or the one asked for
 * when it named none), the format the server sent for a Write or Create.
 *
 * @param value what the operation completed with
 * @param format the content format on the wire
 * @param <T> the type of the result
 */
public record WireResult<T>(T value, ContentFormat format) {
  public WireResult {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(format, "format");
  }
}
