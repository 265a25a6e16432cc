package org.lwm2m4j.core.codec.single;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.TestModels;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * Any payload given to {@link TextCodec#decode} at a resource or resource instance of any type
 * either decodes to a node that encodes and decodes back to itself, or is rejected with {@link
 * CodecException}.
 */
public class TextDecoderFuzzTest {
  private static final TextCodec CODEC = new TextCodec();

  @FuzzTest(maxDuration = "4s")
  void decodeNeverThrowsAnythingButCodecException(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** Entry point for long campaigns with Jazzer's standalone driver. */
  public static void fuzzerTestOneInput(byte[] data) {
    for (LwM2mPath path : AllTypesPaths.VALUE_PATHS) {
      LwM2mNode node;
      try {
        node = CODEC.decode(data, path, TestModels.LOOKUP);
      } catch (CodecException expected) {
        continue;
      }
      LwM2mNode again = CODEC.decode(CODEC.encode(node, path, TestModels.LOOKUP), path, TestModels.LOOKUP);
      if (!again.equals(node)) {
        throw new AssertionError("text at " + path + " decoded to " + node + " but re-encoded to " + again);
      }
    }
  }
}
