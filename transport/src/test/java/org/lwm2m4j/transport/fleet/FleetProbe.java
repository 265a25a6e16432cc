package org.lwm2m4j.transport.fleet;

/** Run in a child JVM by {@link FleetSupportTest}: opens a fleet socket and prints what happened. */
final class FleetProbe {

  private FleetProbe() {}

  public static void main(String[] args) throws Exception {
    try (FleetSocket socket = FleetSocket.open(FleetSocketSettings.defaults())) {
      System.out.println("opened port " + socket.port());
    } catch (FleetUnavailableException e) {
      System.out.println("unavailable: " + e.getMessage());
    }
  }
}
