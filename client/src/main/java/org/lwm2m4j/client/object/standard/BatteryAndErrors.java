package org.lwm2m4j.client.object.standard;

import static org.lwm2m4j.client.object.standard.DeviceInstance.BATTERY_LEVEL;
import static org.lwm2m4j.client.object.standard.DeviceInstance.BATTERY_LOW;
import static org.lwm2m4j.client.object.standard.DeviceInstance.BATTERY_NORMAL;
import static org.lwm2m4j.client.object.standard.DeviceInstance.BATTERY_STATUS;
import static org.lwm2m4j.client.object.standard.DeviceInstance.ERROR_CODE;
import static org.lwm2m4j.client.object.standard.DeviceInstance.ERROR_LOW_BATTERY;
import static org.lwm2m4j.client.object.standard.DeviceInstance.LOW_BATTERY_PERCENT;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.value.Value;

/**
 * The Device instance's battery (Battery Level 9, Battery Status 20) and its error codes (11),
 * which move together: a normal battery below {@value DeviceInstance#LOW_BATTERY_PERCENT}% turns
 * low, and a low battery holds error 1. Each change returns the resource ids it changed, for the
 * instance to report. Not thread-safe: the {@link DeviceInstance} guards it with its own lock.
 */
final class BatteryAndErrors {
  private int level = 100;
  private int status = BATTERY_NORMAL;
  private final Set<Integer> errors = new LinkedHashSet<>();

  int level() {
    return level;
  }

  int status() {
    return status;
  }

  List<Integer> errorCodes() {
    return List.copyOf(errors);
  }

  /** A new charge (0..100 %, checked by the caller); a normal or low status follows it. */
  List<Integer> setLevel(int percent) {
    List<Integer> changed = new ArrayList<>();
    if (percent != level) {
      level = percent;
      changed.add(BATTERY_LEVEL);
    }
    if (status == BATTERY_NORMAL || status == BATTERY_LOW) {
      int following = percent < LOW_BATTERY_PERCENT ? BATTERY_LOW : BATTERY_NORMAL;
      if (following != status) {
        status = following;
        changed.add(BATTERY_STATUS);
      }
    }
    if (updateLowBatteryError()) {
      changed.add(ERROR_CODE);
    }
    return changed;
  }

  /** A new Battery Status (0..6, checked by the caller). */
  List<Integer> setStatus(int newStatus) {
    List<Integer> changed = new ArrayList<>();
    if (newStatus != status) {
      status = newStatus;
      changed.add(BATTERY_STATUS);
    }
    if (updateLowBatteryError()) {
      changed.add(ERROR_CODE);
    }
    return changed;
  }

  /** Raises {@code code}; false if it was active already. */
  boolean addError(int code) {
    return errors.add(code);
  }

  /** Clears {@code code}; false if it was not active. */
  boolean clearError(int code) {
    return errors.remove(code);
  }

  /** Reset Error Code: clears every error, then raises again those whose cause persists (a low battery). */
  void resetErrors() {
    errors.clear();
    updateLowBatteryError();
  }

  /** Error Code (11): one instance per active error, oldest first, or a single 0 for "no error". */
  MultipleResource errorCodeResource() {
    List<LwM2mResourceInstance> instances = new ArrayList<>();
    if (errors.isEmpty()) {
      instances.add(LwM2mResourceInstance.of(0, Value.ofInteger(0)));
    }
    for (int code : errors) {
      instances.add(LwM2mResourceInstance.of(instances.size(), Value.ofInteger(code)));
    }
    return new MultipleResource(ERROR_CODE, ResourceType.INTEGER, instances);
  }

  /** Keeps error 1 in step with the battery; true if the error list changed. */
  private boolean updateLowBatteryError() {
    return status == BATTERY_LOW ? errors.add(ERROR_LOW_BATTERY) : errors.remove(ERROR_LOW_BATTERY);
  }
}
