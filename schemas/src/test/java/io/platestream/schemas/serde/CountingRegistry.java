package io.platestream.schemas.serde;

import io.platestream.schemas.registry.CompatibilityLevel;
import io.platestream.schemas.registry.CompatibilityResult;
import io.platestream.schemas.registry.InMemorySchemaRegistry;
import io.platestream.schemas.registry.SchemaRegistryClient;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/** A real {@link InMemorySchemaRegistry} that counts the calls made to it, to observe the serdes' caching. */
final class CountingRegistry implements SchemaRegistryClient {
  final InMemorySchemaRegistry delegate = new InMemorySchemaRegistry();
  final AtomicInteger registers = new AtomicInteger();
  final AtomicInteger lookups = new AtomicInteger();
  final AtomicInteger getByIds = new AtomicInteger();

  @Override
  public int register(String subject, Schema schema) {
    registers.incrementAndGet();
    return delegate.register(subject, schema);
  }

  @Override
  public OptionalInt lookup(String subject, Schema schema) {
    lookups.incrementAndGet();
    return delegate.lookup(subject, schema);
  }

  @Override
  public Schema getById(int id) {
    getByIds.incrementAndGet();
    return delegate.getById(id);
  }

  @Override
  public CompatibilityResult testCompatibility(String subject, Schema schema) {
    return delegate.testCompatibility(subject, schema);
  }

  @Override
  public void setCompatibility(String subjectOrNullForGlobal, CompatibilityLevel level) {
    delegate.setCompatibility(subjectOrNullForGlobal, level);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
