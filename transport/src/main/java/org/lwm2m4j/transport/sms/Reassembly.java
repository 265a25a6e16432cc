package org.lwm2m4j.transport.sms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts concatenated SMS back together, per sender and reference (3GPP TS 23.040 §9.2.3.24.1 and
 * .8): a part is kept until its siblings are in, then the whole message comes out. What a sender
 * can make it keep is bounded — at most {@code perSender} open concatenations per sender and {@code
 * total} in all, each of at most 255 parts of 140 bytes, kept for at most {@code keep} — so that a
 * hostile sender cannot fill the heap. Parts that do not fit, repeats (also of a message completed
 * within {@code keep}) and expired concatenations are dropped and reported.
 *
 * <p>Thread-safe (one lock); time is given by the caller in nanoseconds on its scheduler's clock.
 */
final class Reassembly {
  /** What became of one SMS. */
  sealed interface Outcome permits Whole, Waiting, Dropped {}

  /** A whole message: the SMS was not concatenated, or was its last missing part. */
  record Whole(byte[] message) implements Outcome {}

  /** A part kept until its siblings come. */
  record Waiting() implements Outcome {}

  /** The SMS was dropped, for {@code cause}. */
  record Dropped(SmsDrop cause, String detail) implements Outcome {}

  private record Key(String sender, int reference) {}

  /** One concatenation being received. */
  private static final class Assembly {
    final byte[][] parts;
    final long started;
    int received;

    Assembly(int total, long started) {
      this.parts = new byte[total][];
      this.started = started;
    }
  }

  private static final Waiting WAITING = new Waiting();

  private final long keepNanos;
  private final int perSender;
  private final int total;
  /** In the order they started, so that expiry looks at the oldest first. */
  private final LinkedHashMap<Key, Assembly> assemblies = new LinkedHashMap<>();
  private final Map<String, Integer> openPerSender = new HashMap<>();
  /**
   * The concatenations completed within {@code keep}, by when they completed, so that a part the SMSC
   * delivers again afterwards is known as a duplicate instead of starting a concatenation that can
   * never complete. At most {@code total} times {@value #COMPLETED_PER_OPEN}; the oldest go first.
   */
  private final LinkedHashMap<Key, Long> completed = new LinkedHashMap<>();
  private static final int COMPLETED_PER_OPEN = 4;

  Reassembly(Duration keep, int perSender, int total) {
    this.keepNanos = keep.toNanos();
    this.perSender = perSender;
    this.total = total;
  }

  /** Takes in the user data of one SMS from {@code sender}, received at {@code now}. */
  synchronized Outcome accept(String sender, byte[] userData, boolean udhi, long now) {
    if (!udhi) {
      return new Whole(userData.clone());
    }
    if (userData.length < 1 || userData[0] == 0 || 1 + (userData[0] & 0xFF) > userData.length) {
      return new Dropped(SmsDrop.BAD_CONCATENATION, "its user data header length does not fit the "
          + userData.length + " bytes of user data");
    }
    int headerEnd = 1 + (userData[0] & 0xFF);
    int reference = -1;
    int parts = 0;
    int number = 0;
    for (int at = 1; at < headerEnd; ) {
      if (at + 2 > headerEnd) {
        return new Dropped(SmsDrop.BAD_CONCATENATION, "an information element is cut at byte " + at);
      }
      int iei = userData[at] & 0xFF;
      int length = userData[at + 1] & 0xFF;
      int data = at + 2;
      if (data + length > headerEnd) {
        return new Dropped(SmsDrop.BAD_CONCATENATION, "information element 0x" + Integer.toHexString(iei)
            + " of " + length + " bytes runs past the header");
      }
      if (iei == Concatenation.IE_CONCAT_8 && length == 3) {
        reference = userData[data] & 0xFF;
        parts = userData[data + 1] & 0xFF;
        number = userData[data + 2] & 0xFF;
      } else if (iei == Concatenation.IE_CONCAT_16 && length == 4) {
        reference = 0x10000 | ((userData[data] & 0xFF) << 8) | (userData[data + 1] & 0xFF);
        parts = userData[data + 2] & 0xFF;
        number = userData[data + 3] & 0xFF;
      }
      at = data + length;
    }
    byte[] payload = Arrays.copyOfRange(userData, headerEnd, userData.length);
    if (reference < 0) {
      return new Whole(payload); // a header without concatenation (e.g. port addressing): the message is whole
    }
    if (parts == 0 || number == 0 || number > parts) {
      return new Dropped(SmsDrop.BAD_CONCATENATION, "part " + number + " of " + parts + " does not exist");
    }
    if (parts == 1) {
      return new Whole(payload);
    }
    return add(new Key(sender, reference), parts, number, payload, now);
  }

  /**
   * Forgets the concatenations that started {@code keep} or longer before {@code now}.
   *
   * @return the senders of those that were dropped, one entry per concatenation
   */
  synchronized List<String> expire(long now) {
    List<String> senders = new ArrayList<>();
    for (Iterator<Map.Entry<Key, Assembly>> it = assemblies.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Key, Assembly> entry = it.next();
      if (now - entry.getValue().started < keepNanos) {
        break;
      }
      it.remove();
      release(entry.getKey().sender());
      senders.add(entry.getKey().sender());
    }
    for (Iterator<Map.Entry<Key, Long>> it = completed.entrySet().iterator(); it.hasNext(); ) {
      if (now - it.next().getValue() < keepNanos) {
        break;
      }
      it.remove();
    }
    return senders;
  }

  /** How many concatenations are open. */
  synchronized int open() {
    return assemblies.size();
  }

  private Outcome add(Key key, int parts, int number, byte[] payload, long now) {
    Assembly assembly = assemblies.get(key);
    if (assembly != null && assembly.parts.length != parts) {
      return new Dropped(SmsDrop.BAD_CONCATENATION, "part " + number + " says " + parts + " parts, its siblings "
          + assembly.parts.length);
    }
    if (assembly == null && completed.containsKey(key)) {
      return new Dropped(SmsDrop.DUPLICATE_PART, "part " + number + " of " + parts + " of a message completed before");
    }
    if (assembly == null) {
      int open = openPerSender.getOrDefault(key.sender(), 0);
      if (open >= perSender || assemblies.size() >= total) {
        return new Dropped(SmsDrop.TOO_MANY_CONCATENATIONS, open >= perSender
            ? "the sender has " + open + " concatenations open already"
            : assemblies.size() + " concatenations are open already");
      }
      assembly = new Assembly(parts, now);
      assemblies.put(key, assembly);
      openPerSender.merge(key.sender(), 1, Integer::sum);
    }
    if (assembly.parts[number - 1] != null) {
      return new Dropped(SmsDrop.DUPLICATE_PART, "part " + number + " of " + parts + " came before");
    }
    assembly.parts[number - 1] = payload;
    assembly.received++;
    if (assembly.received < parts) {
      return WAITING;
    }
    assemblies.remove(key);
    release(key.sender());
    completed.remove(key); // re-inserted at the end, so that the map stays ordered by completion
    completed.put(key, now);
    if (completed.size() > total * COMPLETED_PER_OPEN) {
      completed.remove(completed.keySet().iterator().next());
    }
    int length = 0;
    for (byte[] part : assembly.parts) {
      length += part.length;
    }
    byte[] message = new byte[length];
    int at = 0;
    for (byte[] part : assembly.parts) {
      System.arraycopy(part, 0, message, at, part.length);
      at += part.length;
    }
    return new Whole(message);
  }

  private void release(String sender) {
    openPerSender.computeIfPresent(sender, (s, n) -> n > 1 ? n - 1 : null);
  }
}
