package org.lwm2m4j.core.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The index of a directory of bundled definitions ({@code index.txt}): one line per file, {@code
 * <file> <object id> <object version>}, blank lines and {@code #} comments aside. Reading it gives
 * a registry's slots without parsing a single definition; each file is parsed when its model is
 * first asked for. Stateless.
 */
final class BundledIndex {
  static final String INDEX = "index.txt";

  private BundledIndex() {}

  /**
   * The slots of the definitions under {@code directory}, a resource path relative to {@code
   * anchor} ending in {@code /}.
   *
   * @throws IllegalStateException if the index is missing or a line is malformed (a packaging
   *     fault, not a user error)
   */
  static List<ModelSlot> read(Class<?> anchor, String directory) {
    String index = directory + INDEX;
    try (InputStream in = anchor.getResourceAsStream(index)) {
      if (in == null) {
        throw new IllegalStateException("bundled model index " + index + " is missing");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<ModelSlot> slots = new ArrayList<>();
      int number = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        String entry = line.strip();
        if (!entry.isEmpty() && !entry.startsWith("#")) {
          slots.add(slot(anchor, directory, entry, index + ":" + number));
        }
      }
      return slots;
    } catch (IOException e) {
      throw new IllegalStateException("bundled model index " + index + " cannot be read: " + e, e);
    }
  }

  private static ModelSlot slot(Class<?> anchor, String directory, String entry, String where) {
    String[] fields = entry.split("\\s+");
    if (fields.length != 3) {
      throw new IllegalStateException(where + ": expected '<file> <object id> <version>', got '" + entry + "'");
    }
    int objectId;
    Version version;
    try {
      objectId = Integer.parseInt(fields[1]);
      version = Version.parse(fields[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + ": bad object id or version in '" + entry + "'", e);
    }
    String resource = directory + fields[0];
    return ModelSlot.deferred(objectId, version, () -> parse(anchor, resource));
  }

  /** The one definition a bundled file holds. */
  private static ObjectModel parse(Class<?> anchor, String resource) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("bundled model " + resource + " is missing");
      }
      List<ObjectModel> models = new DdfParser().parse(in, resource);
      if (models.size() != 1) {
        throw new IllegalStateException(
            "bundled model " + resource + " holds " + models.size() + " definitions, not one");
      }
      return models.get(0);
    } catch (IOException | ModelLoadException e) {
      throw new IllegalStateException("bundled model cannot be loaded: " + e.getMessage(), e);
    }
  }
}
