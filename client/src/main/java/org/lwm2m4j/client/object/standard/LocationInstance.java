package org.lwm2m4j.client.object.standard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;

/**
 * The Location object's instance {@code /6/0}: the device's position (latitude and longitude in
 * decimal degrees WGS84, altitude in metres), the radius of its uncertainty, when it was measured,
 * and the speed and velocity derived from consecutive fixes.
 *
 * <p>{@link #moveTo} records a new fix stamped with the clock's time; when time has passed since
 * the previous fix, Speed (6) and Velocity (4) become the great-circle distance over that time and
 * the initial bearing between the two. Observers hear of exactly the resources whose values
 * changed. All resources are read-only for servers. Thread-safe.
 */
public final class LocationInstance extends ChangeReportingInstance {
  static final int LATITUDE = 0;
  static final int LONGITUDE = 1;
  static final int ALTITUDE = 2;
  static final int RADIUS = 3;
  static final int VELOCITY = 4;
  static final int TIMESTAMP = 5;
  static final int SPEED = 6;

  /** Mean Earth radius (IUGG), metres: good to about 0.5 % for the distances between two fixes. */
  private static final double EARTH_RADIUS_METRES = 6_371_008.8;

  private final Clock clock;
  private final Object fixLock = new Object();
  // Guarded by fixLock: the previous fix, for speed and bearing.
  private double latitude;
  private double longitude;
  private Instant measuredAt;

  /**
   * A device at this position, measured now.
   *
   * @throws IllegalArgumentException if latitude is not in [-90, 90] or longitude not in [-180, 180]
   */
  public LocationInstance(double latitude, double longitude, Clock clock) {
    super(0, List.of(
        SingleResource.of(LATITUDE, Value.ofFloat(checkLatitude(latitude))),
        SingleResource.of(LONGITUDE, Value.ofFloat(checkLongitude(longitude))),
        SingleResource.of(TIMESTAMP, Value.ofTime(clock.instant().getEpochSecond()))));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.latitude = latitude;
    this.longitude = longitude;
    this.measuredAt = clock.instant();
  }

  /** A new fix without altitude (a known altitude is kept). */
  public void moveTo(double latitude, double longitude) {
    fix(latitude, longitude, List.of());
  }

  /**
   * A new fix at {@code altitude} metres above sea level.
   *
   * @throws IllegalArgumentException if a coordinate is out of range or the altitude not finite
   */
  public void moveTo(double latitude, double longitude, double altitude) {
    if (!Double.isFinite(altitude)) {
      throw new IllegalArgumentException("altitude must be finite, not " + altitude);
    }
    fix(latitude, longitude, List.of(SingleResource.of(ALTITUDE, Value.ofFloat(altitude))));
  }

  /** Sets the radius of the uncertainty circle around the position, in metres (at least 0). */
  public void setRadius(double metres) {
    if (!(metres >= 0) || Double.isInfinite(metres)) {
      throw new IllegalArgumentException("radius must be a finite value >= 0, not " + metres);
    }
    update(SingleResource.of(RADIUS, Value.ofFloat(metres)));
  }

  private void fix(double lat, double lon, List<LwM2mResource> extra) {
    checkLatitude(lat);
    checkLongitude(lon);
    Instant now = clock.instant();
    List<LwM2mResource> resources = new ArrayList<>(extra);
    resources.add(SingleResource.of(LATITUDE, Value.ofFloat(lat)));
    resources.add(SingleResource.of(LONGITUDE, Value.ofFloat(lon)));
    resources.add(SingleResource.of(TIMESTAMP, Value.ofTime(now.getEpochSecond())));
    synchronized (fixLock) {
      double seconds = Duration.between(measuredAt, now).toMillis() / 1000.0;
      if (seconds > 0) {
        double speed = distanceMetres(latitude, longitude, lat, lon) / seconds;
        resources.add(SingleResource.of(SPEED, Value.ofFloat(speed)));
        resources.add(SingleResource.of(VELOCITY,
            Value.of(new HorizontalVelocity(speed, bearingDegrees(latitude, longitude, lat, lon)).encode())));
      }
      latitude = lat;
      longitude = lon;
      measuredAt = now;
      // Stored under the fix lock so that concurrent fixes land in the order they were taken.
      update(resources.toArray(new LwM2mResource[0]));
    }
  }

  /** Great-circle distance on the mean sphere (haversine). */
  static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(lon2 - lon1);
    double h = Math.pow(Math.sin(dPhi / 2), 2) + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(dLambda / 2), 2);
    return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /** Initial bearing from the first point to the second, clockwise from North, in [0, 360). */
  static double bearingDegrees(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double dLambda = Math.toRadians(lon2 - lon1);
    double y = Math.sin(dLambda) * Math.cos(phi2);
    double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
    double degrees = (Math.toDegrees(Math.atan2(y, x)) + 360) % 360;
    return degrees >= 360 ? 0 : degrees;
  }

  private static double checkLatitude(double latitude) {
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException("latitude must be in [-90, 90], not " + latitude);
    }
    return latitude;
  }

  private static double checkLongitude(double longitude) {
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("longitude must be in [-180, 180], not " + longitude);
    }
    return longitude;
  }
}
