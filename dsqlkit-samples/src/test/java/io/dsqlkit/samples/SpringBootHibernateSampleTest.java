package io.dsqlkit.samples;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.Credentials;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot + Hibernate application in the shape of AWS's Aurora DSQL Spring Boot sample (a pet-clinic style
 * entity over JPA, HikariCP whose password is a fresh SDK token per new connection, schema from schema.sql, OCC
 * conflicts retried as whole transactions), run unchanged against local DSQL with IAM and verified TLS.
 */
class SpringBootHibernateSampleTest {

    @Entity
    @Table(name = "owner")
    public static class Owner {
        @Id
        @GeneratedValue(strategy = GenerationType.UUID)
        UUID id;
        @Column(nullable = false) String name;
        @Column(nullable = false) String city;
        String telephone;
        @Column(nullable = false) int visits;

        protected Owner() {}

        Owner(String name, String city, String telephone) {
            this.name = name;
            this.city = city;
            this.telephone = telephone;
        }
    }

    public interface OwnerRepository extends JpaRepository<Owner, UUID> {
        List<Owner> findByCity(String city);
    }

    @SpringBootApplication
    @EntityScan(basePackageClasses = SpringBootHibernateSampleTest.class)
    @EnableJpaRepositories(basePackageClasses = SpringBootHibernateSampleTest.class, considerNestedRepositories = true)
    public static class PetClinicApplication {
        /** The AWS sample's data source: HikariCP, and every new physical connection asks for a new IAM token. */
        @Bean
        DataSource dataSource() {
            HikariDataSource ds = new HikariDataSource();
            ds.setCredentialsProvider(() -> Credentials.of("admin", SampleCluster.adminToken()));
            ds.setJdbcUrl(SampleCluster.jdbcUrl());
            ds.setMaximumPoolSize(4);
            ds.setMaxLifetime(50L * 60 * 1000); // under DSQL's 60-minute connection limit
            return ds;
        }
    }

    @Test
    void crudAndConcurrentUpdatesWithWholeTransactionRetry() throws Exception {
        SampleCluster.local();
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(PetClinicApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.jpa.hibernate.ddl-auto=none", "spring.sql.init.mode=always",
                        "spring.sql.init.schema-locations=classpath:samples/schema.sql", "spring.jpa.open-in-view=false",
                        "spring.main.banner-mode=off", "logging.level.root=WARN", "spring.liquibase.enabled=false")
                .run()) {
            OwnerRepository owners = ctx.getBean(OwnerRepository.class);
            TransactionTemplate tx = new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class));
            owners.deleteAll();
            owners.save(new Owner("George Franklin", "Madison", "6085551023"));
            owners.save(new Owner("Betty Davis", "Sun Prairie", "6085551749"));
            Owner jean = owners.save(new Owner("Jean Coleman", "Monona", "6085552654"));
            assertThat(owners.count()).isEqualTo(3);
            assertThat(owners.findByCity("Madison")).extracting(o -> o.name).containsExactly("George Franklin");

            // 4 threads x 5 visits on one row: the conflicts DSQL reports as 40001 are retried as whole transactions.
            AtomicInteger conflicts = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        retryOnConflict(conflicts, () -> tx.executeWithoutResult(s -> {
                            Owner o = owners.findById(jean.id).orElseThrow();
                            o.visits++;
                            owners.saveAndFlush(o);
                        }));
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) f.get();
            pool.shutdown();
            assertThat(owners.findById(jean.id).orElseThrow().visits).isEqualTo(20);
            owners.deleteAll();
            assertThat(owners.count()).isZero();
        }
    }

    private static void retryOnConflict(AtomicInteger conflicts, Runnable transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= 100 || !isSerializationFailure(e)) throw e;
                conflicts.incrementAndGet();
            }
        }
    }

    private static boolean isSerializationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyFailureException) return true;
            if (t instanceof SQLException s && "40001".equals(s.getSQLState())) return true;
        }
        return false;
    }
}
