package dev.porthole.platform.ssh;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface HostKeyRepository extends CrudRepository<HostKeyRow, Long> {
    Optional<HostKeyRow> findByHostId(long hostId);

    void deleteByHostId(long hostId);
}
