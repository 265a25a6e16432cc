package org.lwm2m4j.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lwm2m4j.transport.fuzz.FuzzFrame;
import org.lwm2m4j.transport.fuzz.FuzzScript;
import org.lwm2m4j.transport.memory.CoapMessage;

/**
 * The seed corpus of {@link ServerUplinkFuzzTest}: one valid sequence per kind of uplink traffic,
 * in the frame format of {@link ServerUplinkHarness}. {@link #main} writes them where Jazzer
 * finds them; {@link ServerUplinkSeedsTest} checks the files are these and that each does what its
 * name says.
 */
final class ServerUplinkSeeds {
  static final Path DIRECTORY = Path.of("src/test/resources/org/lwm2m4j/server/ServerUplinkFuzzTestInputs",
      ServerUplinkFuzzTest.METHOD);

  /** Control bits of {@link ServerUplinkHarness}. */
  static final int OBSERVED = 4;
  static final int TO_REGISTRATION = 8;

  private static final byte[] TOKEN = {0x11, 0x22};
  private static final String LINKS = "</>;rt=\"oma.lwm2m\",</1/0>,</3/0>,</3303/0>";

  private ServerUplinkSeeds() {}

  static CoapMessage register(String endpoint) {
    return register(endpoint, CoapMessage.CON);
  }

  static CoapMessage register(String endpoint, int type) {
    return CoapMessage.of(type, CoapMessage.POST, 0).withToken(TOKEN).withPath("rd")
        .withQuery("ep=" + endpoint + "&lt=60&lwm2m=1.1&b=U").with(CoapMessage.CONTENT_FORMAT, 40).withPayload(LINKS);
  }

  static FuzzFrame frame(int control, CoapMessage message) {
    return new FuzzFrame(control, message.encode());
  }

  /**
   * A frame aimed at the sender's registration: {@code message} without its {@code rd/<id>} path,
   * its options written with deltas from Uri-Path (11), for the harness to put the path back.
   */
  static FuzzFrame toRegistration(int control, CoapMessage message) {
    byte[] encoded = message.withPath("rd/x").encode();
    int at = 4 + message.token().length;
    // "rd" is 1 + 2 bytes, "x" 1 + 1: cut them, the options after them keep deltas from 11
    byte[] cut = new byte[encoded.length - 5];
    System.arraycopy(encoded, 0, cut, 0, at);
    System.arraycopy(encoded, at + 5, cut, at, encoded.length - at - 5);
    return new FuzzFrame(control | TO_REGISTRATION, cut);
  }

  static Map<String, byte[]> all() {
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    CoapMessage con = CoapMessage.of(CoapMessage.CON, CoapMessage.POST, 0).withToken(TOKEN);
    seeds.put("register", script(frame(0, register("fz-a"))));
    seeds.put("register-then-update", script(frame(0, register("fz-a")),
        toRegistration(0, con.withQuery("lt=120").with(CoapMessage.CONTENT_FORMAT, 40).withPayload("</1/0>,</3/0>,</5/0>"))));
    seeds.put("register-then-deregister", script(frame(0, register("fz-a")),
        toRegistration(0, CoapMessage.of(CoapMessage.CON, CoapMessage.DELETE, 0).withToken(TOKEN))));
    seeds.put("register-then-send-senml-json", script(frame(0, register("fz-a")),
        frame(0, con.withPath("dp").with(CoapMessage.CONTENT_FORMAT, 110).withPayload("[{\"n\":\"/3/0/9\",\"v\":80,\"t\":1700000000}]"))));
    // SenML CBOR: [{0: "/3303/0/5700", 2: 21.5}]
    byte[] cbor = {(byte) 0x81, (byte) 0xA2, 0x00, 0x6C, '/', '3', '3', '0', '3', '/', '0', '/', '5', '7', '0', '0', 0x02,
        (byte) 0xF9, 0x4D, 0x60};
    seeds.put("register-then-send-senml-cbor", script(frame(0, register("fz-a")),
        frame(0, con.withPath("dp").with(CoapMessage.CONTENT_FORMAT, 112).withPayload(cbor))));
    seeds.put("register-block-wise", script(registerInBlocks("fz-b")));
    seeds.put("notification", script(frame(OBSERVED,
        CoapMessage.of(CoapMessage.CON, CoapMessage.CONTENT, 0).with(CoapMessage.OBSERVE, 2).with(CoapMessage.CONTENT_FORMAT, 0)
            .withPayload("81"))));
    seeds.put("notification-non-confirmable", script(frame(OBSERVED,
        CoapMessage.of(CoapMessage.NON, CoapMessage.CONTENT, 0).with(CoapMessage.OBSERVE, 3).with(CoapMessage.CONTENT_FORMAT, 0)
            .withPayload("82"))));
    seeds.put("observed-device-updates", script(toRegistration(OBSERVED, con.withQuery("lt=86400"))));
    seeds.put("register-non-confirmable", script(frame(0, register("fz-c", CoapMessage.NON))));
    seeds.put("two-devices", script(frame(0, register("fz-d")), frame(1, register("fz-e")),
        toRegistration(1, con.withQuery("sms=123")), toRegistration(0, CoapMessage.of(CoapMessage.CON, CoapMessage.DELETE, 0))));
    seeds.put("firmware-download", script(frame(0, CoapMessage.of(CoapMessage.CON, CoapMessage.GET, 0).withToken(TOKEN)
        .withPath("fw/abc").with(CoapMessage.BLOCK2, CoapMessage.block(0, false, 2)))));
    return seeds;
  }

  /** A Register whose link payload comes in 16-byte Block1 blocks, each its own exchange. */
  private static FuzzFrame[] registerInBlocks(String endpoint) {
    byte[] payload = LINKS.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int blocks = (payload.length + 15) / 16;
    FuzzFrame[] frames = new FuzzFrame[blocks];
    for (int i = 0; i < blocks; i++) {
      boolean more = i < blocks - 1;
      frames[i] = frame(0, register(endpoint).withToken(new byte[] {7, 7})
          .with(CoapMessage.BLOCK1, CoapMessage.block(i, more, 0))
          .withPayload(Arrays.copyOfRange(payload, i * 16, Math.min(payload.length, i * 16 + 16))));
    }
    return frames;
  }

  private static byte[] script(FuzzFrame... frames) {
    return FuzzScript.write(List.of(frames));
  }

  /** Writes the seeds into {@link #DIRECTORY} (run from the server module's directory). */
  public static void main(String[] args) throws IOException {
    Files.createDirectories(DIRECTORY);
    for (Map.Entry<String, byte[]> seed : all().entrySet()) {
      Files.write(DIRECTORY.resolve(seed.getKey()), seed.getValue());
    }
  }
}
