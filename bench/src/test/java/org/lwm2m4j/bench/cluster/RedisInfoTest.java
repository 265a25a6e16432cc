package org.lwm2m4j.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RedisInfoTest {
  private static final String MEMORY = "# Memory\r\nused_memory:1043376\r\nused_memory_human:1018.92K\r\nused_memory_rss:9371648\r\n"
      + "used_memory_peak:1043376\r\nmem_fragmentation_ratio:9.09\r\n";

  @Test
  void readsAWholeNumberFieldOfInfoMemory() {
    assertThat(RedisInfo.number(MEMORY, "used_memory")).hasValue(1043376);
    assertThat(RedisInfo.number(MEMORY, "used_memory_rss")).hasValue(9371648);
  }

  @Test
  void aFieldIsMatchedWholeNotByItsPrefix() {
    assertThat(RedisInfo.number("used_memory_human:1018.92K\nused_memory:5\n", "used_memory")).hasValue(5);
  }

  @Test
  void anAbsentOrFractionalFieldIsEmpty() {
    assertThat(RedisInfo.number(MEMORY, "used_cpu_sys")).isEqualTo(OptionalLong.empty());
    assertThat(RedisInfo.number(MEMORY, "mem_fragmentation_ratio")).isEqualTo(OptionalLong.empty());
    assertThat(RedisInfo.number(MEMORY, "# Memory")).isEqualTo(OptionalLong.empty());
  }
}
