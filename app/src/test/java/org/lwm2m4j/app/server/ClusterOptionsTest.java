package org.lwm2m4j.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.lwm2m4j.server.store.redis.RedisUri;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.cli.BadInputException;
import picocli.CommandLine;

/** What {@code lwm2m server --store redis://… --node-id …} makes of its options, without starting a server. */
class ClusterOptionsTest {
  private static ServerCommand parsed(String... args) {
    ServerCommand command = new ServerCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void aRedisStoreMakesTheServerANodeNamedForItsHostAndCoapPortUnlessNamed() throws Exception {
    RedisNode node = parsed("--store", "redis://127.0.0.1:6379", "--coap-port", "5700").redisNode().orElseThrow();
    assertThat(node.redis()).isEqualTo(new RedisUri("127.0.0.1", 6379, 0));
    assertThat(node.id()).isEqualTo(InetAddress.getLocalHost().getHostName() + ":5700");

    RedisNode named = parsed("--store", "redis://redis.example:6380/3", "--node-id", "node-1").redisNode().orElseThrow();
    assertThat(named.redis()).isEqualTo(new RedisUri("redis.example", 6380, 3));
    assertThat(named.redis().toString()).isEqualTo("redis://redis.example:6380/3");
    assertThat(named.id()).isEqualTo("node-1");
    assertThat(parsed("--store", "redis://[::1]:6379/0").redisNode().orElseThrow().redis().host()).isEqualTo("::1");
  }

  @Test
  void sqliteAndMemoryStoresMakeNoNode() {
    assertThat(parsed().redisNode()).isEmpty();
    assertThat(parsed("--store", "memory").redisNode()).isEmpty();
  }

  @Test
  void aRedisUriThatIsNotHostPortAndDatabaseIsTheUsersToFix() {
    for (String bad : new String[] {"redis://", "redis://host", "redis://host:port", "redis://host:70000", "redis://host:6379/db",
        "redis://host:6379/-1", "rediss://host:6379", "redis://user:pw@host:6379", "redis://host:6379/0?timeout=1"}) {
      assertThatThrownBy(() -> parsed("--store", bad).redisNode()).as(bad).isInstanceOf(BadInputException.class)
          .hasMessage("--store: expected redis://HOST:PORT[/DB] (e.g. redis://127.0.0.1:6379/0), not '" + bad + "'");
    }
    assertThatThrownBy(() -> parsed("--store", "postgres").redisNode()).isInstanceOf(BadInputException.class)
        .hasMessage("--store takes sqlite, memory or redis://HOST:PORT[/DB], not 'postgres'");
  }

  @Test
  void aNodeIdNeedsARedisStoreAndAPlainName() {
    assertThatThrownBy(() -> parsed("--node-id", "n1").redisNode()).isInstanceOf(BadInputException.class)
        .hasMessage("--node-id names a node of a cluster: it needs --store redis://HOST:PORT[/DB]");
    assertThatThrownBy(() -> parsed("--store", "redis://h:1", "--node-id", "node 1").redisNode()).isInstanceOf(BadInputException.class)
        .hasMessage("--node-id takes 1 to 64 letters, digits, '.', '_', ':' or '-', not 'node 1'");
  }

  @Test
  void theDtlsClusterChannelIsOnTheCoapAddressAThousandPortsAboveDtlsUnlessGiven() {
    assertThat(parsed("--store", "redis://h:1", "--coap-address", "127.0.0.1", "--coaps-port", "5684").dtlsClusterAddress())
        .contains(new java.net.InetSocketAddress("127.0.0.1", 6684));
    // every interface is no address another node can send to
    assertThat(parsed("--store", "redis://h:1", "--coaps-port", "5700", "--cluster-dtls-port", "7000").dtlsClusterAddress())
        .contains(new java.net.InetSocketAddress("127.0.0.1", 7000));
    assertThat(parsed("--store", "redis://h:1", "--coaps-port", "-1").dtlsClusterAddress()).isEmpty();
    assertThat(parsed("--store", "redis://h:1", "--coap-address", "127.0.0.1", "--cluster-dtls-port", "0").dtlsClusterAddress()
        .orElseThrow().getPort()).isPositive();
    assertThatThrownBy(() -> parsed("--store", "redis://h:1", "--coaps-port", "65000").dtlsClusterAddress())
        .isInstanceOf(BadInputException.class).hasMessageContaining("--cluster-dtls-port");
  }
}
