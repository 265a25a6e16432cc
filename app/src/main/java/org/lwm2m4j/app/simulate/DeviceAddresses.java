package org.lwm2m4j.app.simulate;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.lwm2m4j.app.cli.BadInputException;

/**
 * The source address of every simulated device: device 0 at the first address, device {@code i}
 * at the {@code i}-th address after it, skipping addresses whose last octet is 0 or 255 (they look
 * like network and broadcast addresses to tools that read them), all inside 127.0.0.0/8, which is
 * loopback as a whole on Linux. 254 devices per /24.
 */
final class DeviceAddresses {
  private static final int HOSTS_PER_BLOCK = 254;

  /** The first address's /24 prefix, as a 24-bit number. */
  private final int firstBlock;
  /** The first address's last octet minus one: 0..253. */
  private final int firstHost;

  private DeviceAddresses(int firstBlock, int firstHost) {
    this.firstBlock = firstBlock;
    this.firstHost = firstHost;
  }

  /**
   * Addresses for {@code devices} devices from {@code first}.
   *
   * @param option the option that gave {@code first}, for messages
   * @throws BadInputException when {@code first} is not an IPv4 127.x.y.z address with a last octet
   *     of 1..254, or the fleet would run past 127.255.255.254
   */
  static DeviceAddresses from(String first, int devices, String option) {
    InetAddress address;
    try {
      // a literal only: a host name would be looked up, and no name is wanted here
      if (!first.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
        throw new UnknownHostException(first);
      }
      address = InetAddress.getByName(first);
    } catch (UnknownHostException e) {
      throw new BadInputException(option + " takes an IPv4 address in 127.0.0.0/8, e.g. 127.1.0.1, got '" + first + "'");
    }
    byte[] octets = ((Inet4Address) address).getAddress();
    int host = octets[3] & 0xff;
    if ((octets[0] & 0xff) != 127 || host == 0 || host == 255) {
      throw new BadInputException(option + " " + first + ": devices live on loopback, 127.0.0.1 to 127.255.255.254, "
          + "with a last octet of 1..254, e.g. 127.1.0.1");
    }
    int block = ((octets[0] & 0xff) << 16) | ((octets[1] & 0xff) << 8) | (octets[2] & 0xff);
    DeviceAddresses addresses = new DeviceAddresses(block, host - 1);
    if (devices > 0 && (addresses.blockOf(devices - 1) >> 16) != 127) {
      throw new BadInputException(option + " " + first + ": " + devices + " devices run past 127.255.255.254; start lower, e.g. 127.1.0.1");
    }
    return addresses;
  }

  /** The address of device {@code index} (0-based). */
  InetAddress of(int index) {
    int block = blockOf(index);
    int host = (firstHost + index) % HOSTS_PER_BLOCK + 1;
    byte[] octets = {(byte) (block >> 16), (byte) (block >> 8), (byte) block, (byte) host};
    try {
      return InetAddress.getByAddress(octets);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four octets are always an address", e);
    }
  }

  private int blockOf(int index) {
    return firstBlock + (int) (((long) firstHost + index) / HOSTS_PER_BLOCK);
  }
}
