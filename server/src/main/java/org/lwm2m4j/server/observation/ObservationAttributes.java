package org.lwm2m4j.server.observation;

import java.util.List;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.server.device.UnsupportedByClientVersionException;
import org.lwm2m4j.server.registration.Registration;

/**
 * Where observation attributes ({@code pmin=5}, as Uri-Query options) may go for a client. Only
 * LwM2M 1.2 defines them on the Observe request itself; earlier clients refuse them (Anjay) or
 * ignore them silently (Wakaama), so for those a single Observe writes them with Write-Attributes
 * first. Observe-Composite may carry only the object-level attributes, and only from 1.2 on
 * (Core 1.2 §Observe-Composite): below 1.2 there is no single path to write them on for the
 * observation as a whole, and writing each path is neither atomic nor the same meaning (it
 * changes the paths' own attributes for good), so the caller is told to write them first.
 */
final class ObservationAttributes {
  /** The attributes Observe-Composite may carry: those assignable at object level. */
  static final List<String> ON_COMPOSITE = List.of("pmin", "pmax", "epmin", "epmax", "con");

  private ObservationAttributes() {}

  /** Whether {@code registration}'s client takes observation attributes in the Observe query (1.2 and later). */
  static boolean inObserveQuery(Registration registration) {
    return registration.lwm2mVersion().compareTo(Version.V1_2) >= 0;
  }

  /**
   * Checks that {@code attributes} may go on an Observe-Composite to {@code registration}'s client.
   *
   * @throws UnsupportedByClientVersionException for a client registered below 1.2
   * @throws InvalidRequestException for an attribute that is not object-level ({@code gt}, {@code st} …)
   */
  static void requireAllowedOnComposite(Registration registration, List<String> attributes) {
    if (attributes.isEmpty()) {
      return;
    }
    if (!inObserveQuery(registration)) {
      throw new UnsupportedByClientVersionException(registration, "Observe-Composite with attributes", Version.V1_2,
          "write them on each path with Write-Attributes first, then observe without attributes");
    }
    for (String attribute : attributes) {
      String name = nameOf(attribute);
      if (!ON_COMPOSITE.contains(name)) {
        throw new InvalidRequestException("Observe-Composite may carry only the object-level attributes "
            + String.join(", ", ON_COMPOSITE) + ", not " + name + "; write " + name + " on its path with Write-Attributes instead");
      }
    }
  }

  private static String nameOf(String attribute) {
    int equals = attribute.indexOf('=');
    return equals < 0 ? attribute : attribute.substring(0, equals);
  }
}
