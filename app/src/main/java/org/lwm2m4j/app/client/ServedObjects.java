package org.lwm2m4j.app.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.Version;

/**
 * The objects of {@code --object ID[:VER]}: any modelled object the client serves from stored
 * values, with no instances until a server (or the console) creates them.
 *
 * @param ids the object ids, in the order given
 * @param models the registry to give the client: the one given, except that for an object whose
 *     version was pinned it holds only that version (the client implements the newest it knows)
 */
record ServedObjects(List<Integer> ids, ObjectModelRegistry models) {
  /** The objects {@code lwm2m client} serves itself, whatever the options. */
  static final int BUILT_IN_UP_TO = 7;

  ServedObjects {
    ids = List.copyOf(ids);
  }

  /**
   * Resolves the {@code --object} values against {@code models}.
   *
   * @throws BadInputException for a malformed value, an object or version the models do not know,
   *     a built-in object or one given twice, naming what is known
   */
  static ServedObjects resolve(List<String> values, ObjectModelRegistry models) {
    Map<Integer, Optional<Version>> wanted = new LinkedHashMap<>();
    for (String value : values) {
      int colon = value.indexOf(':');
      int objectId = objectId(colon < 0 ? value : value.substring(0, colon), value);
      Optional<Version> version = colon < 0 ? Optional.empty() : Optional.of(version(value.substring(colon + 1), value));
      if (objectId <= BUILT_IN_UP_TO) {
        throw new BadInputException("--object " + value + ": objects 0-" + BUILT_IN_UP_TO + " are built in; give others, e.g. --object 3303");
      }
      if (wanted.put(objectId, version) != null) {
        throw new BadInputException("--object " + value + ": object " + objectId + " is given twice");
      }
      if (models.objectModel(objectId).isEmpty()) {
        throw new BadInputException("--object " + value + ": no model for object " + objectId
            + " (add its DDF file with --models-dir); known objects: " + ranges(knownIds(models)));
      }
      if (version.isPresent() && models.objectModel(objectId, version.get()).isEmpty()) {
        throw new BadInputException("--object " + value + ": object " + objectId + " has no version " + version.get()
            + "; known versions: " + versionsOf(models, objectId));
      }
    }
    return new ServedObjects(new ArrayList<>(wanted.keySet()), pinned(models, wanted));
  }

  private static int objectId(String text, String value) {
    try {
      int id = Integer.parseInt(text);
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below, with the form expected
    }
    throw new BadInputException("--object takes ID[:VERSION], e.g. 3303 or 3303:1.1, got '" + value + "'");
  }

  private static Version version(String text, String value) {
    try {
      return Version.parseExact(text);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--object takes ID[:VERSION], e.g. 3303 or 3303:1.1, got '" + value + "'");
    }
  }

  /** The registry with only the pinned version of each pinned object, when that is not the newest anyway. */
  private static ObjectModelRegistry pinned(ObjectModelRegistry models, Map<Integer, Optional<Version>> wanted) {
    Map<Integer, Version> older = new LinkedHashMap<>();
    wanted.forEach((id, version) -> version.filter(v -> !models.objectModel(id).orElseThrow().version().equals(v))
        .ifPresent(v -> older.put(id, v)));
    if (older.isEmpty()) {
      return models;
    }
    // parses every model, once, and only when an older version is asked for
    return ObjectModelRegistry.of(models.models().stream()
        .filter(model -> !older.containsKey(model.id()) || older.get(model.id()).equals(model.version())).toList());
  }

  private static TreeSet<Integer> knownIds(ObjectModelRegistry models) {
    return models.models().stream().map(ObjectModel::id).collect(Collectors.toCollection(TreeSet::new));
  }

  private static String versionsOf(ObjectModelRegistry models, int objectId) {
    return models.models().stream().filter(model -> model.id() == objectId).map(model -> model.version().toString())
        .collect(Collectors.joining(", "));
  }

  /** {@code 0-7, 9, 3200-3203}: the ids in runs, short enough for one line. */
  static String ranges(TreeSet<Integer> ids) {
    List<String> runs = new ArrayList<>();
    Integer start = null;
    Integer previous = null;
    for (int id : ids) {
      if (previous != null && id == previous + 1) {
        previous = id;
        continue;
      }
      if (start != null) {
        runs.add(start.equals(previous) ? start.toString() : start + "-" + previous);
      }
      start = id;
      previous = id;
    }
    if (start != null) {
      runs.add(start.equals(previous) ? start.toString() : start + "-" + previous);
    }
    return String.join(", ", runs);
  }
}
