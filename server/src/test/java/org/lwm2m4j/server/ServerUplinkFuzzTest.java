package org.lwm2m4j.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.lwm2m4j.transport.fuzz.SharedHarness;

/**
 * Whole CoAP datagrams, in any order and from several devices, sent to one running server (on an
 * in-memory network, started once per JVM): Register, Update, De-register, Send, notifications,
 * block-wise transfers and anything else. Every confirmable message is answered, nothing logs an
 * error or answers 5.00, and the server's state stays bounded — see {@link ServerUplinkHarness}
 * for the input format and the oracles, {@link ServerUplinkSeeds} for the seeds.
 */
public class ServerUplinkFuzzTest {
  static final String METHOD = "uplinkDatagramsKeepTheServerSound";

  private static final SharedHarness<ServerUplinkHarness> HARNESS = new SharedHarness<>(ServerUplinkHarness::new);

  @FuzzTest(maxDuration = "3s")
  void uplinkDatagramsKeepTheServerSound(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** Entry point for long campaigns with Jazzer's standalone driver ({@code scripts/fuzz ServerUplinkFuzzTest}). */
  public static void fuzzerTestOneInput(byte[] data) {
    HARNESS.get().run(data);
  }

  /** Called by Jazzer's standalone driver at the end of a campaign. */
  public static void fuzzerTearDown() {
    HARNESS.close();
  }

  @AfterAll
  static void stopServer() {
    fuzzerTearDown();
  }
}
