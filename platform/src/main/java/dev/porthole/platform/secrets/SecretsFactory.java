package dev.porthole.platform.secrets;

import com.nimbusds.jose.JWSAlgorithm;
import dev.porthole.platform.config.PortholeConfiguration;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Base64;

@Factory
class SecretsFactory {

    @Singleton
    MasterKey masterKey(PortholeConfiguration configuration) {
        return MasterKey.loadOrCreate(configuration.resolvedMasterKeyFile());
    }

    /**
     * Signs and verifies session JWTs (HS256) with a key derived from the master key: sessions survive restarts and
     * there is no second secret file to protect. Named "generator" because Micronaut's token generator silently
     * issues unsigned tokens when no signer of that name exists.
     */
    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration jwtSignature(MasterKey masterKey) {
        SecretSignatureConfiguration key = new SecretSignatureConfiguration("generator");
        key.setJwsAlgorithm(JWSAlgorithm.HS256);
        key.setSecret(Base64.getEncoder().encodeToString(masterKey.derive("porthole/jwt-signing/v1")));
        key.setBase64(true);
        return new SecretSignature(key);
    }
}
