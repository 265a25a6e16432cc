package org.lwm2m4j.client;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.lwm2m4j.client.bootstrap.BootstrapClient;
import org.lwm2m4j.client.dm.InboundChannels;
import org.lwm2m4j.client.dm.SmsScope;
import org.lwm2m4j.client.registration.AwakeWindow;
import org.lwm2m4j.client.registration.RegistrationEngine;
import org.lwm2m4j.client.registration.ServerAccount;

/**
 * The client's {@link InboundChannels} from its accounts: by SMS, a server whose traffic goes by
 * SMS may ask anything and one that only wakes the client that way only the trigger; over IP, a
 * queue-mode client answers only inside its {@link AwakeWindow} — but always its Bootstrap-Server,
 * whose session follows the client's own Bootstrap-Request.
 */
final class ClientChannels implements InboundChannels {
  private final RegistrationEngine engine;
  private final BootstrapClient bootstrap;
  private final AwakeWindow awake;

  ClientChannels(RegistrationEngine engine, BootstrapClient bootstrap, AwakeWindow awake) {
    this.engine = engine;
    this.bootstrap = bootstrap;
    this.awake = awake;
  }

  @Override
  public Optional<SmsScope> smsScope(String msisdn) {
    return engine.accountWithSmsNumber(msisdn).filter(ServerAccount::reachableBySms)
        .map(account -> account.overSms() ? SmsScope.ALL_OPERATIONS : SmsScope.TRIGGER_ONLY);
  }

  @Override
  public boolean admitOverIp(InetSocketAddress peer) {
    return !engine.inQueueMode() || awake.admit() || bootstrap.isBootstrapServer(peer);
  }
}
