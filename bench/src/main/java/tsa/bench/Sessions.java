package tsa.bench;

import java.util.List;
import java.util.Map;
import tsa.testsupport.LocalSystem.Service;
import tsa.testsupport.demo.DemoData;

/**
 * The callers of the load: the demo data loaded through the services' APIs (admin, coaches, parents, enrollments,
 * appointments), then one fresh session per portal from the demo's printed sign-in links (admin, the first coach, the
 * first parent). {@link #renew} signs in again when a phase may outlast a session.
 */
final class Sessions {

    private final Api api;
    private final DemoData demo;
    private final DemoData.Loaded loaded;
    private volatile String admin;
    private volatile String coach;
    private volatile String parent;

    Sessions(Api api, DemoData demo) {
        this.api = api;
        this.demo = demo;
        this.loaded = demo.load();
        renew();
    }

    /**
     * New sessions when the sign-in mails arrive; otherwise the current ones stay (they live up to an hour, and after
     * the invitation load the mail queue may hold the link back for longer than the loader waits).
     */
    void renewIfPossible() {
        try {
            renew();
        } catch (RuntimeException e) {
            System.out.println("[bench] keeping the current sessions: " + e.getMessage());
        }
    }

    private void renew() {
        List<DemoData.SignInLink> links = demo.signInLinks();
        admin = redeem(links.get(0));
        coach = redeem(links.get(1));
        parent = redeem(links.get(2));
    }

    private String redeem(DemoData.SignInLink link) {
        return api.postJson(200, Service.ADMIN, "/api/auth/sessions", null, Map.of("token", link.token()))
                .path("accessToken")
                .asText();
    }

    String admin() {
        return admin;
    }

    String coach() {
        return coach;
    }

    String parent() {
        return parent;
    }

    String coachEmail() {
        return DemoData.COACHES.get(0);
    }

    String coachId() {
        return loaded.coachIds().get(coachEmail());
    }

    String parentEmail() {
        return DemoData.FAMILIES.get(0).parentEmail();
    }
}
