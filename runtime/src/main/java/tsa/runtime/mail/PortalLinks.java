package tsa.runtime.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The three portals' base URLs; a link in a mail is {@code <portal base URL>/auth?token=<token>}. */
@ConfigMapping(prefix = "tsa.portals")
public interface PortalLinks {

    @WithDefault("http://localhost:3001")
    String admin();

    @WithDefault("http://localhost:3002")
    String coach();

    @WithDefault("http://localhost:3003")
    String parent();

    default String signInLink(String portal, String token) {
        String base = switch (portal) {
            case "admin" -> admin();
            case "coach" -> coach();
            case "parent" -> parent();
            default -> throw new IllegalArgumentException("unknown portal " + portal);
        };
        return base.replaceAll("/+$", "") + "/auth?token=" + token;
    }
}
