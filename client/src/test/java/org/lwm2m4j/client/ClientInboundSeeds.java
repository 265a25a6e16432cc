package org.lwm2m4j.client;

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
 * The seed corpus of {@link ClientInboundFuzzTest}: one valid sequence per kind of request a
 * client serves, in the frame format of {@link ClientInboundHarness}. {@link #main} writes them
 * where Jazzer finds them; {@link ClientInboundSeedsTest} checks the files are these and that each
 * does what its name says.
 */
final class ClientInboundSeeds {
  static final Path DIRECTORY = Path.of("src/test/resources/org/lwm2m4j/client/ClientInboundFuzzTestInputs",
      ClientInboundFuzzTest.METHOD);

  /** Senders of {@link ClientInboundHarness}. */
  static final int SERVER = 0;
  static final int BOOTSTRAP_SERVER = 2;
  static final int STRANGER = 3;

  static final int TEXT = 0;
  static final int LINK = 40;
  static final int SENML_JSON = 110;
  static final int SENML_CBOR = 112;
  static final int TLV = 11542;

  private static final byte[] TOKEN = {0x21, 0x43};

  private ClientInboundSeeds() {}

  static CoapMessage request(int code, String path) {
    return CoapMessage.of(CoapMessage.CON, code, 0).withToken(TOKEN).withPath(path);
  }

  static FuzzFrame frame(int sender, CoapMessage message) {
    return new FuzzFrame(sender, message.encode());
  }

  static Map<String, byte[]> all() {
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    seeds.put("read-device", script(frame(SERVER, request(CoapMessage.GET, "3/0").with(CoapMessage.ACCEPT, SENML_CBOR)),
        frame(SERVER, request(CoapMessage.GET, "3/0/0").with(CoapMessage.ACCEPT, TEXT))));
    seeds.put("read-tlv", script(frame(SERVER, request(CoapMessage.GET, "1/0").with(CoapMessage.ACCEPT, TLV))));
    seeds.put("read-non-confirmable", script(frame(SERVER, CoapMessage.of(CoapMessage.NON, CoapMessage.GET, 0).withToken(TOKEN)
        .withPath("3303/0/5700"))));
    seeds.put("discover", script(frame(SERVER, request(CoapMessage.GET, "3").with(CoapMessage.ACCEPT, LINK))));
    seeds.put("write-replace-text", script(frame(SERVER, request(CoapMessage.PUT, "3303/0/5750")
        .with(CoapMessage.CONTENT_FORMAT, TEXT).withPayload("hall"))));
    seeds.put("write-partial-senml", script(frame(SERVER, request(CoapMessage.POST, "3303/0")
        .with(CoapMessage.CONTENT_FORMAT, SENML_JSON).withPayload("[{\"n\":\"/3303/0/5750\",\"vs\":\"hall\"}]"))));
    // TLV: resource 1 (Lifetime), 2 bytes, 300
    seeds.put("write-lifetime-tlv", script(frame(SERVER, request(CoapMessage.PUT, "1/0/1")
        .with(CoapMessage.CONTENT_FORMAT, TLV).withPayload(new byte[] {(byte) 0xC2, 0x01, 0x01, 0x2C}))));
    seeds.put("create", script(frame(SERVER, request(CoapMessage.POST, "3303")
        .with(CoapMessage.CONTENT_FORMAT, SENML_JSON).withPayload("[{\"n\":\"/3303/1/5700\",\"v\":20.5},{\"n\":\"/3303/1/5750\",\"vs\":\"new\"}]"))));
    seeds.put("delete", script(frame(SERVER, request(CoapMessage.DELETE, "3303/0"))));
    seeds.put("execute", script(frame(SERVER, request(CoapMessage.POST, "3/0/4"))));
    seeds.put("write-attributes", script(frame(SERVER, request(CoapMessage.PUT, "3/0/9").withQuery("pmin=1&pmax=60"))));
    seeds.put("observe-then-cancel", script(
        frame(SERVER, request(CoapMessage.GET, "3303/0/5700").with(CoapMessage.OBSERVE, 0).with(CoapMessage.ACCEPT, TEXT)),
        frame(SERVER, request(CoapMessage.GET, "3303/0/5700").with(CoapMessage.OBSERVE, 1).with(CoapMessage.ACCEPT, TEXT))));
    seeds.put("observe-composite", script(frame(SERVER, request(CoapMessage.FETCH, "").with(CoapMessage.OBSERVE, 0)
        .with(CoapMessage.CONTENT_FORMAT, SENML_JSON).with(CoapMessage.ACCEPT, SENML_JSON)
        .withPayload("[{\"n\":\"/3/0/9\"},{\"n\":\"/3303/0/5700\"}]"))));
    seeds.put("read-composite", script(frame(SERVER, request(CoapMessage.FETCH, "").with(CoapMessage.CONTENT_FORMAT, SENML_JSON)
        .with(CoapMessage.ACCEPT, SENML_CBOR).withPayload("[{\"n\":\"/3/0\"},{\"n\":\"/1/0/1\"}]"))));
    seeds.put("write-composite", script(frame(SERVER, request(CoapMessage.IPATCH, "").with(CoapMessage.CONTENT_FORMAT, SENML_JSON)
        .withPayload("[{\"n\":\"/3303/0/5750\",\"vs\":\"x\"},{\"n\":\"/1/0/1\",\"v\":600}]"))));
    seeds.put("write-block-wise", script(writeInBlocks("3303/0/5750", "a rather long application type")));
    seeds.put("read-block-wise", script(
        frame(SERVER, request(CoapMessage.GET, "3/0").with(CoapMessage.ACCEPT, SENML_JSON)
            .with(CoapMessage.BLOCK2, CoapMessage.block(0, false, 0))),
        frame(SERVER, request(CoapMessage.GET, "3/0").with(CoapMessage.ACCEPT, SENML_JSON)
            .with(CoapMessage.BLOCK2, CoapMessage.block(1, false, 0)))));
    seeds.put("bootstrap-discover", script(frame(BOOTSTRAP_SERVER, request(CoapMessage.GET, "").with(CoapMessage.ACCEPT, LINK))));
    seeds.put("bootstrap-write-then-finish", script(
        frame(BOOTSTRAP_SERVER, request(CoapMessage.PUT, "0/5").with(CoapMessage.CONTENT_FORMAT, SENML_JSON).withPayload(
            "[{\"bn\":\"/0/5/\",\"n\":\"0\",\"vs\":\"coap://127.0.0.1:5999\"},{\"n\":\"1\",\"vb\":false},{\"n\":\"2\",\"v\":3},"
                + "{\"n\":\"10\",\"v\":5}]")),
        frame(BOOTSTRAP_SERVER, request(CoapMessage.PUT, "1/5").with(CoapMessage.CONTENT_FORMAT, SENML_JSON).withPayload(
            "[{\"bn\":\"/1/5/\",\"n\":\"0\",\"v\":5},{\"n\":\"1\",\"v\":300},{\"n\":\"6\",\"vb\":false},{\"n\":\"7\",\"vs\":\"U\"}]")),
        frame(BOOTSTRAP_SERVER, request(CoapMessage.POST, "bs"))));
    seeds.put("bootstrap-delete-then-finish", script(frame(BOOTSTRAP_SERVER, request(CoapMessage.DELETE, "1")),
        frame(BOOTSTRAP_SERVER, request(CoapMessage.POST, "bs"))));
    seeds.put("stranger-read", script(frame(STRANGER, request(CoapMessage.GET, "3/0").with(CoapMessage.ACCEPT, SENML_JSON))));
    return seeds;
  }

  /** A Write of a text value in 16-byte Block1 blocks, each its own exchange. */
  private static FuzzFrame[] writeInBlocks(String path, String value) {
    byte[] payload = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int blocks = (payload.length + 15) / 16;
    FuzzFrame[] frames = new FuzzFrame[blocks];
    for (int i = 0; i < blocks; i++) {
      frames[i] = frame(SERVER, request(CoapMessage.PUT, path).with(CoapMessage.CONTENT_FORMAT, TEXT)
          .with(CoapMessage.BLOCK1, CoapMessage.block(i, i < blocks - 1, 0))
          .withPayload(Arrays.copyOfRange(payload, i * 16, Math.min(payload.length, i * 16 + 16))));
    }
    return frames;
  }

  private static byte[] script(FuzzFrame... frames) {
    return FuzzScript.write(List.of(frames));
  }

  /** Writes the seeds into {@link #DIRECTORY} (run from the client module's directory). */
  public static void main(String[] args) throws IOException {
    Files.createDirectories(DIRECTORY);
    for (Map.Entry<String, byte[]> seed : all().entrySet()) {
      Files.write(DIRECTORY.resolve(seed.getKey()), seed.getValue());
    }
  }
}
