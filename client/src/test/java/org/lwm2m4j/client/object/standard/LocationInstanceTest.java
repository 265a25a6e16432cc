package org.lwm2m4j.client.object.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.lwm2m4j.client.object.standard.RecordingListener.path;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.FloatValue;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.core.value.Value;

class LocationInstanceTest {
  private static final Instant NOW = Instant.parse("2024-07-01T12:00:00Z");

  private final RecordingListener listener = new RecordingListener();
  private final ObjectTree tree = new ObjectTree();

  private LocationInstance locationOn(Clock clock) {
    LocationInstance location = new LocationInstance(-43.5723, 153.2176, clock);
    StandardObjects.addLocation(tree, ObjectModelRegistry.bundled(), location);
    tree.addListener(listener);
    return location;
  }

  private Value value(String path) {
    return ((SingleResource) tree.dmView().read(LwM2mPath.parse(path))).value();
  }

  @Test
  void readHoldsThePositionAndWhenItWasMeasured() {
    locationOn(Clock.fixed(NOW, ZoneOffset.UTC));

    LwM2mObjectInstance instance = (LwM2mObjectInstance) tree.dmView().read(LwM2mPath.parse("/6/0"));

    assertThat(instance.resources()).extracting(LwM2mResource::id).containsExactly(0, 1, 5);
    assertThat(value("/6/0/0")).isEqualTo(Value.ofFloat(-43.5723));
    assertThat(value("/6/0/1")).isEqualTo(Value.ofFloat(153.2176));
    assertThat(value("/6/0/5")).isEqualTo(Value.ofTime(NOW.getEpochSecond()));
  }

  @Test
  void moveToReportsExactlyTheResourcesThatChanged() {
    LocationInstance location = locationOn(Clock.fixed(NOW, ZoneOffset.UTC));

    location.moveTo(-43.5723, 153.3, 12.5);

    assertThat(listener.drain()).containsExactlyInAnyOrder(path("/6/0/1"), path("/6/0/2"));
    assertThat(value("/6/0/1")).isEqualTo(Value.ofFloat(153.3));
    assertThat(value("/6/0/2")).isEqualTo(Value.ofFloat(12.5));

    location.moveTo(-43.6, 153.3);

    assertThat(listener.events).hasSize(1);
    assertThat(listener.drain()).containsExactly(path("/6/0/0"));
    assertThat(value("/6/0/2")).as("altitude kept").isEqualTo(Value.ofFloat(12.5));
  }

  @Test
  void aLaterFixUpdatesTheTimestampAndGivesSpeedAndVelocity() {
    SettableClock clock = new SettableClock(NOW, ZoneOffset.UTC);
    LocationInstance location = locationOn(clock);
    clock.advance(Duration.ofSeconds(100));

    // Due north by 0.01° of latitude: about 1112 m in 100 s.
    location.moveTo(-43.5623, 153.2176);

    assertThat(listener.drain()).containsExactlyInAnyOrder(path("/6/0/0"), path("/6/0/4"), path("/6/0/5"),
        path("/6/0/6"));
    assertThat(value("/6/0/5")).isEqualTo(Value.ofTime(NOW.getEpochSecond() + 100));
    assertThat(((FloatValue) value("/6/0/6")).value()).isCloseTo(11.12, within(0.01));
    HorizontalVelocity velocity = HorizontalVelocity.decode(((OpaqueValue) value("/6/0/4")).bytes());
    assertThat(velocity.bearingDegrees()).isEqualTo(0);
    assertThat(velocity.speedMetresPerSecond() * 3.6).isCloseTo(40, within(1e-9)); // 11.12 m/s = 40.03 km/h
  }

  @Test
  void greatCircleDistanceAndBearingMatchKnownValues() {
    // One degree of arc on the mean sphere, and due east along the equator.
    assertThat(LocationInstance.distanceMetres(0, 0, 1, 0)).isCloseTo(111_195, within(1.0));
    assertThat(LocationInstance.bearingDegrees(0, 0, 0, 1)).isCloseTo(90, within(1e-9));
    assertThat(LocationInstance.bearingDegrees(0, 0, -1, 0)).isCloseTo(180, within(1e-9));
  }

  @Test
  void radiusIsReportedAndCoordinatesAreChecked() {
    LocationInstance location = locationOn(Clock.fixed(NOW, ZoneOffset.UTC));

    location.setRadius(25);

    assertThat(value("/6/0/3")).isEqualTo(Value.ofFloat(25));
    assertThat(listener.drain()).containsExactly(path("/6/0/3"));
    assertThatThrownBy(() -> location.moveTo(91, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> location.moveTo(0, -180.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> location.setRadius(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(listener.drain()).isEmpty();
  }

  @Test
  void serversCannotWriteThePosition() {
    locationOn(Clock.fixed(NOW, ZoneOffset.UTC));

    assertThatThrownBy(() -> tree.dmView().write(LwM2mPath.parse("/6/0/0"), SingleResource.of(0, Value.ofFloat(1)), true))
        .isInstanceOf(MethodNotAllowedException.class);
  }
}
