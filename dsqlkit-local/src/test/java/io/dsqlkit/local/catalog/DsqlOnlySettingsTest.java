package io.dsqlkit.local.catalog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which statements only set a DSQL-only parameter (answered without running), and their command tags. */
class DsqlOnlySettingsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "SET disable_sync_create_index = on                                   | SET",
            "SET SESSION disable_sync_create_index TO on                          | SET",
            "RESET disable_sync_create_index                                      | RESET",
            "ALTER ROLE admin SET disable_sync_create_index = on                  | ALTER ROLE",
            "ALTER USER \"admin\" SET dsql.enable_batched_nestloop = on            | ALTER ROLE",
            "ALTER ROLE app IN DATABASE postgres RESET dsql.enable_batched_nestloop | ALTER ROLE",
            "ALTER USER \"admin\" SET search_path = \"public\"                      | -",
            "ALTER ROLE admin RESET ALL                                           | -",
            "SET search_path = public                                             | -",
            "ALTER ROLE app RENAME TO app2                                        | -",
            "ALTER TABLE t SET (fillfactor = 50)                                  | -",
    })
    void recognises(String sql, String tag) {
        assertThat(DsqlOnlySettings.commandTag(SqlWords.scan(sql)).orElse(null)).isEqualTo(tag);
    }
}
