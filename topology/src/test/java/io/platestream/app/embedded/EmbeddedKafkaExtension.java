package io.platestream.app.embedded;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one {@link EmbeddedKafkaCluster} per test class (before any {@code @BeforeAll}) and
 * stops it after the class. Test constructors, lifecycle methods and test methods receive it as a parameter:
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedKafkaExtension.class)
 * class SomethingIntegrationTest {
 *     @Test
 *     void works(EmbeddedKafkaCluster kafka) { ... kafka.bootstrapServers() ... }
 * }
 * }</pre>
 *
 * Tests in one class share the broker, so each should use its own topics or application id (or call
 * {@link EmbeddedKafkaCluster#deleteAllUserTopics()}).
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);
    private static final String KEY = "cluster";

    /** Owns the cluster in the class-level store, which closes it when the class is done. */
    private record Running(EmbeddedKafkaCluster cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            cluster.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }

    /** The cluster of the test class of {@code context}, started on first use. */
    public static EmbeddedKafkaCluster cluster(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(KEY, key -> new Running(EmbeddedKafkaCluster.start()), Running.class)
                .cluster();
    }
}
