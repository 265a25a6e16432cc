package org.lwm2m4j.transport.dtls;

import java.util.Optional;
import org.eclipse.californium.elements.util.DatagramReader;
import org.eclipse.californium.elements.util.DatagramWriter;
import org.eclipse.californium.scandium.dtls.DTLSSession;
import org.eclipse.californium.scandium.dtls.SessionId;
import org.eclipse.californium.scandium.dtls.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Scandium's second-level session store on our {@link DtlsSessionCache}: sessions as Scandium serializes them. */
final class SharedSessionStore implements SessionStore {
  private static final Logger LOG = LoggerFactory.getLogger("org.lwm2m4j.dtls");

  private final DtlsSessionCache cache;

  SharedSessionStore(DtlsSessionCache cache) {
    this.cache = cache;
  }

  @Override
  public void put(DTLSSession session) {
    SessionId id = session.getSessionIdentifier();
    if (id.isEmpty()) {
      return; // a session without identifier cannot be resumed
    }
    DatagramWriter writer = new DatagramWriter(256, true);
    try {
      session.writeTo(writer);
      cache.put(id.getBytes(), writer.toByteArray());
    } catch (RuntimeException e) {
      LOG.warn("cannot share DTLS session {} with the other nodes (a device moving to one handshakes in full): {}", id, e.toString());
    } finally {
      writer.close(); // clears the copy of the master secret
    }
  }

  @Override
  public DTLSSession get(SessionId id) {
    try {
      Optional<byte[]> state = cache.get(id.getBytes());
      return state.map(bytes -> DTLSSession.fromReader(new DatagramReader(bytes))).orElse(null);
    } catch (RuntimeException e) {
      LOG.warn("cannot read shared DTLS session {} (the device handshakes in full): {}", id, e.toString());
      return null;
    }
  }

  @Override
  public void remove(SessionId id) {
    try {
      cache.remove(id.getBytes());
    } catch (RuntimeException e) {
      LOG.debug("cannot forget shared DTLS session {}: {}", id, e.toString());
    }
  }
}
