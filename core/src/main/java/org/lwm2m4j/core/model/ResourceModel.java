package org.lwm2m4j.core.model;

import java.util.Objects;

/**
 * The definition of one resource of an object, as a DDF {@code <Item>} gives it.
 *
 * @param id resource id, 0..65534
 * @param name human-readable name
 * @param operations what the DM interface may do with it
 * @param multiple whether it holds resource instances
 * @param mandatory whether implementations of the object must have it
 * @param type the data type ({@link ResourceType#NONE} for executables)
 * @param rangeEnumeration the DDF range text, free-form ({@code "0..255"}, {@code "16,32,48"}), empty when none
 * @param units the DDF units text, free-form, empty when none
 * @param description the description text, empty when none
 */
public record ResourceModel(
    int id,
    String name,
    Operations operations,
    boolean multiple,
    boolean mandatory,
    ResourceType type,
    String rangeEnumeration,
    String units,
    String description) {

  public ResourceModel {
    if (id < 0 || id > 65534) {
      throw new IllegalArgumentException("resource id " + id + " is outside 0..65534");
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(operations, "operations");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(rangeEnumeration, "rangeEnumeration");
    Objects.requireNonNull(units, "units");
    Objects.requireNonNull(description, "description");
  }

  /** A resource with no range, units or description. */
  public static ResourceModel of(int id, String name, Operations operations, boolean multiple, boolean mandatory, ResourceType type) {
    return new ResourceModel(id, name, operations, multiple, mandatory, type, "", "", "");
  }
}
