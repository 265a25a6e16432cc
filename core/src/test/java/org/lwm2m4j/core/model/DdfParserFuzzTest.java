package org.lwm2m4j.core.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Whatever bytes a models directory holds, {@link DdfParser} either returns models or throws
 * {@link ModelLoadException}, and it returns the same models every time.
 */
public class DdfParserFuzzTest {
  @FuzzTest(maxDuration = "2s")
  void parseNeverThrowsAnythingButModelLoadException(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** Entry point for long campaigns with Jazzer's standalone driver. */
  public static void fuzzerTestOneInput(byte[] data) {
    DdfParser parser = new DdfParser();
    List<ObjectModel> first;
    try {
      first = parser.parse(new ByteArrayInputStream(data), "fuzz.xml");
    } catch (ModelLoadException expected) {
      return;
    }
    List<ObjectModel> second;
    try {
      second = parser.parse(new ByteArrayInputStream(data), "fuzz.xml");
    } catch (ModelLoadException e) {
      throw new AssertionError("second parse failed after the first succeeded", e);
    }
    if (!first.equals(second)) {
      throw new AssertionError("parsing the same bytes twice gave different models");
    }
  }
}
