package org.lwm2m4j.server.observation;

import java.util.List;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * An Observe with attributes failed because the client refused the attributes: a client
 * registered below LwM2M 1.2 takes them only by Write-Attributes, which the server sends first,
 * and that answered with an error, so no Observe was sent. Carries the client's code (4.00 for
 * attributes it does not support, 4.04 for a path it does not have …), which the REST API maps
 * as any device error.
 */
public final class ObservationAttributesRefusedException extends LwM2mException {
  private static final long serialVersionUID = 1L;

  private final ResponseCode code;
  private final LwM2mPath path;
  private final List<String> attributes;

  ObservationAttributesRefusedException(String endpoint, LwM2mPath path, List<String> attributes, LwM2mException refusal) {
    super(endpoint + " refused the observation attributes " + String.join("&", attributes) + " on " + path
        + ": Write-Attributes answered " + refusal.code() + " (" + refusal.getMessage() + "). A client registered below"
        + " LwM2M 1.2 takes observation attributes only that way, so no Observe was sent", refusal);
    this.code = refusal.code();
    this.path = path;
    this.attributes = List.copyOf(attributes);
  }

  /** The code the client answered the Write-Attributes with. */
  @Override
  public ResponseCode code() {
    return code;
  }

  /** The path that was to be observed. */
  public LwM2mPath path() {
    return path;
  }

  /** The attributes refused, as Uri-Query options ({@code pmin=10}). */
  public List<String> attributes() {
    return attributes;
  }
}
