package org.lwm2m4j.core.link;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.lwm2m4j.core.codec.CodecException;

/**
 * Any payload given to {@link LinkFormatParser#parse(byte[])} either parses to links that the
 * writer turns into text that parses back to the same links (and writes identically again), or
 * is rejected with {@link CodecException}.
 */
public class LinkFormatParserFuzzTest {
  @FuzzTest(maxDuration = "2s")
  void parseNeverThrowsAnythingButCodecException(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** Entry point for long campaigns with Jazzer's standalone driver. */
  public static void fuzzerTestOneInput(byte[] data) {
    List<Link> links;
    try {
      links = LinkFormatParser.parse(data);
    } catch (CodecException expected) {
      return;
    }
    String written = LinkFormatWriter.write(links);
    List<Link> again = LinkFormatParser.parse(written.getBytes(StandardCharsets.UTF_8));
    if (!again.equals(links)) {
      throw new AssertionError("links " + links + " were written as " + written + " and read back as " + again);
    }
    if (!LinkFormatWriter.write(again).equals(written)) {
      throw new AssertionError("writing " + again + " is not stable: " + written);
    }
  }
}
