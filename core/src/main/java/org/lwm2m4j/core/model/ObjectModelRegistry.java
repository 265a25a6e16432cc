package org.lwm2m4j.core.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 * <p>Thread-safe. Lookups are a binary search over a sorted id array and allocate nothing.
 */
public final class ObjectModelRegistry implements ModelLookup {
  private static final String BUNDLED_INDEX = "bundled/index.txt";

  private static final ObjectModelRegistry EMPTY = new ObjectModelRegistry(new TreeMap<>());

  /** Sorted object ids. */
  private final int[] ids;
  /** For each id, its versions in ascending order. */
  private final ObjectModel[][] versions;
  /** For each id, the newest version, pre-wrapped so the hot lookup allocates nothing. */
  private final Optional<ObjectModel>[] newest;
  /** Every model, ordered by id then version. */
  private final List<ObjectModel> models;

  @SuppressWarnings("unchecked")
  private ObjectModelRegistry(TreeMap<Integer, TreeMap<Version, ObjectModel>> byId) {
    int count = byId.size();
    this.ids = new int[count];
    this.versions = new ObjectModel[count][];
    this.newest = (Optional<ObjectModel>[]) new Optional<?>[count];
    List<ObjectModel> all = new ArrayList<>();
    int i = 0;
    for (Map.Entry<Integer, TreeMap<Version, ObjectModel>> entry : byId.entrySet()) {
      ids[i] = entry.getKey();
      versions[i] = entry.getValue().values().toArray(new ObjectModel[0]);
      newest[i] = Optional.of(versions[i][versions[i].length - 1]);
      all.addAll(entry.getValue().values());
      i++;
    }
    this.models = List.copyOf(all);
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
   * The models shipped with lwm2m4j: the core objects 0–7 at their newest versions and the common
   * IPSO objects. Loaded on first use and shared.
   *
   * @throws IllegalStateException if the bundled definitions are missing or broken (a packaging
   *     fault, not a user error)
   */
  public static ObjectModelRegistry bundled() {
    return Bundled.REGISTRY;
  }

  /**
   * This registry plus {@code added}; an added model replaces one with the same id and version,
   * and among the added ones the last such model counts.
   */
  public ObjectModelRegistry withModels(Collection<ObjectModel> added) {
    Objects.requireNonNull(added, "added");
    if (added.isEmpty()) {
      return this;
    }
    TreeMap<Integer, TreeMap<Version, ObjectModel>> byId = new TreeMap<>();
    for (ObjectModel model : models) {
      byId.computeIfAbsent(model.id(), id -> new TreeMap<>()).put(model.version(), model);
    }
    for (ObjectModel model : added) {
      Objects.requireNonNull(model, "model");
      byId.computeIfAbsent(model.id(), id -> new TreeMap<>()).put(model.version(), model);
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
    return index >= 0 ? newest[index] : Optional.empty();
  }

  /** Exactly this version of object {@code objectId}, if known. */
  public Optional<ObjectModel> objectModel(int objectId, Version version) {
    Objects.requireNonNull(version, "version");
    int index = Arrays.binarySearch(ids, objectId);
    if (index < 0) {
      return Optional.empty();
    }
    for (ObjectModel model : versions[index]) {
      if (model.version().equals(version)) {
        return Optional.of(model);
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
    ObjectModel[] known = versions[index];
    ObjectModel below = null;
    ObjectModel above = null;
    for (ObjectModel model : known) {
      Version candidate = model.version();
      if (candidate.equals(version)) {
        return Optional.of(model);
      }
      if (candidate.major() != version.major()) {
        continue;
      }
      if (candidate.compareTo(version) < 0) {
        below = model;
      } else if (above == null) {
        above = model;
      }
    }
    if (below != null) {
      return Optional.of(below);
    }
    return above != null ? Optional.of(above) : newest[index];
  }

  /**
   * The lookup for one client: for every object in {@code announced} the {@link #nearest} model
   * to the version the client announced, for every other object the newest known.
   *
   * @param announced object id → the version the client implements (from its registration)
   */
  public ModelLookup forVersions(Map<Integer, Version> announced) {
    Objects.requireNonNull(announced, "announced");
    TreeMap<Integer, ObjectModel> chosen = new TreeMap<>();
    for (Map.Entry<Integer, Version> entry : announced.entrySet()) {
      int objectId = Objects.requireNonNull(entry.getKey(), "object id");
      Version version = Objects.requireNonNull(entry.getValue(), "version of object " + objectId);
      nearest(objectId, version).ifPresent(model -> chosen.put(objectId, model));
    }
    return chosen.isEmpty() ? this : new AnnouncedVersionsLookup(chosen, this);
  }

  /** Every model, every version, ordered by object id then version. */
  public Collection<ObjectModel> models() {
    return models;
  }

  @Override
  public String toString() {
    return "ObjectModelRegistry[" + ids.length + " objects, " + models.size() + " models]";
  }

  /** Holder of the bundled registry, so it is loaded on first use and exactly once. */
  private static final class Bundled {
    static final ObjectModelRegistry REGISTRY = load();

    private static ObjectModelRegistry load() {
      DdfParser parser = new DdfParser();
      List<ObjectModel> models = new ArrayList<>();
      try {
        for (String name : indexEntries()) {
          String resource = "bundled/" + name;
          try (InputStream in = ObjectModelRegistry.class.getResourceAsStream(resource)) {
            if (in == null) {
              throw new IllegalStateException("bundled model " + resource + " is missing");
            }
            models.addAll(parser.parse(in, resource));
          }
        }
      } catch (IOException | ModelLoadException e) {
        throw new IllegalStateException("bundled models cannot be loaded: " + e.getMessage(), e);
      }
      return of(models);
    }

    /** The file names the index lists, one a line; blank lines and {@code #} comments aside. */
    private static List<String> indexEntries() throws IOException {
      try (InputStream in = ObjectModelRegistry.class.getResourceAsStream(BUNDLED_INDEX)) {
        if (in == null) {
          throw new IllegalStateException("bundled model index " + BUNDLED_INDEX + " is missing");
        }
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          String name = line.strip();
          if (!name.isEmpty() && !name.startsWith("#")) {
            names.add(name);
          }
        }
        return names;
      }
    }
  }
}
