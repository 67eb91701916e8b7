package dev.porthole.platform.hosts;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface HostShareRepository extends CrudRepository<HostShare, Long> {
    Optional<HostShare> findByHostIdAndUserId(long hostId, long userId);

    List<HostShare> findByUserId(long userId);

    List<HostShare> findByHostIdOrderById(long hostId);
}
