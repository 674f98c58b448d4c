/**
 * Kafka serdes for Avro records in the Confluent wire format: {@link io.platestream.schemas.serde.AvroSerdes} (topic
 * name strategy, schema registration or look-up, schema resolution on read) over {@link
 * io.platestream.schemas.serde.ConfluentWireFormat} (magic byte 0, 4-byte big-endian schema id, Avro binary body).
 */
package io.platestream.schemas.serde;
