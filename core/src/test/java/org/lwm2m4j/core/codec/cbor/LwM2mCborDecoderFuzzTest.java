package org.lwm2m4j.core.codec.cbor;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.DecoderFuzzing;
import org.lwm2m4j.core.codec.TestModels;
import org.lwm2m4j.core.path.LwM2mPath;

/** Any bytes given to the LwM2M CBOR decoder decode or fail with {@link CodecException}; what decodes round-trips. */
public class LwM2mCborDecoderFuzzTest {
  private static final LwM2mCborCodec CODEC = new LwM2mCborCodec();

  private static final List<LwM2mPath> PATHS = List.of(LwM2mPath.of(3), LwM2mPath.of(3, 0), LwM2mPath.of(3, 0, 7),
      LwM2mPath.of(3, 0, 7, 1), LwM2mPath.of(3303, 0, 5700), LwM2mPath.of(9999, 0), LwM2mPath.of(1));

  @FuzzTest(maxDuration = "2s")
  void decodeNeverThrowsAnythingButCodecException(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** Entry point for long campaigns with Jazzer's standalone driver. */
  public static void fuzzerTestOneInput(byte[] data) {
    DecoderFuzzing.checkDecodeRoundTrip(CODEC, data, PATHS, TestModels.LOOKUP);
  }
}
