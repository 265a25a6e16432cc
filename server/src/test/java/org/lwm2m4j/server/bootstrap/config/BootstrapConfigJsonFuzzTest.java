package org.lwm2m4j.server.bootstrap.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.lwm2m4j.core.error.InvalidRequestException;

/** Any bootstrap config body parses or is a 400 ({@link InvalidRequestException}), never another failure. */
public class BootstrapConfigJsonFuzzTest {
  @FuzzTest(maxDuration = "2s")
  void bodiesParseOrAreRejected(byte[] body) {
    try {
      BootstrapConfigJson.parse(body);
    } catch (InvalidRequestException expected) {
      // a 400 with a message
    }
  }
}
