package org.lwm2m4j.examples;

// README:begin CodecExample
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;

/** Turns a TLV payload captured from a device into SenML JSON. */
public final class CodecExample {
  public static void main(String[] args) {
    byte[] tlv = HexFormat.of().parseHex("88070842000ed842011388");   // /3/0/7, two voltages
    System.out.println(toSenmlJson(tlv, LwM2mPath.parse("/3/0/7")));
  }

  public static String toSenmlJson(byte[] payload, LwM2mPath path) {
    ObjectModelRegistry models = ObjectModelRegistry.bundled();   // every OMA registry object
    NodeCodecs codecs = NodeCodecs.standard();
    LwM2mNode node = codecs.decode(ContentFormat.TLV, payload, path, models);   // throws CodecException on bad bytes
    byte[] senml = codecs.encode(ContentFormat.SENML_JSON, node, path, models);
    return new String(senml, StandardCharsets.UTF_8);
  }
}
// README:end
