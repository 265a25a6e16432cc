package org.lwm2m4j.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The definition of one version of an LwM2M object: its identity ({@link #id()}, {@link
 * #version()}, {@link #urn()}), its multiplicity and its resources. Immutable; resource lookup by
 * id is a binary search over a sorted array, cheap enough for codec hot paths.
 */
public final class ObjectModel {
  private final int id;
  private final String name;
  private final String description;
  private final Version version;
  private final Version lwm2mVersion;
  private final String urn;
  private final boolean multiple;
  private final boolean mandatory;
  private final ResourceModel[] resources;
  private final int[] resourceIds;

  /**
   * @param id object id, 0..65534
   * @param name human-readable name
   * @param description description text (may be empty)
   * @param version the object version ({@code ObjectVersion}, 1.0 when absent)
   * @param lwm2mVersion the minimum enabler version ({@code LWM2MVersion}, 1.0 when absent)
   * @param urn the object URN; empty derives {@code urn:oma:lwm2m:{oma|ext|x}:id[:version]}
   * @param multiple whether the object may have several instances
   * @param mandatory whether every client must implement it
   * @param resources the resource definitions; ids must be unique
   * @throws IllegalArgumentException on a bad id or duplicate resource ids
   */
  public ObjectModel(
      int id,
      String name,
      String description,
      Version version,
      Version lwm2mVersion,
      String urn,
      boolean multiple,
      boolean mandatory,
      Collection<ResourceModel> resources) {
    if (id < 0 || id > 65534) {
      throw new IllegalArgumentException("object id " + id + " is outside 0..65534");
    }
    this.id = id;
    this.name = Objects.requireNonNull(name, "name");
    this.description = Objects.requireNonNull(description, "description");
    this.version = Objects.requireNonNull(version, "version");
    this.lwm2mVersion = Objects.requireNonNull(lwm2mVersion, "lwm2mVersion");
    this.urn = urn == null || urn.isBlank() ? defaultUrn(id, version) : urn.trim();
    this.multiple = multiple;
    this.mandatory = mandatory;
    List<ResourceModel> sorted = new ArrayList<>(resources);
    sorted.sort(Comparator.comparingInt(ResourceModel::id));
    this.resources = sorted.toArray(new ResourceModel[0]);
    this.resourceIds = new int[this.resources.length];
    for (int i = 0; i < this.resources.length; i++) {
      resourceIds[i] = this.resources[i].id();
      if (i > 0 && resourceIds[i] == resourceIds[i - 1]) {
        throw new IllegalArgumentException("object " + id + " defines resource " + resourceIds[i] + " twice");
      }
    }
  }

  /** The URN the registry would give: {@code urn:oma:lwm2m:oma:3}, {@code urn:oma:lwm2m:ext:3303:1.1}. */
  public static String defaultUrn(int id, Version version) {
    String kind = id < 2048 ? "oma" : id <= 10240 ? "ext" : "x";
    return "urn:oma:lwm2m:" + kind + ":" + id + (version.equals(Version.V1_0) ? "" : ":" + version);
  }

  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public Version version() {
    return version;
  }

  public Version lwm2mVersion() {
    return lwm2mVersion;
  }

  public String urn() {
    return urn;
  }

  /** Whether the object may have several instances (otherwise only instance 0 exists). */
  public boolean multiple() {
    return multiple;
  }

  public boolean mandatory() {
    return mandatory;
  }

  /** All resources, ordered by id. */
  public List<ResourceModel> resources() {
    return List.of(resources);
  }

  /** The resource with this id, if the object defines one. */
  public Optional<ResourceModel> resource(int resourceId) {
    int index = Arrays.binarySearch(resourceIds, resourceId);
    return index >= 0 ? Optional.of(resources[index]) : Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectModel other
        && id == other.id
        && multiple == other.multiple
        && mandatory == other.mandatory
        && name.equals(other.name)
        && description.equals(other.description)
        && version.equals(other.version)
        && lwm2mVersion.equals(other.lwm2mVersion)
        && urn.equals(other.urn)
        && Arrays.equals(resources, other.resources);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, version, urn, Arrays.hashCode(resources));
  }

  @Override
  public String toString() {
    return "ObjectModel[" + id + " " + name + " v" + version + ", " + resources.length + " resources]";
  }
}
