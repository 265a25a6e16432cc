package org.lwm2m4j.app.rest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.lwm2m4j.core.error.InvalidRequestException;

/** Any PUT body for a client's credentials parses or is a 400 ({@link InvalidRequestException}), never a 500. */
public class SecurityInfoJsonFuzzTest {
  @FuzzTest(maxDuration = "2s")
  void bodiesParseOrAreRejected(byte[] body) {
    try {
      SecurityInfoJson.parse("dev1", body);
    } catch (InvalidRequestException expected) {
      // a 400 with a message
    }
  }
}
