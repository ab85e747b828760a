package io.dsqlkit.local.junit;

import io.dsqlkit.local.DsqlLocal;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link DsqlLocal} into test constructors, lifecycle and test methods: an application's
 * tests get a local Aurora DSQL without Docker or AWS.
 * <pre>{@code
 * @ExtendWith(DsqlLocalExtension.class)
 * class OrderRepositoryTest {
 *     @Test
 *     void saves(DsqlLocal dsql) throws SQLException {
 *         try (Connection c = dsql.connect()) { ... }
 *     }
 * }
 * }</pre>
 * One instance per test run (started on first use, stopped when the run ends), shared by all classes
 * that use the extension: tests should create uniquely named tables.
 */
public final class DsqlLocalExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DsqlLocalExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == DsqlLocal.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // Stored in the root context: JUnit closes AutoCloseable store values when the run ends.
        return extensionContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(DsqlLocal.class, k -> DsqlLocal.start(), DsqlLocal.class);
    }
}
