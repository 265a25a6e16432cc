package org.lwm2m4j.bench.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SideBySideTest {
  @Test
  void aTinyRunWritesATableWithEveryRowForEveryServer(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("side-by-side.md");

    List<Integer> fleets = List.of(60, 80);
    String table = new SideBySide(new SideBySide.Settings(200, 50, 2, 200, output, fleets, 200, 1)).run();

    assertThat(Files.readString(output)).isEqualTo(table);
    String header = table.lines().findFirst().orElseThrow();
    assertThat(header).contains("Leshan 2.0.0-M15", "ours, in-memory store", "ours, SQLite store (default)");
    for (ComparisonTable.Row row : ComparisonTable.rows(fleets)) {
      assertThat(table.lines().filter(line -> line.startsWith("| " + row.label() + " |")))
          .as("row %s", row.label())
          .singleElement()
          .satisfies(line -> assertThat(line.split("\\|", -1)).hasSize(8).doesNotContain(" — "));
    }
  }
}
