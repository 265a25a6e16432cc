package org.lwm2m4j.client.object.standard;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * The Device object's time: Current Time (13) as the host clock shifted by what a server wrote,
 * UTC Offset (14) and Timezone (15) as written or else derived from the clock's zone. Writing a
 * Timezone also moves the derived UTC Offset, which then follows that zone's daylight saving.
 *
 * <p>Not thread-safe; {@link DeviceInstance} guards it.
 */
final class DeviceClock {
  private final Clock clock;
  private long offsetSeconds;
  private Optional<String> utcOffset = Optional.empty();
  private Optional<ZoneId> timezone = Optional.empty();

  DeviceClock(Clock clock) {
    this.clock = clock;
  }

  /** Current Time, in seconds since the epoch. */
  long currentTime() {
    return clock.instant().getEpochSecond() + offsetSeconds;
  }

  /** Sets Current Time: the device's time runs on from {@code epochSeconds}. */
  void setCurrentTime(long epochSeconds) {
    offsetSeconds = epochSeconds - clock.instant().getEpochSecond();
  }

  /** Back to the host clock's time. */
  void resetCurrentTime() {
    offsetSeconds = 0;
  }

  /** UTC Offset as written, or the zone's present offset ({@code +02:00}; {@code +00:00} for UTC). */
  String utcOffset() {
    return utcOffset.orElseGet(() -> {
      ZoneOffset offset = zone().getRules().getOffset(clock.instant());
      return offset.equals(ZoneOffset.UTC) ? "+00:00" : offset.getId();
    });
  }

  /** @throws InvalidRequestException unless {@code text} is an ISO 8601 offset or {@code UTC+X} */
  void setUtcOffset(String text) {
    parseUtcOffset(text);
    utcOffset = Optional.of(text);
  }

  void resetUtcOffset() {
    utcOffset = Optional.empty();
  }

  /** Timezone as written, or the clock's zone ({@code Etc/UTC} for a UTC clock). */
  String timezone() {
    ZoneId zone = zone();
    return timezone.isEmpty() && zone.normalized().equals(ZoneOffset.UTC) ? "Etc/UTC" : zone.getId();
  }

  /** @throws InvalidRequestException for a zone id this host does not know */
  void setTimezone(String id) {
    try {
      timezone = Optional.of(ZoneId.of(id));
    } catch (DateTimeException e) {
      throw new InvalidRequestException("unknown time zone '" + id + "' for /3/0/15", e);
    }
  }

  void resetTimezone() {
    timezone = Optional.empty();
  }

  private ZoneId zone() {
    return timezone.orElse(clock.getZone());
  }

  /** Accepts the ISO 8601 forms ({@code Z}, {@code +02}, {@code +02:00}, {@code -0530}) and {@code UTC+X}. */
  static ZoneOffset parseUtcOffset(String text) {
    String offset = text.trim();
    if (offset.regionMatches(true, 0, "UTC", 0, 3)) {
      offset = offset.substring(3);
      if (offset.isEmpty()) {
        return ZoneOffset.UTC;
      }
    }
    try {
      return ZoneOffset.of(offset);
    } catch (DateTimeException e) {
      throw new InvalidRequestException("invalid UTC offset '" + text + "' for /3/0/14 (expected e.g. +02:00)", e);
    }
  }
}
