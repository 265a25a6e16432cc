package org.lwm2m4j.transport.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a fuzz input becomes several datagrams: a sequence of frames, each one control byte, a
 * two-byte big-endian length and that many bytes (fewer when the input ends first). Simple enough
 * to write seeds by hand and to let libFuzzer's mutations keep frames apart; {@link #write} is the
 * inverse of {@link #read}.
 */
public final class FuzzScript {
  private FuzzScript() {}

  /** The frames of {@code input}, at most {@code maxFrames}, each at most {@code maxLength} bytes. */
  public static List<FuzzFrame> read(byte[] input, int maxFrames, int maxLength) {
    List<FuzzFrame> frames = new ArrayList<>();
    int at = 0;
    while (at < input.length && frames.size() < maxFrames) {
      int control = input[at++] & 0xFF;
      int length = 0;
      for (int i = 0; i < 2 && at < input.length; i++) {
        length = length << 8 | (input[at++] & 0xFF);
      }
      int end = Math.min(input.length, at + Math.min(length, maxLength));
      frames.add(new FuzzFrame(control, Arrays.copyOfRange(input, at, end)));
      at = end;
    }
    return frames;
  }

  /** The input that {@link #read} turns into {@code frames}. */
  public static byte[] write(List<FuzzFrame> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (FuzzFrame frame : frames) {
      byte[] bytes = frame.bytes();
      out.write(frame.control());
      out.write(bytes.length >> 8);
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }
}
