/**
 * DTLS handshake load: {@link org.lwm2m4j.bench.dtls.DtlsHandshakeLoad}, PSK handshakes per
 * second, full and resumed, against our server endpoint on 127.0.0.1. Not part of the product.
 */
package org.lwm2m4j.bench.dtls;
