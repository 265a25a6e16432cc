package org.lwm2m4j.transport.sms.smsc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsmpp.session.SMPPServerSession;

/**
 * The ESMEs bound to the {@link Smsc} and the MSISDN each one stands for: its bind's {@code
 * address_range}, or the {@code source_addr} of its first submit when the bind gave none. Thread-safe.
 */
final class EsmeDirectory {
  /** In bind order, so the newest session bound for a number wins. */
  private final Map<SMPPServerSession, Optional<String>> sessions = new LinkedHashMap<>();

  /** Adds {@code session}, before its bind is answered, standing for {@code msisdn} if known. */
  synchronized void add(SMPPServerSession session, Optional<String> msisdn) {
    sessions.put(session, msisdn);
  }

  /** Drops {@code session} (unbound or closed). */
  synchronized void remove(SMPPServerSession session) {
    sessions.remove(session);
  }

  /**
   * Records that {@code session} stands for {@code msisdn} if it stood for none yet; true when that
   * is news (the SMS stored for {@code msisdn} may now go to it).
   */
  synchronized boolean learn(SMPPServerSession session, String msisdn) {
    Optional<String> known = sessions.get(session);
    if (known == null || known.isPresent()) {
      return false;
    }
    sessions.put(session, Optional.of(msisdn));
    return true;
  }

  /** The MSISDN {@code session} stands for. */
  synchronized Optional<String> msisdn(SMPPServerSession session) {
    return sessions.getOrDefault(session, Optional.empty());
  }

  /** The session bound most recently for {@code msisdn} that can take a {@code deliver_sm} now. */
  synchronized Optional<SMPPServerSession> receiverFor(String msisdn) {
    SMPPServerSession found = null;
    for (Map.Entry<SMPPServerSession, Optional<String>> entry : sessions.entrySet()) {
      if (entry.getValue().filter(msisdn::equals).isPresent() && entry.getKey().getSessionState().isReceivable()) {
        found = entry.getKey();
      }
    }
    return Optional.ofNullable(found);
  }

  /** Every session, for closing. */
  synchronized List<SMPPServerSession> all() {
    return List.copyOf(sessions.keySet());
  }
}
