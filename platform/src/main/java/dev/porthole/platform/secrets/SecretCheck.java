package dev.porthole.platform.secrets;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("secret_check")
record SecretCheck(@Id Integer id, String sealed) {
    static final int ID = 1;
}
