package org.lwm2m4j.core.model;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One object version held by a registry: either a model given as is, or a bundled definition
 * that is parsed the first time it is asked for — the registry holds several hundred, and a
 * program uses a handful. Thread-safe: a definition is parsed at most once, racing callers wait
 * for that one parse, and later calls read a field and allocate nothing.
 */
final class ModelSlot {
  private final int objectId;
  private final Version version;
  /** Parses the definition; null once it has run or for a model given as is. */
  private Supplier<ObjectModel> loader;
  /** Null until loaded; then the model, pre-wrapped so the hot lookup allocates nothing. */
  private volatile Optional<ObjectModel> model;

  private ModelSlot(int objectId, Version version, Supplier<ObjectModel> loader, ObjectModel model) {
    this.objectId = objectId;
    this.version = version;
    this.loader = loader;
    this.model = model == null ? null : Optional.of(model);
  }

  static ModelSlot of(ObjectModel model) {
    Objects.requireNonNull(model, "model");
    return new ModelSlot(model.id(), model.version(), null, model);
  }

  /**
   * A definition known by its id and version now and parsed by {@code loader} on first use; the
   * loader must answer a model of exactly that id and version.
   */
  static ModelSlot deferred(int objectId, Version version, Supplier<ObjectModel> loader) {
    return new ModelSlot(objectId, Objects.requireNonNull(version, "version"), loader, null);
  }

  int objectId() {
    return objectId;
  }

  Version version() {
    return version;
  }

  /**
   * The model, parsed now if this is its first use.
   *
   * @throws IllegalStateException if a deferred definition does not load, or is not the object
   *     version it was announced as (a packaging fault)
   */
  Optional<ObjectModel> model() {
    Optional<ObjectModel> loaded = model;
    if (loaded != null) {
      return loaded;
    }
    synchronized (this) {
      if (model == null) {
        ObjectModel parsed = loader.get();
        if (parsed.id() != objectId || !parsed.version().equals(version)) {
          throw new IllegalStateException(
              "bundled model of object " + objectId + " version " + version
                  + " holds object " + parsed.id() + " version " + parsed.version());
        }
        model = Optional.of(parsed);
        loader = null;
      }
      return model;
    }
  }
}
