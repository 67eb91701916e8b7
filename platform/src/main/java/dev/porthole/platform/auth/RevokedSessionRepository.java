package dev.porthole.platform.auth;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RevokedSessionRepository extends CrudRepository<RevokedSession, String> {
    List<RevokedSession> findByExpiresAtGreaterThan(Instant now);

    void deleteByExpiresAtLessThan(Instant now);
}
