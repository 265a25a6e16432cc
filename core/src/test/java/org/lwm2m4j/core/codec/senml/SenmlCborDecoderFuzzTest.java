package org.lwm2m4j.core.codec.senml;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.DecoderFuzzing;
import org.lwm2m4j.core.codec.TestModels;
import org.lwm2m4j.core.path.LwM2mPath;

/** Any bytes given to the SenML CBOR decoder decode or fail with {@link CodecException}; what decodes round-trips. */
public class SenmlCborDecoderFuzzTest {
  private static final SenmlCborCodec CODEC = new SenmlCborCodec();

  private static final List<LwM2mPath> PATHS = SenmlJsonDecoderFuzzTest.PATHS;

  @FuzzTest(maxDuration = "2s")
  void decodeNeverThrowsAnythingButCodecException(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** Entry point for long campaigns with Jazzer's standalone driver. */
  public static void fuzzerTestOneInput(byte[] data) {
    DecoderFuzzing.checkDecodeRoundTrip(CODEC, data, PATHS, TestModels.LOOKUP);
  }
}
