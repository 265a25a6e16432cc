package org.lwm2m4j.core.path;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any text given to {@link LwM2mPath#parse} either parses to a path that prints back the same way, or is rejected with {@link InvalidPathException}. */
class LwM2mPathFuzzTest {
  @FuzzTest(maxDuration = "2s")
  void parseNeverThrowsAnythingElse(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    LwM2mPath path;
    try {
      path = LwM2mPath.parse(text);
    } catch (InvalidPathException expected) {
      return;
    }
    if (!LwM2mPath.parse(path.toString()).equals(path)) {
      throw new AssertionError("path " + path + " does not round-trip");
    }
  }
}
