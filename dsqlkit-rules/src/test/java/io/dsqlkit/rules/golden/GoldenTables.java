package io.dsqlkit.rules.golden;

import org.junit.jupiter.params.provider.Arguments;

import java.util.stream.Stream;

/** The rule ids the change-surface golden tables cover (for the catalog-wide coverage test). */
public final class GoldenTables {
    private GoldenTables() {}

    public static Stream<String> flaggedIds() {
        return Stream.of(SessionRulesTest.flagged(), CreateIndexRulesTest.flagged(), AlterTableRulesTest.flagged())
                .flatMap(s -> s).map(Arguments::get).map(a -> (String) a[1]);
    }
}
