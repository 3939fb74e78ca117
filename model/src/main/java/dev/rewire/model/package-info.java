/**
 * The shared contract of Rewire: one immutable record type per topic, the JSON serdes that put them on
 * the wire, topic names and article ids. Every other module depends on this one and on nothing else of
 * the project; nothing here knows about Kafka Streams, Jsoup or databases.
 */
package dev.rewire.model;
