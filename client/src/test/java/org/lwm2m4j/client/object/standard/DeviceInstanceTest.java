package org.lwm2m4j.client.object.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lwm2m4j.client.object.standard.RecordingListener.path;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.Value;

class DeviceInstanceTest {
  private static final Instant NOW = Instant.parse("2024-07-01T12:00:00Z");
  private static final DeviceInfo INFO =
      new DeviceInfo("Acme", "Sensor-1", "SN-0042", "1.4.2", "smart meter", "rev B", "");

  private final SettableClock clock = new SettableClock(NOW, ZoneId.of("Europe/Berlin"));
  private final Queue<Runnable> deferred = new ArrayDeque<>();
  private final AtomicInteger reboots = new AtomicInteger();
  private final AtomicInteger factoryResets = new AtomicInteger();
  private final RecordingListener listener = new RecordingListener();
  private final ObjectTree tree = new ObjectTree();
  private DeviceInstance device;

  @BeforeEach
  void setUp() {
    device = new DeviceInstance(INFO, reboots::incrementAndGet, factoryResets::incrementAndGet, clock, deferred::add);
    StandardObjects.addDevice(tree, ObjectModelRegistry.bundled(), device);
    tree.addListener(listener);
  }

  private LwM2mResource read(String path) {
    return (LwM2mResource) tree.dmView().read(LwM2mPath.parse(path));
  }

  private static Value value(LwM2mResource resource) {
    return ((SingleResource) resource).value();
  }

  private static List<Long> integers(LwM2mResource resource) {
    return ((MultipleResource) resource).instances().stream()
        .map(i -> ((IntegerValue) i.value()).value()).toList();
  }

  @Test
  void readOfTheInstanceHoldsEveryMandatoryValueResourceAndTheDeviceFacts() {
    LwM2mObjectInstance instance = (LwM2mObjectInstance) tree.dmView().read(LwM2mPath.parse("/3/0"));

    ObjectModel model = ObjectModelRegistry.bundled().objectModel(3).orElseThrow();
    for (ResourceModel resource : model.resources()) {
      if (resource.mandatory() && !resource.operations().isExecutable()) {
        assertThat(instance.resource(resource.id())).as(resource.name()).isPresent();
      }
    }
    assertThat(value(instance.resource(0).orElseThrow())).isEqualTo(Value.of("Acme"));
    assertThat(value(instance.resource(1).orElseThrow())).isEqualTo(Value.of("Sensor-1"));
    assertThat(value(instance.resource(2).orElseThrow())).isEqualTo(Value.of("SN-0042"));
    assertThat(value(instance.resource(3).orElseThrow())).isEqualTo(Value.of("1.4.2"));
    assertThat(value(instance.resource(16).orElseThrow())).isEqualTo(Value.of("U"));
    assertThat(value(instance.resource(17).orElseThrow())).isEqualTo(Value.of("smart meter"));
    assertThat(instance.resource(19)).as("empty software version is left out").isEmpty();
    assertThat(instance.resources()).extracting(LwM2mResource::id)
        .contains(6, 7, 8, 9, 10, 11, 13, 14, 15, 20, 21)
        .doesNotContain(4, 5, 12);
  }

  @Test
  void errorCodeStartsAsOneInstanceZero() {
    assertThat(read("/3/0/11")).isEqualTo(MultipleResource.of(11, ResourceType.INTEGER,
        LwM2mResourceInstance.of(0, Value.ofInteger(0))));
  }

  @Test
  void addedErrorCodesAreListedAndReportedOnce() {
    device.addErrorCode(3);
    device.addErrorCode(7);
    device.addErrorCode(3);

    assertThat(integers(read("/3/0/11"))).containsExactly(3L, 7L);
    assertThat(listener.drain()).containsExactly(path("/3/0/11"), path("/3/0/11"));
    assertThatThrownBy(() -> device.addErrorCode(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> device.addErrorCode(33)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resetErrorCodeLeavesTheSingleZeroAndTellsObservers() {
    device.addErrorCode(5);
    listener.drain();

    tree.dmView().execute(LwM2mPath.parse("/3/0/12"), "");

    assertThat(integers(read("/3/0/11"))).containsExactly(0L);
    assertThat(listener.drain()).containsExactly(path("/3/0/11"));
    assertThat(device.errorCodes()).isEmpty();
  }

  @Test
  void lowBatteryRaisesErrorOneWhichSurvivesResetWhileTheBatteryStaysLow() {
    device.setBatteryLevel(9);

    assertThat(value(read("/3/0/9"))).isEqualTo(Value.ofInteger(9));
    assertThat(value(read("/3/0/20"))).isEqualTo(Value.ofInteger(DeviceInstance.BATTERY_LOW));
    assertThat(integers(read("/3/0/11"))).containsExactly(1L);
    assertThat(listener.drain()).containsExactlyInAnyOrder(path("/3/0/9"), path("/3/0/20"), path("/3/0/11"));

    tree.dmView().execute(LwM2mPath.parse("/3/0/12"), "");
    assertThat(integers(read("/3/0/11"))).containsExactly(1L);

    device.setBatteryLevel(80);
    assertThat(integers(read("/3/0/11"))).containsExactly(0L);
    assertThat(value(read("/3/0/20"))).isEqualTo(Value.ofInteger(DeviceInstance.BATTERY_NORMAL));
  }

  @Test
  void chargingStatusIsKeptWhateverTheLevel() {
    device.setBatteryStatus(DeviceInstance.BATTERY_CHARGING);
    device.setBatteryLevel(5);

    assertThat(value(read("/3/0/20"))).isEqualTo(Value.ofInteger(DeviceInstance.BATTERY_CHARGING));
    assertThat(integers(read("/3/0/11"))).containsExactly(0L);
  }

  @Test
  void currentTimeFollowsTheClock() {
    assertThat(value(read("/3/0/13"))).isEqualTo(Value.ofTime(NOW.getEpochSecond()));

    clock.advance(Duration.ofSeconds(90));

    assertThat(value(read("/3/0/13"))).isEqualTo(Value.ofTime(NOW.getEpochSecond() + 90));
  }

  @Test
  void writingCurrentTimeShiftsTheDeviceTimeWhichKeepsTicking() {
    long serverTime = NOW.getEpochSecond() + 3600;
    tree.dmView().write(LwM2mPath.parse("/3/0/13"), SingleResource.of(13, Value.ofTime(serverTime)), true);

    assertThat(value(read("/3/0/13"))).isEqualTo(Value.ofTime(serverTime));
    clock.advance(Duration.ofSeconds(10));
    assertThat(value(read("/3/0/13"))).isEqualTo(Value.ofTime(serverTime + 10));
    assertThat(listener.drain()).containsExactly(path("/3/0/13"));
  }

  @Test
  void utcOffsetAndTimezoneDefaultToTheClockZone() {
    assertThat(value(read("/3/0/14"))).isEqualTo(Value.of("+02:00"));
    assertThat(value(read("/3/0/15"))).isEqualTo(Value.of("Europe/Berlin"));

    DeviceInstance utc = new DeviceInstance(INFO, () -> { }, () -> { }, Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run);
    assertThat(utc.resource(14).map(DeviceInstanceTest::value)).contains(Value.of("+00:00"));
    assertThat(utc.resource(15).map(DeviceInstanceTest::value)).contains(Value.of("Etc/UTC"));
  }

  @Test
  void writtenTimezoneAlsoGivesTheDefaultUtcOffset() {
    tree.dmView().write(LwM2mPath.parse("/3/0/15"), SingleResource.of(15, Value.of("America/New_York")), true);

    assertThat(value(read("/3/0/15"))).isEqualTo(Value.of("America/New_York"));
    assertThat(value(read("/3/0/14"))).isEqualTo(Value.of("-04:00"));

    tree.dmView().write(LwM2mPath.parse("/3/0/14"), SingleResource.of(14, Value.of("UTC+5")), true);
    assertThat(value(read("/3/0/14"))).isEqualTo(Value.of("UTC+5"));
  }

  @Test
  void unknownTimezoneOrMalformedOffsetIsABadRequest() {
    assertThatThrownBy(() -> tree.dmView().write(LwM2mPath.parse("/3/0/15"), SingleResource.of(15, Value.of("Mars/Olympus")), true))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> tree.dmView().write(LwM2mPath.parse("/3/0/14"), SingleResource.of(14, Value.of("two hours")), true))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(value(read("/3/0/15"))).isEqualTo(Value.of("Europe/Berlin"));
  }

  @Test
  void writingAReadOnlyResourceIsNotAllowed() {
    assertThatThrownBy(() -> tree.dmView().write(LwM2mPath.parse("/3/0/0"), SingleResource.of(0, Value.of("Other")), true))
        .isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> tree.dmView().write(LwM2mPath.parse("/3/0/9"), SingleResource.of(9, Value.ofInteger(1)), true))
        .isInstanceOf(MethodNotAllowedException.class);
  }

  @Test
  void rebootRunsOnlyAfterTheExecuteHasReturned() {
    tree.dmView().execute(LwM2mPath.parse("/3/0/4"), "");

    assertThat(reboots).hasValue(0);
    assertThat(deferred).hasSize(1);
    deferred.poll().run();
    assertThat(reboots).hasValue(1);
    assertThat(factoryResets).hasValue(0);
  }

  @Test
  void onTheClientsSchedulerRebootRunsAHundredMillisecondsAfterTheExecute() {
    VirtualScheduler scheduler = new VirtualScheduler();
    ObjectTree onScheduler = new ObjectTree();
    StandardObjects.addDevice(onScheduler, ObjectModelRegistry.bundled(),
        new DeviceInstance(INFO, reboots::incrementAndGet, factoryResets::incrementAndGet, scheduler));

    onScheduler.dmView().execute(LwM2mPath.parse("/3/0/4"), "");
    scheduler.advance(Duration.ofMillis(DeviceInstance.DEFAULT_ACTION_DELAY_MILLIS - 1));
    assertThat(reboots).as("the 2.04 goes out first").hasValue(0);
    scheduler.advance(Duration.ofMillis(1));

    assertThat(reboots).hasValue(1);
    assertThat(factoryResets).hasValue(0);
  }

  @Test
  void factoryResetRunsOnlyAfterTheExecuteHasReturned() {
    tree.dmView().execute(LwM2mPath.parse("/3/0/5"), "");

    assertThat(factoryResets).hasValue(0);
    deferred.poll().run();
    assertThat(factoryResets).hasValue(1);
    assertThat(reboots).hasValue(0);
  }

  @Test
  void executingAValueResourceIsNotAllowed() {
    assertThatThrownBy(() -> tree.dmView().execute(LwM2mPath.parse("/3/0/13"), ""))
        .isInstanceOf(MethodNotAllowedException.class);
  }

  @Test
  void powerSourcesShareResourceInstanceIdsAcrossSixSevenAndEight() {
    device.setPowerSources(List.of(new PowerSource(PowerSource.DC, 12000, 150),
        new PowerSource(PowerSource.INTERNAL_BATTERY, 3700, 0)));

    assertThat(integers(read("/3/0/6"))).containsExactly(0L, 1L);
    assertThat(integers(read("/3/0/7"))).containsExactly(12000L, 3700L);
    assertThat(integers(read("/3/0/8"))).containsExactly(150L, 0L);
    assertThat(listener.drain()).containsExactlyInAnyOrder(path("/3/0/6"), path("/3/0/7"), path("/3/0/8"));

    device.setPowerSources(List.of(new PowerSource(PowerSource.DC, 12000, 90),
        new PowerSource(PowerSource.INTERNAL_BATTERY, 3700, 0)));
    assertThat(listener.drain()).containsExactly(path("/3/0/8"));
  }

  @Test
  void memoryIsReportedInKilobytesFromTheRuntime() {
    long free = ((IntegerValue) value(read("/3/0/10"))).value();
    long total = ((IntegerValue) value(read("/3/0/21"))).value();

    assertThat(total).isPositive();
    assertThat(free).isBetween(0L, total);
  }

  @Test
  void storedFactsCanBeUpdatedButComputedValuesOnlyThroughTheirSetters() {
    device.set(3, Value.of("1.5.0"));

    assertThat(value(read("/3/0/3"))).isEqualTo(Value.of("1.5.0"));
    assertThat(listener.drain()).containsExactly(path("/3/0/3"));
    assertThatThrownBy(() -> device.set(9, Value.ofInteger(50))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deviceCannotBeCreatedASecondTime() {
    assertThatThrownBy(() -> tree.dmView().create(3, OptionalInt.empty(), List.of()))
        .isInstanceOf(InvalidRequestException.class);
  }
}
