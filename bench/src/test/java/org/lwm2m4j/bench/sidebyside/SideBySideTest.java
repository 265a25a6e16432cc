package org.lwm2m4j.bench.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SideBySideTest {
  @Test
  void aTinyRunWritesATableWithEveryRowForEveryServer(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("side-by-side.md");

    String table = new SideBySide(new SideBySide.Settings(200, 50, 2, 200, output)).run();

    assertThat(Files.readString(output)).isEqualTo(table);
    String header = table.lines().findFirst().orElseThrow();
    assertThat(header).contains("Leshan 2.0.0-M15", "ours, in-memory store", "ours, SQLite store (default)");
    for (String label : ComparisonTable.ROW_LABELS) {
      assertThat(table.lines().filter(line -> line.startsWith("| " + label + " |")))
          .as("row %s", label)
          .singleElement()
          .satisfies(row -> assertThat(row.split("\\|")).hasSize(6));
    }
  }
}
