package dev.porthole.platform.hosts;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface HostRepository extends CrudRepository<HostRow, Long> {
    List<HostRow> listOrderById();

    @Query("SELECT * FROM hosts WHERE owner_id = :userId"
            + " OR id IN (SELECT host_id FROM host_shares WHERE user_id = :userId) ORDER BY id")
    List<HostRow> listVisibleTo(long userId);

    boolean existsByOwnerIdAndName(long ownerId, String name);

    boolean existsByOwnerIdAndNameAndIdNotEqual(long ownerId, String name, Long id);

    List<HostRow> findByJumpHostId(Long jumpHostId);
}
