package org.lwm2m4j.transport.dtls;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.auth.X509CertPath;
import org.eclipse.californium.scandium.AlertHandler;
import org.eclipse.californium.scandium.ConnectionListener;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertLevel;
import org.eclipse.californium.scandium.dtls.ClientHandshaker;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each failed DTLS handshake once, at WARN under {@code org.lwm2m4j.dtls}, with the peer, the
 * identity and the reason in words. Scandium reports failures on three paths, none complete: a
 * failed handshake (certificates, keys, alerts received, timeouts), an alert it keeps to itself
 * (an unknown PSK identity is dropped silently, so as not to tell a prober which identities
 * exist), and a MAC error on the peer's Finished (a wrong PSK, dropped silently too). Each
 * handshake is logged on the first of them only.
 *
 * <p>A client learns nothing from a server that drops its Finished: it would retransmit for half
 * a minute. So a client PSK handshake whose Finished goes unanswered for one retransmission
 * timeout is failed at once with that reason, and the registration retries with back-off.
 */
final class HandshakeFailureLog {
  private static final Logger LOG = LoggerFactory.getLogger("org.lwm2m4j.dtls");
  /** The client's flight that carries its Finished in a full handshake (RFC 6347 §4.2.4). */
  private static final int CLIENT_FINISHED_FLIGHT = 5;

  private final Optional<String> ownPskIdentity;
  /** Handshakes already logged; weak, as Scandium drops a handshaker when it ends. */
  private final Map<Handshaker, Boolean> reported = Collections.synchronizedMap(new WeakHashMap<>());
  /** The connection whose records this thread processes now (Scandium runs one connection per task). */
  private final ThreadLocal<Connection> current = new ThreadLocal<>();
  /** The PSK identity our store did not know, on this thread, for the alert that follows at once. */
  private final ThreadLocal<String> unknownIdentity = new ThreadLocal<>();

  /** @param ownPskIdentity our PSK identity when we are the client with one key */
  HandshakeFailureLog(Optional<String> ownPskIdentity) {
    this.ownPskIdentity = ownPskIdentity;
  }

  /** Our PSK store found no key for {@code identity} (on the thread that handles the handshake). */
  void unknownIdentity(String identity) {
    unknownIdentity.set(identity);
  }

  /** A handshake failed: logged unless one of the other paths logged it already. */
  void handshakeFailed(Handshaker handshaker, Throwable error) {
    if (error instanceof HandshakeException handshake && handshake.getAlert() != null
        && handshake.getAlert().getDescription() == AlertDescription.CLOSE_NOTIFY) {
      return; // the peer ended the handshake politely: not a failure to explain
    }
    report(handshaker, handshaker.getPeerAddress(), identityOf(handshaker, error), reasonOf(error));
  }

  /** A flight went again: a client's Finished that a server left unanswered fails the handshake now. */
  void flightRetransmitted(Handshaker handshaker, int flight) {
    if (handshaker instanceof ClientHandshaker && flight == CLIENT_FINISHED_FLIGHT && handshaker.getSession().getCipherSuite() != null
        && handshaker.getSession().getCipherSuite().isPskBased()) {
      String who = ownPskIdentity.map(id -> "PSK identity '" + id + "'").orElse("our PSK identity");
      handshaker.handshakeFailed(new HandshakeException("DTLS handshake failed: the server does not answer our Finished: it does not know "
          + who + " or holds another key for it (wrong PSK?)", new AlertMessage(AlertLevel.FATAL, AlertDescription.HANDSHAKE_FAILURE)));
    }
  }

  /** Scandium's connection listener: records which connection a thread works on, and reports MAC errors in a handshake. */
  ConnectionListener connectionListener() {
    return new ConnectionListener() {
      @Override
      public void onConnectionEstablished(Connection connection) {}

      @Override
      public void onConnectionRemoved(Connection connection) {}

      @Override
      public boolean onConnectionUpdatesSequenceNumbers(Connection connection, boolean writeSequenceNumber) {
        return false;
      }

      @Override
      public boolean onConnectionMacError(Connection connection) {
        Handshaker handshaker = connection.getOngoingHandshake();
        if (handshaker != null && handshaker.getSession().getCipherSuite() != null && handshaker.getSession().getCipherSuite().isPskBased()) {
          report(handshaker, connection.getPeerAddress(), identityOf(handshaker, null),
              "bad key: the MAC check of the peer's Finished failed (wrong PSK)");
        }
        return false;
      }

      @Override
      public void beforeExecution(Connection connection) {
        current.set(connection);
      }

      @Override
      public void updateExecution(Connection connection) {
        current.set(connection);
      }

      @Override
      public void afterExecution(Connection connection) {
        current.remove();
        unknownIdentity.remove();
      }
    };
  }

  /** Scandium's alert handler: an unknown PSK identity is reported nowhere else. */
  AlertHandler alertHandler() {
    return (InetSocketAddress peer, AlertMessage alert) -> {
      if (alert.getDescription() != AlertDescription.UNKNOWN_PSK_IDENTITY) {
        return; // every other fatal alert also fails the handshake, and is logged there
      }
      String identity = Optional.ofNullable(unknownIdentity.get()).map(id -> "PSK identity '" + id + "'").orElse("a PSK identity");
      unknownIdentity.remove();
      Connection connection = current.get();
      Handshaker handshaker = connection == null ? null : connection.getOngoingHandshake();
      report(handshaker, peer, Optional.of(identity), "unknown PSK identity (no key for it)");
    };
  }

  private void report(Handshaker handshaker, InetSocketAddress peer, Optional<String> identity, String reason) {
    if (handshaker != null && reported.putIfAbsent(handshaker, Boolean.TRUE) != null) {
      return;
    }
    String where = peer == null ? "an unknown peer" : peer.getHostString() + ":" + peer.getPort();
    LOG.warn("DTLS handshake with {}{} failed: {}", where, identity.map(id -> " (" + id + ")").orElse(""), reason);
  }

  /** Who the peer said it was, or for a rejected certificate whose it was. */
  private Optional<String> identityOf(Handshaker handshaker, Throwable error) {
    Optional<String> rejected = rejectedCertificate(error).map(cert -> "certificate " + cert.getSubjectX500Principal().getName());
    if (rejected.isPresent()) {
      return rejected;
    }
    Principal peer = handshaker.getSession().getPeerIdentity();
    if (peer instanceof PreSharedKeyIdentity psk) {
      return Optional.of("PSK identity '" + psk.getIdentity() + "'");
    }
    if (peer instanceof RawPublicKeyIdentity rpk) {
      return Optional.of("RPK " + rpk.getName());
    }
    if (peer instanceof X509CertPath path && path.getTarget() != null) {
      return Optional.of("certificate " + path.getTarget().getSubjectX500Principal().getName());
    }
    if (handshaker instanceof ClientHandshaker && handshaker.getSession().getCipherSuite() != null
        && handshaker.getSession().getCipherSuite().isPskBased()) {
      return ownPskIdentity.map(id -> "PSK identity '" + id + "'");
    }
    return Optional.empty();
  }

  private static Optional<X509Certificate> rejectedCertificate(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof CertPathValidatorException invalid && invalid.getCertPath() != null && invalid.getIndex() >= 0
          && invalid.getIndex() < invalid.getCertPath().getCertificates().size()
          && invalid.getCertPath().getCertificates().get(invalid.getIndex()) instanceof X509Certificate cert) {
        return Optional.of(cert);
      }
    }
    return Optional.empty();
  }

  /** The reason a handshake failed, in words a user can act on. */
  static String reasonOf(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        return "certificate rejected: expired (" + t.getMessage() + ")";
      }
      if (t instanceof CertificateNotYetValidException) {
        return "certificate rejected: not yet valid (" + t.getMessage() + ")";
      }
      if (t instanceof CertPathValidatorException invalid && invalid.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
        return "certificate rejected: expired";
      }
      if (t instanceof CertPathValidatorException invalid && invalid.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
        return "certificate rejected: not yet valid";
      }
      if (t instanceof CertPathValidatorException) {
        return "certificate rejected: untrusted issuer (it does not chain to a trusted certificate)";
      }
    }
    String message = error.getMessage() == null ? "" : error.getMessage();
    if (message.startsWith("DTLS handshake failed: ")) {
      return message.substring("DTLS handshake failed: ".length());
    }
    if (message.contains("Raw public key is not trusted")) {
      return "RPK not trusted (the peer's public key is not among the trusted keys)";
    }
    if (message.contains("Certificate expired")) {
      return "certificate rejected: expired";
    }
    if (message.contains("Certificate chain could not be validated")) {
      return "certificate rejected: the chain could not be validated";
    }
    if (message.contains("doesn't match")) {
      return "certificate rejected: " + message;
    }
    if (message.contains("verification not enabled")) {
      return "the peer offered a credential type this endpoint does not accept (" + message + ")";
    }
    if (error instanceof HandshakeException handshake && handshake.getAlert() != null && message.startsWith("Received 'fatal alert")) {
      return "the peer refused the handshake: " + alertInWords(handshake.getAlert().getDescription());
    }
    if (message.contains("Wrong PSK identity or secret")) {
      return "no answer to our Finished: unknown PSK identity or wrong key";
    }
    if (message.isEmpty()) {
      return error.getClass().getSimpleName();
    }
    return message;
  }

  private static String alertInWords(AlertDescription description) {
    return switch (description) {
      case UNKNOWN_PSK_IDENTITY -> "unknown PSK identity";
      case BAD_RECORD_MAC, DECRYPT_ERROR -> "bad key (MAC check failed: wrong PSK?)";
      case BAD_CERTIFICATE -> "our certificate or public key was rejected (bad_certificate: not trusted?)";
      case CERTIFICATE_EXPIRED -> "our certificate was rejected: expired";
      case UNKNOWN_CA -> "our certificate was rejected: untrusted issuer (unknown_ca)";
      case UNSUPPORTED_CERTIFICATE -> "it does not accept our kind of credential (unsupported_certificate)";
      case HANDSHAKE_FAILURE -> "no cipher suite or credential in common (handshake_failure)";
      case ACCESS_DENIED -> "access denied";
      default -> description.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
