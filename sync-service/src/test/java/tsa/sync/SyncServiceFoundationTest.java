package tsa.sync;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ServiceFoundationTests;

@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class SyncServiceFoundationTest extends ServiceFoundationTests {

    @Override
    protected String service() {
        return "sync-service";
    }

    @Override
    protected String prefix() {
        return "/api/sync";
    }

    @Override
    protected java.util.List<String> standardsPathPrefixes() {
        return java.util.List.of("/ims/oneroster/", "/edfi");
    }

    @Override
    protected String ownedTable() {
        return "organizations-dev";
    }
}
