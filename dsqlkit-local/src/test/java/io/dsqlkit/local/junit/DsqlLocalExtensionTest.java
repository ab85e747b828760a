package io.dsqlkit.local.junit;

import io.dsqlkit.local.DsqlLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(DsqlLocalExtension.class)
class DsqlLocalExtensionTest {
    private final DsqlLocal constructorInjected;

    DsqlLocalExtensionTest(DsqlLocal local) {
        this.constructorInjected = local;
    }

    @Test
    void injectsOneSharedLocalDsqlThatBehavesLikeDsql(DsqlLocal local) throws SQLException {
        assertThat(local).isSameAs(constructorInjected);
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("16.15");
            }
            // dsql-facts §1.1: rejected like DSQL, not like PostgreSQL
            assertThatThrownBy(() -> s.execute("CREATE EXTENSION pgcrypto"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
        }
    }
}
