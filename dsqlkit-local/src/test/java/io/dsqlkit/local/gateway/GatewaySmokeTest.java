package io.dsqlkit.local.gateway;

import io.dsqlkit.local.DsqlLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class GatewaySmokeTest {
    static DsqlLocal local;

    @BeforeAll
    static void start() {
        local = DsqlLocal.start();
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    @Test
    void selectsThroughTheGateway() throws Exception {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT 1 + 1, current_user, current_database()");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.getString(2)).isEqualTo("admin");
            assertThat(rs.getString(3)).isEqualTo("postgres");
            s.execute("CREATE TABLE smoke_t (id int PRIMARY KEY, v text)");
            assertThat(s.executeUpdate("INSERT INTO smoke_t VALUES (1, 'a'), (2, 'b')")).isEqualTo(2);
            rs = s.executeQuery("SELECT count(*) FROM smoke_t");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }
}
