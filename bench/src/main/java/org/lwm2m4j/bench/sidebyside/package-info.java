/**
 * The side-by-side benchmark: Leshan's server and ours, each in its own child JVM, driven by one
 * load generator in the parent, compared in a Markdown table (see {@link org.lwm2m4j.bench.sidebyside.SideBySide}).
 */
package org.lwm2m4j.bench.sidebyside;
