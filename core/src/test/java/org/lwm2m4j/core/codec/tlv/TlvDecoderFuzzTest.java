package org.lwm2m4j.core.codec.tlv;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.TestModels;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * Any bytes given to the TLV decoder, at any path level, either decode or fail with {@link
 * CodecException}; whatever decodes re-encodes to a payload that decodes to the same node and
 * encodes to the same bytes again.
 */
public class TlvDecoderFuzzTest {
  private static final TlvCodec CODEC = new TlvCodec();

  private static final List<LwM2mPath> PATHS = List.of(
      LwM2mPath.parse("/1"),
      LwM2mPath.parse("/1/0"),
      LwM2mPath.parse("/3"),
      LwM2mPath.parse("/3/0"),
      LwM2mPath.parse("/3/0/7"),
      LwM2mPath.parse("/3/0/7/1"),
      LwM2mPath.parse("/2/0/2"),
      LwM2mPath.parse("/3303/0"),
      LwM2mPath.parse("/9999"),
      LwM2mPath.parse("/9999/0"),
      LwM2mPath.parse("/9999/0/4"),
      LwM2mPath.parse("/9999/0/7/0"));

  @FuzzTest(maxDuration = "4s")
  void decodeNeverThrowsAnythingButCodecException(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** Entry point for long campaigns with Jazzer's standalone driver. */
  public static void fuzzerTestOneInput(byte[] data) {
    for (LwM2mPath path : PATHS) {
      LwM2mNode node;
      try {
        node = CODEC.decode(data, path, TestModels.LOOKUP);
      } catch (CodecException expected) {
        continue;
      }
      byte[] encoded = CODEC.encode(node, path, TestModels.LOOKUP);
      LwM2mNode again = CODEC.decode(encoded, path, TestModels.LOOKUP);
      if (!again.equals(node)) {
        throw new AssertionError("round trip at " + path + " changed " + node + " into " + again
            + " (input " + HexFormat.of().formatHex(data) + ")");
      }
      byte[] reencoded = CODEC.encode(again, path, TestModels.LOOKUP);
      if (!Arrays.equals(reencoded, encoded)) {
        throw new AssertionError("encoding at " + path + " is not stable for " + node);
      }
    }
  }
}
