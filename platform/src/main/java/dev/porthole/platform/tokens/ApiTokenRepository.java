package dev.porthole.platform.tokens;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApiTokenRepository extends CrudRepository<ApiToken, Long> {
    List<ApiToken> findByUserIdOrderById(long userId);

    boolean existsByUserIdAndName(long userId, String name);

    long countByUserId(long userId);

    void updateLastUsedAt(@io.micronaut.data.annotation.Id Long id, Instant lastUsedAt);
}
