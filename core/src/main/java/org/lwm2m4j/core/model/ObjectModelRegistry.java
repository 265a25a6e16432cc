package org.lwm2m4j.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An immutable set of object models, keyed by object id and version. As a {@link ModelLookup}
 * it answers the newest version of each object; {@link #forVersions} gives the view for a client
 * that announced the versions it implements.
 *
 * <p>Registries are built up by returning new instances: {@code
 * ObjectModelRegistry.bundled().withDirectory(modelsDir)} adds a user's definitions to the
 * bundled ones, a later definition of the same (id, version) replacing the earlier one.
 *
 * <p>Thread-safe. Lookups are a binary search over a sorted id array and allocate nothing once
 * the model has been loaded: the bundled definitions are parsed one by one, each the first time it
 * is asked for, so that {@link #bundled()} costs no more than reading an index.
 */
public final class ObjectModelRegistry implements ModelLookup {
  private static final String BUNDLED = "bundled/";

  private static final int MAX_VIEWS = 1_024;

  private static final ObjectModelRegistry EMPTY = new ObjectModelRegistry(new TreeMap<>());

  /** Sorted object ids. */
  private final int[] ids;
  /** For each id, its versions in ascending order. */
  private final ModelSlot[][] versions;
  private final int modelCount;
  /**
   * Client views by announced versions: asked for on every request and notification, and a fleet
   * announces few distinct sets; past the cap a view is built each time instead of kept.
   */
  private final java.util.concurrent.ConcurrentHashMap<Map<Integer, Version>, ModelLookup> views =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** Every model, ordered by id then version; null until {@link #models()} is first called. */
  private volatile List<ObjectModel> models;

  private ObjectModelRegistry(TreeMap<Integer, TreeMap<Version, ModelSlot>> byId) {
    int count = byId.size();
    this.ids = new int[count];
    this.versions = new ModelSlot[count][];
    int i = 0;
    int total = 0;
    for (Map.Entry<Integer, TreeMap<Version, ModelSlot>> entry : byId.entrySet()) {
      ids[i] = entry.getKey();
      versions[i] = entry.getValue().values().toArray(new ModelSlot[0]);
      total += versions[i].length;
      i++;
    }
    this.modelCount = total;
  }

  /** A registry holding nothing. */
  public static ObjectModelRegistry empty() {
    return EMPTY;
  }

  /**
   * A registry of exactly these models; of several with the same id and version, the last one
   * counts.
   */
  public static ObjectModelRegistry of(Collection<ObjectModel> models) {
    return EMPTY.withModels(models);
  }

  /**
   * The models shipped with lwm2m4j: every object of the OMA LwM2M registry at its newest version,
   * and the older versions of the core objects 0–5 and of several others. Shared; reading it
   * parses nothing, each definition is parsed when first asked for.
   *
   * @throws IllegalStateException if the bundled definitions are missing or broken (a packaging
   *     fault, not a user error), here or at the lookup that first parses a broken one
   */
  public static ObjectModelRegistry bundled() {
    return Bundled.REGISTRY;
  }

  /**
   * The registry of an index of definitions under {@code directory}, a resource path relative to
   * {@code anchor}; see {@link BundledIndex}.
   */
  static ObjectModelRegistry indexed(Class<?> anchor, String directory) {
    return EMPTY.withSlots(BundledIndex.read(anchor, directory));
  }

  /**
   * This registry plus {@code added}; an added model replaces one with the same id and version,
   * and among the added ones the last such model counts.
   */
  public ObjectModelRegistry withModels(Collection<ObjectModel> added) {
    Objects.requireNonNull(added, "added");
    List<ModelSlot> slots = new ArrayList<>(added.size());
    for (ObjectModel model : added) {
      slots.add(ModelSlot.of(model));
    }
    return withSlots(slots);
  }

  private ObjectModelRegistry withSlots(List<ModelSlot> added) {
    if (added.isEmpty()) {
      return this;
    }
    TreeMap<Integer, TreeMap<Version, ModelSlot>> byId = new TreeMap<>();
    for (int i = 0; i < ids.length; i++) {
      for (ModelSlot slot : versions[i]) {
        byId.computeIfAbsent(ids[i], id -> new TreeMap<>()).put(slot.version(), slot);
      }
    }
    for (ModelSlot slot : added) {
      byId.computeIfAbsent(slot.objectId(), id -> new TreeMap<>()).put(slot.version(), slot);
    }
    return new ObjectModelRegistry(byId);
  }

  /**
   * This registry plus every {@code *.xml} file directly in {@code directory}. Files are read in
   * file-name order, so that when several define the same object id and version, the one whose
   * name sorts last wins, whatever the file system's listing order; any of them replaces a model
   * of this registry with that id and version. Files that hold no object definitions (such as
   * the registry's {@code Common.xml} or {@code DDF.xml}) add nothing.
   *
   * @throws ModelLoadException if the directory cannot be listed or any file fails to load
   */
  public ObjectModelRegistry withDirectory(Path directory) throws ModelLoadException {
    Objects.requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new ModelLoadException(directory.toString(), 0, "is not a directory");
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files =
          listing
              .filter(ObjectModelRegistry::isXmlFile)
              .sorted(Comparator.comparing(path -> path.getFileName().toString()))
              .toList();
    } catch (IOException e) {
      throw new ModelLoadException(directory.toString(), 0, "cannot be listed: " + e, e);
    }
    DdfParser parser = new DdfParser();
    List<ObjectModel> loaded = new ArrayList<>();
    for (Path file : files) {
      loaded.addAll(parser.parse(file));
    }
    return withModels(loaded);
  }

  private static boolean isXmlFile(Path path) {
    return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")
        && Files.isRegularFile(path);
  }

  /** The newest known version of object {@code objectId}. */
  @Override
  public Optional<ObjectModel> objectModel(int objectId) {
    int index = Arrays.binarySearch(ids, objectId);
    return index >= 0 ? newest(index) : Optional.empty();
  }

  private Optional<ObjectModel> newest(int index) {
    ModelSlot[] known = versions[index];
    return known[known.length - 1].model();
  }

  /** Exactly this version of object {@code objectId}, if known. */
  public Optional<ObjectModel> objectModel(int objectId, Version version) {
    Objects.requireNonNull(version, "version");
    int index = Arrays.binarySearch(ids, objectId);
    if (index < 0) {
      return Optional.empty();
    }
    for (ModelSlot slot : versions[index]) {
      if (slot.version().equals(version)) {
        return slot.model();
      }
    }
    return Optional.empty();
  }

  /**
   * The known version of object {@code objectId} that best stands in for {@code version}, for a
   * client announcing a version this registry does not hold. In order of preference:
   *
   * <ol>
   *   <li>exactly {@code version};
   *   <li>the newest version with the same major number not above it — minor versions only add
   *       optional resources, so that model describes a subset of what the client has;
   *   <li>the oldest version with the same major number above it — a superset of what the client
   *       has, still compatible with every resource it sends;
   *   <li>the newest version of any major number, as a last resort.
   * </ol>
   *
   * Empty only when the object is not known at all. Callers should warn whenever the result's
   * version differs from {@code version}.
   */
  public Optional<ObjectModel> nearest(int objectId, Version version) {
    Objects.requireNonNull(version, "version");
    int index = Arrays.binarySearch(ids, objectId);
    if (index < 0) {
      return Optional.empty();
    }
    ModelSlot below = null;
    ModelSlot above = null;
    for (ModelSlot slot : versions[index]) {
      Version candidate = slot.version();
      if (candidate.equals(version)) {
        return slot.model();
      }
      if (candidate.major() != version.major()) {
        continue;
      }
      if (candidate.compareTo(version) < 0) {
        below = slot;
      } else if (above == null) {
        above = slot;
      }
    }
    if (below != null) {
      return below.model();
    }
    return above != null ? above.model() : newest(index);
  }

  /**
   * The lookup for one client: for every object in {@code announced} the {@link #nearest} model
   * to the version the client announced, for every other object the newest known.
   *
   * @param announced object id → the version the client implements (from its registration)
   */
  public ModelLookup forVersions(Map<Integer, Version> announced) {
    Objects.requireNonNull(announced, "announced");
    if (announced.isEmpty()) {
      return this;
    }
    ModelLookup known = views.get(announced);
    if (known != null) {
      return known;
    }
    ModelLookup view = viewFor(announced);
    if (views.size() < MAX_VIEWS) {
      views.putIfAbsent(Map.copyOf(announced), view);
    }
    return view;
  }

  private ModelLookup viewFor(Map<Integer, Version> announced) {
    TreeMap<Integer, ObjectModel> chosen = new TreeMap<>();
    for (Map.Entry<Integer, Version> entry : announced.entrySet()) {
      int objectId = Objects.requireNonNull(entry.getKey(), "object id");
      Version version = Objects.requireNonNull(entry.getValue(), "version of object " + objectId);
      nearest(objectId, version).ifPresent(model -> chosen.put(objectId, model));
    }
    return chosen.isEmpty() ? this : new AnnouncedVersionsLookup(chosen, this);
  }

  /**
   * Every model, every version, ordered by object id then version. The first call parses every
   * bundled definition not parsed yet.
   */
  public Collection<ObjectModel> models() {
    List<ObjectModel> all = models;
    if (all == null) {
      List<ObjectModel> loaded = new ArrayList<>(modelCount);
      for (ModelSlot[] slots : versions) {
        for (ModelSlot slot : slots) {
          loaded.add(slot.model().orElseThrow());
        }
      }
      all = List.copyOf(loaded);
      models = all;
    }
    return all;
  }

  @Override
  public String toString() {
    return "ObjectModelRegistry[" + ids.length + " objects, " + modelCount + " models]";
  }

  /** Holder of the bundled registry, so its index is read on first use and exactly once. */
  private static final class Bundled {
    static final ObjectModelRegistry REGISTRY = indexed(ObjectModelRegistry.class, BUNDLED);
  }
}
