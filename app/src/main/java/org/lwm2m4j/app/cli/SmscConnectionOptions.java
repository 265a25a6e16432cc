package org.lwm2m4j.app.cli;

import org.lwm2m4j.transport.sms.SmppSettings;
import picocli.CommandLine.Option;

/**
 * How a command reaches an SMSC over SMPP: {@code --smpp HOST:PORT}, {@code --smpp-system-id} and
 * {@code --smpp-password}, shared by {@code lwm2m server} and {@code lwm2m client} so that both take
 * and check them alike. The command adds its own number, which it binds as.
 */
public final class SmscConnectionOptions {
  @Option(names = "--smpp", paramLabel = "HOST:PORT",
      description = "the SMSC to send and receive SMS through, over SMPP 3.4 (bound as transceiver), e.g. 127.0.0.1:2775 for './lwm2m smsc'")
  String address;

  @Option(names = "--smpp-system-id", defaultValue = "lwm2m4j", paramLabel = "ID",
      description = "the system_id to bind to the SMSC with (default ${DEFAULT-VALUE})")
  String systemId;

  /** Where the password may come from instead of the command line, which every user of the machine can read. */
  public static final String PASSWORD_ENVIRONMENT = "LWM2M_SMPP_PASSWORD";

  @Option(names = "--smpp-password", defaultValue = "${env:" + PASSWORD_ENVIRONMENT + ":-}", paramLabel = "PW",
      description = "the password to bind to the SMSC with (at most 8 characters; default: $" + PASSWORD_ENVIRONMENT + ", else none)")
  String password;

  /** Whether {@code --smpp} was given. */
  public boolean given() {
    return address != null;
  }

  /**
   * The settings to bind to the SMSC as {@code ownNumber}.
   *
   * @param numberOption the option that gave {@code ownNumber}, named in errors
   * @throws BadInputException naming the option that is wrong
   */
  public SmppSettings settings(String ownNumber, String numberOption) {
    if (address == null) {
      throw new BadInputException(numberOption + " needs --smpp HOST:PORT, the SMSC to send and receive SMS through");
    }
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new BadInputException("--smpp takes HOST:PORT, e.g. 127.0.0.1:2775; got '" + address + "'");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new BadInputException("--smpp: the port is 1..65535, got '" + address.substring(colon + 1) + "'", e);
    }
    if (port < 1 || port > 65535) {
      throw new BadInputException("--smpp: the port is 1..65535, got '" + port + "'");
    }
    try {
      return SmppSettings.of(host, port, systemId, password, ownNumber);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage().replace("the SMPP password", "--smpp-password").replace("the SMPP system-id",
          "--smpp-system-id").replace("' is not an MSISDN", "' (" + numberOption + ") is not an MSISDN"), e);
    }
  }
}
