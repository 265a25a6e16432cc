package org.lwm2m4j.core.codec.single;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.DecoderFuzzing;
import org.lwm2m4j.core.codec.TestModels;

/**
 * Any payload given to {@link CborValueCodec#decode} at a resource or resource instance of any type
 * either decodes to a node that encodes and decodes back to itself, or is rejected with {@link
 * CodecException}.
 */
public class CborValueDecoderFuzzTest {
  private static final CborValueCodec CODEC = new CborValueCodec();

  @FuzzTest(maxDuration = "2s")
  void decodeNeverThrowsAnythingButCodecException(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** Entry point for long campaigns with Jazzer's standalone driver. */
  public static void fuzzerTestOneInput(byte[] data) {
    DecoderFuzzing.checkDecodeRoundTrip(CODEC, data, AllTypesPaths.VALUE_PATHS, TestModels.LOOKUP);
  }
}
