package org.lwm2m4j.client.object.standard;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.ToIntFunction;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.core.value.StringValue;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.TimeValue;
import org.lwm2m4j.core.value.Value;

/**
 * The Device object's instance {@code /3/0}: the device's identity from {@link DeviceInfo}, its
 * power sources and battery, memory of this JVM, error codes, clock and time zone, and the Reboot,
 * Factory Reset and Reset Error Code actions.
 *
 * <p>Reboot and Factory Reset run their callbacks on the deferring executor (the client's scheduler), after the Execute has
 * returned, so the 2.04 reaches the server before the device goes away. Current Time follows the
 * clock; a server writing it shifts the device's time by the difference (the host clock itself is
 * not touched). A battery level below {@value #LOW_BATTERY_PERCENT}% sets Battery Status "low" and
 * raises error code 1 (low battery), and Reset Error Code re-raises errors whose cause persists, as
 * the object's definition asks.
 *
 * <p>Thread-safe: the application's setters may run on any thread; they report to observers after
 * releasing the instance's lock.
 */
public final class DeviceInstance extends StoredInstance {
  /** Below this battery level (%), the battery is reported low. */
  public static final int LOW_BATTERY_PERCENT = 15;
  /** How long a reboot or factory reset waits on the scheduler after the Execute, in ms. */
  public static final long DEFAULT_ACTION_DELAY_MILLIS = 100;

  /** Error code 1 of resource 11: low battery power. */
  public static final int ERROR_LOW_BATTERY = 1;
  /** The highest error code (16..32 are device specific). */
  public static final int MAX_ERROR_CODE = 32;

  /** Battery Status (20) values. */
  public static final int BATTERY_NORMAL = 0;
  public static final int BATTERY_CHARGING = 1;
  public static final int BATTERY_CHARGE_COMPLETE = 2;
  public static final int BATTERY_DAMAGED = 3;
  public static final int BATTERY_LOW = 4;
  public static final int BATTERY_NOT_INSTALLED = 5;
  public static final int BATTERY_UNKNOWN = 6;

  static final int MANUFACTURER = 0;
  static final int MODEL_NUMBER = 1;
  static final int SERIAL_NUMBER = 2;
  static final int FIRMWARE_VERSION = 3;
  static final int REBOOT = 4;
  static final int FACTORY_RESET = 5;
  static final int POWER_SOURCES = 6;
  static final int POWER_VOLTAGE = 7;
  static final int POWER_CURRENT = 8;
  static final int BATTERY_LEVEL = 9;
  static final int MEMORY_FREE = 10;
  static final int ERROR_CODE = 11;
  static final int RESET_ERROR_CODE = 12;
  static final int CURRENT_TIME = 13;
  static final int UTC_OFFSET = 14;
  static final int TIMEZONE = 15;
  static final int SUPPORTED_BINDINGS = 16;
  static final int DEVICE_TYPE = 17;
  static final int HARDWARE_VERSION = 18;
  static final int SOFTWARE_VERSION = 19;
  static final int BATTERY_STATUS = 20;
  static final int MEMORY_TOTAL = 21;

  private static final List<Integer> LIVE_IDS = List.of(POWER_SOURCES, POWER_VOLTAGE, POWER_CURRENT, BATTERY_LEVEL,
      MEMORY_FREE, ERROR_CODE, CURRENT_TIME, UTC_OFFSET, TIMEZONE, BATTERY_STATUS, MEMORY_TOTAL);
  private static final int KILOBYTE = 1000;

  private final Runnable onReboot;
  private final Runnable onFactoryReset;
  private final Executor deferred;
  private final Runtime runtime = Runtime.getRuntime();

  // Guarded by this.
  private List<PowerSource> powerSources = List.of(new PowerSource(PowerSource.INTERNAL_BATTERY, 3700, 0));
  private final BatteryAndErrors battery = new BatteryAndErrors();
  private final DeviceClock time;

  /**
   * A device on {@code scheduler}'s clock, in the host's time zone, whose reboot and factory reset
   * run on {@code scheduler} {@value #DEFAULT_ACTION_DELAY_MILLIS} ms after the Execute returns.
   */
  public DeviceInstance(DeviceInfo info, Runnable onReboot, Runnable onFactoryReset, Scheduler scheduler) {
    this(info, onReboot, onFactoryReset, scheduler.clock().withZone(ZoneId.systemDefault()),
        task -> scheduler.schedule(Duration.ofMillis(DEFAULT_ACTION_DELAY_MILLIS), task));
  }

  /**
   * @param clock the device clock: Current Time, and the default UTC Offset and Timezone (its zone)
   * @param deferred runs the reboot and factory reset callbacks; it must not run them on the
   *     calling thread, so that the Execute's response goes out first
   */
  public DeviceInstance(DeviceInfo info, Runnable onReboot, Runnable onFactoryReset, Clock clock, Executor deferred) {
    super(0, identity(info));
    this.onReboot = Objects.requireNonNull(onReboot, "onReboot");
    this.onFactoryReset = Objects.requireNonNull(onFactoryReset, "onFactoryReset");
    this.time = new DeviceClock(Objects.requireNonNull(clock, "clock"));
    this.deferred = Objects.requireNonNull(deferred, "deferred");
  }

  private static List<LwM2mResource> identity(DeviceInfo info) {
    List<LwM2mResource> resources = new ArrayList<>();
    addText(resources, MANUFACTURER, info.manufacturer());
    addText(resources, MODEL_NUMBER, info.modelNumber());
    addText(resources, SERIAL_NUMBER, info.serialNumber());
    addText(resources, FIRMWARE_VERSION, info.firmwareVersion());
    addText(resources, SUPPORTED_BINDINGS, "U");
    addText(resources, DEVICE_TYPE, info.deviceType());
    addText(resources, HARDWARE_VERSION, info.hardwareVersion());
    addText(resources, SOFTWARE_VERSION, info.softwareVersion());
    return resources;
  }

  private static void addText(List<LwM2mResource> resources, int id, String text) {
    if (!text.isEmpty()) {
      resources.add(SingleResource.of(id, Value.of(text)));
    }
  }

  // ---- what the tree reads and writes --------------------------------------------------------

  @Override
  protected List<Integer> resourceIds() {
    Set<Integer> ids = new TreeSet<>(super.resourceIds());
    ids.addAll(LIVE_IDS);
    return new ArrayList<>(ids);
  }

  @Override
  public synchronized Optional<LwM2mResource> resource(int resourceId) {
    switch (resourceId) {
      case POWER_SOURCES:
        return Optional.of(powerResource(POWER_SOURCES, PowerSource::type));
      case POWER_VOLTAGE:
        return Optional.of(powerResource(POWER_VOLTAGE, PowerSource::voltageMillivolts));
      case POWER_CURRENT:
        return Optional.of(powerResource(POWER_CURRENT, PowerSource::currentMilliamps));
      case BATTERY_LEVEL:
        return single(BATTERY_LEVEL, Value.ofInteger(battery.level()));
      case MEMORY_FREE:
        return single(MEMORY_FREE, Value.ofInteger(memoryFreeBytes() / KILOBYTE));
      case ERROR_CODE:
        return Optional.of(battery.errorCodeResource());
      case CURRENT_TIME:
        return single(CURRENT_TIME, Value.ofTime(time.currentTime()));
      case UTC_OFFSET:
        return single(UTC_OFFSET, Value.of(time.utcOffset()));
      case TIMEZONE:
        return single(TIMEZONE, Value.of(time.timezone()));
      case BATTERY_STATUS:
        return single(BATTERY_STATUS, Value.ofInteger(battery.status()));
      case MEMORY_TOTAL:
        return single(MEMORY_TOTAL, Value.ofInteger(memoryTotalBytes() / KILOBYTE));
      default:
        return super.resource(resourceId);
    }
  }

  /**
   * Stores Current Time (as an offset to the clock), UTC Offset and Timezone; 4.00 for an offset or
   * zone this device cannot understand.
   */
  @Override
  public synchronized void write(LwM2mResource resource) {
    switch (resource.id()) {
      case CURRENT_TIME:
        if (!(resource instanceof SingleResource single && single.value() instanceof TimeValue written)) {
          throw new InvalidRequestException("Current Time (/3/0/13) takes a Time value");
        }
        time.setCurrentTime(written.epochSeconds());
        return;
      case UTC_OFFSET:
        time.setUtcOffset(text(resource));
        return;
      case TIMEZONE:
        time.setTimezone(text(resource));
        return;
      case BATTERY_LEVEL:
      case BATTERY_STATUS:
        // read-only for servers; a local (console, bootstrap) write goes through the typed setters
        if (!(resource instanceof SingleResource level && level.value() instanceof IntegerValue number)) {
          throw new InvalidRequestException("/3/0/" + resource.id() + " takes an Integer value");
        }
        try {
          if (resource.id() == BATTERY_LEVEL) {
            setBatteryLevel((int) number.value());
          } else {
            setBatteryStatus((int) number.value());
          }
        } catch (IllegalArgumentException e) {
          throw new InvalidRequestException(e.getMessage());
        }
        return;
      default:
        super.write(resource);
    }
  }

  /** A replacing Write that leaves out Current Time, UTC Offset or Timezone returns it to the clock's. */
  @Override
  public synchronized void remove(int resourceId) {
    switch (resourceId) {
      case CURRENT_TIME -> time.resetCurrentTime();
      case UTC_OFFSET -> time.resetUtcOffset();
      case TIMEZONE -> time.resetTimezone();
      default -> super.remove(resourceId);
    }
  }

  /** Reboot (4), Factory Reset (5) — both deferred — and Reset Error Code (12). */
  @Override
  public void execute(int resourceId, String arguments) {
    switch (resourceId) {
      case REBOOT -> deferred.execute(onReboot);
      case FACTORY_RESET -> deferred.execute(onFactoryReset);
      case RESET_ERROR_CODE -> resetErrorCodes();
      default -> super.execute(resourceId, arguments);
    }
  }

  // ---- what the application reports ---------------------------------------------------------

  /**
   * Sets a stored resource (the identity strings, Supported Binding and Modes) and tells observers.
   *
   * @throws IllegalArgumentException for a resource this instance computes; use its typed setter
   */
  @Override
  public void set(int resourceId, Value value) {
    if (LIVE_IDS.contains(resourceId)) {
      throw new IllegalArgumentException("/3/0/" + resourceId + " is computed by the device; use its setter");
    }
    super.set(resourceId, value);
  }

  /** The active error codes, oldest first; empty when there is no error. */
  public synchronized List<Integer> errorCodes() {
    return battery.errorCodes();
  }

  /**
   * Raises an error (1..32) and tells observers; raising an active error changes nothing.
   *
   * @throws IllegalArgumentException if {@code code} is not 1..32 (0 means "no error" and is implied)
   */
  public void addErrorCode(int code) {
    if (code < 1 || code > MAX_ERROR_CODE) {
      throw new IllegalArgumentException("error code must be 1.." + MAX_ERROR_CODE + ", not " + code);
    }
    boolean added;
    synchronized (this) {
      added = battery.addError(code);
    }
    if (added) {
      changed(ERROR_CODE);
    }
  }

  /** Clears an error whose cause is gone and tells observers; clearing an inactive error changes nothing. */
  public void clearErrorCode(int code) {
    boolean removed;
    synchronized (this) {
      removed = battery.clearError(code);
    }
    if (removed) {
      changed(ERROR_CODE);
    }
  }

  /**
   * Sets the internal battery's charge (0..100 %). Crossing {@value #LOW_BATTERY_PERCENT}% turns a
   * normal Battery Status low (and raises error 1) or back; other statuses (charging, damaged, ...)
   * are left to {@link #setBatteryStatus}.
   */
  public void setBatteryLevel(int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("battery level must be 0..100, not " + percent);
    }
    List<Integer> changedIds;
    synchronized (this) {
      changedIds = battery.setLevel(percent);
    }
    report(changedIds);
  }

  /** Sets Battery Status (0..6, see the {@code BATTERY_} constants) and tells observers. */
  public void setBatteryStatus(int status) {
    if (status < BATTERY_NORMAL || status > BATTERY_UNKNOWN) {
      throw new IllegalArgumentException("battery status must be 0..6, not " + status);
    }
    List<Integer> changedIds;
    synchronized (this) {
      changedIds = battery.setStatus(status);
    }
    report(changedIds);
  }

  /** Replaces the power sources (resources 6, 7, 8; one resource instance per source, in order). */
  public void setPowerSources(List<PowerSource> sources) {
    List<PowerSource> copy = List.copyOf(sources);
    List<Integer> changedIds = new ArrayList<>();
    synchronized (this) {
      List<PowerSource> old = powerSources;
      powerSources = copy;
      addIfDifferent(changedIds, POWER_SOURCES, old, copy, PowerSource::type);
      addIfDifferent(changedIds, POWER_VOLTAGE, old, copy, PowerSource::voltageMillivolts);
      addIfDifferent(changedIds, POWER_CURRENT, old, copy, PowerSource::currentMilliamps);
    }
    report(changedIds);
  }

  /** The power sources as reported now. */
  public synchronized List<PowerSource> powerSources() {
    return powerSources;
  }

  // ---- internals ----------------------------------------------------------------------------

  private void resetErrorCodes() {
    synchronized (this) {
      battery.resetErrors();
    }
    changed(ERROR_CODE);
  }

  private MultipleResource powerResource(int id, ToIntFunction<PowerSource> field) {
    List<LwM2mResourceInstance> instances = new ArrayList<>();
    for (PowerSource source : powerSources) {
      instances.add(LwM2mResourceInstance.of(instances.size(), Value.ofInteger(field.applyAsInt(source))));
    }
    return new MultipleResource(id, ResourceType.INTEGER, instances);
  }

  private static void addIfDifferent(List<Integer> changedIds, int id, List<PowerSource> old, List<PowerSource> now,
      ToIntFunction<PowerSource> field) {
    if (!old.stream().map(field::applyAsInt).toList().equals(now.stream().map(field::applyAsInt).toList())) {
      changedIds.add(id);
    }
  }

  private static String text(LwM2mResource resource) {
    if (resource instanceof SingleResource single && single.value() instanceof StringValue text) {
      return text.value();
    }
    throw new InvalidRequestException("resource " + resource.id() + " of /3/0 takes a String value");
  }

  private long memoryTotalBytes() {
    long max = runtime.maxMemory();
    return max == Long.MAX_VALUE ? runtime.totalMemory() : max;
  }

  private long memoryFreeBytes() {
    long used = runtime.totalMemory() - runtime.freeMemory();
    return Math.max(0, memoryTotalBytes() - used);
  }

  private static Optional<LwM2mResource> single(int id, Value value) {
    return Optional.of(SingleResource.of(id, value));
  }

  private void report(List<Integer> ids) {
    if (!ids.isEmpty()) {
      changed(ids.stream().mapToInt(Integer::intValue).toArray());
    }
  }
}
