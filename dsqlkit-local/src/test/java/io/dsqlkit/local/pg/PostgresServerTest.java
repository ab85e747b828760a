package io.dsqlkit.local.pg;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresServerTest {
    @Test
    void startsPostgres16AndDeletesEphemeralDataOnClose() throws Exception {
        java.nio.file.Path data;
        try (PostgresServer pg = PostgresServer.start(PostgresServer.Options.ephemeral())) {
            data = pg.dataDir();
            try (Connection c = pg.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW server_version_num")) {
                rs.next();
                assertThat(rs.getInt(1)).isBetween(160000, 169999);
            }
        }
        assertThat(data).doesNotExist();
    }
}
