/**
 * JMH benchmarks of the codecs: {@link org.lwm2m4j.bench.codec.CodecBenchmark}, encode and decode
 * throughput per multi-value format. Not part of the product.
 */
package org.lwm2m4j.bench.codec;
