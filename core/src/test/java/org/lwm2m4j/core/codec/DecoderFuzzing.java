package org.lwm2m4j.core.codec;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * The property every decoder fuzz target checks: whatever bytes arrive, decoding at each path
 * either fails with {@link CodecException} or yields a node that encodes to a payload which
 * decodes to the same node and encodes to the same bytes again. Any other exception, or a broken
 * round trip, fails the fuzz run.
 */
public final class DecoderFuzzing {
  private DecoderFuzzing() {}

  public static void checkDecodeRoundTrip(NodeCodec codec, byte[] data, List<LwM2mPath> paths, ModelLookup models) {
    for (LwM2mPath path : paths) {
      LwM2mNode node;
      try {
        node = codec.decode(data, path, models);
      } catch (CodecException expected) {
        continue;
      }
      byte[] encoded = codec.encode(node, path, models);
      LwM2mNode again = codec.decode(encoded, path, models);
      if (!again.equals(node)) {
        throw new AssertionError(codec.format() + " round trip at " + path + " changed " + node + " into " + again
            + " (input " + HexFormat.of().formatHex(data) + ")");
      }
      if (!Arrays.equals(codec.encode(again, path, models), encoded)) {
        throw new AssertionError(codec.format() + " encoding at " + path + " is not stable for " + node);
      }
    }
  }
}
