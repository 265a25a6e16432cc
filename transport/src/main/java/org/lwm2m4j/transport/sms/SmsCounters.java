package org.lwm2m4j.transport.sms;

import java.util.EnumMap;
import java.util.Map;

/**
 * What an {@link SmsNetwork} has done since it opened, for a server's metrics and CLI: SMS submitted
 * and accepted by the SMSC, SMS received (parts, delivery receipts excluded), drops by cause, delivery
 * receipts received, and whether it is bound to the SMSC right now. An immutable snapshot.
 */
public record SmsCounters(long sent, long received, Map<SmsDrop, Long> dropped, long receipts, boolean bound) {
  public SmsCounters {
    EnumMap<SmsDrop, Long> all = new EnumMap<>(SmsDrop.class);
    for (SmsDrop cause : SmsDrop.values()) {
      all.put(cause, dropped.getOrDefault(cause, 0L));
    }
    dropped = Map.copyOf(all);
  }

  /** How many SMS were dropped for {@code cause}. */
  public long dropped(SmsDrop cause) {
    return dropped.get(cause);
  }
}
