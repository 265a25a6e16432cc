package org.lwm2m4j.core.codec.tlv;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.DecoderFuzzing;
import org.lwm2m4j.core.codec.TestModels;
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

  @FuzzTest(maxDuration = "2s")
  void decodeNeverThrowsAnythingButCodecException(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** Entry point for long campaigns with Jazzer's standalone driver. */
  public static void fuzzerTestOneInput(byte[] data) {
    DecoderFuzzing.checkDecodeRoundTrip(CODEC, data, PATHS, TestModels.LOOKUP);
  }
}
