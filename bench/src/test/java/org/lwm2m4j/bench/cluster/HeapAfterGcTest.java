package org.lwm2m4j.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeapAfterGcTest {
  @Test
  void readsTheUsedHeapOfG1sLineInBytes() {
    String heapInfo = """
        12345:
         garbage-first heap   total 65536K, used 23456K [0x00000000e8000000, 0x0000000100000000)
          region size 1024K, 2 young (2048K), 0 survivors (0K)
         Metaspace       used 31000K, committed 31424K, reserved 1114112K
        """;

    assertThat(HeapAfterGc.usedBytes(heapInfo)).isEqualTo(23456L * 1024);
  }

  @Test
  void takesTheHeapLineEvenWhenMetaspaceComesFirst() {
    assertThat(HeapAfterGc.usedBytes(" Metaspace       used 31000K, committed 31424K\n garbage-first heap   total 1024K, used 7K [0x0"))
        .isEqualTo(7 * 1024L);
  }

  @Test
  void refusesAnAnswerWithoutAHeapLineNamingWhatItGot() {
    assertThatThrownBy(() -> HeapAfterGc.usedBytes("12345:\nCommand executed successfully\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Command executed successfully");
  }
}
