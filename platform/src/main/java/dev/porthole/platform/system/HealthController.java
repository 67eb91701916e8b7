package dev.porthole.platform.system;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** {@code UP} (200) while the database answers, {@code DOWN} (503) when it does not. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class HealthController {
    private final DataSource dataSource;

    HealthController(DataSource dataSource) {
        // the raw pool: Micronaut Data's contextual proxy only works inside a transaction or @Connectable
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Serdeable
    record Health(String status) {}

    @Get("/health")
    HttpResponse<Health> health() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(2)) {
                return HttpResponse.ok(new Health("UP"));
            }
        } catch (SQLException e) {
            // reported as DOWN below; the pool logs the cause
        }
        return HttpResponse.<Health>status(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Health("DOWN"));
    }
}
