package tsa.runtime.limit;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A call counts for the {@code sub} of its verified bearer token (an email for people, the name for services). */
@ApplicationScoped
@DefaultBean
public class TokenSubjects implements RateLimitCallers {

    @Inject
    JsonWebToken jwt;

    @Override
    public Optional<String> current() {
        if (jwt == null || jwt.getRawToken() == null || jwt.getSubject() == null) {
            return Optional.empty();
        }
        return Optional.of(jwt.getSubject());
    }
}
