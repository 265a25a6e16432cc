package org.lwm2m4j.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.lwm2m4j.core.model.ModelLoadException;
import org.lwm2m4j.core.model.ObjectModelRegistry;

/** Adds the DDF files of {@code --models-dir} to a registry, turning load failures into bad input. */
public final class ModelsDirectory {
  private ModelsDirectory() {}

  public static ObjectModelRegistry load(ObjectModelRegistry base, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BadInputException("--models-dir: " + dir + " is not a directory");
    }
    try {
      return base.withDirectory(dir);
    } catch (ModelLoadException e) {
      throw new BadInputException("--models-dir: " + e.getMessage(), e);
    }
  }
}
