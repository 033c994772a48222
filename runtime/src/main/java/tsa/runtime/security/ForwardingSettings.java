package tsa.runtime.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Which peers may tell this service who the client is ({@code X-Forwarded-For}). */
@ConfigMapping(prefix = "tsa.http.forwarding")
public interface ForwardingSettings {

    /**
     * The ingress's addresses: IP addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}). A connection from
     * anywhere else is the client itself, whatever it forwards.
     */
    @WithDefault("127.0.0.1")
    List<String> trustedProxies();
}
