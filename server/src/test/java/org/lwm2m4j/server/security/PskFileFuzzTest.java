package org.lwm2m4j.server.security;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.lwm2m4j.core.error.InvalidRequestException;

/** Any text given as a PSK file either parses or is rejected with {@link InvalidRequestException}, never anything else. */
public class PskFileFuzzTest {
  @FuzzTest(maxDuration = "2s")
  void parseOnlyRejectsWithInvalidRequest(byte[] data) {
    try {
      for (PskSecurity psk : PskFile.parse(new String(data, StandardCharsets.UTF_8))) {
        if (psk.endpoint().isEmpty() || psk.key().length == 0) {
          throw new AssertionError("accepted an empty endpoint or key: " + psk);
        }
      }
    } catch (InvalidRequestException expected) {
      // bad input, said so
    }
  }
}
