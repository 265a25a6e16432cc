package org.lwm2m4j.bench.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.NodeCodec;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode and decode throughput of the multi-value formats for two shapes: the Device object
 * instance {@code /3/0} of the spec's Read example (15 resources, several multiple), and a
 * Temperature object {@code /3303} with 100 instances of 5 resources each.
 *
 * <pre>java -jar bench/target/benchmarks.jar CodecBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  @Param({"tlv", "senml-json", "senml-cbor", "lwm2m-cbor"})
  public String format;

  @Param({"device", "temperature100"})
  public String shape;

  private NodeCodec codec;
  private ModelLookup models;
  private LwM2mPath path;
  private LwM2mNode node;
  private byte[] payload;

  @Setup
  public void setUp() {
    codec = NodeCodecs.standard().codec(ContentFormat.fromShortName(format).orElseThrow()).orElseThrow();
    models = ObjectModelRegistry.bundled();
    if (shape.equals("device")) {
      path = LwM2mPath.of(3, 0);
      node = deviceInstance();
    } else {
      path = LwM2mPath.of(3303);
      node = temperatures(100);
    }
    payload = codec.encode(node, path, models);
    if (!codec.decode(payload, path, models).equals(node)) {
      throw new IllegalStateException(format + " does not round-trip the " + shape + " shape");
    }
  }

  @Benchmark
  public byte[] encode() {
    return codec.encode(node, path, models);
  }

  @Benchmark
  public LwM2mNode decode() {
    return codec.decode(payload, path, models);
  }

  /** The Device instance of the spec's Read /3/0 example, plus a few more resources. */
  static LwM2mObjectInstance deviceInstance() {
    return LwM2mObjectInstance.of(0,
        SingleResource.of(0, Value.of("Open Mobile Alliance")),
        SingleResource.of(1, Value.of("Lightweight M2M Client")),
        SingleResource.of(2, Value.of("345000123")),
        SingleResource.of(3, Value.of("1.0")),
        ints(6, 1, 5),
        ints(7, 3800, 5000),
        ints(8, 125, 900),
        SingleResource.of(9, Value.ofInteger(100)),
        SingleResource.of(10, Value.ofInteger(15)),
        ints(11, 0),
        SingleResource.of(13, Value.ofTime(1367491215)),
        SingleResource.of(14, Value.of("+02:00")),
        SingleResource.of(15, Value.of("Europe/Berlin")),
        SingleResource.of(16, Value.of("U")),
        SingleResource.of(21, Value.ofInteger(2048)));
  }

  static LwM2mObject temperatures(int count) {
    List<LwM2mObjectInstance> instances = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      instances.add(LwM2mObjectInstance.of(i,
          SingleResource.of(5601, Value.ofFloat(-12.5 + i)),
          SingleResource.of(5602, Value.ofFloat(38.25 + i)),
          SingleResource.of(5700, Value.ofFloat(21.5 + i / 10.0)),
          SingleResource.of(5701, Value.of("Cel")),
          SingleResource.of(5750, Value.of("room " + i))));
    }
    return new LwM2mObject(3303, instances);
  }

  private static MultipleResource ints(int id, long... values) {
    List<LwM2mResourceInstance> instances = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      instances.add(LwM2mResourceInstance.of(i, Value.ofInteger(values[i])));
    }
    return new MultipleResource(id, ResourceType.INTEGER, instances);
  }
}
