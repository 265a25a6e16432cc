package org.lwm2m4j.client.object.standard;

import java.util.ArrayList;
import java.util.List;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;

/**
 * The Connectivity Monitoring object's instance {@code /4/0}: the bearer in use and those
 * available, signal figures, IP and router addresses, APNs and the serving cell. It starts as a
 * wired (Ethernet) link with the host's addresses; the mandatory resources are always present, the
 * optional ones once the application sets them. Each setter tells observers when the value differs.
 *
 * <p>All resources are read-only for servers. Thread-safe.
 */
public final class ConnectivityMonitoringInstance extends ChangeReportingInstance {
  /** Network Bearer (0) values: a few common ones of 0..50. */
  public static final int BEARER_GSM = 0;
  public static final int BEARER_WCDMA = 2;
  public static final int BEARER_LTE_TDD = 5;
  public static final int BEARER_LTE_FDD = 6;
  public static final int BEARER_NB_IOT = 7;
  public static final int BEARER_5G_NR_TDD = 8;
  public static final int BEARER_5G_NR_FDD = 9;
  public static final int BEARER_WLAN = 21;
  public static final int BEARER_BLUETOOTH = 22;
  public static final int BEARER_IEEE_802_15_4 = 23;
  public static final int BEARER_ETHERNET = 41;
  public static final int BEARER_DSL = 42;
  public static final int BEARER_PLC = 43;

  static final int NETWORK_BEARER = 0;
  static final int AVAILABLE_BEARERS = 1;
  static final int SIGNAL_STRENGTH = 2;
  static final int LINK_QUALITY = 3;
  static final int IP_ADDRESSES = 4;
  static final int ROUTER_IP_ADDRESSES = 5;
  static final int LINK_UTILIZATION = 6;
  static final int APN = 7;
  static final int CELL_ID = 8;
  static final int SMNC = 9;
  static final int SMCC = 10;
  static final int SIGNAL_SNR = 11;
  static final int LAC = 12;
  static final int COVERAGE_ENHANCEMENT_LEVEL = 13;

  private static final int MAX_BEARER = 50;

  /** An Ethernet link with this host's IP addresses (loopback if it has none). */
  public ConnectivityMonitoringInstance() {
    this(BEARER_ETHERNET, HostAddresses.find());
  }

  /**
   * A link on {@code networkBearer} (also the only available bearer) with these addresses and a
   * Radio Signal Strength of 0 dBm until set — the resource is mandatory, and wired links have no
   * radio to measure.
   *
   * @throws IllegalArgumentException if the bearer is not 0..50 or no address is given
   */
  public ConnectivityMonitoringInstance(int networkBearer, List<String> ipAddresses) {
    super(0, List.of(
        SingleResource.of(NETWORK_BEARER, Value.ofInteger(checkBearer(networkBearer))),
        integers(AVAILABLE_BEARERS, List.of(networkBearer)),
        SingleResource.of(SIGNAL_STRENGTH, Value.ofInteger(0)),
        strings(IP_ADDRESSES, requireNonEmpty(ipAddresses, "IP Addresses"))));
  }

  /** Sets the bearer in use (0..50, see the {@code BEARER_} constants). */
  public void setNetworkBearer(int bearer) {
    update(SingleResource.of(NETWORK_BEARER, Value.ofInteger(checkBearer(bearer))));
  }

  /** Sets the bearers available now (each 0..50; at least one, the resource being mandatory). */
  public void setAvailableNetworkBearers(List<Integer> bearers) {
    requireNonEmpty(bearers, "Available Network Bearer").forEach(ConnectivityMonitoringInstance::checkBearer);
    update(integers(AVAILABLE_BEARERS, bearers));
  }

  /** Sets Radio Signal Strength in dBm (RSSI, RSCP, RSRP or NRSRP by bearer). */
  public void setSignalStrength(int dbm) {
    update(SingleResource.of(SIGNAL_STRENGTH, Value.ofInteger(dbm)));
  }

  /** Sets Link Quality (LQI, RxQual, RSRQ or NRSRQ by bearer). */
  public void setLinkQuality(int quality) {
    update(SingleResource.of(LINK_QUALITY, Value.ofInteger(quality)));
  }

  /** Sets the interface's IP addresses (at least one, the resource being mandatory). */
  public void setIpAddresses(List<String> addresses) {
    update(strings(IP_ADDRESSES, requireNonEmpty(addresses, "IP Addresses")));
  }

  /** Sets the next-hop routers' addresses; an empty list removes the resource. */
  public void setRouterIpAddresses(List<String> addresses) {
    setOptionalStrings(ROUTER_IP_ADDRESSES, addresses);
  }

  /** Sets Link Utilization, 0..100 %. */
  public void setLinkUtilization(int percent) {
    update(SingleResource.of(LINK_UTILIZATION, Value.ofInteger(checkRange(percent, 0, 100, "Link Utilization"))));
  }

  /** Sets the access point names in use; an empty list removes the resource. */
  public void setApns(List<String> apns) {
    setOptionalStrings(APN, apns);
  }

  /** Sets the serving cell's id. */
  public void setCellId(long cellId) {
    update(SingleResource.of(CELL_ID, Value.ofInteger(cellId)));
  }

  /** Sets the serving network's mobile country code (SMCC, 0..999) and network code (SMNC, 0..999). */
  public void setServingNetwork(int mcc, int mnc) {
    update(SingleResource.of(SMCC, Value.ofInteger(checkRange(mcc, 0, 999, "SMCC"))),
        SingleResource.of(SMNC, Value.ofInteger(checkRange(mnc, 0, 999, "SMNC"))));
  }

  /** Sets SignalSNR (SINR) in dB. */
  public void setSignalSnr(int db) {
    update(SingleResource.of(SIGNAL_SNR, Value.ofInteger(db)));
  }

  /** Sets the Location Area Code. */
  public void setLac(int lac) {
    update(SingleResource.of(LAC, Value.ofInteger(lac)));
  }

  /** Sets Coverage Enhancement Level, 0..4 (0 none, 1..4 CE level 0..3). */
  public void setCoverageEnhancementLevel(int level) {
    update(SingleResource.of(COVERAGE_ENHANCEMENT_LEVEL, Value.ofInteger(checkRange(level, 0, 4, "Coverage Enhancement Level"))));
  }

  private void setOptionalStrings(int id, List<String> values) {
    if (values.isEmpty()) {
      clear(id);
    } else {
      update(strings(id, values));
    }
  }

  private static int checkBearer(int bearer) {
    return checkRange(bearer, 0, MAX_BEARER, "Network Bearer");
  }

  private static int checkRange(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", not " + value);
    }
    return value;
  }

  private static <T> List<T> requireNonEmpty(List<T> values, String name) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException(name + " is mandatory: give at least one value");
    }
    return values;
  }

  private static LwM2mResource integers(int id, List<Integer> values) {
    List<LwM2mResourceInstance> instances = new ArrayList<>();
    for (int value : values) {
      instances.add(LwM2mResourceInstance.of(instances.size(), Value.ofInteger(value)));
    }
    return new MultipleResource(id, ResourceType.INTEGER, instances);
  }

  private static LwM2mResource strings(int id, List<String> values) {
    List<LwM2mResourceInstance> instances = new ArrayList<>();
    for (String value : values) {
      instances.add(LwM2mResourceInstance.of(instances.size(), Value.of(value)));
    }
    return new MultipleResource(id, ResourceType.STRING, instances);
  }
}
