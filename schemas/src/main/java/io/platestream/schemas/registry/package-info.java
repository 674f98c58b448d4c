/**
 * The Confluent Schema Registry protocol, without Confluent's jars: the {@link
 * io.platestream.schemas.registry.SchemaRegistryClient} interface, a REST client for a real registry ({@link
 * io.platestream.schemas.registry.RestSchemaRegistryClient}, configured by {@link
 * io.platestream.schemas.registry.RegistryConfig} keys), an in-process registry for tests and demos ({@link
 * io.platestream.schemas.registry.InMemorySchemaRegistry}), and Avro compatibility checking ({@link
 * io.platestream.schemas.registry.AvroCompatibility}, {@link io.platestream.schemas.registry.SchemaSets}).
 */
package io.platestream.schemas.registry;
