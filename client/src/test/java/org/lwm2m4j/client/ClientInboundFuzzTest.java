package org.lwm2m4j.client;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.lwm2m4j.transport.fuzz.SharedHarness;

/**
 * Whole CoAP datagrams sent to a running client (on an in-memory network, registered with a
 * scripted server): Read, Write, Execute, Create, Delete, Discover, Write-Attributes, Observe, the
 * composite operations and Bootstrap-* from its servers, and anything else from anyone. Every
 * confirmable message is answered, nothing logs an error or answers 5.00, strangers get nothing
 * — see {@link ClientInboundHarness} for the input format and the oracles, {@link
 * ClientInboundSeeds} for the seeds.
 */
public class ClientInboundFuzzTest {
  static final String METHOD = "inboundDatagramsKeepTheClientSound";

  private static final SharedHarness<ClientInboundHarness> HARNESS = new SharedHarness<>(ClientInboundHarness::new);

  @FuzzTest(maxDuration = "3s")
  void inboundDatagramsKeepTheClientSound(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** Entry point for long campaigns with Jazzer's standalone driver ({@code scripts/fuzz ClientInboundFuzzTest}). */
  public static void fuzzerTestOneInput(byte[] data) {
    HARNESS.get().run(data);
  }

  /** Called by Jazzer's standalone driver at the end of a campaign. */
  public static void fuzzerTearDown() {
    HARNESS.close();
  }

  @AfterAll
  static void stopClient() {
    fuzzerTearDown();
  }
}
