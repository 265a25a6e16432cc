package org.lwm2m4j.client.registration;

import java.util.function.IntConsumer;
import org.lwm2m4j.client.security.SecureChannels;
import org.lwm2m4j.transport.CoapEndpoint;

/**
 * The CoAP channel to each server: the shared plain endpoint for {@code coap://} servers, a DTLS
 * endpoint of its own, with that server's credentials, for each {@code coaps://} one, and the SMS
 * endpoint for servers whose traffic goes by SMS ({@link ServerAccount#overSms()}).
 */
public interface AccountEndpoints {
  /**
   * The endpoint to reach {@code account} through, opened if needed.
   *
   * @throws IllegalStateException if the channel cannot be opened (bad credentials, no port)
   */
  CoapEndpoint endpointFor(ServerAccount account);

  /** Closes the channel of an account that is gone (the shared plain endpoint stays). */
  void release(ServerAccount account);

  /**
   * The security context the channel to {@code account} is in: a number that changes with each
   * full DTLS handshake (a new security context) and stays the same across resumed sessions; 0
   * for plain CoAP.
   */
  long securityContext(ServerAccount account);

  /**
   * Tells {@code listener} the Short Server ID of each server with which a full DTLS handshake has
   * just completed. Called on a DTLS thread: hand the work off.
   */
  void onNewSecurityContext(IntConsumer listener);

  /** The client's {@link SecureChannels}, by account. */
  static AccountEndpoints of(SecureChannels channels) {
    return new AccountEndpoints() {
      @Override
      public CoapEndpoint endpointFor(ServerAccount account) {
        if (account.overSms()) {
          return channels.smsEndpoint(account.shortServerId());
        }
        return channels.endpointFor(account.shortServerId(), account.uri(), account.credentials());
      }

      @Override
      public void release(ServerAccount account) {
        channels.release(account.shortServerId());
      }

      @Override
      public long securityContext(ServerAccount account) {
        return account.secure() && !account.overSms() ? channels.securityContext(account.shortServerId()) : 0L;
      }

      @Override
      public void onNewSecurityContext(IntConsumer listener) {
        channels.onNewSecurityContext(listener);
      }
    };
  }
}
