package org.lwm2m4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's Java code blocks are exactly the {@code README:begin}/{@code README:end} regions of
 * this module's sources (blanks aside), so the README shows code that compiles and runs.
 */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Pattern JAVA_BLOCK = Pattern.compile("^```java\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern REGION =
      Pattern.compile("^\\s*// README:begin (\\S+)\\n(.*?)^\\s*// README:end", Pattern.MULTILINE | Pattern.DOTALL);

  @Test
  void everySnippetRegionIsInTheReadme() throws IOException {
    List<String> readmeBlocks = readmeJavaBlocks().stream().map(ReadmeSnippetsTest::normalised).toList();
    Map<String, String> regions = snippetRegions();

    assertThat(regions).containsKeys("EmbeddedServer", "EmbeddedClient", "CodecExample");
    regions.forEach((name, code) -> assertThat(readmeBlocks)
        .as("README.md has no ```java block equal to region '%s' of %s; copy it from there", name, SOURCES)
        .contains(normalised(code)));
  }

  @Test
  void everyReadmeJavaBlockIsASnippetRegion() throws IOException {
    List<String> regions = snippetRegions().values().stream().map(ReadmeSnippetsTest::normalised).toList();

    for (String block : readmeJavaBlocks()) {
      assertThat(regions)
          .as("this ```java block of README.md is not a README:begin region of the examples module:%n%s", block)
          .contains(normalised(block));
    }
  }

  private static List<String> readmeJavaBlocks() throws IOException {
    Matcher blocks = JAVA_BLOCK.matcher(Files.readString(README));
    List<String> found = new ArrayList<>();
    while (blocks.find()) {
      found.add(blocks.group(1));
    }
    return found;
  }

  private static Map<String, String> snippetRegions() throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Matcher region = REGION.matcher(Files.readString(file));
        while (region.find()) {
          assertThat(regions.put(region.group(1), region.group(2))).as("region name %s used twice", region.group(1)).isNull();
        }
      }
    }
    return regions;
  }

  /** Blanks do not count: indentation and line breaks may differ between Markdown and Java. */
  private static String normalised(String code) {
    return code.replaceAll("\\s+", " ").strip();
  }
}
