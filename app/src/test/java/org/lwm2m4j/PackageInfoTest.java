package org.lwm2m4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package of every module (bench too) says what it is for in a {@code package-info.java}.
 * Walks the source tree rather than the classes: javac writes no package-info.class for a package
 * without annotations, so ArchUnit cannot see the file.
 */
class PackageInfoTest {
  // Surefire runs with app/ as the working directory; its parent is the repository root.
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void everyMainPackageHasAPackageInfo() throws IOException {
    List<Path> sourceRoots = sourceRoots();
    assertThat(sourceRoots).as("module source roots under %s", ROOT).hasSizeGreaterThanOrEqualTo(5);

    List<String> undocumented = sourceRoots.stream()
        .flatMap(PackageInfoTest::packageDirectories)
        .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
        .map(dir -> ROOT.relativize(dir).toString())
        .sorted()
        .collect(Collectors.toList());

    assertThat(undocumented).as("packages without package-info.java").isEmpty();
  }

  private static List<Path> sourceRoots() throws IOException {
    try (Stream<Path> modules = Files.list(ROOT)) {
      return modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory).sorted()
          .collect(Collectors.toList());
    }
  }

  private static Stream<Path> packageDirectories(Path sourceRoot) {
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      List<Path> directories = files.filter(file -> file.toString().endsWith(".java")).map(Path::getParent)
          .distinct().collect(Collectors.toList());
      return directories.stream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk " + sourceRoot, e);
    }
  }
}
