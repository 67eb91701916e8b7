package dev.porthole.platform.users;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UserRepository extends CrudRepository<User, Long> {
    Optional<User> findByUsername(String username);

    boolean existsByUsername(String username);

    List<User> listOrderById();

    long countByRoleAndEnabled(Role role, boolean enabled);

    @Query("SELECT COUNT(*) FROM hosts WHERE owner_id = :userId")
    long countOwnedHosts(long userId);

    /** The hosts shared with the user, which lose that share when the user is deleted. */
    @Query("SELECT host_id FROM host_shares WHERE user_id = :userId ORDER BY host_id")
    List<Long> findSharedHostIds(long userId);
}
