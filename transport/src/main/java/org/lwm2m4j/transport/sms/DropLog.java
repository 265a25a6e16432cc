package org.lwm2m4j.transport.sms;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs dropped SMS without letting a sender flood the log: the first drop for each cause and sender
 * at WARN, the next ones at DEBUG. Remembers at most {@value #MAX_REMEMBERED} pairs; past that, every
 * drop goes to DEBUG. Thread-safe.
 */
final class DropLog {
  private static final Logger LOG = LoggerFactory.getLogger(SmsNetwork.class);
  static final int MAX_REMEMBERED = 10_000;

  private record Seen(SmsDrop cause, String sender) {}

  private final Set<Seen> seen = ConcurrentHashMap.newKeySet();

  /** Logs that an SMS from or to {@code peer} was dropped for {@code cause}, because {@code detail}. */
  void dropped(SmsDrop cause, String peer, String detail) {
    Seen key = new Seen(cause, peer);
    boolean first = !seen.contains(key) && seen.size() < MAX_REMEMBERED && seen.add(key);
    if (first) {
      LOG.warn("dropped an SMS ({}) {} sms:{}: {} (further ones of this kind are logged at DEBUG)",
          cause.name().toLowerCase(Locale.ROOT).replace('_', ' '), direction(cause), peer, detail);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("dropped an SMS ({}) {} sms:{}: {}", cause, direction(cause), peer, detail);
    }
  }

  private static String direction(SmsDrop cause) {
    return switch (cause) {
      case QUEUE_FULL, QUEUE_TIMEOUT, SUBMIT_FAILED -> "to";
      default -> "from";
    };
  }
}
