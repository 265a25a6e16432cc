/**
 * Object models: {@link org.lwm2m4j.core.model.ObjectModelRegistry} holds every OMA registry
 * object bundled (parsed on first use) plus definitions loaded from DDF XML by {@link
 * org.lwm2m4j.core.model.DdfParser}; codecs look models up through {@link
 * org.lwm2m4j.core.model.ModelLookup}, per client version where it announced one.
 */
package org.lwm2m4j.core.model;
